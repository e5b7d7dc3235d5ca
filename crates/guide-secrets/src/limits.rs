//! How much work a digest may ask of the browser, and how long a secret may be.
//!
//! A pasted digest chooses its own cost: `$2b$31$…` means 2^31 bcrypt rounds (days), and
//! `$scrypt$ln=40,…` asks for terabytes. Authelia would read both, so the parser accepts
//! them; [`WorkLimits`] is what keeps [`verify`](crate::verify()) and [`hash`](crate::hash())
//! from freezing or exhausting the reader's tab on them. The secret is input too: SHA-crypt's
//! work grows with its square, so [`MAX_SECRET_BYTES`] bounds it for every family.
//!
//! Timings below are the app's hashing worker in headless Chromium on the project's 2-core
//! bench machine (README, "Performance").

use core::fmt;

use crate::digest::Params;
use crate::generate::DEFAULT_LENGTH;

/// Longest secret, in bytes, that any family will hash or check against a digest.
///
/// Authelia's own secrets are 72 characters (`authelia crypto rand --length 72`), and every
/// secret [`generate`](crate::generate()) makes, at most 1024 characters of ASCII, fits.
/// A longer one is not a client secret anyone generated: it is refused before any hashing,
/// since SHA-crypt's set-up hashes the secret once per byte of itself and a 100000-character
/// paste would tie up the worker for hours.
pub const MAX_SECRET_BYTES: usize = 1024;

/// SHA-2 compression-function calls one computation may make: 100 million, about 45 s in the
/// app's worker, where 310000 PBKDF2-SHA512 iterations (620000 calls) take 268 ms.
const SHA2_COMPRESSIONS: u64 = 100_000_000;

/// Most PBKDF2 iterations: each costs two compressions (the HMAC's inner and outer hash),
/// so this spends [`SHA2_COMPRESSIONS`]. About 31 times Authelia's largest default (SHA-1's
/// 1600000 iterations).
const PBKDF2_ITERATIONS: u32 = 50_000_000;

/// Most memory one computation may ask for, in bytes: 1 GiB.
///
/// The hashing runs in a wasm32 worker, whose linear memory can never exceed 4 GiB (65536
/// pages of 64 KiB), and on wasm32 no single Rust allocation may exceed `isize::MAX`,
/// 2 GiB − 1 byte. Argon2's blocks are one allocation, so Authelia's 2 GiB "recommended"
/// profile (m=2097152) cannot be computed there at all. Browsers may also refuse to grow a
/// worker's memory well before 4 GiB, phones especially. 1 GiB is the largest power of two
/// one allocation can have and leaves the rest of the address space to the module, its
/// stack and its heap; it is 16 times the 64 MiB Authelia's Argon2 and scrypt defaults use.
/// Argon2 reserves it fallibly and scrypt probes for it before its crate allocates, so a
/// browser that still refuses gets an explanation.
const MEMORY_BYTES: u64 = 1 << 30;

// Checked when compiling: one allocation on wasm32 is at most `isize::MAX`, 2 GiB − 1.
const _: () = assert!(
    MEMORY_BYTES < 1 << 31,
    "wasm32 cannot allocate this much at once"
);

/// Most Argon2 memory, in KiB: [`MEMORY_BYTES`].
const ARGON2_MEMORY_KIB: u32 = 1_048_576;

/// Most Argon2 work, passes × KiB: 32 times Authelia's default of 3 passes over 64 MiB,
/// about 10 s in the app's worker (the default takes 318 ms there).
const ARGON2_WORK: u64 = 32 * 3 * 65_536;

/// Most scrypt memory in bytes: [`MEMORY_BYTES`].
const SCRYPT_MEMORY_BYTES: u64 = MEMORY_BYTES;

/// Most scrypt work, N · r · p: 32 times Authelia's default (2^16 · 8 · 1).
const SCRYPT_WORK: u64 = 1 << 24;

/// Most SHA-256 compressions scrypt's two PBKDF2-HMAC-SHA256 passes may make: 2^24, about
/// as long as the mixing may take at [`SCRYPT_WORK`]. In the app's worker one unit of
/// N · r · p takes about 0.23 µs (Authelia's default, 2^19, in 121 ms) and a SHA-2
/// compression about 0.21 µs (PBKDF2-SHA512's 620000 in 132 ms; README, "Performance").
///
/// The passes are no longer negligible when p is large and N small: `ln=1,r=1,p=8388605`
/// stays within [`SCRYPT_WORK`] and [`SCRYPT_MEMORY_BYTES`] yet has the first pass write
/// 1 GiB, 32 bytes per HMAC, and the second hash that 1 GiB again. Authelia's default
/// needs about 600.
const SCRYPT_PBKDF2_COMPRESSIONS: u64 = 1 << 24;

/// Highest bcrypt cost: 2^5 = 32 times the work of Authelia's default cost of 12.
const BCRYPT_COST: u32 = 17;

