//! The page: the only module (with its children) that touches the DOM.
//!
//! The same components render twice. At build time, natively, the site build
//! (`src/build/render.rs`) renders [`App`] for each guide of the folder, at its default
//! values, into the guide's page, and for the site's index into `index.html`, so a guide
//! is readable before any WebAssembly runs, and without scripting at all.
//! In the browser, once that markup has been shown, [`take_over`] clears it and mounts
//! [`App`] in its place in one task, and only then applies the reader's stored values,
//! the link's and what the reader typed meanwhile.
//!
//! Layout: [`App`] (page chrome) → `GuidePage` (one guide, its [`Session`]) →
//! `GuideView` (the one renderer) with `CodeBlock`s and the `SidePanel` (the
//! `VariablesPanel` and the `SecretPanel` with its `DigestCheck`). One `CopyButton`
//! serves every copy. `browser` wraps the browser services, `workers` the two workers.
//!
//! How a section is built (the rule; the figures are in
//! docs/decisions/build-markup-or-components.md):
//! - A section that follows the reader's values as they type (the guide, the fields, the
//!   secret and its digest) is a Leptos component, rendered at build time and again in
//!   the browser.
//! - A section that acts only when a button is pressed ("Check a digest", Provider,
//!   "Check my configuration", the index's list and filter) is markup of the build only:
//!   the prerender renders it, and in the browser one delegated listener finds its
//!   elements by the ids its module declares, with no component compiled for the browser.
//!   Each such module has a test that renders it as the build does and finds every id its
//!   wiring uses (`digest_check`, `configuration_tools`, `site_index`).

mod browser;
mod code_block;
mod configuration_tools;
mod copy_button;
mod digest_check;
mod embed;
mod field;
mod fill_in;
mod guide_files;
mod guide_page;
mod guide_view;
mod images;
mod offline;
mod open_guide;
mod page;
mod secret_panel;
mod session;
mod side_panel;
mod site_index;
mod theme;
mod variables_panel;
mod workers;

use leptos::prelude::*;

use crate::early;
// The names the page's markup, the first module and the app share (`early`).
pub use crate::early::{ROOT_ID, TAKEN_OVER_ATTRIBUTE};

pub use crate::digest_state::DigestState;
pub use field::Field;
pub use guide_page::{head_description, head_title};
pub use open_guide::{OpenError, Source};
pub use page::{Home, Opened, Page};
pub use session::Session;
pub use site_index::{LIST_ID, index_title};
pub use theme::Theme;

use guide_page::GuidePage;
use open_guide::OpenGuide;
use site_index::IndexPage;
use theme::ThemeToggle;

/// The non-executable `<script type="text/plain">` that carries the page's data (its
/// guide's document, or the site's index: `protocol::page_data::encode_page`), so the page shows it
/// without parsing anything.
pub const GUIDE_DATA_ID: &str = "gp-guide-data";

/// The value of an ARIA state (`aria-invalid`, `aria-pressed`, `aria-expanded`): the
/// word "true" or "false", which these attributes need spelt out; a Leptos boolean
/// attribute would drop the attribute instead of saying "false".
fn aria(state: bool) -> &'static str {
    if state { "true" } else { "false" }
}

/// What the page learned when it took over the prerendered markup.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Startup {
    /// The link's query parameters.
    pub query: Vec<(String, String)>,
    /// What the reader typed into the prerendered inputs, by input id.
    pub typed: Vec<(String, String)>,
}

/// The whole page, showing what it was built for (its guide, or the site's index) until
/// the reader opens another guide.
#[component]
pub fn App(
    /// What the page was built to show.
    home: Home,
    /// What the browser knew at takeover; nothing when prerendering.
    #[prop(optional)]
    startup: Startup,
) -> impl IntoView {
    let page = Page::new(home, startup);
    provide_context(page);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(transfer) = ev.data_transfer() {
            open_guide::open_files(page, guide_files::from_drop(&transfer));
        }
    };
    // The site's root is the page's `<base>`: "./" is the index from every page.
    view! {
        <div class="app" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <header class="page-header">
                <p class="brand"><a href="./">"Guide Playground"</a></p>
                <nav class="site-nav" aria-label="Site">
                    <a href="./">"All guides"</a>
                </nav>
                <div class="header-actions">
                    <ThemeToggle />
                    <OpenGuide />
                </div>
            </header>
            <p class="open-error" role="alert">{move || page.error.get()}</p>
            // Hidden by class, not rendered on demand: a `Show` costs the page's budget more
            // (docs/decisions/build-markup-or-components.md).
            <p class="back-home" class:is-hidden=move || page.is_home()>
                <button type="button" on:click=move |_| page.back_home()>
                    {format!("Back to {}", page.home_name())}
                </button>
            </p>
            {move || match (page.current(), page.index()) {
                (Some(opened), _) => view! { <GuidePage opened=opened /> }.into_any(),
                (None, Some(index)) => view! { <IndexPage index=index /> }.into_any(),
                (None, None) => ().into_any(),
            }}
        </div>
    }
}

/// Takes over the prerendered page: mounts [`App`] in place of the markup built at
/// build time, keeping what the reader typed and where the focus was. Called once, by
/// the page's entry point.
///
/// The takeover waits until the browser has shown the prerendered guide. Markup replaced
/// before its first paint is presented never counts as painted, so the takeover's repaint
/// of the same guide would become the page's largest contentful paint (measured: about
/// 100 ms later than the real one).
pub fn take_over() {
    crate::panics::report_to_console();
    // The page's first module (`early`) loaded this one, and already keeps the page out of
    // the back-forward cache.
    browser::takeover::after_first_paint(replace_prerendered);
}

