//! The images of a guide folder the reader opened, as `blob:` URLs of their own files.
//!
//! The page never fetches a guide's image: an image shows only when the reader gave its
//! file, and then from memory. The URLs are released when another guide replaces this
//! one, so reopening folders does not pile up files.

use std::sync::Arc;

use crate::folder;

/// A folder's images by their path relative to the guide. Cheap to clone; empty for a
/// guide that came without images (the page's own, a paste, a single file). A short
/// list (at most [`folder::MAX_IMAGES`]), searched in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Images(Arc<Vec<(String, String)>>);

impl Images {
    /// `blob:` URLs for `files`, each by its path relative to the guide.
    pub fn from_files(files: Vec<(String, web_sys::File)>) -> Images {
        let urls = files
            .into_iter()
            .filter_map(|(key, file)| {
                web_sys::Url::create_object_url_with_blob(&file)
                    .ok()
                    .map(|url| (key, url))
            })
            .collect();
        Images(Arc::new(urls))
    }

    /// The `blob:` URL of the image a guide writes as `written`, if the reader gave it.
    pub fn url(&self, written: &str) -> Option<String> {
        let key = folder::image_key(written)?;
        self.0
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, url)| url.clone())
    }

    /// Releases the files, once the guide they belong to is closed.
    pub fn release(&self) {
        for (_, url) in self.0.iter() {
            let _ = web_sys::Url::revoke_object_url(url);
        }
    }
}
