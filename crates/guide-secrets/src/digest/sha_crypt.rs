//! SHA-512 and SHA-256 crypt, written `$6$rounds=R$SALT$HASH` / `$5$…` by the `sha-crypt`
//! crate in its own base64, and read here.
//!
//! Read as Authelia reads it (go-crypt's `algorithm/shacrypt/decoder.go` and `digest.go`):
//! salt and hash are both kept as text, the salt hashed as it is and the hash compared as
//! text with the one computed. So there is nothing to decode leniently: a hash whose last
//! character has unused bits set is read, and matches no secret.

use core::fmt::Display;
use core::ops::RangeInclusive;

use base64ct::Encoding as _;
use sha_crypt::{CustomizedPasswordHasher as _, PasswordVerifier as _, ShaCrypt};

use super::encoding::number;
use super::{Algorithm, DigestError, within};
use crate::parse::{ParseError, ParsedDigest};
use crate::warning::CheckWarning;

/// Authelia's default `sha2crypt.iterations` (rounds) (`DefaultPasswordConfig` in
/// Authelia's `internal/configuration/schema/authentication.go`).
pub const SHA_CRYPT_DEFAULT_ROUNDS: u32 = 50_000;

/// Rounds allowed by Authelia (go-crypt's `IterationsMin` and `IterationsMax`,
/// `algorithm/shacrypt/const.go`) and by SHA-crypt's specification, as the `sha-crypt` crate
/// enforces them.
const ROUNDS: RangeInclusive<u32> = sha_crypt::Params::ROUNDS_MIN..=sha_crypt::Params::ROUNDS_MAX;

/// Rounds when a digest has no `rounds=` field: the specification's default, which the
/// `sha-crypt` crate calls its recommended count.
const IMPLICIT_ROUNDS: u32 = sha_crypt::Params::RECOMMENDED_ROUNDS;

/// The longest salt, in characters: SHA-crypt's specification reads no more, and it is
/// Authelia's `sha2crypt.salt_length` maximum (go-crypt's `SaltLengthMax`).
const MAX_SALT_CHARS: usize = 16;

/// The most salt bytes: they encode to [`MAX_SALT_CHARS`] characters, and
/// [`hash`](crate::hash()) draws this many.
pub(crate) const MAX_SALT_BYTES: usize = MAX_SALT_CHARS / 4 * 3;

/// The characters SHA-crypt writes its salt and hash in (the `crypt(3)` alphabet).
const ALPHABET: &[u8] = b"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// SHA-crypt's two hashes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShaCryptVariant {
    /// SHA-512 crypt, `$6$`: Authelia's default variant.
    Sha512,
    /// SHA-256 crypt, `$5$`.
    Sha256,
}

impl ShaCryptVariant {
    pub(crate) const fn algorithm(self) -> Algorithm {
        match self {
            ShaCryptVariant::Sha512 => Algorithm::Sha512Crypt,
            ShaCryptVariant::Sha256 => Algorithm::Sha256Crypt,
        }
    }

    /// The identifier between the first two `$`.
    const fn identifier(self) -> &'static str {
        self.backend().to_str()
    }

    pub(crate) fn from_identifier(id: &str) -> Option<ShaCryptVariant> {
        [ShaCryptVariant::Sha512, ShaCryptVariant::Sha256]
            .into_iter()
            .find(|v| v.identifier() == id)
    }

    /// The hash's output size in bytes.
    const fn output_len(self) -> usize {
        match self {
            ShaCryptVariant::Sha512 => sha_crypt::BLOCK_SIZE_SHA512,
            ShaCryptVariant::Sha256 => sha_crypt::BLOCK_SIZE_SHA256,
        }
    }

    /// The bytes the hash compresses at a time: SHA-512's block is 128 bytes, SHA-256's 64.
    const fn block_len(self) -> u64 {
        match self {
            ShaCryptVariant::Sha512 => 128,
            ShaCryptVariant::Sha256 => 64,
        }
    }

    /// Compression-function calls to hash `bytes` bytes: the message, the `0x80` byte and
    /// the length field (16 bytes for SHA-512, 8 for SHA-256; FIPS 180-4, section 5.1),
    /// in whole blocks.
    fn blocks(self, bytes: u64) -> u64 {
        let length_field = self.block_len() / 8;
        bytes
            .saturating_add(1 + length_field)
            .div_ceil(self.block_len())
    }

    /// Length of the hash field in characters: six bits per character, unpadded.
    const fn hash_chars(self) -> usize {
        (self.output_len() * 8).div_ceil(6)
    }

    const fn backend(self) -> sha_crypt::Algorithm {
        match self {
            ShaCryptVariant::Sha512 => sha_crypt::Algorithm::Sha512Crypt,
            ShaCryptVariant::Sha256 => sha_crypt::Algorithm::Sha256Crypt,
        }
    }
}

