//! Labelled values in prose: the inline code a guide's assumptions and settings lists
//! put after a label (``__Client ID:__ `matomo` ``, ``__Application Root URL:__ `…` ``),
//! with the label's words, so each stage that recognises a value by its label reads
//! labels the same way.

use super::document::{Inline, Segment};

/// Each inline code of a run, with the words of the text just before it (see
/// [`words`]): the label it stands after, if any. A line break, or anything but text,
/// emphasis and strong, ends a label.
pub(crate) fn labelled_code(inlines: &[Inline]) -> Vec<(String, &[Segment])> {
    let mut out = Vec::new();
    let mut context = String::new();
    for inline in inlines {
        match inline {
            Inline::Code(segments) => {
                out.push((words(&context), segments.as_slice()));
                context.clear();
            }
            Inline::SoftBreak | Inline::LineBreak => context.clear(),
            other => push_label_text(other, &mut context),
        }
    }
    out
}

/// A label's words as one key: its letters and digits, lower-cased, without the colon
/// and the markup around it (`__Client ID:__ ` → `clientid`), so a stage compares the
/// end of it with the label it looks for.
pub(crate) fn words(context: &str) -> String {
    context
        .trim_end()
        .trim_end_matches(':')
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The text of a label's inlines (emphasis and strong included); anything else ends it.
fn push_label_text(inline: &Inline, out: &mut String) {
    match inline {
        Inline::Text(t) => out.push_str(t),
        // Inside a word: the label goes on.
        Inline::WordBreak => {}
        Inline::Emphasis(c) | Inline::Strong(c) => c.iter().for_each(|i| push_label_text(i, out)),
        _ => out.clear(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Block, parse};

    #[test]
    fn a_label_is_the_text_before_the_code_whatever_its_markup() {
        let doc =
            parse("- __Application Root URL:__ `a`\n- **Client Key:** `b`\n- plain `c` then `d`\n")
                .expect("parses");
        let found: Vec<(String, String)> = crate::walk::walk(&doc.blocks)
            .filter_map(|n| match n {
                crate::walk::Node::Block(Block::Paragraph(inlines)) => Some(inlines),
                _ => None,
            })
            .flat_map(|inlines| labelled_code(inlines))
            .map(|(words, code)| {
                let text = match code {
                    [Segment::Text(t)] => t.clone(),
                    _ => String::new(),
                };
                (words, text)
            })
            .collect();
        let expected = [
            ("applicationrooturl", "a"),
            ("clientkey", "b"),
            ("plain", "c"),
            ("then", "d"),
        ]
        .map(|(w, t)| (w.to_owned(), t.to_owned()));
        assert_eq!(found, expected);
    }
}
