//! A guide's code block: its title, the code with every variable live and highlighted by
//! the tokens the engine gave it, Copy, and for Authelia's configuration a download and a
//! note that it holds the digest.

use leptos::prelude::*;

use super::browser;
use super::configuration_tools::configuration_file;
use super::copy_button::CopyButton;
use super::guide_view::segment;
use super::session::{Session, use_session};
use guide_engine::Segment;
use guide_engine::highlight::{Piece, Token, pieces};
use guide_secrets::escape::WrittenFor;

/// The title of the block that "Download" saves.
pub(super) const CONFIG_FILE: &str = "configuration.yml";

/// One fenced or indented code block.
#[component]
pub fn CodeBlock(
    /// The fence's language (`yaml`), if any.
    language: Option<String>,
    /// The fence's `title` (`configuration.yml`), if any.
    title: Option<String>,
    /// The code, with variables and the digest as nodes.
    code: Vec<Segment>,
    /// The code's tokens, computed by the engine (empty: plain text).
    tokens: Vec<Token>,
    /// The block holds the digest: it is Authelia's configuration.
    holds_digest: bool,
    /// The guide wrote the plaintext secret here, and the engine put the digest in its
    /// place, as Authelia recommends.
    replaces_plaintext: bool,
) -> impl IntoView {
    let session = use_session();
    let code = StoredValue::new(code);
    // Authelia's block gives the whole configuration.yml once the reader has generated
    // a provider block (`configuration_tools`).
    let text = Callback::new(move |()| {
        let text = code.with_value(|c| session.resolve(c));
        if holds_digest {
            configuration_file(text)
        } else {
            text
        }
    });
    let caption = title
        .clone()
        .or_else(|| language.clone())
        .unwrap_or_default();
    let name = title.clone().unwrap_or_else(|| "code".to_owned());
    let download = (title.as_deref() == Some(CONFIG_FILE)).then(|| {
        // Authelia reads the file itself: no Compose `$$` or `.env` form belongs in it,
        // and a provider block the reader generated does.
        let save = move |_| {
            let yaml = code.with_value(|c| session.resolve_for(c, WrittenFor::Yaml));
            let yaml = configuration_file(yaml);
            browser::download::download(CONFIG_FILE, &yaml, "application/yaml");
        };
        view! {
            <button type="button" class="small needs-script" on:click=save>
                "Download configuration.yml"
            </button>
        }
    });
    let note = holds_digest.then(|| {
        let replaced = replaces_plaintext.then_some(
            " The guide wrote the secret itself here; Authelia recommends the digest, so that is shown instead.",
        );
        view! {
            <p class="where-it-goes">
                "This block belongs in Authelia's configuration. Its "
                <code>"client_secret"</code>
                " is the digest of your client secret, never the secret itself."
                {replaced}
            </p>
        }
    });
    view! {
        <figure class="code-block" data-title=title.unwrap_or_default()>
            <figcaption>
                <span class="code-title">{caption}</span>
                <span class="code-actions">
                    <CopyButton text=text label=format!("Copy {name}") />
                    {download}
                </span>
            </figcaption>
            // Focusable and named, so a block wider than the screen scrolls from the keyboard.
            <pre role="group" tabindex="0" aria-label=format!("Code: {name}")
                data-lang=language.unwrap_or_default()>
                <code>{code.with_value(|c| highlighted(session, c, &tokens))}</code>
            </pre>
            {note}
        </figure>
    }
}

/// The code as the engine's tokens lay it out: a span with the token's class around each
/// coloured piece of text, and around each value that falls inside such a token (the
/// value keeps its own marked span inside it).
fn highlighted(session: Session, code: &[Segment], tokens: &[Token]) -> Vec<AnyView> {
    pieces(code, tokens)
        .into_iter()
        .map(|piece| {
            let (kind, view) = match piece {
                Piece::Text(kind, text) => (kind, text.to_owned().into_any()),
                Piece::Slot(kind, value) => (kind, segment(session, value)),
            };
            match kind.class() {
                Some(class) => view! { <span class=class>{view}</span> }.into_any(),
                None => view,
            }
        })
        .collect()
}
