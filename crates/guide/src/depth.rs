//! Bounds how deeply a guide's blocks and inlines nest.
//!
//! Markdown nests without limit (`>>>>…`, lists in lists, emphasis in emphasis), and
//! every consumer of the document walks it recursively: the renderers, the page's view
//! builder, even `Drop`. A browser's WebAssembly stack is small, so a hostile or broken
//! guide could crash the page. Below [`MAX_DEPTH`] nothing changes; deeper content is kept
//! as plain text with a notice, and taken apart without recursion.

use std::mem;

use super::document::{Block, Inline, Segment};

/// Deepest nesting kept as structure. Authelia's guides nest lists three or four deep;
/// twelve levels also keep every recursive consumer (serde on the document's way from
/// the worker to the page, the page's view builder) far from the stack's limits.
pub const MAX_DEPTH: usize = 12;

/// Flattens everything nested deeper than [`MAX_DEPTH`].
pub(crate) fn limit(blocks: &mut [Block]) {
    limit_blocks(blocks, 0);
}

fn limit_blocks(blocks: &mut [Block], depth: usize) {
    for block in blocks {
        match block {
            Block::Heading { inlines, .. } | Block::Paragraph(inlines) => {
                limit_inlines(inlines, depth)
            }
            Block::List { items, .. } => {
                for item in items {
                    limit_children(item, depth);
                }
            }
            Block::BlockQuote(children)
            | Block::Callout {
                blocks: children, ..
            }
            | Block::Snippet {
                blocks: children, ..
            } => limit_children(children, depth),
            Block::Table { head, rows, .. } => {
                for cell in head.iter_mut().chain(rows.iter_mut().flatten()) {
                    limit_inlines(cell, depth);
                }
            }
            Block::CodeBlock { .. }
            | Block::Figure { .. }
            | Block::Notice(_)
            | Block::VariablesPanel
            | Block::Rule => {}
        }
    }
}

fn limit_children(children: &mut Vec<Block>, depth: usize) {
    if depth + 1 < MAX_DEPTH {
        limit_blocks(children, depth + 1);
        return;
    }
    let text = blocks_text(mem::take(children));
    *children = vec![
        Block::Notice(format!(
            "content nested more than {MAX_DEPTH} levels deep, shown as plain text"
        )),
        Block::Paragraph(vec![Inline::Text(text)]),
    ];
}

fn limit_inlines(inlines: &mut [Inline], depth: usize) {
    for inline in inlines {
        match inline {
            Inline::Emphasis(kids)
            | Inline::Strong(kids)
            | Inline::Strikethrough(kids)
            | Inline::Link { children: kids, .. } => {
                if depth + 1 < MAX_DEPTH {
                    limit_inlines(kids, depth + 1);
                } else {
                    let text = inlines_text(mem::take(kids));
                    *kids = vec![Inline::Text(text)];
                }
            }
            _ => {}
        }
    }
}

/// Drops blocks without recursion: a derived `Drop` of content nested thousands of
/// levels deep would exhaust the stack.
#[cfg(test)]
pub(crate) fn dismantle(blocks: Vec<Block>) {
    drop(blocks_text(blocks));
}

/// The text of blocks, taking them apart with an explicit stack (no recursion).
fn blocks_text(blocks: Vec<Block>) -> String {
    let mut out = String::new();
    let mut pending: Vec<Block> = blocks.into_iter().rev().collect();
    while let Some(block) = pending.pop() {
        match block {
            Block::Heading { inlines, .. } | Block::Paragraph(inlines) => {
                push_sep(&mut out);
                out.push_str(&inlines_text(inlines));
            }
            Block::List { items, .. } => pending.extend(items.into_iter().flatten().rev()),
            Block::BlockQuote(children)
            | Block::Callout {
                blocks: children, ..
            }
            | Block::Snippet {
                blocks: children, ..
            } => pending.extend(children.into_iter().rev()),
            Block::Table { head, rows, .. } => {
                for cell in head.into_iter().chain(rows.into_iter().flatten()) {
                    push_sep(&mut out);
                    out.push_str(&inlines_text(cell));
                }
            }
            Block::CodeBlock { segments, .. } => {
                push_sep(&mut out);
                out.push_str(&segments_text(&segments));
            }
            Block::Notice(raw) => {
                push_sep(&mut out);
                out.push_str(&raw);
            }
            Block::Figure { alt, .. } => {
                push_sep(&mut out);
                out.push_str(&alt);
            }
            Block::VariablesPanel | Block::Rule => {}
        }
    }
    out
}

/// The text of inlines, taken apart with an explicit stack (no recursion).
fn inlines_text(inlines: Vec<Inline>) -> String {
    let mut out = String::new();
    let mut pending: Vec<Inline> = inlines.into_iter().rev().collect();
    while let Some(inline) = pending.pop() {
        match inline {
            Inline::Text(text) | Inline::Notice(text) => out.push_str(&text),
            Inline::Code(segments) => out.push_str(&segments_text(&segments)),
            Inline::Emphasis(kids)
            | Inline::Strong(kids)
            | Inline::Strikethrough(kids)
            | Inline::Link { children: kids, .. } => pending.extend(kids.into_iter().rev()),
            Inline::Image { alt, .. } => out.push_str(&alt),
            Inline::Variable(_) | Inline::Digest => {}
            Inline::LineBreak | Inline::SoftBreak => out.push(' '),
        }
    }
    out
}

fn segments_text(segments: &[Segment]) -> String {
    segments
        .iter()
        .filter_map(|s| match s {
            Segment::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect()
}

fn push_sep(out: &mut String) {
    if !out.is_empty() {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text the document shows, notices included.
    fn all_text(blocks: &[Block]) -> String {
        crate::walk::walk(blocks)
            .filter_map(|n| match n {
                crate::walk::Node::Inline(Inline::Text(t) | Inline::Notice(t))
                | crate::walk::Node::Block(Block::Notice(t)) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    fn depth_of(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::BlockQuote(c) => 1 + depth_of(c),
                Block::List { items, .. } => {
                    1 + items.iter().map(|i| depth_of(i)).max().unwrap_or(0)
                }
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn deeply_nested_quotes_are_cut_at_the_limit_keeping_their_text() {
        let source = format!("{} deep text", ">".repeat(5000));
        let doc = crate::parse(&source).expect("parses");
        assert!(
            depth_of(&doc.blocks) <= MAX_DEPTH,
            "depth {}",
            depth_of(&doc.blocks)
        );
        let text = all_text(&doc.blocks);
        assert!(text.contains("deep text"), "the text survives");
        assert!(
            text.contains("nested more than"),
            "and the reader is told why it is flat"
        );
    }

    #[test]
    fn deeply_nested_lists_are_cut_at_the_limit() {
        let source: String = (0..400)
            .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
            .collect();
        let doc = crate::parse(&source).expect("parses");
        assert!(depth_of(&doc.blocks) <= MAX_DEPTH);
        assert!(all_text(&doc.blocks).contains("item 399"));
    }

    #[test]
    fn shallow_guides_are_untouched() {
        let source = "> quote\n>\n> - a\n>   - b\n>     > inner *em **strong***\n";
        let before = crate::parse(source).expect("parses");
        let mut blocks = before.blocks.clone();
        limit(&mut blocks);
        assert_eq!(blocks, before.blocks);
    }

    #[test]
    fn deeply_nested_emphasis_is_cut_at_the_limit() {
        let source = format!("{}x{}", "*a ".repeat(3000), " b*".repeat(3000));
        let doc = crate::parse(&source).expect("parses");
        assert!(all_text(&doc.blocks).contains('x'));
    }
}
