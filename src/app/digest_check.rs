//! "Check a digest": paste a digest and a secret and see whether they belong together,
//! as Authelia would decide. Paste mistakes (a `Digest: ` label, quotes, `$$`) are
//! explained; the worker reads the digest, so the digest parser stays out of the page.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::workers::{self, Answered, JobError};
use crate::number::whole;

/// What a check said: whether it matched, and the sentence for the reader.
#[derive(Clone, Debug, PartialEq)]
struct Said {
    good: bool,
    text: String,
}

/// The warnings after `lead`, joined; nothing when there are none.
fn joined(lead: &str, warnings: &[String]) -> String {
    if warnings.is_empty() {
        String::new()
    } else {
        format!("{lead}{}", warnings.join("; and "))
    }
}

/// A digest field, a secret field and Check: the verdict (or what is wrong with the
/// digest) appears below, with what a reader could be fooled by, announced to screen
/// readers. Nothing here is stored.
#[component]
pub fn DigestCheck() -> impl IntoView {
    let digest = RwSignal::new(String::new());
    let plaintext = RwSignal::new(String::new());
    let result = RwSignal::new(None::<Said>);
    let check = move |_| {
        result.set(Some(Said {
            good: false,
            text: "Checking…".to_owned(),
        }));
        let (pasted, secret) = (digest.get_untracked(), plaintext.get_untracked());
        spawn_local(async move {
            let said = match workers::verify(&pasted, &secret).await {
                // A match a reader could be fooled by is not shown as good.
                Ok(Answered {
                    value: (true, warnings),
                    ms,
                }) => Said {
                    good: warnings.is_empty(),
                    text: format!(
                        "Match{}: this secret gives this digest (checked in {} ms).",
                        joined(" — but ", &warnings),
                        whole(ms)
                    ),
                },
                Ok(Answered {
                    value: (false, warnings),
                    ..
                }) => Said {
                    good: false,
                    text: format!(
                        "No match{}: this secret does not give this digest.",
                        joined(" — and ", &warnings)
                    ),
                },
                // A newer check replaced this one; its answer will come.
                Err(JobError::Superseded) => return,
                Err(err) => Said {
                    good: false,
                    text: err.to_string(),
                },
            };
            // The guide may have been closed meanwhile, and this panel with it.
            result.try_set(Some(said));
        });
    };
    view! {
        <details class="digest-check">
            <summary>"Check a digest"</summary>
            <div class="field">
                <label for="gp-check-digest">"Digest"</label>
                <textarea id="gp-check-digest" rows="3" spellcheck="false" bind:value=digest></textarea>
            </div>
            <div class="field">
                <label for="gp-check-secret">"Secret to check"</label>
                <input id="gp-check-secret" type="password" autocomplete="off" bind:value=plaintext />
            </div>
            <button type="button" on:click=check>"Check"</button>
            <p class="check-result" role="status" aria-live="polite"
                class:good=move || result.get().is_some_and(|r| r.good)>
                {move || result.get().map(|r| r.text)}
            </p>
        </details>
    }
}
