//! The build's first stage: the site configuration file, the folder of guides (listed
//! within the site's bounds, read as a site by [`site::read_folder`], every guide parsed
//! under the watchdog's budget) and what Trunk staged (its page, the page's style sheet and
//! JavaScript glue, every other file's name). Also [`images`]: the images the guides show,
//! each read once for the digest that names it, once the plan knows which they are. The
//! service worker's stage reads the staged files and the images again, for the digest that
//! is its version ([`crate::build::service_worker`]).

use std::collections::HashMap;
use std::io::Read as _;
use std::path::Path;

use guide_engine::{Document, FrontMatterError, GuideError};
use sha2::{Digest as _, Sha256};

use super::{BuildError, Inputs, io, page, watchdog};
use crate::folder::{Entry, MAX_IMAGE_BYTES};
use crate::site::config::{self, ConfigError, SiteConfig};
use crate::site::{self, SiteError};

/// The page Trunk stages, which the build makes the template of every page of the site.
pub const PAGE: &str = "index.html";

/// The service worker the build writes (and a file of that name Trunk might have
/// staged, which the build's own replaces).
pub const SERVICE_WORKER: &str = "service-worker.js";

/// Under `trunk serve`, the file Trunk's live-reload script moves to (see [`super::page`]).
pub const LIVE_RELOAD: &str = "trunk-live-reload.js";

/// The private folder of the staging directory files are written in before each is
/// renamed into place. No claimed path can be in it: slugs and alias parts never start
/// with `.`.
pub const PARTIAL_FOLDER: &str = ".prerender-partial";

/// Hex digits of an image's SHA-256 in its published name: 128 bits, so two different
/// images never share a name by chance.
pub const IMAGE_NAME_HEX: usize = 32;

/// A guide of the folder, parsed.
#[derive(Debug, Clone)]
pub struct Guide {
    /// The folder of its page (`grafana`).
    pub slug: String,
    /// Its file, relative to the folder of guides.
    pub file: String,
    /// The guide, at the configuration's defaults.
    pub document: Document,
}

/// What Trunk staged.
#[derive(Debug, Clone, Default)]
pub struct Staged {
    /// Its page ([`PAGE`]), as Trunk wrote it.
    pub page: String,
    /// The names at its root but the page's, each with whether it is a folder.
    pub root: Vec<(String, bool)>,
    /// Every staged file (paths below the staging folder, `/`-separated), the page too,
    /// but not [`SERVICE_WORKER`] or [`LIVE_RELOAD`], which the build writes.
    pub files: Vec<String>,
    /// The bytes of every staged file but the page (which the index replaces).
    pub bytes: u64,
    /// The files the page names with an integrity attribute that the build rewrites (its
    /// JavaScript glue): name and text.
    pub linked: Vec<(String, String)>,
}

/// Everything the later stages read.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The configuration and the folder of guides, every guide parsed.
    pub sources: Sources,
    /// What Trunk staged.
    pub staged: Staged,
}

/// An image a guide shows, read once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// Its file in the folder of guides.
    pub from: String,
    /// The first [`IMAGE_NAME_HEX`] hex digits of its SHA-256.
    pub digest: String,
    /// Its size.
    pub bytes: u64,
}

/// What the site is made of, read before Trunk's page: the configuration and the folder of
/// guides, every guide parsed ([`sources`]).
#[derive(Debug, Clone)]
pub struct Sources {
    /// The site configuration (the default one without a file).
    pub config: SiteConfig,
    /// The configuration file's name, for messages.
    pub config_file: String,
    /// The folder as a site: its guides, images and section page.
    pub site: site::SiteFolder,
    /// The size of every file of the folder, by path.
    pub sizes: HashMap<String, u64>,
    /// Every guide, parsed, in the order of [`site::SiteFolder::guides`].
    pub guides: Vec<Guide>,
    /// The Hugo section's own page, parsed, when the folder is a section.
    pub section: Option<Document>,
}

