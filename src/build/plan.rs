//! The build's plan: every path the site is written at, decided before anything is
//! written, without the file system. The images the guides show, each published once
//! under `_images/` by its content; the site configuration's style sheet; every guide's
//! page; a redirect page per alias; the index, the 404 page, the sitemap and the service
//! worker; and the app's own files that Trunk staged. Each claims its path in turn
//! ([`outputs`]), so two that would clash fail the build naming both. From the plan come
//! the service worker's lists ([`Plan::lists`]).

use std::collections::{BTreeSet, HashMap};

use guide_engine::publish::{Site, SiteGuide, publish};

use super::BuildError;
use super::load::{Image, LIVE_RELOAD, Loaded, SERVICE_WORKER};
use super::service_worker::Lists;
use crate::site::branding::{self, Chrome};
use crate::site::{self, SiteError};
use outputs::{BUILD_FILES, Outputs, Owner};

pub mod outputs;

/// The folder of the site every image is published in, once per content.
pub const IMAGES_FOLDER: &str = "_images";

/// The sitemap, at the site's root.
pub const SITEMAP: &str = "sitemap.xml";

/// The 404 page, at the site's root.
pub const NOT_FOUND: &str = "404.html";

/// An image published once for its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedImage {
    /// Its file in the folder of guides (the first of its copies there).
    pub from: String,
    /// Its digest, checked again when it is copied.
    pub digest: String,
    /// Where it is published (`_images/<digest>.png`).
    pub path: String,
    /// Its size.
    pub bytes: u64,
}

/// A guide's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedPage {
    /// The guide's slug.
    pub slug: String,
    /// Where its page is written (`grafana/index.html`).
    pub path: String,
}

/// A redirect page for a guide's alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// Where it is written (`old/grafana/index.html`).
    pub path: String,
    /// The address it sends the reader to (`/docs/grafana/`).
    pub to: String,
    /// The guide's title.
    pub title: String,
}

/// Every path of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The images, one per content, in the order claimed.
    pub images: Vec<PlannedImage>,
    /// Every image a guide shows (or the brand's logo), by its file in the folder, with
    /// the path it is published at.
    pub published_at: Vec<(String, String)>,
    /// What the site configuration puts on every page (its logo at its published path).
    pub chrome: Chrome,
    /// The guides' pages, in the order of the loaded guides.
    pub pages: Vec<PlannedPage>,
    /// The aliases' redirect pages.
    pub redirects: Vec<Redirect>,
    /// Every file Trunk staged, the page too (which the index replaces).
    pub staged: Vec<String>,
}

/// Sorts `names` as JavaScript's default sort does (by UTF-16 code units), which the
/// service worker's lists and version have always used.
fn sort_as_javascript(names: &mut [String]) {
    names.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
}

impl Plan {
    /// The guides' pages, in the order of the loaded guides.
    pub fn pages(&self) -> Vec<String> {
        self.pages.iter().map(|page| page.path.clone()).collect()
    }

    /// The images' paths, sorted.
    pub fn images(&self) -> Vec<String> {
        let mut images: Vec<String> = self.images.iter().map(|i| i.path.clone()).collect();
        images.sort();
        images
    }

    /// The redirect pages' paths, in the order claimed.
    pub fn redirects(&self) -> Vec<String> {
        self.redirects.iter().map(|r| r.path.clone()).collect()
    }

    /// Every file of the built site but the service worker and Trunk's live-reload
    /// script, sorted as [`sort_as_javascript`] does.
    pub fn files(&self) -> Vec<String> {
        let mut files: BTreeSet<String> = self.staged.iter().cloned().collect();
        files.extend(
            BUILD_FILES
                .iter()
                .map(|(path, _)| (*path).to_owned())
                .filter(|path| path != SERVICE_WORKER && path != LIVE_RELOAD),
        );
        files.extend(self.pages());
        files.extend(self.images());
        files.extend(self.redirects());
        let mut files: Vec<String> = files.into_iter().collect();
        sort_as_javascript(&mut files);
        files
    }

    /// The service worker's lists: the per-guide files (pages and images), which it keeps
    /// once opened or when the reader asks; every other file but the redirects (the app's
    /// files, the index, the 404 page, the sitemap), which it keeps at once.
    pub fn lists(&self) -> Lists {
        let mut guides: Vec<String> = self.pages();
        guides.extend(self.images());
        sort_as_javascript(&mut guides);
        let not_shared: BTreeSet<String> = guides.iter().cloned().chain(self.redirects()).collect();
        let shared = self
            .files()
            .into_iter()
            .filter(|file| !not_shared.contains(file))
            .collect();
        Lists { shared, guides }
    }
}

