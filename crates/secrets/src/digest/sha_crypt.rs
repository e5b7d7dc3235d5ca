//! SHA-512 and SHA-256 crypt, written `$6$rounds=R$SALT$HASH` / `$5$…` by the `sha-crypt`
//! crate, in its own base64.

use core::ops::RangeInclusive;

use sha_crypt::{CustomizedPasswordHasher as _, ShaCrypt};

use super::{Algorithm, DigestError, within};

/// Authelia's default `sha2crypt.iterations` (rounds).
pub const SHA_CRYPT_DEFAULT_ROUNDS: u32 = 50_000;

/// Rounds allowed by Authelia and by SHA-crypt itself.
pub(crate) const ROUNDS: RangeInclusive<u32> = 1_000..=999_999_999;

/// Random salt bytes drawn: they encode to 16 characters, SHA-crypt's (and Authelia's)
/// longest salt.
pub(crate) const SALT_BYTES: usize = 12;

/// The characters a SHA-crypt salt is written in.
pub(crate) const SALT_ALPHABET: &[u8] =
    b"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

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

    /// Length of the hash field in characters.
    pub(crate) const fn hash_chars(self) -> usize {
        match self {
            ShaCryptVariant::Sha512 => 86,
            ShaCryptVariant::Sha256 => 43,
        }
    }

    const fn backend(self) -> sha_crypt::Algorithm {
        match self {
            ShaCryptVariant::Sha512 => sha_crypt::Algorithm::Sha512Crypt,
            ShaCryptVariant::Sha256 => sha_crypt::Algorithm::Sha256Crypt,
        }
    }
}

/// SHA-crypt's parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShaCryptParams {
    /// Which hash.
    pub variant: ShaCryptVariant,
    /// Rounds.
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

    pub(crate) fn check(&self) -> Result<(), DigestError> {
        within("SHA-crypt rounds", self.rounds, ROUNDS)
    }
}

pub(crate) fn hash(
    password: &[u8],
    params: &ShaCryptParams,
    salt: &[u8],
) -> Result<String, DigestError> {
    within("SHA-crypt salt length (bytes)", salt.len(), 1..=SALT_BYTES)?;
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
