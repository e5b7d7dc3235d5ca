//! A guide folder, decided without the DOM: which of the files the reader gave is the
//! guide, which are its images, and which image a relative path in the guide names.
//!
//! Authelia's client guides are folders: `index.md` beside its screenshots. The reader
//! opens the folder (or several files at once); the page then shows the screenshots from
//! the reader's own files and never asks any server for them.

use std::fmt;

/// Most files looked at in one folder. A guide folder holds a guide and a few images;
/// a drop of a whole home directory stops here instead of walking it for minutes.
pub const MAX_FOLDER_FILES: usize = 1000;

/// Deepest sub-folder walked below the dropped one. Authelia's guide folders are flat;
/// a few levels allow an `images/` folder and a copy of the whole client tree.
pub const MAX_FOLDER_DEPTH: usize = 4;

/// Most images one guide may show from the reader's files. Authelia's richest guide has
/// six; each image is a `blob:` URL held for as long as the guide is open.
pub const MAX_IMAGES: usize = 100;

/// Largest image shown, in bytes. A screenshot is a few hundred kilobytes; anything far
/// larger is not a guide's picture, and decoding it would stall the page.
pub const MAX_IMAGE_BYTES: u64 = 20_000_000;

/// Longest path kept, in bytes, so a hostile name cannot grow the page's memory.
pub const MAX_PATH_BYTES: usize = 1024;

/// The file names a guide folder's guide takes, first match wins (Hugo's page bundles:
/// `index.md`, or `_index.md` for a section).
const GUIDE_NAMES: [&str; 2] = ["index.md", "_index.md"];

/// File endings read as a guide.
const GUIDE_ENDINGS: [&str; 2] = [".md", ".markdown"];

/// File endings shown as images: raster formats only. An SVG is a document that can
/// hold script, and a `blob:` URL of one would run in the page's origin if opened in a
/// tab of its own.
const IMAGE_ENDINGS: [&str; 7] = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp"];

/// One file the reader gave, by its path inside what they opened (`notebook/index.md`,
/// or just `index.md` for a file chosen on its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The path, `/`-separated.
    pub path: String,
    /// Its size in bytes.
    pub size: u64,
}

/// What a set of files amounts to: the guide, and its images by the path the guide would
/// use for them (relative to the guide's own folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    /// The index of the guide among the entries.
    pub guide: usize,
    /// Each image's path relative to the guide and its index among the entries, in the
    /// order given. A list, not a map: there are at most [`MAX_IMAGES`], and a map would
    /// add its code (and a sort) to the page's download.
    pub images: Vec<(String, usize)>,
    /// Images left out, each with why, for the page to say.
    pub skipped: Vec<String>,
}

/// Why a set of files does not make a guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FolderError {
    /// Nothing in it is a guide.
    NoGuide,
    /// Several guides and no `index.md` to prefer.
    SeveralGuides(Vec<String>),
    /// More files than [`MAX_FOLDER_FILES`].
    TooManyFiles,
}

impl fmt::Display for FolderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FolderError::NoGuide => write!(
                f,
                "none of these files is a guide: choose a .md file or a folder holding index.md"
            ),
            FolderError::SeveralGuides(names) => write!(
                f,
                "these files hold several guides ({}) and no index.md: open one of them",
                names.join(", ")
            ),
            FolderError::TooManyFiles => write!(
                f,
                "the folder holds more than {MAX_FOLDER_FILES} files; a guide folder holds a guide and its images"
            ),
        }
    }
}

impl std::error::Error for FolderError {}

