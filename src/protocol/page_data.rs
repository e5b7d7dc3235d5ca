//! What a built page carries in its data block, the build's half of the protocol: the
//! guide it shows ([`PageData::Guide`]), or the site's index ([`SiteIndex`], the model the
//! index and the 404 page are rendered from). Written by the site build
//! (`src/build/render.rs`) as postcard bytes percent-encoded ([`encode_page`]), read
//! back by the page as it takes over ([`decode_page`]).

use guide_engine::Document;
use serde::{Deserialize, Serialize};

use super::ProtocolError;

/// What a built page carries in its data block: the guide it shows, or the site's index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PageData {
    /// A guide's page.
    Guide(Document),
    /// The site's index (also its 404 page).
    Index(SiteIndex),
}

/// The site's index: every guide with its title and description, and the values the
/// guides share, so a reader can set them before choosing a guide.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteIndex {
    /// The index's heading (the section's title, or the site's name).
    pub title: String,
    /// What the site is, under the heading.
    pub description: String,
    /// Every guide, in the order listed.
    pub guides: Vec<IndexEntry>,
    /// The values the guides share, as a document with only a values panel.
    pub values: Document,
    /// What keeping every guide offline downloads beyond what is kept already: every
    /// guide page and image, in bytes as served without compression.
    pub offline_bytes: u64,
    /// This is the 404 page: the address named no page of the site.
    pub not_found: bool,
}

/// One guide in the index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    /// Its page's folder (`grafana`), relative to the site's root.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// Its description (may be empty).
    pub description: String,
}

/// A page's data as text for its data block: postcard bytes percent-encoded
/// ([`percent::encode`](crate::percent::encode)), which holds no `<` and so cannot end the
/// `<script>` element it stands in.
pub fn encode_page(data: &PageData) -> String {
    crate::percent::encode(&super::encode(data))
}

/// The data in the page's data block ([`encode_page`]).
///
/// # Errors
/// [`ProtocolError::DamagedDataBlock`] or [`ProtocolError::Unreadable`].
pub fn decode_page(text: &str) -> Result<PageData, ProtocolError> {
    let bytes = crate::percent::decode(text.trim()).ok_or(ProtocolError::DamagedDataBlock)?;
    super::decode(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_data_block_is_an_error_not_a_panic() {
        assert_eq!(
            decode_page("cut short %4").unwrap_err(),
            ProtocolError::DamagedDataBlock
        );
        assert!(matches!(
            decode_page("not a document"),
            Err(ProtocolError::Unreadable(_))
        ));
    }

    #[test]
    fn the_default_site_s_matomo_guide_survives_the_page_s_data_block() {
        let source = include_str!("../../guides/matomo.md");
        let document = guide_engine::parse(source).expect("parses");
        let data = PageData::Guide(document);
        let text = encode_page(&data);
        assert!(!text.contains('<'));
        assert_eq!(decode_page(&text), Ok(data));
    }
}
