//! How deeply a guide's content may nest, and how that is kept.
//!
//! Markdown nests without limit (`>>>>…`, lists in lists, emphasis in emphasis,
//! callouts in callouts), and consumers of the document recurse into it: derived
//! `Drop`, `Clone`, `PartialEq` and `Serialize` (the document's way from the worker to
//! the page), the page's view builder. A Web Worker's stack is about 1 MB, so content
//! nested thirty thousand levels deep would crash the page before any later stage could
//! flatten it. The limit is therefore kept while the tree is built: the markdown
//! converter opens no container (quote, list, callout, snippet) and no inline frame
//! (emphasis, strong, strikethrough, link, image) past [`MAX_NESTING`]; their content
//! joins the enclosing one, and the document carries a
//! [`Warning::NestedTooDeep`](crate::Warning::NestedTooDeep). No deeper tree ever
//! exists.

/// How deeply a guide's markdown may nest and still be kept as structure: containers
/// (quotes, lists, callouts, snippets) inside one another, and, separately, inline frames
/// (emphasis, strong, strikethrough, links) inside one another within a block. What the
/// reader writes past it joins its parent, with a
/// [`Warning::NestedTooDeep`](crate::Warning::NestedTooDeep). Authelia's guides nest
/// lists three or four deep and callouts two; twelve also keeps every recursive consumer
/// (serde on the document's way from the worker to the page, the page's view builder)
/// far from the stack's limits.
pub const MAX_NESTING: usize = 12;

/// How deep any node of a parsed document lies, as [`Walk::depth`](crate::walk::Walk::depth)
/// counts it: [`MAX_NESTING`] levels of blocks, the run of inlines in the innermost one,
/// [`MAX_NESTING`] levels of inlines, the code or address parts in the innermost, and
/// what the guide wrote inside an [`Override`](crate::Override) among those parts.
/// A consequence of [`MAX_NESTING`], not a second limit: the tests check that no guide,
/// however hostile, goes past it.
pub const MAX_NODE_DEPTH: usize = 2 * MAX_NESTING + 3;

/// Drops blocks without recursion: a derived `Drop` of content nested thousands of
/// levels deep (which only a test can build) would exhaust the stack.
#[cfg(test)]
pub(crate) fn dismantle(blocks: Vec<crate::Block>) {
    use crate::{Block, Inline};
    let mut blocks = blocks;
    let mut inlines: Vec<Inline> = Vec::new();
    while !blocks.is_empty() || !inlines.is_empty() {
        if let Some(block) = blocks.pop() {
            match block {
                Block::Heading { inlines: run, .. } | Block::Paragraph(run) => inlines.extend(run),
                Block::List { items, .. } => blocks.extend(items.into_iter().flatten()),
                Block::BlockQuote(children)
                | Block::Callout {
                    blocks: children, ..
                }
                | Block::Snippet {
                    blocks: children, ..
                } => blocks.extend(children),
                Block::Table { head, rows, .. } => {
                    inlines.extend(head.into_iter().chain(rows.into_iter().flatten()).flatten());
                }
                _ => {}
            }
        }
        if let Some(
            Inline::Emphasis(kids)
            | Inline::Strong(kids)
            | Inline::Strikethrough(kids)
            | Inline::Link { children: kids, .. },
        ) = inlines.pop()
        {
            inlines.extend(kids);
        }
    }
}
