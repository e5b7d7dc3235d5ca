//! Every path a site build writes, claimed before anything is written. The app's own
//! files (staged by Trunk), the files the build writes at the site's root, the images,
//! the guides' pages and their aliases' redirect pages each claim their path in turn;
//! a path claimed twice, or a file where another claim needs a folder
//! (`sitemap.xml/index.html` beside the sitemap), is refused naming both claims, so a
//! build that would clash fails before its first write instead of in the middle, with an
//! error from the file system that names neither.
//!
//! Paths are compared without ASCII case: a site copied to a case-insensitive file
//! system (macOS, Windows) must not lose one of two pages.

use std::collections::HashMap;
use std::fmt;

use crate::site::SiteError;

/// The files the build writes at the site's root besides the guides' pages, with what
/// each is (the last only under `trunk serve`, where Trunk's live-reload script moves to
/// it).
pub const BUILD_FILES: [(&str, &str); 5] = [
    ("index.html", "the index"),
    ("404.html", "the 404 page"),
    ("sitemap.xml", "the sitemap"),
    ("service-worker.js", "the service worker"),
    ("trunk-live-reload.js", "the live-reload script"),
];

/// What wants a path of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// A file or folder of the app itself, staged before the site is built.
    App {
        /// Its name at the site's root.
        name: String,
        /// Whether it is a folder.
        folder: bool,
    },
    /// One of [`BUILD_FILES`]: what it is.
    Build(&'static str),
    /// A guide's page.
    Page {
        /// The guide's file.
        file: String,
        /// Its slug.
        slug: String,
    },
    /// The redirect page of a guide's alias.
    Alias {
        /// The guide's file.
        file: String,
        /// The alias as written.
        alias: String,
    },
    /// An image the guides show, published once for its content.
    Image {
        /// Its path in the folder of guides (the first of its copies there).
        from: String,
    },
}

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Owner::App {
                name,
                folder: false,
            } => write!(f, "the app's own file {name}"),
            Owner::App { name, folder: true } => write!(f, "the app's own folder {name}/"),
            Owner::Build(what) => write!(f, "{what} the build writes"),
            Owner::Page { file, .. } => write!(f, "the page of {file}"),
            Owner::Alias { file, alias } => write!(f, "the alias {alias} of {file}"),
            Owner::Image { from } => write!(f, "the image {from}"),
        }
    }
}

/// The paths claimed so far.
#[derive(Debug, Default)]
pub struct Outputs {
    /// Every claim, in order: its path and owner.
    claims: Vec<(String, Owner)>,
    /// Claimed files, by lower-case path: the claim's index.
    files: HashMap<String, usize>,
    /// Folders the claimed files need, by lower-case path: the first claim needing it.
    folders: HashMap<String, usize>,
}

impl Outputs {
    /// The paths of a build whose staging folder holds `staged` at its root (names, and
    /// whether each is a folder), and of the [`BUILD_FILES`]. A staged name that is one of
    /// the build files (the index, staged as the page's template) is the build's.
    pub fn new(staged: &[(String, bool)]) -> Outputs {
        let mut outputs = Outputs::default();
        for (path, what) in BUILD_FILES {
            outputs.insert(path, Owner::Build(what));
        }
        for (name, folder) in staged {
            let key = name.to_ascii_lowercase();
            if outputs.files.contains_key(&key) {
                continue;
            }
            let owner = Owner::App {
                name: name.clone(),
                folder: *folder,
            };
            if *folder {
                let index = outputs.claims.len();
                outputs.claims.push((name.clone(), owner));
                outputs.folders.insert(key, index);
            } else {
                outputs.insert(name, owner);
            }
        }
        outputs
    }

    fn insert(&mut self, path: &str, owner: Owner) {
        let index = self.claims.len();
        let key = path.to_ascii_lowercase();
        for (at, _) in key.match_indices('/') {
            if let Some(folder) = key.get(..at) {
                self.folders.entry(folder.to_owned()).or_insert(index);
            }
        }
        self.files.insert(key, index);
        self.claims.push((path.to_owned(), owner));
    }

