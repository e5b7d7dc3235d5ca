//! Where a YAML reader's error points a person, and what it says without its positions.
//!
//! The YAML reader (libyaml, through serde_yaml) reports where it gave up. Inside the
//! text that is the mistake (a key indented wrong). For an unclosed `[` or `{` it is the
//! end of the text, or the next line: after the mistake. The message then also names
//! where the unfinished structure began ("while parsing a flow sequence at line 2 column
//! 9"), and that is the line to fix. The guide's front matter and a pasted configuration
//! are both read this way (the configuration by the `authelia-check` crate), so both name
//! the same line.

/// A YAML error placed where a person should look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// Line in the YAML text, from 1.
    pub line: usize,
    /// Column in that line, from 1.
    pub column: usize,
    /// The reader's message, without its own positions (they count from the YAML's first
    /// line, which is not the file's first line for front matter).
    pub message: String,
}

/// Places `error`, raised while reading `yaml`; `None` when the reader gave no position.
pub fn locate(yaml: &str, error: &serde_yaml::Error) -> Option<Mistake> {
    let text = error.to_string();
    let message = without_positions(&text);
    let problem = error.location()?;
    let ran_off_the_end = last_written_line(yaml).filter(|last| problem.line() > *last);
    // libyaml's words when a `[` or `{` is still open where the next line begins.
    let left_open = text.starts_with("did not find expected ',' or ']'")
        || text.starts_with("did not find expected ',' or '}'");
    let (line, column) = match (ran_off_the_end, began_at(&text)) {
        // The reader gave up where nobody wrote anything, or still wanted a `]` or `}`:
        // the structure it was inside is what was left open.
        (Some(_), Some(began)) => began,
        (None, Some(began)) if left_open => began,
        // Nothing open to name: the last line written is where the text stopped short.
        (Some(last), None) => (last, 1),
        // Inside the text, the reader's own place is the mistake (a key indented wrong).
        (None, _) => (problem.line(), problem.column()),
    };
    Some(Mistake {
        line,
        column,
        message,
    })
}

/// The position of ", while parsing … at line L column C" in a libyaml message.
fn began_at(message: &str) -> Option<(usize, usize)> {
    let (_, context) = message.split_once(", while parsing ")?;
    let (_, at) = context.rsplit_once(" at line ")?;
    let (line, column) = at.split_once(" column ")?;
    let column: String = column.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// `message` with every " at line L column C" taken out.
fn without_positions(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find(" at line ") {
        out.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start + " at line ".len()..).unwrap_or_default();
        // Digits, " column ", digits: a position. Anything else stays as written.
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        let tail = after.get(digits..).unwrap_or_default();
        match tail.strip_prefix(" column ") {
            Some(column) if digits > 0 => {
                let column_digits = column.chars().take_while(char::is_ascii_digit).count();
                rest = column.get(column_digits..).unwrap_or_default();
            }
            _ => {
                out.push_str(" at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The last line (from 1) of `yaml` that holds more than spaces.
fn last_written_line(yaml: &str) -> Option<usize> {
    yaml.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, _)| i + 1)
        .last()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mistake(yaml: &str) -> Mistake {
        let error = serde_yaml::from_str::<serde_yaml::Value>(yaml).expect_err("invalid YAML");
        locate(yaml, &error).expect("a position")
    }

    #[test]
    fn an_unclosed_sequence_is_placed_where_it_opens() {
        let found = mistake("title: ok\nweight: [1\n");
        assert_eq!((found.line, found.column), (2, 9));
        assert_eq!(
            found.message,
            "did not find expected ',' or ']', while parsing a flow sequence"
        );
    }

    #[test]
    fn an_unclosed_sequence_that_swallows_the_next_lines_is_placed_where_it_opens() {
        let found = mistake("title: ok\nweight: [unclosed\ndraft: false\n");
        assert_eq!(found.line, 2);
    }

    #[test]
    fn a_mistake_found_past_the_text_is_placed_on_its_last_written_line() {
        // "while parsing a flow node" has no position of its own.
        let found = mistake("title: [\n\n");
        assert_eq!((found.line, found.column), (1, 1));
        assert!(!found.message.contains(" at line "), "{}", found.message);
    }

    #[test]
    fn a_mistake_inside_the_text_keeps_the_readers_own_place() {
        let found = mistake("a: 1\n\tb: 2\nc: 3\n");
        assert_eq!(found.line, 2);
        // A key indented one space short, inside a list that began on line 2: the key's
        // own line, not the list's.
        let found = mistake("clients:\n  - id: a\n    x: 1\n   y: []\n");
        assert_eq!((found.line, found.column), (4, 4));
    }

    #[test]
    fn words_that_look_like_a_position_but_are_not_stay() {
        assert_eq!(
            without_positions("x at line one, at line 3 column 4, y"),
            "x at line one,, y"
        );
        assert_eq!(
            without_positions("at line 2 column 7"),
            "at line 2 column 7"
        );
    }
}
