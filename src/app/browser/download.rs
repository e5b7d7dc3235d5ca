//! Downloads made in the page: a file from text the page holds, with no request.

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

use super::window;

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
