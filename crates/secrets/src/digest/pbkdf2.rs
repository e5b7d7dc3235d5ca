//! PBKDF2-HMAC with SHA-1 or SHA-2, written as Authelia (and passlib) write it:
//! `$pbkdf2-sha512$ITERATIONS$SALT$KEY`, salt and key in adapted base64; SHA-1 is `$pbkdf2$`.

use core::ops::RangeInclusive;

use super::encoding::Base64;
use super::{Algorithm, DigestError, MAX_FIELD_BYTES, length_within, within};

/// Authelia's configuration minimum for `pbkdf2.iterations`.
pub const PBKDF2_MIN_ITERATIONS: u32 = 100_000;

/// Authelia's configuration maximum for `pbkdf2.iterations` (a Go `int32`).
const MAX_ITERATIONS: u32 = 2_147_483_647;

/// Iterations Authelia can read in a stored digest: any positive count.
pub(crate) const READABLE_ITERATIONS: RangeInclusive<u32> = 1..=MAX_ITERATIONS;

/// Salt lengths read or written, in bytes. Authelia writes 16; passlib allows shorter.
pub(crate) const SALT_BYTES: RangeInclusive<usize> = 1..=MAX_FIELD_BYTES;

/// The hash inside PBKDF2's HMAC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pbkdf2Hash {
    /// SHA-1, written `$pbkdf2$`.
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512: the one Authelia's client guides use.
    Sha512,
}

impl Pbkdf2Hash {
    /// Authelia's default iteration count for this hash (its `pbkdf2.iterations` default
    /// per variant, sized so each takes about as long as 310000 rounds of SHA-512).
    pub const fn default_iterations(self) -> u32 {
        match self {
            Pbkdf2Hash::Sha1 => 1_600_000,
            Pbkdf2Hash::Sha224 => 900_000,
            Pbkdf2Hash::Sha256 => 700_000,
            Pbkdf2Hash::Sha384 => 280_000,
            Pbkdf2Hash::Sha512 => 310_000,
        }
    }

    /// The hash's output size in bytes: Authelia's key length for this variant.
    pub const fn output_len(self) -> usize {
        match self {
            Pbkdf2Hash::Sha1 => 20,
            Pbkdf2Hash::Sha224 => 28,
            Pbkdf2Hash::Sha256 => 32,
            Pbkdf2Hash::Sha384 => 48,
            Pbkdf2Hash::Sha512 => 64,
        }
    }

    /// The identifier between the first two `$`.
    pub(crate) const fn identifier(self) -> &'static str {
        match self {
            Pbkdf2Hash::Sha1 => "pbkdf2",
            Pbkdf2Hash::Sha224 => "pbkdf2-sha224",
            Pbkdf2Hash::Sha256 => "pbkdf2-sha256",
            Pbkdf2Hash::Sha384 => "pbkdf2-sha384",
            Pbkdf2Hash::Sha512 => "pbkdf2-sha512",
        }
    }

    /// The hash named by a digest's identifier (`pbkdf2-sha1` is accepted too).
    pub(crate) fn from_identifier(id: &str) -> Option<Pbkdf2Hash> {
        match id {
            "pbkdf2" | "pbkdf2-sha1" => Some(Pbkdf2Hash::Sha1),
            "pbkdf2-sha224" => Some(Pbkdf2Hash::Sha224),
            "pbkdf2-sha256" => Some(Pbkdf2Hash::Sha256),
            "pbkdf2-sha384" => Some(Pbkdf2Hash::Sha384),
            "pbkdf2-sha512" => Some(Pbkdf2Hash::Sha512),
            _ => None,
        }
    }

    pub(crate) const fn algorithm(self) -> Algorithm {
        match self {
            Pbkdf2Hash::Sha1 => Algorithm::Pbkdf2Sha1,
            Pbkdf2Hash::Sha224 => Algorithm::Pbkdf2Sha224,
            Pbkdf2Hash::Sha256 => Algorithm::Pbkdf2Sha256,
            Pbkdf2Hash::Sha384 => Algorithm::Pbkdf2Sha384,
            Pbkdf2Hash::Sha512 => Algorithm::Pbkdf2Sha512,
        }
    }
}

/// PBKDF2's parameters. The key is always as long as the hash's output, as Authelia
/// writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pbkdf2Params {
    /// The HMAC's hash.
    pub hash: Pbkdf2Hash,
    /// Iteration count.
    pub iterations: u32,
}

impl Pbkdf2Params {
    /// Authelia's defaults for `hash`.
    pub const fn default_for(hash: Pbkdf2Hash) -> Pbkdf2Params {
        Pbkdf2Params {
            hash,
            iterations: hash.default_iterations(),
        }
    }

    pub(crate) fn check(&self) -> Result<(), DigestError> {
        within(
            "PBKDF2 iterations",
            self.iterations,
            PBKDF2_MIN_ITERATIONS..=MAX_ITERATIONS,
        )
    }

    pub(crate) fn check_readable(&self) -> Result<(), DigestError> {
        within("PBKDF2 iterations", self.iterations, READABLE_ITERATIONS)
    }
}

/// Derives `out.len()` key bytes.
pub(crate) fn derive(
    hash: Pbkdf2Hash,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    out: &mut [u8],
) {
    crate::kdf::pbkdf2::derive(hash, password, salt, iterations, out);
}

pub(crate) fn hash(
    password: &[u8],
    params: &Pbkdf2Params,
    salt: &[u8],
) -> Result<String, DigestError> {
    length_within("PBKDF2 salt length (bytes)", salt.len(), SALT_BYTES)?;
    let mut key = vec![0u8; params.hash.output_len()];
    derive(params.hash, password, salt, params.iterations, &mut key);
    Ok(format!(
        "${}${}${}${}",
        params.hash.identifier(),
        params.iterations,
        Base64::Adapted.encode(salt),
        Base64::Adapted.encode(&key)
    ))
}
