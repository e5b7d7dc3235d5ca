//! How a configuration finding (`protocol::Finding`) is written on the page: its words as
//! runs of plain text and code ([`runs`], [`words`]: the checker writes a key or a value
//! between backticks, the parser worker splits them, and the page shows code as a
//! `<code>` element), its place as the label of a button ([`place`], read back by
//! [`line_of`] when it is pressed), and where that line is in the reader's paste
//! ([`line_span`], which the page selects). Pure and tested natively;
//! `app::configuration_tools` builds the elements.

/// A piece of a finding's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Run<'a> {
    /// Words, shown as they are.
    Text(&'a str),
    /// What stood between two backticks: a key, a value, a command.
    Code(&'a str),
}

/// `text` as runs of plain text and code, in order, without the backticks. A backtick
/// with no partner is kept as text, so no word is lost; an empty pair (two backticks
/// side by side) gives nothing. Empty runs are left out. Linear in `text`; an iterator,
/// so the page builds each run's node without a list in between.
pub fn runs(text: &str) -> Runs<'_> {
    Runs {
        rest: text,
        code: None,
    }
}

/// The runs of a text, in order ([`runs`]).
#[derive(Clone, Debug)]
pub struct Runs<'a> {
    /// The text not yet read.
    rest: &'a str,
    /// A code run read with the text before it, given next.
    code: Option<&'a str>,
}

impl<'a> Iterator for Runs<'a> {
    type Item = Run<'a>;

    fn next(&mut self) -> Option<Run<'a>> {
        loop {
            if let Some(code) = self.code.take() {
                return Some(Run::Code(code));
            }
            if self.rest.is_empty() {
                return None;
            }
            let paired = self.rest.split_once('`').and_then(|(before, after)| {
                after
                    .split_once('`')
                    .map(|(code, next)| (before, code, next))
            });
            let Some((before, code, next)) = paired else {
                return Some(Run::Text(core::mem::take(&mut self.rest)));
            };
            self.rest = next;
            self.code = Some(code).filter(|c| !c.is_empty());
            if !before.is_empty() {
                return Some(Run::Text(before));
            }
        }
    }
}

/// The words between a finding's problem and its fix.
pub const FIX: &str = " Fix: ";

/// A finding's problem and fix (none when empty) as the protocol carries them: runs that
/// alternate text and code, text first ([`runs`]; two runs of text side by side are
/// joined, and an empty text run stands between two of code), so that the page tells code
/// by its index alone.
pub fn words(problem: &str, fix: &str) -> Vec<String> {
    let mut words = vec![String::new()];
    let fix = (!fix.is_empty()).then(|| [Run::Text(FIX)].into_iter().chain(runs(fix)));
    for run in runs(problem).chain(fix.into_iter().flatten()) {
        // An odd length: the last run is text.
        let text_last = words.len() % 2 == 1;
        match (run, words.last_mut()) {
            (Run::Text(text), Some(last)) if text_last => last.push_str(text),
            (Run::Text(text), _) => words.push(text.to_owned()),
            (Run::Code(code), _) => {
                if !text_last {
                    words.push(String::new());
                }
                words.push(code.to_owned());
            }
        }
    }
    words
}

/// A finding's place as its button's label: "Line 12", or "Line 3, column 7".
pub fn place(line: u32, column: Option<u32>) -> String {
    match column {
        Some(column) => format!("Line {line}, column {column}"),
        None => format!("Line {line}"),
    }
}

/// The line of a [`place`] label; `None` for any other text. The page reads the line of
/// a pressed button back from its label, so that nothing else needs to be kept with it.
pub fn line_of(label: &str) -> Option<u32> {
    let digits = label.strip_prefix("Line ")?;
    // By hand: `str::parse` costs the page more.
    let mut line: Option<u32> = None;
    for digit in digits.bytes().take_while(u8::is_ascii_digit) {
        let value = u32::from(digit - b'0');
        line = Some(line.unwrap_or(0).checked_mul(10)?.checked_add(value)?);
    }
    line
}

