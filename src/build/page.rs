//! The page Trunk staged, made the template of every page of the site:
//!
//! 1. Comments out: index.html's, the style element's and the page's JavaScript glue's
//!    comments say why for the people who read them; every reader downloads the built
//!    files, which drop them (the glue is rewritten, and the page's integrity attribute
//!    for it follows).
//! 2. One style element: Trunk inlines style/main.css into the page (`rel="inline"`);
//!    here it loses its white space, and a configured site's own rules
//!    ([`crate::site::branding::style_rules`]) join it, after the app's. A style sheet
//!    file was a request the first paint waited for: a round trip, 200 ms of a slow 4G
//!    phone's first paint with scripting off (docs/decisions/inline-style.md).
//!    [`super::policy`] allows the element by its hash.
//! 3. The app's own files asked for first: Trunk's preloads of the page's JavaScript and
//!    WebAssembly move to the top of the head, with `fetchpriority="high"`, so the browser
//!    asks for them as soon as it reads the head (docs/decisions/page-preloads-first.md).
//! 4. Under `trunk serve`, Trunk's live-reload script moves from inline to a file of the
//!    site's own ([`LIVE_RELOAD`]): the server fills its address in per request, so no
//!    hash computed by [`super::policy`] could match it, and the policy would block it.
//!
//! Pure text in, text out; the scanning is written out by hand (no regular expressions),
//! each function saying exactly what it matches.

use base64::Engine as _;
use sha2::{Digest as _, Sha384};

use super::BuildError;
use super::load::{LIVE_RELOAD, Staged};

/// What Trunk's live-reload script holds until its server fills it in.
const RELOAD_ADDRESS: &str = "'{{__TRUNK_ADDRESS__}}'";

/// The public path in Trunk's live-reload script, until its server fills it in.
const RELOAD_BASE: &str = "{{__TRUNK_WS_BASE__}}";

/// The staged page made the site's template, and the files it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The page: every page of the site is filled in from it.
    pub html: String,
    /// The staged files rewritten (the glue), by name at the site's root.
    pub rewritten: Vec<(String, String)>,
    /// Under `trunk serve`: the live-reload script, for [`LIVE_RELOAD`].
    pub live_reload: Option<String>,
    /// How many inline scripts the policy allows by hash (set by [`super::policy`]).
    pub inline_scripts: usize,
    /// How many style elements the policy allows by hash (set by [`super::policy`]).
    pub inline_styles: usize,
}

/// The site's template from what Trunk staged, under `public_path`, with the site's own
/// style rules, if it has any (steps 1–4 above).
///
/// # Errors
/// [`BuildError::Page`] when the page does not name a rewritten file by its integrity,
/// or does not hold exactly one style element, two preloads of the app's files and a
/// `<meta charset>`.
pub fn template(
    staged: &Staged,
    public_path: &str,
    site_rules: Option<&str>,
) -> Result<Page, BuildError> {
    let mut html = staged.page.clone();
    let mut rewritten = Vec::new();
    for (name, text) in &staged.linked {
        let after = strip_glue(text);
        let (before_sri, after_sri) = (integrity(text.as_bytes()), integrity(after.as_bytes()));
        if !html.contains(&before_sri) {
            return Err(BuildError::Page(format!(
                "names {name} without its integrity ({before_sri})"
            )));
        }
        html = html.replace(&before_sri, &after_sri);
        rewritten.push((name.clone(), after));
    }
    let html = strip_comments(&html);
    let html = one_style_element(&html, site_rules)?;
    let html = preloads_first(&html)?;
    let (html, live_reload) = live_reload(&html, public_path);
    Ok(Page {
        html,
        rewritten,
        live_reload,
        inline_scripts: 0,
        inline_styles: 0,
    })
}

/// The page with its one style element's rules minified ([`minify_css`]), `site_rules`
/// after them.
///
/// # Errors
/// [`BuildError::Page`] when the page holds no style element or more than one: the site's
/// rules would have no place, or the policy's hashes no single element to cover.
pub fn one_style_element(html: &str, site_rules: Option<&str>) -> Result<String, BuildError> {
    let parts = split_scripts_and_styles(html);
    let styles = parts
        .iter()
        .filter(|part| style_body(part).is_some())
        .count();
    if styles != 1 {
        return Err(BuildError::Page(format!(
            "has {styles} style elements, not 1 (style/main.css, inlined by Trunk)"
        )));
    }
    Ok(parts
        .into_iter()
        .map(|part| match style_body(part) {
            Some((open, body)) => {
                let rules = format!("{body}\n{}", site_rules.unwrap_or_default());
                format!("{open}{}</style>", minify_css(&rules))
            }
            None => part.to_owned(),
        })
        .collect())
}