/// Ceilings on the cost of one hash computation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkLimits {
    /// Most PBKDF2 iterations, counted once per output-sized block of the key.
    pub pbkdf2_iterations: u32,
    /// Most Argon2 memory, in KiB.
    pub argon2_memory_kib: u32,
    /// Most Argon2 work: passes × memory in KiB.
    pub argon2_work: u64,
    /// Most scrypt memory in bytes: 128 · r · (N + p + 1), that is N blocks of 128 · r
    /// bytes to mix in, the p blocks of B that the PBKDF2 passes write and read, and one
    /// of scratch.
    pub scrypt_memory_bytes: u64,
    /// Most scrypt work: N · r · p.
    pub scrypt_work: u64,
    /// Most SHA-256 compressions in scrypt's two PBKDF2-HMAC-SHA256 passes, which write and
    /// then hash the 128 · r · p bytes of B.
    pub scrypt_pbkdf2_compressions: u64,
    /// Highest bcrypt cost (log2 of its rounds).
    pub bcrypt_cost: u32,
    /// Most SHA-crypt compression-function calls for the secret at hand: rounds times the
    /// blocks each round hashes, plus the set-up, which grows with the secret's square.
    pub sha_crypt_compressions: u64,
}

impl WorkLimits {
    /// What a browser tab can do in under a minute and within wasm32's memory: each cost
    /// ceiling about 32 times Authelia's default for its family (or the same hashing as
    /// PBKDF2's), memory at most 1 GiB.
    pub const BROWSER: WorkLimits = WorkLimits {
        pbkdf2_iterations: PBKDF2_ITERATIONS,
        argon2_memory_kib: ARGON2_MEMORY_KIB,
        argon2_work: ARGON2_WORK,
        scrypt_memory_bytes: SCRYPT_MEMORY_BYTES,
        scrypt_work: SCRYPT_WORK,
        scrypt_pbkdf2_compressions: SCRYPT_PBKDF2_COMPRESSIONS,
        bcrypt_cost: BCRYPT_COST,
        sha_crypt_compressions: SHA2_COMPRESSIONS,
    };

    /// `Ok` if hashing a secret of `secret_bytes` bytes with `params` stays within these
    /// limits, else what exceeds them.
    ///
    /// # Errors
    /// [`TooCostly`] naming the parameter and the ceiling.
    pub fn admit(&self, params: &Params, secret_bytes: usize) -> Result<(), TooCostly> {
        let within = |what: &'static str, value: u64, limit: u64| {
            if value <= limit {
                Ok(())
            } else {
                Err(TooCostly {
                    algorithm: params.algorithm().name(),
                    what,
                    value,
                    limit,
                })
            }
        };
        match params {
            Params::Pbkdf2(p) => within(
                "iterations",
                p.iterations.into(),
                self.pbkdf2_iterations.into(),
            ),
            Params::Argon2(p) => {
                within(
                    "memory in KiB",
                    p.memory_kib.into(),
                    self.argon2_memory_kib.into(),
                )?;
                within("iterations × memory in KiB", p.work(), self.argon2_work)
            }
            Params::Scrypt(p) => {
                within(
                    "memory in bytes",
                    p.memory_bytes(),
                    self.scrypt_memory_bytes,
                )?;
                within("N × r × p", p.work(), self.scrypt_work)?;
                within(
                    "SHA-256 compressions in its two PBKDF2 passes",
                    p.pbkdf2_compressions(secret_bytes),
                    self.scrypt_pbkdf2_compressions,
                )
            }
            Params::Bcrypt(p) => within("cost", p.cost.into(), self.bcrypt_cost.into()),
            Params::ShaCrypt(p) => within(
                "hash compressions for a secret this long",
                p.compressions(secret_bytes),
                self.sha_crypt_compressions,
            ),
            Params::Plaintext => Ok(()),
        }
    }
}

impl Default for WorkLimits {
    fn default() -> Self {
        WorkLimits::BROWSER
    }
}

/// A parameter asks for more work than the [`WorkLimits`] allow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooCostly {
    /// The algorithm's name, as [`Algorithm::name`](crate::Algorithm::name) gives it.
    pub algorithm: &'static str,
    /// The quantity over its ceiling, for people: `"cost"`, `"memory in KiB"`.
    pub what: &'static str,
    /// How much the digest asks for.
    pub value: u64,
    /// The ceiling it exceeds.
    pub limit: u64,
}

impl fmt::Display for TooCostly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "this {} digest asks for {} {}, more than the {} the playground will compute in \
             a browser; Authelia may accept it, but check it with \
             `authelia crypto hash validate` instead",
            self.algorithm, self.value, self.what, self.limit
        )
    }
}

impl std::error::Error for TooCostly {}

/// The secret is longer than [`MAX_SECRET_BYTES`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretTooLong {
    /// The secret's length in bytes.
    pub bytes: usize,
}

impl SecretTooLong {
    /// `Ok` for a secret of at most [`MAX_SECRET_BYTES`] bytes.
    pub(crate) fn check(secret: &str) -> Result<(), SecretTooLong> {
        if secret.len() <= MAX_SECRET_BYTES {
            Ok(())
        } else {
            Err(SecretTooLong {
                bytes: secret.len(),
            })
        }
    }
}

