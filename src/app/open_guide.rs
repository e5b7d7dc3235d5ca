//! Opening another guide: a file picker, dropping a file on the page, or pasting its
//! text. The same engine renders it; a guide that cannot be read leaves the current one
//! in place and says why.

use guide_engine::MAX_GUIDE_BYTES;
use leptos::prelude::*;

use super::page::use_page;
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

/// A guide's text and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Shown to the reader ("Matomo (bundled)", a file name, "pasted text").
    pub name: String,
    /// The markdown.
    pub text: String,
}

/// Why a guide is refused before it is read: the engine's one size cap, for files and
/// pastes alike, checked here so a wrong file is never read into memory.
fn too_large(name: &str, bytes: u64) -> Option<String> {
    let limit = u64::try_from(MAX_GUIDE_BYTES).unwrap_or(u64::MAX);
    (bytes > limit)
        .then(|| format!("{name} is {bytes} bytes; a guide may be at most {limit} bytes"))
}

/// Reads a file the reader chose or dropped, then hands its text to `open`.
pub fn read_file(file: web_sys::File, open: impl Fn(Result<Source, String>) + 'static) {
    if let Some(refusal) = too_large(&file.name(), super::browser::whole(file.size())) {
        open(Err(refusal));
        return;
    }
    let name = file.name();
    let on_text = Closure::once(move |text: JsValue| match text.as_string() {
        Some(text) => open(Ok(Source { name, text })),
        None => open(Err("the file is not text".to_owned())),
    });
    let on_error = Closure::once(move |_: JsValue| ());
    let _ = file.text().then2(&on_text, &on_error);
    on_text.forget();
    on_error.forget();
}

/// The controls: choose a file, paste text, back to the bundled guide.
#[component]
pub fn OpenGuide() -> impl IntoView {
    let page = use_page();
    let pasted = RwSignal::new(String::new());
    let on_file = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(file) = input
            .as_ref()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        {
            read_file(file, move |result| page.open(result));
        }
        if let Some(input) = input {
            // Choosing the same file again must open it again.
            input.set_value("");
        }
    };
    let open_pasted = move |_| {
        let text = pasted.get_untracked();
        let bytes = u64::try_from(text.len()).unwrap_or(u64::MAX);
        if text.trim().is_empty() {
            page.open(Err("paste a guide's markdown first".to_owned()));
        } else if let Some(refusal) = too_large("The pasted text", bytes) {
            page.open(Err(refusal));
        } else {
            page.open(Ok(Source {
                name: "pasted text".to_owned(),
                text,
            }));
        }
    };
    view! {
        <details class="open-guide needs-script">
            <summary>"Open another guide"</summary>
            <div class="field">
                <label for="gp-guide-file">"Guide file (.md)"</label>
                <input id="gp-guide-file" type="file" accept=".md,.markdown,text/markdown,text/plain" on:change=on_file />
                <p class="help">"Or drop a guide file anywhere on the page."</p>
            </div>
            <div class="field">
                <label for="gp-guide-paste">"Paste a guide"</label>
                <textarea id="gp-guide-paste" rows="4" spellcheck="false" bind:value=pasted></textarea>
                <button type="button" on:click=open_pasted>"Open pasted guide"</button>
            </div>
            <Show when=move || !page.is_bundled()>
                <button type="button" on:click=move |_| page.back_to_bundled()>
                    {format!("Back to the {} guide", page.bundled_title())}
                </button>
            </Show>
        </details>
    }
}
