//! The clipboard: the copy buttons' one way to it.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::window;

/// Why text could not be copied, in words for the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyFailure {
    /// The page is not a secure context (plain `http`), where browsers offer no
    /// clipboard to scripts.
    InsecurePage,
    /// The browser refused (no permission, the page not focused).
    Refused,
}

impl CopyFailure {
    /// The sentence the copy button shows after this failure, saying what to do instead.
    pub fn message(self) -> &'static str {
        match self {
            CopyFailure::InsecurePage => {
                "Copy failed: browsers allow copying only on https pages; select the text instead"
            }
            CopyFailure::Refused => "Copy failed: select the text instead",
        }
    }
}

/// Writes text to the clipboard; the future says how it went. The write is asked for at
/// once, while the reader's click still lets the page use the clipboard; only its answer
/// is awaited.
pub fn copy_text(text: &str) -> impl Future<Output = Result<(), CopyFailure>> + 'static {
    let written = ask_to_write(text).map(JsFuture::from);
    async move { written?.await.map(drop).map_err(|_| CopyFailure::Refused) }
}

fn ask_to_write(text: &str) -> Result<js_sys::Promise, CopyFailure> {
    let navigator = window().ok_or(CopyFailure::Refused)?.navigator();
    // `navigator.clipboard` is undefined outside secure contexts: calling it would throw.
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has_clipboard {
        return Err(CopyFailure::InsecurePage);
    }
    Ok(navigator.clipboard().write_text(text))
}
