//! Percent-encoding (`%XX`), both ways, for the two places it is met: paths written in
//! a guide (`my%20screenshot.png`, read by [`publish::clean_path`](crate::publish::clean_path))
//! and the page's data block, which the app writes and reads with it.
//!
//! The data block holds the document's postcard bytes. Printable ASCII stands as itself,
//! so the guide's words in it read like the prerendered text around them and gzip
//! shares them (base64 hid them: the block cost 3.6 kB of the page's download, this
//! costs 1.1 kB). Every other byte is escaped, and so are `<` (which could end the
//! `<script>` element the block stands in) and `%` itself.

/// `bytes` as text: printable ASCII as itself except `<` and `%`; every other byte as
/// `%XX`.
pub fn encode(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    for &byte in bytes {
        if (0x20..0x7f).contains(&byte) && byte != b'<' && byte != b'%' {
            text.push(char::from(byte));
        } else {
            text.push('%');
            text.push(hex_digit(byte >> 4));
            text.push(hex_digit(byte & 0x0f));
        }
    }
    text
}

/// The bytes `text` stands for, with each `%XX` decoded; `None` when an escape is cut
/// short or is not two hexadecimal digits.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        if byte == b'%' {
            let high = hex_value(*bytes.get(i + 1)?)?;
            let low = hex_value(*bytes.get(i + 2)?)?;
            out.push(high << 4 | low);
            i += 3;
        } else {
            out.push(byte);
            i += 1;
        }
    }
    Some(out)
}

fn hex_digit(nibble: u8) -> char {
    char::from(
        b"0123456789ABCDEF"
            .get(usize::from(nibble & 0x0f))
            .copied()
            .unwrap_or(b'0'),
    )
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn printable_text_stands_as_itself_and_the_rest_is_escaped() {
        assert_eq!(encode(b"Web GUI"), "Web GUI");
        assert_eq!(encode(b"</script>"), "%3C/script>");
        assert_eq!(encode(b"100%\n\0\xff"), "100%25%0A%00%FF");
    }

    #[test]
    fn escapes_decode_in_either_case_and_broken_ones_are_refused() {
        assert_eq!(decode("a%20b%2fc").as_deref(), Some(&b"a b/c"[..]));
        assert_eq!(decode("a%2"), None);
        assert_eq!(decode("a%zz"), None);
        assert_eq!(decode("%"), None);
    }

    proptest! {
        #[test]
        fn any_bytes_survive_the_trip_and_never_hold_a_tag_opener(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let text = encode(&bytes);
            prop_assert!(!text.contains('<'));
            prop_assert!(text.chars().all(|c| (' '..='~').contains(&c)));
            prop_assert_eq!(decode(&text), Some(bytes));
        }

        #[test]
        fn decoding_any_text_never_panics(text in "[%0-9a-fA-Fxyz ]{0,64}") {
            let _ = decode(&text);
        }
    }
}