/// A style element's opening tag and its body, when `part` is one (as
/// [`split_scripts_and_styles`] gives it).
fn style_body(part: &str) -> Option<(&str, &str)> {
    if !part.starts_with("<style") {
        return None;
    }
    let open_end = part.find('>')? + 1;
    let body = part.get(open_end..)?.strip_suffix("</style>")?;
    Some((part.get(..open_end)?, body))
}

/// The body of every style element of the page, in order.
pub fn inline_styles(html: &str) -> Vec<&str> {
    split_scripts_and_styles(html)
        .into_iter()
        .filter_map(|part| style_body(part).map(|(_, body)| body))
        .collect()
}

/// A subresource integrity value: `sha384-` and the base64 of the SHA-384 of `bytes`.
pub fn integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// White space as JavaScript's `\s` has it (what the rules below were first written with).
fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// `text` without its `open`…`close` spans, each ending at the first `close` after its
/// `open`; an `open` never closed stays.
fn remove_spans(text: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(open) {
        let after_open = rest.get(at + open.len()..).unwrap_or_default();
        let Some(end) = after_open.find(close) else {
            break;
        };
        out.push_str(rest.get(..at).unwrap_or_default());
        rest = after_open.get(end + close.len()..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// The style sheet without comments, every run of white space one space, and none around
/// `{`, `}`, `;` and `,` (a space before `:` stays: in a selector it means something).
/// The style sheet holds no strings with `/*`.
pub fn minify_css(css: &str) -> String {
    let css = remove_spans(css, "/*", "*/");
    let mut folded = String::with_capacity(css.len());
    for c in css.chars() {
        if is_space(c) {
            if !folded.ends_with(' ') {
                folded.push(' ');
            }
        } else {
            folded.push(c);
        }
    }
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if matches!(c, '{' | '}' | ';' | ',') {
            while out.ends_with(' ') {
                out.pop();
            }
            out.push(c);
        } else if c == ' ' && out.ends_with(['{', '}', ';', ',']) {
            continue;
        } else {
            out.push(c);
        }
    }
    out.trim_matches(is_space).to_owned()
}

/// Whether `c` ends a line for a line start (`^` in JavaScript's multi-line mode).
fn ends_line(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// The offsets where lines of `text` start.
fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(
        text.char_indices()
            .filter(|(_, c)| ends_line(*c))
            .map(|(at, c)| at + c.len_utf8()),
    )
}

/// wasm-bindgen's glue for the page without its JSDoc blocks (each on lines of its own:
/// a line starting, after spaces and tabs, with `/**`, through the first `*/` that only
/// spaces and tabs follow to the line's end) and without any line's indentation. Trunk's
/// own minifier cannot parse the glue.
pub fn strip_glue(js: &str) -> String {
    let mut kept = String::with_capacity(js.len());
    let mut from = 0;
    let starts: Vec<usize> = line_starts(js).collect();
    for &start in &starts {
        if start < from {
            continue;
        }
        let Some(end) = jsdoc_block_at(js, start) else {
            continue;
        };
        kept.push_str(js.get(from..start).unwrap_or_default());
        from = end;
    }
    kept.push_str(js.get(from..).unwrap_or_default());
    let mut out = String::with_capacity(kept.len());
    let mut at_line_start = true;
    for c in kept.chars() {
        if at_line_start && matches!(c, ' ' | '\t') {
            continue;
        }
        at_line_start = ends_line(c);
        out.push(c);
    }
    out
}

/// Where a JSDoc block starting at `start` (a line's start) ends, past its line's `\n`.
fn jsdoc_block_at(js: &str, start: usize) -> Option<usize> {
    let line = js.get(start..)?;
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    let body_start = start + indent + 3;
    if !line.get(indent..)?.starts_with("/**") {
        return None;
    }
    let mut search = body_start;
    loop {
        let close = search + js.get(search..)?.find("*/")?;
        let after = close + 2;
        let rest = js.get(after..)?;
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if rest.get(spaces..)?.starts_with('\n') {
            return Some(after + spaces + 1);
        }
        search = close + 1;
    }
}

/// `text` without every `\n` that white space alone separates from a later `\n`: a run of
/// blank lines becomes one line break (the last blank line's spaces stay).
fn fold_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\n') {
        out.push_str(rest.get(..=at).unwrap_or_default());
        let after = rest.get(at + 1..).unwrap_or_default();
        let run = after.len() - after.trim_start_matches(is_space).len();
        let last_break = after.get(..run).and_then(|r| r.rfind('\n'));
        rest = match last_break {
            Some(last) => after.get(last + 1..).unwrap_or_default(),
            None => after,
        };
    }
    out.push_str(rest);
    out
}

