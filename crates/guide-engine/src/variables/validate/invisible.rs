//! Characters that change how text reads without being seen: controls, Unicode format
//! characters (bidirectional overrides and isolates, zero-width joiners and spaces, the
//! byte order mark, …) and the line and paragraph separators.
//!
//! A value holding one shows something other than what it is: `U+202E` turns
//! `exe.txt` around on the screen, a zero-width space makes two equal-looking host
//! names differ. No value the page uses may hold one.

/// The Unicode format characters (general category Cf), as ranges, from the Unicode
/// Character Database (`DerivedGeneralCategory.txt`, Unicode 15.1). Rust's standard
/// library knows controls (`char::is_control`, category Cc) but not these.
const FORMAT: [(char, char); 21] = [
    ('\u{00AD}', '\u{00AD}'),
    ('\u{0600}', '\u{0605}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{06DD}', '\u{06DD}'),
    ('\u{070F}', '\u{070F}'),
    ('\u{0890}', '\u{0891}'),
    ('\u{08E2}', '\u{08E2}'),
    ('\u{180E}', '\u{180E}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{2064}'),
    ('\u{2066}', '\u{206F}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFF9}', '\u{FFFB}'),
    ('\u{110BD}', '\u{110BD}'),
    ('\u{110CD}', '\u{110CD}'),
    ('\u{13430}', '\u{1343F}'),
    ('\u{1BCA0}', '\u{1BCA3}'),
    ('\u{1D173}', '\u{1D17A}'),
    ('\u{E0001}', '\u{E0001}'),
    ('\u{E0020}', '\u{E007F}'),
];

/// Whether `c` is a Unicode format character, or a line or paragraph separator (which
/// break a line as invisibly).
pub(crate) fn is_format(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}') || FORMAT.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_zero_width_characters_and_the_bom_are_format_characters() {
        for c in [
            '\u{202A}',
            '\u{202E}',
            '\u{2066}',
            '\u{2069}',
            '\u{200E}',
            '\u{200F}',
            '\u{200B}',
            '\u{200D}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{E0041}',
            '\u{2028}',
        ] {
            assert!(is_format(c), "U+{:04X}", u32::from(c));
        }
        for c in ['a', ' ', 'é', '\u{00A0}', '\u{3000}', '\u{1F600}'] {
            assert!(!is_format(c), "U+{:04X}", u32::from(c));
        }
    }
}
