//! The site build, in named stages, each in its own file, run in this order by
//! [`build`] (which `src/bin/prerender.rs`, Trunk's post-build hook, calls):
//!
//! 1. [`load`]: the site configuration, the folder of guides (listed, read as a site by
//!    [`crate::site::read_folder`], every guide parsed) and the page Trunk staged, with
//!    its files;
//! 2. [`page`]: the staged page made the site's template (comments out, one style
//!    element with the site's own rules, the app's own files asked for first, Trunk's
//!    live-reload script moved to a file under `trunk serve`);
//! 3. [`policy`]: the SHA-256 of every inline script and of the style element into the
//!    page's Content-Security-Policy;
//! 4. [`plan`]: every path the build writes, claimed before the first is written (pages,
//!    aliases' redirects, images named by their content, the index, the 404 page, the
//!    sitemap, the service worker), and the service worker's lists, without the file
//!    system (which images the guides show is planned first, and [`load::images`] reads
//!    each once for the digest that names it);
//! 5. [`render`]: every guide's page, then the index, the 404 page, the redirects and the
//!    sitemap, in memory;
//! 6. [`service_worker`]: its script, with the plan's lists and a digest of every file of
//!    the build as its version, written as data;
//! 7. [`write`]: every file, each whole, or none.
//!
//! A stage that fails says every reason it found, and nothing has been written: only the
//! last stage writes. A failure while writing removes the files it created; the files of
//! Trunk's it had rewritten stay rewritten, and the hook then removes Trunk's whole staging
//! folder ([`abandon`]), so a failed build leaves nothing behind.
//!
//! Native only: the page never builds a site.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::site::SiteError;
use crate::site::config::ConfigError;

pub mod load;
pub mod page;
pub mod plan;
pub mod policy;
pub mod render;
pub mod service_worker;
pub mod watchdog;
pub mod write;

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
    /// The page Trunk staged is not as the build expects it (see [`page`], [`policy`]).
    Page(String),
    /// The build was not run as Trunk's hook, or given what it needs.
    Setup(String),
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
            BuildError::Page(said) => write!(f, "the staged page ({}) {said}", load::PAGE),
            BuildError::Setup(said) => f.write_str(said),
        }
    }
}

impl std::error::Error for BuildError {}

impl From<SiteError> for BuildError {
    fn from(error: SiteError) -> BuildError {
        BuildError::Site(error)
    }
}

/// A function that turns an I/O error on `path` into a [`BuildError::Io`] naming it.
pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BuildError {
    let path = path.display().to_string();
    move |error| BuildError::Io { path, error }
}

/// What a build is given.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The folder of guides.
    pub folder: PathBuf,
    /// Trunk's staging folder: the app's files, and the page as Trunk wrote it.
    pub staging: PathBuf,
    /// The path the site is served under (`/`, `/docs/playground/`).
    pub public_path: String,
    /// Where the site is published (`https://docs.example.org/playground/`), for the
    /// sitemap and canonical links, when the build is told.
    pub site_url: Option<String>,
    /// The site configuration file named by [`crate::site::config::CONFIG_ENV`], if one is.
    pub config: Option<PathBuf>,
}

/// The environment variable naming the folder of guides, relative to the repository (the
/// project's `guides/` without it).
pub const GUIDES_ENV: &str = "GUIDES";

/// The environment variable giving the site's published address.
pub const SITE_URL_ENV: &str = "SITE_URL";

impl Inputs {
    /// The build Trunk's hook asks for: its staging folder and public URL from Trunk's
    /// variables, the folder of guides from [`GUIDES_ENV`] (relative to `root`), the site's
    /// address from [`SITE_URL_ENV`] and the configuration file from
    /// [`crate::site::config::CONFIG_ENV`].
    ///
    /// # Errors
    /// [`BuildError::Setup`] when `TRUNK_STAGING_DIR` is not set (not run by Trunk), or
    /// when the public URL's path is not one the build can write into its pages
    /// ([`check_public_path`]).
    pub fn from_env(root: &Path) -> Result<Inputs, BuildError> {
        let var = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
        let staging = var("TRUNK_STAGING_DIR").map(PathBuf::from).ok_or_else(|| {
            BuildError::Setup("TRUNK_STAGING_DIR is not set; run me as a Trunk hook".to_owned())
        })?;
        let public_url = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_default();
        Ok(Inputs {
            folder: var(GUIDES_ENV).map_or_else(|| root.join("guides"), |f| root.join(f)),
            staging,
            public_path: check_public_path(public_path(&public_url))?,
            site_url: std::env::var(SITE_URL_ENV)
                .ok()
                .filter(|url| !url.is_empty()),
            config: var(crate::site::config::CONFIG_ENV).map(PathBuf::from),
        })
    }
}

