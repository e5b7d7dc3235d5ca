//! What the takeover needs from the prerendered page: its data block, what the reader
//! typed and focused before the app replaced it, and the moment it was first shown.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

use super::{document, element, timer, window};

/// The text of the non-executable data block with this id (`<script type=
/// "text/plain">`, the page's data: see `protocol::page_data::encode_page`).
pub fn data_block(id: &str) -> Option<String> {
    element(id)?.text_content()
}

/// What the reader typed into the prerendered page's inputs before it was taken over:
/// each input's id and text, where the text differs from what the page was built with,
/// in the order to type them again. A refused text comes after the last valid value the
/// page's first module showed for it (`early::follow::VALID_ATTRIBUTE`), so the guide
/// goes on showing that value.
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
                if let Some(valid) = input.get_attribute(crate::early::follow::VALID_ATTRIBUTE) {
                    typed.push((input.id(), valid));
                }
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

/// Presses the element with this id (a button), if there is one.
pub fn press(id: &str) {
    if let Some(element) = element(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        element.click();
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

/// Runs `then` once the browser has presented the page's first contentful paint and a
/// frame of the whole page, or after [`FIRST_PAINT_WAIT_MS`] if the page is not shown
/// (then it neither paints nor runs animation frames). Runs it at once when the browser
/// cannot say.
pub fn after_first_paint(then: impl FnOnce() + 'static) {
    if window().is_none() {
        return then();
    }
    let pending = Rc::new(Cell::new(Some(then)));
    let run_once = move || {
        if let Some(then) = pending.take() {
            then();
        }
    };
    let waiting = timer::after(FIRST_PAINT_WAIT_MS, run_once.clone());
    if has_painted_content() {
        // The first paint can come while the page is still being parsed and show only its
        // start. The script runs once the page is whole, so a task after the next frame
        // comes after a frame that showed all of it: markup the reader was never shown is
        // never replaced. (One CI run saw the largest contentful paint 57 ms after the
        // takeover, which this path could explain; it was not seen again, with or without
        // the wait. `static-site.test.mjs` checks the order.)
        let after_frame = run_once.clone();
        leptos::prelude::request_animation_frame(move || {
            let now = after_frame.clone();
            if !timer::after(0, after_frame) {
                now();
            }
        });
        if !waiting {
            run_once();
        }
        return;
    }
    let on_paint_run = run_once.clone();
    // Called for each paint entry; only the contentful one counts. The paint it reports
    // came after the script started, so it showed the whole page.
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
    if !observing && !waiting {
        run_once();
    }
}
