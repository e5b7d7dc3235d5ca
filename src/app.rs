//! The page: the only module (with its children) that touches the DOM.

use leptos::prelude::*;

/// The whole page: header and the region where the guide is rendered.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <div class="app" data-app-mounted="">
        <header class="page-header">
            <h1>"Guide Playground"</h1>
            <p class="tagline">"Authelia's OpenID Connect guides, filled in with your values."</p>
        </header>
        <main id="guide" class="guide" aria-label="Guide">
            <p>"The guide appears here."</p>
        </main>
        </div>
    }
}
