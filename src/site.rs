//! A folder of guides as a site, decided without the file system or the DOM: which
//! files are guides and under which slug each is published, which are images, which
//! aliases redirect where, and every reason the folder cannot be built.
//!
//! The build's load stage (`src/build/load.rs`) lists the folder and asks [`read_folder`]
//! what it holds; where each file is written is the build's plan (`src/build/plan.rs`).
//! Two layouts are read, as a documentation team has them:
//!
//! - a Hugo section: `_index.md` (the section's own page, whose title and description
//!   the site's index takes) beside one folder per guide, each holding `index.md` and
//!   its images (Authelia's `integration/openid-connect/clients/` is one);
//! - a flat folder of `*.md` guides, images anywhere in it.
//!
//! A guide's slug, the folder of its page, is its folder's name (`grafana/index.md` →
//! `grafana/`) or its file's stem (`grafana.md` → `grafana/`), in lower case.

use std::collections::HashMap;
use std::fmt;

use crate::folder::{self, Entry, MAX_IMAGE_BYTES};

// The build reads the configuration file (with the `toml` crate, native only); the page
// never does.
#[cfg(not(target_arch = "wasm32"))]
pub mod branding;
#[cfg(not(target_arch = "wasm32"))]
pub mod config;
pub mod filter;
pub mod pages;

/// Most guides in one site. Authelia publishes 146 client guides; ten times that still
/// builds in seconds, and a folder with more is not a folder of guides.
pub const MAX_SITE_GUIDES: usize = 2_000;

/// Most files looked at in the folder of guides. Authelia's client section holds 181
/// files (146 guides and their images); a folder far past that is the wrong folder,
/// and stopping here keeps a build from walking a whole disk.
pub const MAX_SITE_FILES: usize = 20_000;

/// Deepest file below the folder of guides: a guide folder (1) and, below it, the depth
/// a guide folder may have when the reader opens it in the page
/// ([`folder::MAX_FOLDER_DEPTH`]).
pub const MAX_SITE_DEPTH: usize = folder::MAX_FOLDER_DEPTH + 1;

/// Longest slug, in characters: a slug is one folder name in an address.
pub const MAX_SLUG_LEN: usize = 64;

/// Most `/`-separated parts in an alias: Authelia's are four deep
/// (`/integration/openid-connect/matomo/`).
pub const MAX_ALIAS_PARTS: usize = 8;

/// Longest part of an alias, in bytes: each part becomes a folder name, and file
/// systems refuse names past 255 bytes (the build would fail on the file system's error,
/// naming no guide). Authelia's aliases have parts like `openid-connect` (14 bytes); a
/// slug is at most [`MAX_SLUG_LEN`].
pub const MAX_ALIAS_PART_BYTES: usize = 128;

/// Most bytes a built site may hold: the app's files, every page, redirect and image
/// (each image once, whichever guides show it). The index offers the guides' share as one
/// download ("Keep every guide offline"), and the per-file bounds alone allow far more
/// (each guide [`folder::MAX_IMAGES`] images of [`MAX_IMAGE_BYTES`]); 250 MB is a
/// thousand screenshots of a quarter of a megabyte, and a site past it is the wrong
/// folder, not one to offer a reader.
pub const MAX_SITE_BYTES: u64 = 250_000_000;

/// File names that are never guides: a folder's own read-me, and nested sections'
/// pages.
const NOT_GUIDES: [&str; 2] = ["readme.md", "_index.md"];

/// The section's own page, at the folder's root.
const SECTION_PAGE: &str = "_index.md";

/// One guide to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideFile {
    /// The folder of its page (`grafana`).
    pub slug: String,
    /// Its file, relative to the folder of guides.
    pub file: String,
}

/// What a folder of guides publishes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SiteFolder {
    /// The guides, by slug.
    pub guides: Vec<GuideFile>,
    /// The image files of the folder, by path (each within [`MAX_IMAGE_BYTES`]).
    pub images: Vec<String>,
    /// The section's own page (`_index.md`), if the folder is a Hugo section.
    pub section: Option<String>,
}