/// Picks the guide among `entries` and the images beside or below it.
///
/// # Errors
/// [`FolderError`] when no single guide stands out, or there are too many files.
pub fn arrange(entries: &[Entry]) -> Result<Folder, FolderError> {
    if entries.len() > MAX_FOLDER_FILES {
        return Err(FolderError::TooManyFiles);
    }
    let guide = pick_guide(entries)?;
    let guide_path = entries.get(guide).map_or("", |e| e.path.as_str());
    let base = guide_path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut images = Vec::new();
    let mut skipped = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        if !has_ending(&entry.path, &IMAGE_ENDINGS) {
            continue;
        }
        let Some(key) = below(base, &entry.path) else {
            continue;
        };
        if entry.size > MAX_IMAGE_BYTES {
            skipped.push(format!(
                "{key} is {} bytes; an image may be at most {MAX_IMAGE_BYTES} bytes",
                entry.size
            ));
        } else if images.len() >= MAX_IMAGES {
            skipped.push(format!(
                "{key} left out: a guide shows at most {MAX_IMAGES} images"
            ));
        } else {
            images.push((key, index));
        }
    }
    Ok(Folder {
        guide,
        images,
        skipped,
    })
}

/// The guide: an `index.md` nearest the top, else the only markdown file.
fn pick_guide(entries: &[Entry]) -> Result<usize, FolderError> {
    let depth = |e: &Entry| e.path.matches('/').count();
    let named = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| GUIDE_NAMES.contains(&file_name(&e.path)))
        .min_by_key(|(_, e)| (depth(e), e.path.clone()));
    if let Some((index, _)) = named {
        return Ok(index);
    }
    let guides: Vec<(usize, &Entry)> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| has_ending(&e.path, &GUIDE_ENDINGS))
        .collect();
    match guides.as_slice() {
        [] => Err(FolderError::NoGuide),
        [(index, _)] => Ok(*index),
        many => Err(FolderError::SeveralGuides(
            many.iter()
                .take(5)
                .map(|(_, e)| file_name(&e.path).to_owned())
                .collect(),
        )),
    }
}

/// The last part of a path.
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Whether a file is one the page shows as an image (raster formats only).
pub fn is_image(path: &str) -> bool {
    has_ending(path, &IMAGE_ENDINGS)
}

fn has_ending(path: &str, endings: &[&str]) -> bool {
    let lower = path.to_ascii_lowercase();
    endings.iter().any(|e| lower.ends_with(e))
}

/// `path` relative to the folder `base`, if it lies in it or below.
fn below(base: &str, path: &str) -> Option<String> {
    if base.is_empty() {
        return Some(path.to_owned());
    }
    path.strip_prefix(base)?
        .strip_prefix('/')
        .map(str::to_owned)
}

