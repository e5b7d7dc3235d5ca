//! The few browser services the UI needs, each wrapped so a refusal (no storage in a
//! sandboxed iframe, no clipboard permission) becomes a value, never a panic or an
//! unhandled promise rejection.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::share;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The page's query parameters, decoded as the browser decodes a form: `+` is a space,
/// and an escape that is not one stays as it was written.
pub fn query_pairs() -> Vec<(String, String)> {
    let Some(params) = window()
        .and_then(|w| w.location().search().ok())
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
    else {
        return Vec::new();
    };
    // Each entry is a `[name, value]` array.
    js_sys::Array::from(&params)
        .iter()
        .map(|entry| {
            let entry = js_sys::Array::from(&entry);
            let text = |i| entry.get(i).as_string().unwrap_or_default();
            (text(0), text(1))
        })
        .collect()
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
pub fn link_with(params: &[(String, String)]) -> String {
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
    if share::names_a_secret(name) {
        return None;
    }
    storage()?
        .get_item(&share::storage_key(name))
        .ok()
        .flatten()
}

/// Stores a site variable under Authelia's key; an empty value removes it (the default).
pub fn store_variable(name: &str, value: &str) {
    if share::names_a_secret(name) {
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

/// Stores a preference of the page's own.
pub fn store_preference(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

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

fn document() -> Option<web_sys::Document> {
    window().and_then(|w| w.document())
}

/// Sets (or, with `None`, removes) an attribute of the root element: the page's colour
/// scheme and embed mode are read from there by the style sheet.
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = match value {
            Some(value) => root.set_attribute(name, value),
            None => root.remove_attribute(name),
        };
    }
}

/// Goes to a heading of the guide: the URL's fragment changes and the page scrolls, but
/// its query (embed mode, the reader's values) stays and nothing reloads. A plain
/// `href="#id"` would resolve against the page's `<base>` and load the app anew.
pub fn go_to_fragment(id: &str) {
    if let Some(window) = window() {
        let _ = window.location().set_hash(id);
    }
}

/// Sets the document's title.
pub fn set_title(title: &str) {
    if let Some(document) = document() {
        document.set_title(title);
    }
}

/// Sets the text of the element with this id, if there is one.
pub fn set_text(id: &str, text: &str) {
    if let Some(element) = element(id) {
        element.set_text_content(Some(text));
    }
}

/// Marks the element as given its listener; `false` when it already was. The build's
/// markup outside the app lives as long as the page, and is wired once.
fn wire_once(element: &web_sys::Element) -> bool {
    const WIRED: &str = "data-wired";
    if element.has_attribute(WIRED) {
        return false;
    }
    element.set_attribute(WIRED, "").is_ok()
}

/// Calls `then` with the input's text on every input event of the element with this id
/// (markup outside the app), for as long as the page lives.
pub fn on_input(id: &str, mut then: impl FnMut(String) + 'static) {
    let Some(input) = element(id).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    if !wire_once(&input) {
        return;
    }
    let read = input.clone();
    let listener = Closure::<dyn FnMut()>::new(move || then(read.value()));
    let _ = input.add_event_listener_with_callback("input", listener.as_ref().unchecked_ref());
    // Lives as long as the page's own markup it listens to.
    listener.forget();
}

/// Calls `then` on every click of the element with this id (markup outside the app), for
/// as long as the page lives.
pub fn on_click(id: &str, then: impl FnMut() + 'static) {
    let Some(target) = element(id) else {
        return;
    };
    if !wire_once(&target) {
        return;
    }
    let listener = Closure::<dyn FnMut()>::new(then);
    let _ = target.add_event_listener_with_callback("click", listener.as_ref().unchecked_ref());
    // Lives as long as the page's own markup it listens to.
    listener.forget();
}

/// Adds or removes a class on the element with this id, if there is one.
pub fn set_class(id: &str, class: &str, on: bool) {
    if let Some(element) = element(id) {
        let _ = element.class_list().toggle_with_force(class, on);
    }
}

/// The element with this id.
pub fn element(id: &str) -> Option<web_sys::Element> {
    document()?.get_element_by_id(id)
}

/// The text of the non-executable data block with this id (`<script type=
/// "text/plain">`, the page's data: see `protocol::encode_page`).
pub fn data_block(id: &str) -> Option<String> {
    element(id)?.text_content()
}

/// What the reader typed into the prerendered page's inputs before it was taken over:
/// each input's id and text, where the text differs from what the page was built with.
pub fn typed_into(root: &web_sys::Element) -> Vec<(String, String)> {
    let Ok(inputs) = root.query_selector_all("input[id], textarea[id]") else {
        return Vec::new();
    };
    let mut typed = Vec::new();
    for i in 0..inputs.length() {
        let node = inputs.get(i);
        if let Some(input) = node
            .as_ref()
            .and_then(|n| n.dyn_ref::<web_sys::HtmlInputElement>())
        {
            if input.value() != input.default_value() {
                typed.push((input.id(), input.value()));
            }
        } else if let Some(area) = node
            .as_ref()
            .and_then(|n| n.dyn_ref::<web_sys::HtmlTextAreaElement>())
            && Ok(area.value()) != area.default_value()
        {
            typed.push((area.id(), area.value()));
        }
    }
    typed
}

/// The id of the focused element, if it has one.
pub fn focused_id() -> Option<String> {
    let id = document()?.active_element()?.id();
    (!id.is_empty()).then_some(id)
}

/// Focuses the element with this id, if there is one.
pub fn focus(id: &str) {
    if let Some(element) = element(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// An attribute of the root element (`<html>`).
pub fn element_attribute_of_root(name: &str) -> Option<String> {
    document()?.document_element()?.get_attribute(name)
}

/// A number the browser gives as a float (a time in milliseconds, a file's size) as the
/// whole number the page shows. Formatting the float itself would bring the float
/// printer into the page's download.
pub fn whole(x: f64) -> u64 {
    if x.is_finite() && x > 0.0 {
        // A float-to-int `as` saturates; rounding first keeps it honest.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let whole = x.round() as u64;
        whole
    } else {
        0
    }
}

/// How long [`after_first_paint`] waits for a paint. A page that is not on screen (a
/// background tab, a hidden frame) does not paint; it goes on after this anyway, so it is
/// ready when shown. Twice the slowest first paint `scripts/bench` measures (slow 4G with
/// a 4× slower CPU: about 0.6 s).
const FIRST_PAINT_WAIT_MS: i32 = 1_200;

/// The Paint Timing entry for the first paint that showed text or an image.
const FIRST_CONTENTFUL_PAINT: &str = "first-contentful-paint";

fn has_painted_content() -> bool {
    window()
        .and_then(|w| w.performance())
        .is_some_and(|p| p.get_entries_by_name(FIRST_CONTENTFUL_PAINT).length() > 0)
}

/// Runs `then` once the browser has presented the page's first contentful paint, or
/// after [`FIRST_PAINT_WAIT_MS`] if the page is not shown. Runs it at once when the paint
/// has already happened or the browser cannot say.
pub fn after_first_paint(then: impl FnOnce() + 'static) {
    if window().is_none() || has_painted_content() {
        return then();
    }
    let pending = Rc::new(Cell::new(Some(then)));
    let run_once = move || {
        if let Some(then) = pending.take() {
            then();
        }
    };
    let on_paint_run = run_once.clone();
    // Called for each paint entry; only the contentful one counts.
    let on_paint = Closure::<dyn FnMut(JsValue, web_sys::PerformanceObserver)>::new(
        move |_: JsValue, observer: web_sys::PerformanceObserver| {
            if has_painted_content() {
                observer.disconnect();
                on_paint_run();
            }
        },
    );
    let observing = web_sys::PerformanceObserver::new(on_paint.as_ref().unchecked_ref())
        .map(|observer| {
            let types = js_sys::Array::of1(&JsValue::from_str("paint"));
            observer.observe(&web_sys::PerformanceObserverInit::new(&types));
        })
        .is_ok();
    // The observer's callback lives as long as the page: one, once per page load.
    on_paint.forget();
    let waiting = after(FIRST_PAINT_WAIT_MS, run_once.clone());
    if !observing && !waiting {
        run_once();
    }
}

/// Runs `then` once, `ms` milliseconds from now: the page's one timer, Leptos's own.
/// False (and `then` dropped) when the browser refused the timer. (The workers keep a
/// plain `setTimeout` of their own: they have no `window`, which Leptos's timer needs.)
pub fn after(ms: i32, then: impl FnOnce() + 'static) -> bool {
    // A negative delay is no delay, as `setTimeout` takes it.
    let delay = Duration::from_millis(u64::try_from(ms).unwrap_or(0));
    window().is_some() && leptos::prelude::set_timeout_with_handle(then, delay).is_ok()
}
