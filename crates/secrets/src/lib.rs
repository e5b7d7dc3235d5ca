//! Client secrets and the digests Authelia accepts for them.
//!
//! Pure Rust: nothing here touches the DOM, so every function is tested natively and runs
//! unchanged inside the hashing Web Worker.
