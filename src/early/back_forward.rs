//! The browser's back-forward cache. Leaving a page, a browser may keep it whole, frozen,
//! and show it again as it was on Back or Forward: its fields with the client secret, the
//! digest checked and the pasted configuration in them, the provider's keys on show, and
//! the app's memory holding all of them. `autocomplete="off"` does not stop that; only a
//! host's `Cache-Control: no-store` does, which a static host may not send. Measured in
//! Chromium 156: an `unload` listener keeps the page out of the cache too, but it is
//! deprecated and being turned off (and Safari caches such a page anyway, says web.dev's
//! article on the cache); a held Web Lock, a `BroadcastChannel` or the page's workers do
//! not keep it out. A full garbage collection while the page is frozen drops it: it runs
//! wasm-bindgen's finalizers for the page's dropped closures, and script run in a frozen
//! page takes it out of the cache, so a kept page often loads anew anyway.
//!
//! So a page the browser keeps keeps nothing: as it is hidden to be kept, its content is
//! removed, and when it comes back it is loaded again, so the page the reader sees is a
//! new one with nothing of the old one's memory, as a host that sends `no-store` would
//! have it. What the reader kept on purpose (values stored in this browser, the link's)
//! comes back with the load.

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

use super::document;

/// From now on, for as long as the page lives, a page the browser keeps for Back and
/// Forward is emptied when hidden and loaded again when shown. Called once, at start.
pub fn keep_nothing() {
    when_kept("pagehide", empty_page);
    when_kept("pageshow", load_again);
}

/// Calls `then` on each `event` (`pagehide` or `pageshow`) that says the page goes into
/// (or comes back from) the cache; one that does not is a page going away for good, or
/// just loaded. The listener takes an `Event` and reads `persisted` by name: the page's
/// other listeners take an `Event` too, and a `PageTransitionEvent`'s cost its download
/// more (measured: 427 bytes gzip against 280 for the whole of this file; one listener
/// for both events, asking each its type, 384).
fn when_kept(event: &str, then: fn()) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        if js_sys::Reflect::get(&event, &"persisted".into()).is_ok_and(|kept| kept.is_truthy()) {
            then();
        }
    });
    let _ = window.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
    // Lives as long as the page.
    listener.forget();
}

/// Loads the page again: a new page, built from what it was built from.
fn load_again() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Removes the page's whole content: the frozen page's document holds nothing of the
/// reader's, and shows nothing for the moment it takes to load again.
fn empty_page() {
    if let Some(body) = document().and_then(|d| d.body()) {
        body.set_text_content(None);
    }
}
