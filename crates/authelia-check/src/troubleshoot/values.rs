//! Reading the values a message names (the client id, the method sent, the redirect URI,
//! the scope…) from the line it was found on. Authelia quotes every value it names with
//! `'` (it turns `"` into `'` before logging), so a value is the quoted text after a
//! known lead-in; some applications quote with `"`, which the folded line reads alike.

use super::recognise::Record;
use super::text::folded;

/// The quoted value after the lead-ins `steps`, found one after the other in the line:
/// `quoted(r, &["determined to be using", " method"])` reads `client_secret_post` from
/// "…determined to be using 'token_endpoint_auth_method' method 'client_secret_post'…".
/// The value ends at the next quote; `None` when a step or the quotes are missing.
pub(crate) fn quoted(record: &Record<'_>, steps: &[&str]) -> Option<String> {
    let mut at = 0;
    for step in steps {
        let step = folded(step);
        at += record.folded.get(at..)?.find(&step)? + step.len();
    }
    let rest = record.folded.get(at..)?;
    let open = at + rest.len() - rest.trim_start().len();
    if record.folded.get(open..open + 1)? != "'" {
        return None;
    }
    let close = open + 1 + record.folded.get(open + 1..)?.find('\'')?;
    record.text.get(open + 1..close).map(str::to_owned)
}

/// The first of several ways a message may name a value.
pub(crate) fn first_quoted(record: &Record<'_>, ways: &[&[&str]]) -> Option<String> {
    ways.iter().find_map(|steps| quoted(record, steps))
}

/// The word after the lead-in `step`, past spaces and quotes: `RS256` in "expected
/// RS256, got: HS256" (some applications name values without quotes). Letters, digits,
/// `_`, `-` and `.` only.
pub(crate) fn word_after(record: &Record<'_>, step: &str) -> Option<String> {
    let step = folded(step);
    let at = record.folded.find(&step)? + step.len();
    let rest = record.text.get(at..)?;
    let word = rest.trim_start_matches([' ', '\'', '"']);
    let len = word
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .unwrap_or(word.len());
    let word = word.get(..len)?.trim_end_matches('.');
    (!word.is_empty()).then(|| word.to_owned())
}

/// The client id a message names.
pub(crate) fn client_id(record: &Record<'_>) -> Option<String> {
    quoted(record, &["client with id"]).filter(|id| !id.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::troubleshoot::text::folded;

    fn record(text: &str) -> (String, String) {
        (text.to_owned(), folded(text))
    }

    #[test]
    fn values_are_read_after_their_lead_ins() {
        let (text, fold) = record(
            "The request was determined to be using 'token_endpoint_auth_method' method \
             'client_secret_post', however the registered client with id 'Matomo' is \
             configured to only support 'token_endpoint_auth_method' method \"client_secret_basic\".",
        );
        let r = Record {
            text: &text,
            folded: &fold,
        };
        assert_eq!(
            quoted(&r, &["determined to be using", " method"]).as_deref(),
            Some("client_secret_post")
        );
        assert_eq!(
            quoted(&r, &["only support", " method"]).as_deref(),
            Some("client_secret_basic")
        );
        assert_eq!(client_id(&r).as_deref(), Some("Matomo"));
        assert_eq!(quoted(&r, &["no such words"]), None);
        assert_eq!(quoted(&r, &["client_secret_basic"]), None);
        let (text, fold) = record("unexpected JWT alg received, expected RS256, got: HS256.");
        let r = Record {
            text: &text,
            folded: &fold,
        };
        assert_eq!(word_after(&r, ", expected").as_deref(), Some("RS256"));
        assert_eq!(word_after(&r, "got:").as_deref(), Some("HS256"));
    }
}
