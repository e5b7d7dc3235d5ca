//! Authelia's address, as its OpenID Connect issuer: since 4.39.17 each OpenID Connect
//! request fails unless the address it reached Authelia at matches a `session.cookies`
//! entry, and since 4.39.19 unless it is https. The address is the reader's (the page's
//! values, [`Expected::authelia_url`](super::Expected::authelia_url)) or, when the paste
//! holds `session`, each cookie's `authelia_url`, which Authelia also requires to be https
//! and under the cookie's `domain` before it starts.

use serde_yaml::{Mapping, Value};

use super::authelia::{ISSUER_COOKIE_MATCH_SINCE, ISSUER_HTTPS_SINCE};
use super::client::child;
use super::finding::{At, Findings};
use super::locate::Step;
use super::read::{excerpt, has_template, scalar_text};
use super::rule::Rule;

/// An address's parts the issuer check compares.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Address {
    /// `https`, lowercased.
    pub(crate) scheme: String,
    /// The host and port as written after `//` (`auth.example.com:8443`), lowercased.
    pub(crate) host: String,
    /// The host without its port.
    pub(crate) hostname: String,
}

/// Reads `scheme://host[:port]/…`; `None` for anything else.
pub(crate) fn address(text: &str) -> Option<Address> {
    let (scheme, rest) = text.trim().split_once("://")?;
    let authority = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .rsplit('@')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if scheme.is_empty() || authority.is_empty() {
        return None;
    }
    let hostname = if let Some(v6) = authority.strip_prefix('[') {
        format!("[{}]", v6.split(']').next().unwrap_or_default())
    } else {
        authority.split(':').next().unwrap_or_default().to_owned()
    };
    Some(Address {
        scheme: scheme.to_ascii_lowercase(),
        host: authority,
        hostname,
    })
}

/// Whether `hostname` is `domain` or under it, as Authelia's `HasDomainSuffix` decides:
/// equal, or ending with `.` and the domain (a domain written with its leading dot
/// counts the same).
pub(crate) fn under(hostname: &str, domain: &str) -> bool {
    let domain = domain.trim().to_ascii_lowercase();
    let bare = domain.strip_prefix('.').unwrap_or(&domain);
    !bare.is_empty() && (hostname == bare || hostname.ends_with(&format!(".{bare}")))
}

/// One `session.cookies` entry (or the `session.domain` of before 4.38).
pub(crate) struct Cookie {
    /// Its `domain`, when set and not blank.
    pub(crate) domain: Option<String>,
    /// Its `authelia_url`, when set and not blank.
    pub(crate) authelia_url: Option<String>,
    /// Where it is: the `session.cookies` entry, or the old `session.domain` key.
    pub(crate) path: Vec<Step>,
}

/// The session's cookies: `session.cookies`, or the old `session.domain` as one cookie
/// without `authelia_url`. Empty when the session names none.
pub(crate) fn cookies(session: &Mapping, path: &[Step]) -> Vec<Cookie> {
    let text = |map: &Mapping, key: &str| {
        map.get(key)
            .and_then(scalar_text)
            .filter(|t| !t.trim().is_empty())
    };
    match session.get("cookies") {
        Some(Value::Sequence(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let map = item.as_mapping()?;
                let mut at = child(path, "cookies");
                at.push(Step::Index(i));
                Some(Cookie {
                    domain: text(map, "domain"),
                    authelia_url: text(map, "authelia_url"),
                    path: at,
                })
            })
            .collect(),
        _ => text(session, "domain")
            .map(|domain| Cookie {
                domain: Some(domain),
                authelia_url: None,
                path: child(path, "domain"),
            })
            .into_iter()
            .collect(),
    }
}

