//! The build's last stage, and its only writing: every file of the site, each whole
//! (written in [`PARTIAL_FOLDER`], then renamed into place, so Trunk never publishes a
//! half-written file), the index last (it replaces the page Trunk staged, which a failure
//! before it leaves as it was). A failure while writing removes every file and folder the
//! stage made, and says the failure.

use std::path::{Path, PathBuf};

use super::load::{PAGE, PARTIAL_FOLDER, digest_of, read_image};
use super::{BuildError, io};

/// A file to write: where (below the site's root), and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Its path, `/`-separated, below the site's root.
    pub path: String,
    /// What it holds.
    pub contents: Contents,
}

/// What a written file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    /// Text: a page, a redirect, the sitemap, a script, a style sheet.
    Text(String),
    /// An image: its file in the folder of guides and the digest its bytes had when the
    /// build named it, checked again when they are copied.
    Image {
        /// Its file in the folder of guides.
        from: String,
        /// Its digest when planned.
        digest: String,
    },
}

/// Writes every file of `writes` below `staging` (images copied from `folder`), the
/// index last.
///
/// # Errors
/// The first file that cannot be written, or an image whose bytes changed since the plan
/// named it; every file and folder made is removed again.
pub fn write(staging: &Path, folder: &Path, writes: &[Written]) -> Result<(), BuildError> {
    let (index, others): (Vec<&Written>, Vec<&Written>) =
        writes.iter().partition(|w| w.path == PAGE);
    let ordered: Vec<&Written> = others.into_iter().chain(index).collect();
    let partial = staging.join(PARTIAL_FOLDER);
    if partial.exists() {
        std::fs::remove_dir_all(&partial).map_err(io(&partial))?;
    }
    std::fs::create_dir(&partial).map_err(io(&partial))?;
    let mut made: Vec<PathBuf> = Vec::new();
    let result = write_each(staging, &partial, &ordered, folder, &mut made);
    if result.is_err() {
        // Files, then the folders made for them, deepest first.
        for path in made.iter().rev() {
            let _ = std::fs::remove_file(path).or_else(|_| std::fs::remove_dir(path));
        }
    }
    let cleaned = std::fs::remove_dir_all(&partial).map_err(io(&partial));
    result.and(cleaned)
}

/// [`write`]'s writing: `made` gets every folder and file made, in order.
fn write_each(
    staging: &Path,
    partial: &Path,
    writes: &[&Written],
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
            Contents::Text(text) => {
                std::fs::write(&temporary, text).map_err(io(&temporary))?;
            }
            Contents::Image { from, digest } => {
                let bytes = read_image(folder, from)?;
                if &digest_of(&bytes) != digest {
                    return Err(BuildError::Io {
                        path: from.clone(),
                        error: std::io::Error::other("the image changed while the site was built"),
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
