//! Where the reader's values are edited: beside the guide on wide screens, above it on
//! narrow ones and in an iframe, at the place the guide marks (`sitevar-preferences`).

use leptos::prelude::*;

use super::secret_panel::SecretPanel;
use super::session::use_session;
use super::variables_panel::VariablesPanel;

/// The variables panel and, when the guide has a client secret, the secret panel.
#[component]
pub fn SidePanel() -> impl IntoView {
    let session = use_session();
    let secret = session
        .document()
        .needs_secret()
        .then(|| view! { <SecretPanel /> });
    view! {
        <div class="side-panel">
            <VariablesPanel />
            {secret}
        </div>
    }
}