/// Loads the configuration, the folder of guides and what Trunk staged.
///
/// # Errors
/// Every reason found: a configuration that cannot be used, every file of the folder
/// that cannot be published or guide that does not parse, a default no guide uses; then
/// a staged page that cannot be read.
pub fn load(inputs: &Inputs) -> Result<Loaded, Vec<BuildError>> {
    let one = |e| vec![e];
    let sources = sources(inputs)?;
    let page_path = inputs.staging.join(PAGE);
    let page = std::fs::read_to_string(&page_path)
        .map_err(io(&page_path))
        .map_err(one)?;
    let mut staged = staged(&inputs.staging).map_err(one)?;
    check_integrity(&inputs.staging, &page, &inputs.public_path, &staged.files)?;
    staged.page = page;
    Ok(Loaded { sources, staged })
}

/// Every file the staged page names by its integrity holds the bytes it is named by.
/// Trunk records a file's digest as it copies the file, and a copy that another of its
/// pipelines rewrote meanwhile once left pages naming the digest of an empty file: the
/// browser refuses to run such a file, and the page never loads its first module
/// (docs/decisions/typing-first.md, 2026-12-07). Such a build is refused, not published.
///
/// # Errors
/// Each file named that Trunk did not stage, or whose bytes give another digest.
fn check_integrity(
    staging: &Path,
    page: &str,
    public_path: &str,
    files: &[String],
) -> Result<(), Vec<BuildError>> {
    let mut errors = Vec::new();
    for (href, named) in page::named_by_integrity(page) {
        let name = href
            .strip_prefix(public_path)
            .or_else(|| href.strip_prefix('/'))
            .unwrap_or(href);
        if !files.iter().any(|file| file == name) {
            errors.push(BuildError::Page(format!(
                "names {href} by its integrity, and Trunk staged no such file"
            )));
            continue;
        }
        let path = staging.join(name);
        match std::fs::read(&path) {
            Err(error) => errors.push(io(&path)(error)),
            Ok(bytes) => {
                let actual = page::integrity(&bytes);
                if actual != named {
                    errors.push(BuildError::Page(format!(
                        "names {name} by the integrity {named}, but the file staged holds \
                         {actual}: it changed after Trunk hashed it; build again"
                    )));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Reads the configuration and the folder of guides, and parses every guide: all the
/// build checks before Trunk's page exists, so that Trunk's pre-build hook can refuse a
/// folder before the WebAssembly is built ([`crate::build::check`]).
///
/// # Errors
/// Every reason found: a configuration that cannot be used, every file of the folder
/// that cannot be published or guide that does not parse, a default no guide uses.
pub fn sources(inputs: &Inputs) -> Result<Sources, Vec<BuildError>> {
    let one = |e| vec![e];
    let config = load_config(&inputs.folder, inputs.config.as_deref())?.unwrap_or_default();
    let config_file = inputs.config.as_deref().map_or_else(
        || config::CONFIG_FILE.to_owned(),
        |path| path.display().to_string(),
    );
    let config_error = |error| BuildError::Config {
        file: config_file.clone(),
        error,
    };

    let (entries, mut refused) = list(&inputs.folder).map_err(one)?;
    let site = match site::read_folder(&entries) {
        Ok(plan) if refused.is_empty() => plan,
        Ok(_) => return Err(sites(refused)),
        Err(errors) => {
            refused.extend(errors);
            return Err(sites(refused));
        }
    };
    if let Err(error) = config::check_logo(&config, &site.images) {
        return Err(one(config_error(error)));
    }

    // Every guide parsed before anything is written, so every failure is said.
    let mut errors = Vec::new();
    let mut guides = Vec::new();
    for planned in &site.guides {
        let path = inputs.folder.join(&planned.file);
        match std::fs::read_to_string(&path) {
            Err(error) => errors.push(BuildError::Io {
                path: planned.file.clone(),
                error,
            }),
            Ok(source) => match watchdog::read_within_budget(&planned.file, || {
                guide_engine::parse_with_defaults(&source, &config.defaults)
            }) {
                Ok(document) => guides.push(Guide {
                    slug: planned.slug.clone(),
                    file: planned.file.clone(),
                    document,
                }),
                Err(error) => errors.push(BuildError::Site(guide_error(&planned.file, &error))),
            },
        }
    }
    let section = match &site.section {
        Some(file) => {
            let path = inputs.folder.join(file);
            match std::fs::read_to_string(&path)
                .map(|s| watchdog::read_within_budget(file, || guide_engine::parse(&s)))
            {
                Ok(Ok(document)) => Some(document),
                Ok(Err(error)) => {
                    errors.push(BuildError::Site(guide_error(file, &error)));
                    None
                }
                Err(error) => {
                    errors.push(BuildError::Io {
                        path: file.clone(),
                        error,
                    });
                    None
                }
            }
        }
        None => None,
    };
    let used: Vec<(&str, &[guide_engine::Variable])> = guides
        .iter()
        .map(|guide| (guide.file.as_str(), guide.document.variables()))
        .collect();
    errors.extend(
        config::check_defaults_used(&config, &used)
            .into_iter()
            .map(config_error),
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Sources {
        config,
        config_file,
        sizes: entries.into_iter().map(|e| (e.path, e.size)).collect(),
        site,
        guides,
        section,
    })
}

fn sites(errors: Vec<SiteError>) -> Vec<BuildError> {
    errors.into_iter().map(BuildError::Site).collect()
}

/// Every file below `root` (paths relative to it, `/`-separated), stopping one past the
/// site's bounds so a wrong folder is never walked whole; beside them, a
/// [`SiteError::NotUtf8`] for each name no address can hold (a folder so named is not
/// entered).
fn list(root: &Path) -> Result<(Vec<Entry>, Vec<SiteError>), BuildError> {
    let mut entries = Vec::new();
    let mut refused = Vec::new();
    let mut folders = vec![(root.to_path_buf(), String::new(), 0usize)];
    while let Some((dir, relative_dir, depth)) = folders.pop() {
        let mut read: Vec<_> = std::fs::read_dir(&dir)
            .map_err(io(&dir))?
            .collect::<Result<_, _>>()
            .map_err(io(&dir))?;
        read.sort_by_key(std::fs::DirEntry::file_name);
        for item in read {
            let path = item.path();
            let file_name = item.file_name();
            let Some(name) = file_name.to_str() else {
                refused.push(SiteError::NotUtf8 {
                    folder: relative_dir.clone(),
                    name: file_name.as_encoded_bytes().escape_ascii().to_string(),
                });
                continue;
            };
            let relative = if relative_dir.is_empty() {
                name.to_owned()
            } else {
                format!("{relative_dir}/{name}")
            };
            let kind = item.file_type().map_err(io(&path))?;
            if kind.is_dir() {
                if depth < site::MAX_SITE_DEPTH {
                    folders.push((path, relative, depth + 1));
                } else {
                    entries.push(Entry {
                        path: format!("{relative}/"),
                        size: 0,
                    });
                }
            } else if kind.is_file() {
                let size = item.metadata().map_err(io(&path))?.len();
                entries.push(Entry {
                    path: relative,
                    size,
                });
            }
            if entries.len() > site::MAX_SITE_FILES {
                return Ok((entries, refused));
            }
        }
    }
    Ok((entries, refused))
}

fn guide_error(file: &str, error: &GuideError) -> SiteError {
    let line = match error {
        GuideError::FrontMatter(
            FrontMatterError::Unclosed { line }
            | FrontMatterError::TooDeep { line, .. }
            | FrontMatterError::Yaml {
                line: Some(line), ..
            },
        ) => Some(*line),
        _ => None,
    };
    SiteError::Guide {
        file: file.to_owned(),
        line,
        message: error.to_string(),
    }
}

/// Whether the page names `name` (at the staging folder's root) with an integrity
/// attribute the build rewrites: the page's JavaScript glue (`guide-playground-<hex>.js`).
pub fn is_linked(name: &str) -> bool {
    let hex = |s: &str| !s.is_empty() && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let between = |prefix: &str, suffix: &str| {
        name.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(suffix))
            .is_some_and(hex)
    };
    between("guide-playground-", ".js")
}

/// What Trunk staged (all but the page's text, which [`load`] puts in).
fn staged(staging: &Path) -> Result<Staged, BuildError> {
    let mut staged = Staged::default();
    let mut folders = vec![(staging.to_path_buf(), String::new())];
    while let Some((dir, relative_dir)) = folders.pop() {
        for item in std::fs::read_dir(&dir).map_err(io(&dir))? {
            let item = item.map_err(io(&dir))?;
            let path = item.path();
            let folder = item.file_type().map_err(io(&path))?.is_dir();
            let name = item.file_name().to_string_lossy().into_owned();
            let root = relative_dir.is_empty();
            if root && name == PARTIAL_FOLDER {
                continue;
            }
            let relative = if root {
                name.clone()
            } else {
                format!("{relative_dir}/{name}")
            };
            if root && name != PAGE {
                staged.root.push((name.clone(), folder));
            }
            if folder {
                folders.push((path, relative));
                continue;
            }
            if !(root && (name == SERVICE_WORKER || name == LIVE_RELOAD)) {
                staged.files.push(relative);
            }
            if root && name == PAGE {
                continue;
            }
            staged.bytes = staged
                .bytes
                .saturating_add(item.metadata().map_err(io(&path))?.len());
            if root && is_linked(&name) {
                let text = std::fs::read_to_string(&path).map_err(io(&path))?;
                staged.linked.push((name, text));
            }
        }
    }
    staged.root.sort();
    staged.files.sort();
    staged.linked.sort();
    Ok(staged)
}

/// Loads the configuration: the file `named` (by [`config::CONFIG_ENV`]), else
/// [`config::CONFIG_FILE`] in the folder of guides when there is one (`None` when neither
/// is), read within [`config::MAX_CONFIG_BYTES`] and checked whole.
fn load_config(folder: &Path, named: Option<&Path>) -> Result<Option<SiteConfig>, Vec<BuildError>> {
    let path = match named {
        Some(path) => path.to_path_buf(),
        None => {
            let path = folder.join(config::CONFIG_FILE);
            if !path.exists() {
                return Ok(None);
            }
            path
        }
    };
    let file = path.display().to_string();
    let mut bytes = Vec::new();
    std::fs::File::open(&path)
        .and_then(|opened| {
            opened
                .take(
                    u64::try_from(config::MAX_CONFIG_BYTES)
                        .map_or(u64::MAX, |max| max.saturating_add(1)),
                )
                .read_to_end(&mut bytes)
        })
        .map_err(io(&path))
        .map_err(|e| vec![e])?;
    let said = |error| BuildError::Config {
        file: file.clone(),
        error,
    };
    if bytes.len() > config::MAX_CONFIG_BYTES {
        return Err(vec![said(ConfigError::TooLarge { bytes: bytes.len() })]);
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        vec![said(ConfigError::Syntax {
            line: None,
            message: "the file is not UTF-8 text".to_owned(),
        })]
    })?;
    config::parse(&text)
        .map(Some)
        .map_err(|errors| errors.into_iter().map(said).collect())
}

/// The bytes of an image of the folder, at most [`MAX_IMAGE_BYTES`] of them.
///
/// # Errors
/// The file cannot be read, or is larger than [`MAX_IMAGE_BYTES`].
pub fn read_image(folder: &Path, from: &str) -> Result<Vec<u8>, BuildError> {
    let path = folder.join(from);
    let mut bytes = Vec::new();
    std::fs::File::open(&path)
        .and_then(|file| file.take(MAX_IMAGE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(io(&path))?;
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > MAX_IMAGE_BYTES {
        return Err(BuildError::Site(SiteError::ImageTooLarge {
            path: from.to_owned(),
            bytes: size,
        }));
    }
    Ok(bytes)
}

/// The first [`IMAGE_NAME_HEX`] hex digits of the SHA-256 of `bytes`: an image's name.
pub fn digest_of(bytes: &[u8]) -> String {
    hex_prefix(&Sha256::digest(bytes), IMAGE_NAME_HEX)
}

/// The first `digits` lowercase hex digits of `digest`: how the build names what it
/// digests (an image, the service worker's version).
pub fn hex_prefix(digest: &[u8], digits: usize) -> String {
    let mut hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    hex.truncate(digits);
    hex
}

/// Every image of `shown` (paths in the folder of guides), read once for its digest.
///
/// # Errors
/// An image that cannot be read or is too large.
pub fn images<'a>(
    folder: &Path,
    shown: impl IntoIterator<Item = &'a String>,
) -> Result<Vec<Image>, BuildError> {
    shown
        .into_iter()
        .map(|from| {
            let bytes = read_image(folder, from)?;
            Ok(Image {
                from: from.clone(),
                digest: digest_of(&bytes),
                bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
            })
        })
        .collect()
}
