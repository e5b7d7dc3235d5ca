//! Build step: writes the site. Every guide of the folder becomes a page at
//! `<slug>/index.html`, rendered by the app's own components at its default values with
//! its document beside it as data (postcard, percent-encoded: see
//! `protocol::encode_page`); the staged `index.html` becomes the site's index, and beside
//! them go a 404 page, a redirect page per front-matter alias, `sitemap.xml` and the
//! guides' images.
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
//! rendered with its file and line, duplicate slugs naming both files, every bound
//! passed), and writes nothing: the pages are written only once every guide has parsed.

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
    match native::build(folder.as_ref(), staging.as_ref(), public_url, site_url) {
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
    use std::fmt;
    use std::path::{Path, PathBuf};

    use guide_engine::site::{PublishedImage, Site, SiteGuide, publish};
    use guide_engine::variables::{self, KNOWN};
    use guide_engine::{Document, FrontMatterError, GuideError};
    use guide_playground::app::{
        GUIDE_DATA_ID, Home, ROOT_ID, head_description, head_title, index_title,
        render_configuration_tools, render_guide_list, render_to_string,
    };
    use guide_playground::folder::Entry;
    use guide_playground::protocol::{IndexEntry, PageData, SiteIndex, encode_page};
    use guide_playground::site::{self, SiteError, pages};

    use super::watchdog;

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
    /// the site's bounds so a wrong folder is never walked whole.
    fn list(root: &Path) -> Result<Vec<Entry>, BuildError> {
        let mut entries = Vec::new();
        let mut folders = vec![(root.to_path_buf(), 0usize)];
        while let Some((dir, depth)) = folders.pop() {
            let mut read: Vec<_> = std::fs::read_dir(&dir)
                .map_err(io(&dir))?
                .collect::<Result<_, _>>()
                .map_err(io(&dir))?;
            read.sort_by_key(std::fs::DirEntry::file_name);
            for item in read {
                let path = item.path();
                let kind = item.file_type().map_err(io(&path))?;
                let relative = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                if kind.is_dir() {
                    if depth < site::MAX_SITE_DEPTH {
                        folders.push((path, depth + 1));
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
                    return Ok(entries);
                }
            }
        }
        Ok(entries)
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

    /// A page to write: where, and what.
    struct Written {
        path: String,
        html: String,
    }

    /// Builds the site from `folder` into `staging`; returns the summary for the hook.
    pub fn build(
        folder: &Path,
        staging: &Path,
        public_url: &str,
        site_url: Option<&str>,
    ) -> Result<String, Vec<BuildError>> {
        let one = |e| vec![e];
        let entries = list(folder).map_err(one)?;
        let plan = site::plan(&entries)
            .map_err(|errors| errors.into_iter().map(BuildError::Site).collect::<Vec<_>>())?;
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
                    match watchdog::read_within_budget(&guide.file, || guide_engine::parse(&source))
                    {
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
        let site_guides: Vec<SiteGuide> = parsed
            .iter()
            .map(|(guide, document)| SiteGuide::new(&guide.slug, &guide.file, document))
            .collect();
        let site_map = Site::new(
            site_guides.clone(),
            plan.images.clone(),
            plan.section.clone(),
        );

        let mut writes: Vec<Written> = Vec::new();
        let mut images: Vec<PublishedImage> = Vec::new();
        let mut redirects: Vec<String> = Vec::new();
        let mut taken: std::collections::HashMap<String, String> = std::collections::HashMap::new();
        let mut entries_for_index = Vec::new();
        for ((guide, document), site_guide) in parsed.iter_mut().zip(&site_guides) {
            if staging.join(&guide.slug).exists() {
                errors.push(BuildError::Site(SiteError::SlugTaken {
                    file: guide.file.clone(),
                    slug: guide.slug.clone(),
                }));
                continue;
            }
            taken.insert(guide.slug.clone(), guide.file.clone());
            let published = publish(document, site_guide, &site_map);
            if published.len() > guide_playground::folder::MAX_IMAGES {
                errors.push(BuildError::Site(SiteError::TooManyImages {
                    file: guide.file.clone(),
                    found: published.len(),
                }));
            }
            images.extend(published);
            entries_for_index.push(IndexEntry {
                slug: guide.slug.clone(),
                title: document.title().to_owned(),
                description: head_description(document),
            });
        }
        for (guide, document) in &parsed {
            for alias in &document.front_matter.aliases {
                match site::alias_folder(alias) {
                    Err(reason) => errors.push(BuildError::Site(SiteError::Alias {
                        file: guide.file.clone(),
                        alias: alias.clone(),
                        reason,
                    })),
                    Ok(path) => {
                        if let Some(other) = taken.get(&path) {
                            if other != &guide.file {
                                errors.push(BuildError::Site(SiteError::Alias {
                                    file: guide.file.clone(),
                                    alias: alias.clone(),
                                    reason: format!("is also the address of {other}"),
                                }));
                            }
                            continue;
                        }
                        taken.insert(path.clone(), guide.file.clone());
                        let to = format!("{public_url}{}/", guide.slug);
                        let file = format!("{path}/index.html");
                        writes.push(Written {
                            path: file.clone(),
                            html: pages::redirect(&to, document.title()),
                        });
                        redirects.push(file);
                    }
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }

        // The values the index offers: Authelia's site variables any guide uses.
        let shared: Vec<_> = KNOWN
            .iter()
            .filter(|known| parsed.iter().any(|(_, d)| d.variable(known.name).is_some()))
            .map(|known| variables::describe(known.name, None))
            .collect();
        let canonical_base = site_url.unwrap_or(public_url);
        let mut page_files = Vec::new();
        let mut offline_bytes: u64 = 0;
        for (guide, document) in parsed {
            let title = head_title(&document);
            let description = head_description(&document);
            let html = fill(
                &template,
                Home::Guide(std::sync::Arc::new(document.clone())),
                &render_configuration_tools(!document.needs_secret()),
                &encode_page(&PageData::Guide(document)),
                &title,
                &description,
                &format!("{canonical_base}{}/", guide.slug),
            )
            .map_err(one)?;
            offline_bytes += u64::try_from(html.len()).unwrap_or(u64::MAX);
            let file = format!("{}/index.html", guide.slug);
            page_files.push(file.clone());
            writes.push(Written { path: file, html });
        }
        images.sort();
        images.dedup();
        // Their sizes as the folder was listed: the plan admitted no image without one.
        let sizes: std::collections::HashMap<&str, u64> =
            entries.iter().map(|e| (e.path.as_str(), e.size)).collect();
        offline_bytes += images
            .iter()
            .filter_map(|image| sizes.get(image.from.as_str()))
            .sum::<u64>();

        entries_for_index.sort_by_key(|e| e.title.to_lowercase());
        let (title, description) = match &section {
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
        let values = Document::values_panel(&title, shared);
        let index = SiteIndex {
            title,
            description,
            guides: entries_for_index,
            values,
            offline_bytes,
            not_found: false,
        };
        for (file, not_found) in [("index.html", false), ("404.html", true)] {
            let shown = std::sync::Arc::new(SiteIndex {
                not_found,
                ..index.clone()
            });
            let title = index_title(&shown);
            // The sections serve a guide the reader opens from the index.
            let list = render_guide_list(shown.clone()) + &render_configuration_tools(true);
            let data = encode_page(&PageData::Index((*shown).clone()));
            let html = fill(
                &template,
                Home::Index(shown),
                &list,
                &data,
                &title,
                &index.description,
                canonical_base,
            )
            .map_err(one)?;
            writes.push(Written {
                path: file.to_owned(),
                html,
            });
        }
        let mut listed = vec![String::new()];
        listed.extend(index.guides.iter().map(|g| format!("{}/", g.slug)));
        writes.push(Written {
            path: "sitemap.xml".to_owned(),
            html: pages::sitemap(canonical_base, &listed),
        });

        write_all(staging, &writes, folder, &images).map_err(one)?;
        Ok(format!(
            "{{\"pages\":{},\"images\":{},\"redirects\":{}}}",
            json_list(page_files.iter()),
            json_list(images.iter().map(|i| &i.to)),
            json_list(redirects.iter()),
        ))
    }

    /// Writes every page and copies every image, each file whole (a temporary file
    /// renamed into place), once everything has been rendered.
    fn write_all(
        staging: &Path,
        writes: &[Written],
        folder: &Path,
        images: &[PublishedImage],
    ) -> Result<(), BuildError> {
        let place = |relative: &str| -> Result<PathBuf, BuildError> {
            let path = staging.join(relative);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            Ok(path)
        };
        for written in writes {
            let path = place(&written.path)?;
            let temporary = path.with_extension("partial");
            std::fs::write(&temporary, &written.html).map_err(io(&temporary))?;
            std::fs::rename(&temporary, &path).map_err(io(&path))?;
        }
        for image in images {
            let to = place(&image.to)?;
            let from = folder.join(&image.from);
            std::fs::copy(&from, &to).map_err(io(&from))?;
        }
        Ok(())
    }

    /// Paths as a JSON array of strings.
    fn json_list<'a>(items: impl Iterator<Item = &'a String>) -> String {
        let quoted: Vec<String> = items
            .map(|item| {
                let escaped: String = item
                    .chars()
                    .flat_map(|c| match c {
                        '"' | '\\' => vec!['\\', c],
                        c if c.is_control() => format!("\\u{:04x}", u32::from(c)).chars().collect(),
                        c => vec![c],
                    })
                    .collect();
                format!("\"{escaped}\"")
            })
            .collect();
        format!("[{}]", quoted.join(","))
    }

    /// The empty element in index.html the app renders into.
    fn root_marker() -> String {
        format!("<div id=\"{ROOT_ID}\"></div>")
    }

    /// The page with its markup (and `after_root`, what stands after the app's root:
    /// the index's list), data and head filled in.
    fn fill(
        template: &str,
        home: Home,
        after_root: &str,
        data: &str,
        title: &str,
        description: &str,
        canonical: &str,
    ) -> Result<String, BuildError> {
        // The data is percent-encoded: it holds no `<`, so it cannot end its element.
        let markup = render_to_string(home);
        let page = replace_once(
            template,
            &root_marker(),
            &format!(
                "<div id=\"{ROOT_ID}\">{markup}</div>{after_root}\n    \
                 <script type=\"text/plain\" id=\"{GUIDE_DATA_ID}\">{data}</script>"
            ),
        )?;
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
        use guide_playground::protocol::decode_page;

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

        #[test]
        fn a_guide_cannot_close_its_data_block_or_the_head() {
            let guide = "---\ntitle: \"</script><script>alert(1)</script>\"\ndescription: \"a \\\"quoted\\\" <b>\"\n---\nText </script> here.\n";
            let (folder, staging) = fixture("escape", &[("evil.md", guide)]);
            build(&folder, &staging, "/", None).expect("builds");
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
            let summary = build(&folder, &staging, "/docs/", Some("https://x.example/docs/"))
                .expect("builds");
            assert_eq!(
                summary,
                "{\"pages\":[\"alpha/index.html\",\"beta/index.html\"],\"images\":[\"alpha/login.png\"],\"redirects\":[\"old/alpha/index.html\"]}"
            );
            let alpha = std::fs::read_to_string(staging.join("alpha/index.html")).expect("alpha");
            assert!(alpha.contains("src=\"alpha/login.png\""), "{alpha}");
            assert!(alpha.contains("href=\"beta/\""), "{alpha}");
            assert!(
                alpha.contains("<link rel=\"canonical\" href=\"https://x.example/docs/alpha/\">")
            );
            assert_eq!(
                std::fs::read(staging.join("alpha/login.png")).expect("copied"),
                b"png"
            );
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
            let errors = build(&folder, &staging, "/", None).expect_err("broken");
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
            let errors = build(&folder, &staging, "/", None).expect_err("taken");
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
            let errors = build(&folder, &staging, "/", None).expect_err("no marker");
            assert!(
                errors.iter().any(|e| e.to_string().contains("gp-app")),
                "{errors:?}"
            );
        }
    }
}
