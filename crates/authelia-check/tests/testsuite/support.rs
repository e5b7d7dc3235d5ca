//! What several test modules share.

/// The measurement that tells a linear stage from a quadratic one: the guide engine's own
/// (one file, read by both crates' test binaries, so both judge growth by one rule).
#[path = "../../../guide-engine/tests/testsuite/support/linear.rs"]
pub mod linear;
