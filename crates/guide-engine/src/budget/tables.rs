//! Keeps pulldown-cmark from building tables past [`MAX_TABLE_CELLS`].
//!
//! pulldown-cmark pads every short row of a table to the width of its head, in its own
//! tree, before the engine sees a single event; its own cap (2^18 padded cells) is per
//! table. So the bound is kept on the text it reads: every line that could be a table's
//! delimiter row (`|---|:-:|`) is charged the most cells its table could hold, its
//! columns times the lines that could be its head and rows (the non-blank lines around
//! it, up to the next blank one). A line that would pass the budget gets a
//! [`BREAK`] before its first `|`: no longer a delimiter row, it makes no table, and
//! the break itself is dropped wherever text leaves the converter, so a line that was
//! code, or prose, reads exactly as written.
//!
//! The count is an upper bound, never an estimate: a line pulldown-cmark reads as a
//! delimiter row always has a `|` and a `-` and, after its first `|`, nothing but
//! `|-:` and spaces; its columns are at most its pipes plus one; its table ends at
//! the first blank line at the latest; rows with more cells are cut to the head's width.

use std::borrow::Cow;

use super::{Budget, MAX_TABLE_CELLS};
use crate::expand::BREAK;

/// `text` with the delimiter rows of tables past the budget broken; borrowed when no
/// table passes it.
pub(crate) fn guard<'a>(text: &'a str, budget: &mut Budget) -> Cow<'a, str> {
    let mut breaks = Vec::new();
    let mut lines = lines(text).peekable();
    // Non-blank lines after the current one, up to the next blank one: counted once
    // for each run, so the whole pass is linear.
    let mut run_left = 0usize;
    while let Some((start, line)) = lines.next() {
        if is_blank(line) {
            run_left = 0;
            continue;
        }
        if run_left == 0 {
            run_left = lines.clone().take_while(|(_, l)| !is_blank(l)).count() + 1;
        }
        run_left -= 1;
        let Some(first_pipe) = delimiter_row(line) else {
            continue;
        };
        let columns = line.bytes().filter(|&b| b == b'|').count() + 1;
        // The head above, this line, the rows below.
        let cells = columns.saturating_mul(run_left + 2);
        if budget.cells.saturating_add(cells) <= MAX_TABLE_CELLS {
            budget.cells += cells;
        } else {
            budget.cells_cut = true;
            breaks.push(start + first_pipe);
        }
    }
    if breaks.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + breaks.len() * BREAK.len_utf8());
    let mut done = 0;
    for at in breaks {
        out.push_str(text.get(done..at).unwrap_or_default());
        out.push(BREAK);
        done = at;
    }
    out.push_str(text.get(done..).unwrap_or_default());
    Cow::Owned(out)
}

/// Where the first `|` of a line that could be a delimiter row is: a `|` and a `-`, and
/// after the first `|` only `|-:`, spaces and tabs.
fn delimiter_row(line: &str) -> Option<usize> {
    let first_pipe = line.find('|')?;
    let after = line.get(first_pipe..)?;
    let only_delimiters = after
        .bytes()
        .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'));
    (only_delimiters && line.contains('-')).then_some(first_pipe)
}

fn is_blank(line: &str) -> bool {
    line.bytes().all(|b| matches!(b, b' ' | b'\t'))
}

/// The lines of `text` with their byte offsets, split as markdown splits them: at
/// `\n`, `\r\n` and a lone `\r`.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> + Clone {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = text.get(at..)?;
        if rest.is_empty() {
            return None;
        }
        let start = at;
        let (len, ending) = match rest.bytes().position(|b| b == b'\n' || b == b'\r') {
            Some(i) if rest.get(i..).is_some_and(|r| r.starts_with("\r\n")) => (i, 2),
            Some(i) => (i, 1),
            None => (rest.len(), 0),
        };
        at = start + len + ending;
        Some((start, rest.get(..len).unwrap_or_default()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(columns: usize, rows: usize) -> String {
        format!(
            "{}|\n{}|\n{}",
            "|a".repeat(columns),
            "|-".repeat(columns),
            "b\n".repeat(rows)
        )
    }

    #[test]
    fn tables_within_the_budget_are_left_alone() {
        let mut budget = Budget::default();
        let text = format!("{}\n{}", table(3, 4), table(2, 2));
        assert!(matches!(guard(&text, &mut budget), Cow::Borrowed(_)));
        assert!(!budget.cells_cut);
        // Each charged at most its pipes plus one, times its lines.
        assert_eq!(budget.cells, 5 * 6 + 4 * 4);
    }

    #[test]
    fn a_table_past_the_budget_loses_its_delimiter_row_and_only_that() {
        let mut budget = Budget::default();
        let text = format!("{}\n{}", table(512, 512), table(2, 2));
        let guarded = guard(&text, &mut budget);
        assert!(budget.cells_cut);
        assert_eq!(guarded.matches(BREAK).count(), 1);
        assert_eq!(guarded.replace(BREAK, ""), text);
        // The small table after it still fits.
        assert_eq!(budget.cells, 4 * 4);
    }

    #[test]
    fn lines_end_as_markdown_ends_them() {
        let found: Vec<&str> = lines("a\r\nb\rc\n\nd").map(|(_, l)| l).collect();
        assert_eq!(found, ["a", "b", "c", "", "d"]);
    }

    #[test]
    fn only_lines_pulldown_could_read_as_delimiter_rows_are_counted() {
        assert_eq!(delimiter_row("| --- | :-: |"), Some(0));
        assert_eq!(delimiter_row("> - --|--"), Some(6));
        assert_eq!(delimiter_row("| a | b |"), None);
        assert_eq!(delimiter_row("---"), None);
    }
}
