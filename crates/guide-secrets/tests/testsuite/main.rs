//! The secrets crate's integration tests, as one test binary in mdBook's
//! `tests/testsuite` layout. Each module was a test binary of its own, each linked
//! separately against the hashing crates; as modules of one binary they are linked once,
//! which a cold `scripts/test` on a 2-core machine feels (docs/decisions/cold-start.md).
//!
//! Each module's `//!` doc says what it covers. One module's tests run by its path as a
//! filter, e.g. `cargo test -p guide-secrets --test testsuite reference_vectors::`.

mod bounds;
mod lenient_decoding;
mod never_panics;
mod paste_mistakes;
mod reference_vectors;
mod uniformity;
mod warnings;