/// The guides as the link rewriting (`publish`) knows them.
fn site_guides(loaded: &Loaded) -> Vec<SiteGuide> {
    loaded
        .sources
        .guides
        .iter()
        .map(|guide| SiteGuide::new(&guide.slug, &guide.file, &guide.document))
        .collect()
}

/// The images the guides show (found by rewriting copies of them, each image at its own
/// path) and the brand's logo: what the build reads and publishes.
///
/// # Errors
/// A guide showing more than [`crate::folder::MAX_IMAGES`] images; the images together
/// past [`site::MAX_SITE_BYTES`] (checked before any is read: reading them is the build's
/// largest work).
pub fn images_shown(loaded: &Loaded) -> Result<BTreeSet<String>, Vec<BuildError>> {
    let mut errors = Vec::new();
    let by_path = Site::new(
        site_guides(loaded),
        loaded
            .sources
            .site
            .images
            .iter()
            .map(|i| (i.clone(), i.clone()))
            .collect(),
        loaded.sources.site.section.clone(),
    );
    let mut shown: BTreeSet<String> = BTreeSet::new();
    for (guide, site_guide) in loaded.sources.guides.iter().zip(by_path.guides()) {
        let published = publish(&mut guide.document.clone(), site_guide, &by_path);
        if published.len() > crate::folder::MAX_IMAGES {
            errors.push(BuildError::Site(SiteError::TooManyImages {
                file: guide.file.clone(),
                found: published.len(),
            }));
        }
        shown.extend(published.into_iter().map(|image| image.from));
    }
    shown.extend(logo(loaded));
    let shown_bytes: u64 = shown
        .iter()
        .filter_map(|from| loaded.sources.sizes.get(from.as_str()))
        .fold(0, |sum, size| sum.saturating_add(*size));
    if shown_bytes > site::MAX_SITE_BYTES {
        errors.push(BuildError::Site(SiteError::TooLarge {
            what: format!("the {} images the guides show", shown.len()),
            bytes: shown_bytes,
        }));
    }
    if errors.is_empty() {
        Ok(shown)
    } else {
        Err(errors)
    }
}

/// The brand's logo, a file of the folder, when the configuration gives one.
fn logo(loaded: &Loaded) -> Option<String> {
    loaded
        .sources
        .config
        .brand
        .as_ref()
        .and_then(|b| b.logo.clone())
}

/// The ending an image keeps in its published name (`png`), lower case; the folder's plan
/// admits only images with one of the page's endings.
fn image_ending(from: &str) -> String {
    from.rsplit_once('.')
        .map(|(_, ending)| ending)
        .filter(|e| e.len() <= 5 && e.bytes().all(|b| b.is_ascii_alphanumeric()))
        .unwrap_or("img")
        .to_ascii_lowercase()
}

