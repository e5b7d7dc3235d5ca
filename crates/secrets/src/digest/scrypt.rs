//! scrypt, written in the PHC form Authelia uses: `$scrypt$ln=16,r=8,p=1$SALT$KEY`, salt
//! and key in unpadded standard base64.

use core::ops::RangeInclusive;

use super::encoding::Base64;
use super::{Algorithm, DigestError, MAX_FIELD_BYTES, length_within, within};

/// Authelia's default `scrypt.iterations`: log2 of N (ln).
pub const SCRYPT_DEFAULT_LN: u8 = 16;
/// Authelia's default `scrypt.block_size` (r).
pub const SCRYPT_DEFAULT_BLOCK_SIZE: u32 = 8;
/// Authelia's default `scrypt.parallelism` (p).
pub const SCRYPT_DEFAULT_PARALLELISM: u32 = 1;
/// Authelia's default `scrypt.key_length`, in bytes.
pub const SCRYPT_DEFAULT_KEY_LENGTH: u32 = 32;

/// Authelia's bounds for `ln` (its `scrypt.iterations`).
const LN: RangeInclusive<u8> = 1..=58;
/// Positive `r` and `p`; scrypt also needs r·p < 2^30, checked separately.
const BLOCK_SIZE: RangeInclusive<u32> = 1..=u32::MAX;
const PARALLELISM: RangeInclusive<u32> = 1..=1_073_741_823;
/// Key lengths written (16 bytes and up, as for Argon2) and read.
const KEY_BYTES: RangeInclusive<u32> = 16..=MAX_FIELD_BYTES as u32;
pub(crate) const READABLE_KEY_BYTES: RangeInclusive<usize> = 1..=MAX_FIELD_BYTES;
pub(crate) const SALT_BYTES: RangeInclusive<usize> = 1..=MAX_FIELD_BYTES;

/// scrypt's parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScryptParams {
    /// `ln`: log2 of the cost N.
    pub ln: u8,
    /// `r`: block size.
    pub block_size: u32,
    /// `p`: parallelism.
    pub parallelism: u32,
    /// Key length in bytes.
    pub key_length: u32,
}

impl ScryptParams {
    /// Authelia's defaults.
    pub const DEFAULT: ScryptParams = ScryptParams {
        ln: SCRYPT_DEFAULT_LN,
        block_size: SCRYPT_DEFAULT_BLOCK_SIZE,
        parallelism: SCRYPT_DEFAULT_PARALLELISM,
        key_length: SCRYPT_DEFAULT_KEY_LENGTH,
    };

    pub(crate) fn check(&self) -> Result<(), DigestError> {
        within("scrypt key length (bytes)", self.key_length, KEY_BYTES)?;
        self.check_costs()
    }

    pub(crate) fn check_readable(&self) -> Result<(), DigestError> {
        length_within(
            "scrypt key length (bytes)",
            self.key_length as usize,
            READABLE_KEY_BYTES,
        )?;
        self.check_costs()
    }

    fn check_costs(&self) -> Result<(), DigestError> {
        within("scrypt ln (log2 of N)", self.ln, LN)?;
        within("scrypt block size (r)", self.block_size, BLOCK_SIZE)?;
        within("scrypt parallelism (p)", self.parallelism, PARALLELISM)?;
        // scrypt's own limit, p ≤ (2^32 − 1)·32 / (128·r), in the form the crate checks.
        let product = u64::from(self.block_size) * u64::from(self.parallelism);
        within(
            "scrypt block size × parallelism (r·p)",
            product,
            1..=0x3fff_ffff,
        )
    }
}

/// Derives `out.len()` key bytes.
pub(crate) fn derive(
    params: &ScryptParams,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), DigestError> {
    crate::kdf::scrypt::derive(params, password, salt, out).map_err(|e| DigestError::Backend {
        algorithm: Algorithm::Scrypt,
        message: e.to_string(),
    })
}

pub(crate) fn hash(
    password: &[u8],
    params: &ScryptParams,
    salt: &[u8],
) -> Result<String, DigestError> {
    length_within("scrypt salt length (bytes)", salt.len(), SALT_BYTES)?;
    let mut key = vec![0u8; params.key_length as usize];
    derive(params, password, salt, &mut key)?;
    Ok(format!(
        "$scrypt$ln={},r={},p={}${}${}",
        params.ln,
        params.block_size,
        params.parallelism,
        Base64::Standard.encode(salt),
        Base64::Standard.encode(&key)
    ))
}
