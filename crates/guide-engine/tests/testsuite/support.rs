//! What several test modules share: the text a reader sees, the hostile corpus's guides,
//! and the measurement that tells a linear stage from a quadratic one (`linear`).

pub mod linear;

use guide_engine::walk::{Node, walk};
use guide_engine::{Block, Document, Inline, Target, Values, resolve, resolve_url};

/// The file names of every guide in tests/fixtures/hostile/ (its README is no guide),
/// sorted.
pub fn hostile_guides() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/hostile");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n != "README.md")
        .collect();
    names.sort();
    names
}

/// The text a reader sees for these values and this digest: prose, code, notices, each
/// variable as the page presents it and each override as the page resolves it; a space
/// for a line break within a paragraph and a line break before each block, so inline
/// code reads on its line as it does on the page. Link addresses are not part of it (see
/// [`text_with_addresses`]).
///
/// Not the engine's `document::plain_text`: that one flattens the inlines of one block
/// to the text a heading or a link is named by, at the guide's defaults (every override
/// as the guide wrote it, no format applied), while these tests need what the reader
/// reads once they have set their values.
pub fn text(doc: &Document, values: &Values, digest: &str) -> String {
    read(doc, values, digest, false)
}

/// [`text`], with each web link's address for these values after its text, in `<>`: so
/// a test can see that an address, too, changed or did not.
pub fn text_with_addresses(doc: &Document, values: &Values, digest: &str) -> String {
    read(doc, values, digest, true)
}

fn read(doc: &Document, values: &Values, digest: &str, addresses: bool) -> String {
    let mut out = String::new();
    for node in walk(&doc.blocks) {
        match node {
            Node::Inline(Inline::Text(t) | Inline::Notice(t)) | Node::Block(Block::Notice(t)) => {
                out.push_str(t)
            }
            Node::Segment(segment) => out.push_str(&resolve(segment, values, digest)),
            Node::Inline(Inline::Variable(v)) => out.push_str(&values.present(v)),
            Node::Inline(Inline::Override(o)) => out.push_str(&values.resolve_override(o)),
            Node::Inline(Inline::Digest) => out.push_str(digest),
            Node::Inline(Inline::Link {
                target: Target::Web(url),
                ..
            }) if addresses => {
                out.push('<');
                out.push_str(&resolve_url(url, values));
                out.push('>');
            }
            Node::Inline(Inline::SoftBreak | Inline::LineBreak) => out.push(' '),
            Node::Block(_) => out.push('\n'),
            _ => {}
        }
    }
    out
}
