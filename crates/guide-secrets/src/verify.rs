//! Checking a secret against a digest, as Authelia does when a client authenticates: so a
//! reader can confirm the pair in their configuration belongs together before deploying.

use core::fmt;

use subtle::ConstantTimeEq as _;

use crate::digest::{DigestError, argon2, bcrypt, pbkdf2, scrypt, sha_crypt};
use crate::limits::{SecretTooLong, TooCostly, WorkLimits};
use crate::parse::{ParseError, ParsedDigest, parse};
use crate::warning::CheckWarning;

/// Whether a secret belongs to a digest, as Authelia would decide, with everything the
/// reader should know besides.
///
/// Its [`Display`](fmt::Display) text is the whole answer in one line: "Match", "No match",
/// or either followed by its warnings, e.g. "Match — but this is Authelia's plaintext
/// form: store a digest".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// `true` if the secret produces this digest, so Authelia would accept it; `false` if
    /// Authelia would refuse the client.
    pub matches: bool,
    /// What the reader should know either way, from [`ParsedDigest::warnings`]: empty for
    /// a digest as Authelia writes it.
    pub warnings: Vec<CheckWarning>,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.matches { "Match" } else { "No match" })?;
        for (i, warning) in self.warnings.iter().enumerate() {
            let joint = match (i, self.matches) {
                (0, true) => " — but ",
                (0, false) => " — and ",
                _ => "; and ",
            };
            write!(f, "{joint}{warning}")?;
        }
        Ok(())
    }
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
///
/// # Errors
/// [`VerifyError`] when the digest cannot be read or checked here, saying why.
pub fn verify(digest: &str, plaintext: &str) -> Result<Verdict, VerifyError> {
    verify_with_limits(digest, plaintext, &WorkLimits::BROWSER)
}

/// [`verify`] with chosen work limits.
///
/// # Errors
/// As [`verify`]'s, with `limits` for [`VerifyError::TooCostly`].
pub fn verify_with_limits(
    digest: &str,
    plaintext: &str,
    limits: &WorkLimits,
) -> Result<Verdict, VerifyError> {
    let parsed = parse(digest).map_err(VerifyError::Parse)?;
    verify_parsed(&parsed, plaintext, limits)
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
) -> Result<Verdict, VerifyError> {
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
    Ok(Verdict {
        matches: matches.map_err(VerifyError::Compute)?,
        warnings: parsed.warnings(),
    })
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
    pub fn verify(&self, plaintext: &str) -> Result<Verdict, VerifyError> {
        verify_parsed(self, plaintext, &WorkLimits::BROWSER)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A verdict without warnings.
    fn plain(matches: bool) -> Result<Verdict, VerifyError> {
        Ok(Verdict {
            matches,
            warnings: Vec::new(),
        })
    }

    #[test]
    fn plaintext_digest_matches_only_its_secret_and_always_warns() {
        let marked = vec![CheckWarning::Plaintext { marked: true }];
        let bare = vec![CheckWarning::Plaintext { marked: false }];
        for (digest, secret, matches, warnings) in [
            ("$plaintext$abc", "abc", true, &marked),
            ("$plaintext$abc", "abd", false, &marked),
            ("abc", "abc", true, &bare),
            ("abc", "abd", false, &bare),
        ] {
            let verdict = verify(digest, secret).unwrap();
            assert_eq!(verdict.matches, matches, "{digest} / {secret}");
            assert_eq!(&verdict.warnings, warnings, "{digest} / {secret}");
        }
    }

    #[test]
    fn bare_value_matching_itself_says_match_but_plaintext() {
        let verdict = verify("hunter2hunter2", "hunter2hunter2").unwrap();
        assert_eq!(
            verdict.to_string(),
            "Match — but this is Authelia's plaintext form: store a digest"
        );
        let verdict = verify("$plaintext$hunter2hunter2", "hunter2").unwrap();
        assert_eq!(
            verdict.to_string(),
            "No match — and this is Authelia's plaintext form: store a digest"
        );
    }

    #[test]
    fn a_digest_as_authelia_writes_it_has_a_plain_verdict() {
        let digest = "$pbkdf2-sha512$1000$AAECAwQFBgcICQoLDA0ODw$bX02e1.4QCbRRSRFX2YNm37G2s41QKBPJglmAxCo.OT1TIovl53vt53hze/IWFrLP7esTBdJkDk0gR67apRgMg";
        assert_eq!(verify(digest, "insecure_secret"), plain(true));
        assert_eq!(verify(digest, "insecure_secreT"), plain(false));
        assert_eq!(plain(true).map(|v| v.to_string()), Ok("Match".to_owned()));
        assert_eq!(
            plain(false).map(|v| v.to_string()),
            Ok("No match".to_owned())
        );
    }

    #[test]
    fn several_warnings_are_joined_in_one_line() {
        let verdict = Verdict {
            matches: true,
            warnings: vec![
                CheckWarning::Plaintext { marked: true },
                CheckWarning::ShortKey {
                    algorithm: crate::Algorithm::Scrypt,
                    bytes: 2,
                    written: 32,
                },
            ],
        };
        assert_eq!(
            verdict.to_string(),
            "Match — but this is Authelia's plaintext form: store a digest; and this \
             digest's key is 2 bytes; scrypt writes 32: it may have been cut short"
        );
    }

    #[test]
    fn pbkdf2_key_longer_than_hash_output_counts_as_more_work() {
        // 40-byte SHA-1 key: two blocks, so 1000 iterations cost 2000.
        let digest = format!("$pbkdf2$1000$AAECAwQFBgcICQoLDA0ODw${}", "A".repeat(54));
        let limits = WorkLimits {
            pbkdf2_iterations: 1_500,
            ..WorkLimits::BROWSER
        };
        let Err(VerifyError::TooCostly(reason)) = verify_with_limits(&digest, "x", &limits) else {
            panic!("computed beyond the limit");
        };
        assert_eq!(reason.value, 2_000);
    }
}
