//! Turns shortcodes into placeholder tokens before markdown parsing.
//!
//! Each shortcode occurrence is replaced by `U+E000 index U+E001` (private-use
//! characters markdown treats as plain text) and described in a slot table. After
//! markdown parsing, text, code and URLs are split on the placeholders back into
//! nodes; this is what lets a variable sit in prose, a link target, inline code or a
//! fenced block alike, and keeps shortcode arguments away from the markdown parser.

use std::collections::HashMap;

use super::budget::Budget;
use super::document::{Segment, push_text};
use super::oidc_common;
use super::shortcode::{Shortcode, TokenKind, tokenize};
use super::variables::{Format, Kind, Registry, VarRef};

/// Starts a placeholder.
const OPEN: char = '\u{E000}';
/// Ends a placeholder.
const CLOSE: char = '\u{E001}';
/// Breaks a line that must not be read as a table's delimiter row (see
/// [`crate::budget::tables`]); dropped, like a placeholder's brackets, wherever text
/// is split into pieces.
pub(crate) const BREAK: char = '\u{E002}';

/// What a placeholder stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SlotKind {
    /// `sitevar`.
    Variable(VarRef),
    /// `client-secret-digest`.
    Digest,
    /// A commented shortcode, printed as this text.
    Literal(String),
    /// An unknown (or stray closing, or unclosed paired) shortcode.
    Notice,
    /// `sitevar-preferences`.
    Panel,
    /// A shortcode whose content is markdown the project supplies, and what it says
    /// about the claims the application needs in its ID token
    /// ([`oidc_common::id_token_claims`]).
    Snippet {
        name: String,
        source: String,
        id_token_claims: Option<Vec<String>>,
    },
    /// A paired `callout` with its raw inner markdown.
    Callout {
        context: String,
        title: Option<String>,
        inner: String,
    },
    /// `figure`.
    Figure { src: String, alt: String },
}

/// A placeholder's meaning and the shortcode text it replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Slot {
    pub kind: SlotKind,
    pub raw: String,
}

impl Slot {
    /// Whether the slot stands for block content (only meaningful in a paragraph).
    pub fn is_block(&self) -> bool {
        matches!(
            self.kind,
            SlotKind::Panel
                | SlotKind::Snippet { .. }
                | SlotKind::Callout { .. }
                | SlotKind::Figure { .. }
        )
    }
}

/// Source with placeholders, and what they stand for.
pub(crate) struct Expanded {
    pub text: String,
    pub slots: Vec<Slot>,
}

/// Replaces every shortcode in `src` with a placeholder. `registry` admits each
/// variable name and keeps its first `nojs` text (the default of names the site lacks);
/// `budget` bounds the project's text the shortcodes add.
pub(crate) fn expand(src: &str, registry: &mut Registry, budget: &mut Budget) -> Expanded {
    let tokens = tokenize(src);
    let pairs = pair_callouts(&tokens);
    let mut text = String::with_capacity(src.len());
    let mut slots = Vec::new();
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        let raw = src.get(token.span.clone()).unwrap_or_default();
        i += 1;
        let slot = match &token.kind {
            TokenKind::Text => {
                // Placeholder characters in the input itself would be mistaken for ours.
                if raw.contains([OPEN, CLOSE, BREAK]) {
                    text.extend(raw.chars().map(|c| {
                        if c == OPEN || c == CLOSE || c == BREAK {
                            '\u{FFFD}'
                        } else {
                            c
                        }
                    }));
                } else {
                    text.push_str(raw);
                }
                continue;
            }
            TokenKind::Literal(lit) => Slot {
                kind: SlotKind::Literal(lit.clone()),
                raw: lit.clone(),
            },
            TokenKind::Shortcode(sc) => match pairs.get(&(i - 1)) {
                Some(&close) => {
                    let inner_start = token.span.end;
                    let close_span = tokens
                        .get(close)
                        .map(|t| t.span.clone())
                        .unwrap_or(inner_start..inner_start);
                    i = close + 1;
                    Slot {
                        kind: SlotKind::Callout {
                            context: sc.arg("context").unwrap_or("note").to_owned(),
                            title: sc.arg("title").map(str::to_owned),
                            inner: src
                                .get(inner_start..close_span.start)
                                .unwrap_or_default()
                                .to_owned(),
                        },
                        raw: src
                            .get(token.span.start..close_span.end)
                            .unwrap_or_default()
                            .to_owned(),
                    }
                }
                None => Slot {
                    kind: classify(sc, registry, budget),
                    raw: raw.to_owned(),
                },
            },
        };
        text.push(OPEN);
        text.push_str(&slots.len().to_string());
        text.push(CLOSE);
        slots.push(slot);
    }
    Expanded { text, slots }
}

