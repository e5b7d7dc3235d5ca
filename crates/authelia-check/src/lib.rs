//! What the project knows of Authelia's OpenID Connect rules, apart from any guide's
//! markdown: [`configuration::check`] reads a pasted Authelia configuration and lists what
//! is wrong with it for the open guide, each finding under a named rule, with its line, the
//! problem and the fix.
//!
//! Pure Rust (no DOM, no UI framework), tested natively. The parser worker runs it for the
//! page, off the page's thread and outside its download; native code runs it as it is.
//! It reads YAML as the guide engine reads front matter ([`guide_engine::yaml_depth`],
//! [`guide_engine::yaml_error`]), so a paste is bounded and its mistakes placed the same
//! way.
//!
//! The `authelia-check` command ([`cli`], native only) runs the same check on a file, for
//! CI; [`guide_block`] gives the page and the command the same guide block to check
//! against. [`proposal::propose`] reads the same paste, with the same reader, for the values
//! the open guide asks for ("Fill in from my configuration").

// The command line reads files and writes JSON; the browser has neither a command line
// nor a use for them, so the parser worker's wasm leaves it out.
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod configuration;
pub mod guide_block;
pub mod proposal;
pub mod troubleshoot;
