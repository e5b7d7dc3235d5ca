//! "Fill in from my configuration", in the values panel: the reader pastes their
//! Authelia configuration, the checking worker reads the values the open guide asks for
//! from it (`authelia_check::proposal`, [`Request::Propose`]), and the page lists them
//! as it lists a check's findings, each with its line (a button selecting it in the
//! paste), or with the field's reason when the field would refuse it. Nothing changes
//! until the reader presses Apply ([`apply`]), which puts each value in its field as
//! typing it would ([`super::field::Field::set_text`]: the same validation, storage of
//! the non-secret value, and guide). The paste is never
//! stored, put in a link or sent to a parent frame; the client secret is never read
//! from it.
//!
//! Markup of the build ([`FillIn`], in the values panel's slot, [`SLOT_ID`], or after the
//! app's root on a page whose panel has none), kept through the takeover ([`keep`]) and
//! moved into the panel while a guide with a client block is open ([`place`]), and wired
//! by the configuration sections' one listener (`configuration_tools`), as "Check a
//! digest" is (`digest_check`), to keep the page within its budget
//! (docs/decisions/build-markup-or-components.md).

use std::cell::RefCell;

use authelia_check::configuration::MAX_CONFIGURATION_BYTES;
use guide_engine::variables::APPLICATION_URL;
use leptos::prelude::untrack;
#[cfg(not(target_arch = "wasm32"))]
use leptos::prelude::*;

use super::browser::{markup, moved_section};
use super::configuration_tools;
use super::session::Session;
use crate::protocol::Request;

/// The empty element of the values panel the section is moved into.
pub const SLOT_ID: &str = "gp-fill-slot";
/// The section's own element (a `details`), outside the app until moved into [`SLOT_ID`].
pub const FILL_ID: &str = "gp-fill";
/// Its button that reads the paste.
pub const READ_ID: &str = "gp-fill-read";
/// Its Apply button.
pub const APPLY_ID: &str = "gp-fill-apply";
/// Its paste box: a value's line selects that line in it (`configuration_tools`).
pub const PASTE_ID: &str = "gp-fill-paste";
const STATUS_ID: &str = "gp-fill-status";
const LIST_ID: &str = "gp-fill-list";