/// Where line `line` (1-based) of `text` starts and ends, in UTF-16 code units as a
/// textarea's `setSelectionRange` counts them: from its first character to its last,
/// without the line break (nor a `\r` before it). `None` when `text` has fewer lines, or
/// the offsets pass `u32::MAX` (a textarea's paste here is far smaller). Lines are split
/// at `\n`, as the checker counts them. One pass over `text`, stopping at the line's end.
pub fn line_span(text: &str, line: u32) -> Option<(u32, u32)> {
    // The line being read, where it starts, the units read, and whether the last
    // character read was a `\r`.
    let (mut at, mut start, mut units, mut cr) = (1, 0, 0_u32, false);
    for c in text.chars() {
        if c == '\n' {
            if at == line {
                break;
            }
            at += 1;
            start = units.checked_add(1)?;
        }
        cr = c == '\r';
        // A character past U+FFFF is a surrogate pair: two units.
        units = units.checked_add(if c > '\u{ffff}' { 2 } else { 1 })?;
    }
    (at == line).then_some((start, units - u32::from(cr)))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn code_between_backticks_is_a_code_run_and_the_backticks_are_gone() {
        assert_eq!(
            runs("Set `token_endpoint_auth_method` to `client_secret_post`.").collect::<Vec<_>>(),
            vec![
                Run::Text("Set "),
                Run::Code("token_endpoint_auth_method"),
                Run::Text(" to "),
                Run::Code("client_secret_post"),
                Run::Text("."),
            ]
        );
        assert_eq!(runs("`jwks`").collect::<Vec<_>>(), vec![Run::Code("jwks")]);
    }

    #[test]
    fn words_without_backticks_are_one_text_run_and_nothing_gives_nothing() {
        assert_eq!(
            runs("No code here.").collect::<Vec<_>>(),
            vec![Run::Text("No code here.")]
        );
        assert_eq!(runs("").collect::<Vec<_>>(), Vec::<Run<'_>>::new());
    }

    #[test]
    fn a_backtick_without_its_partner_stays_text_and_an_empty_pair_gives_nothing() {
        assert_eq!(
            runs("`a` then a lone ` here").collect::<Vec<_>>(),
            vec![Run::Code("a"), Run::Text(" then a lone ` here")]
        );
        assert_eq!(
            runs("x``y").collect::<Vec<_>>(),
            vec![Run::Text("x"), Run::Text("y")]
        );
    }

    #[test]
    fn markup_in_a_finding_is_a_run_of_text_like_any_other() {
        assert_eq!(
            runs("`<img src=x onerror=alert(1)>` is <b>not</b> a key").collect::<Vec<_>>(),
            vec![
                Run::Code("<img src=x onerror=alert(1)>"),
                Run::Text(" is <b>not</b> a key"),
            ]
        );
    }

    #[test]
    fn words_alternate_text_and_code_with_the_fix_after_its_label() {
        assert_eq!(
            words("The method is `a`.", "Set `public: false`."),
            ["The method is ", "a", ". Fix: Set ", "public: false", "."]
        );
        assert_eq!(words("`a``b` `c`", ""), ["", "a", "", "b", " ", "c"]);
        assert_eq!(words("`x`", "`y`"), ["", "x", " Fix: ", "y"]);
        assert_eq!(words("No code.", ""), ["No code."]);
        assert_eq!(words("", ""), [""]);
    }

    #[test]
    fn a_place_s_line_is_read_back_from_its_label() {
        assert_eq!(place(12, None), "Line 12");
        assert_eq!(place(3, Some(7)), "Line 3, column 7");
        assert_eq!(line_of(&place(12, None)), Some(12));
        assert_eq!(line_of(&place(3, Some(7))), Some(3));
        assert_eq!(line_of(&place(u32::MAX, None)), Some(u32::MAX));
    }

    #[test]
    fn a_label_that_is_not_a_place_has_no_line() {
        for label in [
            "Generate",
            "Line ",
            "Line x",
            "line 4",
            "Line 99999999999",
            "",
        ] {
            assert_eq!(line_of(label), None, "{label:?}");
        }
    }

    #[test]
    fn a_line_s_span_covers_its_text_without_the_line_break() {
        let text = "first\nsecond line\n\nlast";
        assert_eq!(line_span(text, 1), Some((0, 5)));
        assert_eq!(line_span(text, 2), Some((6, 17)));
        assert_eq!(line_span(text, 3), Some((18, 18)));
        assert_eq!(line_span(text, 4), Some((19, 23)));
        assert_eq!(line_span(text, 5), None);
        assert_eq!(line_span(text, 0), None);
        assert_eq!(line_span("a\r\nb", 1), Some((0, 1)));
        assert_eq!(line_span("a\r\nb", 2), Some((3, 4)));
    }

    #[test]
    fn a_span_counts_utf16_units_as_a_textarea_does() {
        // "é" is one unit, "😀" two (a surrogate pair), though two and four UTF-8 bytes.
        let text = "é😀\nnext";
        assert_eq!(line_span(text, 1), Some((0, 3)));
        assert_eq!(line_span(text, 2), Some((4, 8)));
    }

    proptest! {
        #[test]
        fn every_place_gives_back_its_line(line in any::<u32>(), column in any::<Option<u32>>()) {
            prop_assert_eq!(line_of(&place(line, column)), Some(line));
        }

        #[test]
        fn the_runs_give_back_the_text_without_its_paired_backticks(text in ".{0,80}") {
            let joined: String = runs(&text)
                .map(|run| match run {
                    Run::Text(t) | Run::Code(t) => t,
                })
                .collect();
            let backticks = text.matches('`').count();
            let removed = backticks - backticks % 2;
            prop_assert_eq!(joined.len(), text.len() - removed);
            for run in runs(&text) {
                if let Run::Code(code) = run {
                    prop_assert!(!code.is_empty() && !code.contains('`'));
                }
            }
        }

        #[test]
        fn the_words_give_back_the_runs_with_code_at_odd_places(
            problem in ".{0,40}",
            fix in ".{0,40}",
        ) {
            let words = words(&problem, &fix);
            let code: Vec<String> = words.iter().skip(1).step_by(2).cloned().collect();
            let expected: Vec<String> = runs(&problem)
                .chain(runs(&fix))
                .filter_map(|run| match run {
                    Run::Code(code) => Some(code.to_owned()),
                    Run::Text(_) => None,
                })
                .collect();
            prop_assert_eq!(code, expected);
            let text: String = runs(&problem)
                .chain((!fix.is_empty()).then_some(Run::Text(FIX)))
                .chain(runs(&fix))
                .map(|run| match run {
                    Run::Text(t) | Run::Code(t) => t,
                })
                .collect();
            prop_assert_eq!(words.concat(), text);
        }

        #[test]
        fn every_line_s_span_selects_exactly_that_line(
            lines in proptest::collection::vec("[^\n\r]{0,12}", 1..8)
        ) {
            let text = lines.join("\n");
            let units: Vec<u16> = text.encode_utf16().collect();
            for (number, line) in (1..).zip(&lines) {
                let (start, end) = line_span(&text, number).unwrap_or((u32::MAX, 0));
                let start = usize::try_from(start).unwrap_or(usize::MAX);
                let end = usize::try_from(end).unwrap_or(0);
                let selected = units.get(start..end).map(String::from_utf16_lossy);
                prop_assert_eq!(selected, Some(line.clone()));
            }
            let past = u32::try_from(lines.len() + 1).unwrap_or(u32::MAX);
            prop_assert_eq!(line_span(&text, past), None);
        }
    }
}
