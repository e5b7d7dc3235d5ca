//! The build's rendering, in memory: first every guide's page ([`pages`]: its links
//! rewritten for the site by `publish`, rendered by the app's own components at its
//! default values, with its document beside it as data), then the site around them
//! ([`site`]: the redirects, the sitemap, the 404 page and the index), then every file the
//! build writes, in the order written, checked against [`site::MAX_SITE_BYTES`]
//! ([`files`]).

use std::sync::Arc;

use guide_engine::publish::{Site, SiteGuide, publish};
use guide_engine::variables::KNOWN;
use guide_engine::{Document, Variable};

use super::load::{Guide, LIVE_RELOAD, Loaded};
use super::page::Page;
use super::plan::{NOT_FOUND, Plan, SITEMAP};
use super::write::{Contents, Written};
use super::{BuildError, Inputs};
use crate::app::{
    GUIDE_DATA_ID, Home, ROOT_ID, head_description, head_title, index_title,
    render_configuration_tools, render_guide_list, render_to_string,
};
use crate::protocol::page_data::{IndexEntry, PageData, SiteIndex, encode_page};
use crate::site::branding::Chrome;
use crate::site::{self, SiteError, pages as plain};

/// The index's heading when the folder is not a Hugo section with a title.
pub const DEFAULT_INDEX_TITLE: &str = "Guides";

/// The index's description when the section gives none.
pub const DEFAULT_INDEX_DESCRIPTION: &str =
    "Integration guides, filled in with your own domain, values and client secret.";

/// The guides' pages, rendered, and what the index takes from them.
#[derive(Debug, Clone)]
pub struct Pages {
    /// Each page, at its planned path.
    pub written: Vec<Written>,
    /// The index's entries, one per guide, in the index's order.
    pub entries: Vec<IndexEntry>,
    /// The values the index offers: Authelia's site variables any guide uses, each as
    /// the guides have it (with the configuration's default, if it gives one).
    pub shared: Vec<Variable>,
    /// What keeping every guide offline downloads: every page and image, in bytes.
    pub offline_bytes: u64,
}

/// Where canonical links and the sitemap point: the site's address when the build is
/// told it, else the configuration's base URL, else the public path.
pub fn canonical_base<'a>(loaded: &'a Loaded, inputs: &'a Inputs) -> &'a str {
    inputs
        .site_url
        .as_deref()
        .or(loaded.sources.config.base_url.as_deref())
        .unwrap_or(&inputs.public_path)
}

/// Every guide's page, from the site's `template`.
///
/// # Errors
/// [`BuildError::Template`] when the template lost a marker.
pub fn pages(
    guides: Vec<Guide>,
    loaded: &Loaded,
    plan: &Plan,
    template: &str,
    inputs: &Inputs,
) -> Result<Pages, BuildError> {
    let site_guides: Vec<SiteGuide> = guides
        .iter()
        .map(|guide| SiteGuide::new(&guide.slug, &guide.file, &guide.document))
        .collect();
    let site_map = Site::new(
        site_guides.clone(),
        plan.published_at.clone(),
        loaded.sources.site.section.clone(),
    );
    let mut documents = Vec::new();
    let mut entries = Vec::new();
    for (guide, site_guide) in guides.into_iter().zip(&site_guides) {
        let mut document = guide.document;
        publish(&mut document, site_guide, &site_map);
        entries.push(IndexEntry {
            slug: guide.slug.clone(),
            title: document.title().to_owned(),
            description: head_description(&document),
        });
        documents.push((guide.slug, document));
    }
    entries.sort_by_key(|e| e.title.to_lowercase());
    let shared = KNOWN
        .iter()
        .filter_map(|known| {
            documents
                .iter()
                .find_map(|(_, d)| d.variable(known.name).cloned())
        })
        .collect();
    let canonical_base = canonical_base(loaded, inputs);
    let mut written = Vec::new();
    let mut offline_bytes: u64 = plan
        .images
        .iter()
        .fold(0, |sum, image| sum.saturating_add(image.bytes));
    for ((slug, document), planned) in documents.into_iter().zip(&plan.pages) {
        let title = head_title(&document);
        let description = head_description(&document);
        let html = fill(
            template,
            Home::Guide(Arc::new(document.clone())),
            &render_configuration_tools(
                !document.needs_secret(),
                document.authelia_block().is_none(),
            ),
            &encode_page(&PageData::Guide(document)),
            &Head {
                title: &title,
                description: &description,
                canonical: &format!("{canonical_base}{slug}/"),
            },
            &plan.chrome,
        )?;
        offline_bytes = offline_bytes.saturating_add(u64::try_from(html.len()).unwrap_or(u64::MAX));
        written.push(Written {
            path: planned.path.clone(),
            contents: Contents::Text(html),
        });
    }
    Ok(Pages {
        written,
        entries,
        shared,
        offline_bytes,
    })
}

