//! The page: the only module (with its children) that touches the DOM.
//!
//! The same components render twice. At build time, natively, `src/bin/prerender.rs`
//! renders [`App`] with the bundled guide at its default values into `index.html`, so
//! the guide is readable before any WebAssembly runs, and without scripting at all.
//! In the browser, [`take_over`] mounts [`App`] in place of that markup, in the same
//! task, and only then applies the reader's stored values and the link's.
//!
//! Layout: [`App`] (page chrome) → `GuidePage` (one guide, its [`Session`]) →
//! `GuideView` (the one renderer) with `CodeBlock`s and the `SidePanel` (the
//! `VariablesPanel` and the `SecretPanel` with its `DigestCheck`). One `CopyButton`
//! serves every copy. `browser` wraps the browser services, `workers` the two workers.

mod browser;
mod code_block;
mod copy_button;
mod digest_check;
mod embed;
mod field;
mod guide_files;
mod guide_page;
mod guide_view;
mod images;
mod open_guide;
mod page;
mod secret_panel;
mod session;
mod side_panel;
mod theme;
mod variables_panel;
mod workers;

use std::sync::Arc;

use guide_engine::Document;
use leptos::prelude::*;

pub use crate::digest_state::DigestState;
pub use field::Field;
pub use guide_page::{head_description, head_title};
pub use open_guide::{OpenError, Source};
pub use page::{Opened, Page};
pub use session::Session;
pub use theme::Theme;

use guide_page::GuidePage;
use open_guide::OpenGuide;
use theme::ThemeToggle;

/// The element the app renders into, in `index.html` and in the prerendered markup.
pub const ROOT_ID: &str = "gp-app";

/// The non-executable `<script type="text/plain">` that carries the bundled guide's
/// document (`protocol::encode_document`), so the page shows it without parsing it.
pub const GUIDE_DATA_ID: &str = "gp-guide-data";

/// Set on the root once the app has taken over; browser tests wait for it.
pub const TAKEN_OVER_ATTRIBUTE: &str = "data-app-mounted";

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

/// The whole page, showing `bundled` until the reader opens another guide.
#[component]
pub fn App(
    /// The guide the page ships with.
    bundled: Arc<Document>,
    /// What the browser knew at takeover; nothing when prerendering.
    #[prop(optional)]
    startup: Startup,
) -> impl IntoView {
    let page = Page::new(bundled, startup);
    provide_context(page);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(transfer) = ev.data_transfer() {
            open_guide::open_files(page, guide_files::from_drop(&transfer));
        }
    };
    view! {
        <div class="app" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <header class="page-header">
                <p class="brand">"Guide Playground"</p>
                <div class="header-actions">
                    <ThemeToggle />
                    <OpenGuide />
                </div>
            </header>
            <p class="open-error" role="alert">{move || page.error.get()}</p>
            {move || view! { <GuidePage opened=page.current() /> }}
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
    browser::after_first_paint(replace_prerendered);
}

fn replace_prerendered() {
    let bundled = browser::data_block(GUIDE_DATA_ID)
        .ok_or_else(|| "the page carries no guide".to_owned())
        .and_then(|data| crate::protocol::decode_document(&data).map_err(|e| e.to_string()));
    let (Some(root), Ok(bundled)) = (browser::element(ROOT_ID), bundled) else {
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
    let typed = browser::typed_into(&root);
    let focused = browser::focused_id();
    let query = browser::query_pairs();
    let bundled = Arc::new(bundled);
    // Cleared and mounted in one task: the browser never paints the page without a guide.
    root.set_inner_html("");
    let Ok(root) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(root) else {
        return;
    };
    let mounted = root.clone();
    let startup = Startup { query, typed };
    leptos::mount::mount_to(
        root,
        move || view! { <App bundled=bundled startup=startup /> },
    )
    .forget();
    let _ = mounted.set_attribute(TAKEN_OVER_ATTRIBUTE, "");
    if let Some(id) = focused {
        browser::focus(&id);
    }
    // Loaded and warmed while the reader reads, ready before they press Generate.
    workers::start_hashing();
    embed::report_height();
    // The offline copy downloads every file of the build: it waits until the reader's
    // hashing worker is warm and idle, so it never slows the takeover or a digest.
    workers::when_hashing_settles(browser::keep_offline);
}

/// The app's markup for `bundled` at its default values: what the browser shows before
/// (and without) WebAssembly. Native only: the prerender step runs it at build time.
#[cfg(not(target_arch = "wasm32"))]
pub fn render_to_string(bundled: Arc<Document>) -> String {
    let owner = Owner::new();
    let html = owner.with(|| view! { <App bundled=bundled /> }.to_html());
    // Leptos marks text boundaries and branches with comments for hydration. The page is
    // taken over, not hydrated, so they are only bytes to download and parse.
    html.replace("<!>", "").replace("<!--<() />-->", "")
}
