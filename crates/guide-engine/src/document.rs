//! The document model a guide is parsed into: blocks, inlines and text segments in
//! which every variable occurrence and the client secret digest are nodes of their own,
//! so a UI can bind each to a reactive value without parsing again.
//!
//! Facts a page needs about the guide are computed once by the engine and stored here
//! as data (which code block holds the digest, which list names the plaintext secret,
//! where the variables panel stands), so a view never discovers them while it renders.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::front_matter::FrontMatter;
use super::highlight::Token;
use super::variables::{VarRef, Variable};
use super::walk::{Node, walk};

/// A piece of literal text (code): text, a variable, or the digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Segment {
    /// Code exactly as the guide wrote it; consecutive text is one segment.
    Text(String),
    /// Where a `sitevar` shortcode stood: the variable's value, in the occurrence's
    /// format, is shown here.
    Variable(VarRef),
    /// The digest of the reader's client secret (supplied at render time).
    Digest,
    /// A value the guide wrote that the reader may replace: the application's address
    /// (see [`Override`]).
    Override(Override),
}

/// Appends text to a run of segments, merging it with text before it; empty text adds
/// nothing.
pub(crate) fn push_text(out: &mut Vec<Segment>, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Segment::Text(prev)) => prev.push_str(text),
        _ => out.push(Segment::Text(text.to_owned())),
    }
}

/// A piece of a URL: text or a variable that may travel in a link. No secret variable
/// and not the digest can be one (see [`Url`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum UrlPart {
    /// Part of the address exactly as the guide wrote it.
    Text(String),
    /// A non-secret variable occurrence (`https://{{< sitevar name="domain" >}}/`).
    Variable(VarRef),
    /// The application's address at the start of a link (see [`Override`]); it holds
    /// no secret, like every part.
    Override(Override),
}

/// Where a guide wrote a value the reader may replace with one of their own: the
/// application's address (`https://matomo.{domain}` in
/// `https://matomo.{domain}/index.php?…`), which becomes the variable
/// [`APPLICATION_URL`](crate::variables::APPLICATION_URL).
///
/// What it shows:
///
/// - while the reader has not set `variable`: `written`, the guide's own text with the
///   reader's other values in it (`https://matomo.` then the domain), exactly as the
///   guide shows without this node, so a page at its defaults is the guide as written
///   and typing a domain still changes it;
/// - once they have: `variable`'s value in its format ([`Format::Root`]: without its
///   final `/`, since the text after this node starts with the guide's own `/`).
///
/// [`Override::resolve`] says it in code. `written` holds text and non-secret
/// variables only, never another override.
///
/// [`Format::Root`]: crate::Format::Root
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    /// The variable the reader sets (`application-url`), in the format shown here.
    pub variable: VarRef,
    /// What the guide wrote, shown while the reader has not set `variable`.
    pub written: Vec<UrlPart>,
}

impl Override {
    /// The text this node shows: `variable`'s value when `is_set` (the reader set it),
    /// else `written`, each of its variables given by `present` (which is also asked
    /// for `variable`'s value). A page passes its own reactive `is_set` and `present`.
    pub fn resolve(&self, is_set: bool, present: &dyn Fn(&VarRef) -> String) -> String {
        if is_set {
            return present(&self.variable);
        }
        self.written
            .iter()
            .map(|part| match part {
                UrlPart::Text(t) => t.clone(),
                UrlPart::Variable(v) => present(v),
                // Never built; were one nested, it shows its own value.
                UrlPart::Override(o) => present(&o.variable),
            })
            .collect()
    }

    /// Whether it could carry a secret into an address: its variable, or one in what
    /// it shows otherwise, is secret.
    pub fn carries_secret(&self) -> bool {
        self.variable.is_secret()
            || self.written.iter().any(|part| match part {
                UrlPart::Text(_) => false,
                UrlPart::Variable(v) => v.is_secret(),
                UrlPart::Override(o) => o.carries_secret(),
            })
    }
}

/// An absolute web address, possibly holding the reader's non-secret values.
///
/// The only way to build one is [`Url::from_segments`], which refuses every secret
/// variable (the client secret, and any variable whose name or label says it is secret,
/// see [`crate::variables::is_secret`]) and the digest: whatever a guide says, a link or
/// image address never carries them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Url {
    parts: Vec<UrlPart>,
}

