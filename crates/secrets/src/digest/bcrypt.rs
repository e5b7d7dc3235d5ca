//! bcrypt, written `$2b$COST$` + 22 salt characters + 31 hash characters in bcrypt's own
//! base64, by the `bcrypt` crate.

use core::ops::RangeInclusive;

use super::{Algorithm, DigestError, within};

/// Authelia's default `bcrypt.cost`.
pub const BCRYPT_DEFAULT_COST: u32 = 12;

/// bcrypt reads at most this many bytes of a secret; the rest is ignored.
pub const BCRYPT_MAX_PLAINTEXT_BYTES: usize = 72;

/// Authelia's configuration bounds for `bcrypt.cost`.
const COST: RangeInclusive<u32> = 10..=31;
/// Costs a stored digest may have: bcrypt's own minimum is 4.
pub(crate) const READABLE_COST: RangeInclusive<u32> = 4..=31;
/// bcrypt's salt is always 16 bytes.
const SALT_BYTES: usize = 16;

/// bcrypt's parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BcryptParams {
    /// log2 of the number of rounds.
    pub cost: u32,
}

impl BcryptParams {
    /// Authelia's default.
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
    let salt: [u8; SALT_BYTES] = salt.try_into().map_err(|_| DigestError::OutOfRange {
        param: "bcrypt salt length (bytes)",
        value: u64::try_from(salt.len()).unwrap_or(u64::MAX),
        min: SALT_BYTES as u64,
        max: SALT_BYTES as u64,
    })?;
    ::bcrypt::hash_with_salt(password, params.cost, salt)
        .map(|parts| parts.format_for_version(::bcrypt::Version::TwoB))
        .map_err(|e| DigestError::Backend {
            algorithm: Algorithm::Bcrypt,
            message: e.to_string(),
        })
}
