//! Checking a secret against a digest, as Authelia does when a client authenticates: so a
//! reader can confirm the pair in their configuration belongs together before deploying.

use core::fmt;

use subtle::ConstantTimeEq as _;

use crate::digest::{DigestError, argon2, bcrypt, pbkdf2, scrypt, sha_crypt};
use crate::limits::{SecretTooLong, TooCostly, WorkLimits};
use crate::parse::{ParseError, ParsedDigest, parse};

/// Whether a secret belongs to a digest, as Authelia would decide; or why that cannot be
/// told, in words the reader can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The secret produces this digest: Authelia would accept it.
    Match,
    /// The secret produces another digest: Authelia would refuse the client.
    NoMatch,
    /// The digest could not be checked; the reason says why and what to change.
    Unreadable(VerifyError),
}

/// Why a digest could not be checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerifyError {
    /// The digest could not be read; the reason names the paste mistake or the field.
    Parse(ParseError),
    /// The digest reads fine but asks for more work than allowed here.
    TooCostly(TooCostly),
    /// The secret is longer than any this crate will hash.
    SecretTooLong(SecretTooLong),
    /// The hashing library failed, or the memory it needs could not be had.
    Compute(DigestError),
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifyError::Parse(e) => e.fmt(f),
            VerifyError::TooCostly(e) => e.fmt(f),
            VerifyError::SecretTooLong(e) => e.fmt(f),
            VerifyError::Compute(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for VerifyError {}

/// Whether `plaintext` matches `digest`, computing at most [`WorkLimits::BROWSER`].
pub fn verify(digest: &str, plaintext: &str) -> Verdict {
    verify_with_limits(digest, plaintext, &WorkLimits::BROWSER)
}

/// [`verify`] with chosen work limits.
pub fn verify_with_limits(digest: &str, plaintext: &str, limits: &WorkLimits) -> Verdict {
    let outcome = parse(digest)
        .map_err(VerifyError::Parse)
        .and_then(|parsed| verify_parsed(&parsed, plaintext, limits));
    match outcome {
        Ok(true) => Verdict::Match,
        Ok(false) => Verdict::NoMatch,
        Err(e) => Verdict::Unreadable(e),
    }
}

/// Whether `plaintext` matches an already parsed digest.
///
/// Keys are compared in constant time, so the time taken does not reveal how much of a
/// guess was right.
///
/// # Errors
/// [`VerifyError::SecretTooLong`] for a secret over
/// [`MAX_SECRET_BYTES`](crate::MAX_SECRET_BYTES); [`VerifyError::TooCostly`] beyond
/// `limits`; [`VerifyError::Compute`] if the hashing library fails or the memory it needs
/// cannot be had.
pub fn verify_parsed(
    parsed: &ParsedDigest,
    plaintext: &str,
    limits: &WorkLimits,
) -> Result<bool, VerifyError> {
    SecretTooLong::check(plaintext).map_err(VerifyError::SecretTooLong)?;
    limits
        .admit(&parsed.params(), plaintext.len())
        .map_err(VerifyError::TooCostly)?;
    if let ParsedDigest::Pbkdf2 { params, key, .. } = parsed {
        let work = params.work(key.len());
        if work > u64::from(limits.pbkdf2_iterations) {
            return Err(VerifyError::TooCostly(TooCostly {
                algorithm: parsed.algorithm().name(),
                what: "iterations × key blocks",
                value: work,
                limit: limits.pbkdf2_iterations.into(),
            }));
        }
    }
    let password = plaintext.as_bytes();
    let matches = match parsed {
        ParsedDigest::Pbkdf2 { params, salt, key } => key_matches(key, |out| {
            pbkdf2::derive(params.hash, password, salt, params.iterations, out);
            Ok(())
        }),
        ParsedDigest::Argon2 { params, salt, key } => {
            key_matches(key, |out| argon2::derive(params, password, salt, out))
        }
        ParsedDigest::Scrypt { params, salt, key } => {
            key_matches(key, |out| scrypt::derive(params, password, salt, out))
        }
        ParsedDigest::Bcrypt {
            params, salt, hash, ..
        } => bcrypt::verify(params, *salt, hash, password),
        ParsedDigest::ShaCrypt {
            params,
            rounds_explicit,
            salt,
            hash,
        } => sha_crypt::verify(params, *rounds_explicit, salt, hash, password),
        ParsedDigest::Plaintext { secret, .. } => Ok(password.ct_eq(secret.as_bytes()).into()),
    };
    matches.map_err(VerifyError::Compute)
}

/// Whether the key `derive` writes equals `key`: how PBKDF2, Argon2 and scrypt digests are
/// checked, since their key is the whole of what the secret determines.
fn key_matches(
    key: &[u8],
    derive: impl FnOnce(&mut [u8]) -> Result<(), DigestError>,
) -> Result<bool, DigestError> {
    let mut computed = vec![0u8; key.len()];
    derive(&mut computed)?;
    Ok(computed.ct_eq(key).into())
}

impl ParsedDigest {
    /// Shorthand for [`verify_parsed`] with [`WorkLimits::BROWSER`].
    ///
    /// # Errors
    /// See [`verify_parsed`].
    pub fn verify(&self, plaintext: &str) -> Result<bool, VerifyError> {
        verify_parsed(self, plaintext, &WorkLimits::BROWSER)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plaintext_digest_matches_only_its_secret() {
        assert_eq!(verify("$plaintext$abc", "abc"), Verdict::Match);
        assert_eq!(verify("$plaintext$abc", "abd"), Verdict::NoMatch);
        assert_eq!(verify("abc", "abc"), Verdict::Match);
    }

    #[test]
    fn pbkdf2_key_longer_than_hash_output_counts_as_more_work() {
        // 40-byte SHA-1 key: two blocks, so 1000 iterations cost 2000.
        let digest = format!("$pbkdf2$1000$AAECAwQFBgcICQoLDA0ODw${}", "A".repeat(54));
        let limits = WorkLimits {
            pbkdf2_iterations: 1_500,
            ..WorkLimits::BROWSER
        };
        let Verdict::Unreadable(VerifyError::TooCostly(reason)) =
            verify_with_limits(&digest, "x", &limits)
        else {
            panic!("computed beyond the limit");
        };
        assert_eq!(reason.value, 2_000);
    }
}
