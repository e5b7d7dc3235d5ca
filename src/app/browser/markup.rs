//! The document outside the app: its title, the root element's attributes the style
//! sheet reads, and the build's own markup (the site index's list and controls), which
//! lives as long as the page and is wired once.

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

use super::{document, element};

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

/// An attribute of the root element (`<html>`).
pub fn element_attribute_of_root(name: &str) -> Option<String> {
    document()?.document_element()?.get_attribute(name)
}

/// The `value` of the form control with this id (an input, a select, a textarea); empty
/// when there is none.
pub fn value_of(id: &str) -> String {
    element(id)
        .and_then(|e| js_sys::Reflect::get(&e, &JsValue::from_str("value")).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// The `value` of the form control with this id when it is at most `max_bytes` bytes of
/// UTF-8 (empty when there is no such control); else `None`.
/// Too long a value is told from its length in the browser, before it is copied into
/// the page's memory: a pasted 60 MB would otherwise be copied, encoded for the worker
/// and posted, seconds of the page's thread and gigabytes, only to be refused there.
pub fn value_of_at_most(id: &str, max_bytes: usize) -> Option<String> {
    let Some(value) = element(id)
        .and_then(|e| js_sys::Reflect::get(&e, &JsValue::from_str("value")).ok())
        .and_then(|v| v.dyn_into::<js_sys::JsString>().ok())
    else {
        return Some(String::new());
    };
    // Each UTF-16 unit is at least one byte of UTF-8.
    let units = usize::try_from(value.length()).unwrap_or(usize::MAX);
    if units > max_bytes {
        return None;
    }
    Some(String::from(value)).filter(|text| text.len() <= max_bytes)
}

/// Sets the `value` of the form control with this id.
pub fn set_value(id: &str, value: &str) {
    if let Some(control) = element(id) {
        let _ = js_sys::Reflect::set(&control, &JsValue::from_str("value"), &value.into());
    }
}

/// The document's body.
pub fn body() -> Option<web_sys::HtmlElement> {
    document()?.body()
}

/// Calls `then` with each button or `<summary>` clicked inside the element with this id
/// (markup outside the app), and that id, for as long as the page lives: one listener for
/// a whole section, which costs the page less than one per button.
pub fn on_button_or_summary_click(
    id: &'static str,
    mut then: impl FnMut(web_sys::Element, &'static str) + 'static,
) {
    let Some(section) = element(id) else {
        return;
    };
    if !wire_once(&section) {
        return;
    }
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        if let Some(button) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("button, summary").ok().flatten())
        {
            then(button, id);
        }
    });
    let _ = section.add_event_listener_with_callback("click", listener.as_ref().unchecked_ref());
    // Lives as long as the page's own markup it listens to.
    listener.forget();
}
