//! The page's first module: what runs before the app, and loads it.
//!
//! Every page starts with this small module (the `guide-playground` binary, src/main.rs)
//! instead of the whole app: on slow 4G the app's 190 kB gzip took about 1.6 s to arrive,
//! and nothing the reader typed showed in the guide until then. With this module a
//! keystroke shows at about 1.1 s (docs/decisions/typing-first.md has the figures). It:
//! - keeps the page out of the back-forward cache ([`back_forward`]), from its first
//!   moment, for the app's fields and for anything typed before it;
//! - makes the guide follow the reader's typing in the variables panel ([`follow`]), by
//!   the engine's own rules (`editing`, `guide_engine::variables::present`);
//! - loads the app ([`load`]) at once when the page needs it to show the reader's
//!   values (stored ones, the link's, an embedding page's), and otherwise when the
//!   reader first reaches for the page (a press, a key, a focus), so a reader who only
//!   reads downloads the app never.
//!
//! Once the app has taken over ([`TAKEN_OVER_ATTRIBUTE`] on the root) this module does
//! nothing more: the app's components own the page.
//!
//! It is built without the `app` feature, so none of Leptos is in it; the names the page's
//! markup, this module and the app share are declared here, and the app uses them.

pub mod back_forward;
pub mod follow;
pub mod load;

/// The element the app renders into, in `index.html` and in the prerendered markup.
pub const ROOT_ID: &str = "gp-app";

/// Set on the root once the app has taken over; browser tests wait for it.
pub const TAKEN_OVER_ATTRIBUTE: &str = "data-app-mounted";

/// What every variable's input id starts with, the variable's name after it.
pub const INPUT_ID_PREFIX: &str = "gp-var-";

/// The id of a variable's input.
pub fn input_id(name: &str) -> String {
    format!("{INPUT_ID_PREFIX}{name}")
}

/// Set on the document's root element (`<html>`) once the guide follows the reader's
/// typing: the moment a keystroke shows in the guide. Tests and the bench wait for it.
pub const FOLLOWS_TYPING_ATTRIBUTE: &str = "data-follows-typing";

/// Starts the page: called once, by the page's entry point.
pub fn start() {
    crate::panics::report_to_console();
    // Before anything is typed: Back and Forward never bring back what a page held.
    back_forward::keep_nothing();
    follow::follow_typing();
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute(FOLLOWS_TYPING_ATTRIBUTE, "");
    }
    load::arrange();
}

/// The page's document.
pub fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// The element with this id.
pub fn element(id: &str) -> Option<web_sys::Element> {
    document()?.get_element_by_id(id)
}

/// The app's root while the app has not taken the page over yet; `None` once it has
/// (from then on, the app answers the reader), or on a page without one.
fn root_before_the_app() -> Option<web_sys::Element> {
    element(ROOT_ID).filter(|root| !root.has_attribute(TAKEN_OVER_ATTRIBUTE))
}
