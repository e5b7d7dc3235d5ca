//! Static HTML from a document: every variable filled in (defaults or given values) and
//! everything escaped. Used by tests and for the page's no-script fallback.

use std::fmt::Write;

use super::document::{Align, Block, Document, Inline, Segment};
use super::safety::url_is_safe;
use super::values::{Values, resolve_all};

/// Renders the document's content with the given values and digest.
pub fn to_html(document: &Document, values: &Values, digest: &str) -> String {
    let mut r = Renderer {
        values,
        digest,
        document,
        out: String::with_capacity(4096),
    };
    r.blocks(&document.blocks, false);
    r.out
}

/// Renders with every variable at its default and the guide's default digest.
pub fn to_html_with_defaults(document: &Document) -> String {
    to_html(
        document,
        &Values::for_document(document),
        document.default_digest(),
    )
}

/// A no-script fallback: the title as a heading, then the content at defaults.
pub fn fallback(document: &Document) -> String {
    let mut out = String::new();
    if let Some(title) = &document.front_matter.title {
        let _ = writeln!(out, "<h1>{}</h1>", escape(title));
    }
    out.push_str(&to_html_with_defaults(document));
    out
}

/// Escapes text for HTML content and quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Keeps only characters safe in a class name.
fn class_token(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect()
}

struct Renderer<'a> {
    values: &'a Values,
    digest: &'a str,
    document: &'a Document,
    out: String,
}

