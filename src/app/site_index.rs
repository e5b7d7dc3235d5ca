//! The site's index: every guide with its title and description, a filter that narrows
//! the list as the reader types, the values the guides share (set once, there on every
//! guide's page), and "keep every guide offline".
//!
//! The app renders only the index's head and values ([`IndexPage`]). The list, the
//! filter and the offline button are markup of the build only ([`GuideList`]), standing
//! after the app's root where the takeover leaves them; in the browser, [`wire`] gives
//! the filter and the button their listeners, which keeps the page within its budget
//! (docs/decisions/build-markup-or-components.md). Without scripting the list is
//! complete and each entry a plain link; the filter and the button are hidden.

use std::sync::Arc;

use leptos::prelude::*;

use super::browser;
use super::guide_page::open_session;
use super::side_panel::SidePanel;
use crate::protocol::page_data::SiteIndex;

/// The page's name, after the index's own title.
const SITE_NAME: &str = "Guide Playground";

/// The id of the section with the list, the filter and the offline button, outside the
/// app's root.
pub const LIST_ID: &str = "gp-guide-list";

/// The id of the filter's input.
const FILTER_ID: &str = "gp-filter";

/// The id of the filter's count of guides left.
const COUNT_ID: &str = "gp-filter-count";

/// The id of "Keep every guide offline", and of the line that says how it went.
const KEEP_ID: &str = "gp-keep-offline";
const KEEP_STATUS_ID: &str = "gp-keep-offline-status";

/// The document title of the index.
pub fn index_title(index: &SiteIndex) -> String {
    format!("{} | {SITE_NAME}", index.title)
}

/// The id of a guide's entry in the list.
fn entry_id(slug: &str) -> String {
    format!("gp-guide-{slug}")
}

/// The index of the site: its head and the shared values.
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
    // The list is outside the app: shown while the index is, hidden while the reader has
    // another guide open, and its controls wired once.
    let wired = index.clone();
    Effect::new(move |_| {
        browser::markup::set_class(LIST_ID, "is-hidden", false);
        wire(&wired);
        on_cleanup(|| browser::markup::set_class(LIST_ID, "is-hidden", true));
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
            </div>
        </main>
    }
}

/// Gives the build's filter and offline button their listeners, once per page. In the
/// browser only: effects do not run when the page is rendered at build time.
fn wire(index: &SiteIndex) {
    use crate::site::filter;
    use browser::lower_case::lower_case;
    let haystacks: Vec<(String, String)> = index
        .guides
        .iter()
        .map(|g| {
            (
                entry_id(&g.slug),
                filter::haystack(&g.title, &g.description, &g.slug, lower_case),
            )
        })
        .collect();
    let total = haystacks.len();
    browser::markup::on_input(FILTER_ID, move |query| {
        let words = filter::words(&query, lower_case);
        let mut shown = 0;
        for (id, haystack) in &haystacks {
            let keep = filter::keeps(&words, haystack);
            shown += usize::from(keep);
            browser::markup::set_class(id, "is-hidden", !keep);
        }
        browser::markup::set_text(COUNT_ID, &filter::count_text(shown, total));
    });
    browser::markup::on_click(KEEP_ID, || {
        browser::markup::set_text(KEEP_STATUS_ID, "Downloading every guide…");
        let asked = super::offline::keep_every_guide(|answer| {
            let said = match answer {
                Ok(files) => format!("Every guide is kept offline ({files} files)."),
                Err(failure) => failure.message().to_owned(),
            };
            browser::markup::set_text(KEEP_STATUS_ID, &said);
        });
        if let Err(failure) = asked {
            browser::markup::set_text(KEEP_STATUS_ID, failure.message());
        }
    });
}

/// The list of guides, every one a plain link, with the filter and "keep every guide
/// offline": complete without scripting (the controls are hidden then). Rendered at build
/// time only, after the app's root.
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
    let total = index.guides.len();
    view! {
        <section id=LIST_ID class="guide-list" aria-labelledby="gp-guides-title">
            // The page's own heading is the site's title ("Guides" by default): the
            // list's says which guides it holds, not the title again.
            <h2 id="gp-guides-title">"All guides"</h2>
            <div class="field guide-filter needs-script">
                <label for=FILTER_ID>"Filter the guides"</label>
                <input id=FILTER_ID type="search" autocomplete="off" spellcheck="false"
                    aria-controls="gp-guides" aria-describedby=COUNT_ID />
                <p id=COUNT_ID class="help" aria-live="polite">
                    {crate::site::filter::count_text(total, total)}
                </p>
            </div>
            <ul id="gp-guides" class="guides">{items}</ul>
            <div class="keep-offline needs-script">
                <h2>"Offline"</h2>
                <p>
                    "Guides you open are kept for offline reading. To keep every guide now, "
                    {format!(
                        "with its images, this browser downloads about {}.",
                        crate::site::size_text(index.offline_bytes)
                    )}
                </p>
                <button type="button" id=KEEP_ID>"Keep every guide offline"</button>
                <p id=KEEP_STATUS_ID class="help" role="status"></p>
            </div>
        </section>
    }
}

// The index's list is build markup wired by id (docs/decisions/build-markup-or-components.md):
// a test renders it as the build does and finds every id the wiring uses.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::protocol::page_data::IndexEntry;

    #[test]
    fn the_build_s_markup_holds_every_id_the_wiring_looks_for() {
        let index = Arc::new(SiteIndex {
            title: "Guides".into(),
            description: String::new(),
            guides: vec![IndexEntry {
                slug: "alpha".into(),
                title: "Alpha".into(),
                description: String::new(),
            }],
            values: guide_engine::Document::values_panel("Guides", Vec::new()),
            offline_bytes: 1,
            not_found: false,
        });
        let html = crate::app::render_guide_list(index);
        crate::app::assert_ids_once(
            &html,
            &[LIST_ID, FILTER_ID, COUNT_ID, KEEP_ID, KEEP_STATUS_ID],
        );
    }
}
