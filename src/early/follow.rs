//! The guide follows the reader's typing before the app is there.
//!
//! The app's components bind each field to its occurrences; until the app has arrived,
//! one listener does the same for the fields the build marked with their kind
//! (`data-kind`: the variables panel's text and number fields, not a secret's, not one
//! whose default follows the others). On each keystroke it finds the field's value by the
//! app's own rules ([`next_value`], [`refusal`]), and writes each occurrence's text
//! (`span.var[data-var]`, its format in `data-format`) with the engine's [`present`], so
//! the app, when it takes over with the same fields, shows the same text.
//!
//! Left to the app: the secret and its digest, switches, the address whose default
//! follows the others, links' addresses, storage and the link to share.

use std::cell::RefCell;
use std::collections::HashMap;

use guide_engine::variables::{Format, Kind, Variable, describe, present};
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

use super::{INPUT_ID_PREFIX, document, element, input_id};
use crate::editing::{next_value, refusal};

/// On a field whose text is refused: the last valid value, which the guide shows.
pub const VALID_ATTRIBUTE: &str = "data-valid";

/// The reader's valid values by variable name, as typed so far: an empty value shows the
/// default.
type Typed = RefCell<HashMap<String, String>>;

/// Listens to the page's typing until the app takes over.
pub fn follow_typing() {
    let Some(document) = document() else {
        return;
    };
    let typed = Typed::default();
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        if super::root_before_the_app().is_none() {
            return;
        }
        if let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            typed_into(&input, &typed);
        }
    });
    let _ = document.add_event_listener_with_callback("input", listener.as_ref().unchecked_ref());
    // Lives as long as the page; it does nothing once the app is there.
    listener.forget();
}

/// The variable a followed field edits, as the app's field holds it: its name from the
/// input's id, its kind from `data-kind`, its default the value the page was built with.
fn followed(input: &web_sys::HtmlInputElement) -> Option<Variable> {
    let kind = Kind::from_marker(&input.get_attribute("data-kind")?)?;
    let name = input.id().strip_prefix(INPUT_ID_PREFIX)?.to_owned();
    Some(Variable {
        name,
        label: String::new(),
        kind,
        default: input.default_value(),
    })
}

fn typed_into(input: &web_sys::HtmlInputElement, typed: &Typed) {
    let Some(variable) = followed(input) else {
        return;
    };
    let text = input.value();
    let previous = typed
        .borrow()
        .get(&variable.name)
        .cloned()
        .unwrap_or_default();
    let value = next_value(&variable, &text, &previous);
    let refused = refusal(&variable, &text).map(|e| e.to_string());
    // The value the guide keeps showing while the text is refused, for the app to start
    // from when it takes over (`takeover::typed_into`).
    let _ = match refused {
        Some(_) => input.set_attribute(VALID_ATTRIBUTE, &value),
        None => input.remove_attribute(VALID_ATTRIBUTE),
    };
    show_refusal(input, refused);
    typed
        .borrow_mut()
        .insert(variable.name.clone(), value.clone());
    let shown = if value.is_empty() {
        variable.default.clone()
    } else {
        value.clone()
    };
    rewrite_occurrences(&variable.name, &shown, !value.is_empty());
    rewrite_authelia_url(typed);
}

/// Each occurrence of `name` in the page: its text in its format, and whether it shows a
/// value of the reader's (`mine`).
fn rewrite_occurrences(name: &str, value: &str, mine: bool) {
    let Some(spans) = document().and_then(|d| d.query_selector_all("span.var[data-var]").ok())
    else {
        return;
    };
    for i in 0..spans.length() {
        let Some(span) = spans
            .get(i)
            .and_then(|s| s.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if span.get_attribute("data-var").as_deref() != Some(name) {
            continue;
        }
        let format = Format::from_marker(span.get_attribute("data-format").as_deref());
        let text = present(name, value, format);
        if span.text_content().as_deref() != Some(&*text) {
            span.set_text_content(Some(&text));
        }
        let _ = span.class_list().toggle_with_force("mine", mine);
    }
}

/// The variables panel's Authelia address, made from the values as the app makes it.
fn rewrite_authelia_url(typed: &Typed) {
    let Some(output) =
        document().and_then(|d| d.query_selector("output.authelia-url").ok().flatten())
    else {
        return;
    };
    let typed = typed.borrow();
    let value = |name: &str| match typed.get(name) {
        Some(value) if !value.is_empty() => value.clone(),
        _ => element(&input_id(name))
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map_or_else(
                || describe(name, None).default,
                |input| input.default_value(),
            ),
    };
    let url =
        guide_engine::authelia_url(&|v| present(&v.name, &value(&v.name), v.format).into_owned());
    output.set_text_content(Some(&url));
}

/// The field's refusal, shown as the app shows it: the message under the field, the
/// field marked invalid.
fn show_refusal(input: &web_sys::HtmlInputElement, error: Option<String>) {
    let invalid = if error.is_some() { "true" } else { "false" };
    let _ = input.set_attribute("aria-invalid", invalid);
    if let Some(message) = element(&format!("{}-error", input.id())) {
        message.set_text_content(error.as_deref());
    }
    if let Ok(Some(field)) = input.closest(".field") {
        let _ = field
            .class_list()
            .toggle_with_force("invalid", error.is_some());
    }
}
