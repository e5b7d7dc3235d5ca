//! Template syntax left in the configuration: `{{ secret "/run/secrets/oidc" }}` and the
//! like are Go templates, which Authelia expands only when its template file filter is
//! on (the environment variable `X_AUTHELIA_CONFIG_FILTERS=template`). Without it the
//! braces are read as the value itself: a client secret that is the text of a template,
//! a key that is no PEM block. Whether the filter is on cannot be seen in the file, so the
//! finding says what to check; one finding stands for every such value, so a reader who
//! uses templates on purpose reads it once.
//!
//! The whole paste is walked once, with an explicit stack (no recursion, whatever its
//! depth).

use serde_yaml::Value;

use super::authelia::{FILTERS_VARIABLE, TEMPLATE_FILTER};
use super::finding::Findings;
use super::locate::Step;
use super::read::{excerpt, has_template, scalar_text};
use super::rule::Rule;

/// One finding at the first value holding template syntax, counting the others.
pub(crate) fn check(value: &Value, findings: &mut Findings) {
    let mut first: Option<(Vec<Step>, String)> = None;
    let mut others = 0usize;
    // (value, its depth, the step that reached it); `path` holds the steps to the value
    // being looked at.
    let mut stack: Vec<(&Value, usize, Option<Step>)> = vec![(value, 0, None)];
    let mut path: Vec<Step> = Vec::new();
    while let Some((value, depth, step)) = stack.pop() {
        path.truncate(depth.saturating_sub(1));
        if let Some(step) = step.clone() {
            path.push(step);
        }
        match value {
            Value::String(text) if has_template(text) => {
                if first.is_none() {
                    first = Some((path.clone(), text.clone()));
                } else {
                    others = others.saturating_add(1);
                }
            }
            Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push((item, depth + 1, Some(Step::Index(i))));
                }
            }
            Value::Mapping(map) => {
                let entries: Vec<_> = map.iter().collect();
                for (key, item) in entries.into_iter().rev() {
                    let name = scalar_text(key).unwrap_or_default();
                    stack.push((item, depth + 1, Some(Step::Key(name))));
                }
            }
            // The tag's value stands where the tagged value does.
            Value::Tagged(tagged) => stack.push((&tagged.value, depth, step)),
            _ => {}
        }
    }
    let Some((at, text)) = first else { return };
    let name = match at.last() {
        Some(Step::Key(key)) => format!("`{}`", excerpt(key)),
        _ => "A value".to_owned(),
    };
    findings.at(
        Rule::TemplateNotExpanded,
        &at,
        format!(
            "{name} holds template syntax ('{}'){}. Authelia expands `{{{{ … }}}}` only when \
             it runs with `{FILTERS_VARIABLE}={TEMPLATE_FILTER}`; without it, it reads the \
             braces as the value itself.",
            excerpt(&text),
            match others {
                0 => String::new(),
                1 => ", and so does 1 other value".to_owned(),
                n => format!(", and so do {n} other values"),
            }
        ),
        format!(
            "Set `{FILTERS_VARIABLE}={TEMPLATE_FILTER}` in Authelia's environment (e.g. the \
             container's `environment:`), or write the values themselves. If it is set \
             already, this is fine, and what the checker says about these values may not \
             hold: `authelia config template` shows the file as Authelia reads it."
        ),
    );
}