impl Url {
    /// A URL from segments, or [`Refusal::CarriesSecret`] if any segment is a secret
    /// variable or the digest.
    ///
    /// # Errors
    /// [`Refusal::CarriesSecret`].
    pub fn from_segments(segments: Vec<Segment>) -> Result<Url, Refusal> {
        segments
            .into_iter()
            .map(|segment| match segment {
                Segment::Text(text) => Ok(UrlPart::Text(text)),
                Segment::Variable(v) if v.is_secret() => Err(Refusal::CarriesSecret),
                Segment::Variable(v) => Ok(UrlPart::Variable(v)),
                Segment::Digest => Err(Refusal::CarriesSecret),
                Segment::Override(o) => Url::part(UrlPart::Override(o)),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(|parts| Url { parts })
    }

    /// A URL from parts, or [`Refusal::CarriesSecret`] if any part holds a secret
    /// variable: what a stage that rewrites an address builds it again with.
    pub(crate) fn from_parts(parts: Vec<UrlPart>) -> Result<Url, Refusal> {
        parts
            .into_iter()
            .map(Url::part)
            .collect::<Result<Vec<_>, _>>()
            .map(|parts| Url { parts })
    }

    /// A part, unless it holds a secret variable.
    fn part(part: UrlPart) -> Result<UrlPart, Refusal> {
        let secret = match &part {
            UrlPart::Text(_) => false,
            UrlPart::Variable(v) => v.is_secret(),
            UrlPart::Override(o) => o.carries_secret(),
        };
        if secret {
            Err(Refusal::CarriesSecret)
        } else {
            Ok(part)
        }
    }

    /// The parts, in order.
    pub fn parts(&self) -> &[UrlPart] {
        &self.parts
    }
}

/// Why a link or image address is not used as one. The text stays; the address is shown
/// as text with the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// A scheme that could run code or embed content (`javascript:`, `data:`, …).
    UnsafeScheme,
    /// The address would hold a secret: the reader's client secret, its digest, or a
    /// variable whose name or label says it is secret.
    CarriesSecret,
}

impl Refusal {
    /// What the page says beside a refused link.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::UnsafeScheme => "this link's address could run code, so it is not a link",
            Refusal::CarriesSecret => "this link would carry a secret, so it is not a link",
        }
    }

    /// What the page says beside a refused image.
    pub fn image_message(self) -> &'static str {
        match self {
            Refusal::UnsafeScheme => "its address could run code, so the page does not use it",
            Refusal::CarriesSecret => {
                "its address would carry a secret, so the page does not use it"
            }
        }
    }
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// A heading of this guide (`#web-gui`), by id.
    Fragment(String),
    /// An absolute web address (`http`, `https`, `mailto`, `ftp`).
    Web(Url),
    /// An address relative to the guide's own site (`../../introduction.md`), which
    /// means nothing on the playground's origin. `site` is its absolute form when the
    /// guide says where it is published.
    Relative {
        /// The address as written.
        path: String,
        /// The absolute address on the guide's site, when known.
        site: Option<Url>,
    },
    /// Not a usable address; the link's text is shown with the reason.
    Refused {
        /// The address as written, with variables at their defaults.
        written: String,
        /// Why it is refused.
        refusal: Refusal,
    },
    /// Another guide of the same built site (see [`crate::publish`]): its page's address
    /// relative to the site's root (`grafana/`, `grafana/#web-gui`), opened in place.
    Guide(String),
}

/// Where an image comes from. The page never fetches an image over the network: a web
/// image is shown as a labelled link to it, a relative one as a labelled placeholder
/// unless the reader supplied the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// An absolute web address.
    Web(Url),
    /// A file next to the guide (`proxmox.png`), by its path as written.
    Relative(String),
    /// Not a usable address.
    Refused {
        /// The address as written.
        written: String,
        /// Why it is refused.
        refusal: Refusal,
    },
    /// A file published beside the guide's page by the site build (see
    /// [`crate::publish`]): its address relative to the site's root
    /// (`proxmox/screenshot.png`). One of the site's own files, so the page may show it.
    Site(String),
}

/// Column alignment in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Align {
    /// `---` in the delimiter row: the page's default alignment.
    None,
    /// `:--`.
    Left,
    /// `:-:`.
    Center,
    /// `--:`.
    Right,
}

