//! What the reader's typing does to a value, decided without the DOM: the value the
//! guide shows for a field's text, and why a text is refused.
//!
//! The guide keeps showing the last valid value while a field holds an invalid text, so
//! a typo never breaks every URL on the page at once. A text equal to the default counts
//! as no value of the reader's, as on Authelia's site, which stores "the default" as
//! nothing. Pure, tested natively; `app::field` binds these rules to an input.

use guide_engine::variables::ValueError;
use guide_engine::{Variable, typed_value};

/// What the guide shows for a field's text, given what it showed before: the trimmed
/// text when valid (empty when it equals the default), the previous value when not.
/// The rule is the guide engine's [`typed_value`], which the `authelia-check` command's
/// `--value` follows too.
pub fn next_value(variable: &Variable, typed: &str, previous: &str) -> String {
    match typed_value(variable, typed) {
        Ok(value) => value.unwrap_or_default(),
        Err(_) => previous.to_owned(),
    }
}

/// Why a field's text is refused, if it is; an empty field is not refused (it means
/// the default).
pub fn refusal(variable: &Variable, typed: &str) -> Option<ValueError> {
    let trimmed = typed.trim();
    if trimmed.is_empty() {
        return None;
    }
    variable.validate(trimmed).err()
}

#[cfg(test)]
mod tests {
    use super::*;
    use guide_engine::variables::{CLIENT_SECRET, describe};

    #[test]
    fn a_valid_text_becomes_the_value_and_the_default_counts_as_unset() {
        let domain = describe("domain", None);
        assert_eq!(next_value(&domain, " example.org ", ""), "example.org");
        assert_eq!(next_value(&domain, "example.com", "example.org"), "");
        assert_eq!(next_value(&domain, "  example.com\t", "example.org"), "");
        assert_eq!(next_value(&domain, "", "example.org"), "");
    }

    #[test]
    fn an_invalid_text_keeps_the_last_valid_value_and_says_why() {
        let domain = describe("domain", None);
        assert_eq!(
            next_value(&domain, "exa mple.com", "example.org"),
            "example.org"
        );
        assert!(refusal(&domain, "exa mple.com").is_some());
        assert_eq!(refusal(&domain, "example.org"), None);
        assert_eq!(refusal(&domain, ""), None);
        assert_eq!(refusal(&domain, "   "), None, "blank means the default");
    }

    #[test]
    fn each_variable_is_held_to_its_own_rule() {
        let port = describe("port", None);
        assert_eq!(next_value(&port, "8443", ""), "8443");
        assert_eq!(next_value(&port, "70000", "8443"), "8443");
        let subdomain = describe("subdomain-authelia", None);
        assert!(refusal(&subdomain, "auth.example").is_some());
        let secret = describe(CLIENT_SECRET, None);
        assert_eq!(next_value(&secret, "abc-DEF_123.~", ""), "abc-DEF_123.~");
        assert!(refusal(&secret, "with space").is_some());
    }
}
