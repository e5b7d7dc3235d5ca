//! Checks a value before it flows into the page, with a readable reason: what the
//! reader types, and the defaults a guide invents.
//!
//! Every value, of every variable: no control character, no invisible formatting
//! character (see [`invisible`]). Then, by variable:
//!
//! - Authelia's own (`domain`, `host`, `subdomain-authelia`, `port`, `tls`) and the
//!   client id and secret: their fixed rules, whatever a guide declares.
//! - A guide's own variable, by the kind its `sitevar` declares (`kind="url"`, `host`,
//!   `port`, `text`; [`Kind::from_arg`]); undeclared is `text`:
//!   - `text`: plain words. Letters and digits of any script, spaces and
//!     `- _ . , / : @ + =`; not starting with `-` `:` `@` `,` (an option to a shell, a
//!     YAML indicator), no `: ` and no `:` at the end (YAML would read a key). Nothing
//!     a shell or YAML reads specially: no quote, backtick, `$`, `;`, `&`, `|`, `<`,
//!     `>`, brackets, braces, `\`, `#`, `*`, `?`, `!`, `%`, `~`.
//!   - `url`: an absolute `http` or `https` address: a host name (or bracketed IPv6
//!     address) and optional port, then a path and query of letters, digits and
//!     `- . _ ~ / ? : @ & = + ,` and `%` with two hex digits. No credentials (`user@`),
//!     no fragment (`#`), nothing that ends shell quoting (quotes, backtick, `$`, `;`,
//!     whitespace, `<`, `>`, `\`); `!*()` are left out too (legal in an address, rare
//!     in an application's, and special to a shell outside quotes).
//!   - `host`: an RFC 1123 host name. `port`: 1–65535.
//! - The application's address (`application-url`, which the engine makes from a
//!   guide's "Application Root URL"): a `url` as above, with a path, a port or any
//!   host, and no query (`?`): the guide writes its own paths and queries after it
//!   (`…/index.php?module=…`), which a query of the reader's would swallow.

mod invisible;

use std::fmt;

use super::{APPLICATION_URL, CLIENT_ID, CLIENT_SECRET, Kind, known};

/// Longest host name RFC 1123 (via RFC 1035) allows, in characters.
pub const MAX_HOST_LEN: usize = 253;
/// Longest label of a host name (RFC 1035 §2.3.4).
pub const MAX_LABEL_LEN: usize = 63;
/// Longest client id Authelia accepts (its client configuration reference).
pub const MAX_CLIENT_ID_LEN: usize = 100;
/// Generous cap for other free-text variables and addresses, so a pasted novel does not
/// become a URL (browsers and servers handle addresses of a few kilobytes).
pub const MAX_TEXT_LEN: usize = 1024;

/// What plain words may hold besides letters and digits, in words.
const TEXT_ALLOWED: &str = "letters, digits, spaces and - _ . , / : @ + =";
/// What an address may hold, in words.
const URL_ALLOWED: &str = "letters, digits and - . _ ~ / ? : @ & = + , %";

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
    /// A control character (a tab, a line break, an escape, …).
    ControlCharacter {
        /// The first one found.
        ch: char,
    },
    /// An invisible formatting character (a bidirectional override, a zero-width
    /// space, …), which would make the value read as something it is not.
    FormatCharacter {
        /// The first one found.
        ch: char,
    },
    /// A first character a shell or YAML reads specially (`-`, `:`, `@`, `,`).
    BadStart {
        /// The character.
        ch: char,
    },
    /// `: ` or a final `:`, which YAML reads as a key and its value.
    YamlKey,
    /// An address that does not start with `http://` or `https://`.
    NotWebAddress,
    /// An address with nothing where its host goes.
    NoHost,
    /// An address holding a user name or password (`https://user:pass@host/`).
    Credentials,
    /// An address with a fragment (`#…`).
    Fragment,
    /// The application's address with a query (`?…`), which the paths the guide writes
    /// after it would land in.
    Query,
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
            ValueError::ControlCharacter { ch } => write!(
                f,
                "contains a control character (U+{:04X}); type the value on one line",
                u32::from(*ch)
            ),
            ValueError::FormatCharacter { ch } => write!(
                f,
                "contains an invisible formatting character (U+{:04X})",
                u32::from(*ch)
            ),
            ValueError::BadStart { ch } => write!(
                f,
                "cannot start with \"{ch}\": a shell or YAML would read it specially"
            ),
            ValueError::YamlKey => write!(
                f,
                "\": \" or a final \":\" would make YAML read a key; leave out the colon or the space after it"
            ),
            ValueError::NotWebAddress => {
                write!(f, "enter an address starting with http:// or https://")
            }
            ValueError::NoHost => write!(f, "enter a host name after http:// or https://"),
            ValueError::Credentials => write!(
                f,
                "an address here cannot hold a user name or password (nothing@ before the host)"
            ),
            ValueError::Fragment => write!(f, "leave out the # and what follows it"),
            ValueError::Query => write!(
                f,
                "the guide adds its own paths after this address; leave out the ? and what follows it"
            ),
        }
    }
}