/// The folder path an image written in a guide stands for (`./img/a.png?x#y` is
/// `img/a.png`), relative to the guide's folder; `None` for a path that leaves it
/// (`../a.png`, `/a.png`) or is no file. Percent escapes are decoded (`a%20b.png`).
pub fn image_key(written: &str) -> Option<String> {
    if written.len() > MAX_PATH_BYTES || written.starts_with('/') {
        return None;
    }
    let path = written.split(['?', '#']).next().unwrap_or_default();
    guide_engine::publish::clean_path(path).filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn entries(paths: &[(&str, u64)]) -> Vec<Entry> {
        paths
            .iter()
            .map(|(path, size)| Entry {
                path: (*path).to_owned(),
                size: *size,
            })
            .collect()
    }

    #[test]
    fn a_folder_opens_its_index_with_the_images_beside_it() {
        let folder = arrange(&entries(&[
            ("notebook/notebook.png", 10),
            ("notebook/index.md", 100),
            ("notebook/img/detail.jpg", 10),
            ("notebook/notes.txt", 10),
        ]))
        .unwrap();
        assert_eq!(folder.guide, 1);
        let keys: Vec<&str> = folder.images.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["notebook.png", "img/detail.jpg"]);
        assert!(folder.skipped.is_empty());
    }

    #[test]
    fn several_files_chosen_together_are_a_folder_without_a_name() {
        let folder = arrange(&entries(&[("proxmox.png", 10), ("guide.md", 100)])).unwrap();
        assert_eq!(folder.guide, 1);
        assert_eq!(folder.images, [("proxmox.png".to_owned(), 0)]);
    }

    #[test]
    fn the_topmost_index_wins_over_deeper_ones_and_other_markdown() {
        let folder = arrange(&entries(&[
            ("clients/a/index.md", 1),
            ("clients/README.md", 1),
            ("clients/index.md", 1),
        ]))
        .unwrap();
        assert_eq!(folder.guide, 2);
    }

    #[test]
    fn images_outside_the_guides_folder_are_not_its_own() {
        let folder = arrange(&entries(&[
            ("clients/a/index.md", 1),
            ("clients/b/b.png", 1),
            ("clients/a/a.png", 1),
        ]))
        .unwrap();
        assert_eq!(folder.images, [("a.png".to_owned(), 2)]);
    }

    #[test]
    fn no_guide_and_several_guides_say_what_to_do() {
        assert_eq!(
            arrange(&entries(&[("a.png", 1)])),
            Err(FolderError::NoGuide)
        );
        let several = arrange(&entries(&[("a.md", 1), ("b.md", 1)])).unwrap_err();
        assert_eq!(
            several,
            FolderError::SeveralGuides(vec!["a.md".into(), "b.md".into()])
        );
        assert!(several.to_string().contains("open one of them"));
    }

    #[test]
    fn svg_is_never_an_image_because_it_can_hold_script() {
        let folder = arrange(&entries(&[("index.md", 1), ("logo.svg", 1)])).unwrap();
        assert!(folder.images.is_empty());
    }

    #[test]
    fn limits_name_themselves_and_the_guide_still_opens() {
        let huge = arrange(&entries(&[
            ("index.md", 1),
            ("big.png", MAX_IMAGE_BYTES + 1),
        ]))
        .unwrap();
        assert!(huge.images.is_empty());
        assert!(huge.skipped[0].contains(&MAX_IMAGE_BYTES.to_string()));

        let mut many: Vec<(String, u64)> =
            (0..=MAX_IMAGES).map(|i| (format!("{i}.png"), 1)).collect();
        many.push(("index.md".into(), 1));
        let many: Vec<(&str, u64)> = many.iter().map(|(p, s)| (p.as_str(), *s)).collect();
        let folder = arrange(&entries(&many)).unwrap();
        assert_eq!(folder.images.len(), MAX_IMAGES);
        assert!(folder.skipped[0].contains(&MAX_IMAGES.to_string()));

        let too_many: Vec<Entry> = (0..=MAX_FOLDER_FILES)
            .map(|i| Entry {
                path: format!("{i}.txt"),
                size: 1,
            })
            .collect();
        let error = arrange(&too_many).unwrap_err();
        assert_eq!(error, FolderError::TooManyFiles);
        assert!(error.to_string().contains(&MAX_FOLDER_FILES.to_string()));
    }

    #[test]
    fn a_written_image_path_names_a_file_of_the_folder() {
        assert_eq!(image_key("proxmox.png").as_deref(), Some("proxmox.png"));
        assert_eq!(image_key("./img/a.png?v=2#x").as_deref(), Some("img/a.png"));
        assert_eq!(image_key("img/../b%20c.png").as_deref(), Some("b c.png"));
        assert_eq!(image_key("../a.png"), None);
        assert_eq!(image_key("/a.png"), None);
        assert_eq!(image_key("a%zz.png"), None);
        assert_eq!(image_key("./"), None);
    }

    proptest! {
        #[test]
        fn image_keys_never_climb_out_or_hold_dot_parts(written in "[a-z./%0-9?#]{0,40}") {
            if let Some(key) = image_key(&written) {
                prop_assert!(!key.is_empty());
                prop_assert!(!key.starts_with('/'));
                prop_assert!(key.split('/').all(|p| !p.is_empty() && p != "." && p != ".."));
            }
        }

        #[test]
        fn arranging_any_files_never_panics_and_keeps_its_bounds(
            paths in proptest::collection::vec(("[a-z]{1,3}(/[a-z]{1,3}){0,3}\\.(md|png|svg|txt)", 0u64..30_000_000), 0..40)
        ) {
            let entries: Vec<Entry> = paths.into_iter().map(|(path, size)| Entry { path, size }).collect();
            if let Ok(folder) = arrange(&entries) {
                prop_assert!(folder.guide < entries.len());
                prop_assert!(folder.images.len() <= MAX_IMAGES);
                for (_, index) in &folder.images {
                    prop_assert!(entries[*index].size <= MAX_IMAGE_BYTES);
                }
            }
        }
    }
}
