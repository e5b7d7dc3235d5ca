//! Argon2 (id, i, d), written and read in the PHC form Authelia uses:
//! `$argon2id$v=19$m=65536,t=3,p=4$SALT$KEY`, salt and key in unpadded standard base64.

use core::fmt::Display;
use core::ops::RangeInclusive;

use super::encoding::{Base64, decode, key_values, number, write_key_values};
use super::{Algorithm, DigestError, GO_INT32_MAX, MAX_FIELD_BYTES, within};
// Argon2 1.3, `v=19`: the only version Authelia writes or reads, and the one the kernel
// computes.
use crate::kdf::argon2::VERSION;
use crate::parse::{ParseError, ParsedDigest};
use crate::warning::CheckWarning;

/// Authelia's default `argon2.iterations` (t), from its "low memory" profile
/// (`DefaultPasswordConfig` in Authelia's `internal/configuration/schema/authentication.go`).
pub const ARGON2_DEFAULT_ITERATIONS: u32 = 3;
/// Authelia's default `argon2.memory` (m), in KiB: 64 MiB (same source).
pub const ARGON2_DEFAULT_MEMORY_KIB: u32 = 65_536;
/// Authelia's default `argon2.parallelism` (p) (same source).
pub const ARGON2_DEFAULT_PARALLELISM: u32 = 4;
/// Authelia's default `argon2.key_length`, in bytes (same source).
pub const ARGON2_DEFAULT_KEY_LENGTH: u32 = 32;

/// Memory Argon2 needs per lane, in KiB: two blocks in each of its four slices (RFC 9106,
/// section 3.1: m ≥ 8·p); go-crypt's `MemoryMinParallelismMultiplier`.
pub(crate) const MIN_MEMORY_KIB_PER_LANE: u32 = 8;

/// Authelia's bounds for `t`: go-crypt's `IterationsMin`..`IterationsMax`
/// (`algorithm/argon2/const.go`).
const ITERATIONS: RangeInclusive<u32> = 1..=GO_INT32_MAX;
/// Authelia's bounds for `m` in KiB: go-crypt's `MemoryMin` (8, one lane's worth) and
/// `MemoryMax` (`math.MaxUint32`); the per-lane minimum is checked separately.
const MEMORY_KIB: RangeInclusive<u32> = MIN_MEMORY_KIB_PER_LANE..=u32::MAX;
/// Authelia's bounds for `p`: go-crypt's `ParallelismMax`, Argon2's own 24-bit limit
/// (RFC 9106, section 3.1: 1 to 2^24 - 1).
const PARALLELISM: RangeInclusive<u32> = 1..=0x00ff_ffff;
/// Key lengths, in bytes: from Argon2's own minimum of 4 (RFC 9106, section 3.1), which
/// is Authelia's too (go-crypt's `KeyLengthMin`), up to the longest field this crate
/// handles.
const KEY_LENGTHS: RangeInclusive<usize> = 4..=MAX_FIELD_BYTES;
/// Salt lengths: Argon2 takes salts of 8 bytes and more (RFC 9106, section 3.1, which
/// recommends 16), as the reference implementation enforces.
const SALT_LENGTHS: RangeInclusive<usize> = 8..=MAX_FIELD_BYTES;

/// The cost names in the PHC parameter list, in the order Authelia writes them.
const COST_NAMES: [&str; 3] = ["m", "t", "p"];

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

/// Argon2's parameters, named as Authelia's `argon2` settings name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Argon2Params {
    /// id, i or d.
    pub variant: Argon2Variant,
    /// `m`: memory in KiB, which is also how many 1 KiB blocks are filled per pass.
    pub memory_kib: u32,
    /// `t`: passes over memory.
    pub iterations: u32,
    /// `p`: lanes, filled independently between synchronisation points.
    pub parallelism: u32,
    /// Length of the derived key written into the digest, in bytes.
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

    /// The work Argon2 does: passes × memory in KiB, that is, 1 KiB blocks filled.
    pub(crate) fn work(&self) -> u64 {
        u64::from(self.iterations) * u64::from(self.memory_kib)
    }

    /// Authelia's bounds, which are the same for configuring and for reading a digest.
    pub(crate) fn check(&self) -> Result<(), DigestError> {
        let key_length = usize::try_from(self.key_length).unwrap_or(usize::MAX);
        within("Argon2 key length (bytes)", key_length, KEY_LENGTHS)?;
        within("Argon2 iterations (t)", self.iterations, ITERATIONS)?;
        within("Argon2 memory in KiB (m)", self.memory_kib, MEMORY_KIB)?;
        within("Argon2 parallelism (p)", self.parallelism, PARALLELISM)?;
        let lanes_need = u64::from(self.parallelism) * u64::from(MIN_MEMORY_KIB_PER_LANE);
        if u64::from(self.memory_kib) < lanes_need {
            return Err(DigestError::Argon2MemoryPerLane {
                memory_kib: self.memory_kib,
                parallelism: self.parallelism,
            });
        }
        Ok(())
    }
}