/// The path part of Trunk's public URL (`/docs/playground/`; `https://cdn.test/app/` →
/// `/app/`), always starting with `/`.
pub fn public_path(public_url: &str) -> String {
    let path = ["https://", "http://"]
        .iter()
        .find_map(|scheme| public_url.strip_prefix(scheme))
        .map_or(public_url, |rest| {
            rest.find('/').map_or("", |at| rest.get(at..).unwrap_or(""))
        });
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let path = path.trim_start_matches("./");
    if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    }
}

/// `path`, when every page can hold it as it is: it goes into attributes, the
/// live-reload script's address and the redirects' targets without escaping, so it may
/// hold only what RFC 3986 allows in a path (letters, digits, `-._~`, `%` escapes,
/// `!$&()*+,;=:@` and `/`; not `'`, which would end a quoted value), and must not start
/// with `//`, which a browser reads as another host.
///
/// # Errors
/// [`BuildError::Setup`] naming the character, or the `//`.
pub fn check_public_path(path: String) -> Result<String, BuildError> {
    if path.starts_with("//") {
        return Err(BuildError::Setup(format!(
            "the public URL's path {path:?} starts with //, which a browser reads as another \
             host; give --public-url a path such as /docs/playground/"
        )));
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~%!$&()*+,;=:@/".contains(c);
    match path.chars().find(|c| !allowed(*c)) {
        Some(c) => Err(BuildError::Setup(format!(
            "the public URL's path {path:?} holds {c:?}: a path here may hold only letters, \
             digits, %-escapes and -._~!$&()*+,;=:@/ (escape anything else as %XX)"
        ))),
        None => Ok(path),
    }
}

/// What a finished build did, for the hook's one line of output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The guides' pages written (`grafana/index.html`).
    pub pages: Vec<String>,
    /// The images written (`_images/<digest>.png`).
    pub images: Vec<String>,
    /// The aliases' redirect pages written.
    pub redirects: Vec<String>,
    /// How many inline scripts the page's policy allows by hash.
    pub inline_scripts: usize,
    /// How many style elements the page's policy allows by hash.
    pub inline_styles: usize,
    /// The service worker's lists.
    pub lists: service_worker::Lists,
}

impl Summary {
    /// The hook's line for a build of `folder` that took `took` (scripts/bench reads its
    /// guides and milliseconds).
    pub fn line(&self, folder: &Path, took: std::time::Duration) -> String {
        let folder = folder.display().to_string();
        format!(
            "post-build: {} guide page(s) and {} image(s) from {} prerendered in {} ms; \
             {} inline script(s) and {} style element(s) allowed by hash; service worker \
             keeps {} shared files at once, {} per-guide files once opened",
            self.pages.len(),
            self.images.len(),
            if folder.is_empty() { "." } else { &folder },
            took.as_millis(),
            self.inline_scripts,
            self.inline_styles,
            self.lists.shared.len(),
            self.lists.guides.len()
        )
    }
}