impl std::error::Error for ValueError {}

/// Validates `value` for the variable `name`, as a guide that declares no kind for it
/// uses it (see [`validate_as`]).
///
/// # Errors
/// The first rule `value` breaks, as a [`ValueError`] whose message says what to type
/// instead; an empty value is [`ValueError::Empty`].
pub fn validate(name: &str, value: &str) -> Result<(), ValueError> {
    validate_as(name, known(name).map_or(Kind::Text, |k| k.kind), value)
}

/// Validates `value` for the variable `name` of kind `kind` (what the guide declared
/// for a name of its own; Authelia's names and the client id and secret keep their own
/// rules whatever the kind). See the module documentation for every rule.
///
/// # Errors
/// The first rule `value` breaks, as a [`ValueError`] whose message says what to type
/// instead; an empty value is [`ValueError::Empty`].
pub fn validate_as(name: &str, kind: Kind, value: &str) -> Result<(), ValueError> {
    if value.is_empty() {
        return Err(ValueError::Empty);
    }
    if let Some(ch) = value.chars().find(|c| c.is_control()) {
        return Err(ValueError::ControlCharacter { ch });
    }
    if let Some(ch) = value.chars().find(|&c| invisible::is_format(c)) {
        return Err(ValueError::FormatCharacter { ch });
    }
    match name {
        "domain" | "host" => host_name(value),
        "subdomain-authelia" => {
            if value.contains('.') {
                return Err(ValueError::NotOneLabel);
            }
            label(value)
        }
        "port" => port(value),
        "tls" => boolean(value),
        CLIENT_ID => unreserved(value, MAX_CLIENT_ID_LEN),
        CLIENT_SECRET => unreserved(value, MAX_TEXT_LEN),
        APPLICATION_URL => application_address(value),
        _ => match kind {
            Kind::Text => plain_words(value),
            Kind::Url => web_address(value),
            Kind::Host => host_name(value),
            Kind::Number => port(value),
            Kind::Boolean => boolean(value),
        },
    }
}

/// 1–65535, digits only.
fn port(value: &str) -> Result<(), ValueError> {
    match value.parse::<u32>() {
        Ok(1..=65535) if value.bytes().all(|b| b.is_ascii_digit()) => Ok(()),
        _ => Err(ValueError::BadPort),
    }
}

/// `true` or `false`.
fn boolean(value: &str) -> Result<(), ValueError> {
    match value {
        "true" | "false" => Ok(()),
        _ => Err(ValueError::NotBoolean),
    }
}

/// Plain words: see the module documentation.
fn plain_words(value: &str) -> Result<(), ValueError> {
    if value.chars().count() > MAX_TEXT_LEN {
        return Err(ValueError::TooLong { max: MAX_TEXT_LEN });
    }
    if let Some(ch) = value
        .chars()
        .find(|&c| !(c.is_alphanumeric() || " -_.,/:@+=".contains(c)))
    {
        return Err(ValueError::BadCharacter {
            ch,
            allowed: TEXT_ALLOWED,
        });
    }
    if let Some(ch) = value
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | ':' | '@' | ','))
    {
        return Err(ValueError::BadStart { ch });
    }
    if value.contains(": ") || value.ends_with(':') {
        return Err(ValueError::YamlKey);
    }
    Ok(())
}

