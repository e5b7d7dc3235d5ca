//! PBKDF2-HMAC with SHA-1 or SHA-2, written and read as Authelia (and passlib) write it:
//! `$pbkdf2-sha512$ITERATIONS$SALT$KEY`, salt and key in adapted base64; SHA-1 is `$pbkdf2$`.

use core::fmt::Display;
use core::ops::RangeInclusive;

use super::encoding::{Base64, decode, number};
use super::{Algorithm, DigestError, GO_INT32_MAX, MAX_FIELD_BYTES, within};
use crate::parse::{ParseError, ParsedDigest};
use crate::warning::CheckWarning;

/// Authelia's configuration minimum for `pbkdf2.iterations`: go-crypt's `IterationsMin`
/// (`algorithm/pbkdf2/const.go`), which Authelia's validator applies.
pub const PBKDF2_MIN_ITERATIONS: u32 = 100_000;

/// Iterations Authelia can read in a stored digest: any positive count up to go-crypt's
/// maximum.
pub(crate) const READABLE_ITERATIONS: RangeInclusive<u32> = 1..=GO_INT32_MAX;

/// Salt lengths read or written, in bytes. Authelia writes 16; passlib allows shorter.
const SALT_LENGTHS: RangeInclusive<usize> = 1..=MAX_FIELD_BYTES;

/// The hash inside PBKDF2's HMAC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pbkdf2Hash {
    /// SHA-1, written `$pbkdf2$`.
    Sha1,
    /// SHA-224, written `$pbkdf2-sha224$`.
    Sha224,
    /// SHA-256, written `$pbkdf2-sha256$`.
    Sha256,
    /// SHA-384, written `$pbkdf2-sha384$`.
    Sha384,
    /// SHA-512, written `$pbkdf2-sha512$`: the one Authelia's client guides use.
    Sha512,
}

impl Pbkdf2Hash {
    /// Authelia's default iteration count for this hash: `PBKDF2VariantDefaultIterations`
    /// in Authelia's `internal/configuration/schema/util.go`, sized so each variant takes
    /// about as long as 310000 rounds of SHA-512.
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
    /// The HMAC's hash, which also fixes the key length.
    pub hash: Pbkdf2Hash,
    /// How many times the HMAC is chained per key block.
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
            PBKDF2_MIN_ITERATIONS..=GO_INT32_MAX,
        )
    }

    pub(crate) fn check_readable(&self) -> Result<(), DigestError> {
        within("PBKDF2 iterations", self.iterations, READABLE_ITERATIONS)
    }

    /// The HMAC chains a key of `key_len` bytes costs: a key longer than the hash's output
    /// repeats every iteration once per output-sized block.
    pub(crate) fn work(&self, key_len: usize) -> u64 {
        let blocks = key_len.div_ceil(self.hash.output_len());
        u64::from(self.iterations).saturating_mul(u64::try_from(blocks).unwrap_or(u64::MAX))
    }
}

/// The digest's layout, the one place it is spelled out: the writer fills it with values,
/// the reader's messages with field names.
fn layout(
    hash: Pbkdf2Hash,
    iterations: &dyn Display,
    salt: &dyn Display,
    key: &dyn Display,
) -> String {
    format!("${}${iterations}${salt}${key}", hash.identifier())
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

/// Writes the digest of `password` with `salt`.
pub(crate) fn hash(
    password: &[u8],
    params: &Pbkdf2Params,
    salt: &[u8],
) -> Result<String, DigestError> {
    let mut slices = Slices::start(password, params, salt)?;
    loop {
        if let Some(digest) = slices.advance(u32::MAX) {
            return Ok(digest);
        }
    }
}

/// A PBKDF2 digest being worked out a slice of iterations at a time.
pub(crate) struct Slices {
    params: Pbkdf2Params,
    salt: String,
    key: crate::kdf::pbkdf2::Slices,
}

impl Slices {
    /// Checks the salt and starts the derivation.
    pub(crate) fn start(
        password: &[u8],
        params: &Pbkdf2Params,
        salt: &[u8],
    ) -> Result<Slices, DigestError> {
        within("PBKDF2 salt length (bytes)", salt.len(), SALT_LENGTHS)?;
        Ok(Slices {
            params: *params,
            salt: Base64::Adapted.encode(salt),
            key: crate::kdf::pbkdf2::Slices::start(params.hash, password, salt, params.iterations),
        })
    }

    /// Runs up to `max` more iterations: the digest once all are done.
    pub(crate) fn advance(&mut self, max: u32) -> Option<String> {
        if !self.key.advance(max) {
            return None;
        }
        let mut key = vec![0u8; self.params.hash.output_len()];
        self.key.write(&mut key);
        Some(layout(
            self.params.hash,
            &self.params.iterations,
            &self.salt,
            &Base64::Adapted.encode(&key),
        ))
    }
}

/// [`CheckWarning::ShortKey`] for a key shorter than the `hash`'s output, the length
/// Authelia writes (see [`Pbkdf2Hash::output_len`]).
pub(crate) fn short_key(hash: Pbkdf2Hash, key: &[u8]) -> Option<CheckWarning> {
    (key.len() < hash.output_len()).then_some(CheckWarning::ShortKey {
        algorithm: hash.algorithm(),
        bytes: key.len(),
        written: hash.output_len(),
    })
}

/// Reads the fields after the identifier: `ITERATIONS`, `SALT`, `KEY`.
pub(crate) fn parse(hash: Pbkdf2Hash, fields: &[&str]) -> Result<ParsedDigest, ParseError> {
    let algorithm = hash.algorithm();
    let [iterations, salt, key] = fields else {
        return Err(ParseError::Malformed {
            algorithm,
            expected: layout(hash, &"ITERATIONS", &"SALT", &"KEY"),
        });
    };
    let params = Pbkdf2Params {
        hash,
        iterations: number(algorithm, "iteration count", iterations)?,
    };
    params.check_readable().map_err(ParseError::OutOfRange)?;
    Ok(ParsedDigest::Pbkdf2 {
        params,
        salt: decode(algorithm, "salt", Base64::Adapted, salt)?,
        key: decode(algorithm, "key", Base64::Adapted, key)?,
    })
}
