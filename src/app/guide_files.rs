//! The files the reader gave, each with its path inside what they opened: a picker's
//! list (one file, several, or a folder) or a drop, whose folders are walked.
//!
//! Which of them is the guide and which are its images is decided by the pure
//! [`folder`](crate::folder) module; this one only asks the browser for the files.

use js_sys::{Array, Promise};
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DataTransfer, File, FileList, FileSystemDirectoryEntry, FileSystemEntry, FileSystemFileEntry,
};

use super::open_guide::OpenError;
use crate::folder::{FolderError, MAX_FOLDER_DEPTH, MAX_FOLDER_FILES};

/// A file and its `/`-separated path inside what the reader opened.
pub type GivenFile = (String, File);

/// The files of a picker, by the path the browser gives each (`notebook/index.md` for a
/// folder, the file's name otherwise).
pub fn from_list(list: &FileList) -> Vec<GivenFile> {
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|file| (relative_path(&file), file))
        .collect()
}

/// The files of a drop, its folders walked at most [`MAX_FOLDER_DEPTH`] deep.
///
/// The entries must be taken while the drop event is being handled (the browser empties
/// the transfer afterwards); call this from the handler and await it later.
///
/// # Errors
/// [`FolderError::TooManyFiles`] when the drop holds more than [`MAX_FOLDER_FILES`].
pub fn from_drop(
    transfer: &DataTransfer,
) -> impl Future<Output = Result<Vec<GivenFile>, FolderError>> + use<> {
    let items = transfer.items();
    let entries: Vec<FileSystemEntry> = (0..items.length())
        .filter_map(|i| items.get(i))
        .filter_map(|item| item.webkit_get_as_entry().ok().flatten())
        .collect();
    // A browser without entries still lists dropped files (but no folders).
    let plain = transfer
        .files()
        .map(|list| from_list(&list))
        .unwrap_or_default();
    async move {
        if entries.is_empty() {
            return Ok(plain);
        }
        walk(entries).await
    }
}

/// Every file below `roots`. Files and folders alike count towards
/// [`MAX_FOLDER_FILES`], so a drop of a huge tree stops early and holds little.
async fn walk(roots: Vec<FileSystemEntry>) -> Result<Vec<GivenFile>, FolderError> {
    let mut files = Vec::new();
    let mut seen = roots.len();
    let mut pending: Vec<(FileSystemEntry, usize)> = roots.into_iter().map(|e| (e, 0)).collect();
    while let Some((entry, depth)) = pending.pop() {
        if seen > MAX_FOLDER_FILES {
            return Err(FolderError::TooManyFiles);
        }
        // Chromium exposes no `FileSystem*Entry` interfaces to test against, so the
        // entries say what they are.
        if entry.is_directory() {
            if depth < MAX_FOLDER_DEPTH {
                let found = children(entry.unchecked_ref()).await;
                seen += found.len();
                pending.extend(found.into_iter().map(|child| (child, depth + 1)));
            }
            continue;
        }
        let file = if entry.is_file() {
            file_of(entry.unchecked_ref()).await
        } else {
            None
        };
        if let Some(file) = file {
            // `/notebook/index.md` → `notebook/index.md`
            let path = entry.full_path().trim_start_matches('/').to_owned();
            files.push((path, file));
        }
    }
    Ok(files)
}

/// A folder's entries: `readEntries` gives them in batches until an empty one. Stops
/// once there are more than [`MAX_FOLDER_FILES`], which the caller then refuses.
async fn children(directory: &FileSystemDirectoryEntry) -> Vec<FileSystemEntry> {
    let reader = directory.create_reader();
    let mut all = Vec::new();
    while all.len() <= MAX_FOLDER_FILES {
        let batch = Promise::new(&mut |resolve, reject| {
            let _ = reader.read_entries_with_callback_and_callback(&resolve, &reject);
        });
        let Ok(batch) = JsFuture::from(batch).await else {
            break;
        };
        let batch: Array = batch.unchecked_into();
        if batch.length() == 0 {
            break;
        }
        all.extend(batch.iter().map(JsCast::unchecked_into::<FileSystemEntry>));
    }
    all
}

/// The file behind a file entry; `None` if the browser cannot give it.
async fn file_of(entry: &FileSystemFileEntry) -> Option<File> {
    let file = Promise::new(&mut |resolve, reject| {
        entry.file_with_callback_and_callback(&resolve, &reject);
    });
    JsFuture::from(file).await.ok()?.dyn_into().ok()
}

#[wasm_bindgen]
extern "C" {
    /// A file from a picker, with what web-sys's `File` lacks.
    #[wasm_bindgen(extends = File)]
    type PickedFile;

    /// `File.webkitRelativePath`: the path inside a chosen folder, empty otherwise.
    #[wasm_bindgen(method, getter = webkitRelativePath)]
    fn webkit_relative_path(this: &PickedFile) -> Option<String>;
}

/// A picked file's path inside the chosen folder, else its name.
fn relative_path(file: &File) -> String {
    file.unchecked_ref::<PickedFile>()
        .webkit_relative_path()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| file.name())
}

/// Reads a file's text.
///
/// # Errors
/// [`OpenError::Unreadable`] when the browser cannot read the file,
/// [`OpenError::NotText`] when what it reads is not text.
pub async fn read_text(file: &File) -> Result<String, OpenError> {
    let name = file.name();
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| OpenError::Unreadable { name: name.clone() })?;
    text.as_string().ok_or(OpenError::NotText { name })
}
