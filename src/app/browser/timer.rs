//! The page's timer.

use std::time::Duration;

use super::window;

/// Runs `then` once, `ms` milliseconds from now: the page's one timer, Leptos's own.
/// False (and `then` dropped) when the browser refused the timer. (The workers keep a
/// plain `setTimeout` of their own: they have no `window`, which Leptos's timer needs.)
pub fn after(ms: i32, then: impl FnOnce() + 'static) -> bool {
    // A negative delay is no delay, as `setTimeout` takes it.
    let delay = Duration::from_millis(u64::try_from(ms).unwrap_or(0));
    window().is_some() && leptos::prelude::set_timeout_with_handle(then, delay).is_ok()
}
