//! "Check a digest": paste a digest and a secret and see whether they belong together,
//! as Authelia would decide. Paste mistakes (a `Digest: ` label, quotes, `$$`) are
//! explained; the worker reads the digest, so the digest parser stays out of the page.
//!
//! Markup of the build ([`DigestCheck`], in the secret panel's slot, or after the app's
//! root on the index), kept through the takeover ([`keep`]) and moved into the secret
//! panel's slot ([`SLOT_ID`]) while a guide with a secret is open, and wired by the
//! configuration sections' one listener (`configuration_tools`), not a Leptos component,
//! to keep the page within its budget (docs/decisions/build-markup-or-components.md).
//! The reader sees it where it always was. Nothing here is stored.

#[cfg(not(target_arch = "wasm32"))]
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser::{markup, moved_section};
use super::configuration_tools;
use super::workers::{self, Answered, JobError};
use crate::number::whole;

/// The empty element of the secret panel the check is moved into.
pub const SLOT_ID: &str = "gp-digest-check-slot";
/// The check's own element, outside the app until moved into [`SLOT_ID`].
pub const DIGEST_CHECK_ID: &str = "gp-digest-check";
/// Its button.
pub const RUN_ID: &str = "gp-check-run";
const DIGEST_ID: &str = "gp-check-digest";
const SECRET_ID: &str = "gp-check-secret";
const RESULT_ID: &str = "gp-check-result";

/// The warnings after `lead`, joined; nothing when there are none.
fn joined(lead: &str, warnings: &[String]) -> String {
    if warnings.is_empty() {
        String::new()
    } else {
        format!("{lead}{}", warnings.join("; and "))
    }
}

thread_local! {
    /// The check's element, kept while it is out of the document (`moved_section`).
    static CHECK: moved_section::Kept = const { std::cell::RefCell::new(None) };
}

/// Moves the check into the secret panel (when the open guide has one), shown; with
/// `false`, back out of the app, hidden and emptied.
pub fn place(in_panel: bool) {
    if !moved_section::place(DIGEST_CHECK_ID, SLOT_ID, in_panel, &CHECK) {
        for id in [DIGEST_ID, SECRET_ID] {
            markup::set_value(id, "");
        }
        markup::set_text(RESULT_ID, "");
    }
}

/// Checks the pasted digest against the secret to check; the verdict (or what is wrong
/// with the digest), with what a reader could be fooled by, appears below it.
pub fn run() {
    let (pasted, secret) = (markup::value_of(DIGEST_ID), markup::value_of(SECRET_ID));
    markup::set_class(RESULT_ID, "good", false);
    markup::set_text(RESULT_ID, "Checking…");
    let guide = configuration_tools::open_guide();
    spawn_local(async move {
        let answer = workers::verify(&pasted, &secret).await;
        // Its guide closed meanwhile, and the check was emptied with it.
        if !configuration_tools::still_open(guide) {
            return;
        }
        let (good, said) = match answer {
            // A match a reader could be fooled by is not shown as good.
            Ok(Answered {
                value: (true, warnings),
                ms,
            }) => (
                warnings.is_empty(),
                format!(
                    "Match{}: this secret gives this digest (checked in {} ms).",
                    joined(" — but ", &warnings),
                    whole(ms)
                ),
            ),
            Ok(Answered {
                value: (false, warnings),
                ..
            }) => (
                false,
                format!(
                    "No match{}: this secret does not give this digest.",
                    joined(" — and ", &warnings)
                ),
            ),
            // A newer check replaced this one; its answer will come.
            Err(JobError::Superseded) => return,
            Err(err) => (false, err.to_string()),
        };
        markup::set_class(RESULT_ID, "good", good);
        markup::set_text(RESULT_ID, &said);
    });
}

/// Takes the build's check out of the prerendered markup before the takeover clears it,
/// to be moved into the new secret panel ([`place`]): the reader sees it where it was,
/// with anything typed into it.
pub fn keep() {
    moved_section::keep(DIGEST_CHECK_ID, &CHECK);
}

/// The check as the build renders it inside the secret panel's slot; nothing in the
/// browser, where [`place`] moves the build's own element there.
pub fn prerendered() -> impl leptos::prelude::IntoView {
    #[cfg(not(target_arch = "wasm32"))]
    {
        view! { <DigestCheck /> }
    }
}

/// A digest field, a secret field and Check. Rendered at build time only: in the secret
/// panel's slot, or `hidden` after the app's root on a page without a secret panel (the
/// index), for a guide the reader opens there.
#[cfg(not(target_arch = "wasm32"))]
#[component]
pub fn DigestCheck(
    /// Hidden until moved into a secret panel.
    #[prop(optional)]
    hidden: bool,
) -> impl IntoView {
    view! {
        <details id=DIGEST_CHECK_ID class="digest-check" class:is-hidden=hidden>
            <summary>"Check a digest"</summary>
            // A form that opts out of autocomplete: Chromium saves and restores a
            // textarea (after Back, and into the session files) unless its form opts out;
            // its own attribute counts for an input only. The password field stays
            // outside, opted out by its own attribute: alone in a form, Enter in it would
            // submit the form.
            <form class="field" autocomplete="off">
                <label for=DIGEST_ID>"Digest"</label>
                <textarea id=DIGEST_ID rows="3" spellcheck="false" autocomplete="off"></textarea>
            </form>
            <div class="field">
                <label for=SECRET_ID>"Secret to check"</label>
                <input id=SECRET_ID type="password" autocomplete="off" />
            </div>
            <button type="button" id=RUN_ID>"Check"</button>
            <p class="check-result" id=RESULT_ID role="status" aria-live="polite"></p>
        </details>
    }
}

// "Check a digest" is build markup wired by id (docs/decisions/build-markup-or-components.md):
// a test renders it as the build does and finds every id the wiring uses.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_build_s_markup_holds_every_id_the_wiring_looks_for() {
        let html = crate::app::render_configuration_tools(true, true);
        crate::app::assert_ids_once(
            &html,
            &[DIGEST_CHECK_ID, RUN_ID, DIGEST_ID, SECRET_ID, RESULT_ID],
        );
    }
}
