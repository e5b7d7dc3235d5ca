//! Checks a value the reader typed before it flows into the page, with a readable reason.

use std::fmt;

use super::{CLIENT_ID, CLIENT_SECRET};

/// Longest host name RFC 1123 (via RFC 1035) allows, in characters.
const MAX_HOST_LEN: usize = 253;
/// Longest label of a host name (RFC 1035 §2.3.4).
const MAX_LABEL_LEN: usize = 63;
/// Longest client id Authelia accepts (its client configuration reference).
const MAX_CLIENT_ID_LEN: usize = 100;
/// Generous cap for other free-text variables, so a pasted novel does not become a URL.
const MAX_TEXT_LEN: usize = 1024;

/// Why a value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    /// Nothing was typed (the UI treats an empty field as "use the default").
    Empty,
    /// Longer than the variable allows.
    TooLong {
        /// Maximum number of characters.
        max: usize,
    },
    /// A host name had an empty label (`a..b`, a leading or trailing dot).
    EmptyLabel,
    /// A host name label was longer than 63 characters.
    LabelTooLong {
        /// The offending label.
        label: String,
    },
    /// A host name label started or ended with a hyphen.
    HyphenAtEdge {
        /// The offending label.
        label: String,
    },
    /// A character outside the allowed set.
    BadCharacter {
        /// The first character of the value that is not allowed.
        ch: char,
        /// What is allowed, in words.
        allowed: &'static str,
    },
    /// A subdomain holding a dot.
    NotOneLabel,
    /// A port that is not a number between 1 and 65535.
    BadPort,
    /// A boolean that is neither `true` nor `false`.
    NotBoolean,
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueError::Empty => write!(f, "enter a value (an empty field means the default)"),
            ValueError::TooLong { max } => write!(f, "use at most {max} characters"),
            ValueError::EmptyLabel => {
                write!(
                    f,
                    "a host name cannot have empty parts (two dots together, or a dot at either end)"
                )
            }
            ValueError::LabelTooLong { label } => {
                write!(
                    f,
                    "each part between dots is at most {MAX_LABEL_LEN} characters; \"{label}\" is longer"
                )
            }
            ValueError::HyphenAtEdge { label } => {
                write!(
                    f,
                    "a part between dots cannot start or end with a hyphen: \"{label}\""
                )
            }
            ValueError::BadCharacter { ch, allowed } => {
                write!(
                    f,
                    "\"{}\" is not allowed here; use {allowed}",
                    ch.escape_default()
                )
            }
            ValueError::NotOneLabel => write!(f, "a subdomain is a single name without dots"),
            ValueError::BadPort => write!(f, "a port is a whole number from 1 to 65535"),
            ValueError::NotBoolean => write!(f, "choose true or false"),
        }
    }
}

impl std::error::Error for ValueError {}

/// Validates `value` for the variable `name`.
///
/// Rules: `domain`/`host` are RFC 1123 host names; `subdomain-authelia` is one such
/// label; `port` is 1–65535; `tls` is `true`/`false`; `client-id` is 1–100 RFC 3986
/// unreserved characters; `client-secret` is unreserved characters; any other name
/// takes printable text.
///
/// # Errors
/// The first rule `value` breaks, as a [`ValueError`] whose message says what to type
/// instead; an empty value is [`ValueError::Empty`].
pub fn validate(name: &str, value: &str) -> Result<(), ValueError> {
    if value.is_empty() {
        return Err(ValueError::Empty);
    }
    match name {
        "domain" | "host" => host_name(value),
        "subdomain-authelia" => {
            if value.contains('.') {
                return Err(ValueError::NotOneLabel);
            }
            label(value)
        }
        "port" => match value.parse::<u32>() {
            Ok(1..=65535) if value.bytes().all(|b| b.is_ascii_digit()) => Ok(()),
            _ => Err(ValueError::BadPort),
        },
        "tls" => match value {
            "true" | "false" => Ok(()),
            _ => Err(ValueError::NotBoolean),
        },
        CLIENT_ID => unreserved(value, MAX_CLIENT_ID_LEN),
        CLIENT_SECRET => unreserved(value, MAX_TEXT_LEN),
        _ => {
            if value.chars().count() > MAX_TEXT_LEN {
                return Err(ValueError::TooLong { max: MAX_TEXT_LEN });
            }
            match value.chars().find(|c| c.is_control()) {
                Some(ch) => Err(ValueError::BadCharacter {
                    ch,
                    allowed: "printable characters",
                }),
                None => Ok(()),
            }
        }
    }
}