/// Why a folder of guides cannot be built. The build says every one it finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteError {
    /// The folder holds more than [`MAX_SITE_FILES`] files.
    TooManyFiles,
    /// A file lies deeper than [`MAX_SITE_DEPTH`].
    TooDeep {
        /// The file's path.
        path: String,
    },
    /// An image is larger than [`MAX_IMAGE_BYTES`].
    ImageTooLarge {
        /// The image's path.
        path: String,
        /// Its size.
        bytes: u64,
    },
    /// More guides than [`MAX_SITE_GUIDES`].
    TooManyGuides {
        /// How many the folder holds.
        found: usize,
    },
    /// No guide in the folder.
    NoGuides,
    /// A guide's name makes no slug (nothing left after the characters an address allows).
    NoSlug {
        /// The guide's file.
        file: String,
    },
    /// A guide's slug is the name of one of the app's own files or folders.
    SlugTaken {
        /// The guide's file.
        file: String,
        /// Its slug.
        slug: String,
    },
    /// Two guides would be published at the same address.
    DuplicateSlug {
        /// The slug both take.
        slug: String,
        /// The first guide's file.
        first: String,
        /// The second guide's file.
        second: String,
    },
    /// A guide does not parse.
    Guide {
        /// The guide's file.
        file: String,
        /// The line, when the engine names one.
        line: Option<usize>,
        /// Why.
        message: String,
    },
    /// A front-matter alias cannot become a redirect page.
    Alias {
        /// The guide's file.
        file: String,
        /// The alias as written.
        alias: String,
        /// Why.
        reason: String,
    },
    /// A guide shows more images than a page may ([`folder::MAX_IMAGES`]).
    TooManyImages {
        /// The guide's file.
        file: String,
        /// How many it shows.
        found: usize,
    },
    /// A file's name in the folder is not UTF-8: no address can name it.
    NotUtf8 {
        /// The folder holding it, relative to the folder of guides (`""` for its root).
        folder: String,
        /// The name's bytes, printable ASCII as itself and every other byte `\xNN`.
        name: String,
    },
    /// Two sources of the built site want one path, or one wants a file where the other
    /// needs a folder (see `src/build/plan/outputs.rs`).
    Collision {
        /// What wants the path, with the path (`the alias /sitemap.xml of a.md (…)`).
        claim: String,
        /// What had it first, with its path.
        other: String,
    },
    /// The built site would hold more than [`MAX_SITE_BYTES`].
    TooLarge {
        /// What would be more than the bound.
        what: String,
        /// Its bytes.
        bytes: u64,
    },
}

impl fmt::Display for SiteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SiteError::TooManyFiles => write!(
                f,
                "the folder holds more than {MAX_SITE_FILES} files (MAX_SITE_FILES); is it the folder of guides?"
            ),
            SiteError::TooDeep { path } => write!(
                f,
                "{path}: deeper than {MAX_SITE_DEPTH} folders below the folder of guides (MAX_SITE_DEPTH)"
            ),
            SiteError::ImageTooLarge { path, bytes } => write!(
                f,
                "{path}: {bytes} bytes; an image may be at most {MAX_IMAGE_BYTES} bytes (MAX_IMAGE_BYTES)"
            ),
            SiteError::TooManyGuides { found } => write!(
                f,
                "the folder holds {found} guides; a site may have at most {MAX_SITE_GUIDES} (MAX_SITE_GUIDES)"
            ),
            SiteError::NoGuides => write!(
                f,
                "the folder holds no guide: a guide is a .md file, or a folder holding index.md"
            ),
            SiteError::NoSlug { file } => write!(
                f,
                "{file}: its name has no letter or digit to make the address of its page from"
            ),
            SiteError::SlugTaken { file, slug } => write!(
                f,
                "{file} would be published at {slug}/, which is one of the app's own files: rename it"
            ),
            SiteError::DuplicateSlug {
                slug,
                first,
                second,
            } => write!(
                f,
                "{first} and {second} would both be published at {slug}/: rename one"
            ),
            SiteError::Guide {
                file,
                line: Some(line),
                message,
            } => write!(f, "{file}:{line}: {message}"),
            SiteError::Guide {
                file,
                line: None,
                message,
            } => write!(f, "{file}: {message}"),
            SiteError::Alias {
                file,
                alias,
                reason,
            } => write!(f, "{file}: the alias {alias} {reason}"),
            SiteError::TooManyImages { file, found } => write!(
                f,
                "{file}: shows {found} images; a guide may show at most {} (MAX_IMAGES)",
                folder::MAX_IMAGES
            ),
            SiteError::NotUtf8 { folder, name } => {
                let folder = if folder.is_empty() {
                    "the folder of guides".to_owned()
                } else {
                    format!("{folder}/")
                };
                write!(
                    f,
                    "{folder}: holds a file whose name is not UTF-8 (its bytes: {name}), which no address can name: rename it"
                )
            }
            SiteError::Collision { claim, other } => write!(f, "{claim} collides with {other}"),
            SiteError::TooLarge { what, bytes } => write!(
                f,
                "{what} would be {bytes} bytes; a site may hold at most {MAX_SITE_BYTES} bytes (MAX_SITE_BYTES)"
            ),
        }
    }
}

impl std::error::Error for SiteError {}

