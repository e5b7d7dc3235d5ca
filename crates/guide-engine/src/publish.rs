//! A guide as one page of a built site: links to the site's other guides point at their
//! pages, and images beside the guide point at the copies the build publishes.
//!
//! The site build (`src/build/`) reads a folder of guides, parses each one and
//! hands it here with a [`Site`], the map of the whole folder. This stage changes only
//! relative addresses, the ones that mean nothing on the playground's origin today:
//!
//! - a link written relative to the guide's file (`../grafana/`, `../grafana/index.md`,
//!   `grafana.md#setup`) or by a guide's path on its published site
//!   (`/integration/openid-connect/clients/grafana/`, or any of its `aliases`) becomes
//!   [`Target::Guide`], when it names a guide of the folder;
//! - an image or figure beside the guide (`./screenshot.png`) becomes [`Source::Site`],
//!   when the folder holds that image, at the address the build publishes it under (one
//!   copy per content, whichever guides show it), percent-encoded so that a name holding
//!   `#`, `?` or a space is requested whole.
//!
//! Every other address keeps today's rules (refused schemes, no secret in an address):
//! this stage never makes an address out of anything but folder paths the build found.

use std::collections::HashMap;

use super::document::{Block, Document, Inline, Source, Target};
use super::link::bundle_of;
use super::walk::{NodeMut, walk_mut};

/// Longest address looked at, in bytes: a path in a guide folder is short, and a longer
/// one cannot name a file of the folder.
pub const MAX_SITE_PATH_BYTES: usize = 1024;

/// One guide of a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteGuide {
    /// Its page's folder below the site's root (`grafana`).
    pub slug: String,
    /// Its file, relative to the folder of guides, `/`-separated (`grafana/index.md`,
    /// or `grafana.md` in a flat folder).
    pub file: String,
    /// Paths its published site knows it by (`/integration/openid-connect/clients/
    /// grafana`): its front matter's `aliases` and its page bundle's place. Without a
    /// trailing `/`.
    pub site_paths: Vec<String>,
}

impl SiteGuide {
    /// A guide of the site, with the paths its front matter gives it.
    pub fn new(slug: &str, file: &str, document: &Document) -> SiteGuide {
        let fm = &document.front_matter;
        let mut site_paths: Vec<String> = fm
            .aliases
            .iter()
            .filter_map(|alias| clean_path(alias.trim_start_matches('/')))
            .map(|alias| format!("/{alias}"))
            .collect();
        if let Some(bundle) = bundle_of(fm) {
            site_paths.push(format!("/{}", bundle.join("/")));
        }
        site_paths.push(format!("/{slug}"));
        SiteGuide {
            slug: slug.to_owned(),
            file: file.to_owned(),
            site_paths,
        }
    }

    /// The guide's folder inside the folder of guides (`grafana`; empty in a flat folder).
    pub fn dir(&self) -> &str {
        self.file.rsplit_once('/').map_or("", |(dir, _)| dir)
    }
}

/// The whole folder of guides: every guide, and every image file the build may publish.
#[derive(Debug, Clone, Default)]
pub struct Site {
    guides: Vec<SiteGuide>,
    by_file: HashMap<String, usize>,
    by_site_path: HashMap<String, usize>,
    /// Folder paths of the image files the build found (within its bounds), each with
    /// the path below the site's root it is published at.
    images: HashMap<String, String>,
    /// The section's own page (`_index.md`), which is the site's index.
    section: Option<String>,
}

/// An image this stage pointed at: the build copies `from` to `to`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PublishedImage {
    /// The image's path in the folder of guides.
    pub from: String,
    /// Its path below the site's root (`_images/3f…9c.png`), as a file path: not
    /// percent-encoded.
    pub to: String,
}

impl Site {
    /// The map of a folder: its guides, the image files in it (each folder path with the
    /// path below the site's root the build publishes it at), and the section's own page
    /// if it has one (`_index.md`, the site's index).
    pub fn new(
        guides: Vec<SiteGuide>,
        images: Vec<(String, String)>,
        section: Option<String>,
    ) -> Site {
        let mut by_file = HashMap::new();
        let mut by_site_path = HashMap::new();
        for (index, guide) in guides.iter().enumerate() {
            by_file.insert(guide.file.clone(), index);
            if let Some(dir) = guide.file.strip_suffix("/index.md") {
                by_file.insert(dir.to_owned(), index);
            }
            if let Some(stem) = guide.file.strip_suffix(".md") {
                by_file.insert(stem.to_owned(), index);
            }
            for path in &guide.site_paths {
                by_site_path.entry(path.clone()).or_insert(index);
            }
        }
        Site {
            guides,
            by_file,
            by_site_path,
            images: images.into_iter().collect(),
            section,
        }
    }

    /// The guides, in the order given.
    pub fn guides(&self) -> &[SiteGuide] {
        &self.guides
    }

