//! "Check a digest": paste a digest and a secret and see whether they belong together,
//! as Authelia would decide. Paste mistakes (a `Digest: ` label, quotes, `$$`) are
//! explained; the worker reads the digest, so the digest parser stays out of the page.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::hasher::{self, Lane, Reply};
use super::secret_panel::whole_ms;
use crate::worker_job::{Outcome, Task};

/// What a check said: whether it matched, and the sentence for the reader.
#[derive(Clone, Debug, PartialEq)]
struct Said {
    good: bool,
    text: String,
}

/// The digest checker.
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
        let task = Task::Verify {
            digest: digest.get_untracked(),
            plaintext: plaintext.get_untracked(),
        };
        spawn_local(async move {
            let said = match hasher::ask(Lane::Check, task).await {
                Some(Reply {
                    outcome: Outcome::Match,
                    ms,
                }) => Said {
                    good: true,
                    text: format!(
                        "Match: this secret gives this digest (checked in {} ms).",
                        whole_ms(ms)
                    ),
                },
                Some(Reply {
                    outcome: Outcome::NoMatch,
                    ..
                }) => Said {
                    good: false,
                    text: "No match: this secret does not give this digest.".to_owned(),
                },
                Some(Reply {
                    outcome: Outcome::Failed(reason),
                    ..
                }) => Said {
                    good: false,
                    text: reason,
                },
                Some(_) => Said {
                    good: false,
                    text: "the hashing worker sent an unexpected reply".to_owned(),
                },
                // A newer check replaced this one; its answer will come.
                None => return,
            };
            result.set(Some(said));
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