/// Inline content of paragraphs, headings, list items and table cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Inline {
    /// Plain text (never markup: raw HTML in a guide arrives here as text).
    Text(String),
    /// Inline code, which may hold variables.
    Code(Vec<Segment>),
    /// `*text*` or `_text_`, shown as `<em>`.
    Emphasis(Vec<Inline>),
    /// `**text**` or `__text__`, shown as `<strong>`.
    Strong(Vec<Inline>),
    /// `~~text~~`, shown as `<del>`.
    Strikethrough(Vec<Inline>),
    /// `[text](target "title")`, with its target already checked: a refused address is
    /// a [`Target::Refused`], never a link.
    Link {
        /// Where it goes.
        target: Target,
        /// Title attribute text (may be empty).
        title: String,
        /// What the reader clicks; may hold variables.
        children: Vec<Inline>,
    },
    /// `![alt](source "title")`. The page never fetches it (see [`Source`]).
    Image {
        /// Where it comes from.
        source: Source,
        /// The image's description, as text; the page shows it in the image's place.
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
    /// The application's address in prose (see [`Override`]).
    Override(Override),
    /// A place the browser may break a long word, and nothing else: `<wbr>`, which adds
    /// no character to what the reader copies. The last stage puts one every
    /// [`MAX_WORD_CHARS`](crate::words::MAX_WORD_CHARS) characters of a word (see
    /// [`words`](crate::words)).
    WordBreak,
}

/// A block of a guide: what markdown and the known shortcodes build, with the facts the
/// page needs computed (see the fields of [`Block::List`] and [`Block::CodeBlock`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// A heading with a unique id for links and the table of contents.
    Heading {
        /// 1–6.
        level: u8,
        /// Unique within the document, and never one of the page's own ids (see
        /// [`RESERVED_ID_PREFIX`]).
        id: String,
        /// What the heading says; may hold variables.
        inlines: Vec<Inline>,
    },
    /// A run of text between blank lines.
    Paragraph(Vec<Inline>),
    /// A bulleted or numbered list.
    List {
        /// Numbered (`1.`) rather than bulleted (`-`, `*`).
        ordered: bool,
        /// First number of an ordered list (1 for unordered).
        start: u64,
        /// Whether items are tight (no blank lines; render without paragraph spacing).
        tight: bool,
        /// Each item's blocks.
        items: Vec<Vec<Block>>,
        /// The list's own items name the plaintext client secret after the block that
        /// holds its digest: these are the application's settings, and the page says the
        /// plaintext belongs there.
        plaintext_secret: bool,
    },
    /// Fenced or indented code.
    CodeBlock {
        /// Language from the fence info (`yaml`), if any.
        language: Option<String>,
        /// `title` attribute of the fence (`configuration.yml`), if any.
        title: Option<String>,
        /// Code text with variables and the digest as nodes.
        segments: Vec<Segment>,
        /// The block holds the digest: it is Authelia's configuration.
        holds_digest: bool,
        /// The guide wrote the client secret in plaintext in Authelia's configuration
        /// (`client_secret: 'insecure_secret'`); the block shows the digest of the
        /// reader's secret in its place, and the page says so in a line below it.
        digest_replaces_plaintext: bool,
        /// The code's tokens for highlighting, over `segments` with each value one unit
        /// (see [`crate::highlight`]); empty for a language the engine does not highlight.
        tokens: Vec<Token>,
    },
    /// `> ` lines, holding blocks of their own.
    BlockQuote(Vec<Block>),
    /// A GitHub-flavoured markdown table.
    Table {
        /// Alignment per column, from the delimiter row.
        alignments: Vec<Align>,
        /// The first row's cells, the columns' names.
        head: Vec<Vec<Inline>>,
        /// Body rows of cells.
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// `{{< callout >}}…{{< /callout >}}`: a boxed note, warning or tip.
    Callout {
        /// `context` argument (`note`, `warning`, `danger`, …); `note` when absent.
        context: String,
        /// `title` argument, shown above the content; none when absent.
        title: Option<String>,
        /// What the callout holds.
        blocks: Vec<Block>,
    },
    /// `{{< figure src="…" alt="…" >}}`: an image on its own, which the page never
    /// fetches (see [`Source`]).
    Figure {
        /// Where the image comes from.
        source: Source,
        /// The image's description, as text; the page shows it in the image's place.
        alt: String,
    },
    /// Content supplied by a known shortcode (`oidc-common`, …) in the project's words.
    Snippet {
        /// The shortcode's name (`oidc-common`), which the page uses in a class name.
        name: String,
        /// The project's text for it, parsed like the guide's own.
        blocks: Vec<Block>,
    },
    /// An unknown shortcode on its own, shown with its raw text.
    Notice(String),
    /// Where the variables panel stands: the guide's `sitevar-preferences` marker, or
    /// the start of the guide when it has none. Exactly one per document.
    VariablesPanel,
    /// `---`, `***` or `___` on a line of its own: a thematic break, `<hr>`.
    Rule,
}

