//! bcrypt, written `$2b$COST$` + 22 salt characters + 31 hash characters in bcrypt's own
//! base64 by the `bcrypt` crate, and read here; `$2a$` and `$2y$` are read too.
//!
//! Read as Authelia reads it (go-crypt's `algorithm/bcrypt/decoder.go` and `digest.go`):
//! the salt is decoded, ignoring the unused bits of its last character, but the hash is
//! kept as text and compared as text with the one computed.

use core::ops::RangeInclusive;

use subtle::ConstantTimeEq as _;

use super::encoding::{Base64, excerpt, number};
use super::{Algorithm, DigestError, within};
use crate::parse::{ParseError, ParsedDigest};
use crate::warning::CheckWarning;

/// Authelia's default `bcrypt.cost` (`DefaultPasswordConfig` in Authelia's
/// `internal/configuration/schema/authentication.go`).
pub const BCRYPT_DEFAULT_COST: u32 = 12;

/// bcrypt reads at most this many bytes of a secret and ignores the rest: its key schedule
/// takes 72 bytes (go-crypt's `PasswordInputSizeMax`, `algorithm/bcrypt/const.go`).
pub const BCRYPT_MAX_PLAINTEXT_BYTES: usize = 72;

/// Authelia's configuration bounds for `bcrypt.cost`: go-crypt's `IterationsMin` and
/// `IterationsMax` (`algorithm/bcrypt/const.go`).
const COST: RangeInclusive<u32> = 10..=31;
/// Costs a stored digest may have: bcrypt's own minimum is 4 (as in the `bcrypt` crate and
/// OpenBSD's original).
const READABLE_COST: RangeInclusive<u32> = 4..=31;
/// bcrypt's salt is always 16 bytes.
pub(crate) const SALT_BYTES: usize = 16;
/// bcrypt's hash: 23 bytes (the last byte of its 24-byte output is never written).
const HASH_BYTES: usize = 23;
/// The salt's length in bcrypt base64.
const SALT_CHARS: usize = 22;
/// The hash's length in bcrypt base64.
const HASH_CHARS: usize = 31;

/// bcrypt's one tunable parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BcryptParams {
    /// log2 of the number of key-schedule rounds.
    pub cost: u32,
}

impl BcryptParams {
    /// Authelia's default cost, [`BCRYPT_DEFAULT_COST`].
    pub const DEFAULT: BcryptParams = BcryptParams {
        cost: BCRYPT_DEFAULT_COST,
    };

    pub(crate) fn check(&self) -> Result<(), DigestError> {
        within("bcrypt cost", self.cost, COST)
    }

    pub(crate) fn check_readable(&self) -> Result<(), DigestError> {
        within("bcrypt cost", self.cost, READABLE_COST)
    }
}

/// The version written between the first two `$` for a version Authelia reads: `2a`, `2b`
/// or `2y`, which compute the same for secrets under 256 bytes.
pub(crate) fn version_from_identifier(identifier: &str) -> Option<&'static str> {
    match identifier {
        "2a" => Some("2a"),
        "2b" => Some("2b"),
        "2y" => Some("2y"),
        _ => None,
    }
}

/// Whether `identifier` looks like a bcrypt version (`2` and one letter), known or not.
pub(crate) fn looks_like_version(identifier: &str) -> bool {
    identifier.len() == 2 && identifier.starts_with('2')
}

/// bcrypt with `salt`, as the `bcrypt` crate writes it: `$2b$COST$SALTHASH`.
fn compute(password: &[u8], cost: u32, salt: [u8; SALT_BYTES]) -> Result<String, DigestError> {
    ::bcrypt::hash_with_salt(password, cost, salt)
        .map(|parts| parts.format_for_version(::bcrypt::Version::TwoB))
        .map_err(|e| DigestError::Backend {
            algorithm: Algorithm::Bcrypt,
            message: e.to_string(),
        })
}

