//! Guide Playground: Authelia's OpenID Connect integration guides as living pages.
//!
//! The pure core lives in its own crates and never touches the DOM: `guide-engine`
//! (crates/guide-engine: parsing, the document model, variables) and `guide-secrets`
//! (crates/guide-secrets: secrets and digests). This crate is the thin UI that binds them to
//! the page: first a small module without Leptos ([`early`]: the guide follows the reader's
//! typing), then the app with Leptos, which it loads (`app`, the `app` feature). Beside it, pure and tested natively: what the reader's
//! typing does to a value ([`editing`]), how a configuration finding is written on the page
//! ([`finding_text`]), which digest answer may be shown
//! ([`digest_state`]), which opened files make a guide folder ([`folder`]), the
//! browser's floats as the whole numbers the page shows ([`number`]), `%XX` escapes
//! ([`percent`]), what links and storage may carry ([`share`]), what a folder of guides
//! publishes as a site ([`site`]) and the site build's stages ([`build`], native only), the provider block and its merge with a guide's
//! client block ([`provider_block`]), the `configuration.yml` the page's Download saves
//! ([`configuration_file`]), and the typed messages between the page and its
//! workers ([`protocol`]). The workers that hash and parse off the page's thread are
//! [`worker`]; what a panic says, on the page and in the workers, is [`panics`].

// Leptos views are nested static types; the secret panel's goes past the default limit.
#![recursion_limit = "256"]

// The app (Leptos), and the page's first module, which loads it: built with the `app`
// feature, and the first module without it (Cargo.toml).
#[cfg(feature = "app")]
pub mod app;
pub mod early;
// The site build's stages, run natively by the Trunk hook (src/bin/prerender.rs); nothing
// of them reaches the page or the workers.
#[cfg(all(not(target_arch = "wasm32"), feature = "app"))]
pub mod build;
pub mod configuration_file;
pub mod digest_state;
pub mod editing;
pub mod finding_text;
pub mod folder;
pub mod number;
pub mod panics;
pub use guide_engine::percent;
pub mod protocol;
pub mod provider_block;
pub mod share;
pub mod site;
pub mod worker;
