//! The key-derivation kernels owned here, laid out by hand for speed in WebAssembly:
//! PBKDF2-HMAC on the SHA compression functions and Argon2's memory fill. The `digest`
//! modules call these for the key bytes and keep the formats; scrypt's key is RustCrypto's
//! `scrypt` crate's (`digest/scrypt.rs`).
//!
//! The RustCrypto crates (`pbkdf2`, `argon2`) stay as oracles in the tests: every kernel
//! must produce their bytes on the reference vectors and on generated inputs.
//!
//! Argon2's kernel is ours because RustCrypto's crate is more than 10% slower in the
//! worker, where readers' digests run; scrypt's is the crate's because it is not. The
//! figures and how to measure them again: `docs/decisions/argon2-kernel.md`.
//!
//! No kernel has hand-written WebAssembly SIMD: Argon2's SIMD BlaMka lost to the scalar
//! code in Chromium (removed; the builds still enable `simd128`, which the compiler uses
//! where it helps and which makes the page smaller), and PBKDF2's SHA-512 rounds are a
//! serial chain that SIMD cannot split.

pub(crate) mod argon2;
pub(crate) mod pbkdf2;

use core::fmt;

/// Why the one memory-hard kernel owned here, Argon2's, produced no key. Its messages
/// name the algorithm ([`argon2::NAME`]), so that they read alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum KdfError {
    /// A parameter outside what RFC 9106 defines; the digest modules' checks normally
    /// refuse these first.
    Undefined {
        /// Which parameter and why, for people.
        what: &'static str,
    },
    /// The memory could not be reserved: a wasm32 tab has 4 GiB at most, often less.
    OutOfMemory {
        /// How much was asked for, in bytes; wide enough for any product of the costs.
        bytes: u128,
    },
}

impl fmt::Display for KdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KdfError::Undefined { what } => {
                write!(f, "{} is not defined for {what}", argon2::NAME)
            }
            KdfError::OutOfMemory { bytes } => write!(
                f,
                "{} needs {bytes} bytes of memory with these parameters and they \
                 could not be reserved here",
                argon2::NAME
            ),
        }
    }
}

impl std::error::Error for KdfError {}
