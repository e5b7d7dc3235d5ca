//! Entry point of the configuration-checking Web Worker (built by Trunk as
//! checker.js/checker_bg.wasm).

use guide_playground::worker::{Service, checking, serve};

fn main() {
    guide_playground::panics::report_to_console();
    serve(Service {
        start: checking::start,
        warm_up: checking::warm_up,
        settle_ms: checking::SETTLE_MS,
    });
}