/// SHA-crypt's parameters: the hash and how long to chain it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShaCryptParams {
    /// SHA-512 or SHA-256.
    pub variant: ShaCryptVariant,
    /// How many times the hash is chained after the set-up.
    pub rounds: u32,
}

impl ShaCryptParams {
    /// Authelia's defaults for `variant`.
    pub const fn default_for(variant: ShaCryptVariant) -> ShaCryptParams {
        ShaCryptParams {
            variant,
            rounds: SHA_CRYPT_DEFAULT_ROUNDS,
        }
    }

    /// Authelia's configuration and reading bounds coincide for SHA-crypt.
    pub(crate) fn check(&self) -> Result<(), DigestError> {
        within("SHA-crypt rounds", self.rounds, ROUNDS)
    }

    /// How many times checking a secret of `secret_bytes` bytes runs the hash's compression
    /// function, counted from above.
    ///
    /// SHA-crypt's cost grows with the secret, not only with the rounds: its set-up hashes
    /// the secret once for every byte of the secret (L² bytes), and every round hashes up to
    /// two copies of the secret, the salt and the previous digest. The salt is counted at
    /// its longest, 16 characters, and every round as its longest.
    pub(crate) fn compressions(&self, secret_bytes: usize) -> u64 {
        let v = self.variant;
        let secret = u64::try_from(secret_bytes).unwrap_or(u64::MAX);
        let salt = u64::try_from(MAX_SALT_CHARS).unwrap_or(u64::MAX);
        let digest = u64::try_from(v.output_len()).unwrap_or(u64::MAX);
        // Digest B hashes secret, salt, secret; digest A hashes secret and salt, then the
        // secret's length again in digest B's bytes, then one secret or digest per bit of
        // that length.
        let length_bits = u64::from(u64::BITS - secret.leading_zeros());
        let digest_b = v.blocks(secret.saturating_mul(2).saturating_add(salt));
        let digest_a = v.blocks(
            secret
                .saturating_mul(2)
                .saturating_add(salt)
                .saturating_add(length_bits.saturating_mul(secret.max(digest))),
        );
        // The secret once per byte of itself, then the salt 16 to 271 times.
        let secret_squared = v.blocks(secret.saturating_mul(secret));
        let salt_repeated = v.blocks(salt.saturating_mul(16 + u64::from(u8::MAX)));
        let per_round = v.blocks(
            secret
                .saturating_mul(2)
                .saturating_add(salt)
                .saturating_add(digest),
        );
        u64::from(self.rounds)
            .saturating_mul(per_round)
            .saturating_add(digest_b)
            .saturating_add(digest_a)
            .saturating_add(secret_squared)
            .saturating_add(salt_repeated)
    }
}

/// The digest's layout as the reader sees it: `rounds=` may be absent.
fn layout(
    variant: ShaCryptVariant,
    rounds: Option<&dyn Display>,
    salt: &dyn Display,
    hash: &dyn Display,
) -> String {
    let identifier = variant.identifier();
    match rounds {
        Some(rounds) => format!("${identifier}$rounds={rounds}${salt}${hash}"),
        None => format!("${identifier}${salt}${hash}"),
    }
}

