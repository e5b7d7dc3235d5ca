//! A finding, and the bounded list the rules add findings to. A rule names where its
//! finding is by a path in the pasted YAML (`clients[2].redirect_uris`); the list turns
//! paths into lines only for the findings it keeps, so a paste with thousands of faults
//! costs a bounded number of line look-ups.

use serde::{Deserialize, Serialize};

use super::locate::{Locator, Step};
use super::rule::Rule;

/// Most findings a report lists. A reader acts on the first few; past this many the paste
/// is likely not an Authelia configuration at all, and the rest is summed up in one line.
pub const MAX_FINDINGS: usize = 50;

/// One thing wrong with the pasted configuration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The kind of fault: its rule, serialized as the rule's id.
    pub rule: Rule,
    /// 1-based line in the pasted text, when known.
    pub line: Option<u32>,
    /// 1-based column, when known (YAML errors).
    pub column: Option<u32>,
    /// What is wrong, in words a reader can act on.
    pub problem: String,
    /// How to fix it.
    pub fix: String,
}

/// Where a finding is, before it has a line.
#[derive(Clone, Debug)]
pub(crate) enum At {
    /// The paste as a whole.
    Nowhere,
    /// A line and column the YAML reader gave.
    Position {
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
    },
    /// A node of the pasted YAML.
    Path(Vec<Step>),
}

/// A kept finding, before it has a line.
struct Kept {
    rule: Rule,
    at: At,
    problem: String,
    fix: String,
}

/// The findings of one check: at most [`MAX_FINDINGS`] kept, the rest counted.
#[derive(Default)]
pub(crate) struct Findings {
    kept: Vec<Kept>,
    left_out: usize,
}

impl Findings {
    /// Adds a finding under `rule`.
    pub(crate) fn add(
        &mut self,
        rule: Rule,
        at: At,
        problem: impl Into<String>,
        fix: impl Into<String>,
    ) {
        if self.kept.len() < MAX_FINDINGS {
            self.kept.push(Kept {
                rule,
                at,
                problem: problem.into(),
                fix: fix.into(),
            });
        } else {
            self.left_out = self.left_out.saturating_add(1);
        }
    }

    /// Whether the list is full: a rule whose finding costs work to write (a suggestion
    /// to compute) checks this first and calls [`Findings::count`] instead.
    pub(crate) fn full(&self) -> bool {
        self.kept.len() >= MAX_FINDINGS
    }

    /// Counts a finding that is not listed.
    pub(crate) fn count(&mut self) {
        self.left_out = self.left_out.saturating_add(1);
    }

    /// Adds a finding under `rule` at `path`.
    pub(crate) fn at(
        &mut self,
        rule: Rule,
        path: &[Step],
        problem: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.add(rule, At::Path(path.to_vec()), problem, fix);
    }

    /// The findings with their lines, in the order of the paste (findings about the paste
    /// as a whole first), and one more that counts those left out.
    pub(crate) fn finish(self, locator: &Locator<'_>) -> Vec<Finding> {
        let mut findings: Vec<Finding> = self
            .kept
            .into_iter()
            .map(
                |Kept {
                     rule,
                     at,
                     problem,
                     fix,
                 }| {
                    let (line, column) = match at {
                        At::Nowhere => (None, None),
                        At::Position { line, column } => (Some(line), Some(column)),
                        At::Path(path) => (locator.line(&path), None),
                    };
                    Finding {
                        rule,
                        line,
                        column,
                        problem,
                        fix,
                    }
                },
            )
            .collect();
        // Stable: findings on one line keep the order the rules gave them.
        findings.sort_by_key(|f| f.line);
        if self.left_out > 0 {
            findings.push(Finding {
                rule: Rule::TooManyFindings,
                line: None,
                column: None,
                problem: format!(
                    "…and {} more findings, not listed: a report lists at most {MAX_FINDINGS}.",
                    self.left_out
                ),
                fix: "Fix the ones above and check again.".into(),
            });
        }
        findings
    }
}
