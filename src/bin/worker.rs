//! Entry point of the hashing Web Worker (built by Trunk as `worker.js`/`worker_bg.wasm`).

fn main() {
    console_error_panic_hook::set_once();
    guide_playground::worker::start();
}
