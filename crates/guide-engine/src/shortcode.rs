//! A lexer for Hugo shortcodes: `{{< name key="value" >}}`, `{{% name %}}`, closing
//! tags `{{< /name >}}` and the commented form `{{</* name */>}}`.
//!
//! It only finds shortcodes and their arguments; what a shortcode means is decided by
//! the expander. Anything that does not lex as a shortcode is left as text, so the
//! lexer never fails.
//!
//! # Linear time
//!
//! A guide is untrusted input, and a lexer that retries from every `{{<` can be made
//! to rescan the same text once per opener (200 kB of `{{<` used to take seconds). This
//! one reads a tag as a small state machine whose next step depends only on the state
//! and the position, never on where the tag started. So when an attempt reaches a
//! (state, position) an earlier attempt already passed through, the outcome is known:
//! the earlier attempt failed (had it succeeded, lexing would have resumed after it and
//! nothing would come back to that position), so this one fails too. Each (state,
//! position) is stepped through at most once, and lexing is linear in the input.

use std::ops::Range;

/// Which brackets a shortcode uses. `%` means "the output is markdown"; `<` means
/// "the output is used as is". The guide engine treats both alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    /// `{{< … >}}`
    Angle,
    /// `{{% … %}}`
    Percent,
}

/// One argument: `key="value"` or a positional `"value"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    /// The key, absent for positional arguments.
    pub key: Option<String>,
    /// The value with quotes removed and escapes resolved.
    pub value: String,
}

/// A lexed shortcode tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortcode {
    /// Name, e.g. `sitevar`.
    pub name: String,
    /// Arguments in order.
    pub args: Vec<Arg>,
    /// Whether this is a closing tag (`{{< /callout >}}`).
    pub closing: bool,
    /// `{{< >}}` or `{{% %}}`: whether Hugo renders the content as markdown.
    pub delimiter: Delimiter,
}

impl Shortcode {
    /// The value of the named argument, if given.
    pub fn arg(&self, key: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|a| a.key.as_deref() == Some(key))
            .map(|a| a.value.as_str())
    }

    /// The value of the first positional argument, if any.
    pub fn positional(&self) -> Option<&str> {
        self.args
            .iter()
            .find(|a| a.key.is_none())
            .map(|a| a.value.as_str())
    }
}

/// What the lexer found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenKind {
    /// Text between shortcodes, left for the markdown stage.
    Text,
    /// A shortcode tag, opening or closing, read into its name and arguments.
    Shortcode(Shortcode),
    /// A commented shortcode, to be printed literally (without the comment markers).
    Literal(String),
}

/// A token and the byte range of the source it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// What was found.
    pub kind: TokenKind,
    /// Where, in bytes.
    pub span: Range<usize>,
}

/// Splits `src` into text and shortcode tokens. Adjacent text is one token. Linear in
/// the length of `src` (see the module documentation).
pub fn tokenize(src: &str) -> Vec<Token> {
    let mut lexer = Lexer::new(src);
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut pos = 0;
    while let Some(found) = src.get(pos..).and_then(|rest| rest.find("{{")) {
        let start = pos + found;
        match lexer.lex_at(start) {
            Some((kind, end)) => {
                if start > text_start {
                    out.push(Token {
                        kind: TokenKind::Text,
                        span: text_start..start,
                    });
                }
                out.push(Token {
                    kind,
                    span: start..end,
                });
                pos = end;
                text_start = end;
            }
            // `{` is one byte, so `start + 1` is a character boundary.
            None => pos = start + 1,
        }
    }
    if text_start < src.len() {
        out.push(Token {
            kind: TokenKind::Text,
            span: text_start..src.len(),
        });
    }
    out
}

/// Where the tag machine is. Each is a state in which the machine reads a character;
/// the moves between them that read nothing (a key ends at `=`, a value starts) happen
/// inside one step, so no attempt can loop without reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Inside the name (its first character already read).
    Name,
    /// Between arguments: whitespace, the closing delimiter, or the next argument.
    Between,
    /// Inside a key (or a bare positional value), first character read.
    Key,
    /// Inside `"…"`.
    Quoted,
    /// Right after a backslash inside `"…"`.
    QuotedEscape,
    /// Inside `\"…\"`.
    Escaped,
    /// Inside `` `…` ``.
    Raw,
    /// Inside a bare value, first character read.
    Bare,
}

