//! Opening another guide: a file, several files or a whole guide folder (picker or
//! drop), or pasted text. The same engine renders it; a guide that cannot be read
//! leaves the current one in place and says why.

use guide_engine::MAX_GUIDE_BYTES;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast as _;

use super::browser;
use super::guide_files::{self, GivenFile};
use super::page::{Page, use_page};
use crate::folder::{self, Entry, FolderError};

/// A guide's text, where it came from, and the images the reader gave with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Shown to the reader ("Matomo (bundled)", a file's path, "pasted text").
    pub name: String,
    /// The guide's markdown, as read, before the worker parses it.
    pub text: String,
    /// Image files by their path relative to the guide; empty unless a folder or several
    /// files were opened.
    pub images: Vec<GivenFile>,
    /// Files of the folder left out, each with why.
    pub skipped: Vec<String>,
}

/// Why a guide is refused before it is read: the engine's one size cap, for files and
/// pastes alike, checked here so a wrong file is never read into memory.
fn too_large(name: &str, bytes: u64) -> Option<String> {
    let limit = u64::try_from(MAX_GUIDE_BYTES).unwrap_or(u64::MAX);
    (bytes > limit)
        .then(|| format!("{name} is {bytes} bytes; a guide may be at most {limit} bytes"))
}

/// The guide among `files`, read, with its images.
async fn from_files(files: Vec<GivenFile>) -> Result<Source, String> {
    let entries: Vec<Entry> = files
        .iter()
        .map(|(path, file)| Entry {
            path: path.clone(),
            size: browser::whole(file.size()),
        })
        .collect();
    let arranged = folder::arrange(&entries).map_err(|e| e.to_string())?;
    let Some((path, file)) = files.get(arranged.guide) else {
        return Err(FolderError::NoGuide.to_string());
    };
    if let Some(refusal) = too_large(path, browser::whole(file.size())) {
        return Err(refusal);
    }
    let text = guide_files::read_text(file).await?;
    let images = arranged
        .images
        .into_iter()
        .filter_map(|(key, index)| files.get(index).map(|(_, image)| (key, image.clone())))
        .collect();
    Ok(Source {
        name: path.clone(),
        text,
        images,
        skipped: arranged.skipped,
    })
}

/// Opens the guide among the files the reader gave, once they are all known (a dropped
/// folder is walked first).
pub fn open_files(
    page: Page,
    files: impl Future<Output = Result<Vec<GivenFile>, FolderError>> + 'static,
) {
    spawn_local(async move {
        let source = match files.await {
            Ok(files) => from_files(files).await,
            Err(refusal) => Err(refusal.to_string()),
        };
        page.open(source);
    });
}

/// The controls: choose a file, paste text, back to the bundled guide.
#[component]
pub fn OpenGuide() -> impl IntoView {
    let page = use_page();
    let pasted = RwSignal::new(String::new());
    let on_files = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(list) = input.as_ref().and_then(|i| i.files()) {
            let files = guide_files::from_list(&list);
            open_files(page, async { Ok(files) });
        }
        if let Some(input) = input {
            // Choosing the same files again must open them again.
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
                images: Vec::new(),
                skipped: Vec::new(),
            }));
        }
    };
    view! {
        <details class="open-guide needs-script">
            <summary>"Open another guide"</summary>
            <div class="field">
                <label for="gp-guide-file">"Guide file (.md), with its images if you like"</label>
                <input id="gp-guide-file" type="file" multiple
                    accept=".md,.markdown,text/markdown,text/plain,image/png,image/jpeg,image/gif,image/webp,image/avif"
                    on:change=on_files />
            </div>
            <div class="field">
                <label for="gp-guide-folder">"Guide folder (index.md and its images)"</label>
                <input id="gp-guide-folder" type="file" prop:webkitdirectory=true on:change=on_files />
                <p class="help">"Or drop a guide file or folder anywhere on the page. Its images come from your files; nothing is fetched."</p>
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
