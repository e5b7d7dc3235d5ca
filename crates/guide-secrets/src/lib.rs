//! Client secrets and the digests Authelia accepts for them.
//!
//! Pure Rust: nothing here touches the DOM, so every function is tested natively and runs
//! unchanged inside the hashing Web Worker.
//!
//! The whole API:
//!
//! - [`generate()`]`(length, charset)` — a random secret; [`DEFAULT_LENGTH`] is 72 and
//!   [`Charset::default`] is `rfc3986`, as Authelia recommends. [`Charset::ALL`] with
//!   [`Charset::id`]/[`Charset::name`] fills a `<select>`.
//! - [`hash`]`(plaintext, &params)` — the digest string Authelia stores, with a random
//!   salt; [`Params::default_for`]`(algorithm)` gives Authelia's defaults and
//!   [`Params::check`] says why a reader's choice is refused. [`Algorithm::ALL`] with
//!   [`Algorithm::id`] (`"pbkdf2-sha512"`…) and [`Algorithm::name`] fills a `<select>`.
//!   [`hash_with_salt`] reproduces a known digest.
//! - [`parse()`]`(digest)` — a pasted digest read into a [`ParsedDigest`], or a
//!   [`ParseError`] whose message says what to fix (a `Digest: ` label, quotes, `$$`…).
//! - [`verify()`]`(digest, plaintext)` — a [`Verdict`]: whether the secret matches, with
//!   every [`CheckWarning`] about the digest (Authelia's plaintext form, a key shorter than
//!   its family writes), or the [`VerifyError`] that says why it could not be checked; the
//!   work a digest may ask for is capped by [`WorkLimits::BROWSER`] ([`verify_with_limits`]
//!   to choose others), and no family hashes a secret longer than [`MAX_SECRET_BYTES`].
//! - [`escape::yaml_single_quoted`], [`escape::docker_compose`], [`escape::dotenv`] — a
//!   digest ready to paste into each kind of file.
//!
//! Nothing here panics on any input, and nothing is logged: secrets stay in memory.

pub mod charset;
pub mod digest;
pub mod escape;
pub mod generate;
mod kdf;
pub mod limits;
pub mod parse;
pub mod verify;
pub mod warning;

pub use charset::Charset;
pub use digest::{
    Algorithm, DigestError, HashSteps, Params, Step, hash, hash_in_steps, hash_with_salt,
};
pub use generate::{DEFAULT_LENGTH, GenerateError, generate};
pub use limits::{MAX_SECRET_BYTES, WorkLimits};
pub use parse::{ParseError, ParsedDigest, parse};
pub use verify::{Verdict, VerifyError, verify, verify_with_limits};
pub use warning::CheckWarning;
