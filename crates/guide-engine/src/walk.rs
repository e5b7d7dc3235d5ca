//! The one traversal of the document tree: every stage and every fact about a document
//! walks it through here.
//!
//! [`walk`] yields each node once, in reading order, parent before children, like
//! pulldown-cmark's event iterator; [`walk_mut`] hands each node to a closure that may
//! change it before its children are visited. Both keep their own stack instead of
//! recursing, so a guide's nesting depth never costs the call stack anything: a hostile
//! guide nested thousands of levels deep is walked like a flat one.
//!
//! ```
//! use guide_engine::{parse, walk::{walk, Node}, Inline};
//!
//! let doc = parse("A *very **nested** text* with `code`.")?;
//! let emphasis = walk(&doc.blocks)
//!     .filter(|node| matches!(node, Node::Inline(Inline::Strong(_) | Inline::Emphasis(_))))
//!     .count();
//! assert_eq!(emphasis, 2);
//! # Ok::<(), guide_engine::GuideError>(())
//! ```

use std::slice;

use super::document::{Block, Inline, Segment, Source, Target, UrlPart};

/// A node met by [`walk`].
#[derive(Debug, Clone, Copy)]
pub enum Node<'a> {
    /// A block, met before anything it holds.
    Block(&'a Block),
    /// An inline, met before its children.
    Inline(&'a Inline),
    /// A piece of code text.
    Segment(&'a Segment),
    /// A piece of a link or image address.
    UrlPart(&'a UrlPart),
}

impl<'a> Node<'a> {
    /// Whether this node is the client secret digest (in prose or in code).
    pub fn is_digest(self) -> bool {
        matches!(
            self,
            Node::Inline(Inline::Digest) | Node::Segment(Segment::Digest)
        )
    }

    /// The variable this node is an occurrence of, if it is one: a variable, or the
    /// variable of an [`Override`](crate::Override) (whose written parts come next).
    pub fn variable(self) -> Option<&'a super::VarRef> {
        match self {
            Node::Inline(Inline::Variable(v))
            | Node::Segment(Segment::Variable(v))
            | Node::UrlPart(UrlPart::Variable(v)) => Some(v),
            Node::Inline(Inline::Override(o))
            | Node::Segment(Segment::Override(o))
            | Node::UrlPart(UrlPart::Override(o)) => Some(&o.variable),
            _ => None,
        }
    }
}

/// What is left to visit at one level of the walk.
enum Pending<'a> {
    Blocks(slice::Iter<'a, Block>),
    Items(slice::Iter<'a, Vec<Block>>),
    Inlines(slice::Iter<'a, Inline>),
    Cells(slice::Iter<'a, Vec<Inline>>),
    Rows(slice::Iter<'a, Vec<Vec<Inline>>>),
    Segments(slice::Iter<'a, Segment>),
    UrlParts(slice::Iter<'a, UrlPart>),
}

/// Every node of `blocks`, in reading order. See the module documentation.
pub fn walk(blocks: &[Block]) -> Walk<'_> {
    Walk {
        stack: vec![(Pending::Blocks(blocks.iter()), 0)],
        depth: 0,
    }
}

/// The depth of the deepest node of `blocks` (see [`Walk::depth`]).
pub fn deepest(blocks: &[Block]) -> usize {
    let mut nodes = walk(blocks);
    let mut deepest = 0;
    while nodes.next().is_some() {
        deepest = deepest.max(nodes.depth());
    }
    deepest
}

/// Every node of a run of inlines (a heading's text, a cell), in reading order.
pub fn walk_inlines(inlines: &[Inline]) -> Walk<'_> {
    Walk {
        stack: vec![(Pending::Inlines(inlines.iter()), 0)],
        depth: 0,
    }
}

/// The iterator [`walk`] returns.
pub struct Walk<'a> {
    /// What is left at each open level, with the depth of the nodes it yields.
    stack: Vec<(Pending<'a>, usize)>,
    /// The depth of the node last yielded.
    depth: usize,
}

impl<'a> Walk<'a> {
    /// How deeply the node last yielded is nested: 0 for the nodes handed to [`walk`],
    /// one more for each block, inline or list item it sits in. The engine promises
    /// none is deeper than [`crate::depth::MAX_NODE_DEPTH`].
    pub fn depth(&self) -> usize {
        self.depth
    }

    fn push(&mut self, pending: Pending<'a>) {
        self.stack.push((pending, self.depth + 1));
    }

    /// Queues a node's children so they come next, in order.
    fn descend(&mut self, node: Node<'a>) {
        // Pushed last to first: the stack is read from its top.
        match node {
            Node::Block(block) => match block {
                Block::Heading { inlines, .. } | Block::Paragraph(inlines) => {
                    self.push(Pending::Inlines(inlines.iter()));
                }
                Block::List { items, .. } => self.push(Pending::Items(items.iter())),
                Block::CodeBlock { segments, .. } => {
                    self.push(Pending::Segments(segments.iter()));
                }
                Block::BlockQuote(blocks)
                | Block::Callout { blocks, .. }
                | Block::Snippet { blocks, .. } => self.push(Pending::Blocks(blocks.iter())),
                Block::Table { head, rows, .. } => {
                    self.push(Pending::Rows(rows.iter()));
                    self.push(Pending::Cells(head.iter()));
                }
                Block::Figure { source, .. } => self.source(source),
                Block::Notice(_) | Block::VariablesPanel | Block::Rule => {}
            },
            Node::Inline(inline) => match inline {
                Inline::Code(segments) => self.push(Pending::Segments(segments.iter())),
                Inline::Emphasis(children)
                | Inline::Strong(children)
                | Inline::Strikethrough(children) => {
                    self.push(Pending::Inlines(children.iter()));
                }
                Inline::Link {
                    target, children, ..
                } => {
                    self.push(Pending::Inlines(children.iter()));
                    match target {
                        Target::Web(url)
                        | Target::Relative {
                            site: Some(url), ..
                        } => self.push(Pending::UrlParts(url.parts().iter())),
                        Target::Fragment(_)
                        | Target::Relative { site: None, .. }
                        | Target::Refused { .. }
                        | Target::Guide(_) => {}
                    }
                }
                Inline::Image { source, .. } => self.source(source),
                Inline::Override(o) => self.push(Pending::UrlParts(o.written.iter())),
                Inline::Text(_)
                | Inline::Variable(_)
                | Inline::Digest
                | Inline::LineBreak
                | Inline::SoftBreak
                | Inline::WordBreak
                | Inline::Notice(_) => {}
            },
            // What the guide wrote, shown until the reader sets the variable.
            Node::Segment(Segment::Override(o)) | Node::UrlPart(UrlPart::Override(o)) => {
                self.push(Pending::UrlParts(o.written.iter()));
            }
            Node::Segment(_) | Node::UrlPart(_) => {}
        }
    }

    fn source(&mut self, source: &'a Source) {
        if let Source::Web(url) = source {
            self.push(Pending::UrlParts(url.parts().iter()));
        }
    }
}

impl<'a> Iterator for Walk<'a> {
    type Item = Node<'a>;

    fn next(&mut self) -> Option<Node<'a>> {
        loop {
            let (top, depth) = self.stack.last_mut()?;
            let depth = *depth;
            let next = match top {
                Pending::Blocks(it) => it.next().map(Node::Block),
                Pending::Inlines(it) => it.next().map(Node::Inline),
                Pending::Segments(it) => it.next().map(Node::Segment),
                Pending::UrlParts(it) => it.next().map(Node::UrlPart),
                // Containers of containers: open the next one and look again. Its
                // members are the children of the list or table, at the same depth.
                Pending::Items(it) => match it.next() {
                    Some(item) => {
                        self.stack.push((Pending::Blocks(item.iter()), depth));
                        continue;
                    }
                    None => None,
                },
                Pending::Cells(it) => match it.next() {
                    Some(cell) => {
                        self.stack.push((Pending::Inlines(cell.iter()), depth));
                        continue;
                    }
                    None => None,
                },
                Pending::Rows(it) => match it.next() {
                    Some(row) => {
                        self.stack.push((Pending::Cells(row.iter()), depth));
                        continue;
                    }
                    None => None,
                },
            };
            match next {
                Some(node) => {
                    self.depth = depth;
                    self.descend(node);
                    return Some(node);
                }
                None => {
                    self.stack.pop();
                }
            }
        }
    }
}

/// A node handed to [`walk_mut`]'s closure, which may change it in place; the walk then
/// visits what the node holds after the change.
#[derive(Debug)]
pub enum NodeMut<'a> {
    /// A run of blocks: the document's, a list item's, a quote's or a callout's. Blocks
    /// may be removed or inserted here.
    Blocks(&'a mut Vec<Block>),
    /// One block of such a run: met after its run, before what the block holds.
    Block(&'a mut Block),
    /// A run of inline content: a paragraph's or heading's text, a table cell, the
    /// children of an emphasis or a link.
    Inlines(&'a mut Vec<Inline>),
    /// The text of a code block or of inline code.
    Segments(&'a mut Vec<Segment>),
}

/// What is left to visit at one level of [`walk_mut`].
enum PendingMut<'a> {
    Blocks(slice::IterMut<'a, Block>),
    Items(slice::IterMut<'a, Vec<Block>>),
    Inlines(slice::IterMut<'a, Inline>),
    Cells(slice::IterMut<'a, Vec<Inline>>),
    Rows(slice::IterMut<'a, Vec<Vec<Inline>>>),
}

/// Hands every block run, block, inline run and code text of `blocks` to `visit`, in
/// reading order, parent before children. Iterative, like [`walk`].
pub fn walk_mut(blocks: &mut Vec<Block>, visit: &mut dyn FnMut(NodeMut<'_>)) {
    let mut stack = Vec::new();
    blocks_mut(&mut stack, blocks, visit);
    while let Some(top) = stack.last_mut() {
        match top {
            PendingMut::Blocks(it) => match it.next() {
                None => {
                    stack.pop();
                }
                Some(block) => {
                    visit(NodeMut::Block(&mut *block));
                    match block {
                        Block::Heading { inlines, .. } | Block::Paragraph(inlines) => {
                            inlines_mut(&mut stack, inlines, visit);
                        }
                        Block::List { items, .. } => {
                            stack.push(PendingMut::Items(items.iter_mut()));
                        }
                        Block::CodeBlock { segments, .. } => visit(NodeMut::Segments(segments)),
                        Block::BlockQuote(blocks)
                        | Block::Callout { blocks, .. }
                        | Block::Snippet { blocks, .. } => blocks_mut(&mut stack, blocks, visit),
                        Block::Table { head, rows, .. } => {
                            stack.push(PendingMut::Rows(rows.iter_mut()));
                            stack.push(PendingMut::Cells(head.iter_mut()));
                        }
                        Block::Figure { .. }
                        | Block::Notice(_)
                        | Block::VariablesPanel
                        | Block::Rule => {}
                    }
                }
            },
            PendingMut::Items(it) => match it.next() {
                None => {
                    stack.pop();
                }
                Some(item) => blocks_mut(&mut stack, item, visit),
            },
            PendingMut::Rows(it) => match it.next() {
                None => {
                    stack.pop();
                }
                Some(row) => stack.push(PendingMut::Cells(row.iter_mut())),
            },
            PendingMut::Cells(it) => match it.next() {
                None => {
                    stack.pop();
                }
                Some(cell) => inlines_mut(&mut stack, cell, visit),
            },
            PendingMut::Inlines(it) => match it.next() {
                None => {
                    stack.pop();
                }
                Some(inline) => match inline {
                    Inline::Code(segments) => visit(NodeMut::Segments(segments)),
                    Inline::Emphasis(children)
                    | Inline::Strong(children)
                    | Inline::Strikethrough(children)
                    | Inline::Link { children, .. } => inlines_mut(&mut stack, children, visit),
                    _ => {}
                },
            },
        }
    }
}

/// Visits a run of blocks, then queues its members.
fn blocks_mut<'a>(
    stack: &mut Vec<PendingMut<'a>>,
    blocks: &'a mut Vec<Block>,
    visit: &mut dyn FnMut(NodeMut<'_>),
) {
    visit(NodeMut::Blocks(&mut *blocks));
    stack.push(PendingMut::Blocks(blocks.iter_mut()));
}

/// Visits a run of inlines, then queues its members.
fn inlines_mut<'a>(
    stack: &mut Vec<PendingMut<'a>>,
    inlines: &'a mut Vec<Inline>,
    visit: &mut dyn FnMut(NodeMut<'_>),
) {
    visit(NodeMut::Inlines(&mut *inlines));
    stack.push(PendingMut::Inlines(inlines.iter_mut()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn deep_emphasis(levels: usize) -> Vec<Inline> {
        let mut inner = vec![Inline::Text("x".to_owned())];
        for _ in 0..levels {
            inner = vec![Inline::Emphasis(inner)];
        }
        inner
    }

    #[test]
    fn walk_visits_parents_before_children_in_reading_order() {
        let doc = parse("# Head `a`\n\n- one *two*\n- three\n").expect("parses");
        let texts: Vec<String> = walk(&doc.blocks)
            .filter_map(|n| match n {
                Node::Inline(Inline::Text(t)) => Some(t.clone()),
                Node::Segment(Segment::Text(t)) => Some(t.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["Head ", "a", "one ", "two", "three"]);
    }

    #[test]
    fn walking_a_hundred_thousand_levels_costs_no_stack() {
        let mut inlines = deep_emphasis(100_000);
        assert_eq!(walk_inlines(&inlines).count(), 100_001);
        let mut runs = 0;
        let mut blocks = vec![Block::Paragraph(std::mem::take(&mut inlines))];
        walk_mut(&mut blocks, &mut |node| {
            if matches!(node, NodeMut::Inlines(_)) {
                runs += 1;
            }
        });
        assert_eq!(runs, 100_001);
        // Taken apart without recursion, so dropping it cannot overflow either.
        crate::depth::dismantle(blocks);
    }

    #[test]
    fn walk_mut_visits_what_a_change_left() {
        let mut doc = parse("*a* and *b*").expect("parses");
        walk_mut(&mut doc.blocks, &mut |node| {
            if let NodeMut::Inlines(run) = node {
                run.retain(|i| !matches!(i, Inline::Emphasis(_)));
            }
        });
        let emphasis = walk(&doc.blocks)
            .filter(|n| matches!(n, Node::Inline(Inline::Emphasis(_))))
            .count();
        assert_eq!(emphasis, 0);
    }
}
