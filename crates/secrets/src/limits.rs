//! How much work a digest may ask of the browser.
//!
//! A pasted digest chooses its own cost: `$2b$31$…` means 2^31 bcrypt rounds (days), and
//! `$scrypt$ln=40,…` asks for terabytes. Authelia would read both, so the parser accepts
//! them; [`WorkLimits`] is what keeps [`verify`](crate::verify) and [`hash`](crate::hash)
//! from freezing or exhausting the reader's tab on them.

use core::fmt;

use crate::digest::Params;

/// Ceilings on the cost of one hash computation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkLimits {
    /// Most PBKDF2 iterations.
    pub pbkdf2_iterations: u32,
    /// Most Argon2 memory, in KiB.
    pub argon2_memory_kib: u32,
    /// Most Argon2 work: passes × memory in KiB.
    pub argon2_work: u64,
    /// Most scrypt memory in bytes (128 · r · N, plus 128 · r · p).
    pub scrypt_memory_bytes: u64,
    /// Most scrypt work: N · r · p.
    pub scrypt_work: u64,
    /// Highest bcrypt cost.
    pub bcrypt_cost: u32,
    /// Most SHA-crypt rounds.
    pub sha_crypt_rounds: u32,
}

impl WorkLimits {
    /// What a browser tab can do in well under a minute and within wasm32's memory: about
    /// 30 times Authelia's defaults, and Authelia's 2 GiB "recommended" Argon2 profile.
    pub const BROWSER: WorkLimits = WorkLimits {
        pbkdf2_iterations: 50_000_000,
        argon2_memory_kib: 2_097_152,
        argon2_work: 3 * 2_097_152,
        scrypt_memory_bytes: 1 << 30,
        scrypt_work: 1 << 24,
        bcrypt_cost: 17,
        sha_crypt_rounds: 20_000_000,
    };

    /// `Ok` if hashing with `params` stays within these limits, else what exceeds them.
    ///
    /// # Errors
    /// [`TooCostly`] naming the parameter and the ceiling.
    pub fn admit(&self, params: &Params) -> Result<(), TooCostly> {
        let refuse = |what: &'static str, value: u64, limit: u64| {
            Err(TooCostly {
                algorithm: params.algorithm().name(),
                what,
                value,
                limit,
            })
        };
        match params {
            Params::Pbkdf2(p) if p.iterations > self.pbkdf2_iterations => refuse(
                "iterations",
                p.iterations.into(),
                self.pbkdf2_iterations.into(),
            ),
            Params::Argon2(p) if p.memory_kib > self.argon2_memory_kib => refuse(
                "memory in KiB",
                p.memory_kib.into(),
                self.argon2_memory_kib.into(),
            ),
            Params::Argon2(p)
                if u64::from(p.iterations) * u64::from(p.memory_kib) > self.argon2_work =>
            {
                refuse(
                    "iterations × memory in KiB",
                    u64::from(p.iterations) * u64::from(p.memory_kib),
                    self.argon2_work,
                )
            }
            Params::Scrypt(p) => {
                let n = 1u128 << p.ln.min(64);
                let r = u128::from(p.block_size);
                let memory = 128 * r * (n + u128::from(p.parallelism));
                let work = n * r * u128::from(p.parallelism);
                if memory > u128::from(self.scrypt_memory_bytes) {
                    refuse(
                        "memory in bytes",
                        u64::try_from(memory).unwrap_or(u64::MAX),
                        self.scrypt_memory_bytes,
                    )
                } else if work > u128::from(self.scrypt_work) {
                    refuse(
                        "N × r × p",
                        u64::try_from(work).unwrap_or(u64::MAX),
                        self.scrypt_work,
                    )
                } else {
                    Ok(())
                }
            }
            Params::Bcrypt(p) if p.cost > self.bcrypt_cost => {
                refuse("cost", p.cost.into(), self.bcrypt_cost.into())
            }
            Params::ShaCrypt(p) if p.rounds > self.sha_crypt_rounds => {
                refuse("rounds", p.rounds.into(), self.sha_crypt_rounds.into())
            }
            _ => Ok(()),
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
    /// The algorithm's name.
    pub algorithm: &'static str,
    /// Which parameter, for people.
    pub what: &'static str,
    /// Its value.
    pub value: u64,
    /// The ceiling.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::{Algorithm, BcryptParams};

    #[test]
    fn browser_limits_admit_every_authelia_default() {
        for algorithm in Algorithm::ALL {
            assert_eq!(
                WorkLimits::BROWSER.admit(&Params::default_for(algorithm)),
                Ok(()),
                "{algorithm}"
            );
        }
    }

    #[test]
    fn bcrypt_cost_31_is_refused_with_a_reason() {
        let err = WorkLimits::BROWSER
            .admit(&Params::Bcrypt(BcryptParams { cost: 31 }))
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("this bcrypt digest asks for 31 cost")
        );
    }
}
