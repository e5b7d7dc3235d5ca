//! The key-derivation kernels the worker spends its time in, laid out by hand for speed in
//! WebAssembly: PBKDF2-HMAC on the SHA compression functions, Argon2's memory fill and
//! scrypt's ROMix. The `digest` modules call these for the key bytes and keep the formats.
//!
//! The RustCrypto crates (`pbkdf2`, `argon2`, `scrypt`) stay as oracles in the tests: every
//! kernel must produce their bytes on the reference vectors and on generated inputs.

pub(crate) mod argon2;
pub(crate) mod pbkdf2;
pub(crate) mod scrypt;
