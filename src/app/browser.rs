//! The few browser services the UI needs, one file each, each wrapped so a refusal (no
//! storage in a sandboxed iframe, no clipboard permission) becomes a value, never a
//! panic or an unhandled promise rejection.

pub mod clipboard;
pub mod download;
pub mod location;
pub mod lower_case;
pub mod markup;
pub mod moved_section;
pub mod storage;
pub mod takeover;
pub mod timer;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The page's document.
pub fn document() -> Option<web_sys::Document> {
    window().and_then(|w| w.document())
}

/// The element with this id.
pub fn element(id: &str) -> Option<web_sys::Element> {
    document()?.get_element_by_id(id)
}
