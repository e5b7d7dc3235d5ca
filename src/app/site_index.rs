//! The site's index: every guide with its title and description, a filter that narrows
//! the list as the reader types, the values the guides share (set once, there on every
//! guide's page), and "keep every guide offline".
//!
//! Without scripting the list is complete and each entry a plain link; the filter, the
//! values and the offline button need the app and are hidden until it runs.

use std::sync::Arc;

use leptos::prelude::*;

use super::browser;
use super::guide_page::open_session;
use super::offline;
use super::side_panel::SidePanel;
use crate::protocol::SiteIndex;
use crate::site::{self, filter};

/// The page's name, after the index's own title.
const SITE_NAME: &str = "Guide Playground";

/// The id of the filter's input.
const FILTER_ID: &str = "gp-filter";

/// The document title of the index.
pub fn index_title(index: &SiteIndex) -> String {
    format!("{} | {SITE_NAME}", index.title)
}

/// The id of a guide's link in the list.
fn entry_id(slug: &str) -> String {
    format!("gp-guide-{slug}")
}

/// The id of the list of guides, which stands outside the app's root (see
/// [`IndexPage`]).
pub const LIST_ID: &str = "gp-guide-list";

/// The index of the site: its head, the shared values, the filter and "keep every guide
/// offline". The list itself is rendered at build time only ([`GuideList`]) and stands
/// after the app's root, where the takeover leaves it; the filter hides its entries
/// from here. Rendering the list in the browser too cost the page's download about 5 kB
/// (gzip), measured, for markup that never changes.
#[component]
pub fn IndexPage(
    /// What the build wrote.
    index: Arc<SiteIndex>,
) -> impl IntoView {
    open_session(Arc::new(index.values.clone()), true, index_title(&index));
    let missing = index.not_found.then(|| {
        view! {
            <p class="notice" role="alert">
                "There is no page at this address. Every guide of the site is listed below."
            </p>
        }
    });
    let query = RwSignal::new(String::new());
    let haystacks: Vec<(String, String)> = index
        .guides
        .iter()
        .map(|g| {
            (
                entry_id(&g.slug),
                filter::haystack(&g.title, &g.description, &g.slug),
            )
        })
        .collect();
    let total = haystacks.len();
    // The list is outside the app: this effect keeps it in step with the filter, and
    // hides it while the reader has another guide open.
    // A signal of text, not of a number: a signal type of its own costs the page's
    // download about 2 kB (gzip), measured.
    let count = RwSignal::new(filter::count_text(total, total));
    Effect::new(move |_| {
        let words = filter::words(&query.get());
        let mut shown = 0;
        for (id, haystack) in &haystacks {
            let keep = filter::keeps(&words, haystack);
            shown += usize::from(keep);
            browser::set_class(id, "filtered-out", !keep);
        }
        count.set(filter::count_text(shown, total));
    });
    Effect::new(move |_| {
        browser::set_class(LIST_ID, "filtered-out", false);
        on_cleanup(|| browser::set_class(LIST_ID, "filtered-out", true));
    });
    view! {
        <main id="gp-index" class="guide site-index">
            <div class="guide-head">
                <h1>{index.title.clone()}</h1>
                <p class="source">{index.description.clone()}</p>
            </div>
            <div class="guide-notes">{missing}</div>
            <div class="index-aside">
                <SidePanel />
                <KeepEveryGuide bytes=index.offline_bytes />
            </div>
            <div class="field guide-filter needs-script">
                <label for=FILTER_ID>"Filter the guides"</label>
                <input id=FILTER_ID type="search" autocomplete="off" spellcheck="false"
                    aria-controls=LIST_ID aria-describedby="gp-filter-count" bind:value=query />
                <p id="gp-filter-count" class="help" aria-live="polite">{move || count.get()}</p>
            </div>
        </main>
    }
}

/// The list of guides, every one a plain link: complete without scripting. Rendered at
/// build time only, after the app's root.
#[cfg(not(target_arch = "wasm32"))]
#[component]
pub fn GuideList(
    /// What the build wrote.
    index: Arc<SiteIndex>,
) -> impl IntoView {
    let items: Vec<AnyView> = index
        .guides
        .iter()
        .map(|guide| {
            let description = (!guide.description.is_empty())
                .then(|| view! { <p>{guide.description.clone()}</p> });
            view! {
                <li id=entry_id(&guide.slug)>
                    <a href=format!("{}/", guide.slug)>{guide.title.clone()}</a>
                    {description}
                </li>
            }
            .into_any()
        })
        .collect();
    view! {
        <section class="guide-list" aria-labelledby="gp-guides-title">
            <h2 id="gp-guides-title">"Guides"</h2>
            <ul id=LIST_ID class="guides">{items}</ul>
        </section>
    }
}

/// "Keep every guide offline", with what it downloads.
#[component]
fn KeepEveryGuide(
    /// What keeping them downloads, at most.
    bytes: u64,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let keep = move |_| {
        status.set("Downloading every guide…".to_owned());
        let asked = offline::keep_every_guide(move |answer| {
            status.try_set(match answer {
                Ok(files) => format!("Every guide is kept offline ({files} files)."),
                Err(failure) => failure.message().to_owned(),
            });
        });
        if let Err(failure) = asked {
            status.set(failure.message().to_owned());
        }
    };
    view! {
        <section class="keep-offline needs-script" aria-labelledby="gp-offline-title">
            <h2 id="gp-offline-title">"Offline"</h2>
            <p>
                "Guides you open are kept for offline reading. To keep every guide now, "
                {format!("with its images, this browser downloads about {}.", site::size_text(bytes))}
            </p>
            <button type="button" on:click=keep>"Keep every guide offline"</button>
            <p class="help" role="status">{move || status.get()}</p>
        </section>
    }
}
