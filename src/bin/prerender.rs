//! Trunk's post-build hook (Trunk.toml runs it with `cargo run --bin prerender`): builds
//! the site into Trunk's staging folder, in the named stages of
//! [`guide_playground::build`]: load, the page, its policy, plan, render, the service
//! worker, write. Every guide of the folder of guides (`GUIDES`, the project's `guides/`
//! by default) becomes a page rendered by the app's own components; the index, the 404
//! page, alias redirects, the sitemap, the guides' images and the service worker go
//! beside them.
//!
//! Trunk's pre-build hook runs it with `--check` first: the first stage alone (the
//! configuration and the folder, every guide parsed), so that a site that cannot be built
//! is refused before the WebAssembly is built.
//!
//! It reads Trunk's `TRUNK_STAGING_DIR` and `TRUNK_PUBLIC_URL`, and `GUIDES`, `SITE_URL`
//! and `GUIDE_PLAYGROUND_CONFIG` ([`Inputs::from_env`]). On success it prints one line
//! saying what it built; a folder that cannot be built fails with every reason found,
//! one line each, and leaves nothing behind, not even Trunk's staging folder.

#[cfg(not(target_arch = "wasm32"))]
use guide_playground::build::{self, Inputs, watchdog};

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // Its inputs come from Trunk's environment; the one argument is the pre-build hook's.
    let check = match std::env::args().skip(1).collect::<Vec<_>>().as_slice() {
        [] => false,
        [only] if only == CHECK => true,
        other => {
            eprintln!(
                "prerender: unknown argument(s) {other:?}: run me as Trunk's hook (Trunk.toml), \
                 with no argument or {CHECK}"
            );
            return ExitCode::FAILURE;
        }
    };
    let inputs = match Inputs::from_env(root) {
        Ok(inputs) => inputs,
        Err(error) => {
            eprintln!("prerender: {error}");
            return ExitCode::FAILURE;
        }
    };
    let _ = watchdog::ABANDON.set(inputs.staging.clone());
    let started = std::time::Instant::now();
    // Trunk's pre-build hook: the first stage alone, before the WebAssembly is built.
    if check {
        return match build::check(&inputs) {
            Ok(guides) => {
                let folder = inputs.folder.strip_prefix(root).unwrap_or(&inputs.folder);
                println!(
                    "pre-build: {guides} guide(s) of {} and the site configuration read in {} ms",
                    folder.display(),
                    started.elapsed().as_millis()
                );
                ExitCode::SUCCESS
            }
            Err(errors) => refused(&inputs, &errors),
        };
    }
    match build::build(&inputs) {
        Ok(summary) => {
            let folder = inputs.folder.strip_prefix(root).unwrap_or(&inputs.folder);
            println!("{}", summary.line(folder, started.elapsed()));
            ExitCode::SUCCESS
        }
        Err(errors) => refused(&inputs, &errors),
    }
}

/// The argument of Trunk's pre-build hook (Trunk.toml): check, build nothing.
#[cfg(not(target_arch = "wasm32"))]
const CHECK: &str = "--check";

/// Says every reason the site cannot be built, one line each, and leaves nothing behind.
#[cfg(not(target_arch = "wasm32"))]
fn refused(inputs: &Inputs, errors: &[build::BuildError]) -> std::process::ExitCode {
    for error in errors {
        eprintln!("prerender: {error}");
    }
    eprintln!(
        "prerender: the site was not built: {} problem(s) in {}",
        errors.len(),
        inputs.folder.display()
    );
    build::abandon(&inputs.staging);
    std::process::ExitCode::FAILURE
}

/// Nothing to do in the browser: the step runs natively at build time.
#[cfg(target_arch = "wasm32")]
fn main() {}
