//! The document model a guide is parsed into: blocks, inlines and text segments in
//! which every variable occurrence and the client secret digest are nodes of their own,
//! so a UI can bind each to a reactive value without parsing again.

use serde::{Deserialize, Serialize};

use super::front_matter::FrontMatter;
use super::variables::{VarRef, Variable};

/// A piece of literal text (code, URLs): text, a variable, or the digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Segment {
    /// Literal text.
    Text(String),
    /// A variable occurrence.
    Variable(VarRef),
    /// The digest of the reader's client secret (supplied at render time).
    Digest,
}

/// Column alignment in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Align {
    /// Not specified.
    None,
    /// Left.
    Left,
    /// Centre.
    Center,
    /// Right.
    Right,
}

/// Inline content of paragraphs, headings, list items and table cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Inline {
    /// Plain text (never markup: raw HTML in a guide arrives here as text).
    Text(String),
    /// Inline code, which may hold variables.
    Code(Vec<Segment>),
    /// Emphasis.
    Emphasis(Vec<Inline>),
    /// Strong emphasis.
    Strong(Vec<Inline>),
    /// Struck-through text.
    Strikethrough(Vec<Inline>),
    /// A link. An unsafe URL (`javascript:` …) arrives as an empty `href`.
    Link {
        /// Target, possibly holding variables; empty when it was unsafe.
        href: Vec<Segment>,
        /// Title attribute text (may be empty).
        title: String,
        /// Link text.
        children: Vec<Inline>,
    },
    /// An image. An unsafe URL arrives as an empty `src`.
    Image {
        /// Source, possibly holding variables; empty when it was unsafe.
        src: Vec<Segment>,
        /// Alternative text.
        alt: String,
        /// Title text (may be empty).
        title: String,
    },
    /// A variable occurrence in prose.
    Variable(VarRef),
    /// The client secret digest in prose.
    Digest,
    /// A hard line break.
    LineBreak,
    /// A soft line break (a space when rendered).
    SoftBreak,
    /// An unknown shortcode used inline, shown with its raw text.
    Notice(String),
}

/// Block content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// A heading with a unique id for links and the table of contents.
    Heading {
        /// 1–6.
        level: u8,
        /// Unique slug within the document.
        id: String,
        /// Heading text.
        inlines: Vec<Inline>,
    },
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A list.
    List {
        /// Numbered list?
        ordered: bool,
        /// First number of an ordered list (1 for unordered).
        start: u64,
        /// Whether items are tight (no blank lines; render without paragraph spacing).
        tight: bool,
        /// Each item's blocks.
        items: Vec<Vec<Block>>,
    },
    /// Fenced or indented code.
    CodeBlock {
        /// Language from the fence info (`yaml`), if any.
        language: Option<String>,
        /// `title` attribute of the fence (`configuration.yml`), if any.
        title: Option<String>,
        /// Code text with variables and the digest as nodes.
        segments: Vec<Segment>,
    },
    /// A block quote.
    BlockQuote(Vec<Block>),
    /// A table.
    Table {
        /// Alignment per column.
        alignments: Vec<Align>,
        /// Header cells.
        head: Vec<Vec<Inline>>,
        /// Body rows of cells.
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A `callout` shortcode.
    Callout {
        /// `context` argument (`note`, `warning`, `danger`, …); `note` when absent.
        context: String,
        /// `title` argument.
        title: Option<String>,
        /// `icon` argument.
        icon: Option<String>,
        /// Content.
        blocks: Vec<Block>,
    },
    /// A `figure` shortcode.
    Figure {
        /// Image source; empty when it was unsafe.
        src: Vec<Segment>,
        /// Alternative text.
        alt: String,
        /// `width` argument as written.
        width: Option<String>,
    },
    /// Content supplied by a known shortcode (`oidc-common`, …) in the project's words.
    Snippet {
        /// The shortcode's name.
        name: String,
        /// Its content.
        blocks: Vec<Block>,
    },
    /// An unknown shortcode on its own, shown with its raw text.
    Notice(String),
    /// Where the variables panel belongs (`sitevar-preferences`).
    VariablesPanel,
    /// A thematic break.
    Rule,
}

/// A heading, for a table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    /// 1–6.
    pub level: u8,
    /// The heading's id.
    pub id: String,
    /// Its text with variables at their defaults.
    pub text: String,
}

/// A parsed guide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The front matter (default when the guide has none).
    pub front_matter: FrontMatter,
    /// The content.
    pub blocks: Vec<Block>,
    pub(crate) variables: Vec<Variable>,
    pub(crate) default_digest: String,
}

impl Document {
    /// The variables the guide uses, in order of first appearance, with label, kind and
    /// default.
    pub fn variables(&self) -> &[Variable] {
        &self.variables
    }

