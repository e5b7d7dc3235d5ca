//! The one copy button: copies a text read at the moment it is pressed, then says
//! whether that worked, beside itself, to sighted readers and screen readers alike.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser::clipboard::{self, CopyFailure};

/// A "Copy" button and the line that reports the result.
///
/// # Usage
///
/// ```ignore
/// view! {
///     <CopyButton text=Callback::new(move |()| session.resolve(&segments))
///         label="Copy configuration.yml" />
/// }
/// ```
///
/// Without scripting the button is hidden (`needs-script`): it could not copy.
#[component]
pub fn CopyButton(
    /// The text to copy, read when the button is pressed. An empty text is not copied.
    text: Callback<(), String>,
    /// The button's accessible name, saying what it copies ("Copy configuration.yml").
    #[prop(into)]
    label: String,
    /// What the report line says after a copy.
    #[prop(into, default = "Copied".into())]
    copied: String,
    /// The button's visible text.
    #[prop(into, default = "Copy".into())]
    caption: String,
) -> impl IntoView {
    let outcome = RwSignal::new(None::<Result<(), CopyFailure>>);
    let copy = move |_| {
        let text = untrack(|| text.run(()));
        if !text.is_empty() {
            let copied = clipboard::copy_text(&text);
            spawn_local(async move { outcome.set(Some(copied.await)) });
        }
    };
    // Nothing at all until a copy: an empty report must stay `:empty` for the style sheet.
    let report = move || {
        outcome.get().map(|result| match result {
            Ok(()) => copied.clone(),
            Err(failure) => failure.message().to_owned(),
        })
    };
    view! {
        <span class="copy needs-script">
            <button type="button" class="small" aria-label=label on:click=copy>{caption}</button>
            <span class="copy-state" aria-live="polite">{report}</span>
        </span>
    }
}
