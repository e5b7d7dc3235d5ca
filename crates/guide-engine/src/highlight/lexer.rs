//! The one lexer every [`Language`](super::Language) shares, told apart by its
//! [`Rules`]: a single pass over the block's bytes that ends a token at white space,
//! punctuation, a quote's end or a line's end.
//!
//! It reads each byte at most twice (once more where it looks past a word or string for
//! what makes it a key, over the spaces the next token then takes), so its time is
//! linear in the block whatever the block holds; the sink stops it at its cap. A token
//! only ever ends before or after an ASCII byte, so never inside a character.

use super::{SLOT, Sink, TokenKind};

/// How a language names a key (what [`TokenKind::Key`] marks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyRule {
    /// A word or string followed by `:` (YAML: `key: value`; JSON: `"key": value`).
    Colon,
    /// The first word or string of a line, followed by `=` (ini, TOML).
    Equals,
    /// A name followed at once by `=` (shell: `NAME=value`, `--flag=value`).
    Assign,
    /// A string followed by `=>` (a PHP array's key).
    Arrow,
    /// The first word of a statement (an nginx directive).
    Statement,
}

/// What sets a language apart, for the lexer.
#[derive(Debug)]
pub(crate) struct Rules {
    /// What starts a comment to the end of the line, at a token's start after white space
    /// or punctuation.
    pub comments: &'static [&'static str],
    /// Comments only open a line (ini's `;`), never follow something on it.
    pub comments_open_lines: bool,
    /// `/* … */` is a comment.
    pub block_comments: bool,
    /// Bytes that are a token of their own.
    pub punctuation: &'static [u8],
    /// The language's words, matched whole and in any case.
    pub keywords: &'static [&'static str],
    /// How a key is named.
    pub key: KeyRule,
    /// A backslash escapes the next byte in single quotes too (it always does in double
    /// quotes).
    pub single_quote_escapes: bool,
    /// `[section]` opening a line is a section's name.
    pub sections: bool,
    /// YAML's own marks: a sequence's `-`, a block scalar's `|` or `>` and the deeper lines
    /// after it, anchors, aliases and tags.
    pub yaml: bool,
    /// `$name` and `${name}` are variables.
    pub dollar_names: bool,
}

/// Tokenizes `src` (a code block's text, each value slot one [`SLOT`] byte) into `sink`
/// until it is done or the sink is full.
pub(crate) fn lex(rules: &Rules, src: &[u8], sink: &mut Sink) {
    let mut lexer = Lexer {
        rules,
        src,
        sink,
        pos: 0,
        line_open: true,
        indent: 0,
        statement: true,
        block_scalar: None,
        scalar_pending: false,
    };
    if lexer.begin_line() {
        while lexer.step() {}
    }
}

/// The lexer's place in the block and what it knows of the line it is on.
struct Lexer<'a> {
    rules: &'a Rules,
    src: &'a [u8],
    sink: &'a mut Sink,
    /// Where the next token starts.
    pos: usize,
    /// Nothing but white space before `pos` on its line.
    line_open: bool,
    /// The spaces that open the current line.
    indent: usize,
    /// The next word starts a statement ([`KeyRule::Statement`]).
    statement: bool,
    /// YAML: the indent of the line that opened a block scalar, whose text is every
    /// deeper (or blank) line after it.
    block_scalar: Option<usize>,
    /// YAML: this line ended so far with a block scalar's `|` or `>`.
    scalar_pending: bool,
}

/// Space within a line.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r')
}

/// What a name or a `$` variable's name may hold.
fn is_name(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether `word` reads as a number: an optional sign, a digit, then digits, `.` or `_`.
fn is_number(word: &[u8]) -> bool {
    let digits = match word.first() {
        Some(b'-' | b'+') => word.get(1..).unwrap_or_default(),
        _ => word,
    };
    digits.first().is_some_and(u8::is_ascii_digit)
        && digits
            .iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'_'))
}