/// Whether `text` at `at` starts with `<name` followed by no word character.
fn tag_at(text: &str, at: usize, name: &str) -> bool {
    text.get(at..).is_some_and(|rest| {
        rest.strip_prefix('<')
            .and_then(|r| r.strip_prefix(name))
            .is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
    })
}

/// The end of the element `<name …>…</name>` starting at `at`, if it is one.
fn element_end(text: &str, at: usize, name: &str) -> Option<usize> {
    if !tag_at(text, at, name) {
        return None;
    }
    let rest = text.get(at..)?;
    let open_end = rest.find('>')? + 1;
    let close = format!("</{name}>");
    let body = rest.get(open_end..)?;
    Some(at + open_end + body.find(&close)? + close.len())
}

/// The page split into its script and style elements and the text between them, in order.
fn split_scripts_and_styles(html: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut from = 0;
    let mut at = 0;
    while let Some(found) = html.get(at..).and_then(|rest| rest.find('<')) {
        let start = at + found;
        match element_end(html, start, "script").or_else(|| element_end(html, start, "style")) {
            Some(end) => {
                parts.push(html.get(from..start).unwrap_or_default());
                parts.push(html.get(start..end).unwrap_or_default());
                from = end;
                at = end;
            }
            None => at = start + 1,
        }
    }
    parts.push(html.get(from..).unwrap_or_default());
    parts
}

/// Every file the page names with an `integrity` attribute: the `href` (or `src`) of each
/// `<link>` and `<script>` tag that has one, with the attribute's value, in order. Style
/// elements and script bodies are not read: only the tags of the page are.
pub fn named_by_integrity(html: &str) -> Vec<(&str, &str)> {
    let mut tags = Vec::new();
    for part in split_scripts_and_styles(html) {
        if part.starts_with("<script") {
            tags.extend(part.find('>').and_then(|end| part.get(..end)));
        } else if !part.starts_with("<style") {
            let mut at = 0;
            while let Some(offset) = part.get(at..).and_then(|rest| rest.find("<link")) {
                let start = at + offset;
                at = start + 1;
                if tag_at(part, start, "link") {
                    let end = part.get(start..).and_then(|rest| rest.find('>'));
                    tags.extend(end.and_then(|end| part.get(start..start + end)));
                }
            }
        }
    }
    tags.into_iter()
        .filter_map(|tag| {
            let file = attribute(tag, "href").or_else(|| attribute(tag, "src"))?;
            Some((file, attribute(tag, "integrity")?))
        })
        .collect()
}

/// The value of the attribute `name` among a tag's attributes (`name="…"`, spaces allowed
/// around `=`), where `name` follows white space: `data-name` and `xname` are other
/// attributes.
pub fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    attributes.match_indices(name).find_map(|(at, _)| {
        let after_space = attributes
            .get(..at)
            .and_then(|before| before.chars().next_back())
            .is_some_and(char::is_whitespace);
        if !after_space {
            return None;
        }
        let rest = attributes.get(at + name.len()..)?.trim_start();
        let rest = rest.strip_prefix('=')?.trim_start().strip_prefix('"')?;
        rest.get(..rest.find('"')?)
    })
}

