//! scrypt, written and read in the PHC form Authelia uses: `$scrypt$ln=16,r=8,p=1$SALT$KEY`,
//! salt and key in unpadded standard base64.
//!
//! The key is RustCrypto's `scrypt` crate's. That crate allocates its memory infallibly
//! (`vec!`), so what bounds it is [`WorkLimits`](crate::WorkLimits)' memory cap, checked
//! before any call; a probe here turns the likely failure left (a browser that will not
//! grow the worker's memory that far) into an error instead of an abort.

use core::fmt::Display;
use core::ops::RangeInclusive;

use super::encoding::{Base64, decode, key_values, number, write_key_values};
use super::{Algorithm, DigestError, MAX_FIELD_BYTES, within};
use crate::parse::{ParseError, ParsedDigest};
use crate::warning::CheckWarning;

/// Authelia's default `scrypt.iterations`: log2 of N (ln) (`DefaultPasswordConfig` in
/// Authelia's `internal/configuration/schema/authentication.go`).
pub const SCRYPT_DEFAULT_LN: u8 = 16;
/// Authelia's default `scrypt.block_size` (r) (same source).
pub const SCRYPT_DEFAULT_BLOCK_SIZE: u32 = 8;
/// Authelia's default `scrypt.parallelism` (p) (same source).
pub const SCRYPT_DEFAULT_PARALLELISM: u32 = 1;
/// Authelia's default `scrypt.key_length`, in bytes (same source).
pub const SCRYPT_DEFAULT_KEY_LENGTH: u32 = 32;

/// The identifier between the first two `$`.
pub(crate) const IDENTIFIER: &str = "scrypt";

/// Authelia's bounds for `ln` (its `scrypt.iterations`): go-crypt's `IterationsMin` and
/// `IterationsMax` (`algorithm/scrypt/const.go`).
const LN: RangeInclusive<u8> = 1..=58;
/// Positive `r`; scrypt also needs r·p < 2^30, checked separately.
const BLOCK_SIZE: RangeInclusive<u32> = 1..=u32::MAX;
/// Authelia's bounds for `p`: go-crypt's `ParallelismMax`, RFC 7914's
/// p ≤ (2^32 − 1)·32 / (128·r) at r = 1.
const PARALLELISM: RangeInclusive<u32> = 1..=1_073_741_823;
/// RFC 7914's bound on r·p, in the form the scrypt crate checks it (r·p < 2^30).
const BLOCK_SIZE_TIMES_PARALLELISM: RangeInclusive<u64> = 1..=0x3fff_ffff;
/// Key lengths, in bytes: Authelia's minimum (go-crypt's `KeyLengthMin`) up to the longest
/// field this crate handles.
const KEY_LENGTHS: RangeInclusive<usize> = 1..=MAX_FIELD_BYTES;
/// Salt lengths read or written, in bytes.
const SALT_LENGTHS: RangeInclusive<usize> = 1..=MAX_FIELD_BYTES;

/// SHA-256's block, in bytes: one compression each (FIPS 180-4 §5.1.1).
const SHA256_BLOCK_BYTES: u64 = 64;
/// Bytes SHA-256's padding adds at least: the `0x80` byte and the 8-byte message length
/// (FIPS 180-4 §5.1.1).
const SHA256_PADDING_BYTES: u64 = 9;
/// SHA-256's output, so the bytes one PBKDF2-HMAC-SHA256 block yields (RFC 8018 §5.2).
const SHA256_OUTPUT_BYTES: u64 = 32;
/// Bytes PBKDF2 appends to the salt for each block: its index INT(i) (RFC 8018 §5.2).
const BLOCK_INDEX_BYTES: u64 = 4;

/// The cost names in the PHC parameter list, in the order Authelia writes them.
const COST_NAMES: [&str; 3] = ["ln", "r", "p"];

/// scrypt's parameters, named as Authelia's `scrypt` settings name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScryptParams {
    /// `ln`: log2 of the cost N, the number of 128·r-byte blocks kept in memory.
    pub ln: u8,
    /// `r`: block size, in units of 128 bytes.
    pub block_size: u32,
    /// `p`: how many independent mixes are run, one after the other here.
    pub parallelism: u32,
    /// Length of the derived key written into the digest, in bytes.
    pub key_length: u32,
}

impl ScryptParams {
    /// Authelia's defaults: ln 16, r 8, p 1, a 32-byte key (64 MiB of memory).
    pub const DEFAULT: ScryptParams = ScryptParams {
        ln: SCRYPT_DEFAULT_LN,
        block_size: SCRYPT_DEFAULT_BLOCK_SIZE,
        parallelism: SCRYPT_DEFAULT_PARALLELISM,
        key_length: SCRYPT_DEFAULT_KEY_LENGTH,
    };

