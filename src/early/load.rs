//! When the page loads the app, and how.
//!
//! At once when the page cannot show the reader's values without it: values stored in
//! this browser, a link's values (any query), a page embedded in another (its height is
//! the app's to report). Otherwise on the reader's first press, key or focus anywhere on
//! the page, or at once if the focus is already in it when this module starts (the reader
//! reached before it listened): a reader who only reads never downloads the app. A button
//! pressed before the app is there is named on the root ([`PRESSED_ATTRIBUTE`]), and the
//! app presses it again once it has taken over.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

use super::document;
use crate::share::STORAGE_PREFIX;

/// The app's JavaScript, built beside the page's (`data-bin="app"` in index.html), at
/// the site's root (the page's `<base>`).
pub const APP_SCRIPT: &str = "app.js";

/// The app's WebAssembly, which wasm-bindgen names after [`APP_SCRIPT`].
pub const APP_WASM: &str = "app_bg.wasm";

/// The root's attribute naming the id of the button the reader pressed before the app
/// was there; the app presses it again once it has taken over.
pub const PRESSED_ATTRIBUTE: &str = "data-pressed";

/// What the reader does that asks for the app.
const REACHING_FOR_THE_PAGE: [&str; 3] = ["pointerdown", "keydown", "focusin"];

#[wasm_bindgen]
extern "C" {
    /// Imports the app's module and starts it with its WebAssembly, both asked for at once
    /// (its `main` takes the page over). The page's inline script defines it (index.html
    /// says why there and not in a wasm-bindgen snippet); `Err` if a page lacks it.
    #[wasm_bindgen(catch, js_name = gpImportApp)]
    fn import_app(script: &str, wasm: &str) -> Result<js_sys::Promise, JsValue>;
}

/// Loads the app at once, or arranges for it to load when the reader reaches for the
/// page.
pub fn arrange() {
    remember_presses();
    if needed_at_once() || reached_before_listening() {
        load();
        return;
    }
    let Some(document) = document() else {
        return;
    };
    let loaded = Rc::new(Cell::new(false));
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        if !loaded.replace(true) {
            load();
        }
    });
    for kind in REACHING_FOR_THE_PAGE {
        let _ = document.add_event_listener_with_callback_and_bool(
            kind,
            listener.as_ref().unchecked_ref(),
            true,
        );
    }
    // Lives as long as the page: after the first event it does nothing.
    listener.forget();
}

fn load() {
    // A failed load (the network gone, or a page without the importer) leaves the guide
    // as it reads, at the values typed.
    let _ = import_app(APP_SCRIPT, APP_WASM);
}

/// Whether the page needs the app to show what the reader is owed: their stored values,
/// the link's, or an embedding page's frame height.
fn needed_at_once() -> bool {
    let Some(window) = web_sys::window() else {
        return true;
    };
    let embedded = document()
        .and_then(|d| d.document_element())
        .is_some_and(|root| root.has_attribute("data-embed"));
    let query = window.location().search().is_ok_and(|s| !s.is_empty());
    embedded || query || holds_stored_values(&window)
}

/// Whether the reader reached for the page before this module listened: a field or a
/// button already holds the focus (a tap or a Tab on a slow network, where the page paints
/// well before its first module runs). Their press has passed, and the next event may be
/// long in coming.
fn reached_before_listening() -> bool {
    let Some(document) = document() else {
        return false;
    };
    // The body holds the focus while no one has moved it (compared as values: reading
    // the element's tag name instead cost the page 23 B more, gzip).
    let focused = document.active_element().map(JsValue::from);
    focused.is_some() && focused != document.body().map(JsValue::from)
}

fn holds_stored_values(window: &web_sys::Window) -> bool {
    let Ok(Some(storage)) = window.local_storage() else {
        return false;
    };
    let count = storage.length().unwrap_or(0);
    (0..count).any(|i| {
        storage
            .key(i)
            .ok()
            .flatten()
            .is_some_and(|key| key.starts_with(STORAGE_PREFIX))
    })
}

/// Names each button pressed before the app is there on the root, for the app to press.
fn remember_presses() {
    let Some(document) = document() else {
        return;
    };
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let Some(root) = super::root_before_the_app() else {
            return;
        };
        let pressed = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("button[id]").ok().flatten());
        if let Some(button) = pressed {
            let _ = root.set_attribute(PRESSED_ATTRIBUTE, &button.id());
        }
    });
    let _ = document.add_event_listener_with_callback("click", listener.as_ref().unchecked_ref());
    listener.forget();
}