/// The page without its comments: HTML comments outside scripts and styles, CSS comments
/// in style elements, and the blank lines they leave. Script bodies are left as they are
/// (a `//` may sit in a string there); elsewhere an HTML comment cannot be part of the
/// text, since the guide's text is escaped and its data block is percent-encoded.
pub fn strip_comments(html: &str) -> String {
    split_scripts_and_styles(html)
        .into_iter()
        .map(|part| {
            if part.starts_with("<style") {
                fold_blank_lines(&remove_spans(part, "/*", "*/"))
            } else if part.starts_with("<script") {
                part.to_owned()
            } else {
                fold_blank_lines(&remove_spans(part, "<!--", "-->"))
            }
        })
        .collect()
}

/// Whether `href` names the app's page JavaScript or WebAssembly
/// (`…guide-playground-<hex>.js`, `…guide-playground-<hex>_bg.wasm`).
fn is_app_file(href: &str) -> bool {
    let Some(stem) = href
        .strip_suffix("_bg.wasm")
        .or_else(|| href.strip_suffix(".js"))
    else {
        return false;
    };
    let hex_tail = stem.len()
        - stem
            .trim_end_matches(|c: char| c.is_ascii_digit() || ('a'..='f').contains(&c))
            .len();
    (1..=hex_tail).any(|digits| {
        stem.get(..stem.len() - digits)
            .is_some_and(|head| head.ends_with("guide-playground-"))
    })
}

/// The span of a preload of the app's own files starting at `at` (a `<link rel="preload"`
/// or `"modulepreload"` whose `href` [`is_app_file`], with the spaces and tabs before it
/// on its line and the line break after it), if one does.
fn app_preload_at(html: &str, at: usize) -> Option<(usize, usize)> {
    let rest = html.get(at..)?;
    let after_rel = [
        "<link rel=\"modulepreload\" href=\"",
        "<link rel=\"preload\" href=\"",
    ]
    .iter()
    .find_map(|open| rest.strip_prefix(open))?;
    let href_end = after_rel.find('"')?;
    if !is_app_file(after_rel.get(..href_end)?) {
        return None;
    }
    let tail = after_rel.get(href_end..)?;
    let close = tail.find('>')? + 1;
    let mut end = html.len() - tail.len() + close;
    if html.get(end..)?.starts_with('\n') {
        end += 1;
    }
    let head = html.get(..at)?;
    let start = head.trim_end_matches([' ', '\t']).len();
    Some((start, end))
}

/// The page with Trunk's two preloads of the app's files moved just after its
/// `<meta charset>`, each with `fetchpriority="high"`.
///
/// # Errors
/// [`BuildError::Page`] when there are not exactly two, or no `<meta charset>`.
pub fn preloads_first(html: &str) -> Result<String, BuildError> {
    let mut spans = Vec::new();
    let mut at = 0;
    while let Some(found) = html.get(at..).and_then(|rest| rest.find("<link ")) {
        let start = at + found;
        match app_preload_at(html, start) {
            Some(span) => {
                at = span.1;
                spans.push(span);
            }
            None => at = start + 1,
        }
    }
    if spans.len() != 2 {
        return Err(BuildError::Page(format!(
            "has {} preloads of the app's JavaScript and WebAssembly, not 2",
            spans.len()
        )));
    }
    let mut without = String::with_capacity(html.len());
    let mut from = 0;
    let mut links = String::new();
    for (start, end) in &spans {
        without.push_str(html.get(from..*start).unwrap_or_default());
        let link = html
            .get(*start..*end)
            .unwrap_or_default()
            .trim_matches(is_space);
        let link = link.strip_prefix("<link ").unwrap_or(link);
        links.push_str(&format!("<link fetchpriority=\"high\" {link}\n"));
        from = *end;
    }
    without.push_str(html.get(from..).unwrap_or_default());
    let charset = charset_meta(&without).ok_or_else(|| {
        BuildError::Page("has no <meta charset> to put the app's preloads after".to_owned())
    })?;
    Ok(without.replacen(&charset, &format!("{charset}{links}"), 1))
}

/// The page's first `<meta charset="…">`, with the line break after it if one follows.
fn charset_meta(html: &str) -> Option<String> {
    let open = "<meta charset=\"";
    let mut at = 0;
    while let Some(found) = html.get(at..).and_then(|rest| rest.find(open)) {
        let start = at + found;
        let value = html.get(start + open.len()..)?;
        if let Some(end) = value.find('"')
            && value.get(end..)?.starts_with("\">")
        {
            let mut stop = start + open.len() + end + 2;
            if html.get(stop..)?.starts_with('\n') {
                stop += 1;
            }
            return html.get(start..stop).map(str::to_owned);
        }
        at = start + 1;
    }
    None
}

