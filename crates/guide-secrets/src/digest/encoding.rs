//! How a digest's fields are written as text, and read back: the base64 flavours of
//! Authelia's PHC-style digests and of bcrypt, decimal numbers and `k=v,k=v` parameter
//! lists.
//!
//! Decoding is as lenient about unused trailing bits as Go's `encoding/base64`, which
//! Authelia uses without its `Strict` mode (go-crypt: `base64.RawStdEncoding` for Argon2
//! and scrypt, `internal/encoding/base64adapted.go` for PBKDF2, `x/bcrypt/base64.go` for
//! bcrypt's salt), so that every digest Authelia reads, this crate reads too. The last
//! character of a field whose length in bits is not a multiple of six carries bits no byte
//! uses; Go, and this module, ignore them. Padding is refused, since Authelia writes none.

use core::fmt::{self, Write as _};

use base64::Engine as _;
use base64::alphabet::Alphabet;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};

use super::{Algorithm, MAX_FIELD_BYTES};
use crate::parse::ParseError;

/// Digits in the longest number a field may hold: `u32::MAX` has ten. Longer text cannot be
/// a value any digest carries, so it is refused before it is converted.
const MAX_DIGITS: usize = 10;

/// How much of an unexpected field a message quotes: enough to recognise it, never a whole
/// pasted secret.
const EXCERPT_CHARS: usize = 40;

/// Standard base64 alphabet with `.` in place of `+` ("adapted base64", from passlib),
/// used by Authelia's PBKDF2 digests.
const ADAPTED_ALPHABET: Alphabet =
    match Alphabet::new("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789./") {
        Ok(alphabet) => alphabet,
        // Evaluated at compile time: a typo above fails the build, never a user.
        Err(_) => panic!("the adapted base64 alphabet is 64 distinct symbols"),
    };

const CONFIG: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_encode_padding(false)
    .with_decode_padding_mode(DecodePaddingMode::RequireNone)
    .with_decode_allow_trailing_bits(true);

const ADAPTED: GeneralPurpose = GeneralPurpose::new(&ADAPTED_ALPHABET, CONFIG);
const STANDARD: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::STANDARD, CONFIG);
/// The `bcrypt` crate's own engine (`bcrypt::BASE_64`) refuses set trailing bits, which
/// Authelia ignores: this one has its alphabet with [`CONFIG`]'s leniency.
const BCRYPT: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::BCRYPT, CONFIG);

/// Which base64 a digest field is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Base64 {
    /// Standard alphabet with `.` for `+`, no padding (PBKDF2).
    Adapted,
    /// Standard alphabet, no padding (Argon2, scrypt).
    Standard,
    /// bcrypt's alphabet, `./A-Za-z0-9`, no padding (bcrypt's salt and hash).
    Bcrypt,
}

impl Base64 {
    fn engine(self) -> &'static GeneralPurpose {
        match self {
            Base64::Adapted => &ADAPTED,
            Base64::Standard => &STANDARD,
            Base64::Bcrypt => &BCRYPT,
        }
    }

    pub(crate) fn encode(self, bytes: &[u8]) -> String {
        self.engine().encode(bytes)
    }

    /// The bytes `text` encodes, whatever its last character's unused bits.
    pub(crate) fn decode(self, text: &str) -> Result<Vec<u8>, base64::DecodeError> {
        self.engine().decode(text)
    }

    /// Whether `text` is exactly what encoding its bytes writes: readable, with its last
    /// character's unused bits clear.
    pub(crate) fn is_canonical(self, text: &str) -> bool {
        self.decode(text)
            .is_ok_and(|bytes| self.encode(&bytes) == text)
    }
}

/// The start of `text`, for quoting in a message.
pub(crate) fn excerpt(text: &str) -> String {
    text.chars().take(EXCERPT_CHARS).collect()
}

/// A decimal number as Authelia writes them: digits only, no sign, no spaces.
pub(crate) fn number<T: TryFrom<u64>>(
    algorithm: Algorithm,
    field: &'static str,
    text: &str,
) -> Result<T, ParseError> {
    let bad = || ParseError::BadNumber {
        algorithm,
        field,
        found: excerpt(text),
    };
    if text.is_empty() || text.len() > MAX_DIGITS || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let value: u64 = text.parse().map_err(|_| bad())?;
    T::try_from(value).map_err(|_| bad())
}

