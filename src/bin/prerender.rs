//! Build step: writes the site. Every guide of the folder becomes a page at
//! `<slug>/index.html`, rendered by the app's own components at its default values with
//! its document beside it as data (postcard, percent-encoded: see
//! `protocol::page_data::encode_page`); the staged `index.html` becomes the site's index, and beside
//! them go a 404 page, a redirect page per front-matter alias, `sitemap.xml` and the
//! guides' images, each published once under `_images/` by its content, whichever and
//! however many guides show it.
//!
//! Run by the Trunk post-build hook (scripts/lib/post-build.mjs) on the staged site:
//!
//! ```text
//! prerender <folder of guides> <staging dir> <public url> [<site url>]
//! ```
//!
//! It prints, on its standard output, one line of JSON naming the files it wrote that
//! are per guide (`pages`, `images`, `redirects`), for the service worker's lists.
//!
//! A folder that cannot be built fails with every reason found (each guide that cannot be
//! rendered with its file and line, duplicate slugs naming both files, a file name that
//! is not UTF-8 with its folder and bytes, two things the build would write at one path
//! naming both (an alias onto the sitemap, say: see `site::outputs`), every bound
//! passed), and writes nothing: every path is claimed and every page rendered before the
//! first write, and a failure while writing removes what was written.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (folder, staging, public_url, site_url) = match args.as_slice() {
        [folder, staging, public_url] => (folder, staging, public_url, None),
        [folder, staging, public_url, site_url] => {
            (folder, staging, public_url, Some(site_url.as_str()))
        }
        _ => {
            eprintln!(
                "usage: prerender <folder of guides> <staging dir> <public url> [<site url>]"
            );
            return std::process::ExitCode::from(2);
        }
    };
    // The configuration file: the one GUIDE_PLAYGROUND_CONFIG names, else
    // guide-playground.toml in the folder of guides, if there is one.
    let named = std::env::var_os(guide_playground::site::config::CONFIG_ENV)
        .filter(|path| !path.is_empty())
        .map(std::path::PathBuf::from);
    match native::build(
        folder.as_ref(),
        staging.as_ref(),
        public_url,
        site_url,
        named.as_deref(),
    ) {
        Ok(summary) => {
            println!("{summary}");
            std::process::ExitCode::SUCCESS
        }
        Err(errors) => {
            for error in &errors {
                eprintln!("prerender: {error}");
            }
            eprintln!(
                "prerender: the site was not built: {} problem(s) in {folder}",
                errors.len()
            );
            std::process::ExitCode::FAILURE
        }
    }
}

/// Nothing to do in the browser: the step runs natively at build time.
#[cfg(target_arch = "wasm32")]
fn main() {}

