//! Guide Playground: Authelia's OpenID Connect integration guides as living pages.
//!
//! The crate is split into a pure core (`guide`: parsing and variables; the
//! `guide-secrets` crate: secrets and digests) that never touches the DOM and is tested
//! natively, and a thin UI (`app`) that binds the core to the page with Leptos.

pub mod app;
pub mod guide;
pub mod share;
pub mod worker;
pub mod worker_job;
