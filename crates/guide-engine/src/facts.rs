//! The last stage: facts a page needs about the guide, computed once and written into
//! the document, so that what the page says never depends on the order it renders in.
//!
//! - A code block holding the digest is Authelia's configuration (`holds_digest`).
//! - A list whose own items name the plaintext client secret, after that block, is the
//!   application's settings (`plaintext_secret`). A list that only holds such a list
//!   is not marked: the page's note stands once, beside the innermost list.
//! - Exactly one [`Block::VariablesPanel`]: the guide's first marker, or one at the very
//!   start when it has none.
//!
//! One fact is not settled here, because the finished tree no longer holds what it is
//! made of: whether the application needs its claims in the ID token
//! ([`crate::Document::needs_id_token_claims`]) is in the arguments of the guide's
//! `oidc-common` and escape hatch shortcodes, which `oidc_common` reads and the
//! markdown stage records as it places each snippet.

use super::document::{Block, Segment};
use super::variables::CLIENT_SECRET;
use super::walk::{Node, NodeMut, walk, walk_mut};

/// What the stage learned that the document keeps beside its blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Facts {
    /// The guide shows the digest or the plaintext secret somewhere.
    pub needs_secret: bool,
}

/// Marks the blocks and places the variables panel.
pub(crate) fn settle(blocks: &mut Vec<Block>) -> Facts {
    let mut seen_digest = false;
    let mut placed_panel = false;
    walk_mut(blocks, &mut |node| match node {
        NodeMut::Blocks(run) => {
            run.retain(|block| {
                let extra = matches!(block, Block::VariablesPanel) && placed_panel;
                placed_panel |= matches!(block, Block::VariablesPanel);
                !extra
            });
        }
        NodeMut::Block(Block::CodeBlock {
            segments,
            holds_digest,
            ..
        }) => {
            *holds_digest = segments.iter().any(|s| matches!(s, Segment::Digest));
            seen_digest |= *holds_digest;
        }
        NodeMut::Block(Block::List {
            items,
            plaintext_secret,
            ..
        }) => {
            let names_secret = items
                .iter()
                .flatten()
                .filter(|block| !matches!(block, Block::List { .. }))
                .any(|block| walk(std::slice::from_ref(block)).any(is_secret));
            *plaintext_secret = seen_digest && names_secret;
        }
        NodeMut::Block(_) | NodeMut::Inlines(_) | NodeMut::Segments(_) => {}
    });
    if !placed_panel {
        blocks.insert(0, Block::VariablesPanel);
    }
    Facts {
        needs_secret: walk(blocks).any(|node| node.is_digest() || is_secret(node)),
    }
}

/// Whether a node is the plaintext client secret.
fn is_secret(node: Node<'_>) -> bool {
    node.variable().is_some_and(|v| v.name == CLIENT_SECRET)
}

#[cfg(test)]
mod tests {
    use crate::{Block, parse};

    fn lists(blocks: &[Block]) -> Vec<bool> {
        crate::walk::walk(blocks)
            .filter_map(|n| match n {
                crate::walk::Node::Block(Block::List {
                    plaintext_secret, ..
                }) => Some(*plaintext_secret),
                _ => None,
            })
            .collect()
    }

    const SECRET: &str = r#"{{< sitevar name="client-secret" nojs="insecure_secret" >}}"#;

    #[test]
    fn only_the_innermost_settings_list_after_the_digest_is_marked() {
        let source = format!(
            "- Secret: `{SECRET}`\n\n```yaml\nclient_secret: '{{{{< client-secret-digest >}}}}'\n```\n\n1. Fill in:\n   - Client Secret: `{SECRET}`\n"
        );
        let doc = parse(&source).expect("parses");
        // Before the digest: not the application's settings. The outer step list only
        // holds the settings list.
        assert_eq!(lists(&doc.blocks), [false, false, true]);
        assert!(doc.needs_secret());
    }

    #[test]
    fn the_plaintext_secret_variable_in_authelias_block_is_shown_as_the_digest() {
        let source = format!(
            "```yaml {{title=\"configuration.yml\"}}\n      - client_id: 'app'\n        client_secret: '{SECRET}'\n```\n\n- Client Secret: `{SECRET}`\n"
        );
        let doc = parse(&source).expect("parses");
        let Some(Block::CodeBlock {
            segments,
            holds_digest,
            digest_replaces_plaintext,
            ..
        }) = doc.blocks.get(1)
        else {
            panic!("{:?}", doc.blocks)
        };
        assert!(*holds_digest);
        assert!(*digest_replaces_plaintext);
        assert!(segments.contains(&crate::Segment::Digest));
        assert!(
            !segments
                .iter()
                .any(|s| matches!(s, crate::Segment::Variable(v) if v.name == "client-secret"))
        );
        // The application's settings after it keep the plaintext, and say so.
        assert_eq!(lists(&doc.blocks), [true]);
    }

    #[test]
    fn a_guide_gets_exactly_one_panel_where_it_first_asks_for_it() {
        let doc = parse(
            "Intro.\n\n{{< sitevar-preferences >}}\n\nMore.\n\n{{< sitevar-preferences >}}\n",
        )
        .expect("parses");
        let panels: Vec<usize> = doc
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b, Block::VariablesPanel))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(panels, [1]);

        let without = parse("Just text.").expect("parses");
        assert!(matches!(
            without.blocks.first(),
            Some(Block::VariablesPanel)
        ));
        assert!(!without.needs_secret());
    }
}
