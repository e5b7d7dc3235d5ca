//! Highlighted code: a stage that gives each code block of a known language its tokens
//! (comments, keys, strings, numbers, keywords, punctuation), computed once as a fact of
//! the document, and the one function that lays them over the block's segments for a
//! page to show.
//!
//! A code block holds the reader's values (a [`Segment::Variable`], the digest, the
//! application's address), which change as the reader types. The tokens are computed on
//! the block as the guide wrote it, each value a *slot* one unit wide, so a new value
//! never needs the block tokenized again: a slot falls inside a token (a value within a
//! quoted string is part of the string) and the page shows the value, marked as it is
//! everywhere, inside that token's span. A token's length counts the bytes of the text it
//! covers plus one per slot, so the tokens of a block tile it exactly ([`pieces`]).
//!
//! The lexer is small and written for the languages Authelia's guides use
//! ([`Language`]); any other language's block is plain text. It reads each byte a
//! bounded number of times, and stops at [`MAX_BLOCK_TOKENS`] tokens a block and
//! [`MAX_TOKENS`] a guide, the rest being plain text: a page builds a span a token, so
//! these bound what highlighting adds to what the page's thread renders, whatever the
//! guide holds.
//!
//! Only the parser (the build's prerender and the parser worker) runs the lexer; the page
//! receives the tokens inside the document and only maps each kind to a class
//! ([`TokenKind::class`]).

mod language;
mod lexer;

use serde::{Deserialize, Serialize};

use super::document::{Block, Segment};
use super::walk::{NodeMut, walk_mut};

pub use language::Language;

/// Most tokens one code block is given; past it, the rest of the block is one plain
/// token. Authelia's longest client guide block has 472 tokens (at 23572030b); a span a
/// token, this keeps a block of hostile length to a few thousand spans on the page.
pub const MAX_BLOCK_TOKENS: usize = 2_000;

/// Most tokens a whole guide's code blocks are given, in reading order; past it, the
/// blocks are plain text. Authelia's guides hold at most 839 (OpenCloud's, at 23572030b);
/// the page renders a span a token, so this keeps what highlighting adds to a guide to
/// what [`MAX_NODES`](crate::budget::MAX_NODES) allows for the rest of it.
pub const MAX_TOKENS: usize = 6_000;

/// What a token is, which decides its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenKind {
    /// Text with no colour of its own: white space, plain values, unknown words.
    Plain,
    /// A comment, to the end of its line (or its `*/`).
    Comment,
    /// A name that is given a value: a YAML or JSON key, an ini or TOML key, a
    /// shell assignment's name or a flag's, a PHP array key, an nginx directive.
    Key,
    /// A quoted string, its quotes included.
    String,
    /// A number.
    Number,
    /// A word of the language (`true`, `null`, `return`, `export`), a variable (`$HOME`,
    /// `$config`), an ini or TOML section, a YAML anchor or tag.
    Keyword,
    /// Punctuation: brackets, separators, `=`, `=>`, a YAML sequence's `-`.
    Punctuation,
}

impl TokenKind {
    /// The class of the span a page shows a token in; `None` for plain text, shown
    /// without a span.
    pub fn class(self) -> Option<&'static str> {
        match self {
            TokenKind::Plain => None,
            TokenKind::Comment => Some("t-comment"),
            TokenKind::Key => Some("t-key"),
            TokenKind::String => Some("t-string"),
            TokenKind::Number => Some("t-number"),
            TokenKind::Keyword => Some("t-keyword"),
            TokenKind::Punctuation => Some("t-punct"),
        }
    }
}

/// One token of a code block: its kind and how many units of the block it covers
/// (bytes of text, and one per value slot).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Units covered: bytes of the block's text, one for each value slot in it.
    pub len: u32,
}

/// What a value slot is in the text the lexer reads: a byte that never occurs in UTF-8,
/// which the lexer takes as part of the word or string it stands in.
const SLOT: u8 = 0xFF;

/// The stage: gives every code block of a known language its tokens, in reading order,
/// within [`MAX_TOKENS`] for the guide.
pub(crate) fn highlight(blocks: &mut Vec<Block>) {
    let mut room = MAX_TOKENS;
    walk_mut(blocks, &mut |node| {
        if let NodeMut::Block(Block::CodeBlock {
            language,
            segments,
            tokens,
            ..
        }) = node
        {
            *tokens = tokenize_within(language.as_deref(), segments, room.min(MAX_BLOCK_TOKENS));
            room = room.saturating_sub(tokens.len());
        }
    });
}

/// The tokens of a code block in the fence's `language`, as the stage gives them (at most
/// [`MAX_BLOCK_TOKENS`], then one plain token); empty for a language the lexer does not
/// know, which the page shows as plain text.
pub fn tokenize(language: Option<&str>, segments: &[Segment]) -> Vec<Token> {
    tokenize_within(language, segments, MAX_BLOCK_TOKENS)
}