/// Matches `callout` openings with their closing tags (nesting allowed), by index.
fn pair_callouts(tokens: &[super::shortcode::Token]) -> HashMap<usize, usize> {
    let mut open = Vec::new();
    let mut pairs = HashMap::new();
    for (i, token) in tokens.iter().enumerate() {
        if let TokenKind::Shortcode(sc) = &token.kind
            && sc.name == "callout"
        {
            if sc.closing {
                if let Some(start) = open.pop() {
                    pairs.insert(start, i);
                }
            } else {
                open.push(i);
            }
        }
    }
    // Only outermost pairs matter: inner ones are handled when the content is parsed.
    let mut sorted: Vec<(usize, usize)> = pairs.into_iter().collect();
    sorted.sort_unstable();
    let mut outer = HashMap::new();
    let mut last_end = None;
    for (start, end) in sorted {
        if last_end.is_none_or(|e| start > e) {
            outer.insert(start, end);
            last_end = Some(end);
        }
    }
    outer
}

/// What a single (unpaired) shortcode means.
fn classify(sc: &Shortcode, registry: &mut Registry, budget: &mut Budget) -> SlotKind {
    if sc.closing {
        return SlotKind::Notice;
    }
    match sc.name.as_str() {
        "sitevar" => match sc.arg("name").or_else(|| sc.positional()).map(str::trim) {
            Some(name) if !name.is_empty() => {
                let format = Format::from_arg(sc.arg("format"));
                let kind = Kind::from_arg(sc.arg("kind"));
                if registry.define(name, sc.arg("nojs")) {
                    registry.declare(name, kind);
                    SlotKind::Variable(VarRef {
                        name: name.to_owned(),
                        format,
                    })
                } else {
                    // Past the limit: the text the site shows without scripting.
                    let default =
                        super::variables::describe_declared(name, sc.arg("nojs"), kind).default;
                    SlotKind::Literal(
                        super::variables::present(name, &default, format).into_owned(),
                    )
                }
            }
            _ => SlotKind::Notice,
        },
        "client-secret-digest" => SlotKind::Digest,
        "sitevar-preferences" => SlotKind::Panel,
        "oidc-common" => snippet(
            sc,
            budget,
            oidc_common::common_notes(
                &oidc_common::Lists {
                    bugs: list(sc.arg("bugs")),
                    faq: list(sc.arg("faq")),
                    config: list(sc.arg("config")),
                },
                budget.snippet_room(),
            ),
        ),
        oidc_common::ESCAPE_HATCH => snippet(
            sc,
            budget,
            oidc_common::claims_hydration_escape_hatch(
                &oidc_common::EscapeHatch {
                    client_id: sc.arg("client_id"),
                    policy_name: sc.arg("policy_name"),
                    claims: sc.arg("claims"),
                    example: sc.arg("example") != Some("disable"),
                },
                budget.snippet_room(),
            ),
        ),
        "figure" => SlotKind::Figure {
            src: sc.arg("src").unwrap_or_default().to_owned(),
            alt: sc.arg("alt").unwrap_or_default().to_owned(),
        },
        _ => SlotKind::Notice,
    }
}

/// A snippet's slot, its text charged to `budget`; the shortcode's notice when the text
/// did not fit at all.
fn snippet(sc: &Shortcode, budget: &mut Budget, text: Option<oidc_common::Text>) -> SlotKind {
    let Some(text) = text else {
        budget.snippets_cut = true;
        return SlotKind::Notice;
    };
    budget.snippet_bytes += text.markdown.len();
    budget.snippets_cut |= text.cut;
    SlotKind::Snippet {
        name: sc.name.clone(),
        source: text.markdown,
        id_token_claims: oidc_common::id_token_claims(&sc.name, sc.arg("bugs"), sc.arg("claims")),
    }
}

