//! Opening another guide: a file, several files or a whole guide folder (picker or
//! drop), or pasted text. The same engine renders it; a guide that cannot be read
//! leaves the current one in place and says why.

use std::fmt;

use guide_engine::MAX_GUIDE_BYTES;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast as _;

use super::guide_files::{self, GivenFile};
use super::page::{Page, use_page};
use super::workers::{self, JobError};
use crate::folder::{self, Entry, FolderError};
use crate::number::whole;
use crate::protocol::WorkerKind;

/// A guide's text, where it came from, and the images the reader gave with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Shown to the reader (the page's own guide's title, "Matomo"; a file's path; "pasted text").
    pub name: String,
    /// The guide's markdown, as read, before the worker parses it.
    pub text: String,
    /// Image files by their path relative to the guide; empty unless a folder or several
    /// files were opened.
    pub images: Vec<GivenFile>,
    /// Files of the folder left out, each with why.
    pub skipped: Vec<String>,
}

/// Why a guide the reader chose is not on show; the guide that was stays. The page
/// shows the message above the guide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// "Open pasted guide" with nothing pasted.
    NothingPasted,
    /// The files given are not one guide folder (none or several guides, too many files).
    Folder(FolderError),
    /// Larger than the engine's one size cap, [`MAX_GUIDE_BYTES`]; refused before it is
    /// read, so a wrong file is never read into memory.
    TooLarge {
        /// The file's path, or "The pasted text".
        name: String,
        /// Its size.
        bytes: u64,
        /// The cap, in bytes.
        limit: u64,
    },
    /// The browser could not read the file (gone, or not readable by the page).
    Unreadable {
        /// The file's name.
        name: String,
    },
    /// The file's content is not text.
    NotText {
        /// The file's name.
        name: String,
    },
    /// The parser worker refused the guide (the reason says what is wrong with it) or
    /// could not parse it in time.
    NotParsed {
        /// Where the guide came from: a path or "pasted text".
        name: String,
        /// What the worker said.
        reason: JobError,
    },
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::NothingPasted => f.write_str("paste a guide's markdown first"),
            OpenError::Folder(refusal) => refusal.fmt(f),
            OpenError::TooLarge { name, bytes, limit } => {
                write!(
                    f,
                    "{name} is {bytes} bytes; a guide may be at most {limit} bytes"
                )
            }
            OpenError::Unreadable { name } => write!(f, "{name} could not be read"),
            OpenError::NotText { name } => write!(f, "{name} is not text"),
            OpenError::NotParsed { name, reason } => {
                write!(f, "{name} could not be opened: {reason}")
            }
        }
    }
}

impl std::error::Error for OpenError {}

impl From<FolderError> for OpenError {
    fn from(refusal: FolderError) -> OpenError {
        OpenError::Folder(refusal)
    }
}

/// Refuses a guide of `bytes` bytes before it is read when it passes the engine's cap.
fn check_size(name: &str, bytes: u64) -> Result<(), OpenError> {
    let limit = u64::try_from(MAX_GUIDE_BYTES).unwrap_or(u64::MAX);
    if bytes > limit {
        return Err(OpenError::TooLarge {
            name: name.to_owned(),
            bytes,
            limit,
        });
    }
    Ok(())
}

/// The guide among `files`, read, with its images.
async fn from_files(files: Vec<GivenFile>) -> Result<Source, OpenError> {
    let entries: Vec<Entry> = files
        .iter()
        .map(|(path, file)| Entry {
            path: path.clone(),
            size: whole(file.size()),
        })
        .collect();
    let arranged = folder::arrange(&entries)?;
    let Some((path, file)) = files.get(arranged.guide) else {
        return Err(FolderError::NoGuide.into());
    };
    check_size(path, whole(file.size()))?;
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
            Err(refusal) => Err(refusal.into()),
        };
        page.open(source);
    });
}

/// The controls: choose a file or a folder, or paste text. (The way back is outside,
/// where it is always visible: [`App`](super::App).)
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
        let source = if text.trim().is_empty() {
            Err(OpenError::NothingPasted)
        } else {
            check_size("The pasted text", bytes).map(|()| Source {
                name: "pasted text".to_owned(),
                text,
                images: Vec::new(),
                skipped: Vec::new(),
            })
        };
        page.open(source);
    };
    view! {
        // Opened, it starts the parser, so that its download (about 2 s on a slow phone's
        // network) runs while the reader picks or pastes a guide.
        <details class="open-guide needs-script" on:toggle=|_| workers::start(WorkerKind::Parsing)>
            <summary>"Open another guide"</summary>
            // A form that opts out of autocomplete, so the browser never saves these fields
            // for Back or its session files: a pasted guide may hold a configuration or a
            // secret, and Chromium reads a textarea's or a file input's choice from its
            // form only. No field in it submits the form on Enter.
            <form autocomplete="off">
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
                    <textarea id="gp-guide-paste" rows="4" spellcheck="false" autocomplete="off" bind:value=(Signal::from(pasted), pasted.write_only())></textarea>
                    <button type="button" on:click=open_pasted>"Open pasted guide"</button>
                </div>
            </form>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guide_past_the_cap_is_refused_before_it_is_read_with_both_sizes() {
        let limit = u64::try_from(MAX_GUIDE_BYTES).unwrap_or(u64::MAX);
        assert_eq!(check_size("index.md", limit), Ok(()));
        let refusal = check_size("The pasted text", limit + 1).unwrap_err();
        assert_eq!(
            refusal.to_string(),
            format!(
                "The pasted text is {} bytes; a guide may be at most {limit} bytes",
                limit + 1
            )
        );
    }

    #[test]
    fn each_refusal_names_what_was_given() {
        let not_parsed = OpenError::NotParsed {
            name: "pasted text".to_owned(),
            reason: JobError::Refused("line 2: front matter is not valid".to_owned()),
        };
        assert_eq!(
            not_parsed.to_string(),
            "pasted text could not be opened: line 2: front matter is not valid"
        );
        assert_eq!(
            OpenError::NotText {
                name: "a.md".to_owned()
            }
            .to_string(),
            "a.md is not text"
        );
        assert_eq!(
            OpenError::from(FolderError::NoGuide).to_string(),
            FolderError::NoGuide.to_string()
        );
    }
}