/// Writes the digest of `password` with `salt`: the bytes whose SHA-crypt base64 is the
/// salt text.
pub(crate) fn hash(
    password: &[u8],
    params: &ShaCryptParams,
    salt: &[u8],
) -> Result<String, DigestError> {
    within(
        "SHA-crypt salt length (bytes)",
        salt.len(),
        1..=MAX_SALT_BYTES,
    )?;
    let backend_error = |message: String| DigestError::Backend {
        algorithm: params.variant.algorithm(),
        message,
    };
    let backend_params =
        sha_crypt::Params::new(params.rounds).map_err(|e| backend_error(e.to_string()))?;
    ShaCrypt::new(params.variant.backend(), backend_params)
        .hash_password_customized(password, salt, None, None, backend_params)
        .map(|digest| digest.to_string())
        .map_err(|e| backend_error(e.to_string()))
}

/// Reads the fields after the identifier: `rounds=ROUNDS` (optional), `SALT`, `HASH`.
pub(crate) fn parse(variant: ShaCryptVariant, fields: &[&str]) -> Result<ParsedDigest, ParseError> {
    let algorithm = variant.algorithm();
    let malformed = || ParseError::Malformed {
        algorithm,
        expected: layout(variant, Some(&"ROUNDS"), &"SALT", &"HASH"),
    };
    let (rounds, salt, hash) = match fields {
        [rounds, salt, hash] => {
            let rounds = rounds.strip_prefix("rounds=").ok_or_else(malformed)?;
            (Some(rounds), *salt, *hash)
        }
        [salt, hash] => (None, *salt, *hash),
        _ => return Err(malformed()),
    };
    let params = ShaCryptParams {
        variant,
        rounds: rounds.map_or(Ok(IMPLICIT_ROUNDS), |r| number(algorithm, "rounds", r))?,
    };
    params.check().map_err(ParseError::OutOfRange)?;
    if salt.is_empty()
        || salt.len() > MAX_SALT_CHARS
        || !salt.bytes().all(|b| ALPHABET.contains(&b))
    {
        return Err(ParseError::WrongLength {
            algorithm,
            field: "salt",
            found: salt.chars().count(),
            expected: format!("1 to {MAX_SALT_CHARS} characters from `./0-9A-Za-z`"),
        });
    }
    if hash.len() != variant.hash_chars() {
        return Err(ParseError::WrongLength {
            algorithm,
            field: "hash",
            found: hash.chars().count(),
            expected: format!("{} characters", variant.hash_chars()),
        });
    }
    // Authelia reads any text here; a character outside the alphabet would only ever give
    // "no match", so it is named instead.
    if !hash.bytes().all(|b| ALPHABET.contains(&b)) {
        return Err(ParseError::BadEncoding {
            algorithm,
            field: "hash",
        });
    }
    Ok(ParsedDigest::ShaCrypt {
        params,
        rounds_explicit: rounds.is_some(),
        salt: salt.to_owned(),
        hash: hash.to_owned(),
    })
}

/// [`CheckWarning::AlteredHash`] for a hash whose last character has unused bits set (the
/// hash already read: of its variant's length, in [`ALPHABET`]). No SHA-crypt writes it,
/// and Authelia, comparing text, matches no secret to it.
pub(crate) fn altered_hash(variant: ShaCryptVariant, hash: &str) -> Option<CheckWarning> {
    // base64ct decodes strictly: with length and alphabet checked, set unused bits are the
    // one thing it can refuse.
    base64ct::Base64ShaCrypt::decode_vec(hash)
        .is_err()
        .then_some(CheckWarning::AlteredHash {
            algorithm: variant.algorithm(),
        })
}

/// Whether `password` gives the digest read into these parts.
pub(crate) fn verify(
    params: &ShaCryptParams,
    rounds_explicit: bool,
    salt: &str,
    hash: &str,
    password: &[u8],
) -> Result<bool, DigestError> {
    // What the `sha-crypt` crate would refuse to decode, Authelia compares as text with the
    // hash it computes, which is never altered so: no match, for any secret.
    if altered_hash(params.variant, hash).is_some() {
        return Ok(false);
    }
    let rounds = rounds_explicit.then_some(&params.rounds as &dyn Display);
    let digest = layout(params.variant, rounds, &salt, &hash);
    match ShaCrypt::default().verify_password(password, digest.as_str()) {
        Ok(()) => Ok(true),
        Err(sha_crypt::password_hash::Error::PasswordInvalid) => Ok(false),
        Err(e) => Err(DigestError::Backend {
            algorithm: params.variant.algorithm(),
            message: e.to_string(),
        }),
    }
}
