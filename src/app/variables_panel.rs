//! The variables panel: a labelled field per variable the guide uses, each with its
//! reason beside it when the text is refused; Reset; the Authelia URL preview; Copy link.

use guide_engine::Kind;
use leptos::prelude::*;

use super::aria;
use super::browser;
use super::copy_button::CopyButton;
use super::field::Field;
use super::session::{Session, input_id, use_session};
use crate::share;

/// The reader's values for the open guide.
#[component]
pub fn VariablesPanel() -> impl IntoView {
    let session = use_session();
    let fields: Vec<AnyView> = session
        .fields()
        .into_iter()
        .map(|f| field_view(session, f))
        .collect();
    let problems = move || {
        let problems = session.link_problems.get();
        (!problems.is_empty()).then(|| {
            let items: Vec<AnyView> = problems
                .into_iter()
                .map(|reason| view! { <li>{reason}</li> }.into_any())
                .collect();
            view! { <ul class="link-problems" role="alert">{items}</ul> }
        })
    };
    let link = Callback::new(move |()| browser::location::link_with(&session.link_params()));
    let embed_code = Callback::new(move |()| {
        let mut params = vec![(share::EMBED_PARAM.to_owned(), "1".to_owned())];
        params.extend(session.link_params());
        let title = format!(
            "{} with Authelia, filled in with your values",
            session.document().title()
        );
        share::embed_code(&browser::location::link_with(&params), &title)
    });
    view! {
        <noscript>
            <p class="no-script-note">
                "With JavaScript on, this page fills the guide with your own domain and values, "
                "and generates a client secret with its digest. Without it, the guide shows its examples."
            </p>
        </noscript>
        <section class="variables-panel needs-script" aria-labelledby="gp-variables-title">
            <h2 id="gp-variables-title" class="panel-title">"Your values"</h2>
            {problems}
            <div class="fields">{fields}</div>
            <p class="preview">
                "Authelia URL: "
                <output class="authelia-url">{move || session.authelia_url()}</output>
            </p>
            <div class="panel-actions">
                <button type="button" on:click=move |_| session.reset()>"Reset"</button>
                <CopyButton text=link label="Copy link" caption="Copy link"
                    copied="Link copied (it never holds the secret)" />
                <span class="embed-code">
                    <CopyButton text=embed_code label="Copy embed code" caption="Copy embed code"
                        copied="Embed code copied: an iframe with your values (never the secret) and its resize listener" />
                </span>
            </div>
        </section>
    }
}

/// For a value whose default follows the others (the application's address): what the
/// guide uses until the reader sets it, kept current as they type their domain.
fn live_default(session: Session, field: &Field) -> Option<AnyView> {
    let name = field.name();
    session.live_default(&name)?;
    let text = move || session.live_default(&name).unwrap_or_default();
    Some(view! { <p class="help">"Until you set it: " <code>{text}</code></p> }.into_any())
}

fn field_view(session: Session, field: Field) -> AnyView {
    let variable = field.variable();
    let id = input_id(&variable.name);
    let error_id = format!("{id}-error");
    let invalid = move || aria(field.error().is_some());
    // The value the page is built with: shown before the takeover (and without
    // scripting), and how text typed before the takeover is told apart.
    let initial = field.text.get_untracked();
    let input = match variable.kind {
        Kind::Boolean => {
            let on_change = move |ev| {
                field.set_text(if event_target_checked(&ev) {
                    "true"
                } else {
                    "false"
                });
            };
            view! {
                <input id=id.clone() type="checkbox" role="switch"
                    prop:checked=move || field.current() == "true" on:change=on_change />
            }
            .into_any()
        }
        Kind::Number => view! {
            <input id=id.clone() type="number" inputmode="numeric" min="1" max="65535"
                autocomplete="off" value=initial bind:value=field.text
                aria-invalid=invalid aria-describedby=error_id.clone() />
        }
        .into_any(),
        // A secret by meaning (`api_key`, "Admin password", …): typed like a password,
        // and never stored or shared (see `share`).
        _ if variable.is_secret() => view! {
            <input id=id.clone() type="password" spellcheck="false" autocomplete="off"
                autocapitalize="off" value=initial bind:value=field.text
                aria-invalid=invalid aria-describedby=error_id.clone() />
        }
        .into_any(),
        Kind::Text | Kind::Url | Kind::Host => view! {
            <input id=id.clone() type="text" spellcheck="false" autocomplete="off"
                autocapitalize="off" value=initial bind:value=field.text
                aria-invalid=invalid aria-describedby=error_id.clone() />
        }
        .into_any(),
    };
    view! {
        <div class="field" class:invalid=move || field.error().is_some()>
            <label for=id>{variable.label}</label>
            {input}
            {live_default(session, &field)}
            <p class="field-error" id=error_id aria-live="polite">
                {move || field.error()}
            </p>
        </div>
    }
    .into_any()
}
