//! The service worker's script for a build: its template (`assets/service-worker.js`,
//! compiled in) with the build's lists and version put in as one JSON value in place of
//! its one [`MARKER`].
//!
//! File names come from the reader's folder of guides, so they are data, never text a
//! substitution reads: serde_json writes them, and JSON is JavaScript (an image named
//! with `$'` once wrote a script that did not parse, when a JavaScript `String.replace`
//! put the lists in). The version is the first [`VERSION_HEX`] hex digits of a SHA-256
//! over every file of the build (its name, then its bytes, in the lists' order): a new
//! build is a new service worker, which replaces the previous build's cache.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use sha2::{Digest as _, Sha256};

use super::load::{SERVICE_WORKER, read_image};
use super::plan::Plan;
use super::write::{Contents, Written};
use super::{BuildError, io};

/// Where the template takes the build's data.
pub const MARKER: &str = "/* BUILD */ null";

/// The template, `assets/service-worker.js`.
pub const TEMPLATE: &str = include_str!("../../assets/service-worker.js");

/// Hex digits of the build's digest in the worker's version (and its cache's name): 64
/// bits, so two builds never share a cache by chance.
pub const VERSION_HEX: usize = 16;

/// The files the service worker keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Lists {
    /// Kept when it installs: the app's files, the index, the 404 page, the sitemap.
    pub shared: Vec<String>,
    /// Kept once the reader opens them, or all at once when the index asks: every guide's
    /// page and images.
    pub guides: Vec<String>,
}

/// What the template's marker becomes.
#[derive(Serialize)]
struct Data<'a> {
    shared: &'a [String],
    guides: &'a [String],
    version: &'a str,
}

/// The service worker of a build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worker {
    /// Its lists.
    pub lists: Lists,
    /// Its script, written at [`SERVICE_WORKER`].
    pub script: String,
}

/// The script: `template` with `lists` and `version` as one JSON value in place of its
/// one [`MARKER`].
///
/// # Errors
/// [`BuildError::Setup`] when the template does not hold the marker exactly once.
pub fn script(template: &str, lists: &Lists, version: &str) -> Result<String, BuildError> {
    let parts: Vec<&str> = template.split(MARKER).collect();
    let [before, after] = parts.as_slice() else {
        return Err(BuildError::Setup(format!(
            "{SERVICE_WORKER}: its template must hold {MARKER} once; it holds it {} times",
            parts.len().saturating_sub(1)
        )));
    };
    let data = Data {
        shared: &lists.shared,
        guides: &lists.guides,
        version,
    };
    let json = serde_json::to_string(&data).map_err(|error| BuildError::Io {
        path: SERVICE_WORKER.to_owned(),
        error: error.into(),
    })?;
    Ok(format!("{before}{json}{after}"))
}

/// The build's version: the first [`VERSION_HEX`] hex digits of the SHA-256 over each
/// of `files` in turn, its name and then its bytes, which `read` gives.
///
/// # Errors
/// What `read` says of a file it cannot give.
pub fn version<'a>(
    files: impl IntoIterator<Item = &'a String>,
    mut read: impl FnMut(&str) -> Result<Vec<u8>, BuildError>,
) -> Result<String, BuildError> {
    let mut hash = Sha256::new();
    for name in files {
        hash.update(name.as_bytes());
        hash.update(read(name)?);
    }
    Ok(super::load::hex_prefix(&hash.finalize(), VERSION_HEX))
}

/// The service worker of the build `plan` describes, its files' bytes from `writes` (what
/// the build writes), the images in `folder` and the files Trunk staged in `staging`.
///
/// # Errors
/// A file that cannot be read; a template without its marker.
pub fn service_worker(
    plan: &Plan,
    writes: &[Written],
    staging: &Path,
    folder: &Path,
) -> Result<Worker, BuildError> {
    let written: HashMap<&str, &Contents> = writes
        .iter()
        .map(|w| (w.path.as_str(), &w.contents))
        .collect();
    let version = version(&plan.files(), |name| match written.get(name) {
        Some(Contents::Text(text)) => Ok(text.as_bytes().to_vec()),
        Some(Contents::Image { from, .. }) => read_image(folder, from),
        None => {
            let path = staging.join(name);
            std::fs::read(&path).map_err(io(&path))
        }
    })?;
    let lists = plan.lists();
    let script = script(TEMPLATE, &lists, &version)?;
    Ok(Worker { lists, script })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON the script holds, read back from its `const BUILD = …;` line.
    fn data_of(script: &str) -> serde_json::Value {
        let line = script
            .split('\n')
            .find_map(|l| l.strip_prefix("const BUILD = "))
            .and_then(|l| l.strip_suffix(';'))
            .expect("a BUILD line");
        serde_json::from_str(line).expect("JSON")
    }

    #[test]
    fn names_holding_dollars_quotes_and_line_separators_go_in_as_data_exactly() {
        let names: Vec<String> = [
            "prices/cost$$.png",
            "prices/it$'s.png",
            "prices/a$&b.png",
            "prices/b$`c.png",
            "prices/q\"uote\\.png",
            "prices/line\u{2028}sep.png",
        ]
        .iter()
        .map(|n| (*n).to_owned())
        .collect();
        let lists = Lists {
            shared: vec!["index.html".to_owned()],
            guides: names.clone(),
        };
        let script = script(TEMPLATE, &lists, "0123456789abcdef").expect("the script");
        let data = data_of(&script);
        assert_eq!(data["shared"], serde_json::json!(["index.html"]));
        assert_eq!(data["guides"], serde_json::json!(names));
        assert_eq!(data["version"], "0123456789abcdef");
        // Only the marker changed.
        let (before, after) = TEMPLATE.split_once(MARKER).expect("the marker");
        assert!(script.starts_with(before) && script.ends_with(after));
    }

    #[test]
    fn a_template_without_its_marker_once_is_refused() {
        let lists = Lists::default();
        for template in [
            TEMPLATE.replace(MARKER, "null"),
            format!("{TEMPLATE}{MARKER}"),
        ] {
            let said = script(&template, &lists, "v")
                .expect_err("refused")
                .to_string();
            assert!(said.contains("must hold /* BUILD */ null once"), "{said}");
        }
    }

    #[test]
    fn the_version_is_a_digest_of_every_name_and_its_bytes() {
        let files = vec!["a".to_owned(), "b".to_owned()];
        let read = |bytes: &'static [u8]| {
            move |name: &str| {
                Ok(if name == "a" {
                    b"1".to_vec()
                } else {
                    bytes.to_vec()
                })
            }
        };
        let one = version(&files, read(b"2")).expect("version");
        // printf 'a1b2' | sha256sum | cut -c1-16
        assert_eq!(one, "85337816d263d362");
        assert_ne!(version(&files, read(b"3")).expect("version"), one);
    }
}
