//! The variables panel: a labelled field per variable the guide uses, each with its
//! reason beside it when the text is refused; Reset; the Authelia URL preview; Copy link.

use guide_engine::Kind;
use leptos::prelude::*;

use super::aria;
use super::browser;
use super::copy_button::CopyButton;
use super::field::Field;
use super::fill_in;
use super::session::{Session, input_id, use_session};
use crate::share;

/// The reader's values for the open guide.
#[component]
pub fn VariablesPanel() -> impl IntoView {
    let session = use_session();
    let has_block = session.document().authelia_block().is_some();
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
            // "Fill in from my configuration" is moved in here (`fill_in`).
            <div id=fill_in::SLOT_ID>{fill_in::prerendered(has_block)}</div>
            <p class="preview">
                "Authelia URL: "
                <output class="authelia-url">{move || session.authelia_url()}</output>
            </p>
            <div class="panel-actions">
                // The id lets a press before the app is there be pressed again (early::load).
                <button type="button" id="gp-reset" on:click=move |_| session.reset()>"Reset"</button>
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

/// For a value whose default follows the others (the application's address): the field
/// shows that default, kept current as the reader types their domain, until they set it;
/// the hint says so, and once set, names the default it replaced and how to go back to it
/// (an empty field, or Reset, which brings every value back). `None` for a value
/// with a fixed default.
fn live_default(session: Session, field: &Field) -> Option<AnyView> {
    let name = field.name();
    session.live_default(&name)?;
    let set = *field;
    let set = move || set.is_set();
    let derived = move || session.live_default(&name).unwrap_or_default();
    // One view for both states, its words chosen by whether the field is set, each ending
    // with the address (an empty text after it would differ between the prerendered page
    // and the takeover's).
    Some(
        view! {
            <p class="help">
                {move || if set() { "You set this; emptied, the field gives the address made from your other values: " } else { "Made from your other values until you set it: " }}
                <code>{derived}</code>
            </p>
        }
        .into_any(),
    )
}

fn field_view(session: Session, field: Field) -> AnyView {
    let variable = field.variable();
    let id = input_id(&variable.name);
    let error_id = format!("{id}-error");
    let invalid = move || aria(field.error().is_some());
    // The value the page is built with: shown before the takeover (and without
    // scripting), and how text typed before the takeover is told apart.
    let initial = field.text.get_untracked();
    // The fields the page's first module follows before the app is there (`early`),
    // named with their kind so that it validates them by the same rules: not a secret's
    // (password) field, nor one whose default follows the others, which only the app
    // keeps current.
    let follows_the_others = session.live_default(&variable.name).is_some();
    let followed = (!follows_the_others).then(|| variable.kind.marker());
    // A value whose default follows the others (the application's address) shows that
    // default, not the guide's example, while the reader has not set it: the field shows
    // what applies. Every input binds as (what it shows, what typing sets), one shape
    // for the page's every field: binding a derived signal beside the fields' own cost
    // the page 1 417 bytes gzip, this 922 (node's gzip level 9, the release build).
    let shown = if follows_the_others {
        let name = variable.name.clone();
        let default = variable.default.clone();
        let shows = Signal::derive(move || {
            let text = field.text.get();
            match session.live_default(&name) {
                Some(derived) if text == default => derived,
                _ => text,
            }
        });
        (shows, field.text.write_only())
    } else {
        field.binding()
    };
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
                autocomplete="off" value=initial bind:value=shown data-kind=followed
                aria-invalid=invalid aria-describedby=error_id.clone() />
        }
        .into_any(),
        // A secret by meaning (`api_key`, "Admin password", …): typed like a password,
        // and never stored or shared (see `share`).
        _ if variable.is_secret() => view! {
            <input id=id.clone() type="password" spellcheck="false" autocomplete="off"
                autocapitalize="off" value=initial bind:value=shown
                aria-invalid=invalid aria-describedby=error_id.clone() />
        }
        .into_any(),
        Kind::Text | Kind::Url | Kind::Host => view! {
            <input id=id.clone() type="text" spellcheck="false" autocomplete="off"
                autocapitalize="off" value=initial bind:value=shown data-kind=followed
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