/// Plans the site of `loaded`, its shown `images` read (each with its digest), served
/// under `public_path`.
///
/// # Errors
/// Every claim that collides with another (naming both), every alias that cannot be a
/// folder of the site.
pub fn plan(loaded: &Loaded, images: &[Image], public_path: &str) -> Result<Plan, Vec<BuildError>> {
    let mut errors: Vec<BuildError> = Vec::new();
    let mut outputs = Outputs::new(&loaded.staged.root);
    let mut planned_images: Vec<PlannedImage> = Vec::new();
    let mut published_at = Vec::new();
    let mut by_digest: HashMap<&str, String> = HashMap::new();
    for image in images {
        let to = match by_digest.get(image.digest.as_str()) {
            Some(to) => to.clone(),
            None => {
                let to = format!(
                    "{IMAGES_FOLDER}/{}.{}",
                    image.digest,
                    image_ending(&image.from)
                );
                if let Err(error) = outputs.claim(
                    &to,
                    Owner::Image {
                        from: image.from.clone(),
                    },
                ) {
                    errors.push(error.into());
                }
                by_digest.insert(&image.digest, to.clone());
                planned_images.push(PlannedImage {
                    from: image.from.clone(),
                    digest: image.digest.clone(),
                    path: to.clone(),
                    bytes: image.bytes,
                });
                to
            }
        };
        published_at.push((image.from.clone(), to));
    }
    let logo_at = logo(loaded).and_then(|from| {
        published_at
            .iter()
            .find(|(published, _)| *published == from)
            .map(|(_, to)| to.clone())
    });
    let chrome = branding::chrome(&loaded.sources.config, logo_at.as_deref());
    let mut pages = Vec::new();
    for guide in &loaded.sources.guides {
        let path = format!("{}/index.html", guide.slug);
        let owner = Owner::Page {
            file: guide.file.clone(),
            slug: guide.slug.clone(),
        };
        if let Err(error) = outputs.claim(&path, owner) {
            errors.push(error.into());
        }
        pages.push(PlannedPage {
            slug: guide.slug.clone(),
            path,
        });
    }
    let mut redirects = Vec::new();
    for guide in &loaded.sources.guides {
        for alias in &guide.document.front_matter.aliases {
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
                Ok(true) => redirects.push(Redirect {
                    path,
                    to: format!("{public_path}{}/", guide.slug),
                    title: guide.document.title().to_owned(),
                }),
                Ok(false) => {}
                Err(error) => errors.push(error.into()),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Plan {
        images: planned_images,
        published_at,
        chrome,
        pages,
        redirects,
        staged: loaded.staged.files.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::load::{Guide, Sources, Staged};
    use crate::site::config::SiteConfig;

    /// A loaded folder of `guides` (file, source), as Trunk staged `staged` (files at its
    /// root); every `.png` of the folder is an image of 3 bytes.
    fn loaded(guides: &[(&str, &str)], images: &[&str], staged: &[&str]) -> Loaded {
        let guides: Vec<Guide> = guides
            .iter()
            .map(|(file, source)| Guide {
                slug: file.trim_end_matches(".md").to_owned(),
                file: (*file).to_owned(),
                document: guide_engine::parse(source).expect("parses"),
            })
            .collect();
        Loaded {
            sources: Sources {
                config: SiteConfig::default(),
                config_file: String::new(),
                site: site::SiteFolder {
                    guides: Vec::new(),
                    images: images.iter().map(|i| (*i).to_owned()).collect(),
                    section: None,
                },
                sizes: images.iter().map(|i| ((*i).to_owned(), 3)).collect(),
                guides,
                section: None,
            },
            staged: Staged {
                page: String::new(),
                root: staged
                    .iter()
                    .filter(|f| **f != "index.html")
                    .map(|f| match f.split_once('/') {
                        Some((folder, _)) => (folder.to_owned(), true),
                        None => ((*f).to_owned(), false),
                    })
                    .collect(),
                files: staged.iter().map(|f| (*f).to_owned()).collect(),
                bytes: 0,
                linked: Vec::new(),
            },
        }
    }

    fn image(from: &str, digest: &str) -> Image {
        Image {
            from: from.to_owned(),
            digest: digest.to_owned(),
            bytes: 3,
        }
    }

    fn said(result: Result<Plan, Vec<BuildError>>) -> Vec<String> {
        result
            .expect_err("refused")
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn every_output_path_is_planned_aliases_images_and_the_site_s_own_files_included() {
        let loaded = loaded(
            &[
                (
                    "alpha.md",
                    "---\ntitle: Alpha\naliases:\n  - /old/alpha/\n  - /alpha/\n---\n![s](shot.png)\n",
                ),
                ("beta.md", "---\ntitle: Beta\n---\n![s](copy.PNG)\n"),
            ],
            &["shot.png", "copy.PNG"],
            &["index.html", "favicon.svg", "snippets/a.js"],
        );
        let shown = images_shown(&loaded).expect("shown");
        assert_eq!(
            shown.iter().collect::<Vec<_>>(),
            vec!["copy.PNG", "shot.png"]
        );
        // The two files hold the same bytes: one image.
        let plan = plan(
            &loaded,
            &[image("copy.PNG", "ab"), image("shot.png", "ab")],
            "/docs/",
        )
        .expect("plans");
        assert_eq!(plan.pages(), vec!["alpha/index.html", "beta/index.html"]);
        assert_eq!(plan.images(), vec!["_images/ab.png"]);
        assert_eq!(
            plan.published_at,
            vec![
                ("copy.PNG".to_owned(), "_images/ab.png".to_owned()),
                ("shot.png".to_owned(), "_images/ab.png".to_owned())
            ]
        );
        // The alias onto its own page writes nothing.
        assert_eq!(
            plan.redirects,
            vec![Redirect {
                path: "old/alpha/index.html".to_owned(),
                to: "/docs/alpha/".to_owned(),
                title: "Alpha".to_owned(),
            }]
        );
        assert_eq!(
            plan.files(),
            vec![
                "404.html",
                "_images/ab.png",
                "alpha/index.html",
                "beta/index.html",
                "favicon.svg",
                "index.html",
                "old/alpha/index.html",
                "sitemap.xml",
                "snippets/a.js",
            ]
        );
    }

    #[test]
    fn the_service_worker_keeps_pages_and_images_per_guide_redirects_never_the_rest_at_once() {
        let loaded = loaded(
            &[(
                "alpha.md",
                "---\ntitle: Alpha\naliases:\n  - /old/\n---\n![s](shot.png)\n",
            )],
            &["shot.png"],
            &["index.html", "main-1.css", "Z.js"],
        );
        let plan = plan(&loaded, &[image("shot.png", "cd")], "/").expect("plans");
        let lists = plan.lists();
        assert_eq!(lists.guides, vec!["_images/cd.png", "alpha/index.html"]);
        assert_eq!(
            lists.shared,
            vec![
                "404.html",
                "Z.js",
                "index.html",
                "main-1.css",
                "sitemap.xml"
            ]
        );
        // Together with the redirect, the lists are every file of the build.
        let mut all: Vec<String> = lists.shared.iter().chain(&lists.guides).cloned().collect();
        all.push("old/index.html".to_owned());
        all.sort();
        assert_eq!(all, plan.files());
    }

    #[test]
    fn names_sort_as_javascript_sorts_them_by_utf16_units() {
        // U+FF5E sorts after U+1F600 in UTF-16 (0xFF5E > 0xD83D), before it in UTF-8.
        let mut names = vec![
            "\u{1F600}".to_owned(),
            "\u{FF5E}".to_owned(),
            "a".to_owned(),
        ];
        sort_as_javascript(&mut names);
        assert_eq!(names, vec!["a", "\u{1F600}", "\u{FF5E}"]);
    }

    #[test]
    fn an_alias_onto_any_planned_path_is_refused_naming_both() {
        let loaded = loaded(
            &[
                (
                    "a.md",
                    "---\ntitle: A\naliases:\n  - /service-worker.js\n  - /sitemap.xml\n  - /404.html\n  - /INDEX.HTML/\n  - /favicon.svg\n  - /b/\n  - /_images/ef.png\n  - /trunk-live-reload.js\n  - /\n---\n![s](shot.png)\n",
                ),
                ("b.md", "# B\n"),
            ],
            &["shot.png"],
            &["index.html", "favicon.svg"],
        );
        assert_eq!(
            said(plan(&loaded, &[image("shot.png", "ef")], "/")),
            vec![
                "the alias /service-worker.js of a.md (service-worker.js/index.html) collides with the service worker the build writes (service-worker.js)",
                "the alias /sitemap.xml of a.md (sitemap.xml/index.html) collides with the sitemap the build writes (sitemap.xml)",
                "the alias /404.html of a.md (404.html/index.html) collides with the 404 page the build writes (404.html)",
                "the alias /INDEX.HTML/ of a.md (INDEX.HTML/index.html) collides with the index the build writes (index.html)",
                "the alias /favicon.svg of a.md (favicon.svg/index.html) collides with the app's own file favicon.svg (favicon.svg)",
                "the alias /b/ of a.md (b/index.html) collides with the page of b.md (b/index.html)",
                "the alias /_images/ef.png of a.md (_images/ef.png/index.html) collides with the image shot.png (_images/ef.png)",
                "the alias /trunk-live-reload.js of a.md (trunk-live-reload.js/index.html) collides with the live-reload script the build writes (trunk-live-reload.js)",
                "a.md: the alias / is the site's root, which is its index",
            ]
        );
    }

    #[test]
    fn two_guides_aliases_onto_one_path_are_refused_but_one_guide_s_twice_is_not() {
        let loaded = loaded(
            &[
                (
                    "a.md",
                    "---\ntitle: A\naliases:\n  - /old/\n  - /old\n---\n",
                ),
                ("b.md", "---\ntitle: B\naliases:\n  - /Old/\n---\n"),
            ],
            &[],
            &["index.html"],
        );
        assert_eq!(
            said(plan(&loaded, &[], "/")),
            vec![
                "the alias /Old/ of b.md (Old/index.html) collides with the alias /old/ of a.md (old/index.html)"
            ]
        );
    }

    #[test]
    fn a_guide_showing_too_many_images_is_named() {
        let many: String = (0..=crate::folder::MAX_IMAGES)
            .map(|i| format!("![{i}](i{i}.png)\n\n"))
            .collect();
        let names: Vec<String> = (0..=crate::folder::MAX_IMAGES)
            .map(|i| format!("i{i}.png"))
            .collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let loaded = loaded(&[("g.md", many.as_str())], &refs, &["index.html"]);
        let errors: Vec<String> = images_shown(&loaded)
            .expect_err("too many")
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            errors,
            vec![format!(
                "g.md: shows {} images; a guide may show at most {} (MAX_IMAGES)",
                crate::folder::MAX_IMAGES + 1,
                crate::folder::MAX_IMAGES
            )]
        );
    }
}
