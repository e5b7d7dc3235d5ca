//! Random client secrets: uniform over a [`Charset`], from the operating system's CSPRNG
//! (`crypto.getRandomValues` in the browser) through `getrandom`, and nothing else.

use core::fmt;
use core::ops::RangeInclusive;

use crate::charset::Charset;
use crate::limits::MAX_SECRET_BYTES;

/// The length Authelia's own tools use (`authelia crypto rand --length 72`, and the
/// `--random.length` of `authelia crypto hash generate`), so the playground's secrets look
/// like the ones its documentation shows.
pub const DEFAULT_LENGTH: usize = 72;

/// The lengths [`generate`] accepts. At least one character; at most
/// [`MAX_SECRET_BYTES`] (1024), far above any sensible secret (Authelia asks for more than
/// 40), so a typo such as `720000` is refused instead of freezing the page, every secret
/// still fits in one HTTP header line, and every secret generated can be hashed.
pub const LENGTHS: RangeInclusive<usize> = 1..=MAX_SECRET_BYTES;

/// Why no secret was generated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GenerateError {
    /// The requested length is outside [`LENGTHS`].
    Length(usize),
    /// The system's random number generator failed (in the browser: no
    /// `crypto.getRandomValues`).
    Random(getrandom::Error),
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenerateError::Length(length) => write!(
                f,
                "a secret must be {} to {} characters long, not {length}",
                LENGTHS.start(),
                LENGTHS.end()
            ),
            GenerateError::Random(e) => {
                write!(f, "the system's random number generator failed: {e}")
            }
        }
    }
}

impl std::error::Error for GenerateError {}

/// A new random secret of `length` characters, each drawn uniformly and independently
/// from `charset`.
///
/// # Errors
/// [`GenerateError::Length`] outside [`LENGTHS`]; [`GenerateError::Random`] if the system's
/// random source fails.
pub fn generate(length: usize, charset: Charset) -> Result<String, GenerateError> {
    if !LENGTHS.contains(&length) {
        return Err(GenerateError::Length(length));
    }
    fill_uniform(length, charset.symbols(), |buf| {
        getrandom::fill(buf).map_err(GenerateError::Random)
    })
}

/// `length` symbols drawn uniformly from `symbols` (at most 256 of them), taking random
/// bytes from `random`.
///
/// Rejection sampling: a byte is used only if it falls below the largest multiple of
/// `symbols.len()` that fits in a byte, so `byte % len` has no modulo bias.
pub(crate) fn fill_uniform<E>(
    length: usize,
    symbols: &[u8],
    mut random: impl FnMut(&mut [u8]) -> Result<(), E>,
) -> Result<String, E> {
    let n = symbols.len();
    debug_assert!((1..=256).contains(&n));
    // Bytes at or above `limit` would favour the first `256 % n` symbols.
    let limit = 256 - (256 % n);
    let mut out = String::with_capacity(length);
    // Draw a little more than needed at once: for 66 symbols 3 bytes in 256 are rejected.
    let mut buf = [0u8; 64];
    while out.len() < length {
        random(&mut buf)?;
        for &byte in &buf {
            let unbiased = usize::from(byte) < limit && out.len() < length;
            if let Some(&symbol) = symbols.get(usize::from(byte) % n).filter(|_| unbiased) {
                out.push(char::from(symbol));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_secret_has_requested_length_and_only_charset_characters() {
        for charset in Charset::ALL {
            for length in [1, 40, DEFAULT_LENGTH, 1024] {
                let secret = generate(length, charset).expect("generates");
                assert_eq!(secret.len(), length);
                assert!(secret.chars().all(|c| charset.contains(c)), "{secret}");
            }
        }
    }

    #[test]
    fn generate_refuses_lengths_outside_bounds_with_a_reason() {
        let err = generate(0, Charset::Rfc3986).expect_err("zero refused");
        assert_eq!(err, GenerateError::Length(0));
        assert_eq!(
            err.to_string(),
            "a secret must be 1 to 1024 characters long, not 0"
        );
        assert!(generate(1025, Charset::Rfc3986).is_err());
    }

    #[test]
    fn two_secrets_differ() {
        let a = generate(DEFAULT_LENGTH, Charset::Rfc3986).expect("generates");
        let b = generate(DEFAULT_LENGTH, Charset::Rfc3986).expect("generates");
        assert_ne!(a, b);
    }

    #[test]
    fn rejection_sampling_skips_bytes_that_would_bias_the_result() {
        // 10 symbols: bytes 250..=255 must be skipped, byte 7 maps to '7', 249 to '9'.
        let mut bytes = vec![255u8, 250, 7, 249];
        bytes.resize(64, 3);
        let secret = fill_uniform::<()>(3, b"0123456789", |buf| {
            buf.copy_from_slice(&bytes);
            Ok(())
        })
        .expect("fills");
        assert_eq!(secret, "793");
    }

    #[test]
    fn random_source_failure_is_reported() {
        let err = fill_uniform(3, b"ab", |_buf| Err("no entropy")).expect_err("fails");
        assert_eq!(err, "no entropy");
    }
}