/// The text of a shortcode argument that may itself hold shortcodes (a figure's `src`
/// written `{{< figure src="https://{{< sitevar name=\"domain\" >}}/x.png" >}}`), as
/// segments: variables and the digest become nodes, so the rules for addresses apply to
/// them too; any other shortcode stays as its text.
pub(crate) fn argument_segments(
    text: &str,
    registry: &mut Registry,
    budget: &mut Budget,
) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for token in tokenize(text) {
        let raw = text.get(token.span.clone()).unwrap_or_default();
        match &token.kind {
            TokenKind::Shortcode(sc) => match classify(sc, registry, budget) {
                SlotKind::Variable(v) => out.push(Segment::Variable(v)),
                SlotKind::Digest => out.push(Segment::Digest),
                SlotKind::Literal(lit) => push_text(&mut out, &lit),
                _ => push_text(&mut out, raw),
            },
            TokenKind::Literal(lit) => push_text(&mut out, lit),
            TokenKind::Text => push_text(&mut out, raw),
        }
    }
    out
}

/// Splits a comma-separated argument into trimmed, non-empty names, lazily: a list of
/// names is read only as far as the text it becomes may grow.
fn list(arg: Option<&str>) -> impl Iterator<Item = &str> + Clone {
    arg.unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Text between placeholders, or a placeholder's slot index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    Text(&'a str),
    Slot(usize),
}

/// Splits text on placeholders. A malformed placeholder stays text; a [`BREAK`] is
/// dropped.
pub(crate) fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    // Breaks are rare (a table past the cell budget): without one, the search for a
    // single character is the fast one.
    let breaks = text.contains(BREAK);
    let next = |r: &str| {
        if breaks {
            r.find([OPEN, BREAK])
        } else {
            r.find(OPEN)
        }
    };
    while let Some(start) = next(rest) {
        if rest.get(start..).is_some_and(|r| r.starts_with(BREAK)) {
            if start > 0 {
                out.push(Piece::Text(rest.get(..start).unwrap_or_default()));
            }
            rest = rest.get(start + BREAK.len_utf8()..).unwrap_or_default();
            continue;
        }
        let after = rest.get(start + OPEN.len_utf8()..).unwrap_or_default();
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let index = after.get(..digits).and_then(|d| d.parse::<usize>().ok());
        let closed = after.get(digits..).is_some_and(|r| r.starts_with(CLOSE));
        match index {
            Some(index) if closed => {
                if start > 0 {
                    out.push(Piece::Text(rest.get(..start).unwrap_or_default()));
                }
                out.push(Piece::Slot(index));
                rest = after.get(digits + CLOSE.len_utf8()..).unwrap_or_default();
            }
            _ => {
                let cut = start + OPEN.len_utf8();
                out.push(Piece::Text(rest.get(..cut).unwrap_or_default()));
                rest = rest.get(cut..).unwrap_or_default();
            }
        }
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_round_trip() {
        let mut registry = Registry::default();
        let e = expand(
            r#"a {{< sitevar name="domain" nojs="example.com" >}} b"#,
            &mut registry,
            &mut Budget::default(),
        );
        let p = pieces(&e.text);
        assert_eq!(
            p,
            vec![Piece::Text("a "), Piece::Slot(0), Piece::Text(" b")]
        );
        assert_eq!(registry.nojs("domain"), Some("example.com"));
    }

    #[test]
    fn input_placeholder_characters_are_neutralised() {
        let e = expand(
            "\u{E000}0\u{E001}\u{E002}",
            &mut Registry::default(),
            &mut Budget::default(),
        );
        assert!(e.slots.is_empty());
        assert_eq!(
            pieces(&e.text),
            vec![Piece::Text("\u{FFFD}0\u{FFFD}\u{FFFD}")]
        );
    }

    #[test]
    fn nested_callouts_pair_outermost_first() {
        let src = "{{< callout >}}a {{< callout >}}b{{< /callout >}} c{{< /callout >}}";
        let e = expand(src, &mut Registry::default(), &mut Budget::default());
        assert_eq!(e.slots.len(), 1);
        let SlotKind::Callout { inner, .. } = &e.slots[0].kind else {
            panic!("not a callout")
        };
        assert_eq!(inner, "a {{< callout >}}b{{< /callout >}} c");
    }
}
