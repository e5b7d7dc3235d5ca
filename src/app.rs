//! The page: the only module (with its children) that touches the DOM.
//!
//! It joins the guide engine and the secrets: the open guide becomes a [`Session`] of
//! signals, drawn by [`GuideView`], with the variables and secret panels where the guide
//! marks them. `?embed=1` drops the page chrome for an iframe.

mod browser;
mod guide_view;
mod hasher;
mod open_guide;
mod panel;
mod secret_panel;
mod session;

use std::sync::Arc;

use leptos::prelude::*;

pub use guide_view::GuideView;
pub use open_guide::Source;
pub use session::Session;

use crate::guide;
use crate::share;
use crate::worker_job::{self, Outcome, Task};
use hasher::Lane;
use open_guide::OpenGuide;
use panel::VariablesPanel;
use secret_panel::SecretPanel;

/// The bundled guide, the page's default.
pub const BUNDLED_GUIDE: &str = include_str!("../guides/matomo.md");

/// Name shown for the bundled guide.
const BUNDLED_NAME: &str = "Matomo (bundled)";

/// A guide that parsed, with where it came from.
#[derive(Debug)]
struct Opened {
    name: String,
    document: guide::Document,
}

fn bundled_source() -> Source {
    Source {
        name: BUNDLED_NAME.to_owned(),
        text: BUNDLED_GUIDE.to_owned(),
    }
}

/// Parses a guide in the worker; shows it if it parses, else says why and keeps the
/// guide that is open.
fn load(source: Source, current: RwSignal<Option<Arc<Opened>>>, error: RwSignal<Option<String>>) {
    let Source { name, text } = source;
    hasher::submit(Lane::Guide, Task::Parse { source: text }, move |reply| {
        let parsed = match reply.outcome {
            Outcome::Guide(json) => worker_job::document_from_json(&json),
            Outcome::Failed(reason) => Err(reason),
            _ => Err("unexpected reply".to_owned()),
        };
        match parsed {
            Ok(document) => {
                error.set(None);
                current.set(Some(Arc::new(Opened { name, document })));
            }
            Err(reason) => error.set(Some(format!("{name} could not be opened: {reason}"))),
        }
    });
}

/// Where the page keeps its colour-scheme choice (not a site variable).
const THEME_KEY: &str = "guide-playground-theme";

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let query = browser::query_pairs();
    let embed = share::wants_embed(&query);
    hasher::start();

    // The open guide, parsed in the worker (the parsers stay out of the page's download).
    let current = RwSignal::new(None::<Arc<Opened>>);
    let open_error = RwSignal::new(None::<String>);
    let open = Callback::new(move |result: Result<Source, String>| match result {
        Ok(source) => load(source, current, open_error),
        Err(reason) => open_error.set(Some(reason)),
    });
    let bundled =
        Signal::derive(move || current.with(|c| c.as_ref().is_none_or(|o| o.name == BUNDLED_NAME)));
    let back = Callback::new(move |()| load(bundled_source(), current, open_error));
    load(bundled_source(), current, open_error);

    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            open_guide::read_file(file, move |result| open.run(result));
        }
    };

    let guide = move || match current.get() {
        Some(opened) => {
            let session = Session::new(opened.document.clone(), &query);
            page_for(session, embed, opened.name.clone()).into_any()
        }
        None => view! { <p class="loading" role="status">"Loading the guide…"</p> }.into_any(),
    };

    view! {
        <div class="app" class:embed=embed data-app-mounted=""
            on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            {(!embed).then(|| view! {
                <header class="page-header">
                    <p class="brand">"Guide Playground"</p>
                    <div class="header-actions">
                        <ThemeToggle />
                        <OpenGuide on_open=open bundled=bundled on_bundled=back />
                    </div>
                </header>
            })}
            <p class="open-error" role="alert">{move || open_error.get()}</p>
            {guide}
        </div>
    }
}

fn page_for(session: Session, embed: bool, source_name: String) -> impl IntoView {
    let title = session
        .document
        .front_matter
        .title
        .clone()
        .unwrap_or_else(|| "Untitled guide".to_owned());
    let notices = session.document.notices().len();
    let notice = (notices > 0).then(|| {
        view! {
            <p class="notice" role="note">
                {format!("{notices} shortcode(s) in this guide are unknown to the playground; each is shown as a labelled notice.")}
            </p>
        }
    });
    if embed {
        let secret = session.has_secret().then(|| {
            view! {
                <details class="embed-secret">
                    <summary>"Client secret and digest"</summary>
                    <SecretPanel session=session.clone() />
                </details>
            }
        });
        view! {
            <div class="embed-bar">
                <VariablesPanel session=session.clone() compact=true />
                {secret}
            </div>
            <main id="guide" class="guide" aria-label=title.clone()>
                {notice}
                <GuideView session=session panel=false />
            </main>
        }
        .into_any()
    } else {
        view! {
            <main id="guide" class="guide layout">
                <div class="guide-head">
                    <h1>{title}" with Authelia"</h1>
                    <p class="source">"Guide: "{source_name}</p>
                    {notice}
                </div>
                <GuideView session=session panel=true />
            </main>
        }
        .into_any()
    }
}

/// Light, dark, or the system's scheme (the default), remembered in this browser.
#[component]
fn ThemeToggle() -> impl IntoView {
    let stored = browser::load_preference(THEME_KEY).filter(|t| t == "light" || t == "dark");
    let theme = RwSignal::new(stored);
    Effect::new(move |_| browser::apply_theme(theme.get().as_deref()));
    let cycle = move |_| {
        theme.update(|t| {
            *t = match t.as_deref() {
                None => Some("dark".to_owned()),
                Some("dark") => Some("light".to_owned()),
                _ => None,
            };
            browser::store_preference(THEME_KEY, t.as_deref().unwrap_or("system"));
        });
    };
    let label = move || match theme.get().as_deref() {
        Some("dark") => "Colours: dark",
        Some("light") => "Colours: light",
        _ => "Colours: system",
    };
    view! { <button type="button" class="theme-toggle" on:click=cycle>{label}</button> }
}