    /// Claims `path` (a file, `/`-separated, below the site's root) for `owner`.
    /// `Ok(false)` when it is an alias of the guide whose page (or an alias of which)
    /// already has the path: nothing more to write.
    ///
    /// # Errors
    /// [`SiteError::Collision`] naming both claims and their paths when another owner
    /// has the path, has a file where this path needs a folder, needs a folder where this
    /// is a file, or the path lies in one of the app's folders;
    /// [`SiteError::SlugTaken`] for a guide's page in the app's place.
    pub fn claim(&mut self, path: &str, owner: Owner) -> Result<bool, SiteError> {
        let key = path.to_ascii_lowercase();
        let mut clash = self
            .files
            .get(&key)
            .or_else(|| self.folders.get(&key))
            .copied();
        if clash.is_none() {
            for (at, _) in key.match_indices('/') {
                let folder = key.get(..at).unwrap_or_default();
                if let Some(&index) = self.files.get(folder) {
                    clash = Some(index);
                    break;
                }
                if let Some(&index) = self.folders.get(folder)
                    && matches!(self.claims.get(index), Some((_, Owner::App { .. })))
                {
                    clash = Some(index);
                    break;
                }
            }
        }
        let Some(index) = clash else {
            self.insert(path, owner);
            return Ok(true);
        };
        let Some((other_path, other)) = self.claims.get(index) else {
            self.insert(path, owner);
            return Ok(true);
        };
        let same_guide = match (&owner, other) {
            (
                Owner::Alias { file, .. },
                Owner::Page { file: of, .. } | Owner::Alias { file: of, .. },
            ) => file == of && other_path == path,
            _ => false,
        };
        if same_guide {
            return Ok(false);
        }
        if let (Owner::Page { file, slug }, Owner::App { .. }) = (&owner, other) {
            return Err(SiteError::SlugTaken {
                file: file.clone(),
                slug: slug.clone(),
            });
        }
        let other_path = match other {
            Owner::App { folder: true, .. } => format!("{other_path}/"),
            _ => other_path.clone(),
        };
        Err(SiteError::Collision {
            claim: format!("{owner} ({path})"),
            other: format!("{other} ({other_path})"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staged() -> Outputs {
        Outputs::new(&[
            ("index.html".to_owned(), false),
            ("favicon.svg".to_owned(), false),
            ("snippets".to_owned(), true),
        ])
    }

    fn alias(alias: &str) -> Owner {
        Owner::Alias {
            file: "a.md".to_owned(),
            alias: alias.to_owned(),
        }
    }

    fn said(result: Result<bool, SiteError>) -> String {
        result.map_or_else(|e| e.to_string(), |claimed| format!("claimed: {claimed}"))
    }

    #[test]
    fn an_alias_onto_a_file_the_build_writes_names_both() {
        let mut outputs = staged();
        for (path, written) in [
            (
                "sitemap.xml/index.html",
                "the alias /sitemap.xml of a.md (sitemap.xml/index.html) collides with the sitemap the build writes (sitemap.xml)",
            ),
            (
                "service-worker.js/index.html",
                "the alias /service-worker.js of a.md (service-worker.js/index.html) collides with the service worker the build writes (service-worker.js)",
            ),
            (
                "404.html/index.html",
                "the alias /404.html of a.md (404.html/index.html) collides with the 404 page the build writes (404.html)",
            ),
            (
                "INDEX.HTML/index.html",
                "the alias /INDEX.HTML of a.md (INDEX.HTML/index.html) collides with the index the build writes (index.html)",
            ),
            (
                "favicon.svg/index.html",
                "the alias /favicon.svg of a.md (favicon.svg/index.html) collides with the app's own file favicon.svg (favicon.svg)",
            ),
            (
                "snippets/x/index.html",
                "the alias /snippets/x of a.md (snippets/x/index.html) collides with the app's own folder snippets/ (snippets/)",
            ),
        ] {
            let name = path.trim_end_matches("/index.html");
            assert_eq!(
                said(outputs.claim(path, alias(&format!("/{name}")))),
                written
            );
        }
    }

    #[test]
    fn guides_images_and_aliases_share_folders_but_never_a_path() {
        let mut outputs = staged();
        let image = Owner::Image {
            from: "photos/login.png".to_owned(),
        };
        assert_eq!(
            said(outputs.claim("_images/ab.png", image)),
            "claimed: true"
        );
        let page = |file: &str, slug: &str| Owner::Page {
            file: file.to_owned(),
            slug: slug.to_owned(),
        };
        assert_eq!(
            said(outputs.claim("wiki/index.html", page("wiki.md", "wiki"))),
            "claimed: true"
        );
        assert_eq!(
            said(outputs.claim("notes/index.html", page("notes.md", "notes"))),
            "claimed: true"
        );
        // Aliases may share folders with each other.
        assert_eq!(
            said(outputs.claim("old/a/index.html", alias("/old/a/"))),
            "claimed: true"
        );
        assert_eq!(
            said(outputs.claim("old/b/index.html", alias("/old/b/"))),
            "claimed: true"
        );
        // An alias of a guide onto its own page, or twice the same: nothing to write.
        let wiki_alias = Owner::Alias {
            file: "wiki.md".to_owned(),
            alias: "/wiki/".to_owned(),
        };
        assert_eq!(
            said(outputs.claim("wiki/index.html", wiki_alias)),
            "claimed: false"
        );
        assert_eq!(
            said(outputs.claim("old/a/index.html", alias("/old/a"))),
            "claimed: false"
        );
        // Onto another guide's page, or an image: both named.
        assert_eq!(
            said(outputs.claim("notes/index.html", alias("/notes/"))),
            "the alias /notes/ of a.md (notes/index.html) collides with the page of notes.md (notes/index.html)"
        );
        assert_eq!(
            said(outputs.claim("_images/ab.png/index.html", alias("/_images/ab.png"))),
            "the alias /_images/ab.png of a.md (_images/ab.png/index.html) collides with the image photos/login.png (_images/ab.png)"
        );
        // Another guide's alias, differing only in case.
        let other = Owner::Alias {
            file: "b.md".to_owned(),
            alias: "/OLD/A/".to_owned(),
        };
        assert_eq!(
            said(outputs.claim("OLD/A/index.html", other)),
            "the alias /OLD/A/ of b.md (OLD/A/index.html) collides with the alias /old/a/ of a.md (old/a/index.html)"
        );
        // A guide's page where the app has a folder keeps the slug's own message.
        assert_eq!(
            said(outputs.claim("snippets/index.html", page("snippets.md", "snippets"))),
            "snippets.md would be published at snippets/, which is one of the app's own files: rename it"
        );
    }
}
