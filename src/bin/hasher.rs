//! Entry point of the hashing Web Worker (built by Trunk as hasher.js/hasher_bg.wasm).

use guide_playground::worker::{Service, hashing, serve};

fn main() {
    guide_playground::panics::report_to_console();
    serve(Service {
        start: hashing::start,
        warm_up: hashing::warm_up,
        settle_ms: hashing::SETTLE_MS,
    });
}
