//! The client secret: type or generate it, see its digest being computed off the page's
//! thread, choose the algorithm and how the digest is written, and check any digest
//! against a secret. The secret lives only in this page's memory.

use guide_secrets::Algorithm;
use leptos::prelude::*;

use super::browser;
use super::hasher::{self, Lane};
use super::session::{DigestState, Session, WrittenFor};
use crate::worker_job::{Outcome, Task};

/// The secret, its digest and the digest checker.
#[component]
pub fn SecretPanel(
    /// The open guide's state.
    session: Session,
) -> impl IntoView {
    let secret = session.secret;
    let shown = RwSignal::new(false);
    let copied = RwSignal::new(None::<bool>);
    let generate_error = RwSignal::new(None::<String>);
    let generate = {
        let session = session.clone();
        move |_| {
            generate_error.set(session.generate_secret().err());
            copied.set(None);
        }
    };
    let on_input = {
        let session = session.clone();
        move |ev| session.edit_secret(&event_target_value(&ev))
    };
    let copy_secret = move |_| {
        let text = secret.value.get_untracked();
        if !text.is_empty() {
            browser::copy_text(&text, move |ok| copied.set(Some(ok)));
        }
    };
    let algorithms: Vec<AnyView> = Algorithm::ALL
        .into_iter()
        .map(|a| view! { <option value=a.id() selected=move || secret.algorithm.get() == a>{a.name()}</option> }.into_any())
        .collect();
    let written: Vec<AnyView> = WrittenFor::ALL
        .into_iter()
        .map(|w| view! { <option value=w.id() selected=move || secret.written_for.get() == w>{w.label()}</option> }.into_any())
        .collect();
    let status = move || match secret.digest.get() {
        DigestState::Example => {
            "No secret of yours yet: the guide shows its example secret and digest.".to_owned()
        }
        DigestState::Computing => "Hashing…".to_owned(),
        DigestState::Ready { ms, algorithm, .. } => {
            format!("Digest ready in {} ms ({})", whole_ms(ms), algorithm.name())
        }
        DigestState::Failed(reason) => format!("No digest: {reason}"),
    };
    let digest_value = move || match secret.digest.get() {
        DigestState::Ready { digest, .. } => secret.written_for.get().value(&digest),
        _ => String::new(),
    };
    let digest_copied = RwSignal::new(None::<bool>);
    let copy_digest = move |_| {
        let text = untrack(digest_value);
        if !text.is_empty() {
            browser::copy_text(&text, move |ok| digest_copied.set(Some(ok)));
        }
    };
    view! {
        <section class="secret-panel" aria-labelledby="secret-title">
            <h2 id="secret-title">"Client secret"</h2>
            <div class="field" class:invalid=move || secret.error.get().is_some()>
                <label for="client-secret">"Client secret"</label>
                <div class="input-row">
                    <input id="client-secret" type=move || if shown.get() { "text" } else { "password" }
                        autocomplete="off" spellcheck="false" autocapitalize="off"
                        prop:value=move || secret.text.get() on:input=on_input
                        aria-invalid=move || if secret.error.get().is_some() { "true" } else { "false" }
                        aria-describedby="client-secret-error client-secret-help" />
                    <button type="button" on:click=generate>"Generate"</button>
                    <button type="button" aria-pressed=move || if shown.get() { "true" } else { "false" }
                        on:click=move |_| shown.update(|s| *s = !*s)>
                        {move || if shown.get() { "Hide" } else { "Show" }}
                    </button>
                    <button type="button" on:click=copy_secret aria-label="Copy the client secret">"Copy"</button>
                </div>
                <p class="field-error" id="client-secret-error" aria-live="polite">
                    {move || secret.error.get().or_else(|| generate_error.get()).unwrap_or_default()}
                </p>
                <p class="help" id="client-secret-help">
                    "Generate makes 72 random characters (letters, digits, "<code>"-._~"</code>
                    ") in your browser. The secret is never stored or put in a link."
                    <span class="copy-state" aria-live="polite">
                        {move || match copied.get() { Some(true) => " Copied.", Some(false) => " Copy failed.", None => "" }}
                    </span>
                </p>
            </div>
            <div class="field">
                <label for="digest-algorithm">"Digest algorithm"</label>
                <select id="digest-algorithm" on:change=move |ev| {
                    if let Some(a) = Algorithm::from_id(&event_target_value(&ev)) { secret.algorithm.set(a) }
                }>{algorithms}</select>
            </div>
            <p class="status" role="status" aria-live="polite">{status}</p>
            <div class="field">
                <label for="digest-written-for">"Write the digest for"</label>
                <select id="digest-written-for" on:change=move |ev| secret.written_for.set(WrittenFor::from_id(&event_target_value(&ev)))>
                    {written}
                </select>
            </div>
            <div class="digest-out" class:empty=move || digest_value().is_empty()>
                <p class="help">"Digest, for Authelia's configuration (never for the application):"</p>
                <code class="digest-value">{digest_value}</code>
                <button type="button" class="small" on:click=copy_digest aria-label="Copy the digest">"Copy"</button>
                <span class="copy-state" aria-live="polite">
                    {move || match digest_copied.get() { Some(true) => "Copied", Some(false) => "Copy failed", None => "" }}
                </span>
            </div>
            <DigestCheck />
        </section>
    }
}

/// "Check a digest": paste a digest and a secret and see whether they belong together.
#[component]
pub fn DigestCheck() -> impl IntoView {
    let digest = RwSignal::new(String::new());
    let plaintext = RwSignal::new(String::new());
    let result = RwSignal::new(None::<(bool, String)>);
    let check = move |_| {
        let pasted = digest.get_untracked();
        // The worker reads the digest too, so paste mistakes are explained from there and
        // the digest parser stays out of the page's own download.
        result.set(Some((false, "Checking…".to_owned())));
        let task = Task::Verify {
            digest: pasted,
            plaintext: plaintext.get_untracked(),
        };
        hasher::submit(Lane::Check, task, move |reply| {
            result.set(Some(match reply.outcome {
                Outcome::Match => (
                    true,
                    format!(
                        "Match: this secret gives this digest (checked in {} ms).",
                        whole_ms(reply.ms)
                    ),
                ),
                Outcome::NoMatch => (
                    false,
                    "No match: this secret does not give this digest.".to_owned(),
                ),
                Outcome::Failed(reason) => (false, reason),
                Outcome::Digest(_) | Outcome::Guide(_) => (false, "unexpected reply".to_owned()),
            }));
        });
    };
    view! {
        <details class="digest-check">
            <summary>"Check a digest"</summary>
            <div class="field">
                <label for="check-digest">"Digest"</label>
                <textarea id="check-digest" rows="3" spellcheck="false"
                    prop:value=move || digest.get() on:input=move |ev| digest.set(event_target_value(&ev))></textarea>
            </div>
            <div class="field">
                <label for="check-secret">"Secret to check"</label>
                <input id="check-secret" type="password" autocomplete="off"
                    prop:value=move || plaintext.get() on:input=move |ev| plaintext.set(event_target_value(&ev)) />
            </div>
            <button type="button" on:click=check>"Check"</button>
            <p class="check-result" role="status" aria-live="polite" class:good=move || result.get().is_some_and(|r| r.0)>
                {move || result.get().map(|r| r.1).unwrap_or_default()}
            </p>
        </details>
    }
}

/// Milliseconds as a whole number, as the status line reads them aloud.
fn whole_ms(ms: f64) -> u64 {
    // `as` saturates: a negative or NaN time becomes 0.
    ms.round() as u64
}