/// RFC 1123 host name: dot-separated labels, at most 253 characters in all.
fn host_name(value: &str) -> Result<(), ValueError> {
    if value.len() > MAX_HOST_LEN {
        return Err(ValueError::TooLong { max: MAX_HOST_LEN });
    }
    value.split('.').try_for_each(label)
}

/// One RFC 1123 label: 1–63 letters, digits or hyphens, no hyphen at either end.
fn label(value: &str) -> Result<(), ValueError> {
    if value.is_empty() {
        return Err(ValueError::EmptyLabel);
    }
    if let Some(ch) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        return Err(ValueError::BadCharacter {
            ch,
            allowed: "letters, digits, hyphens and dots",
        });
    }
    if value.len() > MAX_LABEL_LEN {
        return Err(ValueError::LabelTooLong {
            label: value.to_owned(),
        });
    }
    if value.starts_with('-') || value.ends_with('-') {
        return Err(ValueError::HyphenAtEdge {
            label: value.to_owned(),
        });
    }
    Ok(())
}

/// RFC 3986 unreserved characters only (`A-Z a-z 0-9 - . _ ~`), 1..=max of them.
fn unreserved(value: &str, max: usize) -> Result<(), ValueError> {
    if let Some(ch) = value.chars().find(|c| !is_unreserved(*c)) {
        return Err(ValueError::BadCharacter {
            ch,
            allowed: "letters, digits and - . _ ~",
        });
    }
    if value.len() > max {
        return Err(ValueError::TooLong { max });
    }
    Ok(())
}

/// RFC 3986 §2.3 unreserved set.
pub(crate) fn is_unreserved(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_follow_rfc_1123_labels() {
        assert_eq!(validate("domain", "example.co.uk"), Ok(()));
        assert_eq!(validate("domain", "a..b"), Err(ValueError::EmptyLabel));
        assert!(matches!(
            validate("domain", "-a.com"),
            Err(ValueError::HyphenAtEdge { .. })
        ));
        assert!(matches!(
            validate("domain", &"a".repeat(64)),
            Err(ValueError::LabelTooLong { .. })
        ));
        let long = [
            "a".repeat(63),
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(63),
        ]
        .join(".");
        assert_eq!(
            validate("host", &long),
            Err(ValueError::TooLong { max: 253 })
        );
        assert!(matches!(
            validate("host", "a_b"),
            Err(ValueError::BadCharacter { ch: '_', .. })
        ));
    }

    #[test]
    fn subdomain_is_a_single_label() {
        assert_eq!(validate("subdomain-authelia", "auth"), Ok(()));
        assert_eq!(
            validate("subdomain-authelia", "a.b"),
            Err(ValueError::NotOneLabel)
        );
    }

    #[test]
    fn port_is_between_1_and_65535() {
        assert_eq!(validate("port", "9091"), Ok(()));
        assert_eq!(validate("port", "0"), Err(ValueError::BadPort));
        assert_eq!(validate("port", "65536"), Err(ValueError::BadPort));
        assert_eq!(validate("port", "+80"), Err(ValueError::BadPort));
    }

    #[test]
    fn client_id_is_unreserved_and_at_most_100() {
        assert_eq!(validate("client-id", "matomo-1.a_b~"), Ok(()));
        assert!(matches!(
            validate("client-id", "a b"),
            Err(ValueError::BadCharacter { ch: ' ', .. })
        ));
        assert_eq!(
            validate("client-id", &"a".repeat(101)),
            Err(ValueError::TooLong { max: 100 })
        );
        assert_eq!(validate("client-id", ""), Err(ValueError::Empty));
    }

    #[test]
    fn tls_is_true_or_false() {
        assert_eq!(validate("tls", "true"), Ok(()));
        assert_eq!(validate("tls", "yes"), Err(ValueError::NotBoolean));
    }

    #[test]
    fn reasons_are_readable() {
        let reason = validate("domain", "exa mple.com")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            reason.as_deref(),
            Some("\" \" is not allowed here; use letters, digits, hyphens and dots")
        );
    }
}