/// [`tokenize`] with at most `cap` tokens before the plain rest; none when `cap` is 0.
fn tokenize_within(language: Option<&str>, segments: &[Segment], cap: usize) -> Vec<Token> {
    let Some(language) = language.and_then(Language::from_fence) else {
        return Vec::new();
    };
    if cap == 0 {
        return Vec::new();
    }
    let mut template = Vec::new();
    for segment in segments {
        match segment {
            Segment::Text(text) => template.extend_from_slice(text.as_bytes()),
            Segment::Variable(_) | Segment::Digest | Segment::Override(_) => template.push(SLOT),
        }
    }
    let mut sink = Sink::new(cap);
    lexer::lex(language.rules(), &template, &mut sink);
    sink.finish(template.len())
}

/// Where the lexer's tokens go: merged with the one before when of the same kind, and
/// no more than the cap (the rest is made plain by [`Sink::finish`]).
pub(crate) struct Sink {
    tokens: Vec<Token>,
    /// Where the last token ends, in units.
    at: usize,
    cap: usize,
}

impl Sink {
    fn new(cap: usize) -> Sink {
        Sink {
            tokens: Vec::new(),
            at: 0,
            cap,
        }
    }

    /// Adds a token of `kind` from where the last one ended to `end`; false once the cap
    /// is reached, when the lexer stops. An empty token adds nothing.
    pub(crate) fn push(&mut self, kind: TokenKind, end: usize) -> bool {
        let Some(len) = end
            .checked_sub(self.at)
            .and_then(|len| u32::try_from(len).ok())
        else {
            return false;
        };
        if len == 0 {
            return true;
        }
        if let Some(last) = self.tokens.last_mut()
            && last.kind == kind
            && let Some(sum) = last.len.checked_add(len)
        {
            last.len = sum;
        } else if self.tokens.len() >= self.cap {
            return false;
        } else {
            self.tokens.push(Token { kind, len });
        }
        self.at = end;
        true
    }

    /// The tokens, with whatever the lexer left of the `total` units as plain text.
    fn finish(mut self, total: usize) -> Vec<Token> {
        let rest = total.saturating_sub(self.at);
        if let Ok(len) = u32::try_from(rest)
            && len > 0
        {
            match self.tokens.last_mut() {
                Some(last) if last.kind == TokenKind::Plain => {
                    last.len = last.len.saturating_add(len);
                }
                _ => self.tokens.push(Token {
                    kind: TokenKind::Plain,
                    len,
                }),
            }
        }
        self.tokens
    }
}

/// A piece of a highlighted code block, in order: text of one token, or one value slot
/// (a segment that is not text) inside the token it falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text of the block, all of one kind.
    Text(TokenKind, &'a str),
    /// A value (variable, digest or application address), inside a token of this kind.
    Slot(TokenKind, &'a Segment),
}

/// Lays `tokens` over `segments`: every character and value of the block once, in order,
/// each with the kind of the token it falls in. Text the tokens do not reach (none, or
/// tokens that do not fit the block) is plain; nothing is lost or repeated, whatever the
/// tokens say.
pub fn pieces<'a>(segments: &'a [Segment], tokens: &[Token]) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    let mut tokens = tokens.iter();
    // The token being laid out, and the units of it left.
    let mut current = (TokenKind::Plain, 0usize);
    let mut next = |current: &mut (TokenKind, usize)| {
        while current.1 == 0 {
            match tokens.next() {
                Some(t) => {
                    *current = (t.kind, usize::try_from(t.len).unwrap_or(usize::MAX));
                }
                // Past the tokens: plain from here on.
                None => *current = (TokenKind::Plain, usize::MAX),
            }
        }
    };
    for segment in segments {
        match segment {
            Segment::Text(text) => {
                let mut rest = text.as_str();
                while !rest.is_empty() {
                    next(&mut current);
                    let take = current.1.min(rest.len());
                    let (piece, after) = match (rest.get(..take), rest.get(take..)) {
                        (Some(piece), Some(after)) => (piece, after),
                        // A token ending inside a character: tokens that do not fit the
                        // text, so it is shown plain.
                        _ => {
                            current = (TokenKind::Plain, usize::MAX);
                            (rest, "")
                        }
                    };
                    current.1 = current.1.saturating_sub(piece.len());
                    out.push(Piece::Text(current.0, piece));
                    rest = after;
                }
            }
            Segment::Variable(_) | Segment::Digest | Segment::Override(_) => {
                next(&mut current);
                current.1 = current.1.saturating_sub(1);
                out.push(Piece::Slot(current.0, segment));
            }
        }
    }
    out
}