/// The slug a guide's name makes: lower case, letters and digits kept, every other run of
/// characters one `-`, at most [`MAX_SLUG_LEN`] characters. `None` when nothing is left.
pub fn slug_of(name: &str) -> Option<String> {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() || c == '_' {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= MAX_SLUG_LEN {
            break;
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    (!slug.is_empty()).then_some(slug)
}

/// Decides what the folder listed in `entries` (paths relative to the folder, sizes)
/// publishes.
///
/// # Errors
/// Every [`SiteError`] found, not only the first.
pub fn read_folder(entries: &[Entry]) -> Result<SiteFolder, Vec<SiteError>> {
    let mut errors = Vec::new();
    if entries.len() > MAX_SITE_FILES {
        return Err(vec![SiteError::TooManyFiles]);
    }
    let mut found = SiteFolder::default();
    // Folders holding an index.md are page bundles: their other .md files are the
    // bundle's resources, not guides.
    let bundles: std::collections::HashSet<&str> = entries
        .iter()
        .filter_map(|e| e.path.strip_suffix("/index.md"))
        .collect();
    let mut taken: HashMap<String, String> = HashMap::new();
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    for entry in sorted {
        let path = entry.path.as_str();
        if path.matches('/').count() >= MAX_SITE_DEPTH {
            errors.push(SiteError::TooDeep {
                path: path.to_owned(),
            });
            continue;
        }
        let lower = path.to_ascii_lowercase();
        if folder::is_image(path) {
            if entry.size > MAX_IMAGE_BYTES {
                errors.push(SiteError::ImageTooLarge {
                    path: path.to_owned(),
                    bytes: entry.size,
                });
            } else {
                found.images.push(path.to_owned());
            }
            continue;
        }
        if !lower.ends_with(".md") {
            continue;
        }
        if path == SECTION_PAGE {
            found.section = Some(path.to_owned());
            continue;
        }
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        if NOT_GUIDES.contains(&name.to_ascii_lowercase().as_str()) {
            continue;
        }
        let slug_source = if name == "index.md" {
            match dir.rsplit('/').next() {
                Some(folder) if !folder.is_empty() => folder,
                _ => {
                    errors.push(SiteError::NoSlug {
                        file: path.to_owned(),
                    });
                    continue;
                }
            }
        } else if bundles.contains(dir) {
            continue;
        } else {
            name.get(..name.len().saturating_sub(3)).unwrap_or(name)
        };
        let Some(slug) = slug_of(slug_source) else {
            errors.push(SiteError::NoSlug {
                file: path.to_owned(),
            });
            continue;
        };
        if let Some(first) = taken.get(&slug) {
            errors.push(SiteError::DuplicateSlug {
                slug,
                first: first.clone(),
                second: path.to_owned(),
            });
            continue;
        }
        taken.insert(slug.clone(), path.to_owned());
        found.guides.push(GuideFile {
            slug,
            file: path.to_owned(),
        });
    }
    if found.guides.is_empty() && errors.is_empty() {
        errors.push(SiteError::NoGuides);
    }
    if found.guides.len() > MAX_SITE_GUIDES {
        errors.push(SiteError::TooManyGuides {
            found: found.guides.len(),
        });
    }
    if errors.is_empty() {
        Ok(found)
    } else {
        Err(errors)
    }
}

/// A download size as the page says it: `850 kB`, `12.4 MB` (decimal units, as
/// browsers show downloads).
pub fn size_text(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{} kB", bytes.div_ceil(1_000))
    } else {
        let tenths = bytes.div_ceil(100_000);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

/// The folder an alias redirects from, below the site's root (`/integration/openid-
/// connect/matomo/` → `integration/openid-connect/matomo`).
///
/// # Errors
/// Why the alias cannot be a folder of the site: it is empty, climbs out, has more than
/// [`MAX_ALIAS_PARTS`] parts or a part longer than [`MAX_ALIAS_PART_BYTES`], or holds
/// characters an address would need escaped.
pub fn alias_folder(alias: &str) -> Result<String, String> {
    let parts: Vec<&str> = alias.split('/').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return Err("is the site's root, which is its index".to_owned());
    }
    if parts.len() > MAX_ALIAS_PARTS {
        return Err(format!(
            "has more than {MAX_ALIAS_PARTS} parts (MAX_ALIAS_PARTS)"
        ));
    }
    for part in &parts {
        if part.len() > MAX_ALIAS_PART_BYTES {
            return Err(format!(
                "has a part of {} bytes; a part may have at most {MAX_ALIAS_PART_BYTES} (MAX_ALIAS_PART_BYTES)",
                part.len()
            ));
        }
        let plain = part
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && !part.starts_with('.');
        if !plain {
            return Err(format!(
                "has a part ({part}) that is not letters, digits, '-', '_' and '.'"
            ));
        }
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(paths: &[&str]) -> Vec<Entry> {
        paths
            .iter()
            .map(|path| Entry {
                path: (*path).to_owned(),
                size: 10,
            })
            .collect()
    }

    fn slugs(found: &SiteFolder) -> Vec<(&str, &str)> {
        found
            .guides
            .iter()
            .map(|g| (g.slug.as_str(), g.file.as_str()))
            .collect()
    }

    #[test]
    fn a_hugo_section_publishes_each_bundle_under_its_folder_name() {
        let found = read_folder(&entries(&[
            "_index.md",
            "grafana/index.md",
            "grafana/login.png",
            "grafana/notes.md",
            "Home Assistant/index.md",
        ]))
        .expect("plans");
        assert_eq!(
            slugs(&found),
            vec![
                ("home-assistant", "Home Assistant/index.md"),
                ("grafana", "grafana/index.md")
            ]
        );
        assert_eq!(found.section.as_deref(), Some("_index.md"));
        assert_eq!(found.images, vec!["grafana/login.png"]);
    }

    #[test]
    fn a_flat_folder_publishes_each_file_under_its_stem() {
        let found = read_folder(&entries(&[
            "matomo.md",
            "README.md",
            "wiki_js.md",
            "img/a.png",
        ]))
        .expect("plans");
        assert_eq!(
            slugs(&found),
            vec![("matomo", "matomo.md"), ("wiki_js", "wiki_js.md")]
        );
    }

    #[test]
    fn two_guides_with_one_slug_are_both_named() {
        let errors = read_folder(&entries(&["matomo.md", "Matomo/index.md"])).expect_err("clash");
        assert_eq!(
            errors,
            vec![SiteError::DuplicateSlug {
                slug: "matomo".to_owned(),
                first: "Matomo/index.md".to_owned(),
                second: "matomo.md".to_owned(),
            }]
        );
        assert!(
            errors[0]
                .to_string()
                .contains("Matomo/index.md and matomo.md")
        );
    }

    #[test]
    fn every_bound_passed_is_reported_with_its_name() {
        let mut listed = entries(&["a.md", "a/b/c/d/e/f.md", "---.md"]);
        listed.push(Entry {
            path: "big.png".to_owned(),
            size: MAX_IMAGE_BYTES + 1,
        });
        let errors = read_folder(&listed).expect_err("bounds");
        let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(
            said.iter().any(|s| s.contains("MAX_SITE_DEPTH")),
            "{said:?}"
        );
        assert!(
            said.iter().any(|s| s.contains("MAX_IMAGE_BYTES")),
            "{said:?}"
        );
        assert!(said.iter().any(|s| s.starts_with("---.md")), "{said:?}");
        let too_many = vec![
            Entry {
                path: "x.md".to_owned(),
                size: 1
            };
            MAX_SITE_FILES + 1
        ];
        assert_eq!(read_folder(&too_many), Err(vec![SiteError::TooManyFiles]));
        assert_eq!(
            read_folder(&entries(&["a.txt"])),
            Err(vec![SiteError::NoGuides])
        );
    }

    #[test]
    fn slugs_keep_letters_digits_and_underscores() {
        assert_eq!(slug_of("Home Assistant").as_deref(), Some("home-assistant"));
        assert_eq!(slug_of("a..b").as_deref(), Some("a-b"));
        assert_eq!(slug_of("../etc").as_deref(), Some("etc"));
        assert_eq!(slug_of("日本"), None);
        assert_eq!(
            slug_of(&"x".repeat(500)).map(|s| s.len()),
            Some(MAX_SLUG_LEN)
        );
    }

    #[test]
    fn sizes_read_in_kilobytes_then_megabytes_rounded_up() {
        assert_eq!(size_text(0), "0 kB");
        assert_eq!(size_text(1), "1 kB");
        assert_eq!(size_text(999_999), "1000 kB");
        assert_eq!(size_text(1_000_000), "1.0 MB");
        assert_eq!(size_text(12_340_001), "12.4 MB");
    }

    #[test]
    fn aliases_become_plain_folders_or_are_refused_with_why() {
        assert_eq!(
            alias_folder("/integration/openid-connect/matomo/").as_deref(),
            Ok("integration/openid-connect/matomo")
        );
        assert!(alias_folder("/").is_err());
        assert!(alias_folder("/../x/").is_err());
        assert!(alias_folder("/a b/").is_err());
        assert!(alias_folder(&"/a".repeat(MAX_ALIAS_PARTS + 1)).is_err());
        assert_eq!(
            alias_folder(&format!("/old/{}/", "x".repeat(300))),
            Err(
                "has a part of 300 bytes; a part may have at most 128 (MAX_ALIAS_PART_BYTES)"
                    .to_owned()
            )
        );
        assert!(alias_folder(&format!("/{}/", "x".repeat(MAX_ALIAS_PART_BYTES))).is_ok());
    }
}
