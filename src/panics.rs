//! What a panic says: in the browser's console, that the page or a worker stopped on an
//! internal error (a bug), with the panic's own words.
//!
//! A stand-in for `console_error_panic_hook`, whose formatting of locations and stacks
//! cost the page 1.2 kB (gzip) of its 200 kB download budget. The words are enough to find
//! the bug; a reader only needs to know to reload.

use wasm_bindgen::JsValue;

/// Installs the panic hook. Called first by the page and by each worker.
pub fn report_to_console() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let said = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("no message");
        web_sys::console::error_2(
            &JsValue::from_str("Guide Playground stopped on an internal error; reload the page:"),
            &JsValue::from_str(said),
        );
    }));
}
