//! The few browser services the UI needs, each wrapped so a refusal (no storage in a
//! sandboxed iframe, no clipboard permission) becomes a value, never a panic or an
//! unhandled promise rejection.

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

use crate::share;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The page's query parameters, decoded. Undecodable pairs are skipped.
pub fn query_pairs() -> Vec<(String, String)> {
    let search = window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            Some((decode(key)?, decode(value)?))
        })
        .collect()
}

fn decode(text: &str) -> Option<String> {
    js_sys::decode_uri_component(&text.replace('+', " "))
        .ok()
        .map(String::from)
}

fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

/// The page's address without query or fragment.
pub fn page_address() -> String {
    window()
        .map(|w| {
            let location = w.location();
            format!(
                "{}{}",
                location.origin().unwrap_or_default(),
                location.pathname().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

/// A link to this page with these query parameters.
pub fn link_with(params: &[(&str, String)]) -> String {
    let query: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    if query.is_empty() {
        page_address()
    } else {
        format!("{}?{}", page_address(), query.join("&"))
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().and_then(|w| w.local_storage().ok().flatten())
}

/// A stored site variable, if any. Never the secret: `share` decides what may be stored.
pub fn load_variable(name: &str) -> Option<String> {
    if !share::is_shareable(name) {
        return None;
    }
    storage()?
        .get_item(&share::storage_key(name))
        .ok()
        .flatten()
}

/// Stores a site variable under Authelia's key; an empty value removes it (the default).
pub fn store_variable(name: &str, value: &str) {
    if !share::is_shareable(name) {
        return;
    }
    if let Some(storage) = storage() {
        let key = share::storage_key(name);
        // A full or disabled storage only loses persistence; the page keeps working.
        let _ = if value.is_empty() {
            storage.remove_item(&key)
        } else {
            storage.set_item(&key, value)
        };
    }
}

/// A stored preference of the page's own (the colour scheme).
pub fn load_preference(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores a preference of the page's own.
pub fn store_preference(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

/// Writes text to the clipboard and reports whether it worked.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(window) = window() else {
        return done(false);
    };
    let promise = window.navigator().clipboard().write_text(text);
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let on_ok = {
        let done = done.clone();
        Closure::once(move |_: JsValue| {
            if let Some(done) = done.borrow_mut().take() {
                done(true);
            }
        })
    };
    let on_err = Closure::once(move |_: JsValue| {
        if let Some(done) = done.borrow_mut().take() {
            done(false);
        }
    });
    let _ = promise.then2(&on_ok, &on_err);
    // Each closure runs at most once, when the promise settles.
    on_ok.forget();
    on_err.forget();
}

/// Offers text as a file download, made in the page (a `blob:` URL, no request).
pub fn download(file_name: &str, text: &str, mime: &str) -> bool {
    let attempt = || -> Option<()> {
        let document = window()?.document()?;
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let anchor: web_sys::HtmlAnchorElement =
            document.create_element("a").ok()?.dyn_into().ok()?;
        anchor.set_href(&url);
        anchor.set_download(file_name);
        anchor.click();
        let _ = web_sys::Url::revoke_object_url(&url);
        Some(())
    };
    attempt().is_some()
}

/// Sets the colour scheme on the root element: `None` follows the system.
pub fn apply_theme(theme: Option<&str>) {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = match theme {
            Some(theme) => root.set_attribute("data-theme", theme),
            None => root.remove_attribute("data-theme"),
        };
    }
}