/// The reader's Authelia address against https and the pasted cookies; each pasted
/// cookie's `authelia_url` against https and its own domain.
pub(crate) fn check(
    reader_url: Option<&str>,
    session: Option<(&Value, &[Step])>,
    findings: &mut Findings,
) {
    let (cookies, session_path) = match session {
        Some((Value::Mapping(map), path)) => (cookies(map, path), path.to_vec()),
        _ => (Vec::new(), Vec::new()),
    };
    for cookie in &cookies {
        let Some(url) = cookie.authelia_url.as_deref().filter(|u| !has_template(u)) else {
            continue;
        };
        let here = child(&cookie.path, "authelia_url");
        let Some(parsed) = address(url) else { continue };
        if parsed.scheme != "https" {
            findings.at(
                Rule::IssuerNotHttps,
                &here,
                format!(
                    "This session cookie's `authelia_url` is '{}', which is not https: \
                     Authelia refuses to start.",
                    excerpt(url)
                ),
                format!(
                    "Serve Authelia over https (usually behind the proxy) and write \
                     `authelia_url: 'https://{}'`.",
                    excerpt(&parsed.host)
                ),
            );
        } else if let Some(domain) = cookie.domain.as_deref()
            && !under(&parsed.hostname, domain)
        {
            findings.at(
                Rule::IssuerOutsideCookieDomains,
                &here,
                format!(
                    "This session cookie's `authelia_url` host '{}' is not under its \
                     `domain` '{}': Authelia refuses to start.",
                    excerpt(&parsed.hostname),
                    excerpt(domain)
                ),
                format!(
                    "Give Authelia an address under '{}' (such as `https://auth.{}`), or \
                     set the cookie's `domain` to the domain Authelia's address is under.",
                    excerpt(domain),
                    excerpt(domain.trim_start_matches('.'))
                ),
            );
        }
    }
    let Some(url) = reader_url.map(str::trim).filter(|u| !u.is_empty()) else {
        return;
    };
    let Some(reader) = address(url) else { return };
    if reader.scheme != "https" {
        findings.add(
            Rule::IssuerNotHttps,
            At::Nowhere,
            format!(
                "Your Authelia address, '{}', is not https: since Authelia \
                 {ISSUER_HTTPS_SINCE}, every OpenID Connect request that reaches Authelia \
                 over plain http fails (\"invalid X-Forwarded-Proto header value\").",
                excerpt(url)
            ),
            format!(
                "Use `https://{}`: the application must reach Authelia over https, and a \
                 proxy in front of Authelia must send `X-Forwarded-Proto: https`.",
                excerpt(&reader.host)
            ),
        );
    }
    if cookies.is_empty() {
        return;
    }
    let matched = match cookies.as_slice() {
        [only] if only.authelia_url.is_none() => only
            .domain
            .as_deref()
            .is_some_and(|d| under(&reader.hostname, d)),
        _ => cookies.iter().any(|c| {
            c.authelia_url
                .as_deref()
                .and_then(address)
                .is_some_and(|a| a.host == reader.host)
        }),
    };
    if !matched {
        let listed: Vec<String> = cookies
            .iter()
            .filter_map(|c| c.authelia_url.as_deref().or(c.domain.as_deref()))
            .take(super::MAX_LISTED_CLIENT_IDS)
            .map(|t| format!("'{}'", excerpt(t)))
            .collect();
        findings.at(
            Rule::IssuerOutsideCookieDomains,
            &child(&session_path, "cookies"),
            format!(
                "Your Authelia address, '{}', matches no `session.cookies` entry (they name \
                 {}): since Authelia {ISSUER_COOKIE_MATCH_SINCE}, every OpenID Connect \
                 request to it fails (\"no session cookie configuration matches url\").",
                excerpt(url),
                if listed.is_empty() {
                    "no address".to_owned()
                } else {
                    listed.join(", ")
                }
            ),
            format!(
                "Add a `session.cookies` entry with the `domain` Authelia's address is under \
                 and `authelia_url: 'https://{}'`, or set this page's Authelia address to the \
                 one your cookie names.",
                excerpt(&reader.host)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_read_as_authelia_compares_them() {
        let a = address("HTTPS://Auth.Example.com:8443/path?x#y");
        assert_eq!(
            a,
            Some(Address {
                scheme: "https".into(),
                host: "auth.example.com:8443".into(),
                hostname: "auth.example.com".into(),
            })
        );
        assert_eq!(
            address("https://user@[::1]:9091/").map(|a| a.hostname),
            Some("[::1]".into())
        );
        assert_eq!(address("auth.example.com"), None);
        assert_eq!(address("https://"), None);
    }

    #[test]
    fn a_host_is_under_its_domain_or_equal_to_it() {
        assert!(under("auth.example.com", "example.com"));
        assert!(under("auth.example.com", ".example.com"));
        assert!(under("example.com", "Example.com"));
        assert!(!under("auth.badexample.com", "example.com"));
        assert!(!under("example.com", "auth.example.com"));
        assert!(!under("example.com", ""));
    }
}