/// A salt or key: `base64` text of 1 to [`MAX_FIELD_BYTES`] bytes.
pub(crate) fn decode(
    algorithm: Algorithm,
    field: &'static str,
    base64: Base64,
    text: &str,
) -> Result<Vec<u8>, ParseError> {
    let bytes = base64
        .decode(text)
        .map_err(|_| ParseError::BadEncoding { algorithm, field })?;
    if bytes.is_empty() || bytes.len() > MAX_FIELD_BYTES {
        return Err(ParseError::WrongLength {
            algorithm,
            field,
            found: bytes.len(),
            expected: format!("between 1 and {MAX_FIELD_BYTES} bytes"),
        });
    }
    Ok(bytes)
}

/// Writes `names` with `values` as `n1=v1,n2=v2,…`.
pub(crate) fn write_key_values<const N: usize>(
    names: [&str; N],
    values: [&dyn fmt::Display; N],
) -> String {
    let mut out = String::new();
    for (i, (name, value)) in names.into_iter().zip(values).enumerate() {
        let comma = if i == 0 { "" } else { "," };
        // Writing into a String cannot fail.
        let _ = write!(out, "{comma}{name}={value}");
    }
    out
}

/// Reads `k=v,k=v` with exactly the keys `names`, in any order; the values in the order of
/// `names`, or `malformed()`.
pub(crate) fn key_values<'a, const N: usize>(
    text: &'a str,
    names: [&str; N],
    malformed: impl Fn() -> ParseError,
) -> Result<[&'a str; N], ParseError> {
    let mut values: [Option<&'a str>; N] = [None; N];
    for pair in text.split(',') {
        let (name, value) = pair.split_once('=').ok_or_else(&malformed)?;
        let slot = names
            .iter()
            .position(|n| *n == name)
            .and_then(|i| values.get_mut(i))
            .ok_or_else(&malformed)?;
        if slot.replace(value).is_some() {
            return Err(malformed());
        }
    }
    let mut out = [""; N];
    for (o, v) in out.iter_mut().zip(values) {
        *o = v.ok_or_else(&malformed)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adapted_base64_uses_dot_for_plus_and_keeps_slash() {
        assert_eq!(Base64::Adapted.encode(&[0xfb, 0xff]), "./8");
        assert_eq!(Base64::Standard.encode(&[0xfb, 0xff]), "+/8");
        assert_eq!(Base64::Adapted.decode("./8"), Ok(vec![0xfb, 0xff]));
        assert!(Base64::Adapted.decode("+/8").is_err());
    }

    #[test]
    fn set_trailing_bits_are_ignored_as_go_ignores_them() {
        // One byte in two characters leaves four bits unused: `AQ` is 0x01 as written,
        // `AR`…`Af` set some of the unused bits and still read as 0x01.
        for base64 in [Base64::Adapted, Base64::Standard, Base64::Bcrypt] {
            let written = base64.encode(&[1]);
            assert!(base64.is_canonical(&written), "{base64:?}");
            let mut altered = written.clone();
            altered.pop();
            altered.push(if base64 == Base64::Bcrypt { 'P' } else { 'R' });
            assert_eq!(base64.decode(&altered), Ok(vec![1]), "{base64:?} {altered}");
            assert!(!base64.is_canonical(&altered), "{base64:?} {altered}");
        }
    }

    #[test]
    fn padding_is_refused() {
        assert!(Base64::Standard.decode("AAE=").is_err());
        assert_eq!(Base64::Standard.decode("AAE"), Ok(vec![0, 1]));
    }

    #[test]
    fn key_values_are_written_in_order_and_read_in_any_order() {
        let text = write_key_values(["m", "t", "p"], [&65_536, &3, &4]);
        assert_eq!(text, "m=65536,t=3,p=4");
        let malformed = || ParseError::Empty;
        assert_eq!(
            key_values("p=4,m=65536,t=3", ["m", "t", "p"], malformed),
            Ok(["65536", "3", "4"])
        );
        for bad in ["m=1,t=2", "m=1,t=2,p=3,p=4", "m=1,t=2,x=3", "m=1,t=2,p"] {
            assert_eq!(
                key_values(bad, ["m", "t", "p"], malformed),
                Err(ParseError::Empty)
            );
        }
    }
}