    /// The digest to show before the reader sets a secret: the one the guide itself
    /// holds, or Authelia's reference digest.
    pub fn default_digest(&self) -> &str {
        &self.default_digest
    }

    /// Whether the guide has a client secret digest node.
    pub fn has_digest(&self) -> bool {
        let mut found = false;
        walk(&self.blocks, &mut |node| {
            found |= matches!(node, Node::Digest)
        });
        found
    }

    /// Whether the guide marks where the variables panel belongs.
    pub fn has_variables_panel(&self) -> bool {
        let mut found = false;
        walk(&self.blocks, &mut |node| {
            found |= matches!(node, Node::Panel)
        });
        found
    }

    /// Raw text of every unknown shortcode, in order.
    pub fn notices(&self) -> Vec<String> {
        let mut out = Vec::new();
        walk(&self.blocks, &mut |node| {
            if let Node::Notice(raw) = node {
                out.push(raw.to_owned());
            }
        });
        out
    }

    /// All headings, in order, for a table of contents.
    pub fn toc(&self) -> Vec<TocEntry> {
        let defaults = |name: &str| {
            self.variables
                .iter()
                .find(|v| v.name == name)
                .map(|v| v.default.clone())
                .unwrap_or_default()
        };
        let mut out = Vec::new();
        walk(&self.blocks, &mut |node| {
            if let Node::Heading { level, id, inlines } = node {
                out.push(TocEntry {
                    level,
                    id: id.to_owned(),
                    text: plain_text(inlines, &defaults),
                });
            }
        });
        out
    }
}

/// Flattens inlines to text, with variables given by `value`.
pub(crate) fn plain_text(inlines: &[Inline], value: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    push_plain(inlines, value, &mut out);
    out
}

fn push_plain(inlines: &[Inline], value: &dyn Fn(&str) -> String, out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Notice(t) => out.push_str(t),
            Inline::Code(segs) => {
                for seg in segs {
                    match seg {
                        Segment::Text(t) => out.push_str(t),
                        Segment::Variable(v) => out.push_str(&value(&v.name)),
                        Segment::Digest => {}
                    }
                }
            }
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                push_plain(c, value, out)
            }
            Inline::Link { children, .. } => push_plain(children, value, out),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::Variable(v) => out.push_str(&value(&v.name)),
            Inline::Digest => {}
            Inline::LineBreak | Inline::SoftBreak => out.push(' '),
        }
    }
}

/// A node of interest met while walking a document.
pub(crate) enum Node<'a> {
    Variable(&'a VarRef),
    Digest,
    Panel,
    Notice(&'a str),
    Heading {
        level: u8,
        id: &'a str,
        inlines: &'a [Inline],
    },
}

/// Visits variables, digests, panels, notices and headings in document order.
pub(crate) fn walk<'a>(blocks: &'a [Block], f: &mut dyn FnMut(Node<'a>)) {
    for block in blocks {
        match block {
            Block::Heading { level, id, inlines } => {
                f(Node::Heading {
                    level: *level,
                    id,
                    inlines,
                });
                walk_inlines(inlines, f);
            }
            Block::Paragraph(inlines) => walk_inlines(inlines, f),
            Block::List { items, .. } => items.iter().for_each(|item| walk(item, f)),
            Block::CodeBlock { segments, .. } => walk_segments(segments, f),
            Block::BlockQuote(blocks)
            | Block::Callout { blocks, .. }
            | Block::Snippet { blocks, .. } => walk(blocks, f),
            Block::Table { head, rows, .. } => {
                head.iter().for_each(|cell| walk_inlines(cell, f));
                rows.iter().flatten().for_each(|cell| walk_inlines(cell, f));
            }
            Block::Figure { src, .. } => walk_segments(src, f),
            Block::Notice(raw) => f(Node::Notice(raw)),
            Block::VariablesPanel => f(Node::Panel),
            Block::Rule => {}
        }
    }
}

fn walk_inlines<'a>(inlines: &'a [Inline], f: &mut dyn FnMut(Node<'a>)) {
    for inline in inlines {
        match inline {
            Inline::Code(segs) => walk_segments(segs, f),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                walk_inlines(c, f)
            }
            Inline::Link { href, children, .. } => {
                walk_segments(href, f);
                walk_inlines(children, f);
            }
            Inline::Image { src, .. } => walk_segments(src, f),
            Inline::Variable(v) => f(Node::Variable(v)),
            Inline::Digest => f(Node::Digest),
            Inline::Notice(raw) => f(Node::Notice(raw)),
            Inline::Text(_) | Inline::LineBreak | Inline::SoftBreak => {}
        }
    }
}

fn walk_segments<'a>(segments: &'a [Segment], f: &mut dyn FnMut(Node<'a>)) {
    for seg in segments {
        match seg {
            Segment::Variable(v) => f(Node::Variable(v)),
            Segment::Digest => f(Node::Digest),
            Segment::Text(_) => {}
        }
    }
}
