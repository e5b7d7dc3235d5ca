//! Undoing what happened to a message on its way to the reader: a log's JSON string escapes
//! (`\u0026` for `&`, `\"`, an error escaped again inside another log's string), an
//! address's percent-encoding (`%27`, `+` for a space), and the spacing and quotes a copy
//! from a terminal or a page brings. Each function is one pass over its input, and each
//! output is at most as long as its input, so the views the troubleshooter builds stay
//! within a fixed multiple of the paste.

/// `text` with its JSON (and Go `%q`) string escapes undone: `\"`, `\\`, `\/`, `\n`, `\t`,
/// `\r`, `\b`, `\f` and `\uXXXX`, surrogate pairs joined. An escape it does not know is
/// kept as it is; a lone surrogate becomes U+FFFD. Never longer than `text`: every escape
/// is at least as long as what it stands for.
pub(crate) fn unescape_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(slash) = rest.find('\\') {
        out.push_str(rest.get(..slash).unwrap_or_default());
        let after = rest.get(slash + 1..).unwrap_or_default();
        let mut chars = after.chars();
        let consumed = match chars.next() {
            Some(c @ ('"' | '\\' | '/' | '\'')) => {
                out.push(c);
                1
            }
            Some('n') => {
                out.push('\n');
                1
            }
            Some('t') => {
                out.push('\t');
                1
            }
            Some('r') => {
                out.push('\r');
                1
            }
            Some('b' | 'f') => {
                out.push(' ');
                1
            }
            Some('u') => match hex4(after.get(1..5)) {
                Some(high @ 0xD800..=0xDBFF) => {
                    let low = after
                        .get(5..7)
                        .filter(|s| *s == "\\u")
                        .and_then(|_| hex4(after.get(7..11)))
                        .filter(|low| (0xDC00..=0xDFFF).contains(low));
                    match low {
                        Some(low) => {
                            let joined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                            out.push(char::from_u32(joined).unwrap_or('\u{FFFD}'));
                            11
                        }
                        None => {
                            out.push('\u{FFFD}');
                            5
                        }
                    }
                }
                Some(unit) => {
                    out.push(char::from_u32(unit).unwrap_or('\u{FFFD}'));
                    5
                }
                None => {
                    out.push('\\');
                    0
                }
            },
            _ => {
                out.push('\\');
                0
            }
        };
        rest = after.get(consumed..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// Four hexadecimal digits as a number.
fn hex4(digits: Option<&str>) -> Option<u32> {
    let digits = digits?;
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

/// A query value with its percent-encoding undone and `+` read as a space, as browsers
/// and Go's `url.Values.Encode` write them. A `%` not followed by two hexadecimal digits
/// is kept; bytes that do not form UTF-8 become U+FFFD.
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let digits = bytes
                    .get(i + 1..i + 3)
                    .and_then(|d| std::str::from_utf8(d).ok())
                    .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
                    .and_then(|d| u8::from_str_radix(d, 16).ok());
                match digits {
                    Some(byte) => {
                        out.push(byte);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `text` as the catalogue's fragments are compared with it: line ends as `\n`, each run
/// of spaces, tabs and no-break spaces as one space, and typographic quotes as `'`. Lines
/// are kept: each line of a log is one message, and values are read within their line.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        match c {
            ' ' | '\t' | '\u{a0}' | '\u{2009}' | '\u{202f}' => space = true,
            '\r' => {}
            _ => {
                if space && !out.is_empty() && !out.ends_with('\n') && c != '\n' {
                    out.push(' ');
                }
                space = false;
                out.push(match c {
                    '\u{2018}' | '\u{2019}' | '\u{201c}' | '\u{201d}' => '\'',
                    other => other,
                });
            }
        }
    }
    out
}

/// The form of `text` that fragments are searched in: ASCII letters lower-cased, and `"`
/// and `` ` `` read as `'` (Authelia writes its messages with `'`, and turns any `"` in
/// them into `'` before logging or sending them). Every change keeps the byte length, so
/// an offset found in it is the same offset in `text`.
pub(crate) fn folded(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '"' | '`' => '\'',
            other => other.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_are_undone_and_unknown_ones_kept() {
        assert_eq!(unescape_json(r#"a\u0026b \"c\" \\d \/"#), "a&b \"c\" \\d /");
        assert_eq!(unescape_json(r"\ud83d\ude00"), "\u{1F600}");
        assert_eq!(unescape_json(r"\ud83d x"), "\u{FFFD} x");
        assert_eq!(unescape_json(r"\q \u12"), r"\q \u12");
        assert_eq!(unescape_json("trailing\\"), "trailing\\");
    }

    #[test]
    fn percent_encoding_and_plus_are_undone() {
        assert_eq!(
            percent_decode("The+%27redirect_uri%27+parameter%2E"),
            "The 'redirect_uri' parameter."
        );
        assert_eq!(percent_decode("100%+%zz%4"), "100% %zz%4");
        assert_eq!(percent_decode("%C3%A9%FF"), "é\u{FFFD}");
    }

    #[test]
    fn spacing_is_collapsed_lines_kept_and_quotes_folded() {
        assert_eq!(normalise("a \t b\r\n  c\u{2019}s"), "a b\nc's");
        let text = normalise("Say \"Hi\" to É");
        assert_eq!(folded(&text), "say 'hi' to É");
        assert_eq!(folded(&text).len(), text.len());
    }
}