// Beside this file, not in src/bin/, where Cargo would take it for a binary of its own.
#[cfg(not(target_arch = "wasm32"))]
#[path = "prerender/watchdog.rs"]
mod watchdog;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::collections::{BTreeSet, HashMap};
    use std::fmt;
    use std::path::{Path, PathBuf};

    use guide_engine::publish::{Site, SiteGuide, publish};
    use guide_engine::variables::KNOWN;
    use guide_engine::{Document, FrontMatterError, GuideError};
    use guide_playground::app::{
        GUIDE_DATA_ID, Home, ROOT_ID, head_description, head_title, index_title,
        render_configuration_tools, render_guide_list, render_to_string,
    };
    use guide_playground::folder::{Entry, MAX_IMAGE_BYTES};
    use guide_playground::protocol::page_data::{IndexEntry, PageData, SiteIndex, encode_page};
    use guide_playground::site::branding::{self, Chrome};
    use guide_playground::site::config::{self, ConfigError, SiteConfig};
    use guide_playground::site::outputs::{Outputs, Owner};
    use guide_playground::site::{self, SiteError, pages};

    use super::watchdog;
    use sha2::{Digest as _, Sha256};

    /// The index's heading when the folder is not a Hugo section with a title.
    const DEFAULT_INDEX_TITLE: &str = "Guides";

    /// The index's description when the section gives none.
    const DEFAULT_INDEX_DESCRIPTION: &str =
        "Integration guides, filled in with your own domain, values and client secret.";

    /// Why the site could not be built.
    #[derive(Debug)]
    pub enum BuildError {
        /// A file could not be read or written.
        Io {
            /// The file's path.
            path: String,
            /// What the system said.
            error: std::io::Error,
        },
        /// The folder or a guide in it cannot be published.
        Site(SiteError),
        /// The site configuration file cannot be used.
        Config {
            /// The file, as the build was given it.
            file: String,
            /// Why.
            error: ConfigError,
        },
        /// The page has no place for the guide (index.html lost a marker).
        Template {
            /// The marker that is missing.
            missing: String,
        },
    }

    impl fmt::Display for BuildError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                BuildError::Io { path, error } => write!(f, "{path}: {error}"),
                BuildError::Site(error) => error.fmt(f),
                BuildError::Config { file, error } => write!(f, "{file}: {error}"),
                BuildError::Template { missing } => {
                    write!(f, "the page has no {missing} for the guide")
                }
            }
        }
    }

    impl std::error::Error for BuildError {}

    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BuildError {
        let path = path.display().to_string();
        move |error| BuildError::Io { path, error }
    }

    /// Every file below `root` (paths relative to it, `/`-separated), stopping one past
    /// the site's bounds so a wrong folder is never walked whole; beside them, a
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

    /// The folder of the site every image is published in, once per content.
    const IMAGES_FOLDER: &str = "_images";

    /// Hex digits of an image's SHA-256 in its published name: 128 bits, so two
    /// different images never share a name by chance.
    const IMAGE_NAME_HEX: usize = 32;

    /// The private folder of the staging directory pages are written in before each is
    /// renamed into place. No claimed path can be in it: slugs and alias parts never
    /// start with `.`.
    const PARTIAL_FOLDER: &str = ".prerender-partial";

    /// A file to write: where (below the site's root), and what.
    struct Written {
        path: String,
        contents: Contents,
    }

    /// What a written file holds.
    enum Contents {
        /// A page, rendered.
        Text(String),
        /// An image: its file in the folder of guides and the digest its bytes had when
        /// the build named it, checked again when they are copied.
        Image { from: String, digest: String },
    }

    /// The bytes of an image of the folder, at most [`MAX_IMAGE_BYTES`] of them.
    fn read_image(folder: &Path, from: &str) -> Result<Vec<u8>, BuildError> {
        use std::io::Read as _;
        let path = folder.join(from);
        let mut bytes = Vec::new();
        std::fs::File::open(&path)
            .and_then(|file| file.take(MAX_IMAGE_BYTES + 1).read_to_end(&mut bytes))
            .map_err(io(&path))?;
        if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_IMAGE_BYTES {
            return Err(BuildError::Site(SiteError::ImageTooLarge {
                path: from.to_owned(),
                bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
            }));
        }
        Ok(bytes)
    }

    /// The first [`IMAGE_NAME_HEX`] hex digits of the SHA-256 of `bytes`.
    fn digest_of(bytes: &[u8]) -> String {
        Sha256::digest(bytes)
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect::<String>()
            .chars()
            .take(IMAGE_NAME_HEX)
            .collect()
    }

    /// The ending an image keeps in its published name (`png`), lower case; the plan
    /// admits only images with one of the page's endings.
    fn image_ending(from: &str) -> String {
        from.rsplit_once('.')
            .map(|(_, ending)| ending)
            .filter(|e| e.len() <= 5 && e.bytes().all(|b| b.is_ascii_alphanumeric()))
            .unwrap_or("img")
            .to_ascii_lowercase()
    }

    /// The names at the root of the staging directory (the app's own files, staged by
    /// Trunk), each with whether it is a folder, and the bytes of every staged file but
    /// the page's template (which the index replaces).
    fn staged(staging: &Path) -> Result<(Vec<(String, bool)>, u64), BuildError> {
        let mut names = Vec::new();
        let mut bytes: u64 = 0;
        let mut folders = vec![(staging.to_path_buf(), true)];
        while let Some((dir, root)) = folders.pop() {
            for item in std::fs::read_dir(&dir).map_err(io(&dir))? {
                let item = item.map_err(io(&dir))?;
                let path = item.path();
                let folder = item.file_type().map_err(io(&path))?.is_dir();
                let name = item.file_name().to_string_lossy().into_owned();
                if root {
                    if name == "index.html" || name == PARTIAL_FOLDER {
                        continue;
                    }
                    names.push((name, folder));
                }
                if folder {
                    folders.push((path, false));
                } else {
                    bytes = bytes.saturating_add(item.metadata().map_err(io(&path))?.len());
                }
            }
        }
        names.sort();
        Ok((names, bytes))
    }

    /// Load config: the site configuration file `named` (by [`config::CONFIG_ENV`]), else
    /// [`config::CONFIG_FILE`] in the folder of guides when there is one (`None` when
    /// neither is), read within [`config::MAX_CONFIG_BYTES`] and checked whole.
    fn load_config(
        folder: &Path,
        named: Option<&Path>,
    ) -> Result<Option<SiteConfig>, Vec<BuildError>> {
        use std::io::Read as _;
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
                    .take(u64::try_from(config::MAX_CONFIG_BYTES).unwrap_or(u64::MAX) + 1)
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

    /// Builds the site from `folder` into `staging`; returns the summary for the hook.
    ///
    /// In stages: load config (the site configuration file, `named` or the folder's own:
    /// [`load_config`]), load (list the folder, plan it, parse every guide with the
    /// configuration's defaults), plan the output
    /// (every path the build writes, claimed, images named by their content), render
    /// (every page, in memory, and the site's size against [`site::MAX_SITE_BYTES`]), and
    /// only then write. A failure in any stage before the writing writes nothing; one
    /// while writing removes what was written.
    pub fn build(
        folder: &Path,
        staging: &Path,
        public_url: &str,
        site_url: Option<&str>,
        named: Option<&Path>,
    ) -> Result<String, Vec<BuildError>> {
        let one = |e| vec![e];
        let sites = |errors: Vec<SiteError>| -> Vec<BuildError> {
            errors.into_iter().map(BuildError::Site).collect()
        };

        // Load config.
        let site_config = load_config(folder, named)?.unwrap_or_default();
        let config_file = named.map_or_else(
            || config::CONFIG_FILE.to_owned(),
            |path| path.display().to_string(),
        );
        let config_error = |error| BuildError::Config {
            file: config_file.clone(),
            error,
        };

        // Load.
        let (entries, mut refused) = list(folder).map_err(one)?;
        let plan = match site::plan(&entries) {
            Ok(plan) if refused.is_empty() => plan,
            Ok(_) => return Err(sites(refused)),
            Err(errors) => {
                refused.extend(errors);
                return Err(sites(refused));
            }
        };
        if let Err(error) = config::check_logo(&site_config, &plan.images) {
            return Err(one(config_error(error)));
        }
        let template_path = staging.join("index.html");
        let template = std::fs::read_to_string(&template_path)
            .map_err(io(&template_path))
            .map_err(one)?;

        // Every guide parsed before anything is written, so every failure is said.
        let mut errors = Vec::new();
        let mut parsed = Vec::new();
        for guide in &plan.guides {
            let path = folder.join(&guide.file);
            match std::fs::read_to_string(&path) {
                Err(error) => errors.push(BuildError::Io {
                    path: guide.file.clone(),
                    error,
                }),
                Ok(source) => {
                    match watchdog::read_within_budget(&guide.file, || {
                        guide_engine::parse_with_defaults(&source, &site_config.defaults)
                    }) {
                        Ok(document) => parsed.push((guide, document)),
                        Err(error) => {
                            errors.push(BuildError::Site(guide_error(&guide.file, &error)))
                        }
                    }
                }
            }
        }
        let section = match &plan.section {
            Some(file) => {
                let path = folder.join(file);
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
        let used: Vec<(&str, &[guide_engine::Variable])> = parsed
            .iter()
            .map(|(guide, document)| (guide.file.as_str(), document.variables()))
            .collect();
        errors.extend(
            config::check_defaults_used(&site_config, &used)
                .into_iter()
                .map(config_error),
        );
        let site_guides: Vec<SiteGuide> = parsed
            .iter()
            .map(|(guide, document)| SiteGuide::new(&guide.slug, &guide.file, document))
            .collect();

        // Plan the output: which images the guides show (a first pass over copies of
        // them, each image at its own path), each read once and named by its content.
        let sizes: HashMap<&str, u64> = entries.iter().map(|e| (e.path.as_str(), e.size)).collect();
        let by_path = Site::new(
            site_guides.clone(),
            plan.images.iter().map(|i| (i.clone(), i.clone())).collect(),
            plan.section.clone(),
        );
        let mut shown: BTreeSet<String> = BTreeSet::new();
        for ((guide, document), site_guide) in parsed.iter().zip(&site_guides) {
            let published = publish(&mut document.clone(), site_guide, &by_path);
            if published.len() > guide_playground::folder::MAX_IMAGES {
                errors.push(BuildError::Site(SiteError::TooManyImages {
                    file: guide.file.clone(),
                    found: published.len(),
                }));
            }
            shown.extend(published.into_iter().map(|image| image.from));
        }
        // The brand's logo is published as the guides' images are.
        let logo = site_config.brand.as_ref().and_then(|b| b.logo.clone());
        shown.extend(logo.clone());
        let shown_bytes: u64 = shown
            .iter()
            .filter_map(|from| sizes.get(from.as_str()))
            .fold(0, |sum, size| sum.saturating_add(*size));
        if shown_bytes > site::MAX_SITE_BYTES {
            // Checked before any image is read: reading them is the build's largest work.
            errors.push(BuildError::Site(SiteError::TooLarge {
                what: format!("the {} images the guides show", shown.len()),
                bytes: shown_bytes,
            }));
        }
        if !errors.is_empty() {
            return Err(errors);
        }

        let (staged_names, staged_bytes) = staged(staging).map_err(one)?;
        let mut outputs = Outputs::new(&staged_names);
        let mut writes: Vec<Written> = Vec::new();
        let mut published_at: Vec<(String, String)> = Vec::new();
        let mut image_writes: Vec<Written> = Vec::new();
        let mut image_bytes: u64 = 0;
        let mut by_digest: HashMap<String, String> = HashMap::new();
        for from in &shown {
            let bytes = read_image(folder, from).map_err(one)?;
            let digest = digest_of(&bytes);
            let to = match by_digest.get(&digest) {
                Some(to) => to.clone(),
                None => {
                    let to = format!("{IMAGES_FOLDER}/{digest}.{}", image_ending(from));
                    if let Err(error) = outputs.claim(&to, Owner::Image { from: from.clone() }) {
                        errors.push(BuildError::Site(error));
                    }
                    image_bytes =
                        image_bytes.saturating_add(u64::try_from(bytes.len()).unwrap_or(u64::MAX));
                    by_digest.insert(digest.clone(), to.clone());
                    image_writes.push(Written {
                        path: to.clone(),
                        contents: Contents::Image {
                            from: from.clone(),
                            digest,
                        },
                    });
                    to
                }
            };
            published_at.push((from.clone(), to));
        }
        let logo_at = logo.and_then(|from| {
            published_at
                .iter()
                .find(|(published, _)| *published == from)
                .map(|(_, to)| to.clone())
        });
        let chrome = branding::chrome(&site_config, logo_at.as_deref());
        if let Some(sheet) = &chrome.style_sheet {
            match outputs.claim(
                branding::STYLE_SHEET,
                Owner::Build("the site configuration's style sheet"),
            ) {
                Ok(_) => writes.push(Written {
                    path: branding::STYLE_SHEET.to_owned(),
                    contents: Contents::Text(sheet.clone()),
                }),
                Err(error) => errors.push(BuildError::Site(error)),
            }
        }
        let site_map = Site::new(site_guides.clone(), published_at, plan.section.clone());

        let mut redirects: Vec<String> = Vec::new();
        let mut entries_for_index = Vec::new();
        for ((guide, document), site_guide) in parsed.iter_mut().zip(&site_guides) {
            let page = format!("{}/index.html", guide.slug);
            let owner = Owner::Page {
                file: guide.file.clone(),
                slug: guide.slug.clone(),
            };
            if let Err(error) = outputs.claim(&page, owner) {
                errors.push(BuildError::Site(error));
            }
            publish(document, site_guide, &site_map);
            entries_for_index.push(IndexEntry {
                slug: guide.slug.clone(),
                title: document.title().to_owned(),
                description: head_description(document),
            });
        }
        for (guide, document) in &parsed {
            for alias in &document.front_matter.aliases {
                let path = match site::alias_folder(alias) {
                    Ok(path) => format!("{path}/index.html"),
                    Err(reason) => {
                        errors.push(BuildError::Site(SiteError::Alias {
                            file: guide.file.clone(),
                            alias: alias.clone(),
                            reason,
                        }));
                        continue;
                    }
                };
                let owner = Owner::Alias {
                    file: guide.file.clone(),
                    alias: alias.clone(),
                };
                match outputs.claim(&path, owner) {
                    Ok(true) => {
                        let to = format!("{public_url}{}/", guide.slug);
                        writes.push(Written {
                            path: path.clone(),
                            contents: Contents::Text(pages::redirect(&to, document.title())),
                        });
                        redirects.push(path);
                    }
                    Ok(false) => {}
                    Err(error) => errors.push(BuildError::Site(error)),
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }

        // Render.
        // The values the index offers: Authelia's site variables any guide uses.
        // Each as the guides have it: with the configuration's default, if it gives one.
        let shared: Vec<_> = KNOWN
            .iter()
            .filter_map(|known| {
                parsed
                    .iter()
                    .find_map(|(_, d)| d.variable(known.name).cloned())
            })
            .collect();
        // SITE_URL, else the configuration's base URL, else the public path.
        let canonical_base = site_url
            .or(site_config.base_url.as_deref())
            .unwrap_or(public_url);
        let mut page_files = Vec::new();
        let mut offline_bytes: u64 = image_bytes;
        for (guide, document) in parsed {
            let title = head_title(&document);
            let description = head_description(&document);
            let html = fill(
                &template,
                Home::Guide(std::sync::Arc::new(document.clone())),
                &render_configuration_tools(
                    !document.needs_secret(),
                    document.authelia_block().is_none(),
                ),
                &encode_page(&PageData::Guide(document)),
                &title,
                &description,
                &format!("{canonical_base}{}/", guide.slug),
                &chrome,
            )
            .map_err(one)?;
            offline_bytes =
                offline_bytes.saturating_add(u64::try_from(html.len()).unwrap_or(u64::MAX));
            let file = format!("{}/index.html", guide.slug);
            page_files.push(file.clone());
            writes.push(Written {
                path: file,
                contents: Contents::Text(html),
            });
        }

        entries_for_index.sort_by_key(|e| e.title.to_lowercase());
        let (section_title, section_description) = match &section {
            Some(section) => (
                section.title().to_owned(),
                section
                    .front_matter
                    .description
                    .clone()
                    .filter(|d| !d.trim().is_empty())
                    .unwrap_or_else(|| DEFAULT_INDEX_DESCRIPTION.to_owned()),
            ),
            None => (
                DEFAULT_INDEX_TITLE.to_owned(),
                DEFAULT_INDEX_DESCRIPTION.to_owned(),
            ),
        };
        // The configuration's title and description over the section's.
        let title = site_config.title.clone().unwrap_or(section_title);
        let description = site_config
            .description
            .clone()
            .unwrap_or(section_description);
        let values = Document::values_panel(&title, shared);
        let index = SiteIndex {
            title,
            description,
            guides: entries_for_index,
            values,
            offline_bytes,
            not_found: false,
        };
        let mut listed = vec![String::new()];
        listed.extend(index.guides.iter().map(|g| format!("{}/", g.slug)));
        writes.push(Written {
            path: "sitemap.xml".to_owned(),
            contents: Contents::Text(pages::sitemap(canonical_base, &listed)),
        });
        // The index last: it replaces the page's template, which a failure before it
        // leaves as Trunk staged it.
        for (file, not_found) in [("404.html", true), ("index.html", false)] {
            let shown = std::sync::Arc::new(SiteIndex {
                not_found,
                ..index.clone()
            });
            let title = index_title(&shown);
            // The sections serve a guide the reader opens from the index.
            let list = render_guide_list(shown.clone()) + &render_configuration_tools(true, true);
            let data = encode_page(&PageData::Index((*shown).clone()));
            let html = fill(
                &template,
                Home::Index(shown),
                &list,
                &data,
                &title,
                &index.description,
                canonical_base,
                &chrome,
            )
            .map_err(one)?;
            writes.push(Written {
                path: file.to_owned(),
                contents: Contents::Text(html),
            });
        }
        let site_bytes = writes
            .iter()
            .filter_map(|w| match &w.contents {
                Contents::Text(html) => u64::try_from(html.len()).ok(),
                Contents::Image { .. } => None,
            })
            .fold(
                staged_bytes.saturating_add(image_bytes),
                u64::saturating_add,
            );
        if site_bytes > site::MAX_SITE_BYTES {
            return Err(one(BuildError::Site(SiteError::TooLarge {
                what: format!(
                    "the site ({} pages and {} images)",
                    page_files.len(),
                    image_writes.len()
                ),
                bytes: site_bytes,
            })));
        }

        // Write: the images first, the index last.
        image_writes.extend(writes);
        write_all(staging, &image_writes, folder).map_err(one)?;
        let mut images: Vec<&String> = image_writes
            .iter()
            .filter_map(|w| match w.contents {
                Contents::Image { .. } => Some(&w.path),
                Contents::Text(_) => None,
            })
            .collect();
        images.sort();
        summary(&page_files, &images, &redirects).map_err(one)
    }

    /// The hook's summary, one line of JSON: the pages, images and redirects written, for
    /// the service worker's lists.
    #[derive(serde::Serialize)]
    struct Summary<'a> {
        pages: &'a [String],
        images: &'a [&'a String],
        redirects: &'a [String],
    }

    /// [`Summary`] as JSON, escaped by serde_json. Lists of strings always serialise; the
    /// error is kept for the type's sake, as a write of the summary that failed.
    fn summary(
        pages: &[String],
        images: &[&String],
        redirects: &[String],
    ) -> Result<String, BuildError> {
        let summary = Summary {
            pages,
            images,
            redirects,
        };
        serde_json::to_string(&summary).map_err(|error| BuildError::Io {
            path: "the build's summary".to_owned(),
            error: error.into(),
        })
    }

    /// Writes every file, each whole (written in [`PARTIAL_FOLDER`], then renamed into
    /// place); on a failure, removes every file and folder it made, and says the failure.
    fn write_all(staging: &Path, writes: &[Written], folder: &Path) -> Result<(), BuildError> {
        let partial = staging.join(PARTIAL_FOLDER);
        if partial.exists() {
            std::fs::remove_dir_all(&partial).map_err(io(&partial))?;
        }
        std::fs::create_dir(&partial).map_err(io(&partial))?;
        let mut made: Vec<PathBuf> = Vec::new();
        let result = write_each(staging, &partial, writes, folder, &mut made);
        if result.is_err() {
            // Files, then the folders made for them, deepest first.
            for path in made.iter().rev() {
                let _ = std::fs::remove_file(path).or_else(|_| std::fs::remove_dir(path));
            }
        }
        let cleaned = std::fs::remove_dir_all(&partial).map_err(io(&partial));
        result.and(cleaned)
    }

    /// [`write_all`]'s writing: `made` gets every folder and file made, in order.
    fn write_each(
        staging: &Path,
        partial: &Path,
        writes: &[Written],
        folder: &Path,
        made: &mut Vec<PathBuf>,
    ) -> Result<(), BuildError> {
        for (number, written) in writes.iter().enumerate() {
            let path = staging.join(&written.path);
            let mut dir = staging.to_path_buf();
            let parts: Vec<&str> = written.path.split('/').collect();
            for part in parts.iter().take(parts.len().saturating_sub(1)) {
                dir.push(part);
                if !dir.is_dir() {
                    std::fs::create_dir(&dir).map_err(io(&dir))?;
                    made.push(dir.clone());
                }
            }
            let temporary = partial.join(number.to_string());
            match &written.contents {
                Contents::Text(html) => {
                    std::fs::write(&temporary, html).map_err(io(&temporary))?;
                }
                Contents::Image { from, digest } => {
                    let bytes = read_image(folder, from)?;
                    if &digest_of(&bytes) != digest {
                        return Err(BuildError::Io {
                            path: from.clone(),
                            error: std::io::Error::other(
                                "the image changed while the site was built",
                            ),
                        });
                    }
                    std::fs::write(&temporary, bytes).map_err(io(&temporary))?;
                }
            }
            let existed = path.exists();
            std::fs::rename(&temporary, &path).map_err(io(&path))?;
            if !existed {
                made.push(path);
            }
        }
        Ok(())
    }

    /// The empty element in index.html the app renders into.
    fn root_marker() -> String {
        format!("<div id=\"{ROOT_ID}\"></div>")
    }

    /// The page with its markup (and `after_root`, what stands after the app's root:
    /// the index's list), data, head and the site configuration's `chrome` filled in.
    #[allow(clippy::too_many_arguments)] // Each is one part of the page; a struct would only rename them.
    fn fill(
        template: &str,
        home: Home,
        after_root: &str,
        data: &str,
        title: &str,
        description: &str,
        canonical: &str,
        chrome: &Chrome,
    ) -> Result<String, BuildError> {
        // The data is percent-encoded: it holds no `<`, so it cannot end its element.
        let markup = render_to_string(home);
        let page = replace_once(
            template,
            &root_marker(),
            &format!(
                "{}<div id=\"{ROOT_ID}\">{markup}</div>{after_root}{}\n    \
                 <script type=\"text/plain\" id=\"{GUIDE_DATA_ID}\">{data}</script>",
                chrome.before, chrome.after
            ),
        )?;
        let page = if chrome.head.is_empty() {
            page
        } else {
            replace_once(&page, "</head>", &format!("{}</head>", chrome.head))?
        };
        let page = replace_between(&page, "<title>", "</title>", &pages::escape(title))?;
        let page = replace_once(
            &page,
            "<meta name=\"description\" content=\"\">",
            &format!(
                "<meta name=\"description\" content=\"{}\">",
                pages::escape(description)
            ),
        )?;
        replace_once(
            &page,
            "<link rel=\"canonical\" href=\"\">",
            &format!(
                "<link rel=\"canonical\" href=\"{}\">",
                pages::escape(canonical)
            ),
        )
    }

    fn replace_once(text: &str, marker: &str, with: &str) -> Result<String, BuildError> {
        if text.matches(marker).count() != 1 {
            return Err(BuildError::Template {
                missing: format!("single {marker}"),
            });
        }
        Ok(text.replacen(marker, with, 1))
    }

    fn replace_between(
        text: &str,
        open: &str,
        close: &str,
        with: &str,
    ) -> Result<String, BuildError> {
        let missing = || BuildError::Template {
            missing: format!("{open}…{close}"),
        };
        let start = text.find(open).ok_or_else(missing)? + open.len();
        let end = start
            + text
                .get(start..)
                .and_then(|t| t.find(close))
                .ok_or_else(missing)?;
        Ok(format!(
            "{}{with}{}",
            text.get(..start).ok_or_else(missing)?,
            text.get(end..).ok_or_else(missing)?
        ))
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use guide_playground::protocol::page_data::decode_page;

        const TEMPLATE: &str = "<html><head><title>x</title><meta name=\"description\" content=\"\"><link rel=\"canonical\" href=\"\"></head><body><div id=\"gp-app\"></div></body></html>";

        /// A folder of guides and a staging directory with the template, in a fresh
        /// temporary directory.
        fn fixture(name: &str, files: &[(&str, &str)]) -> (PathBuf, PathBuf) {
            let dir = std::env::temp_dir().join(format!("prerender-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            let folder = dir.join("guides");
            let staging = dir.join("stage");
            for (path, text) in files {
                let path = folder.join(path);
                std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                std::fs::write(path, text).expect("write");
            }
            std::fs::create_dir_all(&staging).expect("mkdir");
            std::fs::write(staging.join("index.html"), TEMPLATE).expect("write");
            (folder, staging)
        }

        fn data_of(page: &str) -> PageData {
            let data = page
                .split("id=\"gp-guide-data\">")
                .nth(1)
                .and_then(|rest| rest.split("</script>").next())
                .expect("a data block");
            decode_page(data).expect("the data reads back")
        }

        /// A fixture folder of the repository (tests/fixtures/<name>).
        fn repository_fixture(name: &str) -> PathBuf {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests")
                .join("fixtures")
                .join(name)
        }

        /// A fresh staging directory holding the template.
        fn stage(name: &str) -> PathBuf {
            let (_, staging) = fixture(name, &[]);
            staging
        }

        #[test]
        fn a_configuration_setting_every_key_shows_each_on_the_site() {
            let folder = repository_fixture("site-config");
            let staging = stage("site-config");
            build(&folder, &staging, "/", None, None).expect("builds");
            let index = std::fs::read_to_string(staging.join("index.html")).expect("index");
            let guide =
                std::fs::read_to_string(staging.join("portal/index.html")).expect("the guide");
            let logo = format!(
                "_images/{}.png",
                digest_of(&std::fs::read(folder.join("brand/logo.png")).expect("logo"))
            );
            assert!(staging.join(&logo).is_file(), "the logo is published");
            for page in [&index, &guide] {
                assert!(
                    page.contains(&format!(
                        "<nav class=\"site-brand\" aria-label=\"Acme Platform\"><a href=\"https://acme.test/docs/\"><img src=\"{logo}\" alt=\"\">Acme Platform</a></nav>"
                    )),
                    "{page}"
                );
                assert!(
                    page.contains("<li><a href=\"https://acme.test/privacy/\">Acme privacy notice</a></li><li><a href=\"./\">Back to the guides</a></li>"),
                    "{page}"
                );
                assert!(
                    page.contains("<link rel=\"stylesheet\" href=\"site.css\">"),
                    "{page}"
                );
            }
            assert!(index.contains("<title>Acme sign-in guides"), "{index}");
            assert!(
                index.contains("<meta name=\"description\" content=\"How Acme's applications"),
                "{index}"
            );
            assert!(
                index.contains("<link rel=\"canonical\" href=\"https://docs.acme.test/guides/\">"),
                "{index}"
            );
            assert!(
                guide.contains(
                    "<link rel=\"canonical\" href=\"https://docs.acme.test/guides/portal/\">"
                ),
                "{guide}"
            );
            // The defaults: in the prerendered code and in the page's data alike.
            assert!(guide.contains("https://login.acme.test"), "{guide}");
            assert!(!guide.contains("example.com"), "{guide}");
            let PageData::Guide(document) = data_of(&guide) else {
                panic!("a guide page");
            };
            let default = |name: &str| document.variable(name).map(|v| v.default.clone());
            assert_eq!(default("domain").as_deref(), Some("acme.test"));
            assert_eq!(default("subdomain-authelia").as_deref(), Some("login"));
            assert_eq!(default("team").as_deref(), Some("platform"));
            let PageData::Index(site) = data_of(&index) else {
                panic!("the index");
            };
            assert_eq!(site.title, "Acme sign-in guides");
            assert_eq!(
                site.values.variable("domain").map(|v| v.default.as_str()),
                Some("acme.test")
            );
            let sheet = std::fs::read_to_string(staging.join("site.css")).expect("site.css");
            assert!(
                sheet.starts_with(":root{--accent:light-dark(#0b5394,#9fc5e8)}"),
                "{sheet}"
            );
            // SITE_URL still wins over the file's base URL.
            let again = stage("site-config-url");
            build(&folder, &again, "/", Some("https://elsewhere.test/"), None).expect("builds");
            let index = std::fs::read_to_string(again.join("index.html")).expect("index");
            assert!(
                index.contains("<link rel=\"canonical\" href=\"https://elsewhere.test/\">"),
                "{index}"
            );
        }

        #[test]
        fn each_broken_configuration_fails_the_build_naming_its_key_and_writes_nothing() {
            let folder = repository_fixture("site-config");
            let broken = repository_fixture("site-config-broken");
            let mut cases: Vec<PathBuf> = std::fs::read_dir(&broken)
                .expect("the broken cases")
                .map(|entry| entry.expect("a case").path())
                .collect();
            cases.sort();
            assert!(cases.len() >= 7, "{cases:?}");
            for case in cases {
                let file = case.join(config::CONFIG_FILE);
                let text = std::fs::read(&file).expect("the case's file");
                let expected = String::from_utf8_lossy(&text)
                    .lines()
                    .find_map(|line| line.strip_prefix("# expect: "))
                    .expect("an expect: line")
                    .to_owned();
                let staging = stage("site-config-broken");
                let before = tree(&staging);
                let errors = build(&folder, &staging, "/", None, Some(&file)).expect_err("broken");
                let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
                assert_eq!(said.len(), 1, "{}: {said:?}", case.display());
                assert!(
                    said[0].starts_with(&format!("{}: ", file.display())),
                    "{said:?}"
                );
                assert!(said[0].contains(&expected), "{}: {said:?}", case.display());
                assert_eq!(tree(&staging), before, "something was written");
            }
        }

        #[test]
        fn a_default_a_guide_s_own_kind_refuses_fails_naming_the_guide() {
            let (folder, staging) = fixture(
                "config-kind",
                &[
                    (
                        "a.md",
                        "# A\n\n{{< sitevar name=\"portal-host\" kind=\"host\" nojs=\"portal.example.com\" >}}\n",
                    ),
                    (
                        "b.md",
                        "# B\n\n{{< sitevar name=\"portal-host\" nojs=\"x\" >}}\n",
                    ),
                    (
                        config::CONFIG_FILE,
                        "[defaults]\nportal-host = \"https://portal.acme.test/\"\n",
                    ),
                ],
            );
            let errors = build(&folder, &staging, "/", None, None).expect_err("refused");
            let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
            assert_eq!(said.len(), 1, "{said:?}");
            assert!(
                said[0].starts_with("guide-playground.toml: `defaults.portal-host`: a.md declares it kind=\"host\", which refuses this default: "),
                "{said:?}"
            );
        }

        #[test]
        fn a_named_configuration_that_is_missing_fails_and_none_in_the_folder_is_fine() {
            let (folder, staging) = fixture("no-config", &[("a.md", "# A\n")]);
            build(&folder, &staging, "/", None, None).expect("no configuration is fine");
            let missing = folder.join("nowhere.toml");
            let errors = build(&folder, &staging, "/", None, Some(&missing)).expect_err("missing");
            assert!(
                errors[0]
                    .to_string()
                    .starts_with(&missing.display().to_string()),
                "{errors:?}"
            );
            assert!(!staging.join("site.css").exists());
        }

        #[test]
        fn a_guide_cannot_close_its_data_block_or_the_head() {
            let guide = "---\ntitle: \"</script><script>alert(1)</script>\"\ndescription: \"a \\\"quoted\\\" <b>\"\n---\nText </script> here.\n";
            let (folder, staging) = fixture("escape", &[("evil.md", guide)]);
            build(&folder, &staging, "/", None, None).expect("builds");
            let page = std::fs::read_to_string(staging.join("evil/index.html")).expect("page");
            assert_eq!(page.matches("</script>").count(), 1, "{page}");
            assert!(
                page.contains("content=\"a &quot;quoted&quot; &lt;b&gt;\""),
                "{page}"
            );
            let PageData::Guide(back) = data_of(&page) else {
                panic!("a guide page");
            };
            assert_eq!(back.title(), "</script><script>alert(1)</script>");
        }

        #[test]
        fn the_index_names_its_list_apart_from_its_own_title() {
            // With no _index.md the index is titled "Guides"; its list's heading must
            // not say "Guides" a second time.
            let (folder, staging) = fixture(
                "headings",
                &[("alpha/index.md", "---\ntitle: Alpha\n---\n# A\n")],
            );
            build(&folder, &staging, "/", None, None).expect("builds");
            let html = std::fs::read_to_string(staging.join("index.html")).expect("index");
            let headings: Vec<String> = ["<h1", "<h2"]
                .iter()
                .flat_map(|open| html.match_indices(open).map(|(at, _)| at))
                .filter_map(|at| {
                    let rest = &html[at..];
                    let text = &rest[rest.find('>')? + 1..rest.find("</h")?];
                    Some(text.trim().to_owned())
                })
                .collect();
            assert!(
                headings.iter().any(|h| h == DEFAULT_INDEX_TITLE),
                "{headings:?}"
            );
            let mut unique = headings.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(
                unique.len(),
                headings.len(),
                "a heading said twice: {headings:?}"
            );
        }

        #[test]
        fn a_folder_becomes_an_index_pages_images_redirects_and_a_sitemap() {
            let (folder, staging) = fixture(
                "site",
                &[
                    (
                        "_index.md",
                        "---\ntitle: Our clients\ndescription: Every client.\n---\n",
                    ),
                    (
                        "alpha/index.md",
                        "---\ntitle: Alpha\naliases:\n  - /old/alpha/\n---\n# A\n\n![Login](login.png) [Beta](../beta/index.md) {{< sitevar name=\"domain\" nojs=\"example.com\" >}}\n",
                    ),
                    ("alpha/login.png", "png"),
                    ("beta/index.md", "---\ntitle: Beta\n---\n# B\n"),
                ],
            );
            let summary = build(
                &folder,
                &staging,
                "/docs/",
                Some("https://x.example/docs/"),
                None,
            )
            .expect("builds");
            let image = format!("_images/{}.png", digest_of(b"png"));
            assert_eq!(
                summary,
                format!(
                    "{{\"pages\":[\"alpha/index.html\",\"beta/index.html\"],\"images\":[\"{image}\"],\"redirects\":[\"old/alpha/index.html\"]}}"
                )
            );
            let alpha = std::fs::read_to_string(staging.join("alpha/index.html")).expect("alpha");
            assert!(alpha.contains(&format!("src=\"{image}\"")), "{alpha}");
            assert!(alpha.contains("href=\"beta/\""), "{alpha}");
            assert!(
                alpha.contains("<link rel=\"canonical\" href=\"https://x.example/docs/alpha/\">")
            );
            assert_eq!(std::fs::read(staging.join(&image)).expect("copied"), b"png");
            assert!(!staging.join(PARTIAL_FOLDER).exists());
            let redirect =
                std::fs::read_to_string(staging.join("old/alpha/index.html")).expect("redirect");
            assert!(redirect.contains("url=/docs/alpha/"), "{redirect}");
            let PageData::Index(index) =
                data_of(&std::fs::read_to_string(staging.join("index.html")).expect("index"))
            else {
                panic!("the index");
            };
            assert_eq!(index.title, "Our clients");
            let titles: Vec<&str> = index.guides.iter().map(|g| g.title.as_str()).collect();
            assert_eq!(titles, vec!["Alpha", "Beta"]);
            assert_eq!(
                index
                    .values
                    .variables()
                    .iter()
                    .map(|v| v.name.as_str())
                    .collect::<Vec<_>>(),
                vec!["domain"]
            );
            assert!(index.offline_bytes > 3);
            let PageData::Index(missing) =
                data_of(&std::fs::read_to_string(staging.join("404.html")).expect("404"))
            else {
                panic!("the 404 page");
            };
            assert!(missing.not_found);
            let sitemap = std::fs::read_to_string(staging.join("sitemap.xml")).expect("sitemap");
            assert!(
                sitemap.contains("<loc>https://x.example/docs/beta/</loc>"),
                "{sitemap}"
            );
        }

        #[test]
        fn every_broken_guide_is_named_with_its_line_and_nothing_is_written() {
            let (folder, staging) = fixture(
                "broken",
                &[
                    ("good.md", "# Fine\n"),
                    ("bad-one.md", "---\ntitle: ok\nweight: [1\n---\n"),
                    ("bad-two.md", "---\ntitle: [\n---\n"),
                ],
            );
            let errors = build(&folder, &staging, "/", None, None).expect_err("broken");
            let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
            assert_eq!(said.len(), 2, "{said:?}");
            assert!(
                said.iter().any(|s| s.starts_with("bad-one.md:")),
                "{said:?}"
            );
            assert!(
                said.iter().any(|s| s.starts_with("bad-two.md:")),
                "{said:?}"
            );
            assert!(
                said.iter().all(|s| s
                    .split(':')
                    .nth(1)
                    .is_some_and(|l| l.parse::<u32>().is_ok())),
                "{said:?}"
            );
            assert!(!staging.join("good").exists(), "nothing written");
            assert_eq!(
                std::fs::read_to_string(staging.join("index.html")).expect("read"),
                TEMPLATE
            );
        }

        #[test]
        fn a_guide_named_like_one_of_the_app_s_files_is_refused() {
            let (folder, staging) = fixture("taken", &[("snippets.md", "# S\n")]);
            std::fs::create_dir_all(staging.join("snippets")).expect("mkdir");
            let errors = build(&folder, &staging, "/", None, None).expect_err("taken");
            let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
            assert_eq!(
                said,
                vec![
                    "snippets.md would be published at snippets/, which is one of the app's own files: rename it"
                ]
            );
        }

        #[test]
        fn a_template_without_its_marker_is_refused() {
            let (folder, staging) = fixture("template", &[("a.md", "# A\n")]);
            std::fs::write(staging.join("index.html"), "<title></title>").expect("write");
            let errors = build(&folder, &staging, "/", None, None).expect_err("no marker");
            assert!(
                errors.iter().any(|e| e.to_string().contains("gp-app")),
                "{errors:?}"
            );
        }

        /// Every path below `dir`, relative to it, sorted.
        fn tree(dir: &Path) -> Vec<String> {
            let mut found = Vec::new();
            let mut folders = vec![dir.to_path_buf()];
            while let Some(folder) = folders.pop() {
                for item in std::fs::read_dir(&folder).expect("read") {
                    let path = item.expect("item").path();
                    found.push(
                        path.strip_prefix(dir)
                            .expect("below")
                            .to_string_lossy()
                            .into_owned(),
                    );
                    if path.is_dir() {
                        folders.push(path);
                    }
                }
            }
            found.sort();
            found
        }

        #[test]
        fn an_alias_onto_a_file_the_build_writes_is_refused_naming_both_and_nothing_is_written() {
            let long = "x".repeat(300);
            let guide = format!(
                "---\ntitle: A\naliases:\n  - /service-worker.js\n  - /sitemap.xml\n  - /404.html\n  - /index.html/\n  - /favicon.svg\n  - /beta/\n  - /_images/{}.png\n  - /old/{long}/\n  - /a/\n---\n![s](shot.png)\n",
                digest_of(b"png")
            );
            let (folder, staging) = fixture(
                "aliases",
                &[
                    ("a.md", guide.as_str()),
                    ("beta.md", "# B\n"),
                    ("shot.png", "png"),
                ],
            );
            std::fs::write(staging.join("favicon.svg"), "<svg/>").expect("write");
            let before = tree(&staging);
            let errors = build(&folder, &staging, "/", None, None).expect_err("collisions");
            let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
            let image = format!("_images/{}.png", digest_of(b"png"));
            assert_eq!(
                said,
                vec![
                    "the alias /service-worker.js of a.md (service-worker.js/index.html) collides with the service worker the build writes (service-worker.js)".to_owned(),
                    "the alias /sitemap.xml of a.md (sitemap.xml/index.html) collides with the sitemap the build writes (sitemap.xml)".to_owned(),
                    "the alias /404.html of a.md (404.html/index.html) collides with the 404 page the build writes (404.html)".to_owned(),
                    "the alias /index.html/ of a.md (index.html/index.html) collides with the index the build writes (index.html)".to_owned(),
                    "the alias /favicon.svg of a.md (favicon.svg/index.html) collides with the app's own file favicon.svg (favicon.svg)".to_owned(),
                    "the alias /beta/ of a.md (beta/index.html) collides with the page of beta.md (beta/index.html)".to_owned(),
                    format!("the alias /{image} of a.md ({image}/index.html) collides with the image shot.png ({image})"),
                    format!("a.md: the alias /old/{long}/ has a part of 300 bytes; a part may have at most 128 (MAX_ALIAS_PART_BYTES)"),
                ]
            );
            assert_eq!(tree(&staging), before, "something was written");
        }

        #[test]
        fn a_file_name_that_is_not_utf8_is_refused_naming_its_folder_and_bytes() {
            use std::os::unix::ffi::OsStrExt as _;
            let (folder, staging) = fixture(
                "not-utf8",
                &[("gallery/index.md", "# G\n\n![Shot](shot.png)\n")],
            );
            std::fs::write(
                folder
                    .join("gallery")
                    .join(std::ffi::OsStr::from_bytes(b"shot-\xff.png")),
                "png",
            )
            .expect("write");
            std::fs::write(
                folder.join(std::ffi::OsStr::from_bytes(b"\xfe.md")),
                "# X\n",
            )
            .expect("write");
            let before = tree(&staging);
            let errors = build(&folder, &staging, "/", None, None).expect_err("not UTF-8");
            let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
            assert_eq!(
                said,
                vec![
                    "the folder of guides: holds a file whose name is not UTF-8 (its bytes: \\xfe.md), which no address can name: rename it",
                    "gallery/: holds a file whose name is not UTF-8 (its bytes: shot-\\xff.png), which no address can name: rename it",
                ]
            );
            assert_eq!(tree(&staging), before, "something was written");
        }

        #[test]
        fn an_image_shown_by_many_guides_or_copied_is_published_once() {
            let mut files: Vec<(String, String)> = vec![
                ("shared/logo.png".to_owned(), "logo".to_owned()),
                ("shared/other.png".to_owned(), "other".to_owned()),
            ];
            for i in 0..5 {
                files.push((
                    format!("g{i}/index.md"),
                    format!("# G{i}\n\n![L](../shared/logo.png) ![O](../shared/other.png) ![C](copy.png)\n"),
                ));
                // Each guide's own copy of the logo: the same bytes.
                files.push((format!("g{i}/copy.png"), "logo".to_owned()));
            }
            let borrowed: Vec<(&str, &str)> = files
                .iter()
                .map(|(p, t)| (p.as_str(), t.as_str()))
                .collect();
            let (folder, staging) = fixture("shared-images", &borrowed);
            let summary = build(&folder, &staging, "/", None, None).expect("builds");
            let logo = format!("_images/{}.png", digest_of(b"logo"));
            let other = format!("_images/{}.png", digest_of(b"other"));
            let mut both = vec![logo.clone(), other.clone()];
            both.sort();
            assert!(
                summary.contains(&format!("\"images\":[\"{}\",\"{}\"]", both[0], both[1])),
                "{summary}"
            );
            let published: Vec<String> = tree(&staging)
                .into_iter()
                .filter(|p| p.starts_with("_images/"))
                .collect();
            assert_eq!(published, both);
            let page = std::fs::read_to_string(staging.join("g3/index.html")).expect("page");
            assert_eq!(
                page.matches(&format!("src=\"{logo}\"")).count(),
                2,
                "{page}"
            );
            let PageData::Index(index) =
                data_of(&std::fs::read_to_string(staging.join("index.html")).expect("index"))
            else {
                panic!("the index");
            };
            let pages: u64 = (0..5)
                .map(|i| {
                    std::fs::metadata(staging.join(format!("g{i}/index.html")))
                        .expect("page")
                        .len()
                })
                .sum();
            // "logo" and "other": 9 bytes of images, once.
            assert_eq!(index.offline_bytes, pages + 9);
        }

        #[test]
        fn the_summary_is_one_line_of_json_whatever_the_paths_hold() {
            let pages = vec!["a \"quoted\" \\ page/index.html".to_owned()];
            let image = "line\nbreak.png".to_owned();
            let redirects = vec!["old/index.html".to_owned()];
            let said = summary(&pages, &[&image], &redirects).expect("JSON");
            assert_eq!(said.lines().count(), 1, "{said}");
            let back: serde_json::Value = serde_json::from_str(&said).expect("JSON");
            assert_eq!(back["pages"][0], pages[0].as_str());
            assert_eq!(back["images"][0], image.as_str());
            assert_eq!(back["redirects"][0], redirects[0].as_str());
        }

        #[test]
        fn images_past_max_site_bytes_are_refused_before_they_are_read() {
            let mut body = String::from("# Big\n\n");
            let count = site::MAX_SITE_BYTES / MAX_IMAGE_BYTES + 1;
            for i in 0..count {
                body.push_str(&format!("![{i}](big-{i}.png)\n\n"));
            }
            let (folder, staging) = fixture("too-large", &[("big/index.md", body.as_str())]);
            for i in 0..count {
                // Sparse: nothing is read before the bound is checked.
                std::fs::File::create(folder.join(format!("big/big-{i}.png")))
                    .and_then(|f| f.set_len(MAX_IMAGE_BYTES))
                    .expect("sparse image");
            }
            let before = tree(&staging);
            let errors = build(&folder, &staging, "/", None, None).expect_err("too large");
            let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
            assert_eq!(
                said,
                vec![format!(
                    "the {count} images the guides show would be {} bytes; a site may hold at most {} bytes (MAX_SITE_BYTES)",
                    count * MAX_IMAGE_BYTES,
                    site::MAX_SITE_BYTES
                )]
            );
            assert_eq!(tree(&staging), before, "something was written");
        }
    }
}
