//! The character sets a client secret is drawn from, named as Authelia's
//! `authelia crypto rand --charset` names them.

use core::fmt;

/// A set of characters a secret may be made of.
///
/// Each set holds the same characters as the one Authelia's CLI builds for the same
/// `--charset` name, so a secret generated here could have come from `authelia crypto rand`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Charset {
    /// RFC 3986 unreserved characters, `A-Z a-z 0-9 - . _ ~`: safe unescaped in URLs, form
    /// bodies and HTTP Basic credentials, which is why Authelia recommends it for client
    /// secrets. The playground's default.
    #[default]
    Rfc3986,
    /// `A-Z a-z 0-9` (the default of Authelia's CLI).
    Alphanumeric,
    /// `A-Z a-z`.
    Alphabetic,
    /// `0-9`.
    Numeric,
    /// `0-9 A-F`: upper-case, as in Authelia's `CharSetNumericHex`.
    NumericHex,
    /// The 94 printable ASCII characters from `!` to `~`: letters, digits and the 32
    /// punctuation marks, as in Authelia's `CharSetASCII`. Space is not included.
    Ascii,
}

const RFC3986: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
const ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const ALPHABETIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const NUMERIC: &[u8] = b"0123456789";
const NUMERIC_HEX: &[u8] = b"0123456789ABCDEF";
const ASCII: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789\
!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

impl Charset {
    /// Every charset, in the order a `<select>` should list them (the default first).
    pub const ALL: [Charset; 6] = [
        Charset::Rfc3986,
        Charset::Alphanumeric,
        Charset::Alphabetic,
        Charset::Numeric,
        Charset::NumericHex,
        Charset::Ascii,
    ];

    /// The name Authelia's `--charset` flag takes, e.g. `"rfc3986"`; stable, for storage
    /// and `<option value>`.
    pub const fn id(self) -> &'static str {
        match self {
            Charset::Rfc3986 => "rfc3986",
            Charset::Alphanumeric => "alphanumeric",
            Charset::Alphabetic => "alphabetic",
            Charset::Numeric => "numeric",
            Charset::NumericHex => "numeric-hex",
            Charset::Ascii => "ascii",
        }
    }

    /// A short description for people, e.g. `"RFC 3986 unreserved (A-Z a-z 0-9 - . _ ~)"`.
    pub const fn name(self) -> &'static str {
        match self {
            Charset::Rfc3986 => "RFC 3986 unreserved (A-Z a-z 0-9 - . _ ~)",
            Charset::Alphanumeric => "Alphanumeric (A-Z a-z 0-9)",
            Charset::Alphabetic => "Alphabetic (A-Z a-z)",
            Charset::Numeric => "Numeric (0-9)",
            Charset::NumericHex => "Hexadecimal (0-9 A-F)",
            Charset::Ascii => "Printable ASCII (! to ~, no space)",
        }
    }

    /// The charset whose [`id`](Charset::id) is `id`, if any.
    pub fn from_id(id: &str) -> Option<Charset> {
        Charset::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The characters of the set, each once, all ASCII.
    pub const fn symbols(self) -> &'static [u8] {
        match self {
            Charset::Rfc3986 => RFC3986,
            Charset::Alphanumeric => ALPHANUMERIC,
            Charset::Alphabetic => ALPHABETIC,
            Charset::Numeric => NUMERIC,
            Charset::NumericHex => NUMERIC_HEX,
            Charset::Ascii => ASCII,
        }
    }

    /// Whether `c` belongs to the set.
    pub fn contains(self, c: char) -> bool {
        u8::try_from(c).is_ok_and(|b| self.symbols().contains(&b))
    }
}

impl fmt::Display for Charset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_have_authelias_sizes_and_no_repeats() {
        let sizes = [66, 62, 52, 10, 16, 94];
        for (charset, size) in Charset::ALL.into_iter().zip(sizes) {
            let symbols = charset.symbols();
            assert_eq!(symbols.len(), size, "{charset}");
            let mut sorted = symbols.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), size, "{charset} repeats a character");
        }
    }

    #[test]
    fn ascii_charset_is_every_printable_character_but_space() {
        let mut symbols = Charset::Ascii.symbols().to_vec();
        symbols.sort_unstable();
        assert_eq!(symbols, (b'!'..=b'~').collect::<Vec<u8>>());
    }

    #[test]
    fn charset_ids_round_trip() {
        for charset in Charset::ALL {
            assert_eq!(Charset::from_id(charset.id()), Some(charset));
        }
        assert_eq!(Charset::from_id("base64"), None);
    }
}