/// Builds the site of `inputs` into its staging folder: each stage in turn (see the
/// module's documentation).
///
/// # Errors
/// Every reason a stage found; nothing is written then.
pub fn build(inputs: &Inputs) -> Result<Summary, Vec<BuildError>> {
    let one = |error| vec![error];
    let mut loaded = load::load(inputs)?;
    let site_rules = crate::site::branding::style_rules(&loaded.sources.config);
    let page =
        page::template(&loaded.staged, &inputs.public_path, site_rules.as_deref()).map_err(one)?;
    let page = policy::allow_inline_elements(page).map_err(one)?;
    let shown = plan::images_shown(&loaded)?;
    let images = load::images(&inputs.folder, &shown).map_err(one)?;
    let plan = plan::plan(&loaded, &images, &inputs.public_path)?;
    let guides = std::mem::take(&mut loaded.sources.guides);
    let pages = render::pages(guides, &loaded, &plan, &page.html, inputs).map_err(one)?;
    let site = render::site(&pages, &loaded, &plan, &page.html, inputs).map_err(one)?;
    let mut files = render::files(&page, &plan, pages, site, loaded.staged.bytes).map_err(one)?;
    let worker = service_worker::service_worker(&plan, &files, &inputs.staging, &inputs.folder)
        .map_err(one)?;
    files.push(write::Written {
        path: load::SERVICE_WORKER.to_owned(),
        contents: write::Contents::Text(worker.script),
    });
    write::write(&inputs.staging, &inputs.folder, &files).map_err(one)?;
    Ok(Summary {
        pages: plan.pages(),
        images: plan.images(),
        redirects: plan.redirects(),
        inline_scripts: page.inline_scripts,
        inline_styles: page.inline_styles,
        lists: worker.lists,
    })
}

/// What Trunk's pre-build hook runs (`prerender --check`): the build's first stage without
/// Trunk's page, so that a configuration or a folder the build would refuse is refused
/// before the WebAssembly is built, in a second instead of after the compile. Returns how
/// many guides the folder holds.
///
/// # Errors
/// Every reason [`load::sources`] finds.
pub fn check(inputs: &Inputs) -> Result<usize, Vec<BuildError>> {
    load::sources(inputs).map(|sources| sources.guides.len())
}

/// After a failed build, Trunk keeps its staging folder (`dist/.stage`) with whatever was
/// in it; it goes, so that a failed build leaves nothing behind (Trunk makes it anew for
/// the next build). A folder of any other name is left alone.
pub fn abandon(staging: &Path) {
    if staging.file_name().is_some_and(|name| name == ".stage") {
        let _ = std::fs::remove_dir_all(staging);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_path_is_the_path_of_trunk_s_public_url() {
        assert_eq!(public_path(""), "/");
        assert_eq!(public_path("/"), "/");
        assert_eq!(public_path("/docs/playground/"), "/docs/playground/");
        assert_eq!(public_path("https://cdn.test/app/"), "/app/");
        assert_eq!(public_path("http://cdn.test"), "/");
        assert_eq!(public_path("./"), "/");
    }

    #[test]
    fn a_public_path_the_pages_cannot_hold_as_it_is_is_refused_naming_what() {
        for fine in [
            "/",
            "/docs/playground/",
            "/a%20b/",
            "/v1.2_x~y/",
            "/a:b@c!$&()*+,;=/",
        ] {
            assert_eq!(
                check_public_path(fine.to_owned()).ok().as_deref(),
                Some(fine)
            );
        }
        for (bad, named) in [
            ("/a\"b/", "'\"'"),
            ("/a b/", "' '"),
            ("/<x>/", "'<'"),
            ("/it's/", "'\\''"),
            ("/a\\b/", "'\\\\'"),
            ("//cdn.test/app/", "starts with //"),
        ] {
            let said = check_public_path(bad.to_owned())
                .expect_err(bad)
                .to_string();
            assert!(said.contains(named), "{bad}: {said}");
        }
    }

    #[test]
    fn the_hook_s_line_says_what_was_built_as_the_bench_reads_it() {
        let summary = Summary {
            pages: vec!["a/index.html".to_owned()],
            images: Vec::new(),
            redirects: Vec::new(),
            inline_scripts: 2,
            inline_styles: 1,
            lists: service_worker::Lists {
                shared: vec!["index.html".to_owned()],
                guides: vec!["a/index.html".to_owned()],
            },
        };
        assert_eq!(
            summary.line(Path::new(""), std::time::Duration::from_millis(12)),
            "post-build: 1 guide page(s) and 0 image(s) from . prerendered in 12 ms; 2 inline \
             script(s) and 1 style element(s) allowed by hash; service worker keeps 1 shared \
             files at once, 1 per-guide files once opened"
        );
    }
}
