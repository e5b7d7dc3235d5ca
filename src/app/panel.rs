//! The variables panel: a labelled field per variable the guide uses, each with its
//! reason beside it when the text is refused; Reset; the Authelia URL preview; Copy link.

use leptos::prelude::*;

use super::browser;
use super::session::{Field, Session};
use crate::guide::Kind;
use crate::share;

/// The reader's values for the open guide.
#[component]
pub fn VariablesPanel(
    /// The open guide's state.
    session: Session,
    /// The one-line bar of embed mode rather than the full panel.
    compact: bool,
) -> impl IntoView {
    let fields: Vec<AnyView> = session.fields.iter().cloned().map(field_view).collect();
    let reset_session = session.clone();
    let preview_session = session.clone();
    let link_session = session.clone();
    let link_state = RwSignal::new(None::<bool>);
    let copy_link = move |_| {
        let params = share::link_params(link_session.document.variables(), |name| {
            untrack(|| {
                link_session
                    .field(name)
                    .map(|f| f.value.get())
                    .unwrap_or_default()
            })
        });
        browser::copy_text(&browser::link_with(&params), move |ok| {
            link_state.set(Some(ok))
        });
    };
    let rejected: Vec<AnyView> = session
        .rejected
        .iter()
        .map(|reason| view! { <li>{reason.clone()}</li> }.into_any())
        .collect();
    let rejected = (!rejected.is_empty())
        .then(|| view! { <ul class="link-problems" role="alert">{rejected}</ul> });
    let class = if compact {
        "variables-panel compact"
    } else {
        "variables-panel"
    };
    view! {
        <section class=class aria-labelledby="variables-title">
            <h2 id="variables-title" class:visually-hidden=compact>"Your values"</h2>
            {rejected}
            <div class="fields">{fields}</div>
            <p class="preview">
                "Authelia URL: "
                <output class="authelia-url">{move || preview_session.authelia_url()}</output>
            </p>
            <div class="panel-actions">
                <button type="button" on:click=move |_| reset_session.reset()>"Reset"</button>
                <button type="button" on:click=copy_link>"Copy link"</button>
                <span class="copy-state" aria-live="polite">
                    {move || match link_state.get() {
                        Some(true) => "Link copied (it never holds the secret)",
                        Some(false) => "Copy failed",
                        None => "",
                    }}
                </span>
            </div>
        </section>
    }
}

fn field_view(field: Field) -> AnyView {
    let id = format!("var-{}", field.variable.name);
    let error_id = format!("{id}-error");
    let label = field.variable.label.clone();
    let error = field.error;
    let invalid = move || {
        if error.get().is_some() {
            "true"
        } else {
            "false"
        }
    };
    let message = move || error.get().unwrap_or_default();
    let input = match field.variable.kind {
        Kind::Boolean => {
            let on_change = {
                let field = field.clone();
                move |ev| {
                    field.edit(
                        if event_target_checked(&ev) {
                            "true"
                        } else {
                            "false"
                        },
                        true,
                    )
                }
            };
            let checked = {
                let field = field.clone();
                move || field.current() == "true"
            };
            view! {
                <input id=id.clone() type="checkbox" role="switch" prop:checked=checked on:change=on_change />
            }
            .into_any()
        }
        Kind::Number | Kind::Text => {
            let number = field.variable.kind == Kind::Number;
            let on_input = {
                let field = field.clone();
                move |ev| field.edit(&event_target_value(&ev), true)
            };
            let text = field.text;
            view! {
                <input id=id.clone() type=if number { "number" } else { "text" }
                    inputmode=number.then_some("numeric") min=number.then_some("1") max=number.then_some("65535")
                    spellcheck="false" autocomplete="off" autocapitalize="off"
                    prop:value=move || text.get() on:input=on_input
                    aria-invalid=invalid aria-describedby=error_id.clone() />
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id>{label}</label>
            {input}
            <p class="field-error" id=error_id aria-live="polite">{message}</p>
        </div>
    }
    .into_any()
}
