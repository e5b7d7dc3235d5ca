//! A lexer for Hugo shortcodes: `{{< name key="value" >}}`, `{{% name %}}`, closing
//! tags `{{< /name >}}` and the commented form `{{</* name */>}}`.
//!
//! It only finds shortcodes and their arguments; what a shortcode means is decided by
//! the expander. Anything that does not lex as a shortcode is left as text, so the
//! lexer never fails.

use std::ops::Range;

/// Longest shortcode the lexer will look for a closing `>}}` in. Bounds the work on
/// pathological input (many `{{<` without a close) to linear time.
const MAX_SHORTCODE_LEN: usize = 4096;

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
    /// Bracket style.
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
    /// Plain text.
    Text,
    /// A shortcode tag.
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

/// Splits `src` into text and shortcode tokens. Adjacent text is one token.
pub fn tokenize(src: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut pos = 0;
    while let Some(found) = src.get(pos..).and_then(|rest| rest.find("{{")) {
        let start = pos + found;
        match lex_at(src, start) {
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

/// A cursor over a string, by characters.
struct Cursor<'a> {
    s: &'a str,
    pos: usize,
    limit: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        self.s.get(self.pos..).unwrap_or_default()
    }
    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }
    fn at(&self, pat: &str) -> bool {
        self.rest().starts_with(pat)
    }
    fn eat(&mut self, pat: &str) -> bool {
        let hit = self.at(pat);
        if hit {
            self.pos += pat.len();
        }
        hit
    }
    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }
    fn exhausted(&self) -> bool {
        self.pos >= self.limit || self.pos >= self.s.len()
    }
}

/// Lexes a shortcode starting at `start` (which holds `{{`); returns it and its end.
fn lex_at(src: &str, start: usize) -> Option<(TokenKind, usize)> {
    let (delimiter, open, close) = match src.as_bytes().get(start + 2) {
        Some(b'<') => (Delimiter::Angle, "{{<", ">}}"),
        Some(b'%') => (Delimiter::Percent, "{{%", "%}}"),
        _ => return None,
    };
    let mut c = Cursor {
        s: src,
        pos: start + 3,
        limit: start.saturating_add(MAX_SHORTCODE_LEN),
    };
    c.skip_ws();
    if c.eat("/*") {
        let inner_start = c.pos;
        let rest = c.rest();
        let window = rest
            .get(..rest.floor_char_boundary(MAX_SHORTCODE_LEN))
            .unwrap_or(rest);
        let inner_len = window.find("*/")?;
        let inner = src.get(inner_start..inner_start + inner_len)?;
        c.pos = inner_start + inner_len + 2;
        c.skip_ws();
        if !c.eat(close) {
            return None;
        }
        return Some((TokenKind::Literal(format!("{open}{inner}{close}")), c.pos));
    }
    let closing = c.eat("/");
    c.skip_ws();
    let name = take_while(&mut c, |c, cur| {
        !c.is_whitespace() && !cur.at(close) && c != '"'
    });
    if name.is_empty() {
        return None;
    }
    let mut args = Vec::new();
    loop {
        c.skip_ws();
        if c.eat(close) {
            break;
        }
        if c.exhausted() {
            return None;
        }
        let key = take_while(&mut c, |ch, cur| {
            !ch.is_whitespace()
                && ch != '='
                && ch != '"'
                && ch != '\\'
                && ch != '`'
                && !cur.at(close)
        });
        if key.is_empty() {
            let value = value(&mut c, close)?;
            args.push(Arg { key: None, value });
        } else if c.eat("=") {
            let value = value(&mut c, close)?;
            args.push(Arg {
                key: Some(key),
                value,
            });
        } else {
            args.push(Arg {
                key: None,
                value: key,
            });
        }
    }
    Some((
        TokenKind::Shortcode(Shortcode {
            name,
            args,
            closing,
            delimiter,
        }),
        c.pos,
    ))
}

/// Takes characters while `keep` says so.
fn take_while(c: &mut Cursor<'_>, keep: impl Fn(char, &Cursor<'_>) -> bool) -> String {
    let start = c.pos;
    while let Some(ch) = c.peek() {
        if c.exhausted() || !keep(ch, c) {
            break;
        }
        c.bump();
    }
    c.s.get(start..c.pos).unwrap_or_default().to_owned()
}

/// Reads an argument value: `"quoted \" text"`, `\"escaped-quoted\"` (a shortcode
/// inside a quoted YAML string), `` `raw` `` or a bare word.
fn value(c: &mut Cursor<'_>, close: &str) -> Option<String> {
    if c.eat("\\\"") {
        let mut out = String::new();
        while !c.eat("\\\"") {
            if c.exhausted() {
                return None;
            }
            out.push(c.bump()?);
        }
        return Some(out);
    }
    if c.eat("\"") {
        let mut out = String::new();
        loop {
            if c.exhausted() {
                return None;
            }
            match c.bump()? {
                '"' => return Some(out),
                '\\' => match c.bump()? {
                    ch @ ('"' | '\\') => out.push(ch),
                    other => {
                        out.push('\\');
                        out.push(other);
                    }
                },
                ch => out.push(ch),
            }
        }
    }
    if c.eat("`") {
        let mut out = String::new();
        while !c.eat("`") {
            if c.exhausted() {
                return None;
            }
            out.push(c.bump()?);
        }
        return Some(out);
    }
    let bare = take_while(c, |ch, cur| !ch.is_whitespace() && !cur.at(close));
    if bare.is_empty() { None } else { Some(bare) }
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
    fn unclosed_tag_is_text() {
        let t = tokenize("a {{< sitevar name=\"x\" b");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].kind, TokenKind::Text);
    }
}
