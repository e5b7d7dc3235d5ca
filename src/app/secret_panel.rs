//! The client secret: type or generate it, see its digest being computed off the page's
//! thread, choose the algorithm and how the digest is written, and check any digest
//! against a secret. The secret lives only in this page's memory.

use guide_secrets::Algorithm;
use guide_secrets::escape::WrittenFor;
use leptos::prelude::*;

use super::aria;
use super::copy_button::CopyButton;
use super::digest_check;
use super::session::{SECRET_INPUT_ID, use_session};
use crate::digest_state::DigestState;
use crate::number::whole;

/// The secret, its digest and the digest checker. In an iframe it folds away behind a
/// "Client secret and digest" button (see the style sheet's `[data-embed]` rules).
#[component]
pub fn SecretPanel() -> impl IntoView {
    let session = use_session();
    let secret = session.secret;
    let shown = RwSignal::new(false);
    let open = RwSignal::new(false);
    let generate_error = RwSignal::new(None::<String>);
    let generate =
        move |_| generate_error.set(session.generate_secret().err().map(|e| e.to_string()));
    let algorithms: Vec<AnyView> = Algorithm::ALL
        .into_iter()
        .map(|a| {
            let selected = move || session.algorithm.get() == a;
            view! { <option value=a.id() selected=selected>{a.name()}</option> }.into_any()
        })
        .collect();
    let written: Vec<AnyView> = WrittenFor::ALL
        .into_iter()
        .map(|w| {
            let selected = move || session.written_for.get() == w;
            view! { <option value=w.id() selected=selected>{w.label()}</option> }.into_any()
        })
        .collect();
    let status = move || match session.digest_state() {
        DigestState::Example => {
            "No secret of yours yet: the guide shows its example secret and digest.".to_owned()
        }
        DigestState::Computing => "Hashing…".to_owned(),
        DigestState::Ready { ms, algorithm, .. } => {
            format!("Digest ready in {} ms ({})", whole(ms), algorithm.name())
        }
        DigestState::Failed(reason) => format!("No digest: {reason}"),
    };
    let digest_value = move || match session.digest_state() {
        DigestState::Ready { digest, .. } => Some(session.written_for.get().value(&digest)),
        _ => None,
    };
    let copy_secret = Callback::new(move |()| secret.value());
    let copy_digest = Callback::new(move |()| digest_value().unwrap_or_default());
    view! {
        <section class="secret-panel needs-script" aria-labelledby="gp-secret-title">
            <h2 id="gp-secret-title" class="panel-title">"Client secret"</h2>
            <button type="button" class="embed-toggle" aria-controls="gp-secret-body"
                aria-expanded=move || aria(open.get())
                on:click=move |_| open.update(|o| *o = !*o)>
                "Client secret and digest"
            </button>
            <div id="gp-secret-body" class="secret-body" class:open=open>
                <div class="field" class:invalid=move || secret.error().is_some()>
                    <label for=SECRET_INPUT_ID>"Client secret"</label>
                    <div class="input-row">
                        <input id=SECRET_INPUT_ID type=move || if shown.get() { "text" } else { "password" }
                            autocomplete="off" spellcheck="false" autocapitalize="off"
                            bind:value=secret.binding() aria-invalid=move || aria(secret.error().is_some())
                            aria-describedby="gp-client-secret-error gp-client-secret-help" />
                        // An id, so that a press before the app is there is pressed
                        // again once it is (`early::load`).
                        <button type="button" id="gp-generate-secret" on:click=generate>"Generate"</button>
                        <button type="button" aria-pressed=move || aria(shown.get())
                            on:click=move |_| shown.update(|s| *s = !*s)>
                            {move || if shown.get() { "Hide" } else { "Show" }}
                        </button>
                        <CopyButton text=copy_secret label="Copy the client secret" />
                    </div>
                    <p class="field-error" id="gp-client-secret-error" aria-live="polite">
                        {move || secret.error().or_else(|| generate_error.get())}
                    </p>
                    <p class="help" id="gp-client-secret-help">
                        "Generate makes 72 random characters (letters, digits, "<code>"-._~"</code>
                        ") in your browser. The secret is never stored or put in a link."
                    </p>
                </div>
                <div class="field">
                    <label for="gp-digest-algorithm">"Digest algorithm"</label>
                    <select id="gp-digest-algorithm" on:change=move |ev| {
                        if let Some(a) = Algorithm::from_id(&event_target_value(&ev)) {
                            session.algorithm.set(a);
                        }
                    }>{algorithms}</select>
                </div>
                <p class="status" role="status" aria-live="polite">{status}</p>
                <div class="field">
                    <label for="gp-digest-written-for">"Write the digest for"</label>
                    <select id="gp-digest-written-for" aria-describedby="gp-written-for-help" on:change=move |ev| {
                        session.written_for.set(WrittenFor::from_id(&event_target_value(&ev)));
                    }>{written}</select>
                    <p id="gp-written-for-help" class="help">
                        "For what the blocks show and Copy gives. Download configuration.yml always writes the YAML form: Authelia reads that file itself."
                    </p>
                </div>
                <div class="digest-out" class:empty=move || digest_value().is_none()>
                    <p class="help">"Digest, for Authelia's configuration (never for the application):"</p>
                    <code class="digest-value">{digest_value}</code>
                    <CopyButton text=copy_digest label="Copy the digest" />
                </div>
                // "Check a digest" is moved in here (`digest_check`).
                <div id=digest_check::SLOT_ID>{digest_check::prerendered()}</div>
            </div>
        </section>
    }
}
