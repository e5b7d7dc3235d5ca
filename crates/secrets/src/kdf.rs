//! The key-derivation kernels the worker spends its time in, laid out by hand for speed in
//! WebAssembly: PBKDF2-HMAC on the SHA compression functions, Argon2's memory fill and
//! scrypt's ROMix. The `digest` modules call these for the key bytes and keep the formats.
//!
//! The RustCrypto crates (`pbkdf2`, `argon2`, `scrypt`) stay as oracles in the tests: every
//! kernel must produce their bytes on the reference vectors and on generated inputs.
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
