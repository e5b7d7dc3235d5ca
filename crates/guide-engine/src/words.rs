//! Places to break long words: the last stage, on the finished tree.
//!
//! The page lays a guide out with `overflow-wrap: anywhere`, so that a long address in
//! prose cannot widen the page on a phone. But a word that must be broken is costly
//! when the font kerns its letters: Chromium shapes it again from each break it makes to
//! the end of the text it belongs to, since no place between kerned letters is safe to
//! break, and does so once a line. 100 000 × `AV` in one paragraph took 4.4 s to lay
//! out, and a 300 kB guide of them 14 s, with scripting off as well as on. A
//! [`Inline::WordBreak`] (`<wbr>`, which adds no character to what the reader copies,
//! as a zero-width space would) every [`MAX_WORD_CHARS`] characters of a word ends the
//! text the browser reshapes there, so each break costs at most that much.
//!
//! Each break is two nodes (the break and the text after it), charged to the guide's
//! [`budget`](crate::budget); past [`MAX_NODES`](crate::budget::MAX_NODES) the rest of a
//! long word is left out, with the warning that says so, never laid out unbroken.

use unicode_segmentation::UnicodeSegmentation as _;

use super::budget::Budget;
use super::document::{Block, Inline};
use super::walk::{NodeMut, walk_mut};

/// Most characters of guide text the page lays out without a place to break them.
///
/// Measured in headless Chromium on this project's 2-core machine, 100 000 characters of
/// `AV` in one paragraph of the guide's column, to the next frame: 9.3 s as one word,
/// 89 ms with a break every 256 characters, 30 ms every 64 (19 ms for the same text
/// under `overflow-wrap: normal`, never broken). What one break costs grows with this
/// bound, and so does how much text the node budget lets through (about 2 950 breaks):
/// at 64, at most 190 000 characters of one word are laid out, about 60 ms; at 256 it
/// would be 750 000, seconds again. A longer address or key in prose only gets one more
/// place to wrap, which `overflow-wrap: anywhere` gives it anyway.
pub const MAX_WORD_CHARS: usize = 64;

/// Nodes one break adds: the [`Inline::WordBreak`] and the text after it.
const BREAK_COST: usize = 2;

/// Gives every text of the document's inline runs a [`Inline::WordBreak`] every
/// [`MAX_WORD_CHARS`] characters of a word, between grapheme clusters, charging
/// `budget`.
pub(crate) fn break_long_words(blocks: &mut Vec<Block>, budget: &mut Budget) {
    walk_mut(blocks, &mut |node| {
        if let NodeMut::Inlines(run) = node
            && run
                .iter()
                .any(|i| matches!(i, Inline::Text(t) if has_long_word(t)))
        {
            for inline in std::mem::take(run) {
                match inline {
                    Inline::Text(text) if has_long_word(&text) => split(&text, run, budget),
                    other => run.push(other),
                }
            }
        }
    });
}

/// Whether the browser may wrap a line at this character. Only ASCII white space
/// counts: a no-break space does not break, and taking a character for a place to break
/// that is not one would let a long run through.
fn breaks(c: char) -> bool {
    c.is_ascii_whitespace()
}

/// Whether `text` holds more than [`MAX_WORD_CHARS`] characters in a row with no place
/// to break.
fn has_long_word(text: &str) -> bool {
    let mut run = 0usize;
    text.chars().any(|c| {
        run = if breaks(c) { 0 } else { run + 1 };
        run > MAX_WORD_CHARS
    })
}

/// Pushes `text` onto `out` as texts with a [`Inline::WordBreak`] between them, one
/// before the grapheme cluster that would take a word past [`MAX_WORD_CHARS`]. When
/// the budget has no room for another break, the rest of the text is left out and the
/// cut recorded.
fn split(text: &str, out: &mut Vec<Inline>, budget: &mut Budget) {
    let mut start = 0;
    let mut run = 0usize;
    for (at, cluster) in text.grapheme_indices(true) {
        if cluster.chars().all(breaks) {
            run = 0;
            continue;
        }
        let chars = cluster.chars().count();
        if run > 0 && run + chars > MAX_WORD_CHARS {
            out.push(Inline::Text(
                text.get(start..at).unwrap_or_default().to_owned(),
            ));
            if budget.room() < BREAK_COST {
                budget.nodes_cut = true;
                return;
            }
            budget.charge(BREAK_COST);
            out.push(Inline::WordBreak);
            start = at;
            run = 0;
        }
        run += chars;
    }
    out.push(Inline::Text(
        text.get(start..).unwrap_or_default().to_owned(),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts `split` makes of `text`, a `|` for each break.
    fn pieces(text: &str, budget: &mut Budget) -> String {
        let mut out = Vec::new();
        split(text, &mut out, budget);
        out.iter()
            .map(|i| match i {
                Inline::Text(t) => t.as_str(),
                Inline::WordBreak => "|",
                _ => "?",
            })
            .collect()
    }

    #[test]
    fn a_word_of_max_word_chars_is_left_whole() {
        let word = "A".repeat(MAX_WORD_CHARS);
        assert!(!has_long_word(&format!("{word} {word}")));
        assert!(has_long_word(&format!("{word}A")));
    }

    #[test]
    fn a_long_word_breaks_every_max_word_chars_and_spaces_start_a_new_word() {
        let word = "A".repeat(MAX_WORD_CHARS);
        let text = format!("x {word}{word}A y");
        let mut budget = Budget::default();
        assert_eq!(pieces(&text, &mut budget), format!("x {word}|{word}|A y"));
        assert!(!budget.nodes_cut);
    }

    #[test]
    fn a_break_never_splits_a_grapheme_cluster() {
        // `e` and a combining acute accent: one cluster of two characters.
        let text = "e\u{301}".repeat(MAX_WORD_CHARS);
        let mut budget = Budget::default();
        let split = pieces(&text, &mut budget);
        assert_eq!(split.matches('|').count(), 1, "{split}");
        assert!(split.split('|').all(|p| p.starts_with('e')), "{split}");
    }

    #[test]
    fn past_the_node_budget_the_rest_of_the_word_is_left_out() {
        let mut budget = Budget::default();
        budget.charge(budget.room() - BREAK_COST);
        let text = "AV".repeat(3 * MAX_WORD_CHARS);
        let split = pieces(&text, &mut budget);
        assert_eq!(split.matches('|').count(), 1, "{split}");
        assert_eq!(split.len(), 2 * MAX_WORD_CHARS + 1);
        assert!(budget.nodes_cut);
    }
}