impl State {
    /// This state's bit in [`Lexer::visited`]: eight states per delimiter, since the
    /// same state reads differently under `>}}` and `%}}`.
    fn bit(self, delimiter: Delimiter) -> u16 {
        let offset = match delimiter {
            Delimiter::Angle => 0,
            Delimiter::Percent => 8,
        };
        1 << (self as u16 + offset)
    }
}

/// How an argument's value was written, which decides how its text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    /// `"…"`: `\"` and `\\` are escapes.
    Quoted,
    /// `\"…\"`, `` `…` `` or a bare word: taken as written.
    Verbatim,
}

/// An argument found by the machine, as byte ranges of the source.
struct ArgSpan {
    key: Option<Range<usize>>,
    value: Range<usize>,
    quoting: Quoting,
}

/// The result of the last search for a comment's closing `*/`, reused while attempts
/// start inside the text it searched (they would find the same `*/`).
struct CommentEnd {
    /// Where the search started.
    from: usize,
    /// The `*/` found and the position after the whitespace that follows it.
    found: Option<(usize, usize)>,
}

/// Lexes tags, remembering which (state, position) pairs earlier attempts went through.
struct Lexer<'a> {
    src: &'a str,
    /// Per byte position, a bit per (state, delimiter) an attempt stepped through there.
    /// Allocated on the first attempt: two bytes per byte of input, for a guide that
    /// holds a `{{`.
    visited: Vec<u16>,
    comment: Option<CommentEnd>,
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str) -> Lexer<'a> {
        Lexer {
            src,
            visited: Vec::new(),
            comment: None,
        }
    }

    /// Records a step; `false` if an earlier attempt already took it (and so failed).
    fn visit(&mut self, state: State, delimiter: Delimiter, pos: usize) -> bool {
        if self.visited.is_empty() {
            self.visited = vec![0; self.src.len() + 1];
        }
        let bit = state.bit(delimiter);
        match self.visited.get_mut(pos) {
            Some(seen) if *seen & bit == 0 => {
                *seen |= bit;
                true
            }
            _ => false,
        }
    }

    /// Lexes a shortcode starting at `start` (which holds `{{`); returns it and its end.
    fn lex_at(&mut self, start: usize) -> Option<(TokenKind, usize)> {
        let src = self.src;
        let (delimiter, open, close) = match src.as_bytes().get(start + 2) {
            Some(b'<') => (Delimiter::Angle, "{{<", ">}}"),
            Some(b'%') => (Delimiter::Percent, "{{%", "%}}"),
            _ => return None,
        };
        // Whitespace after an opener ends at the next non-space character, at the latest
        // the next opener's `{`: each stretch is skipped by one attempt only.
        let mut pos = skip_ws(src, start + 3);
        let rest = src.get(pos..)?;
        if rest.starts_with("/*") {
            return self.comment(pos + 2, open, close);
        }
        let closing = rest.starts_with('/');
        if closing {
            pos = skip_ws(src, pos + 1);
        }
        let first = src.get(pos..)?.chars().next()?;
        if first.is_whitespace() || first == '"' || at(src, pos, close) {
            return None;
        }
        let mut args = Vec::new();
        let (name, end) = self.run(pos, delimiter, close, &mut args)?;
        let shortcode = Shortcode {
            name: src.get(name)?.to_owned(),
            args: args
                .into_iter()
                .map(|a| Arg {
                    key: a.key.and_then(|k| src.get(k)).map(str::to_owned),
                    value: match a.quoting {
                        Quoting::Quoted => unescape(src.get(a.value).unwrap_or_default()),
                        Quoting::Verbatim => src.get(a.value).unwrap_or_default().to_owned(),
                    },
                })
                .collect(),
            closing,
            delimiter,
        };
        Some((TokenKind::Shortcode(shortcode), end))
    }

    /// `{{</* … */>}}`: the text up to `*/`, then the closing delimiter.
    fn comment(
        &mut self,
        inner_start: usize,
        open: &str,
        close: &str,
    ) -> Option<(TokenKind, usize)> {
        let src = self.src;
        let cached = self.comment.as_ref().filter(|c| {
            c.from <= inner_start && c.found.is_none_or(|(star, _)| star >= inner_start)
        });
        let found = match cached {
            Some(c) => c.found,
            None => {
                let found = src.get(inner_start..)?.find("*/").map(|at| {
                    let star = inner_start + at;
                    (star, skip_ws(src, star + 2))
                });
                self.comment = Some(CommentEnd {
                    from: inner_start,
                    found,
                });
                found
            }
        };
        let (star, after) = found?;
        if !at(src, after, close) {
            return None;
        }
        let inner = src.get(inner_start..star)?;
        Some((
            TokenKind::Literal(format!("{open}{inner}{close}")),
            after + close.len(),
        ))
    }

    /// Runs the machine from a name's first character to the closing delimiter. Returns
    /// the name's range and the tag's end, or `None` if it is not a tag.
    fn run(
        &mut self,
        name_start: usize,
        delimiter: Delimiter,
        close: &str,
        args: &mut Vec<ArgSpan>,
    ) -> Option<(Range<usize>, usize)> {
        let src = self.src;
        let mut state = State::Name;
        let mut pos = name_start;
        let mut name = name_start..name_start;
        // Where the current key or value started, and the key of the current argument.
        let mut mark = name_start;
        let mut key: Option<Range<usize>> = None;
        loop {
            if !self.visit(state, delimiter, pos) {
                return None;
            }
            let ch = src.get(pos..).and_then(|r| r.chars().next());
            let closes = at(src, pos, close);
            let width = ch.map_or(0, char::len_utf8);
            match state {
                State::Name => {
                    if ch.is_none_or(|c| c.is_whitespace() || c == '"') || closes {
                        name = name_start..pos;
                        state = State::Between;
                    } else {
                        pos += width;
                    }
                }
                State::Between => match ch {
                    _ if closes => return Some((name, pos + close.len())),
                    None => return None,
                    Some(c) if c.is_whitespace() => pos += width,
                    Some(c) if is_key_char(c) => {
                        mark = pos;
                        key = None;
                        state = State::Key;
                    }
                    Some(_) => {
                        key = None;
                        (state, pos, mark) = value_start(src, pos, close)?;
                    }
                },
                State::Key => {
                    if ch.is_some_and(is_key_char) && !closes {
                        pos += width;
                    } else if ch == Some('=') {
                        key = Some(mark..pos);
                        (state, pos, mark) = value_start(src, pos + 1, close)?;
                    } else {
                        // A word without `=` is a positional value.
                        args.push(ArgSpan {
                            key: None,
                            value: mark..pos,
                            quoting: Quoting::Verbatim,
                        });
                        state = State::Between;
                    }
                }
                State::Quoted => match ch? {
                    '"' => {
                        args.push(ArgSpan {
                            key: key.take(),
                            value: mark..pos,
                            quoting: Quoting::Quoted,
                        });
                        pos += 1;
                        state = State::Between;
                    }
                    '\\' => {
                        pos += 1;
                        state = State::QuotedEscape;
                    }
                    _ => pos += width,
                },
                State::QuotedEscape => {
                    ch?;
                    pos += width;
                    state = State::Quoted;
                }
                State::Escaped | State::Raw => {
                    let end = if state == State::Escaped { "\\\"" } else { "`" };
                    if at(src, pos, end) {
                        args.push(ArgSpan {
                            key: key.take(),
                            value: mark..pos,
                            quoting: Quoting::Verbatim,
                        });
                        pos += end.len();
                        state = State::Between;
                    } else {
                        ch?;
                        pos += width;
                    }
                }
                State::Bare => {
                    if ch.is_none_or(char::is_whitespace) || closes {
                        args.push(ArgSpan {
                            key: key.take(),
                            value: mark..pos,
                            quoting: Quoting::Verbatim,
                        });
                        state = State::Between;
                    } else {
                        pos += width;
                    }
                }
            }
        }
    }
}

