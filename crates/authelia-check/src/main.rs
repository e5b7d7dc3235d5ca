//! `authelia-check`: the page's "Check my configuration" on the command line, for CI.
//! `authelia-check --help` says what it checks, its arguments and exit statuses; all of
//! it is in the library's `cli` module.

use std::process::ExitCode;

/// Runs the command on the process's arguments and standard streams.
#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args = std::env::args_os().skip(1);
    let exit = authelia_check::cli::run(
        args,
        &mut std::io::stdin().lock(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(exit.code())
}

/// A command line has no place in a browser, but the workspace's wasm32 lint pass builds
/// every binary for wasm32: there it is an empty program, and the library's `cli` module
/// (file access, JSON) is left out of the wasm build.
#[cfg(target_arch = "wasm32")]
fn main() -> ExitCode {
    ExitCode::SUCCESS
}
