//! Build step: writes the bundled guide into the built `index.html`, rendered by the
//! app's own components at its default values, with the guide's document beside it as
//! data (postcard, percent-encoded: see `protocol::encode_document`), and the head's title and
//! description from the guide's front matter.
//!
//! Run by the Trunk post-build hook (scripts/lib/post-build.mjs) on the staged page:
//!
//! ```text
//! prerender <guide.md> <staged index.html>
//! ```
//!
//! A guide that cannot be rendered fails the build with its file and line, and leaves
//! the page untouched: the new page is written to a temporary file and renamed over the
//! old one only when complete.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [guide, page] = args.as_slice() else {
        eprintln!("usage: prerender <guide.md> <staged index.html>");
        return std::process::ExitCode::from(2);
    };
    match native::prerender(guide.as_ref(), page.as_ref()) {
        Ok(bytes) => {
            println!("prerender: {guide} written into {page} ({bytes} bytes)");
            std::process::ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("prerender: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Nothing to do in the browser: the step runs natively at build time.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::fmt;
    use std::path::Path;
    use std::sync::Arc;

    use guide_engine::{Document, FrontMatterError, GuideError};
    use guide_playground::app::{
        GUIDE_DATA_ID, ROOT_ID, head_description, head_title, render_to_string,
    };
    use guide_playground::protocol::encode_document;

    /// Why the page could not be prerendered.
    #[derive(Debug)]
    pub enum PrerenderError {
        /// A file could not be read or written.
        Io {
            /// The file's path as the prerender step was given it.
            path: String,
            /// What the system said.
            error: std::io::Error,
        },
        /// The guide does not parse.
        Guide {
            /// The guide's path as the prerender step was given it.
            path: String,
            /// Why, with the line.
            error: GuideError,
        },
        /// The page has no place for the guide (index.html lost a marker).
        Template {
            /// The marker that is missing.
            missing: String,
        },
    }

    impl fmt::Display for PrerenderError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                PrerenderError::Io { path, error } => write!(f, "{path}: {error}"),
                // `file:line: message`, as compilers write it, so editors can jump there.
                PrerenderError::Guide {
                    path,
                    error:
                        GuideError::FrontMatter(
                            FrontMatterError::Unclosed { line }
                            | FrontMatterError::Yaml {
                                line: Some(line), ..
                            },
                        ),
                } => write!(f, "{path}:{line}: {}", self.guide_message()),
                PrerenderError::Guide { path, .. } => {
                    write!(f, "{path}: {}", self.guide_message())
                }
                PrerenderError::Template { missing } => {
                    write!(f, "the page has no {missing} for the guide")
                }
            }
        }
    }

    impl PrerenderError {
        fn guide_message(&self) -> String {
            match self {
                PrerenderError::Guide { error, .. } => error.to_string(),
                _ => String::new(),
            }
        }
    }

    impl std::error::Error for PrerenderError {}

    /// The empty element in index.html the app renders into.
    fn root_marker() -> String {
        format!("<div id=\"{ROOT_ID}\"></div>")
    }

    /// Prerenders `guide` into the page at `page`; returns the page's new size.
    pub fn prerender(guide: &Path, page: &Path) -> Result<usize, PrerenderError> {
        let io = |path: &Path| {
            let path = path.display().to_string();
            move |error| PrerenderError::Io { path, error }
        };
        let source = std::fs::read_to_string(guide).map_err(io(guide))?;
        let document = guide_engine::parse(&source).map_err(|error| PrerenderError::Guide {
            path: guide.display().to_string(),
            error,
        })?;
        let template = std::fs::read_to_string(page).map_err(io(page))?;
        let html = fill(&template, Arc::new(document))?;
        let temporary = page.with_extension("html.partial");
        std::fs::write(&temporary, &html).map_err(io(&temporary))?;
        std::fs::rename(&temporary, page).map_err(io(page))?;
        Ok(html.len())
    }

    /// The page with the guide, its data and its head filled in.
    pub fn fill(template: &str, document: Arc<Document>) -> Result<String, PrerenderError> {
        let title = head_title(&document);
        let description = head_description(&document);
        // Base64 holds no `<`, so the data cannot end its `<script>` element early.
        let data = encode_document(&document);
        let markup = render_to_string(document);
        let root = root_marker();
        let page = replace_once(
            template,
            &root,
            &format!(
                "<div id=\"{ROOT_ID}\">{markup}</div>\n    \
                 <script type=\"text/plain\" id=\"{GUIDE_DATA_ID}\">{data}</script>"
            ),
        )?;
        let page = replace_between(&page, "<title>", "</title>", &escape(&title))?;
        replace_once(
            &page,
            "<meta name=\"description\" content=\"\">",
            &format!(
                "<meta name=\"description\" content=\"{}\">",
                escape(&description)
            ),
        )
    }

    fn replace_once(text: &str, marker: &str, with: &str) -> Result<String, PrerenderError> {
        if text.matches(marker).count() != 1 {
            return Err(PrerenderError::Template {
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
    ) -> Result<String, PrerenderError> {
        let missing = || PrerenderError::Template {
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

    /// Text for HTML content and quoted attributes.
    fn escape(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use guide_playground::protocol::decode_document;

        const TEMPLATE: &str = "<html><head><title>x</title><meta name=\"description\" content=\"\"></head><body><div id=\"gp-app\"></div></body></html>";

        #[test]
        fn a_guide_cannot_close_its_data_block_or_the_head() {
            let guide = "---\ntitle: \"</script><script>alert(1)</script>\"\ndescription: \"a \\\"quoted\\\" <b>\"\n---\nText </script> here.\n";
            let page = fill(
                TEMPLATE,
                Arc::new(guide_engine::parse(guide).expect("parses")),
            )
            .expect("fills");
            assert_eq!(page.matches("</script>").count(), 1, "{page}");
            assert!(
                page.contains("content=\"a &quot;quoted&quot; &lt;b&gt;\""),
                "{page}"
            );
            let data = page
                .split("id=\"gp-guide-data\">")
                .nth(1)
                .and_then(|rest| rest.split("</script>").next())
                .expect("a data block");
            let back = decode_document(data).expect("the data reads back");
            assert_eq!(back.title(), "</script><script>alert(1)</script>");
        }

        #[test]
        fn a_template_without_its_marker_is_refused() {
            let err = fill(
                "<title></title>",
                Arc::new(guide_engine::parse("x").expect("parses")),
            )
            .expect_err("no marker");
            assert!(err.to_string().contains("gp-app"), "{err}");
        }

        #[test]
        fn a_guide_error_names_the_file_and_line() {
            let dir = std::env::temp_dir().join(format!("prerender-test-{}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("temp dir");
            let guide = dir.join("broken.md");
            let page = dir.join("index.html");
            std::fs::write(&guide, "---\ntitle: ok\nweight: [1\n---\n").expect("write");
            std::fs::write(&page, TEMPLATE).expect("write");
            let err = prerender(&guide, &page).expect_err("broken front matter");
            let said = err.to_string();
            assert!(said.starts_with(&format!("{}:", guide.display())), "{said}");
            assert!(
                said.split(':')
                    .nth(1)
                    .is_some_and(|l| l.parse::<u32>().is_ok()),
                "{said}"
            );
            assert_eq!(
                std::fs::read_to_string(&page).expect("read"),
                TEMPLATE,
                "page untouched"
            );
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
