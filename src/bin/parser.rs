//! Entry point of the guide-parsing Web Worker (built by Trunk as parser.js/parser_bg.wasm).

use guide_playground::worker::{Service, parsing, serve};

fn main() {
    guide_playground::panics::report_to_console();
    serve(Service {
        start: parsing::start,
        warm_up: parsing::warm_up,
        settle_ms: parsing::SETTLE_MS,
    });
}
