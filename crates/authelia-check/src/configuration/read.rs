//! Reading the pasted text as YAML, within the guide's bounds: the size cap is checked by
//! the caller, the nesting cap ([`MAX_YAML_NESTING`]) and the alias cap here, before the
//! YAML crate builds anything. A YAML error becomes a finding at the line and column the
//! YAML reader names.

use serde_yaml::Value;

use super::finding::At;
use super::rule::Rule;
use guide_engine::front_matter::expands_beyond;
use guide_engine::yaml_depth::{self, MAX_YAML_NESTING};
use guide_engine::yaml_error;

/// Most bytes a pasted configuration may stand for once its YAML aliases are expanded
/// (every scalar's text, plus one per node, as `front_matter` counts them). Twice the
/// paste's own cap: a configuration that reuses a block with an anchor still fits, and
/// what the worker allocates stays within a few megabytes whatever the aliases multiply.
pub const MAX_CONFIGURATION_EXPANDED_BYTES: usize = 2 * super::MAX_CONFIGURATION_BYTES;

/// Why the paste could not be read as YAML: where, what, and the fix.
pub(crate) struct Unreadable {
    /// The rule: too deep, too large once expanded, or not YAML.
    pub rule: Rule,
    /// Where the YAML reader stopped, when it says.
    pub at: At,
    /// What is wrong.
    pub problem: String,
    /// How to fix it.
    pub fix: String,
}

/// The pasted text as a YAML value, merge keys (`<<: *anchor`) applied as Authelia's
/// reader applies them.
///
/// # Errors
/// [`Unreadable`] for YAML that is malformed, that nests `[` and `{` deeper than
/// [`MAX_YAML_NESTING`], or that would expand past [`MAX_CONFIGURATION_EXPANDED_BYTES`].
pub(crate) fn read(text: &str) -> Result<Value, Unreadable> {
    // First, as it is linear: the reader itself, even only measuring, is quadratic in it.
    if let Err(deep) = yaml_depth::check(text) {
        return Err(Unreadable {
            rule: Rule::TooDeep,
            at: At::Position {
                line: u32::try_from(deep.line).unwrap_or(u32::MAX),
                column: u32::try_from(deep.column).unwrap_or(u32::MAX),
            },
            problem: format!(
                "Its lists and mappings in brackets ([ and {{) nest more than \
                 {MAX_YAML_NESTING} levels deep here, so it is not read."
            ),
            fix: "Close the brackets that are left open, or paste only the \
                  identity_providers part."
                .into(),
        });
    }
    if expands_beyond(text, MAX_CONFIGURATION_EXPANDED_BYTES) {
        return Err(Unreadable {
            rule: Rule::AliasesTooLarge,
            at: At::Nowhere,
            problem: format!(
                "With its YAML aliases (`*name`) expanded, this configuration would be larger \
                 than {MAX_CONFIGURATION_EXPANDED_BYTES} bytes, so it is not read."
            ),
            fix: "Paste the configuration without the aliases that repeat large parts, or \
                  only the identity_providers part."
                .into(),
        });
    }
    let mut value: Value = serde_yaml::from_str(text).map_err(|e| unreadable(text, &e))?;
    value.apply_merge().map_err(|e| unreadable(text, &e))?;
    Ok(value)
}

/// A YAML error as a finding's parts.
fn unreadable(text: &str, error: &serde_yaml::Error) -> Unreadable {
    // The finding carries the place apart from the message.
    let (at, message) = match yaml_error::locate(text, error) {
        Some(mistake) => (
            At::Position {
                line: u32::try_from(mistake.line).unwrap_or(u32::MAX),
                column: u32::try_from(mistake.column).unwrap_or(u32::MAX),
            },
            mistake.message,
        ),
        None => (At::Nowhere, error.to_string()),
    };
    Unreadable {
        rule: Rule::YamlError,
        at,
        problem: format!("This is not valid YAML: {message}."),
        fix: "Check the indentation (spaces only, no tabs) and the quotes around this place; \
              Authelia cannot read the file either until it is valid YAML."
            .into(),
    }
}

/// Most characters of a pasted value quoted back in a finding: enough to recognise it,
/// and a huge value does not make a huge report.
pub const MAX_QUOTED_CHARS: usize = 120;

/// A value, quoted for a finding: `'text'`, `5`, `true`, "a list", "a mapping".
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "nothing (null)".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("'{}'", excerpt(s)),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a mapping".into(),
        Value::Tagged(t) => format!("a value tagged `{}`", t.tag),
    }
}

/// `text`, cut to [`MAX_QUOTED_CHARS`] characters with `…` when longer, its
/// direction controls escaped ([`cut`]).
pub(crate) fn excerpt(text: &str) -> String {
    cut(text, MAX_QUOTED_CHARS)
}

/// `text` cut to `chars` characters, with `…` when longer, its direction controls
/// escaped ([`escape_direction_controls`]): how a finding or an explanation quotes what
/// was pasted.
pub(crate) fn cut(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((at, _)) => format!(
            "{}…",
            escape_direction_controls(text.get(..at).unwrap_or_default())
        ),
        None => escape_direction_controls(text),
    }
}

/// Unicode's direction controls (the marks, embeddings, overrides and isolates), which
/// nothing in a configuration or a log needs.
pub fn is_direction_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// `text` with each direction control written as its escape (`\u{202e}`): quoted from a
/// paste into a finding, one would reorder the rest of the sentence as it is shown, in
/// the page as in a terminal, so that it reads other than it is.
pub fn escape_direction_controls(text: &str) -> String {
    if !text.chars().any(is_direction_control) {
        return text.to_owned();
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_direction_control(c) {
            escaped.extend(c.escape_unicode());
        } else {
            escaped.push(c);
        }
    }
    escaped
}

/// A scalar's text: strings as they are, numbers and booleans as written. `None` for
/// null, lists, mappings and tagged values.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Whether a value holds Go template syntax (`{{ … }}`), which Authelia expands only with
/// its template file filter on (see `template.rs`).
pub(crate) fn has_template(text: &str) -> bool {
    text.find("{{")
        .and_then(|open| text.get(open..))
        .is_some_and(|rest| rest.contains("}}"))
}

#[cfg(test)]
mod tests {
    use super::has_template;

    #[test]
    fn only_double_braces_closed_after_they_open_are_template_syntax() {
        assert!(has_template("{{ secret \"/run/secrets/x\" }}"));
        assert!(has_template("prefix-{{- env \"X\" -}}"));
        for plain in ["{user}", "}} {{", "{{ never closed", "$$pbkdf2", ""] {
            assert!(!has_template(plain), "{plain}");
        }
    }
}