/// Whether a character may be part of a key (or of a positional word).
fn is_key_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '=' | '"' | '\\' | '`')
}

/// Where a value starting at `pos` is read: `\"escaped-quoted\"` (a shortcode inside a
/// quoted YAML string), `"quoted \" text"`, `` `raw` `` or a bare word. Returns the
/// state, the position of the value's first character and that same position (the
/// value's start). `None` for an empty bare value.
fn value_start(src: &str, pos: usize, close: &str) -> Option<(State, usize, usize)> {
    let rest = src.get(pos..)?;
    let (state, skip) = if rest.starts_with("\\\"") {
        (State::Escaped, 2)
    } else if rest.starts_with('"') {
        (State::Quoted, 1)
    } else if rest.starts_with('`') {
        (State::Raw, 1)
    } else {
        let c = rest.chars().next()?;
        if c.is_whitespace() || rest.starts_with(close) {
            return None;
        }
        (State::Bare, 0)
    };
    Some((state, pos + skip, pos + skip))
}

/// Whether `pat` starts at byte `pos` of `src`.
fn at(src: &str, pos: usize, pat: &str) -> bool {
    src.get(pos..).is_some_and(|r| r.starts_with(pat))
}

/// The first position at or after `pos` that is not whitespace.
fn skip_ws(src: &str, pos: usize) -> usize {
    let rest = src.get(pos..).unwrap_or_default();
    pos + (rest.len() - rest.trim_start().len())
}

