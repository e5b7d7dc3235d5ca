# Shared by the project's scripts: where the tools live and how to put them on PATH.
# Sourced, not run.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Tools are cached per version outside the checkout, so fresh clones and CI reuse them.
CACHE_DIR="${GUIDE_PLAYGROUND_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/guide-playground}"
TOOLS_DIR="$CACHE_DIR/tools"

# Trunk 0.22 needs a newer rustc than this project's toolchain; 0.21.14 is the last that builds.
TRUNK_VERSION="0.21.14"
# The npm `binaryen` package ships a wasm-opt that runs on Node.js. Debian's binaryen 108
# mangles current wasm-bindgen output (`WebAssembly.Table.set(): Argument 1 is invalid`).
BINARYEN_VERSION="132.0.0"

# wasm-bindgen-cli must be exactly the wasm-bindgen library version in Cargo.lock.
wasm_bindgen_version() {
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

# Each step says when it starts, in minutes and seconds since its script began: a slow
# machine shows where its time goes.
step() { printf '\n==> [%d:%02d] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }
note() { printf '    %s\n' "$*"; }

# Trunk, wasm-bindgen and wasm-opt on PATH. The wasm-opt that Trunk finds first is
# scripts/lib/bin/wasm-opt, which remembers the real one's output, and the trunk found first
# is scripts/lib/bin/trunk, which prints no Rust backtrace for a failed build (each says
# why).
tool_path() {
    local wbg
    wbg="$(wasm_bindgen_version)"
    export GP_REAL_TRUNK="$TOOLS_DIR/trunk-$TRUNK_VERSION/bin/trunk"
    export GP_REAL_WASM_OPT="$TOOLS_DIR/binaryen-$BINARYEN_VERSION/node_modules/.bin/wasm-opt"
    export GP_WASM_OPT_CACHE="$ROOT/target/wasm-opt-cache"
    export PATH="$ROOT/scripts/lib/bin:$TOOLS_DIR/trunk-$TRUNK_VERSION/bin:$TOOLS_DIR/wasm-bindgen-$wbg/bin:$PATH"
}

# Clippy's lints, with -D warnings, inside every cargo build that follows: clippy-driver is
# rustc with clippy's lints, and `cargo clippy` itself runs it as cargo's workspace wrapper
# (the crates of this workspace go through it, their dependencies through rustc), with
# its arguments in CLIPPY_ARGS. As the wrapper of the builds the tests need anyway, it lints
# each crate of the workspace while compiling it, where `cargo clippy` would compile every
# dependency a second time in check mode, once per target (docs/decisions/cold-start.md).
# A canary file with a known lint must fail through the same wrapper, so a clippy that
# stopped reading CLIPPY_ARGS fails here instead of passing everything.
lint_in_builds() {
    local driver rustc canary
    driver="$(rustup which clippy-driver 2>/dev/null || command -v clippy-driver)"
    rustc="$(rustup which rustc 2>/dev/null || command -v rustc)"
    export RUSTC_WORKSPACE_WRAPPER="$driver"
    export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
    canary="$(mktemp -d)"
    printf '//! A canary.\n/// Says whether `v` is empty, the way clippy::len_zero refuses.\npub fn empty(v: &[u8]) -> bool {\n    v.len() == 0\n}\n' >"$canary/lib.rs"
    if "$driver" "$rustc" --edition 2024 --crate-type lib --emit=metadata \
        --out-dir "$canary" "$canary/lib.rs" >"$canary/out" 2>&1 ||
        ! grep -q 'len_zero' "$canary/out"; then
        rm -rf "$canary"
        echo "error: clippy-driver let a known lint (clippy::len_zero) through: the lints are not on" >&2
        exit 1
    fi
    rm -rf "$canary"
}
