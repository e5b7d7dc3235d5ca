//! The guide engine: Authelia-style Hugo markdown in, a document with live variable
//! nodes out. Pure Rust (no DOM, no UI framework), tested natively; the page renders
//! the document, the parser worker produces it.
//!
//! # Stages
//!
//! One file each, in the order a guide goes through them: [`front_matter`] (YAML; it,
//! [`yaml_depth`] and [`yaml_error`] are the only modules that know the YAML crate) → [`shortcode`]
//! (the lexer) → `expand` (shortcodes become placeholders) → `markdown` (pulldown-cmark's events mapped onto
//! the [`document`] model, nesting bounded as it is built, see [`depth`]; `link`
//! decides what each address becomes) → `credentials` (hard-coded client ids and
//! secrets become variables) → `address` (the application's address becomes a
//! variable) → `link` again (relative links get their address on the guide's published
//! site, when its front matter says where that is) → `facts` (what the page needs to
//! know, computed once) → [`words`] (a place to break every long word) → [`highlight`]
//! (each code block's tokens, over its text with each value a slot). [`walk`] is
//! the one traversal of the tree every stage uses; [`variables`] and [`Values`] give
//! each variable its label, default, validation and text. [`budget`] bounds what a guide
//! becomes (nodes, table cells, the project's snippet text) while the stages build it.
//!
//! # Using it
//!
//! ```
//! use guide_engine::{self as guide, Block, Segment, Values, resolve_all, variables};
//!
//! let doc = guide::parse(
//!     "```yaml\nurl: https://{{< sitevar name=\"domain\" nojs=\"example.com\" >}}/\n```",
//! )?;
//! let mut values = Values::for_document(&doc); // defaults from the registry / nojs
//! assert!(variables::validate("domain", "example.co.uk").is_ok());
//! values.set("domain", "example.co.uk"); // "" restores the default
//! let Some(Block::CodeBlock { segments, .. }) = doc.blocks.get(1) else { panic!() };
//! assert_eq!(resolve_all(segments, &values, doc.default_digest()), "url: https://example.co.uk/");
//! # Ok::<(), guide::GuideError>(())
//! ```
//!
//! - [`parse`] never panics; it refuses a guide larger than [`MAX_GUIDE_BYTES`] and
//!   unreadable front matter, with an error that names the limit or the file line. A
//!   guide that would grow past a [`budget`] bound is shown cut, with a [`Warning`];
//!   [`Document::node_count`] is never above [`budget::MAX_NODES`].
//! - [`Document`]: `front_matter`, `blocks`, [`Document::variables`] (name, label,
//!   [`Kind`], default, in order of first use), [`Document::toc`],
//!   [`Document::needs_secret`], [`Document::needs_id_token_claims`] and
//!   [`Document::id_token_claims_needed`] (what the guide says the application needs in its ID
//!   token), [`Document::default_digest`], [`Document::notices`].
//! - [`Block`] / [`Inline`] / [`Segment`]: every variable occurrence is a
//!   `Variable(VarRef { name, format })` node and the client secret digest a `Digest`
//!   node, in prose, inline code and code blocks alike. Bind each to a reactive value
//!   and get its text with [`resolve`] (format `regex`/`dn` and `tls` → `http`/`https`
//!   applied).
//! - Links and images carry a [`Target`] / [`Source`]: a heading of the guide, a web
//!   [`Url`] (which cannot hold the client secret or its digest), a path relative to
//!   the guide's site, or a refusal with its reason.
//! - The application's address a guide assumes (its "Application Root URL") is the
//!   variable [`variables::APPLICATION_URL`] wherever the guide writes it, also as the
//!   start of a longer address: an [`Override`] node ([`Segment::Override`],
//!   [`Inline::Override`], [`UrlPart::Override`]) that shows what the guide wrote until
//!   the reader sets the variable, then their value ([`Override::resolve`]).
//! - [`variables::validate`] gives a readable reason for a bad value.
//! - Raw HTML in a guide arrives as text.
//! - "Check my configuration" is not here: the `authelia-check` crate holds what the
//!   project knows of Authelia's rules, and reads YAML with [`yaml_depth`],
//!   [`yaml_error`] and [`front_matter::expands_beyond`] so a paste is bounded and its
//!   mistakes placed as a guide's are.
//!
//! # The dialect
//!
//! Hugo markdown with YAML front matter and these shortcodes:
//!
//! | shortcode | meaning |
//! |---|---|
//! | `{{< sitevar name="domain" nojs="example.com" format="regex" >}}` | a variable (`format`: `regex`, `dn`) |
//! | `{{< sitevar-preferences >}}` | where the variables panel goes ([`Block::VariablesPanel`]) |
//! | `{{% oidc-common bugs="…" faq="…" config="…" %}}` | the project's common notes ([`Block::Snippet`]) |
//! | `{{< oidc-escape-hatch-claims-hydration >}}` | the claims policy workaround ([`Block::Snippet`]) |
//! | `{{< callout context="note" title="…" icon="…" >}}…{{< /callout >}}` | [`Block::Callout`] |
//! | `{{< figure src="…" alt="…" width="…" >}}` | [`Block::Figure`] |
//! | `{{< client-secret-digest >}}` | project extension: the digest of the reader's secret ([`Segment::Digest`]) |
//! | `{{</* name */>}}` | printed literally as `{{< name >}}` |
//!
//! Client credentials in the project's guides are the variables `client-id` and
//! `client-secret` (plain sitevars). Authelia's own pages hard-code them instead; those
//! are recognised (`client_id: '…'`, `client_secret: '$…'  # The digest of '…'.`,
//! ``Client ID: `…` ``, ``Client Secret: `…` ``) and become the same nodes. Any other
//! shortcode becomes a visible [`Block::Notice`] / [`Inline::Notice`] with its raw text.