impl fmt::Display for SecretTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "this secret is {} bytes long, more than the {MAX_SECRET_BYTES} the playground \
             will hash (Authelia's own client secrets are {DEFAULT_LENGTH} characters); \
             check it with `authelia crypto hash validate` instead",
            self.bytes
        )
    }
}

impl std::error::Error for SecretTooLong {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::{
        Algorithm, Argon2Params, Argon2Variant, BCRYPT_DEFAULT_COST, BcryptParams, ScryptParams,
        ShaCryptParams, ShaCryptVariant,
    };

    #[test]
    fn browser_limits_admit_every_authelia_default() {
        for algorithm in Algorithm::ALL {
            assert_eq!(
                WorkLimits::BROWSER.admit(&Params::default_for(algorithm), MAX_SECRET_BYTES),
                Ok(()),
                "{algorithm}"
            );
        }
    }

    #[test]
    fn bcrypt_cost_31_is_refused_with_a_reason() {
        let err = WorkLimits::BROWSER
            .admit(&Params::Bcrypt(BcryptParams { cost: 31 }), DEFAULT_LENGTH)
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("this bcrypt digest asks for 31 cost")
        );
    }

    #[test]
    fn sha_crypt_work_counts_the_secrets_length_not_only_rounds() {
        let params = ShaCryptParams {
            variant: ShaCryptVariant::Sha512,
            rounds: 20_000_000,
        };
        // A 72-character secret: two SHA-512 blocks a round.
        let usual = params.compressions(DEFAULT_LENGTH);
        assert!((40_000_000..40_001_000).contains(&usual), "{usual}");
        assert_eq!(
            WorkLimits::BROWSER.admit(&Params::ShaCrypt(params), DEFAULT_LENGTH),
            Ok(())
        );
        // The same rounds with the longest secret: 17 blocks a round, refused.
        let err = WorkLimits::BROWSER
            .admit(&Params::ShaCrypt(params), MAX_SECRET_BYTES)
            .unwrap_err();
        assert_eq!(err.value, params.compressions(MAX_SECRET_BYTES));
        assert_eq!(err.limit, SHA2_COMPRESSIONS);
        assert!(err.to_string().contains("100000000"), "{err}");
        // A 100000-byte secret: over 30 billion, hours of work.
        assert!(params.compressions(100_000) > 30_000_000_000);
        // The set-up alone grows with the secret's square.
        let set_up_only = ShaCryptParams {
            rounds: 1_000,
            ..params
        };
        assert!(set_up_only.compressions(200_000) > SHA2_COMPRESSIONS);
    }

    #[test]
    fn pbkdf2_ceiling_spends_the_same_compressions_as_sha_crypts() {
        assert_eq!(u64::from(PBKDF2_ITERATIONS) * 2, SHA2_COMPRESSIONS);
    }

    #[test]
    fn argon2_memory_ceiling_is_the_wasm32_memory_ceiling() {
        assert_eq!(u64::from(ARGON2_MEMORY_KIB) * 1024, MEMORY_BYTES);
    }

    #[test]
    fn argon2_recommended_profile_is_refused_naming_the_ceiling() {
        // Authelia's "recommended" profile: t=1, m=2097152 (2 GiB).
        let recommended = Params::Argon2(Argon2Params {
            iterations: 1,
            memory_kib: 2_097_152,
            ..Argon2Params::default_for(Argon2Variant::Id)
        });
        let err = WorkLimits::BROWSER
            .admit(&recommended, DEFAULT_LENGTH)
            .unwrap_err();
        assert_eq!((err.value, err.limit), (2_097_152, 1_048_576));
        assert!(err.to_string().contains("more than the 1048576"), "{err}");
    }

    #[test]
    fn cost_ceilings_are_32_times_authelias_defaults() {
        let argon2 = Argon2Params::default_for(Argon2Variant::Id);
        assert_eq!(ARGON2_WORK, 32 * argon2.work());
        assert_eq!(SCRYPT_WORK, 32 * ScryptParams::DEFAULT.work());
        assert_eq!(BCRYPT_COST, BCRYPT_DEFAULT_COST + 5);
    }

    #[test]
    fn scrypt_pbkdf2_ceiling_is_far_above_authelias_default() {
        let default = ScryptParams::DEFAULT.pbkdf2_compressions(MAX_SECRET_BYTES);
        assert!((500..1_000).contains(&default), "{default}");
        assert!(SCRYPT_PBKDF2_COMPRESSIONS > 10_000 * default);
    }

    #[test]
    fn secret_longer_than_the_cap_is_refused_naming_the_cap() {
        assert_eq!(SecretTooLong::check(&"x".repeat(MAX_SECRET_BYTES)), Ok(()));
        let err = SecretTooLong::check(&"x".repeat(MAX_SECRET_BYTES + 1)).unwrap_err();
        assert_eq!(err.bytes, MAX_SECRET_BYTES + 1);
        assert!(err.to_string().contains("more than the 1024"), "{err}");
    }
}
