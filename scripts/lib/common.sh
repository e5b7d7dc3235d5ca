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
