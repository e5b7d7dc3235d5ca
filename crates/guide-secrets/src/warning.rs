//! What a check has to say besides "match" or "no match": a digest that Authelia reads and
//! checks just as the playground does, yet would fool a reader who saw only the outcome.
//!
//! A warning is a property of the digest, not of the secret, so [`ParsedDigest::warnings`]
//! gives them without checking anything, and every [`Verdict`] carries them with its
//! outcome.
//!
//! [`ParsedDigest::warnings`]: crate::ParsedDigest::warnings
//! [`Verdict`]: crate::Verdict

use core::fmt;

use crate::digest::Algorithm;

/// Something the reader should know about a digest, whatever the secret checked against it.
///
/// Its [`Display`](fmt::Display) text is one clause, written to follow "Match — but " or
/// "No match — and " (as [`Verdict`](crate::Verdict)'s own text does); [`advice`] says
/// what to do about it.
///
/// [`advice`]: CheckWarning::advice
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckWarning {
    /// The digest is Authelia's plaintext form: `$plaintext$SECRET`, or a value without a
    /// leading `$`, which Authelia reads the same way. A match only says that two texts are
    /// equal; the secret is stored as it is.
    Plaintext {
        /// `true` for `$plaintext$…`; `false` for a value without a leading `$`.
        marked: bool,
    },
    /// The key is shorter than the one Authelia writes for this family, as a digest cut
    /// short in copying would be. Authelia still checks it, but a key of `bytes` bytes lets
    /// about one wrong secret in 256^`bytes` match.
    ///
    /// Warned about, not refused, however short: Authelia accepts the digest, and the
    /// outcome beside the warning is the one it would give.
    ///
    /// Only PBKDF2, Argon2 and scrypt can be short: bcrypt's and SHA-crypt's hashes have one
    /// length, and a digest whose hash has another is not read at all.
    ShortKey {
        /// The digest's algorithm.
        algorithm: Algorithm,
        /// The key's length in bytes.
        bytes: usize,
        /// The length Authelia writes, in bytes: the hash's output for PBKDF2, the default
        /// `key_length` (32) for Argon2 and scrypt.
        written: usize,
    },
    /// The hash's last character has bits set that no bcrypt or SHA-crypt writer sets, as
    /// when a character was altered. Authelia reads the digest but compares its hash as
    /// text with the one it computes, which never has those bits set: no secret matches.
    AlteredHash {
        /// The digest's algorithm: bcrypt or a SHA-crypt.
        algorithm: Algorithm,
    },
}

impl CheckWarning {
    /// What the reader should do about it, in a sentence or two.
    pub fn advice(&self) -> &'static str {
        match self {
            CheckWarning::Plaintext { marked: false } => {
                "This does not start with `$`, so Authelia reads it as the secret itself, \
                 stored in plain text (deprecated). If it is the client secret, hash it and \
                 paste the digest instead; if it should be plain text, write it as \
                 `$plaintext$…`."
            }
            CheckWarning::Plaintext { marked: true } => {
                "`$plaintext$` stores the secret unhashed; Authelia needs that only for \
                 `client_secret_jwt`. For any other client, use a digest."
            }
            CheckWarning::ShortKey { .. } => {
                "A shorter key lets more wrong secrets match by chance: one in 256 for a \
                 1-byte key. Copy the whole digest again, or hash the secret anew."
            }
            CheckWarning::AlteredHash { .. } => {
                "Copy the whole digest again from where it was made, or hash the secret anew."
            }
        }
    }
}

impl fmt::Display for CheckWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckWarning::Plaintext { .. } => {
                f.write_str("this is Authelia's plaintext form: store a digest")
            }
            CheckWarning::ShortKey {
                algorithm,
                bytes,
                written,
            } => {
                let unit = if *bytes == 1 { "byte" } else { "bytes" };
                write!(
                    f,
                    "this digest's key is {bytes} {unit}; {algorithm} writes {written}: it may \
                     have been cut short"
                )
            }
            CheckWarning::AlteredHash { algorithm } => write!(
                f,
                "the last character of this {algorithm} hash has bits set that {algorithm} \
                 never writes, so Authelia, which compares the hash as text, matches no \
                 secret to it: the digest was altered"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_key_text_names_both_lengths_and_counts_one_byte_in_the_singular() {
        let one = CheckWarning::ShortKey {
            algorithm: Algorithm::Pbkdf2Sha512,
            bytes: 1,
            written: 64,
        };
        assert_eq!(
            one.to_string(),
            "this digest's key is 1 byte; PBKDF2-SHA512 writes 64: it may have been cut short"
        );
        let sixteen = CheckWarning::ShortKey {
            algorithm: Algorithm::Argon2id,
            bytes: 16,
            written: 32,
        };
        assert!(
            sixteen
                .to_string()
                .starts_with("this digest's key is 16 bytes; Argon2id")
        );
    }

    #[test]
    fn every_warning_has_advice() {
        for warning in [
            CheckWarning::Plaintext { marked: true },
            CheckWarning::Plaintext { marked: false },
            CheckWarning::ShortKey {
                algorithm: Algorithm::Scrypt,
                bytes: 8,
                written: 32,
            },
            CheckWarning::AlteredHash {
                algorithm: Algorithm::Bcrypt,
            },
        ] {
            assert!(!warning.advice().is_empty(), "{warning}");
        }
    }
}
