//! How `check` writes its findings: for people and CI logs, one finding per line in the
//! `file:line:column:` form editors and CI annotations read; for programs, one JSON object
//! of a documented, stable shape ([`JsonReport`]).

use std::io::{self, Write};

use serde::Serialize;

use super::check::Checked;
use crate::configuration::Finding;

/// The JSON `check --format json` writes: its fields are a contract, like the rule ids.
/// A field may be added; none is renamed or removed.
///
/// ```json
/// {
///   "configuration": "configuration.yml",
///   "guide": "guides/matomo.md",
///   "client_id": "matomo",
///   "scope": "the whole configuration",
///   "findings": [
///     { "rule": "auth-method-differs", "line": 63, "column": null,
///       "problem": "…", "fix": "…" }
///   ]
/// }
/// ```
#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    /// The configuration file as named on the command line (`-` for standard input).
    pub configuration: &'a str,
    /// The guide file as named on the command line.
    pub guide: &'a str,
    /// The client id looked for: the guide's, with the reader's values.
    pub client_id: &'a str,
    /// What the configuration held, in words ("the whole configuration", "one client", …).
    pub scope: &'a str,
    /// The findings, in the order of the file; empty when all is well.
    pub findings: Vec<JsonFinding<'a>>,
}

/// One finding in [`JsonReport`].
#[derive(Debug, Serialize)]
pub struct JsonFinding<'a> {
    /// The rule's stable id, e.g. `auth-method-differs`.
    pub rule: &'static str,
    /// 1-based line in the configuration, or `null` for the file as a whole.
    pub line: Option<u32>,
    /// 1-based column, when known (YAML errors), else `null`.
    pub column: Option<u32>,
    /// What is wrong.
    pub problem: &'a str,
    /// How to fix it.
    pub fix: &'a str,
}

/// Writes the findings, one a line: `file:line[:column]: [rule-id] problem Fix: fix`
/// (`file: [rule-id] …` for a finding about the whole file).
///
/// # Errors
/// The error of writing to `out`.
pub fn human(out: &mut dyn Write, configuration: &str, checked: &Checked) -> io::Result<()> {
    for finding in &checked.report.findings {
        writeln!(out, "{}", human_line(configuration, finding))?;
    }
    Ok(())
}

/// One finding as [`human`] writes it.
pub fn human_line(configuration: &str, finding: &Finding) -> String {
    let place = match (finding.line, finding.column) {
        (Some(line), Some(column)) => format!("{configuration}:{line}:{column}"),
        (Some(line), None) => format!("{configuration}:{line}"),
        (None, _) => configuration.to_owned(),
    };
    printable(&format!(
        "{place}: [{}] {} Fix: {}",
        finding.rule, finding.problem, finding.fix
    ))
}

/// The line [`human`]'s summary: what was checked and how many findings.
pub fn summary(configuration: &str, guide: &str, checked: &Checked) -> String {
    let count = match checked.report.findings.len() {
        0 => "no finding".to_owned(),
        1 => "1 finding".to_owned(),
        n => format!("{n} findings"),
    };
    printable(&format!(
        "{configuration}: checked {} against {guide}, client '{}': {count}.",
        checked.report.scope, checked.client_id
    ))
}

/// Writes the findings as one [`JsonReport`] and a newline.
///
/// # Errors
/// The error of writing to `out`.
pub fn json(
    out: &mut dyn Write,
    configuration: &str,
    guide: &str,
    checked: &Checked,
) -> io::Result<()> {
    let report = JsonReport {
        configuration,
        guide,
        client_id: &checked.client_id,
        scope: &checked.report.scope,
        findings: checked
            .report
            .findings
            .iter()
            .map(|f| JsonFinding {
                rule: f.rule.id(),
                line: f.line,
                column: f.column,
                problem: &f.problem,
                fix: &f.fix,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

/// The text with its control characters escaped (`\n`, `\u{1b}`): a finding quotes the
/// configuration, which could hold a line break (breaking one finding a line) or a
/// terminal's escape sequence (rewriting what a CI log shows). Direction controls too
/// (`\u{202e}`), which would make the line read other than it is.
pub fn printable(text: &str) -> String {
    let mut printable = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            printable.extend(c.escape_debug());
        } else if crate::configuration::read::is_direction_control(c) {
            printable.extend(c.escape_unicode());
        } else {
            printable.push(c);
        }
    }
    printable
}