mod address;
pub mod budget;
mod credentials;
pub mod depth;
pub mod document;
mod expand;
mod facts;
mod fence;
pub mod front_matter;
pub mod highlight;
mod label;
mod link;
mod markdown;
mod oidc_common;
pub mod percent;
pub mod publish;
mod safety;
pub mod shortcode;
mod slug;
mod values;
pub mod variables;
pub mod walk;
pub mod words;
pub mod yaml_depth;
pub mod yaml_error;

use std::fmt;

pub use document::{
    Align, Block, Document, Inline, Override, RESERVED_ID_PREFIX, Refusal, Segment, Source, Target,
    TocEntry, Url, UrlPart, Warning,
};
pub use fence::{FenceInfo, parse_info as parse_fence_info};
pub use front_matter::{FrontMatter, FrontMatterError};
pub use oidc_common::MAX_ID_TOKEN_CLAIMS;
pub use safety::url_is_safe;
pub use values::{
    ValueSource, Values, authelia_url, live_default, resolve, resolve_all, resolve_from,
    resolve_segment, resolve_url, typed_value,
};
pub use variables::{Format, Kind, VarRef, Variable};

/// Largest guide [`parse`] accepts, in bytes, whether it comes from a file or a paste:
/// the page refuses anything larger before reading it. Authelia's longest client guide
/// is about 12 kB; 2 MB is over a hundred times that, and the worst hostile guide of
/// this size still parses in a fraction of a second (see the `parse` bench).
pub const MAX_GUIDE_BYTES: usize = 2_000_000;

/// Why a guide could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GuideError {
    /// The guide is larger than [`MAX_GUIDE_BYTES`].
    TooLarge {
        /// The guide's size, in bytes.
        bytes: usize,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The front matter is unreadable or too large (the message says which, and names
    /// the line or the limit).
    FrontMatter(FrontMatterError),
}

impl fmt::Display for GuideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GuideError::TooLarge { bytes, limit } => write!(
                f,
                "the guide is {bytes} bytes; a guide may be at most {limit} bytes"
            ),
            GuideError::FrontMatter(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for GuideError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            GuideError::TooLarge { .. } => None,
            GuideError::FrontMatter(e) => Some(e),
        }
    }
}

