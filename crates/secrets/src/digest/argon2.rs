//! Argon2 (id, i, d), written in the PHC form Authelia uses:
//! `$argon2id$v=19$m=65536,t=3,p=4$SALT$KEY`, salt and key in unpadded standard base64.

use core::ops::RangeInclusive;

use super::encoding::Base64;
use super::{Algorithm, DigestError, MAX_FIELD_BYTES, length_within, within};

/// Authelia's default `argon2.iterations` (t), from its "low memory" profile.
pub const ARGON2_DEFAULT_ITERATIONS: u32 = 3;
/// Authelia's default `argon2.memory` (m), in KiB: 64 MiB.
pub const ARGON2_DEFAULT_MEMORY_KIB: u32 = 65_536;
/// Authelia's default `argon2.parallelism` (p).
pub const ARGON2_DEFAULT_PARALLELISM: u32 = 4;
/// Authelia's default `argon2.key_length`, in bytes.
pub const ARGON2_DEFAULT_KEY_LENGTH: u32 = 32;

/// The only Argon2 version Authelia writes or reads (1.3, `v=19`).
pub(crate) const VERSION: u32 = 19;

/// Authelia's bounds for `t`: a positive Go `int32`.
const ITERATIONS: RangeInclusive<u32> = 1..=2_147_483_647;
/// Bounds for `m` in KiB; Argon2 also needs 8 KiB per lane, checked separately.
const MEMORY_KIB: RangeInclusive<u32> = 8..=u32::MAX;
/// Argon2's own bounds for `p` (24 bits).
const PARALLELISM: RangeInclusive<u32> = 1..=16_777_215;
/// Key lengths written (Authelia's `key_length` minimum is 16) and read (Argon2's is 4).
const KEY_BYTES: RangeInclusive<u32> = 16..=MAX_FIELD_BYTES as u32;
pub(crate) const READABLE_KEY_BYTES: RangeInclusive<usize> = 4..=MAX_FIELD_BYTES;
/// Argon2 refuses salts under 8 bytes (RFC 9106).
pub(crate) const SALT_BYTES: RangeInclusive<usize> = 8..=MAX_FIELD_BYTES;

/// Argon2's three variants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Argon2Variant {
    /// Argon2id: hybrid, Authelia's default and the one to choose.
    Id,
    /// Argon2i: data-independent memory access.
    I,
    /// Argon2d: data-dependent memory access.
    D,
}

impl Argon2Variant {
    pub(crate) const fn identifier(self) -> &'static str {
        match self {
            Argon2Variant::Id => "argon2id",
            Argon2Variant::I => "argon2i",
            Argon2Variant::D => "argon2d",
        }
    }

    pub(crate) fn from_identifier(id: &str) -> Option<Argon2Variant> {
        match id {
            "argon2id" => Some(Argon2Variant::Id),
            "argon2i" => Some(Argon2Variant::I),
            "argon2d" => Some(Argon2Variant::D),
            _ => None,
        }
    }

    pub(crate) const fn algorithm(self) -> Algorithm {
        match self {
            Argon2Variant::Id => Algorithm::Argon2id,
            Argon2Variant::I => Algorithm::Argon2i,
            Argon2Variant::D => Algorithm::Argon2d,
        }
    }
}

/// Argon2's parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Argon2Params {
    /// Which variant.
    pub variant: Argon2Variant,
    /// `m`: memory in KiB.
    pub memory_kib: u32,
    /// `t`: passes over memory.
    pub iterations: u32,
    /// `p`: lanes.
    pub parallelism: u32,
    /// Key length in bytes.
    pub key_length: u32,
}

impl Argon2Params {
    /// Authelia's defaults for `variant`.
    pub const fn default_for(variant: Argon2Variant) -> Argon2Params {
        Argon2Params {
            variant,
            memory_kib: ARGON2_DEFAULT_MEMORY_KIB,
            iterations: ARGON2_DEFAULT_ITERATIONS,
            parallelism: ARGON2_DEFAULT_PARALLELISM,
            key_length: ARGON2_DEFAULT_KEY_LENGTH,
        }
    }

    pub(crate) fn check(&self) -> Result<(), DigestError> {
        within("Argon2 key length (bytes)", self.key_length, KEY_BYTES)?;
        self.check_costs()
    }

    pub(crate) fn check_readable(&self) -> Result<(), DigestError> {
        length_within(
            "Argon2 key length (bytes)",
            self.key_length as usize,
            READABLE_KEY_BYTES,
        )?;
        self.check_costs()
    }

    fn check_costs(&self) -> Result<(), DigestError> {
        within("Argon2 iterations (t)", self.iterations, ITERATIONS)?;
        within("Argon2 memory in KiB (m)", self.memory_kib, MEMORY_KIB)?;
        within("Argon2 parallelism (p)", self.parallelism, PARALLELISM)?;
        if u64::from(self.memory_kib) < u64::from(self.parallelism) * 8 {
            return Err(DigestError::Argon2MemoryPerLane {
                memory_kib: self.memory_kib,
                parallelism: self.parallelism,
            });
        }
        Ok(())
    }
}

/// Derives `out.len()` key bytes.
pub(crate) fn derive(
    params: &Argon2Params,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), DigestError> {
    crate::kdf::argon2::derive(params, password, salt, out).map_err(|e| DigestError::Backend {
        algorithm: params.variant.algorithm(),
        message: e.to_string(),
    })
}

pub(crate) fn hash(
    password: &[u8],
    params: &Argon2Params,
    salt: &[u8],
) -> Result<String, DigestError> {
    length_within("Argon2 salt length (bytes)", salt.len(), SALT_BYTES)?;
    let mut key = vec![0u8; params.key_length as usize];
    derive(params, password, salt, &mut key)?;
    Ok(format!(
        "${}$v={VERSION}$m={},t={},p={}${}${}",
        params.variant.identifier(),
        params.memory_kib,
        params.iterations,
        params.parallelism,
        Base64::Standard.encode(salt),
        Base64::Standard.encode(&key)
    ))
}
