//! One open guide: its title, where it came from, and its content, with a [`Session`]
//! of the reader's values and the [`Images`](super::images::Images) the reader gave
//! provided to everything inside.
//!
//! The guide first shows its defaults, exactly as the prerendered page does. Then, in
//! the browser only, the reader's stored values, the link's and anything typed before
//! the page took over are applied, edits start being remembered, and other tabs of the
//! same origin are followed.

use guide_engine::Document;
use leptos::prelude::*;

use super::browser;
use super::configuration_tools;
use super::field::Field;
use super::guide_view::GuideView;
use super::page::{Opened, use_page};
use super::session::Session;
use crate::share;

/// The page's name, at the end of every document title.
const SITE_NAME: &str = "Guide Playground";

/// What the document title says: the guide's own search title (`seo.title`), else its
/// title, then the page's name.
pub fn head_title(document: &Document) -> String {
    match document
        .front_matter
        .seo
        .as_ref()
        .and_then(|s| s.title.as_deref())
    {
        Some(seo) if !seo.trim().is_empty() => format!("{seo} | {SITE_NAME}"),
        _ => format!("{} with Authelia | {SITE_NAME}", document.title()),
    }
}

/// What the page's description says: the guide's `description`, else its search one.
pub fn head_description(document: &Document) -> String {
    let fm = &document.front_matter;
    [
        fm.description.as_deref(),
        fm.seo.as_ref().and_then(|s| s.description.as_deref()),
    ]
    .into_iter()
    .flatten()
    .find(|d| !d.trim().is_empty())
    .unwrap_or("Authelia's OpenID Connect integration guides, filled in with your own values.")
    .to_owned()
}

/// The guide on show: its heading, where it came from, what the engine changed in it,
/// and its content, with a new [`Session`] for it.
#[component]
pub fn GuidePage(
    /// The guide to show.
    opened: Opened,
) -> impl IntoView {
    provide_context(opened.images.clone());
    open_session(
        opened.document.clone(),
        opened.own,
        head_title(&opened.document),
    );
    let notices = opened.document.notices().len();
    let notice = (notices > 0).then(|| {
        view! {
            <p class="notice" role="note">
                {format!("{notices} shortcode(s) in this guide are shown as labelled notices: the playground does not know them, or a limit said here left them out.")}
            </p>
        }
    });
    // What the engine had to do to a hostile or broken guide, said once, above it.
    let warnings: Vec<AnyView> = opened
        .document
        .warnings()
        .iter()
        .map(|w| w.to_string())
        .chain(opened.skipped.iter().cloned())
        .map(|w| view! { <p class="notice" role="note">{w}</p> }.into_any())
        .collect();
    view! {
        <main id="gp-guide" class="guide">
            <div class="guide-head">
                <h1>{opened.document.title().to_owned()}" with Authelia"</h1>
                <p class="source">"Guide: "{opened.name}</p>
            </div>
            // Outside the head, which an iframe hides: what the reader must know stays.
            <div class="guide-notes">{notice} {warnings}</div>
            <GuideView />
        </main>
    }
}

/// A [`Session`] for `document`, provided to everything inside the calling component.
/// In the browser, after the takeover, the world outside the page comes in: stored
/// values, the link's (only for what the page was built to show, `home`), what the reader
/// typed before the takeover; edits start being remembered and other tabs followed.
pub fn open_session(document: std::sync::Arc<Document>, home: bool, title: String) -> Session {
    let session = Session::new(document);
    provide_context(session);
    let page = use_page();
    Effect::new(move |_| {
        untrack(|| {
            session.restore(browser::storage::load_variable, &page.query_for(home));
            remember_edits(session);
            follow_other_tabs(session);
            session.apply_typed(&page.take_typed());
            browser::markup::set_title(&title);
            // The build's sections after the app speak to this guide (shown only for
            // a guide with a client block).
            configuration_tools::show_for(session);
        });
    });
    session
}

/// Stores each non-secret value the reader sets under Authelia's own key, so
/// Authelia's documentation on this origin and other tabs agree. Values that came with
/// a link are shown, not stored: only later changes are.
fn remember_edits(session: Session) {
    for field in session.fields().into_iter().filter(Field::is_shareable) {
        let name = field.name();
        // What the field holds now (stored or linked) is not the reader's edit; every
        // later change is, however soon it comes.
        let restored = field.value_untracked();
        Effect::new(move |previous: Option<String>| {
            let value = field.value();
            if *previous.as_ref().unwrap_or(&restored) != value {
                browser::storage::store_variable(&name, &value);
            }
            value
        });
    }
}

/// Other open tabs of this origin (the playground or Authelia's site) change the same
/// stored values: follow them.
fn follow_other_tabs(session: Session) {
    let handle = window_event_listener(leptos::ev::storage, move |event| match event.key() {
        Some(key) => {
            if let Some(field) = share::name_from_storage_key(&key)
                .and_then(|n| session.field(n))
                .filter(Field::is_shareable)
            {
                field.set_text(&event.new_value().unwrap_or_default());
            }
        }
        // `localStorage.clear()` in another tab: everything is back to its default.
        None => session.reset(),
    });
    on_cleanup(move || handle.remove());
}