impl Lexer<'_> {
    fn byte(&self, i: usize) -> Option<u8> {
        self.src.get(i).copied()
    }

    /// Where the line holding `from` ends: its `\n`, or the end of the block.
    fn line_end(&self, from: usize) -> usize {
        self.src
            .get(from..)
            .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
            .map_or(self.src.len(), |i| from + i)
    }

    /// The first byte at or after `from` that is not space within the line.
    fn skip_spaces(&self, from: usize) -> usize {
        let mut i = from;
        while self.byte(i).is_some_and(is_space) {
            i += 1;
        }
        i
    }

    /// Emits a token of `kind` up to `end` and moves there; false once the sink is full.
    fn emit(&mut self, kind: TokenKind, end: usize) -> bool {
        let end = end.clamp(self.pos, self.src.len());
        if !self.sink.push(kind, end) {
            return false;
        }
        self.pos = end;
        true
    }

    /// At a line's start: measures its indent, and takes the lines of a YAML block scalar
    /// whole, as one string each. False once the sink is full.
    fn begin_line(&mut self) -> bool {
        loop {
            self.line_open = true;
            self.indent = self.skip_spaces(self.pos) - self.pos;
            let Some(parent) = self.block_scalar else {
                return true;
            };
            let end = self.line_end(self.pos);
            let blank = self
                .src
                .get(self.pos + self.indent..end)
                .is_none_or(|rest| rest.iter().all(|&b| is_space(b)));
            if !blank && self.indent <= parent {
                self.block_scalar = None;
                return true;
            }
            let kind = if blank {
                TokenKind::Plain
            } else {
                TokenKind::String
            };
            if !self.emit(kind, end) {
                return false;
            }
            if end >= self.src.len() {
                return true;
            }
            if !self.emit(TokenKind::Plain, end + 1) {
                return false;
            }
        }
    }

    /// Takes one token; false when the block is done or the sink is full.
    fn step(&mut self) -> bool {
        let start = self.pos;
        let Some(b) = self.byte(start) else {
            return false;
        };
        if b == b'\n' {
            if self.scalar_pending {
                self.block_scalar = Some(self.indent);
                self.scalar_pending = false;
            }
            return self.emit(TokenKind::Plain, start + 1) && self.begin_line();
        }
        if is_space(b) {
            let end = self.skip_spaces(start);
            return self.emit(TokenKind::Plain, end);
        }
        let line_open = self.line_open;
        self.line_open = false;
        if self.comment_at(start, line_open) {
            let end = self.line_end(start);
            return self.emit(TokenKind::Comment, end);
        }
        // Anything else on a line after a block scalar's mark: no block scalar.
        self.scalar_pending = false;
        let next = self.byte(start + 1);
        if self.rules.block_comments && b == b'/' && next == Some(b'*') {
            let end = self
                .src
                .get(start + 2..)
                .and_then(|rest| rest.windows(2).position(|w| w == b"*/"))
                .map_or(self.src.len(), |i| start + 2 + i + 2);
            return self.emit(TokenKind::Comment, end);
        }
        match b {
            b'"' | b'\'' => self.string(b, line_open),
            b'[' if self.rules.sections && line_open => {
                let end = self.line_end(start);
                let close = self
                    .src
                    .get(start..end)
                    .and_then(|line| line.iter().position(|&c| c == b']'))
                    .map_or(end, |i| start + i + 1);
                self.emit(TokenKind::Keyword, close)
            }
            b'$' if self.rules.dollar_names && next.is_some_and(|c| is_name(c) || c == b'{') => {
                self.dollar_name(start)
            }
            _ if self.rules.punctuation.contains(&b) => {
                self.statement = matches!(b, b';' | b'{' | b'}');
                self.emit(TokenKind::Punctuation, start + 1)
            }
            _ => self.word(start, line_open),
        }
    }

    /// Whether a comment starts at `start`: after white space or punctuation (or at the
    /// block's start), and only opening its line where the language says so.
    fn comment_at(&self, start: usize, line_open: bool) -> bool {
        if self.rules.comments_open_lines && !line_open {
            return false;
        }
        let after_gap = start
            .checked_sub(1)
            .and_then(|i| self.byte(i))
            .is_none_or(|p| p.is_ascii_whitespace() || self.rules.punctuation.contains(&p));
        let rest = self.src.get(start..).unwrap_or_default();
        after_gap
            && self
                .rules
                .comments
                .iter()
                .any(|c| rest.starts_with(c.as_bytes()))
    }

    /// A string from its quote to the same quote, or to the line's end when it has none;
    /// a key when what follows makes it one.
    fn string(&mut self, quote: u8, line_open: bool) -> bool {
        let escapes = quote == b'"' || self.rules.single_quote_escapes;
        let mut i = self.pos + 1;
        let end = loop {
            match self.byte(i) {
                None | Some(b'\n') => break i,
                Some(b'\\') if escapes => i += 2,
                Some(c) if c == quote => break i + 1,
                Some(_) => i += 1,
            }
        };
        let end = end.min(self.src.len());
        let kind = if self.key_follows(end, line_open) {
            TokenKind::Key
        } else {
            TokenKind::String
        };
        self.statement = false;
        self.emit(kind, end)
    }

    /// Whether what follows `end` (past spaces) makes the word or string before it a key.
    fn key_follows(&self, end: usize, line_open: bool) -> bool {
        let next = self.skip_spaces(end);
        let rest = self.src.get(next..).unwrap_or_default();
        match self.rules.key {
            KeyRule::Colon => {
                rest.first() == Some(&b':')
                    && (!self.rules.yaml || rest.get(1).is_none_or(|b| b.is_ascii_whitespace()))
            }
            KeyRule::Arrow => rest.starts_with(b"=>"),
            KeyRule::Equals => line_open && rest.first() == Some(&b'='),
            KeyRule::Assign | KeyRule::Statement => false,
        }
    }

    /// `$name`, `${name}`: a variable.
    fn dollar_name(&mut self, start: usize) -> bool {
        let mut i = start + 1;
        if self.byte(i) == Some(b'{') {
            while let Some(c) = self.byte(i) {
                i += 1;
                if c == b'}' || c.is_ascii_whitespace() {
                    break;
                }
            }
        } else {
            while self.byte(i).is_some_and(is_name) {
                i += 1;
            }
        }
        self.statement = false;
        self.emit(TokenKind::Keyword, i)
    }

    /// A run of bytes up to white space or punctuation, and what it is.
    fn word(&mut self, start: usize, line_open: bool) -> bool {
        let rules = self.rules;
        let mut i = start;
        // The word ends at a byte that names it a key.
        let mut named = false;
        // Whether the word so far could be a shell name or flag (kept as it grows, so a
        // word of many `=` is read once).
        let mut name_like = true;
        while let Some(c) = self.byte(i) {
            if c.is_ascii_whitespace() {
                break;
            }
            if c == b'=' {
                let ends = match rules.key {
                    KeyRule::Assign => name_like && i > start,
                    KeyRule::Equals => line_open,
                    KeyRule::Colon | KeyRule::Arrow | KeyRule::Statement => {
                        rules.punctuation.contains(&c)
                    }
                };
                if ends {
                    named = matches!(rules.key, KeyRule::Assign | KeyRule::Equals) && i > start;
                    break;
                }
            } else if rules.punctuation.contains(&c) {
                break;
            } else if rules.yaml
                && c == b':'
                && self.byte(i + 1).is_none_or(|n| n.is_ascii_whitespace())
            {
                named = true;
                break;
            }
            name_like &= is_name(c) || matches!(c, b'-' | b'.');
            i += 1;
        }
        if i == start {
            // A lone `=` the rules do not count as punctuation: plain.
            return self.emit(TokenKind::Plain, start + 1);
        }
        let word = self.src.get(start..i).unwrap_or_default();
        let kind = if named
            || (rules.key == KeyRule::Statement && self.statement)
            || (rules.key == KeyRule::Equals && self.key_follows(i, line_open))
        {
            TokenKind::Key
        } else if rules
            .keywords
            .iter()
            .any(|k| k.as_bytes().eq_ignore_ascii_case(word))
        {
            TokenKind::Keyword
        } else if is_number(word) {
            TokenKind::Number
        } else if rules.yaml {
            self.yaml_word(word)
        } else {
            TokenKind::Plain
        };
        self.statement = false;
        if !self.emit(kind, i) {
            return false;
        }
        // YAML's `key:` takes its colon as punctuation.
        if named && rules.yaml {
            return self.emit(TokenKind::Punctuation, i + 1);
        }
        true
    }

    /// What a YAML word that is no key, keyword or number is.
    fn yaml_word(&mut self, word: &[u8]) -> TokenKind {
        match word {
            b"-" | b"---" | b"..." | b"?" => TokenKind::Punctuation,
            [b'|' | b'>', rest @ ..]
                if rest
                    .iter()
                    .all(|&b| b.is_ascii_digit() || matches!(b, b'-' | b'+')) =>
            {
                // A block scalar, when nothing but a comment follows on its line.
                self.scalar_pending = true;
                TokenKind::Punctuation
            }
            [b'&' | b'*' | b'!', _, ..] if !word.contains(&SLOT) => TokenKind::Keyword,
            _ => TokenKind::Plain,
        }
    }
}
