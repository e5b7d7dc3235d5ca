//! How `explain` writes its answer: for people, the explanation in labelled lines, each
//! key to change as `file:line: …`; for programs, one JSON object ([`JsonExplanation`])
//! holding the troubleshooter's [`Explanation`] as it serializes for the page.

use std::io::{self, Write};

use serde::Serialize;

use super::output::printable;
use crate::troubleshoot::{Explanation, Outcome};

/// The JSON `explain --format json` writes. A field may be added; none is renamed or
/// removed.
///
/// ```json
/// {
///   "input": "error.log",
///   "configuration": "configuration.yml",
///   "guide": "guides/matomo.md",
///   "explanation": {
///     "outcome": "recognised", "id": "auth-method-mismatch", "title": "…",
///     "shape": "authelia-log", "endpoint": "token", "error": "invalid_client",
///     "description": "…", "wording": "…", "happened": "…", "cause": "…", "fix": "…",
///     "evidence": "config", "look_for": null,
///     "changes": [{ "key": "token_endpoint_auth_method", "line": 52,
///                   "from": "client_secret_basic", "to": "client_secret_post",
///                   "sentence": "…" }],
///     "redirect": null, "notes": []
///   }
/// }
/// ```
#[derive(Debug, Serialize)]
pub struct JsonExplanation<'a> {
    /// The error's file as named on the command line (`-` for standard input).
    pub input: &'a str,
    /// The configuration's file, or `null` when none was given.
    pub configuration: Option<&'a str>,
    /// The guide's file, or `null` when none was given.
    pub guide: Option<&'a str>,
    /// The troubleshooter's answer, its fields as `troubleshoot::Explanation` documents
    /// them (`outcome` is `recognised` or `not-recognised`).
    pub explanation: &'a Explanation,
}

/// Writes the explanation for people: a title line with the catalogue's id, then one
/// labelled line for each thing known, each key to change as `configuration:line: …`.
///
/// # Errors
/// The error of writing to `out`.
pub fn human(
    out: &mut dyn Write,
    configuration: Option<&str>,
    explanation: &Explanation,
) -> io::Result<()> {
    let id = match (&explanation.outcome, &explanation.id) {
        (Outcome::Recognised, Some(id)) => id.as_str(),
        _ => "not recognised",
    };
    let mut line = |text: String| writeln!(out, "{}", printable(&text));
    line(format!("[{id}] {}", explanation.title))?;
    let mut place = Vec::new();
    if let Some(endpoint) = explanation.endpoint {
        place.push(format!("endpoint {}", words(&endpoint)));
    }
    if let Some(error) = &explanation.error {
        place.push(format!("error `{error}`"));
    }
    if !place.is_empty() {
        line(format!("  Where: {}", place.join(", ")))?;
    }
    if let Some(description) = &explanation.description {
        line(format!("  Said: {description}"))?;
    }
    if let Some(wording) = &explanation.wording {
        line(format!("  Wording: {wording}"))?;
    }
    line(format!("  What happened: {}", explanation.happened))?;
    line(format!("  Cause: {}", explanation.cause))?;
    line(format!("  Fix: {}", explanation.fix))?;
    let file = configuration.unwrap_or("configuration");
    for change in &explanation.changes {
        let at = change
            .line
            .map_or_else(|| file.to_owned(), |l| format!("{file}:{l}"));
        let from = change
            .from
            .as_ref()
            .map_or_else(|| "(not set)".to_owned(), |f| format!("'{f}'"));
        let to = if change.to.is_empty() {
            "(removed)".to_owned()
        } else {
            format!("'{}'", change.to)
        };
        line(format!(
            "  Change: {at}: `{}` {from} → {to}. {}",
            change.key, change.sentence
        ))?;
    }
    if let Some(redirect) = &explanation.redirect {
        // Without the address in the message, the comparison is with the application's
        // own address, and only its origin (scheme, host, port) can be compared.
        if redirect.from_message {
            line(format!("  Redirect URI sent: {}", redirect.sent))?;
        } else {
            line(format!(
                "  Application's address (the message names no redirect URI): {}",
                redirect.sent
            ))?;
        }
        for entry in &redirect.entries {
            let at = entry
                .line
                .map_or_else(|| file.to_owned(), |l| format!("{file}:{l}"));
            let verdict = match &entry.difference {
                None if redirect.from_message => "the same".to_owned(),
                None => "the same scheme, host and port as the application".to_owned(),
                Some(d) => format!(
                    "differs in its {}: registered '{}', sent '{}'",
                    words(&d.part),
                    d.registered,
                    d.sent
                ),
            };
            line(format!("  Registered: {at}: {}: {verdict}", entry.uri))?;
        }
    }
    if let Some(look_for) = &explanation.look_for {
        line(format!("  Look for: {look_for}"))?;
    }
    for note in &explanation.notes {
        line(format!("  Note: {note}"))?;
    }
    Ok(())
}

/// Writes the explanation as one [`JsonExplanation`] and a newline.
///
/// # Errors
/// The error of writing to `out`.
pub fn json(out: &mut dyn Write, report: &JsonExplanation<'_>) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

/// A value's name in words, from the kebab-case name the troubleshooter serializes it
/// with (`trailing-slash`: `trailing slash`), so the text and the JSON name it alike.
fn words(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name.replace('-', " "),
        _ => String::new(),
    }
}
