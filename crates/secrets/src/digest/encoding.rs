//! The two base64 flavours of Authelia's PHC-style digests.
//!
//! Decoding is as lenient about unused trailing bits as Go's `encoding/base64` (which
//! Authelia uses) so that every digest Authelia reads, this crate reads too; padding is
//! refused, since Authelia writes none.

use base64::Engine as _;
use base64::alphabet::Alphabet;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};

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

/// Which base64 a digest field is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Base64 {
    /// Standard alphabet with `.` for `+`, no padding (PBKDF2).
    Adapted,
    /// Standard alphabet, no padding (Argon2, scrypt).
    Standard,
}

impl Base64 {
    fn engine(self) -> &'static GeneralPurpose {
        match self {
            Base64::Adapted => &ADAPTED,
            Base64::Standard => &STANDARD,
        }
    }

    pub(crate) fn encode(self, bytes: &[u8]) -> String {
        self.engine().encode(bytes)
    }

    pub(crate) fn decode(self, text: &str) -> Result<Vec<u8>, base64::DecodeError> {
        self.engine().decode(text)
    }
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
    fn padding_is_refused() {
        assert!(Base64::Standard.decode("AAE=").is_err());
        assert_eq!(Base64::Standard.decode("AAE"), Ok(vec![0, 1]));
    }
}