/// The digest's layout, the one place it is spelled out: the writer fills it with values,
/// the reader's messages with field names.
fn layout(
    variant: Argon2Variant,
    costs: [&dyn Display; 3],
    salt: &dyn Display,
    key: &dyn Display,
) -> String {
    format!(
        "${}$v={VERSION}${}${salt}${key}",
        variant.identifier(),
        write_key_values(COST_NAMES, costs)
    )
}

/// Derives `out.len()` key bytes.
pub(crate) fn derive(
    params: &Argon2Params,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), DigestError> {
    crate::kdf::argon2::derive(params, password, salt, out)
        .map_err(|e| DigestError::from_kdf(params.variant.algorithm(), e))
}

/// Writes the digest of `password` with `salt`.
pub(crate) fn hash(
    password: &[u8],
    params: &Argon2Params,
    salt: &[u8],
) -> Result<String, DigestError> {
    within("Argon2 salt length (bytes)", salt.len(), SALT_LENGTHS)?;
    let mut key = vec![0u8; usize::try_from(params.key_length).unwrap_or(usize::MAX)];
    derive(params, password, salt, &mut key)?;
    Ok(layout(
        params.variant,
        [&params.memory_kib, &params.iterations, &params.parallelism],
        &Base64::Standard.encode(salt),
        &Base64::Standard.encode(&key),
    ))
}

/// [`CheckWarning::ShortKey`] for a key shorter than the one Authelia writes unless its
/// `key_length` setting was changed, [`ARGON2_DEFAULT_KEY_LENGTH`].
pub(crate) fn short_key(variant: Argon2Variant, key: &[u8]) -> Option<CheckWarning> {
    let written = usize::try_from(ARGON2_DEFAULT_KEY_LENGTH).unwrap_or(usize::MAX);
    (key.len() < written).then_some(CheckWarning::ShortKey {
        algorithm: variant.algorithm(),
        bytes: key.len(),
        written,
    })
}

/// Reads the fields after the identifier: `v=19`, the costs, `SALT`, `KEY`.
pub(crate) fn parse(variant: Argon2Variant, fields: &[&str]) -> Result<ParsedDigest, ParseError> {
    let algorithm = variant.algorithm();
    let malformed = || ParseError::Malformed {
        algorithm,
        expected: layout(
            variant,
            [&"MEMORY", &"ITERATIONS", &"PARALLELISM"],
            &"SALT",
            &"KEY",
        ),
    };
    let [version, costs, salt, key] = fields else {
        let unversioned = fields.first().is_some_and(|f| !f.starts_with("v="));
        if fields.len() == 3 && unversioned {
            // `$argon2i$m=…` without `v=`: version 1.0, which Authelia does not read.
            return Err(ParseError::UnsupportedArgon2Version {
                found: "no version".to_owned(),
            });
        }
        return Err(malformed());
    };
    if *version != format!("v={VERSION}") {
        return Err(ParseError::UnsupportedArgon2Version {
            found: super::encoding::excerpt(version),
        });
    }
    let [m, t, p] = key_values(costs, COST_NAMES, malformed)?;
    let salt = decode(algorithm, "salt", Base64::Standard, salt)?;
    let key = decode(algorithm, "key", Base64::Standard, key)?;
    let params = Argon2Params {
        variant,
        memory_kib: number(algorithm, "memory (m)", m)?,
        iterations: number(algorithm, "iterations (t)", t)?,
        parallelism: number(algorithm, "parallelism (p)", p)?,
        key_length: u32::try_from(key.len()).unwrap_or(u32::MAX),
    };
    params.check().map_err(ParseError::OutOfRange)?;
    if !SALT_LENGTHS.contains(&salt.len()) {
        return Err(ParseError::WrongLength {
            algorithm,
            field: "salt",
            found: salt.len(),
            expected: format!("at least {} bytes", SALT_LENGTHS.start()),
        });
    }
    Ok(ParsedDigest::Argon2 { params, salt, key })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unobtainable_memory_is_an_error_naming_its_size() {
        let err = DigestError::OutOfMemory {
            algorithm: Algorithm::Argon2id,
            bytes: 2 << 30,
        };
        assert!(err.to_string().contains("2048 MiB"), "{err}");
    }
}