/// A `"…"` value's text: `\"` and `\\` stand for themselves, other backslashes stay.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(e @ ('"' | '\\')) => out.push(e),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shortcodes(src: &str) -> Vec<Shortcode> {
        tokenize(src)
            .into_iter()
            .filter_map(|t| match t.kind {
                TokenKind::Shortcode(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn sitevar_arguments_are_read() {
        let s = shortcodes(r#"x {{< sitevar name="domain" nojs="example.com" >}} y"#);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].name, "sitevar");
        assert_eq!(s[0].arg("name"), Some("domain"));
        assert_eq!(s[0].arg("nojs"), Some("example.com"));
    }

    #[test]
    fn escaped_quotes_delimit_values() {
        let s = shortcodes(r#""{{< sitevar name=\"domain\" nojs=\"example.com\" >}}""#);
        assert_eq!(s[0].arg("name"), Some("domain"));
        assert_eq!(s[0].arg("nojs"), Some("example.com"));
    }

    #[test]
    fn quoted_values_may_hold_the_closing_delimiter() {
        let s = shortcodes(r#"{{% callout title="a >}} b" %}}"#);
        assert_eq!(s[0].arg("title"), Some("a >}} b"));
        assert_eq!(s[0].delimiter, Delimiter::Percent);
    }

    #[test]
    fn commented_shortcode_becomes_literal_without_markers() {
        let t = tokenize("{{</* sitevar name=\"domain\" */>}}");
        assert_eq!(
            t[0].kind,
            TokenKind::Literal("{{< sitevar name=\"domain\" >}}".to_owned())
        );
    }

    #[test]
    fn closing_tags_are_marked() {
        let s = shortcodes("{{< /callout >}}");
        assert!(s[0].closing);
        assert_eq!(s[0].name, "callout");
    }

    #[test]
    fn a_tag_inside_a_failed_attempt_is_still_found() {
        // The first opener's quote never closes, so it is text; the attempt walked over
        // the second tag in another state, which must not hide it.
        let s = shortcodes(r#"{{< a "open {{< sitevar name="x" >}} tail"#);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].arg("name"), Some("x"));
    }

    #[test]
    fn one_comment_end_serves_every_opener_before_it() {
        let src = format!("{}*/ >}}}}", "{{</* ".repeat(1000));
        let t = tokenize(&src);
        assert_eq!(t.len(), 1, "one literal, from the first opener");
        assert_eq!(t[0].span, 0..src.len());
        assert!(matches!(&t[0].kind, TokenKind::Literal(_)));
    }

    #[test]
    fn unclosed_tag_is_text() {
        let t = tokenize("a {{< sitevar name=\"x\" b");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].kind, TokenKind::Text);
    }
}