    /// The bytes scrypt allocates: N blocks of 128·r bytes to mix in (V), plus the p such
    /// blocks of B, which the PBKDF2 passes write and read, and one of scratch (the scrypt
    /// crate's `v`, `b` and `t`).
    pub(crate) fn memory_bytes(&self) -> u64 {
        let block = 128 * u128::from(self.block_size);
        let blocks = self.n().saturating_add(u128::from(self.parallelism) + 1);
        u64::try_from(block.saturating_mul(blocks)).unwrap_or(u64::MAX)
    }

    /// The work scrypt does: N · r · p block mixes.
    pub(crate) fn work(&self) -> u64 {
        let work = self
            .n()
            .saturating_mul(u128::from(self.block_size))
            .saturating_mul(u128::from(self.parallelism));
        u64::try_from(work).unwrap_or(u64::MAX)
    }

    /// SHA-256 compressions in scrypt's two PBKDF2-HMAC-SHA256 passes (RFC 7914 §6) with a
    /// secret of `secret_bytes`, counted from above: the salt, which these parameters do
    /// not hold, at its longest.
    ///
    /// The first pass writes B, 128 · r · p bytes, 32 at a time, each an HMAC of the salt
    /// and the block's index; the second derives the key, 32 bytes at a time, each an HMAC
    /// of the whole of B. Each pass keys its HMAC once: the secret hashed first if longer
    /// than a block, then the inner and outer pads. After the keying, an HMAC costs its
    /// message's blocks plus one for the outer hash.
    pub(crate) fn pbkdf2_compressions(&self, secret_bytes: usize) -> u64 {
        let blocks = |bytes: u64| {
            bytes
                .saturating_add(SHA256_PADDING_BYTES)
                .div_ceil(SHA256_BLOCK_BYTES)
        };
        let hmac = |message: u64| blocks(message.saturating_add(BLOCK_INDEX_BYTES)) + 1;
        let secret = u64::try_from(secret_bytes).unwrap_or(u64::MAX);
        let long_secret = if secret > SHA256_BLOCK_BYTES {
            blocks(secret)
        } else {
            0
        };
        let keying = long_secret + 2;
        let salt = u64::try_from(MAX_FIELD_BYTES).unwrap_or(u64::MAX);
        let b_bytes = (128 * u64::from(self.block_size)).saturating_mul(self.parallelism.into());
        let first = b_bytes
            .div_ceil(SHA256_OUTPUT_BYTES)
            .saturating_mul(hmac(salt));
        let second = u64::from(self.key_length)
            .div_ceil(SHA256_OUTPUT_BYTES)
            .saturating_mul(hmac(b_bytes));
        first
            .saturating_add(second)
            .saturating_add(keying.saturating_mul(2))
    }

    /// N, the cost, as a number: 2^ln (saturated, for parameters not yet checked).
    fn n(&self) -> u128 {
        1u128.checked_shl(u32::from(self.ln)).unwrap_or(u128::MAX)
    }

    /// Authelia's bounds, which are the same for configuring and for reading a digest.
    pub(crate) fn check(&self) -> Result<(), DigestError> {
        let key_length = usize::try_from(self.key_length).unwrap_or(usize::MAX);
        within("scrypt key length (bytes)", key_length, KEY_LENGTHS)?;
        within("scrypt ln (log2 of N)", self.ln, LN)?;
        within("scrypt block size (r)", self.block_size, BLOCK_SIZE)?;
        within("scrypt parallelism (p)", self.parallelism, PARALLELISM)?;
        within(
            "scrypt block size × parallelism (r·p)",
            u64::from(self.block_size) * u64::from(self.parallelism),
            BLOCK_SIZE_TIMES_PARALLELISM,
        )
    }
}

/// The digest's layout, the one place it is spelled out: the writer fills it with values,
/// the reader's messages with field names.
fn layout(costs: [&dyn Display; 3], salt: &dyn Display, key: &dyn Display) -> String {
    format!(
        "${IDENTIFIER}${}${salt}${key}",
        write_key_values(COST_NAMES, costs)
    )
}

/// Derives `out.len()` key bytes.
pub(crate) fn derive(
    params: &ScryptParams,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), DigestError> {
    let backend_error = |message: String| DigestError::Backend {
        algorithm: Algorithm::Scrypt,
        message,
    };
    let backend = ::scrypt::Params::new(params.ln, params.block_size, params.parallelism)
        .map_err(|e| backend_error(e.to_string()))?;
    probe_memory(params.memory_bytes())?;
    ::scrypt::scrypt(password, salt, &backend, out).map_err(|e| backend_error(e.to_string()))
}

