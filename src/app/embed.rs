//! In someone else's page: the playground tells the page that frames it how tall it is,
//! so the frame can fit it, and nothing else.
//!
//! # Usage
//!
//! Called once by the takeover; it does nothing unless the page is framed in embed mode
//! (`?embed=1`):
//!
//! ```ignore
//! embed::report_height();
//! ```
//!
//! The parent listens for `{ type: "guide-playground:height", height }` (CSS pixels), as
//! in docs/embed/parent.html. The message never holds a value, a secret or a digest.

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;
use web_sys::{ResizeObserver, ResizeObserverEntry};

/// The one message type the playground posts to its parent.
pub const HEIGHT_MESSAGE: &str = "guide-playground:height";

/// Set on `<html>` by the page's head script in embed mode.
const EMBED_ATTRIBUTE: &str = "data-embed";

/// Posts the page's height to its parent now and whenever it changes.
pub fn report_height() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(root) = window.document().and_then(|d| d.document_element()) else {
        return;
    };
    let framed = window
        .parent()
        .ok()
        .flatten()
        .is_some_and(|parent| parent != window);
    if !framed || !root.has_attribute(EMBED_ATTRIBUTE) {
        return;
    }
    let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let last = entries.get(entries.length().saturating_sub(1));
        if let Ok(entry) = last.dyn_into::<ResizeObserverEntry>() {
            post_height(entry.target().scroll_height());
        }
    });
    if let Ok(observer) = ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        // Observing reports the size at once, then every change.
        observer.observe(&root);
        // Both live as long as the page.
        on_resize.forget();
        std::mem::forget(observer);
    }
}

fn post_height(height: i32) {
    let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else {
        return;
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &JsValue::from(height));
    // Any origin may frame the playground, and the message holds only a height.
    let _ = parent.post_message(&message, "*");
}