/// The site around the pages: the redirects, the sitemap, the 404 page and the index.
///
/// # Errors
/// [`BuildError::Template`] when the template lost a marker.
pub fn site(
    pages: &Pages,
    loaded: &Loaded,
    plan: &Plan,
    template: &str,
    inputs: &Inputs,
) -> Result<Vec<Written>, BuildError> {
    let mut written: Vec<Written> = plan
        .redirects
        .iter()
        .map(|redirect| Written {
            path: redirect.path.clone(),
            contents: Contents::Text(plain::redirect(&redirect.to, &redirect.title)),
        })
        .collect();
    let (section_title, section_description) = match &loaded.sources.section {
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
    let title = loaded.sources.config.title.clone().unwrap_or(section_title);
    let description = loaded
        .sources
        .config
        .description
        .clone()
        .unwrap_or(section_description);
    let values = Document::values_panel(&title, pages.shared.clone());
    let index = SiteIndex {
        title,
        description,
        guides: pages.entries.clone(),
        values,
        offline_bytes: pages.offline_bytes,
        not_found: false,
    };
    let canonical_base = canonical_base(loaded, inputs);
    let mut listed = vec![String::new()];
    listed.extend(index.guides.iter().map(|g| format!("{}/", g.slug)));
    written.push(Written {
        path: SITEMAP.to_owned(),
        contents: Contents::Text(plain::sitemap(canonical_base, &listed)),
    });
    for (file, not_found) in [(NOT_FOUND, true), (super::load::PAGE, false)] {
        let shown = Arc::new(SiteIndex {
            not_found,
            ..index.clone()
        });
        let title = index_title(&shown);
        // The sections serve a guide the reader opens from the index.
        let list = render_guide_list(shown.clone()) + &render_configuration_tools(true, true);
        let data = encode_page(&PageData::Index((*shown).clone()));
        let html = fill(
            template,
            Home::Index(shown),
            &list,
            &data,
            &Head {
                title: &title,
                description: &index.description,
                canonical: canonical_base,
            },
            &plan.chrome,
        )?;
        written.push(Written {
            path: file.to_owned(),
            contents: Contents::Text(html),
        });
    }
    Ok(written)
}

/// Every file the build writes but the service worker, in the order written: the images
/// first, then the page's rewritten files (and Trunk's live-reload script, under `trunk
/// serve`), the pages, and the [`site`] around them.
///
/// # Errors
/// The built site past [`site::MAX_SITE_BYTES`]: the staged files (`staged_bytes`), the
/// images and every text written beside them.
pub fn files(
    page: &Page,
    plan: &Plan,
    pages: Pages,
    site: Vec<Written>,
    staged_bytes: u64,
) -> Result<Vec<Written>, BuildError> {
    let mut written: Vec<Written> = plan
        .images
        .iter()
        .map(|image| Written {
            path: image.path.clone(),
            contents: Contents::Image {
                from: image.from.clone(),
                digest: image.digest.clone(),
            },
        })
        .collect();
    let image_count = written.len();
    let image_bytes = plan
        .images
        .iter()
        .fold(0u64, |sum, image| sum.saturating_add(image.bytes));
    // Staged files, rewritten: counted in the staged bytes already.
    let mut restaged: Vec<Written> = page
        .rewritten
        .iter()
        .map(|(name, text)| Written {
            path: name.clone(),
            contents: Contents::Text(text.clone()),
        })
        .collect();
    restaged.extend(page.live_reload.as_ref().map(|script| Written {
        path: LIVE_RELOAD.to_owned(),
        contents: Contents::Text(script.clone()),
    }));
    let page_count = pages.written.len();
    let mut new = pages.written;
    new.extend(site);
    let site_bytes = new
        .iter()
        .filter_map(|w| match &w.contents {
            Contents::Text(text) => u64::try_from(text.len()).ok(),
            Contents::Image { .. } => None,
        })
        .fold(
            staged_bytes.saturating_add(image_bytes),
            u64::saturating_add,
        );
    if site_bytes > site::MAX_SITE_BYTES {
        return Err(BuildError::Site(SiteError::TooLarge {
            what: format!("the site ({page_count} pages and {image_count} images)"),
            bytes: site_bytes,
        }));
    }
    written.extend(restaged);
    written.extend(new);
    Ok(written)
}

/// A page's head: what [`fill`] puts in its title, description and canonical link.
struct Head<'a> {
    title: &'a str,
    description: &'a str,
    canonical: &'a str,
}

/// The empty element in index.html the app renders into.
fn root_marker() -> String {
    format!("<div id=\"{ROOT_ID}\"></div>")
}

/// The page with its markup (and `after_root`, what stands after the app's root: the
/// index's list), data, head and the site configuration's `chrome` filled in.
fn fill(
    template: &str,
    home: Home,
    after_root: &str,
    data: &str,
    head: &Head<'_>,
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
    let page = replace_between(&page, "<title>", "</title>", &plain::escape(head.title))?;
    let page = replace_once(
        &page,
        "<meta name=\"description\" content=\"\">",
        &format!(
            "<meta name=\"description\" content=\"{}\">",
            plain::escape(head.description)
        ),
    )?;
    replace_once(
        &page,
        "<link rel=\"canonical\" href=\"\">",
        &format!(
            "<link rel=\"canonical\" href=\"{}\">",
            plain::escape(head.canonical)
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

fn replace_between(text: &str, open: &str, close: &str, with: &str) -> Result<String, BuildError> {
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