impl From<FrontMatterError> for GuideError {
    fn from(e: FrontMatterError) -> Self {
        GuideError::FrontMatter(e)
    }
}

/// Parses a guide. Never panics; fails only on a guide larger than
/// [`MAX_GUIDE_BYTES`] or on unreadable front matter.
///
/// # Errors
/// [`GuideError::TooLarge`], naming the limit; [`GuideError::FrontMatter`], naming the
/// file line or the limit it passed.
pub fn parse(source: &str) -> Result<Document, GuideError> {
    parse_with_defaults(source, &std::collections::BTreeMap::new())
}

/// Parses a guide as a site publishes it: each of `site_defaults` (a variable's name and
/// default: a team's own example domain) is that variable's default wherever the
/// variable accepts it, in place of the guide's or Authelia's, through the one registry
/// every default is read from. So the text shown before the reader sets a value, the
/// addresses built from it and [`Variable::default`] in the document all follow it.
///
/// # Errors
/// As [`parse`].
pub fn parse_with_defaults(
    source: &str,
    site_defaults: &std::collections::BTreeMap<String, String>,
) -> Result<Document, GuideError> {
    if source.len() > MAX_GUIDE_BYTES {
        return Err(GuideError::TooLarge {
            bytes: source.len(),
            limit: MAX_GUIDE_BYTES,
        });
    }
    let split = front_matter::split(source)?;
    let mut ctx = markdown::Ctx {
        registry: variables::Registry::with_site_defaults(site_defaults.clone()),
        ..markdown::Ctx::default()
    };
    // Nesting is bounded while the tree is built (see `depth`): no deeper tree exists.
    let mut blocks = markdown::parse_body(split.body, &mut ctx);
    let mut learned = credentials::Learned::default();
    credentials::recognise(
        &mut blocks,
        &mut ctx.registry,
        &mut learned,
        &mut ctx.budget,
    );
    address::recognise(&mut blocks, &mut ctx.registry, &mut ctx.budget);
    if ctx.registry.refused {
        ctx.warn(Warning::TooManyVariables {
            limit: variables::MAX_VARIABLES,
        });
    }
    let passed: Vec<Warning> = ctx.budget.warnings().collect();
    passed.into_iter().for_each(|w| ctx.warn(w));
    link::place_on_site(&mut blocks, &split.front_matter);
    let facts = facts::settle(&mut blocks);
    // Last, on the finished tree: the other stages read whole words.
    words::break_long_words(&mut blocks, &mut ctx.budget);
    // On the finished code: tokens over segments no stage changes again.
    highlight::highlight(&mut blocks);
    if ctx.budget.nodes_cut {
        ctx.warn(Warning::TooManyNodes {
            limit: budget::MAX_NODES,
        });
    }

    // Variables in order of first use, described by the registry or their nojs text.
    let mut variables: Vec<Variable> = Vec::new();
    {
        let mut seen = std::collections::HashSet::new();
        for node in walk::walk(&blocks) {
            if let Some(v) = node.variable()
                && seen.insert(v.name.as_str())
            {
                variables.push(ctx.registry.describe(&v.name));
            }
        }
    }
    if variables
        .iter()
        .any(|v| ctx.registry.default_refused(&v.name))
    {
        ctx.warn(Warning::DefaultsRefused);
    }
    let default_digest = learned
        .digest
        .unwrap_or_else(|| variables::REFERENCE_DIGEST.to_owned());
    Ok(Document {
        front_matter: split.front_matter,
        blocks,
        variables,
        index: document::VariableIndex::default(),
        default_digest,
        needs_secret: facts.needs_secret,
        id_token_claims: ctx.id_token_claims.map(|claims| claims.join(" ")),
        warnings: ctx.warnings,
        written: document::WrittenIndex::default(),
    })
}
