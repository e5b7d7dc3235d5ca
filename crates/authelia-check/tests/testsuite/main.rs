//! The checker's integration tests, as one test binary in mdBook's `tests/testsuite`
//! layout (the guide engine's are laid out the same way). Each module's `//!` doc says what
//! it covers. One module's tests run by its path as a filter, e.g.
//! `cargo test -p authelia-check --test testsuite configuration::`.

mod cli;
mod configuration;
mod long_labels;
mod nesting;
mod proposal;
mod schema;
mod secret;
mod support;
mod troubleshoot;
