//! The guide engine's integration tests, as one test binary in mdBook's `tests/testsuite`
//! layout. Each module was a test binary of its own, each linked separately against the
//! engine and its dependencies; as modules of one binary they are linked once, which is
//! most of what a cold `scripts/test` spent on them on a 2-core machine
//! (docs/decisions/cold-start.md).
//!
//! Each module's `//!` doc says what it covers; `support` holds what several share. One
//! module's tests run by its path as a filter, e.g.
//! `cargo test -p guide-engine --test testsuite hostile::`.

mod address;
mod authelia_guides;
mod engine;
mod fixtures;
mod growth;
mod highlight;
mod hostile;
mod lexer;
mod long_words;
mod props;
mod reference;
mod stack;
mod support;
mod yaml_nesting;
