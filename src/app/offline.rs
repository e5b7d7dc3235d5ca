//! The offline copy: the service worker the build writes, and "keep every guide
//! offline" on the site's index.
//!
//! The service worker (`assets/service-worker.js`) keeps the site's shared files and
//! index when it installs, and every guide page and image the reader opens after that.
//! Asked by the index, it downloads every other guide page and image too.

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The service worker's file, relative to the page's base URL.
const SERVICE_WORKER: &str = "service-worker.js";

/// The one message the page sends the service worker: keep every guide page and image.
/// Its answer is the number of files it holds for the site afterwards.
const KEEP_EVERY_GUIDE: &str = "guide-playground:keep-every-guide";

fn service_workers() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Only secure pages (https, localhost) have `navigator.serviceWorker`.
    let available = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    available.then(|| navigator.service_worker())
}

/// Registers the service worker the build writes (`service-worker.js`, at the site's
/// root), so the site works offline after this visit. Browsers offer service workers
/// only to secure pages; elsewhere this does nothing.
pub fn keep_offline() {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    if let (Some(container), Ok(url)) = (
        service_workers(),
        web_sys::Url::new_with_base(SERVICE_WORKER, &base),
    ) {
        // A refused registration only costs the offline copy; awaited here so its
        // rejection never reaches the console as an unhandled error.
        let registered = JsFuture::from(container.register(&url.href()));
        leptos::task::spawn_local(async move {
            let _ = registered.await;
        });
    }
}

/// Why the guides could not all be kept offline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OfflineFailure {
    /// No service worker controls the page: it is not secure (not https or localhost),
    /// or the worker is still installing after the first visit.
    Unavailable,
    /// The service worker could not download or store them (offline, or out of space).
    Failed,
}

impl OfflineFailure {
    /// What the page says.
    pub fn message(self) -> &'static str {
        match self {
            OfflineFailure::Unavailable => {
                "The offline copy is not ready: it needs https (or localhost) and a moment after the first visit. Try again shortly."
            }
            OfflineFailure::Failed => {
                "The guides could not all be kept: check the connection and the browser's storage."
            }
        }
    }
}

/// Asks the service worker that controls the page to keep every guide page and image of
/// the site; `done` gets how many files it holds for the site afterwards.
///
/// # Errors
/// [`OfflineFailure::Unavailable`] when no service worker controls the page (yet).
pub fn keep_every_guide(
    done: impl FnOnce(Result<u32, OfflineFailure>) + 'static,
) -> Result<(), OfflineFailure> {
    let container = service_workers().ok_or(OfflineFailure::Unavailable)?;
    let worker = container.controller().ok_or(OfflineFailure::Unavailable)?;
    let channel = web_sys::MessageChannel::new().map_err(|_| OfflineFailure::Failed)?;
    // The answer comes as a message on a port, not a promise. A handler that frees itself
    // when it runs leaks nothing once the worker answers; it cost the page 111 B of wasm
    // (gzip), where making the port's message a promise for a `JsFuture` cost 227 B.
    let answer = Closure::once_into_js(move |event: web_sys::MessageEvent| {
        let kept = event.data().as_f64().filter(|kept| *kept >= 0.0);
        done(
            kept.map(|kept| u32::try_from(crate::number::whole(kept)).unwrap_or(u32::MAX))
                .ok_or(OfflineFailure::Failed),
        );
    });
    channel.port1().set_onmessage(Some(answer.unchecked_ref()));
    worker
        .post_message_with_transferable(
            &JsValue::from_str(KEEP_EVERY_GUIDE),
            &js_sys::Array::of1(&channel.port2()),
        )
        .map_err(|_| OfflineFailure::Failed)
}