    /// The page a link written in `from` points at, relative to the site's root, with
    /// its fragment (`grafana/#setup`; `""` for the site's index).
    fn page_for(&self, from: &SiteGuide, written: &str) -> Option<String> {
        let cut = written.find(['#', '?']).unwrap_or(written.len());
        let (path, suffix) = written.split_at(cut);
        let fragment = suffix
            .split_once('#')
            .map(|(_, f)| format!("#{f}"))
            .unwrap_or_default();
        let target = if let Some(site_path) = path.strip_prefix('/') {
            let site_path = format!("/{}", clean_path(site_path)?);
            let site_path = site_path.trim_end_matches(".md").trim_end_matches("/index");
            self.by_site_path.get(site_path).copied().map(Some)
        } else {
            let joined = join(from.dir(), path)?;
            if joined.is_empty() || Some(&joined) == self.section.as_ref() {
                Some(None)
            } else {
                self.by_file.get(&joined).copied().map(Some)
            }
        }?;
        let page = match target.and_then(|index| self.guides.get(index)) {
            Some(guide) => format!("{}/", guide.slug),
            None => String::new(),
        };
        Some(format!("{page}{fragment}"))
    }

    /// Where the build publishes an image written in `from` as `written`, if the folder
    /// holds it.
    fn image_for(&self, from: &SiteGuide, written: &str) -> Option<PublishedImage> {
        if written.starts_with('/') {
            return None;
        }
        let path = written.split(['?', '#']).next().unwrap_or_default();
        let file = join(from.dir(), path)?;
        let to = self.images.get(&file)?.clone();
        Some(PublishedImage { from: file, to })
    }
}

/// A file path below the site's root as an address path: every byte but ASCII letters,
/// digits, `-`, `.`, `_`, `~` and `/` percent-encoded, so that `a#b.png` is requested
/// as `a%23b.png` and not as `a` with a fragment.
pub fn address_path(path: &str) -> String {
    let mut address = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            address.push(char::from(byte));
        } else {
            address.push_str(&format!("%{byte:02X}"));
        }
    }
    address
}

/// Points `document`'s relative links at the site's pages and its images at their
/// published copies, as the guide `guide` of `site`; returns the images to publish.
pub fn publish(document: &mut Document, guide: &SiteGuide, site: &Site) -> Vec<PublishedImage> {
    let mut published = Vec::new();
    let source = |source: &mut Source, published: &mut Vec<PublishedImage>| {
        if let Source::Relative(written) = source
            && let Some(image) = site.image_for(guide, written)
        {
            *source = Source::Site(address_path(&image.to));
            published.push(image);
        }
    };
    walk_mut(&mut document.blocks, &mut |node| match node {
        NodeMut::Block(Block::Figure { source: s, .. }) => source(s, &mut published),
        NodeMut::Inlines(run) => {
            for inline in run.iter_mut() {
                match inline {
                    Inline::Link { target, .. } => {
                        if let Target::Relative { path, .. } = target
                            && let Some(page) = site.page_for(guide, path)
                        {
                            *target = Target::Guide(page);
                        }
                    }
                    Inline::Image { source: s, .. } => source(s, &mut published),
                    _ => {}
                }
            }
        }
        _ => {}
    });
    published.sort();
    published.dedup();
    published
}

/// `path` written in the folder `dir`, as a path from the folder of guides' root:
/// percent escapes decoded, `.` and `..` resolved, no leading or trailing `/`. `None`
/// when it climbs out of the folder, or is too long to be one of its files.
fn join(dir: &str, path: &str) -> Option<String> {
    if path.len() > MAX_SITE_PATH_BYTES {
        return None;
    }
    clean_path(&format!("{dir}/{path}"))
}