/// An absolute `http`/`https` address: see the module documentation.
fn web_address(value: &str) -> Result<(), ValueError> {
    if value.chars().count() > MAX_TEXT_LEN {
        return Err(ValueError::TooLong { max: MAX_TEXT_LEN });
    }
    let lower = value.get(..8).unwrap_or(value).to_ascii_lowercase();
    let scheme_len = if lower.starts_with("https://") {
        8
    } else if lower.starts_with("http://") {
        7
    } else {
        return Err(ValueError::NotWebAddress);
    };
    if value.contains('#') {
        return Err(ValueError::Fragment);
    }
    let rest = value.get(scheme_len..).unwrap_or_default();
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    if authority.contains('@') {
        return Err(ValueError::Credentials);
    }
    if authority.is_empty() {
        return Err(ValueError::NoHost);
    }
    // `host`, `host:port`, `[v6]`, `[v6]:port`.
    let (host, port_text) = match authority.strip_prefix('[') {
        Some(v6) => {
            let close = v6.find(']').ok_or(ValueError::BadCharacter {
                ch: '[',
                allowed: URL_ALLOWED,
            })?;
            let address = v6.get(..close).unwrap_or_default();
            if let Some(ch) = address
                .chars()
                .find(|c| !(c.is_ascii_hexdigit() || matches!(c, ':' | '.')))
            {
                return Err(ValueError::BadCharacter {
                    ch,
                    allowed: "hexadecimal digits, : and . in a bracketed IPv6 address",
                });
            }
            let after = v6.get(close + 1..).unwrap_or_default();
            (
                None,
                after
                    .strip_prefix(':')
                    .or(Some(after).filter(|a| !a.is_empty())),
            )
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (Some(host), Some(port)),
            None => (Some(authority), None),
        },
    };
    if let Some(host) = host {
        if host.is_empty() {
            return Err(ValueError::NoHost);
        }
        host_name(host)?;
    }
    if let Some(p) = port_text {
        port(p)?;
    }
    let mut chars = path.chars();
    while let Some(ch) = chars.next() {
        let fine = ch.is_ascii_alphanumeric() || "-._~/?:@&=+,".contains(ch);
        let escape = ch == '%'
            && chars
                .clone()
                .take(2)
                .filter(char::is_ascii_hexdigit)
                .count()
                == 2;
        if !(fine || escape) {
            return Err(ValueError::BadCharacter {
                ch,
                allowed: URL_ALLOWED,
            });
        }
    }
    Ok(())
}

