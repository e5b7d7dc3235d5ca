//! The key-derivation kernels the worker spends its time in, laid out by hand for speed in
//! WebAssembly: PBKDF2-HMAC on the SHA compression functions, Argon2's memory fill and
//! scrypt's ROMix. The `digest` modules call these for the key bytes and keep the formats.
//!
//! The RustCrypto crates (`pbkdf2`, `argon2`, `scrypt`) stay as oracles in the tests: every
//! kernel must produce their bytes on the reference vectors and on generated inputs.
//!
//! Why own them, measured (issue 21, 2026-12-04, 2-core AMD EPYC, Chromium 156, load < 1.5;
//! worker: medians of 5 runs of 3 digests each at Authelia's defaults, own kernels and a
//! build calling the `argon2` 0.6 / `scrypt` 0.12 crates, interleaved in one browser;
//! native: `cargo bench`, one process):
//!
//! | | own kernel | crate | crate vs own |
//! |---|---|---|---|
//! | Argon2id, worker (wasm) | 129 ms | 144 ms | +12% slower |
//! | scrypt, worker (wasm) | 100 ms | 184 ms | +84% slower |
//! | Argon2id, native | 145 ms | 122 ms | 16% faster (the crate's AVX2, absent in wasm) |
//! | scrypt, native | 128 ms | 193 ms | +50% slower |
//!
//! The reader's digests run in the worker, where both crates are more than 10% slower, so
//! both kernels stay (the rule). The build with the crates is kept on branch
//! `issue21-21c-crates-experiment`; `scripts/bench` reports the native pair every run.
//!
//! No kernel has hand-written WebAssembly SIMD: Argon2's SIMD BlaMka lost to the scalar
//! code in Chromium, scrypt's SIMD Salsa20/8 measured no faster once the worker warms its
//! kernels before the first digest (both removed; the builds still enable `simd128`, which
//! the compiler uses where it helps and which makes the page smaller), and PBKDF2's SHA-512
//! rounds are a serial chain that SIMD cannot split.

pub(crate) mod argon2;
pub(crate) mod pbkdf2;
pub(crate) mod scrypt;

use core::fmt;

/// Why a memory-hard kernel (Argon2, scrypt) produced no key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum KdfError {
    /// A parameter outside what the algorithm's RFC defines; the digest modules' checks
    /// normally refuse these first.
    Undefined {
        /// `"Argon2"` or `"scrypt"`.
        algorithm: &'static str,
        /// Which parameter and why, for people.
        what: &'static str,
    },
    /// The memory could not be reserved: a wasm32 tab has 4 GiB at most, often less.
    OutOfMemory {
        /// `"Argon2"` or `"scrypt"`.
        algorithm: &'static str,
        /// How much was asked for, in bytes; wide enough for any product of the costs.
        bytes: u128,
    },
}

impl fmt::Display for KdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KdfError::Undefined { algorithm, what } => {
                write!(f, "{algorithm} is not defined for {what}")
            }
            KdfError::OutOfMemory { algorithm, bytes } => write!(
                f,
                "{algorithm} needs {bytes} bytes of memory with these parameters and they \
                 could not be reserved here"
            ),
        }
    }
}

impl std::error::Error for KdfError {}
