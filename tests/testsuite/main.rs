//! The root package's tests, one binary: the README's map ([`map`]), the page's markup
//! rendered natively ([`render`]) and the site build end to end ([`build`]).

// The build's helpers run only inside its tests, where a panic is how a failure is
// reported (clippy.toml allows it inside #[cfg(test)] modules).
#[cfg(test)]
mod build;
mod map;
mod render;
