//! The reader's values from `--value NAME=VALUE`, as the page takes them from its fields:
//! each names one of the guide's variables and is held to that variable's rule by the
//! guide engine's [`typed_value`] (trimmed; blank or the default means the default), so a
//! value the page would refuse is refused here too, with the page's reason.

use std::collections::BTreeSet;

use guide_engine::variables::CLIENT_SECRET;
use guide_engine::{Document, Values, typed_value};

/// The guide's values with the reader's set.
///
/// # Errors
/// A message for standard error naming the value: a name that is none of the guide's
/// variables (listing them), a name given twice, the client secret (not taken here), or a
/// value its variable refuses, with the reason.
pub fn for_guide(document: &Document, given: &[(String, String)]) -> Result<Values, String> {
    let mut values = Values::for_document(document);
    let mut seen = BTreeSet::new();
    for (name, typed) in given {
        let shown = name.escape_debug();
        if !seen.insert(name.as_str()) {
            return Err(format!("--value {shown} is given twice."));
        }
        if name == CLIENT_SECRET {
            // The page keeps the secret in its memory only; a command line is seen in the
            // process list and kept in shell history. The check does not need it: the
            // configuration holds only its digest.
            return Err(format!(
                "--value {CLIENT_SECRET}: the client secret is not taken on the command \
                 line, and the check does not need it."
            ));
        }
        let Some(variable) = document.variable(name) else {
            let names: Vec<&str> = document
                .variables()
                .iter()
                .map(|v| v.name.as_str())
                .filter(|n| *n != CLIENT_SECRET)
                .collect();
            return Err(format!(
                "--value {shown}: the guide has no such variable; its variables are {}.",
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            ));
        };
        match typed_value(variable, typed) {
            Ok(Some(value)) => values.set(name, &value),
            Ok(None) => {}
            Err(reason) => {
                return Err(format!(
                    "--value {shown}='{}': refused ({}): {reason}.",
                    typed.escape_debug(),
                    variable.label
                ));
            }
        }
    }
    Ok(values)
}