thread_local! {
    /// The section's element, kept while it is out of the document (`moved_section`).
    static SECTION: moved_section::Kept = const { RefCell::new(None) };
    /// The values on show that a field takes, a variable's name then its value, one
    /// after the other: in this page's memory only, until applied or replaced.
    static PROPOSED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Moves the section into the values panel (when the open guide has a client block),
/// shown; with `false`, back out of the app, hidden and emptied.
pub fn place(in_panel: bool) {
    if !moved_section::place(FILL_ID, SLOT_ID, in_panel, &SECTION) {
        markup::set_value(PASTE_ID, "");
        markup::set_text(STATUS_ID, "");
        clear();
    }
}

/// Takes the build's section out of the prerendered markup before the takeover clears
/// it, to be moved into the new values panel ([`place`]), with anything pasted into it.
pub fn keep() {
    moved_section::keep(FILL_ID, &SECTION);
}

/// The list and the values on show, emptied; Apply hidden.
fn clear() {
    offer(Vec::new());
    markup::set_text(LIST_ID, "");
}

/// Sends the paste to the checking worker with what the open guide asks for; its answer
/// is listed by `configuration_tools`, which hands the values to [`offer`].
pub fn read() {
    clear();
    let Some(pasted) = configuration_tools::pasted(PASTE_ID, MAX_CONFIGURATION_BYTES, STATUS_ID)
    else {
        return;
    };
    let Some(session) = configuration_tools::current() else {
        return;
    };
    let request = Request::Propose {
        pasted,
        guide_block: configuration_tools::client_block(),
        application_url: untrack(|| application_url(session)),
        variables: session
            .fields()
            .iter()
            .filter(|f| f.is_shareable())
            .map(super::field::Field::name)
            .collect(),
    };
    configuration_tools::ask(request, STATUS_ID, LIST_ID);
}

/// The application's address the guide shows now: the reader's, else the one made from
/// their other values; empty for a guide without one.
fn application_url(session: Session) -> String {
    match session.field(APPLICATION_URL) {
        Some(field) if field.is_set() => field.current(),
        Some(field) => session
            .live_default(APPLICATION_URL)
            .unwrap_or_else(|| field.current()),
        None => String::new(),
    }
}

/// The values the worker found, listed above Apply (name, value, one after the other):
/// kept until applied or replaced, Apply shown when there is one.
pub fn offer(values: Vec<String>) {
    markup::set_class(APPLY_ID, "is-hidden", values.is_empty());
    PROPOSED.set(values);
}

/// Puts each value on offer in its field, as if the reader had typed it, and says how
/// many.
pub fn apply() {
    let Some(session) = configuration_tools::current() else {
        return;
    };
    let values = PROPOSED.take();
    let mut applied = 0;
    for pair in values.chunks_exact(2) {
        if let [name, value] = pair
            && let Some(field) = session.field(name)
        {
            field.set_text(value);
            applied += 1;
        }
    }
    clear();
    markup::set_text(
        STATUS_ID,
        &match applied {
            1 => "Applied 1 value.".to_owned(),
            n => format!("Applied {n} values."),
        },
    );
}

/// The section as the build renders it inside the values panel's slot, for a guide with a
/// client block; nothing in the browser, where [`place`] moves the build's own element
/// there.
pub fn prerendered(has_block: bool) -> impl leptos::prelude::IntoView {
    #[cfg(not(target_arch = "wasm32"))]
    {
        has_block.then(|| view! { <FillIn /> })
    }
    #[cfg(target_arch = "wasm32")]
    {
        let _ = has_block;
    }
}

/// A paste box, Read, the list of proposals and Apply. Rendered at build time only: in
/// the values panel's slot, or `hidden` after the app's root on a page whose panel has
/// none (the index, a guide without a client block), for a guide the reader opens there.
#[cfg(not(target_arch = "wasm32"))]
#[component]
pub fn FillIn(
    /// Hidden until moved into a values panel.
    #[prop(optional)]
    hidden: bool,
) -> impl IntoView {
    view! {
        <details id=FILL_ID class="fill-in needs-script" class:is-hidden=hidden>
            <summary>"Fill in from my configuration"</summary>
            <p class="help">
                "Paste your Authelia configuration.yml: its session cookie and this guide's client give your values. Nothing changes until you press Apply; the paste is not stored, and its client secret is never taken."
            </p>
            <configuration_tools::ConfigurationPaste id=PASTE_ID rows=5 status=STATUS_ID
                what="a configuration to fill in from"
                advice="Paste only its session and identity_providers parts." />
            <button type="button" id=READ_ID>"Read my values"</button>
            <p class="tool-status" id=STATUS_ID role="status" aria-live="polite"></p>
            <ul class="findings" id=LIST_ID></ul>
            <button type="button" id=APPLY_ID class="is-hidden">"Apply"</button>
        </details>
    }
}

// The section is build markup wired by id (docs/decisions/build-markup-or-components.md):
// a test renders it as the build does and finds every id the wiring uses.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_build_s_markup_holds_every_id_the_wiring_looks_for() {
        let html = crate::app::render_configuration_tools(true, true);
        crate::app::assert_ids_once(
            &html,
            &[FILL_ID, READ_ID, APPLY_ID, PASTE_ID, STATUS_ID, LIST_ID],
        );
        assert!(html.contains(&format!("data-paste-status=\"{STATUS_ID}\"")));
        let said = format!(
            "a configuration to fill in from may be at most {MAX_CONFIGURATION_BYTES} bytes here."
        );
        assert_eq!(html.matches(&said).count(), 1, "{said}");
    }
}
