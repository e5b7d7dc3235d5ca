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

// The page's document and an element by id: the first module's, the same for the app.
pub use crate::early::{document, element};
