//! Long unbroken words: a text the page lays out may hold a run of letters
//! with no place to break, hundreds of kilobytes long, and a browser that must break it
//! can take seconds. What the engine hands the page is bounded: guide text gets a place to
//! break every `MAX_WORD_CHARS` characters (a quoted value of a pasted configuration is cut
//! by the `authelia-check` crate: its `long_labels` tests). The fixtures are in `tests/fixtures/hostile/`; the
//! browser side (what the page's thread does with them) is
//! `tests/browser/long-words.test.mjs`.

use guide_engine::budget::MAX_NODES;
use guide_engine::walk::{Node, walk};
use guide_engine::words::MAX_WORD_CHARS;
use guide_engine::{self as guide, Block, Document, Inline, MAX_GUIDE_BYTES, Warning};

/// The project's root, where tests/fixtures/ lives.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn hostile(name: &str) -> String {
    let path = format!("{ROOT}/tests/fixtures/hostile/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The document's first paragraph as the page lays it out: its texts, and `None` for
/// each place to break.
fn first_paragraph(doc: &Document) -> Vec<Option<String>> {
    let inlines = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Paragraph(inlines) => Some(inlines),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no paragraph"));
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) => Some(t.clone()),
            Inline::WordBreak => None,
            other => panic!("not text: {other:?}"),
        })
        .collect()
}

/// The longest run of characters with no place to break, in every text of `doc`.
fn longest_unbroken(doc: &Document) -> usize {
    let mut longest = 0;
    for node in walk(&doc.blocks) {
        if let Node::Inline(Inline::Text(t)) = node {
            let mut run = 0;
            for c in t.chars() {
                run = if c.is_ascii_whitespace() { 0 } else { run + 1 };
                longest = longest.max(run);
            }
        }
    }
    longest
}

#[test]
fn a_300_kb_word_of_kerned_letters_gets_a_break_every_max_word_chars_until_the_node_budget() {
    let doc = guide::parse(&hostile("kerned-run.md")).unwrap_or_else(|e| panic!("{e}"));
    let word = "AV".repeat(150_000);
    let pieces = first_paragraph(&doc);
    let texts: Vec<&str> = pieces.iter().flatten().map(String::as_str).collect();
    let shown = texts.concat();
    // 300 000 characters would take 4 687 breaks, 9 374 nodes: the word is shown as far as
    // the budget goes, more than half of it, and the rest left out with the warning.
    assert!(
        word.starts_with(&shown),
        "the shown text is not the word's start"
    );
    assert!(
        shown.len() > word.len() / 2 && shown.len() < word.len(),
        "{} of {} characters shown",
        shown.len(),
        word.len()
    );
    assert!(texts.iter().all(|t| t.len() == MAX_WORD_CHARS));
    // Text and break alternate, a text at each end.
    assert!(
        pieces
            .iter()
            .enumerate()
            .all(|(i, p)| p.is_some() == (i % 2 == 0))
            && pieces.len() % 2 == 1
    );
    assert_eq!(longest_unbroken(&doc), MAX_WORD_CHARS);
    assert_eq!(doc.warnings(), [Warning::TooManyNodes { limit: MAX_NODES }]);
    assert!(doc.node_count() <= MAX_NODES, "{}", doc.node_count());
}

#[test]
fn a_word_of_a_few_kilobytes_is_kept_whole_with_its_breaks() {
    let word = "AV".repeat(5_000);
    let doc = guide::parse(&format!("Before {word} after.\n")).unwrap_or_else(|e| panic!("{e}"));
    let pieces = first_paragraph(&doc);
    let texts: Vec<&str> = pieces.iter().flatten().map(String::as_str).collect();
    assert_eq!(texts.concat(), format!("Before {word} after."));
    assert_eq!(pieces.len() - texts.len(), word.len() / MAX_WORD_CHARS);
    assert_eq!(longest_unbroken(&doc), MAX_WORD_CHARS);
    assert_eq!(doc.warnings(), []);
}

#[test]
fn a_word_as_long_as_a_guide_may_be_is_cut_at_the_node_budget_never_left_unbroken() {
    let body = "A".repeat(MAX_GUIDE_BYTES - 100);
    let doc =
        guide::parse(&format!("---\ntitle: x\n---\n\n{body}\n")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(longest_unbroken(&doc), MAX_WORD_CHARS);
    assert!(doc.node_count() <= MAX_NODES, "{}", doc.node_count());
    assert_eq!(doc.warnings(), [Warning::TooManyNodes { limit: MAX_NODES }]);
    let shown: usize = first_paragraph(&doc)
        .iter()
        .flatten()
        .map(String::len)
        .sum();
    assert!(shown < body.len() && shown > MAX_NODES, "{shown}");
}

#[test]
fn words_up_to_max_word_chars_get_no_break() {
    let word = "AV".repeat(MAX_WORD_CHARS / 2);
    let source =
        format!("{word} {word}\n\n## {word}{word} heading\n\n| {word} |\n|---|\n| {word} |\n");
    let doc = guide::parse(&source).unwrap_or_else(|e| panic!("{e}"));
    let breaks = walk(&doc.blocks)
        .filter(|n| matches!(n, Node::Inline(Inline::WordBreak)))
        .count();
    // Only the heading's doubled word is longer than MAX_WORD_CHARS.
    assert_eq!(breaks, 1);
    assert_eq!(longest_unbroken(&doc), MAX_WORD_CHARS);
}

#[test]
fn no_hostile_guide_leaves_more_than_max_word_chars_without_a_place_to_break() {
    let names = crate::support::hostile_guides();
    assert!(names.contains(&"kerned-run.md".to_owned()), "{names:?}");
    for name in names {
        if let Ok(doc) = guide::parse(&hostile(&name)) {
            let longest = longest_unbroken(&doc);
            assert!(longest <= MAX_WORD_CHARS, "{name}: {longest} characters");
            assert!(
                doc.node_count() <= MAX_NODES,
                "{name}: {} nodes",
                doc.node_count()
            );
        }
    }
}