/// The application's address: a web address without a query (see the module
/// documentation).
fn application_address(value: &str) -> Result<(), ValueError> {
    web_address(value)?;
    if value.contains('?') {
        return Err(ValueError::Query);
    }
    Ok(())
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
    fn no_value_holds_a_control_or_invisible_formatting_character() {
        for name in ["domain", "client-id", "client-secret", "app-name"] {
            assert_eq!(
                validate(name, "a\u{202E}b"),
                Err(ValueError::FormatCharacter { ch: '\u{202E}' }),
                "{name}"
            );
            assert_eq!(
                validate(name, "a\u{200B}b"),
                Err(ValueError::FormatCharacter { ch: '\u{200B}' })
            );
            assert_eq!(
                validate(name, "a\tb"),
                Err(ValueError::ControlCharacter { ch: '\t' })
            );
        }
        for kind in [Kind::Url, Kind::Host, Kind::Number, Kind::Text] {
            assert!(matches!(
                validate_as("app", kind, "https://a.example/\u{2066}"),
                Err(ValueError::FormatCharacter { .. })
            ));
        }
        let reason = validate("app-name", "x\u{202E}y")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            reason.as_deref(),
            Some("contains an invisible formatting character (U+202E)")
        );
    }

    #[test]
    fn a_guides_own_text_is_plain_words() {
        for fine in [
            "My App",
            "grafana",
            "Zoë 2",
            "team-a_b.c",
            "a/b:c@d+e=f,g",
            "user@example.com",
        ] {
            assert_eq!(validate("app-name", fine), Ok(()), "{fine}");
        }
        for (value, ch) in [
            ("a'b", '\''),
            ("a\"b", '"'),
            ("a`b", '`'),
            ("$(id)", '$'),
            ("a;b", ';'),
            ("a&b", '&'),
            ("a|b", '|'),
            ("a<b", '<'),
            ("a>b", '>'),
            ("a(b", '('),
            ("a{b", '{'),
            ("a\\b", '\\'),
            ("a#b", '#'),
            ("a*b", '*'),
            ("a?b", '?'),
            ("!a", '!'),
            ("%a", '%'),
            ("a[b", '['),
        ] {
            assert!(
                matches!(validate("app-name", value), Err(ValueError::BadCharacter { ch: c, .. }) if c == ch),
                "{value}"
            );
        }
        for (value, ch) in [("-rf", '-'), (":a", ':'), ("@a", '@'), (",a", ',')] {
            assert_eq!(
                validate("app-name", value),
                Err(ValueError::BadStart { ch })
            );
        }
        assert_eq!(validate("app-name", "key: value"), Err(ValueError::YamlKey));
        assert_eq!(validate("app-name", "key:"), Err(ValueError::YamlKey));
        assert_eq!(
            validate_as("app-name", Kind::Text, &"a".repeat(1025)),
            Err(ValueError::TooLong { max: 1024 })
        );
    }

    #[test]
    fn a_declared_url_is_an_absolute_web_address_without_credentials_or_fragment() {
        for fine in [
            "https://app.example.com",
            "http://app.example.com:8080/",
            "HTTPS://app.example.com/a/b?c=d&e=f%20g",
            "https://[2001:db8::1]:8443/x",
            "https://10.0.0.1/",
        ] {
            assert_eq!(validate_as("app-url", Kind::Url, fine), Ok(()), "{fine}");
        }
        for (value, error) in [
            ("ftp://x.example/", ValueError::NotWebAddress),
            ("app.example.com", ValueError::NotWebAddress),
            ("https://", ValueError::NoHost),
            ("https://:80/", ValueError::NoHost),
            ("https://u:p@x.example/", ValueError::Credentials),
            ("https://x.example/#top", ValueError::Fragment),
            ("https://x.example:0/", ValueError::BadPort),
        ] {
            assert_eq!(
                validate_as("app-url", Kind::Url, value),
                Err(error),
                "{value}"
            );
        }
        for (value, ch) in [
            ("https://x.example/a'b", '\''),
            ("https://x.example/a\"b", '"'),
            ("https://x.example/`id`", '`'),
            ("https://x.example/$HOME", '$'),
            ("https://x.example/a;b", ';'),
            ("https://x.example/a b", ' '),
            ("https://x.example/<a>", '<'),
            ("https://x.example/a\\b", '\\'),
            ("https://x.example/a%zz", '%'),
            ("https://x.example/a(b)", '('),
            ("https://x_y.example/", '_'),
        ] {
            assert!(
                matches!(validate_as("app-url", Kind::Url, value), Err(ValueError::BadCharacter { ch: c, .. }) if c == ch),
                "{value}: {:?}",
                validate_as("app-url", Kind::Url, value)
            );
        }
    }

    #[test]
    fn a_declared_host_or_port_follows_its_rule_and_a_known_name_ignores_the_kind() {
        assert_eq!(
            validate_as("app-host", Kind::Host, "app.example.com"),
            Ok(())
        );
        assert!(validate_as("app-host", Kind::Host, "app example").is_err());
        assert_eq!(validate_as("app-port", Kind::Number, "8080"), Ok(()));
        assert_eq!(
            validate_as("app-port", Kind::Number, "80a"),
            Err(ValueError::BadPort)
        );
        // Authelia's own names and the credentials keep their rules.
        assert_eq!(
            validate_as("domain", Kind::Url, "https://example.com"),
            Err(ValueError::BadCharacter {
                ch: ':',
                allowed: "letters, digits, hyphens and dots"
            })
        );
        assert!(validate_as(CLIENT_SECRET, Kind::Text, "a b").is_err());
    }

    #[test]
    fn the_application_url_is_a_web_address_with_any_path_port_or_host_and_no_query() {
        for fine in [
            "https://matomo.example.com/",
            "https://example.org/matomo/",
            "https://apps.example.org:8443/",
            "http://analytics.example.net",
            "https://[2001:db8::1]:8443/app/",
        ] {
            assert_eq!(validate(APPLICATION_URL, fine), Ok(()), "{fine}");
        }
        for (bad, why) in [
            ("matomo.example.com", ValueError::NotWebAddress),
            ("ftp://example.org/", ValueError::NotWebAddress),
            ("https://user:pass@example.org/", ValueError::Credentials),
            ("https://example.org/#top", ValueError::Fragment),
            ("https://example.org/?a=b", ValueError::Query),
            ("https://", ValueError::NoHost),
        ] {
            assert_eq!(validate(APPLICATION_URL, bad), Err(why), "{bad}");
        }
        // Whatever kind a guide declares for the name.
        assert_eq!(
            validate_as(APPLICATION_URL, Kind::Text, "https://example.org/?a"),
            Err(ValueError::Query)
        );
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