/// An inline script of the page: `<script` whose attributes (up to the first `>`) hold no
/// `src=` at a word's start, its attributes and its body up to the first `</script>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InlineScript<'a> {
    /// Where the element starts and ends in the page.
    pub span: (usize, usize),
    /// Its attributes, as written.
    pub attributes: &'a str,
    /// Its body.
    pub body: &'a str,
}

/// Whether `attributes` hold `src=` at the start of a word.
fn has_src(attributes: &str) -> bool {
    attributes.match_indices("src=").any(|(at, _)| {
        let before = attributes.get(..at).and_then(|b| b.chars().next_back());
        // The attributes follow `<script`: a word character before `src` is
        // `…t` only at the very start.
        let before = if at == 0 { Some('t') } else { before };
        !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// Every inline script of the page, in order.
pub fn inline_scripts(html: &str) -> Vec<InlineScript<'_>> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = html.get(at..).and_then(|rest| rest.find("<script")) {
        let start = at + offset;
        let script = (|| {
            let rest = html.get(start + "<script".len()..)?;
            let open_end = rest.find('>')?;
            let attributes = rest.get(..open_end)?;
            if has_src(attributes) {
                return None;
            }
            let body_all = rest.get(open_end + 1..)?;
            let body_end = body_all.find("</script>")?;
            let end = html.len() - body_all.len() + body_end + "</script>".len();
            Some(InlineScript {
                span: (start, end),
                attributes,
                body: body_all.get(..body_end)?,
            })
        })();
        match script {
            Some(script) => {
                at = script.span.1;
                found.push(script);
            }
            None => at = start + 1,
        }
    }
    found
}

/// The page with Trunk's live-reload script (the inline script holding its address
/// marker) replaced by a script of `public_path` + [`LIVE_RELOAD`], and that file's text;
/// the page as it is when it has none (a release build).
pub fn live_reload(html: &str, public_path: &str) -> (String, Option<String>) {
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    let mut file = None;
    for script in inline_scripts(html) {
        if !script.body.contains(RELOAD_ADDRESS) {
            continue;
        }
        let text = script
            .body
            .replacen(RELOAD_ADDRESS, "window.location.host", 1)
            .replace(RELOAD_BASE, public_path);
        out.push_str(html.get(from..script.span.0).unwrap_or_default());
        out.push_str(&format!(
            "<script src=\"{public_path}{LIVE_RELOAD}\"></script>"
        ));
        from = script.span.1;
        file = Some(text);
    }
    out.push_str(html.get(from..).unwrap_or_default());
    (out, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_named_by_integrity_are_read_from_link_and_script_tags_only() {
        let html = "<head>\n<link rel=\"modulepreload\" href=\"/sub/a-0f.js\" crossorigin=\"anonymous\" integrity=\"sha384-A\">\n<link rel=\"preload\"\thref=\"/sub/a-0f_bg.wasm\" integrity=\"sha384-B\">\n<link rel=\"icon\" href=\"favicon.svg\">\n<linkage href=\"x\" integrity=\"no\">\n<style>a::after { content: '<link href=\"y\" integrity=\"no\">' }</style>\n<script type=\"module\" src=\"/sub/b.js\" integrity=\"sha384-C\"></script>\n<script>var s = '<link href=\"z\" integrity=\"no\">';</script>\n<img data-href=\"w\" integrity=\"no\">\n</head>";
        assert_eq!(
            named_by_integrity(html),
            [
                ("/sub/a-0f.js", "sha384-A"),
                ("/sub/a-0f_bg.wasm", "sha384-B"),
                ("/sub/b.js", "sha384-C"),
            ]
        );
        // `data-integrity` and `xhref` are other attributes; spaces may stand around `=`.
        assert_eq!(
            named_by_integrity("<link xhref=\"a\" data-integrity=\"b\" href=\"c\">"),
            []
        );
        assert_eq!(
            named_by_integrity("<link href = \"c\" integrity= \"d\">"),
            [("c", "d")]
        );
    }

    #[test]
    fn comments_go_from_the_page_and_its_style_but_never_from_a_script() {
        let html = "<head>\n  <!-- why -->\n  <style>a { b: c; } /* why */</style>\n  <script>\n  // a comment <!-- kept -->\n  var s = \"/* kept */\";\n  </script>\n</head>\n";
        assert_eq!(
            strip_comments(html),
            "<head>\n  <style>a { b: c; } </style>\n  <script>\n  // a comment <!-- kept -->\n  var s = \"/* kept */\";\n  </script>\n</head>\n"
        );
    }

    #[test]
    fn an_unclosed_comment_or_script_is_left_as_it_is() {
        assert_eq!(strip_comments("a <!-- open\n\n b"), "a <!-- open\n b");
        assert_eq!(
            strip_comments("<script>x <!-- y --> "),
            "<script>x <!-- y --> "
        );
    }

    #[test]
    fn the_style_sheet_loses_comments_and_space_but_not_a_space_before_a_colon() {
        assert_eq!(
            minify_css("/* why */\na ,\n b {\n  color : red;\n}\n\nc :hover { x: y }\n"),
            "a,b{color : red;}c :hover{x: y}"
        );
    }

    #[test]
    fn the_glue_loses_its_jsdoc_blocks_and_indentation_only() {
        let js = "/**\n * Doc.\n */\nexport function f() {\n    /** a\n     * b */  \n    return \"/** not */\";\n    /** inline */ return 1;\n}\n";
        assert_eq!(
            strip_glue(js),
            "export function f() {\nreturn \"/** not */\";\n/** inline */ return 1;\n}\n"
        );
    }

    #[test]
    fn the_app_s_preloads_move_first_in_the_head_asked_for_high() {
        let html = "<head>\n    <meta charset=\"utf-8\">\n    <title>t</title>\n    <link rel=\"modulepreload\" href=\"/guide-playground-0a1b.js\" crossorigin=\"anonymous\" integrity=\"x\">\n    <link rel=\"preload\" href=\"/guide-playground-0a1b_bg.wasm\" as=\"fetch\" type=\"application/wasm\">\n    <link rel=\"preload\" href=\"/parser-0a1b_bg.wasm\" as=\"fetch\">\n</head>";
        assert_eq!(
            preloads_first(html).expect("moved"),
            "<head>\n    <meta charset=\"utf-8\">\n<link fetchpriority=\"high\" rel=\"modulepreload\" href=\"/guide-playground-0a1b.js\" crossorigin=\"anonymous\" integrity=\"x\">\n<link fetchpriority=\"high\" rel=\"preload\" href=\"/guide-playground-0a1b_bg.wasm\" as=\"fetch\" type=\"application/wasm\">\n    <title>t</title>\n    <link rel=\"preload\" href=\"/parser-0a1b_bg.wasm\" as=\"fetch\">\n</head>"
        );
        let one = "<meta charset=\"utf-8\"><link rel=\"preload\" href=\"/guide-playground-0a1b_bg.wasm\">";
        assert!(
            preloads_first(one)
                .expect_err("one preload")
                .to_string()
                .contains("has 1 preloads")
        );
    }

    #[test]
    fn the_live_reload_script_becomes_a_file_under_the_public_path() {
        let html = "<script type=\"module\">start()</script><script>connect('{{__TRUNK_ADDRESS__}}', \"{{__TRUNK_WS_BASE__}}ws\")</script>";
        let (page, file) = live_reload(html, "/docs/");
        assert_eq!(
            page,
            "<script type=\"module\">start()</script><script src=\"/docs/trunk-live-reload.js\"></script>"
        );
        assert_eq!(
            file.as_deref(),
            Some("connect(window.location.host, \"/docs/ws\")")
        );
        assert_eq!(live_reload("<p>x</p>", "/"), ("<p>x</p>".to_owned(), None));
    }

    #[test]
    fn a_script_with_a_source_is_not_inline() {
        // `src=` at any word's start counts, `data-src=` too: no hash is computed for a
        // script that might not be inline.
        let html = "<script src=\"a.js\"></script><script type=\"module\">b</script><script data-src=\"x\">c</script><script\tsrc=\"c\"></script>";
        let bodies: Vec<&str> = inline_scripts(html).iter().map(|s| s.body).collect();
        assert_eq!(bodies, vec!["b"]);
    }

    #[test]
    fn a_rewritten_file_s_integrity_follows_it() {
        let glue = "/**\n * Why.\n */\n  start();\n";
        let staged = Staged {
            page: format!(
                "<meta charset=\"utf-8\">\n<style>a {{ b: c }}</style>\n<link rel=\"modulepreload\" href=\"/guide-playground-ab.js\" integrity=\"{}\">\n<link rel=\"preload\" href=\"/guide-playground-ab_bg.wasm\">\n",
                integrity(glue.as_bytes())
            ),
            linked: vec![("guide-playground-ab.js".to_owned(), glue.to_owned())],
            ..Staged::default()
        };
        let page = template(&staged, "/", None).expect("the template");
        assert_eq!(
            page.rewritten,
            vec![("guide-playground-ab.js".to_owned(), "start();\n".to_owned())]
        );
        assert!(
            page.html.contains(&integrity(b"start();\n")),
            "{}",
            page.html
        );
        let unnamed = Staged {
            page: "<meta charset=\"utf-8\">".to_owned(),
            ..staged
        };
        assert!(
            template(&unnamed, "/", None)
                .expect_err("not named")
                .to_string()
                .contains("guide-playground-ab.js")
        );
    }

    #[test]
    fn the_one_style_element_is_minified_with_the_site_s_rules_after_the_app_s() {
        let html =
            "<meta charset=\"utf-8\">\n<style>/* why */\na {\n  b: c;\n}\n</style>\n<p>x</p>";
        assert_eq!(
            one_style_element(html, None).expect("one"),
            "<meta charset=\"utf-8\">\n<style>a{b: c;}</style>\n<p>x</p>"
        );
        assert_eq!(
            one_style_element(html, Some(":root{--accent:#000}\n")).expect("one"),
            "<meta charset=\"utf-8\">\n<style>a{b: c;}:root{--accent:#000}</style>\n<p>x</p>"
        );
        assert_eq!(
            inline_styles(&one_style_element(html, None).expect("one")),
            vec!["a{b: c;}"]
        );
        for (page, count) in [("<p>x</p>", 0), ("<style>a{}</style><style>b{}</style>", 2)] {
            assert!(
                one_style_element(page, None)
                    .expect_err("refused")
                    .to_string()
                    .contains(&format!("has {count} style elements, not 1")),
                "{page}"
            );
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Text between elements: comment markers, blank lines and words, never a tag.
        fn text() -> impl Strategy<Value = String> {
            proptest::collection::vec(
                prop_oneof![
                    Just("<!--"),
                    Just("-->"),
                    Just("/*"),
                    Just("*/"),
                    Just("\n"),
                    Just("  "),
                    Just("x"),
                    Just("\u{3000}")
                ],
                0..12,
            )
            .prop_map(|tokens| tokens.concat())
        }

        /// A script's body: anything but its end tag, comment markers and blank lines too.
        fn body() -> impl Strategy<Value = String> {
            "[a-z/*!<>\\- \n\"'\u{e9}]{0,40}"
                .prop_filter("no end tag", |b| !b.contains("</script>"))
        }

        proptest! {
            #[test]
            fn no_script_body_is_ever_changed_by_taking_the_comments_out(
                parts in proptest::collection::vec((text(), body()), 0..6),
                tail in text(),
            ) {
                let mut html = String::new();
                for (text, body) in &parts {
                    html.push_str(text);
                    html.push_str(&format!("<script>{body}</script>"));
                }
                html.push_str(&tail);
                let stripped = strip_comments(&html);
                let bodies: Vec<&str> = inline_scripts(&stripped).iter().map(|s| s.body).collect();
                let expected: Vec<&str> = parts.iter().map(|(_, body)| body.as_str()).collect();
                prop_assert_eq!(bodies, expected);
            }

            #[test]
            fn the_page_s_text_steps_never_panic_and_never_grow_it(text in "\\PC{0,200}") {
                prop_assert!(strip_comments(&text).len() <= text.len());
                prop_assert!(minify_css(&text).len() <= text.len());
                prop_assert!(strip_glue(&text).len() <= text.len());
                let _ = preloads_first(&text);
                let _ = live_reload(&text, "/");
            }
        }
    }
}