fn replace_prerendered() {
    let home = browser::takeover::data_block(GUIDE_DATA_ID)
        .ok_or_else(|| "the page carries no guide".to_owned())
        .and_then(|data| crate::protocol::page_data::decode_page(&data).map_err(|e| e.to_string()));
    let (Some(root), Ok(home)) = (browser::element(ROOT_ID), home) else {
        // Only a page not built by this project's Trunk hook gets here.
        leptos::mount::mount_to_body(|| {
            view! {
                <p role="alert">
                    "This copy of Guide Playground is incomplete: its guide is missing. "
                    "Build it with scripts/serve or trunk build."
                </p>
            }
        });
        return;
    };
    let typed = browser::takeover::typed_into(&root);
    let focused = browser::takeover::focused_id();
    let query = browser::location::query_pairs();
    let home = Home::new(home);
    let is_index = matches!(home, Home::Index(_));
    // Cleared and mounted in one task: the browser never paints the page without a guide.
    digest_check::keep();
    fill_in::keep();
    root.set_inner_html("");
    let Ok(root) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(root) else {
        return;
    };
    let mounted = root.clone();
    let pressed = mounted.get_attribute(early::load::PRESSED_ATTRIBUTE);
    let _ = mounted.remove_attribute(early::load::PRESSED_ATTRIBUTE);
    let startup = Startup { query, typed };
    // Taken over (cleared and mounted), not hydrated: hydrating is sooner but grows the
    // page past its budget (docs/decisions/takeover-not-hydrate.md).
    leptos::mount::mount_to(root, move || view! { <App home=home startup=startup /> }).forget();
    let _ = mounted.set_attribute(TAKEN_OVER_ATTRIBUTE, "");
    if let Some(id) = focused {
        browser::takeover::focus(&id);
    }
    // A button the reader pressed before the app was there (`early::load`), pressed
    // now that it answers: in a task of its own, after the app's start-up effects have
    // run (they are queued as microtasks), so that it acts on what the reader typed
    // before it, as it would have then. Pressed at once, Reset undid nothing: the typed
    // values came after it.
    if let Some(id) = pressed {
        browser::timer::after(0, move || browser::takeover::press(&id));
    }
    embed::report_height();
    if is_index {
        // No secret on the index: no hashing worker to wait for.
        offline::keep_offline();
    } else {
        // Loaded and warmed while the reader reads, ready before they press Generate.
        workers::start(crate::protocol::WorkerKind::Hashing);
        // The offline copy downloads the site's shared files: it waits until the
        // reader's hashing worker is warm and idle, so it never slows the takeover or a
        // digest.
        workers::when_hashing_settles(offline::keep_offline);
    }
}

/// The app's markup for `home` at its default values: what the browser shows before
/// (and without) WebAssembly. Native only: the prerender step runs it at build time.
#[cfg(not(target_arch = "wasm32"))]
pub fn render_to_string(home: Home) -> String {
    let owner = Owner::new();
    without_markers(&owner.with(|| view! { <App home=home /> }.to_html()))
}

/// Markup without the comments Leptos marks text boundaries and branches with for
/// hydration: the page is taken over, not hydrated, so they are only bytes to download
/// and parse.
#[cfg(not(target_arch = "wasm32"))]
fn without_markers(html: &str) -> String {
    html.replace("<!>", "").replace("<!--<() />-->", "")
}

/// The provider and "Check my configuration" sections, which stand after the app's
/// root on every page (see `configuration_tools`), `with_digest_check` "Check a digest"
/// for a page whose own markup has no secret panel to hold it, and `with_fill_in` "Fill
/// in from my configuration" for a page whose values panel does not hold it. Native
/// only, like [`render_to_string`].
#[cfg(not(target_arch = "wasm32"))]
pub fn render_configuration_tools(with_digest_check: bool, with_fill_in: bool) -> String {
    let owner = Owner::new();
    without_markers(&owner.with(|| {
        let check = with_digest_check.then(|| view! { <digest_check::DigestCheck hidden=true /> });
        let fill = with_fill_in.then(|| view! { <fill_in::FillIn hidden=true /> });
        view! {
            <configuration_tools::ConfigurationTools />
            {check}
            {fill}
        }
        .to_html()
    }))
}

/// Asserts that build markup `html` holds each of `ids` as an element's id exactly once:
/// the build-markup sections' wiring finds its elements by id only (see this module's
/// rule).
#[cfg(all(test, not(target_arch = "wasm32")))]
fn assert_ids_once(html: &str, ids: &[&str]) {
    for id in ids {
        assert_eq!(
            html.matches(&format!("id=\"{id}\"")).count(),
            1,
            "{id} is not once in the build's markup"
        );
    }
}

/// The site index's list of guides, which stands after the app's root (see
/// `site_index::IndexPage`). Native only, like [`render_to_string`].
#[cfg(not(target_arch = "wasm32"))]
pub fn render_guide_list(index: std::sync::Arc<crate::protocol::page_data::SiteIndex>) -> String {
    let owner = Owner::new();
    without_markers(&owner.with(|| view! { <site_index::GuideList index=index /> }.to_html()))
}