impl Renderer<'_> {
    fn blocks(&mut self, blocks: &[Block], tight: bool) {
        for block in blocks {
            self.block(block, tight);
        }
    }

    fn block(&mut self, block: &Block, tight: bool) {
        match block {
            Block::Heading { level, id, inlines } => {
                let _ = write!(self.out, "<h{level} id=\"{}\">", escape(id));
                self.inlines(inlines);
                let _ = writeln!(self.out, "</h{level}>");
            }
            Block::Paragraph(inlines) if tight => {
                self.inlines(inlines);
                self.out.push('\n');
            }
            Block::Paragraph(inlines) => {
                self.out.push_str("<p>");
                self.inlines(inlines);
                self.out.push_str("</p>\n");
            }
            Block::List {
                ordered,
                start,
                tight,
                items,
            } => {
                match (ordered, start) {
                    (true, 1) => self.out.push_str("<ol>\n"),
                    (true, n) => {
                        let _ = writeln!(self.out, "<ol start=\"{n}\">");
                    }
                    (false, _) => self.out.push_str("<ul>\n"),
                }
                for item in items {
                    self.out.push_str("<li>");
                    self.blocks(item, *tight);
                    self.out.push_str("</li>\n");
                }
                self.out
                    .push_str(if *ordered { "</ol>\n" } else { "</ul>\n" });
            }
            Block::CodeBlock {
                language,
                title,
                segments,
            } => {
                self.out.push_str("<figure class=\"code\">");
                if let Some(title) = title {
                    let _ = write!(self.out, "<figcaption>{}</figcaption>", escape(title));
                }
                self.out.push_str("<pre><code");
                if let Some(lang) = language {
                    let _ = write!(self.out, " class=\"language-{}\"", class_token(lang));
                }
                self.out.push('>');
                self.segments(segments);
                self.out.push_str("</code></pre></figure>\n");
            }
            Block::BlockQuote(blocks) => {
                self.out.push_str("<blockquote>\n");
                self.blocks(blocks, false);
                self.out.push_str("</blockquote>\n");
            }
            Block::Table {
                alignments,
                head,
                rows,
            } => {
                self.out.push_str("<table>\n<thead><tr>");
                for (i, cell) in head.iter().enumerate() {
                    self.cell("th", alignments.get(i), cell);
                }
                self.out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    self.out.push_str("<tr>");
                    for (i, cell) in row.iter().enumerate() {
                        self.cell("td", alignments.get(i), cell);
                    }
                    self.out.push_str("</tr>\n");
                }
                self.out.push_str("</tbody></table>\n");
            }
            Block::Callout {
                context,
                title,
                icon: _,
                blocks,
            } => {
                let _ = write!(
                    self.out,
                    "<aside class=\"callout callout-{}\">",
                    class_token(context)
                );
                if let Some(title) = title {
                    let _ = write!(self.out, "<p class=\"callout-title\">{}</p>", escape(title));
                }
                self.out.push('\n');
                self.blocks(blocks, false);
                self.out.push_str("</aside>\n");
            }
            Block::Figure { src, alt, width } => {
                let src = resolve_all(src, self.values, self.digest);
                self.out.push_str("<figure><img");
                if !src.is_empty() && url_is_safe(&src) {
                    let _ = write!(self.out, " src=\"{}\"", escape(&src));
                }
                let _ = write!(self.out, " alt=\"{}\"", escape(alt));
                if let Some(width) = width
                    .as_deref()
                    .filter(|w| w.bytes().all(|b| b.is_ascii_digit()))
                {
                    let _ = write!(self.out, " width=\"{width}\"");
                }
                self.out.push_str("></figure>\n");
            }
            Block::Snippet { name, blocks } => {
                let _ = writeln!(
                    self.out,
                    "<section class=\"snippet\" data-shortcode=\"{}\">",
                    escape(name)
                );
                self.blocks(blocks, false);
                self.out.push_str("</section>\n");
            }
            Block::Notice(raw) => {
                let _ = writeln!(
                    self.out,
                    "<div class=\"notice\" role=\"note\"><strong>Unknown shortcode:</strong> <code>{}</code></div>",
                    escape(raw)
                );
            }
            Block::VariablesPanel => self.variables_panel(),
            Block::Rule => self.out.push_str("<hr>\n"),
        }
    }

    /// Without script the panel cannot edit anything; it lists the values shown.
    fn variables_panel(&mut self) {
        self.out
            .push_str("<aside class=\"variables-panel\"><p>Values used on this page:</p><dl>\n");
        for v in self.document.variables() {
            let _ = writeln!(
                self.out,
                "<dt>{}</dt><dd><code>{}</code></dd>",
                escape(&v.label),
                escape(&self.values.get(&v.name))
            );
        }
        self.out.push_str("</dl></aside>\n");
    }

    fn cell(&mut self, tag: &str, align: Option<&Align>, inlines: &[Inline]) {
        let style = match align {
            Some(Align::Left) => " style=\"text-align:left\"",
            Some(Align::Center) => " style=\"text-align:center\"",
            Some(Align::Right) => " style=\"text-align:right\"",
            _ => "",
        };
        let _ = write!(self.out, "<{tag}{style}>");
        self.inlines(inlines);
        let _ = write!(self.out, "</{tag}>");
    }

    fn segments(&mut self, segments: &[Segment]) {
        for seg in segments {
            match seg {
                Segment::Text(t) => self.out.push_str(&escape(t)),
                Segment::Variable(v) => {
                    let _ = write!(
                        self.out,
                        "<span class=\"var\" data-var=\"{}\">{}</span>",
                        escape(&v.name),
                        escape(&self.values.present(v))
                    );
                }
                Segment::Digest => {
                    let _ = write!(
                        self.out,
                        "<span class=\"digest\">{}</span>",
                        escape(self.digest)
                    );
                }
            }
        }
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => self.out.push_str(&escape(t)),
                Inline::Code(segs) => {
                    self.out.push_str("<code>");
                    self.segments(segs);
                    self.out.push_str("</code>");
                }
                Inline::Emphasis(c) => self.wrap("em", c),
                Inline::Strong(c) => self.wrap("strong", c),
                Inline::Strikethrough(c) => self.wrap("del", c),
                Inline::Link {
                    href,
                    title,
                    children,
                } => {
                    let href = resolve_all(href, self.values, self.digest);
                    self.out.push_str("<a");
                    // Checked again after resolving: a variable could start the URL.
                    if !href.is_empty() && url_is_safe(&href) {
                        let _ = write!(self.out, " href=\"{}\"", escape(&href));
                    }
                    if !title.is_empty() {
                        let _ = write!(self.out, " title=\"{}\"", escape(title));
                    }
                    self.out.push('>');
                    self.inlines(children);
                    self.out.push_str("</a>");
                }
                Inline::Image { src, alt, title } => {
                    let src = resolve_all(src, self.values, self.digest);
                    self.out.push_str("<img");
                    if !src.is_empty() && url_is_safe(&src) {
                        let _ = write!(self.out, " src=\"{}\"", escape(&src));
                    }
                    let _ = write!(self.out, " alt=\"{}\"", escape(alt));
                    if !title.is_empty() {
                        let _ = write!(self.out, " title=\"{}\"", escape(title));
                    }
                    self.out.push('>');
                }
                Inline::Variable(v) => {
                    self.segments(std::slice::from_ref(&Segment::Variable(v.clone())))
                }
                Inline::Digest => self.segments(&[Segment::Digest]),
                Inline::LineBreak => self.out.push_str("<br>\n"),
                Inline::SoftBreak => self.out.push('\n'),
                Inline::Notice(raw) => {
                    let _ = write!(
                        self.out,
                        "<span class=\"notice\" role=\"note\"><strong>Unknown shortcode:</strong> <code>{}</code></span>",
                        escape(raw)
                    );
                }
            }
        }
    }

    fn wrap(&mut self, tag: &str, children: &[Inline]) {
        let _ = write!(self.out, "<{tag}>");
        self.inlines(children);
        let _ = write!(self.out, "</{tag}>");
    }
}
