//! The browser's local storage: the reader's site variables under Authelia's keys, and
//! the page's own preferences. A page without storage (a sandboxed frame, storage
//! disabled) only forgets them.

use super::window;
use crate::share;

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