/// Heading ids never start with this: ids that do are the page's own (its inputs and
/// panels), so a guide heading such as "Client Secret" can never take over the secret
/// field's label target.
pub const RESERVED_ID_PREFIX: &str = "gp-";

/// A heading, for a table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    /// 1–6.
    pub level: u8,
    /// The heading's [`Block::Heading`] id, the target of `#id`.
    pub id: String,
    /// Its text with variables at their defaults.
    pub text: String,
}

/// Something the engine changed in a guide because the guide passed one of its limits.
/// The page says each once, above the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Warning {
    /// Content nested deeper than [`crate::depth::MAX_NESTING`] levels was joined to the
    /// level above it: its text is all there, some of its structure is not.
    NestedTooDeep {
        /// The limit, in levels.
        limit: usize,
    },
    /// The guide uses more distinct variables than [`crate::variables::MAX_VARIABLES`];
    /// those past the limit show their default text and have no field.
    TooManyVariables {
        /// The limit, in variables.
        limit: usize,
    },
    /// The guide would make more than [`crate::budget::MAX_NODES`] nodes; it is shown up
    /// to where it reached the limit, and text past it is not split into variables.
    TooManyNodes {
        /// The limit, in nodes.
        limit: usize,
    },
    /// The guide's tables would hold more than [`crate::budget::MAX_TABLE_CELLS`] cells
    /// (short rows padded); the tables past the limit are shown as their text.
    TooManyTableCells {
        /// The limit, in cells.
        limit: usize,
    },
    /// The project's text for the guide's shortcodes (`oidc-common`) would pass
    /// [`crate::budget::MAX_SNIPPET_BYTES`]; the names past it are left out, and a
    /// shortcode with no room at all is shown as written.
    SnippetsTooLong {
        /// The limit, in bytes.
        limit: usize,
    },
    /// A default the guide gives one of its variables (`nojs`) is not a value the
    /// reader could type (see [`crate::variables::validate_as`]): an invisible
    /// formatting character, a character a shell or YAML reads specially, an address
    /// that is not one. The variable starts empty.
    DefaultsRefused,
}