/// Writes the digest of `password` with `salt`.
pub(crate) fn hash(
    password: &[u8],
    params: &BcryptParams,
    salt: &[u8],
) -> Result<String, DigestError> {
    // A digest that ignores the end of the secret would also accept other secrets sharing
    // its first 72 bytes; better to say so than to produce it.
    if password.len() > BCRYPT_MAX_PLAINTEXT_BYTES {
        return Err(DigestError::BcryptTooLong {
            bytes: password.len(),
        });
    }
    let salt: [u8; SALT_BYTES] = salt.try_into().map_err(|_| {
        DigestError::out_of_range(
            "bcrypt salt length (bytes)",
            salt.len(),
            SALT_BYTES..=SALT_BYTES,
        )
    })?;
    compute(password, params.cost, salt)
}

/// Reads the fields after the identifier: `COST` and the salt and hash run together.
pub(crate) fn parse(version: &'static str, fields: &[&str]) -> Result<ParsedDigest, ParseError> {
    let algorithm = Algorithm::Bcrypt;
    let [cost, rest] = fields else {
        return Err(ParseError::Malformed {
            algorithm,
            expected: format!("${version}$COST$SALTHASH"),
        });
    };
    if cost.len() != 2 {
        return Err(ParseError::BadNumber {
            algorithm,
            field: "cost (two digits)",
            found: excerpt(cost),
        });
    }
    let params = BcryptParams {
        cost: number(algorithm, "cost", cost)?,
    };
    params.check_readable().map_err(ParseError::OutOfRange)?;
    let split = rest
        .is_ascii()
        .then(|| rest.split_at_checked(SALT_CHARS))
        .flatten()
        .filter(|(_, hash)| hash.len() == HASH_CHARS);
    let Some((salt_text, hash)) = split else {
        return Err(ParseError::WrongLength {
            algorithm,
            field: "salt and hash",
            found: rest.chars().count(),
            expected: format!(
                "{} characters ({SALT_CHARS} of salt, {HASH_CHARS} of hash)",
                SALT_CHARS + HASH_CHARS
            ),
        });
    };
    let salt: [u8; SALT_BYTES] = Base64::Bcrypt
        .decode(salt_text)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(ParseError::BadEncoding {
            algorithm,
            field: "salt",
        })?;
    // Authelia reads any 31 characters here; one outside bcrypt's alphabet would only ever
    // give "no match", so it is named instead.
    if Base64::Bcrypt.decode(hash).map(|bytes| bytes.len()) != Ok(HASH_BYTES) {
        return Err(ParseError::BadEncoding {
            algorithm,
            field: "hash",
        });
    }
    Ok(ParsedDigest::Bcrypt {
        version,
        params,
        salt,
        hash: hash.to_owned(),
    })
}

/// [`CheckWarning::AlteredHash`] for a hash whose last character has unused bits set: no
/// bcrypt writes it, and Authelia, comparing text, matches no secret to it.
pub(crate) fn altered_hash(hash: &str) -> Option<CheckWarning> {
    (!Base64::Bcrypt.is_canonical(hash)).then_some(CheckWarning::AlteredHash {
        algorithm: Algorithm::Bcrypt,
    })
}

/// Whether `password` gives `expected` (the 31 hash characters). bcrypt reads only the
/// first 72 bytes, as every bcrypt (and so Authelia) does.
pub(crate) fn verify(
    params: &BcryptParams,
    salt: [u8; SALT_BYTES],
    expected: &str,
    password: &[u8],
) -> Result<bool, DigestError> {
    let computed = compute(password, params.cost, salt)?;
    // The hash is the digest's tail; the version prefix does not enter it.
    let computed_hash = computed
        .get(computed.len().saturating_sub(HASH_CHARS)..)
        .unwrap_or_default();
    Ok(computed_hash.as_bytes().ct_eq(expected.as_bytes()).into())
}