/// `Ok` if `bytes` could be reserved at once; the reservation is released again.
///
/// The scrypt crate's own allocations (V, B and scratch, `bytes` in all) abort the
/// program if they fail. In a wasm32 worker, whose memory never shrinks, a reservation
/// that succeeded leaves those pages to the allocator, so the crate's then succeed too;
/// one that failed becomes [`DigestError::OutOfMemory`]. Natively, a size no address
/// space holds is refused here as well.
fn probe_memory(bytes: u64) -> Result<(), DigestError> {
    let out_of_memory = DigestError::OutOfMemory {
        algorithm: Algorithm::Scrypt,
        bytes,
    };
    let size = usize::try_from(bytes).map_err(|_| out_of_memory.clone())?;
    let mut probe: Vec<u8> = Vec::new();
    probe.try_reserve_exact(size).map_err(|_| out_of_memory)
}

/// Writes the digest of `password` with `salt`.
pub(crate) fn hash(
    password: &[u8],
    params: &ScryptParams,
    salt: &[u8],
) -> Result<String, DigestError> {
    within("scrypt salt length (bytes)", salt.len(), SALT_LENGTHS)?;
    let mut key = vec![0u8; usize::try_from(params.key_length).unwrap_or(usize::MAX)];
    derive(params, password, salt, &mut key)?;
    Ok(layout(
        [&params.ln, &params.block_size, &params.parallelism],
        &Base64::Standard.encode(salt),
        &Base64::Standard.encode(&key),
    ))
}

/// [`CheckWarning::ShortKey`] for a key shorter than the one Authelia writes unless its
/// `key_length` setting was changed, [`SCRYPT_DEFAULT_KEY_LENGTH`].
pub(crate) fn short_key(key: &[u8]) -> Option<CheckWarning> {
    let written = usize::try_from(SCRYPT_DEFAULT_KEY_LENGTH).unwrap_or(usize::MAX);
    (key.len() < written).then_some(CheckWarning::ShortKey {
        algorithm: Algorithm::Scrypt,
        bytes: key.len(),
        written,
    })
}

/// Reads the fields after the identifier: the costs, `SALT`, `KEY`.
pub(crate) fn parse(fields: &[&str]) -> Result<ParsedDigest, ParseError> {
    let algorithm = Algorithm::Scrypt;
    let malformed = || ParseError::Malformed {
        algorithm,
        expected: layout([&"LN", &"BLOCK_SIZE", &"PARALLELISM"], &"SALT", &"KEY"),
    };
    let [costs, salt, key] = fields else {
        return Err(malformed());
    };
    let [ln, r, p] = key_values(costs, COST_NAMES, malformed)?;
    let salt = decode(algorithm, "salt", Base64::Standard, salt)?;
    let key = decode(algorithm, "key", Base64::Standard, key)?;
    let params = ScryptParams {
        ln: number(algorithm, "ln", ln)?,
        block_size: number(algorithm, "block size (r)", r)?,
        parallelism: number(algorithm, "parallelism (p)", p)?,
        key_length: u32::try_from(key.len()).unwrap_or(u32::MAX),
    };
    params.check().map_err(ParseError::OutOfRange)?;
    Ok(ParsedDigest::Scrypt { params, salt, key })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_that_cannot_be_reserved_is_an_error_with_its_size() {
        // ln = 50, r = 8: an exbibyte for V, beyond any address space, refused before the
        // crate's own allocation could abort.
        let params = ScryptParams {
            ln: 50,
            ..ScryptParams::DEFAULT
        };
        let bytes = params.memory_bytes();
        assert_eq!(bytes, 128 * 8 * ((1 << 50) + 2));
        let mut key = [0u8; 32];
        assert_eq!(
            derive(&params, b"pw", b"salt", &mut key),
            Err(DigestError::OutOfMemory {
                algorithm: Algorithm::Scrypt,
                bytes
            })
        );
    }

    #[test]
    fn rfc_7914_vectors_are_reproduced() {
        // RFC 7914 §12, the first two vectors: a 64-byte key of an empty secret and salt,
        // and one with p = 16, whose PBKDF2 passes cover 16 blocks of B.
        type Case<'a> = (&'a [u8], &'a [u8], u8, u32, u32, &'a str);
        let cases: [Case; 2] = [
            (
                b"",
                b"",
                4,
                1,
                1,
                "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906",
            ),
            (
                b"password",
                b"NaCl",
                10,
                8,
                16,
                "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640",
            ),
        ];
        for (password, salt, ln, block_size, parallelism, expected) in cases {
            let params = ScryptParams {
                ln,
                block_size,
                parallelism,
                key_length: 64,
            };
            let mut key = [0u8; 64];
            assert_eq!(derive(&params, password, salt, &mut key), Ok(()));
            let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(hex, expected);
        }
    }
}