impl Warning {
    /// What the page tells the reader.
    pub fn message(self) -> String {
        match self {
            Warning::NestedTooDeep { limit } => format!(
                "Parts of this guide are nested more than {limit} levels deep; they are shown \
                 joined to the level above, with all their text."
            ),
            Warning::TooManyVariables { limit } => format!(
                "This guide uses more than {limit} different variables; the ones past the \
                 first {limit} show their default text and cannot be changed."
            ),
            Warning::TooManyNodes { limit } => format!(
                "This guide would make more than {limit} pieces of content; what lies past \
                 that point is left out or shown as plain text."
            ),
            Warning::TooManyTableCells { limit } => format!(
                "This guide's tables would hold more than {limit} cells; the tables past \
                 that point are shown as their text."
            ),
            Warning::DefaultsRefused => "Some of this guide's example values hold invisible \
                 characters or characters a shell or YAML reads specially; those fields start \
                 empty, for you to fill in."
                .to_owned(),
            Warning::SnippetsTooLong { limit } => format!(
                "The notes this guide asks the playground to add would pass {limit} bytes; \
                 the names past that point are left out."
            ),
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

/// A parsed guide: what the page renders, with the facts about it the engine worked
/// out once (its variables, its example digest, whether it needs a client secret, what
/// the engine had to change). The worker sends it to the page whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The front matter (default when the guide has none).
    pub front_matter: FrontMatter,
    /// The guide's body after the front matter, in reading order; exactly one of them,
    /// at any depth, is the [`Block::VariablesPanel`].
    pub blocks: Vec<Block>,
    pub(crate) variables: Vec<Variable>,
    /// Where each variable is in `variables`, built on first lookup (also after the
    /// document crossed from the worker, which does not send it).
    #[serde(skip)]
    pub(crate) index: VariableIndex,
    pub(crate) default_digest: String,
    pub(crate) needs_secret: bool,
    /// `Some` when the guide says the application reads the user's claims from the ID
    /// token only, with the claims it names, separated by single spaces (see
    /// [`Document::id_token_claims_needed`]). One text, not a list: the page sends it to the
    /// checker as it is, and joining a list there cost the page 70 bytes (gzip).
    pub(crate) id_token_claims: Option<String>,
    pub(crate) warnings: Vec<Warning>,
    /// What the guide wrote for each variable it holds an [`Override`] of, found on
    /// first lookup (also after the document crossed from the worker, which does not
    /// send it, so the bytes that cross are what they were before overrides existed).
    #[serde(skip)]
    pub(crate) written: WrittenIndex,
}

/// The first [`Override`] of each variable, in reading order: a cache of `blocks`, so
/// it takes no part in equality and is not serialised.
#[derive(Debug, Clone, Default)]
pub(crate) struct WrittenIndex(OnceLock<Vec<Override>>);

impl PartialEq for WrittenIndex {
    fn eq(&self, _: &WrittenIndex) -> bool {
        true
    }
}

/// A document's variables by name: a cache of `variables`, so it takes no part in
/// equality and is not serialised.
#[derive(Debug, Clone, Default)]
pub(crate) struct VariableIndex(OnceLock<HashMap<String, usize>>);

impl PartialEq for VariableIndex {
    fn eq(&self, _: &VariableIndex) -> bool {
        true
    }
}

impl Document {
    /// A document that is only a values panel for `variables`, titled `title`: what a
    /// site's index offers before the reader chooses a guide.
    pub fn values_panel(title: &str, variables: Vec<Variable>) -> Document {
        Document {
            front_matter: FrontMatter {
                title: Some(title.to_owned()),
                ..FrontMatter::default()
            },
            blocks: vec![Block::VariablesPanel],
            variables,
            index: VariableIndex::default(),
            default_digest: super::variables::REFERENCE_DIGEST.to_owned(),
            needs_secret: false,
            id_token_claims: None,
            warnings: Vec::new(),
            written: WrittenIndex::default(),
        }
    }

    /// The variables the guide uses, in order of first appearance, with label, kind and
    /// default.
    pub fn variables(&self) -> &[Variable] {
        &self.variables
    }

    /// The variable named `name`, if the guide uses it. A hashed lookup.
    pub fn variable(&self, name: &str) -> Option<&Variable> {
        let index = self.index.0.get_or_init(|| {
            self.variables
                .iter()
                .enumerate()
                .map(|(i, v)| (v.name.clone(), i))
                .collect()
        });
        index.get(name).and_then(|&i| self.variables.get(i))
    }

    /// The first [`Override`] of the variable `name`, if the guide holds one: what the
    /// guide wrote where the reader's value now stands (for the application's address,
    /// `https://matomo.` then the domain). It is the variable's live default, which a
    /// page shows where it shows the default of `name` (the field's placeholder):
    /// [`Variable::default`] is that address at the guide's defaults only. The live
    /// default's text is `resolve(false, present)` of it, then `/` when
    /// [`Variable::default`] ends with one (the override stands before the guide's own
    /// `/`). Found by one walk, on first lookup.
    pub fn written_default(&self, name: &str) -> Option<&Override> {
        let written = self.written.0.get_or_init(|| {
            let mut first: Vec<Override> = Vec::new();
            for node in walk(&self.blocks) {
                if let Node::Segment(Segment::Override(o))
                | Node::Inline(Inline::Override(o))
                | Node::UrlPart(UrlPart::Override(o)) = node
                    && !first.iter().any(|f| f.variable.name == o.variable.name)
                {
                    first.push(o.clone());
                }
            }
            first
        });
        written.iter().find(|o| o.variable.name == name)
    }

    /// The digest to show before the reader sets a secret: the one the guide itself
    /// holds, or Authelia's reference digest.
    pub fn default_digest(&self) -> &str {
        &self.default_digest
    }

    /// Whether the guide has a client secret to generate: it shows the digest or the
    /// plaintext secret somewhere.
    pub fn needs_secret(&self) -> bool {
        self.needs_secret
    }

    /// Whether the guide says the application reads the user's claims (email, name,
    /// groups, …) from the ID token only and never asks Authelia's user information
    /// endpoint: its `oidc-common` shortcode lists the `claims-hydration` bug, or it
    /// shows the `oidc-escape-hatch-claims-hydration` workaround. Since Authelia 4.39 the
    /// ID token carries those claims only when the client's `claims_policy` puts them
    /// there, so such a client needs one. Worked out once, as the guide is parsed.
    pub fn needs_id_token_claims(&self) -> bool {
        self.id_token_claims.is_some()
    }

    /// The claims the guide names for the ID token (its escape hatch's `claims`) when it
    /// needs some ([`Document::needs_id_token_claims`]), as one text: the names in the
    /// order given, at most [`MAX_ID_TOKEN_CLAIMS`](crate::MAX_ID_TOKEN_CLAIMS),
    /// separated by single spaces (no claim name holds one: the engine keeps only a claim
    /// name's characters); empty when it names none. `None` when it needs none.
    pub fn id_token_claims_needed(&self) -> Option<&str> {
        self.id_token_claims.as_deref()
    }

    /// How many nodes the document holds: blocks, inlines, code and address segments,
    /// list items and table cells (an empty cell or item counts: it is something the
    /// page builds). Never more than [`crate::budget::MAX_NODES`], whatever the guide.
    pub fn node_count(&self) -> usize {
        walk(&self.blocks)
            .map(|node| {
                1 + match node {
                    Node::Block(Block::Table { head, rows, .. }) => {
                        head.len() + rows.iter().map(Vec::len).sum::<usize>()
                    }
                    Node::Block(Block::List { items, .. }) => items.len(),
                    _ => 0,
                }
            })
            .sum()
    }

    /// What the engine changed because the guide passed a limit, each at most once, in
    /// the order met.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// The guide's title, or a stand-in when its front matter has none.
    pub fn title(&self) -> &str {
        self.front_matter
            .title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or("Untitled guide")
    }

    /// Whether the guide has a client secret digest node.
    pub fn has_digest(&self) -> bool {
        walk(&self.blocks).any(|node| node.is_digest())
    }

    /// Authelia's configuration block: the first code block holding the digest (the
    /// `facts` stage marks it), whose text a provider block merges with and a pasted
    /// configuration is checked against.
    pub fn authelia_block(&self) -> Option<&[Segment]> {
        walk(&self.blocks).find_map(|node| match node {
            Node::Block(Block::CodeBlock {
                segments,
                holds_digest: true,
                ..
            }) => Some(segments.as_slice()),
            _ => None,
        })
    }

    /// Raw text of every unknown shortcode, in order.
    pub fn notices(&self) -> Vec<&str> {
        walk(&self.blocks)
            .filter_map(|node| match node {
                Node::Block(Block::Notice(raw)) | Node::Inline(Inline::Notice(raw)) => {
                    Some(raw.as_str())
                }
                _ => None,
            })
            .collect()
    }

    /// All headings, in order, for a table of contents.
    pub fn toc(&self) -> Vec<TocEntry> {
        walk(&self.blocks)
            .filter_map(|node| match node {
                Node::Block(Block::Heading { level, id, inlines }) => Some(TocEntry {
                    level: *level,
                    id: id.clone(),
                    text: plain_text(inlines, &|name| {
                        self.variable(name)
                            .map(|v| v.default.clone())
                            .unwrap_or_default()
                    }),
                }),
                _ => None,
            })
            .collect()
    }
}

/// Flattens inlines to text, with variables given by `value`. Iterative: a guide's
/// nesting depth costs no stack.
pub fn plain_text(inlines: &[Inline], value: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    for node in super::walk::walk_inlines(inlines) {
        match node {
            Node::Inline(Inline::Text(t) | Inline::Notice(t)) => out.push_str(t),
            Node::Inline(Inline::Image { alt, .. }) => out.push_str(alt),
            Node::Inline(Inline::Variable(v)) => out.push_str(&value(&v.name)),
            Node::Inline(Inline::LineBreak | Inline::SoftBreak) => out.push(' '),
            Node::Segment(Segment::Text(t)) => out.push_str(t),
            Node::Segment(Segment::Variable(v)) => out.push_str(&value(&v.name)),
            // What the guide wrote, as at the defaults `value` gives; the parts it
            // holds, met next, are not text of their own.
            Node::Inline(Inline::Override(o)) | Node::Segment(Segment::Override(o)) => {
                out.push_str(&o.resolve(false, &|v| value(&v.name)));
            }
            // A link's address is not part of its text.
            Node::UrlPart(_) => {}
            _ => {}
        }
    }
    out
}