/// A `/`-separated path with `%XX` escapes decoded and `.`/`..` resolved, without
/// leading or trailing `/`; `None` when it climbs above its start, is malformed or is
/// longer than two [`MAX_SITE_PATH_BYTES`]. The one reading of a path written in a guide,
/// for the site build and for the images of a folder the reader opens.
pub fn clean_path(path: &str) -> Option<String> {
    if path.len() > 2 * MAX_SITE_PATH_BYTES {
        return None;
    }
    let decoded = String::from_utf8(crate::percent::decode(path)?).ok()?;
    let mut parts: Vec<&str> = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn guide(slug: &str, file: &str, source: &str) -> (SiteGuide, Document) {
        let document = parse(source).expect("parses");
        (SiteGuide::new(slug, file, &document), document)
    }

    fn links(document: &Document) -> Vec<Target> {
        let mut found = Vec::new();
        for node in crate::walk::walk(&document.blocks) {
            if let crate::walk::Node::Inline(Inline::Link { target, .. }) = node {
                found.push(target.clone());
            }
        }
        found
    }

    fn site_of(guides: &[&(SiteGuide, Document)], images: &[(&str, &str)]) -> Site {
        Site::new(
            guides.iter().map(|(g, _)| g.clone()).collect(),
            images
                .iter()
                .map(|(from, to)| ((*from).to_owned(), (*to).to_owned()))
                .collect(),
            Some("_index.md".to_owned()),
        )
    }

    #[test]
    fn links_to_another_guide_of_the_folder_point_at_its_page() {
        let grafana = guide("grafana", "grafana/index.md", "# G\n");
        let mut matomo = guide(
            "matomo",
            "matomo/index.md",
            "---\ntitle: M\n---\n[a](../grafana/) [b](../grafana/index.md#setup) [c](/integration/openid-connect/clients/grafana/) [d](../_index.md) [e](../unknown/) [f](../../../outside.md)\n",
        );
        let mut g2 = grafana.clone();
        g2.0.site_paths
            .push("/integration/openid-connect/clients/grafana".to_owned());
        let site = site_of(&[&g2, &matomo], &[]);
        publish(&mut matomo.1, &matomo.0, &site);
        let targets = links(&matomo.1);
        assert_eq!(targets.first(), Some(&Target::Guide("grafana/".to_owned())));
        assert_eq!(
            targets.get(1),
            Some(&Target::Guide("grafana/#setup".to_owned()))
        );
        assert_eq!(targets.get(2), Some(&Target::Guide("grafana/".to_owned())));
        assert_eq!(targets.get(3), Some(&Target::Guide(String::new())));
        assert!(matches!(targets.get(4), Some(Target::Relative { .. })));
        assert!(matches!(targets.get(5), Some(Target::Relative { .. })));
    }

    #[test]
    fn an_alias_names_the_guide_it_belongs_to() {
        let wiki = guide(
            "wiki",
            "wiki.md",
            "---\ntitle: W\naliases:\n  - /old/wiki-page/\n---\n",
        );
        let mut notes = guide("notes", "notes.md", "[w](/old/wiki-page/#x) [s](wiki.md)\n");
        let site = site_of(&[&wiki, &notes], &[]);
        publish(&mut notes.1, &notes.0, &site);
        assert_eq!(
            links(&notes.1),
            vec![
                Target::Guide("wiki/#x".to_owned()),
                Target::Guide("wiki/".to_owned())
            ]
        );
    }

    #[test]
    fn images_the_folder_holds_point_at_their_published_copy_percent_encoded() {
        let mut proxmox = guide(
            "proxmox",
            "proxmox/index.md",
            "![a](./screen%201.png) ![b](missing.png) ![c](../shared/logo.png) ![d](/abs.png) ![e](a%23b.png)\n\n{{< figure src=\"login.png\" alt=\"Login\" >}}\n",
        );
        // login.png and shared/logo.png hold the same bytes: the build publishes them once.
        let site = site_of(
            &[&proxmox],
            &[
                ("proxmox/screen 1.png", "_images/screen 1.png"),
                ("proxmox/login.png", "_images/same.png"),
                ("shared/logo.png", "_images/same.png"),
                ("proxmox/a#b.png", "_images/a#b?.png"),
            ],
        );
        let published = publish(&mut proxmox.1, &proxmox.0, &site);
        let pairs: Vec<(&str, &str)> = published
            .iter()
            .map(|p| (p.from.as_str(), p.to.as_str()))
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("proxmox/a#b.png", "_images/a#b?.png"),
                ("proxmox/login.png", "_images/same.png"),
                ("proxmox/screen 1.png", "_images/screen 1.png"),
                ("shared/logo.png", "_images/same.png"),
            ]
        );
        let mut sources = Vec::new();
        for node in crate::walk::walk(&proxmox.1.blocks) {
            match node {
                crate::walk::Node::Inline(Inline::Image { source, .. }) => {
                    sources.push(source.clone());
                }
                crate::walk::Node::Block(Block::Figure { source, .. }) => {
                    sources.push(source.clone());
                }
                _ => {}
            }
        }
        assert_eq!(
            sources,
            vec![
                Source::Site("_images/screen%201.png".to_owned()),
                Source::Relative("missing.png".to_owned()),
                Source::Site("_images/same.png".to_owned()),
                Source::Relative("/abs.png".to_owned()),
                Source::Site("_images/a%23b%3F.png".to_owned()),
                Source::Site("_images/same.png".to_owned()),
            ]
        );
    }

    #[test]
    fn an_address_path_escapes_all_but_unreserved_bytes_and_slashes() {
        assert_eq!(
            address_path("_images/ab-c_d.e~f.png"),
            "_images/ab-c_d.e~f.png"
        );
        assert_eq!(address_path("a#b?c d%é.png"), "a%23b%3Fc%20d%25%C3%A9.png");
    }

    #[test]
    fn paths_that_climb_out_or_are_malformed_name_nothing() {
        assert_eq!(join("a", "../../b"), None);
        assert_eq!(join("a", "%zz"), None);
        assert_eq!(join("a", "./b/../c.png"), Some("a/c.png".to_owned()));
        assert_eq!(join("", &"x/".repeat(MAX_SITE_PATH_BYTES)), None);
    }
}
