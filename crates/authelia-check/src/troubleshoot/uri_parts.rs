//! How a redirect URI differs from a registered one, named by the part a reader fixes:
//! the scheme, the host, the port, the path, a trailing slash, the query, the fragment, or
//! only the letter case. Authelia compares the two as text, exactly (authelia/
//! oauth2-provider@v0.2.40 uri.go), so nothing is decoded or normalised here: `:443` and
//! no port differ, as do `/cb` and `/cb/`.

use serde::{Deserialize, Serialize};

use super::Difference;
use crate::configuration::read::excerpt;

/// A part of an address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    /// `https` against `http`.
    Scheme,
    /// The host name.
    Host,
    /// The port, written or not.
    Port,
    /// The path.
    Path,
    /// The path, but for a `/` at its end.
    TrailingSlash,
    /// The query (after `?`).
    Query,
    /// The fragment (after `#`).
    Fragment,
    /// The same address but for the case of some letters.
    LetterCase,
}

impl Part {
    /// The part's name in a sentence.
    pub fn name(self) -> &'static str {
        match self {
            Part::Scheme => "scheme",
            Part::Host => "host",
            Part::Port => "port",
            Part::Path => "path",
            Part::TrailingSlash => "trailing slash",
            Part::Query => "query",
            Part::Fragment => "fragment",
            Part::LetterCase => "letter case",
        }
    }
}

/// An address split into the parts compared.
#[derive(Debug, PartialEq, Eq)]
struct Parts<'a> {
    scheme: &'a str,
    host: &'a str,
    port: &'a str,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

/// Splits an address at `://` (or the scheme's `:`), then at the first `/`, `?` and `#`.
fn split(uri: &str) -> Parts<'_> {
    let (rest, fragment) = match uri.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (uri, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((rest, query)) => (rest, Some(query)),
        None => (rest, None),
    };
    let (scheme, rest, has_authority) = match rest.split_once("://") {
        Some((scheme, rest)) => (scheme, rest, true),
        None => match rest.split_once(':') {
            Some((scheme, rest)) => (scheme, rest, false),
            None => ("", rest, false),
        },
    };
    let (authority, path) = if has_authority {
        match rest.find('/') {
            Some(slash) => (
                rest.get(..slash).unwrap_or_default(),
                rest.get(slash..).unwrap_or_default(),
            ),
            None => (rest, ""),
        }
    } else {
        ("", rest)
    };
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = match host_port.rsplit_once(':') {
        Some((host, port))
            if !port.is_empty()
                && port.bytes().all(|b| b.is_ascii_digit())
                && (!host.starts_with('[') || host.ends_with(']')) =>
        {
            (host, port)
        }
        _ => (host_port, ""),
    };
    Parts {
        scheme,
        host,
        port,
        path,
        query,
        fragment,
    }
}

/// The host of an address, lower-cased: `auth.example.com` for
/// `https://Auth.example.com:8443/x`.
pub(crate) fn host(uri: &str) -> String {
    split(uri).host.to_ascii_lowercase()
}

/// The scheme of an address: `https`.
pub(crate) fn scheme(uri: &str) -> &str {
    split(uri).scheme
}

/// The first part in which `registered` differs from `sent`; `None` when they are the
/// same text.
pub(crate) fn difference(registered: &str, sent: &str) -> Option<Difference> {
    if registered == sent {
        return None;
    }
    let (r, s) = (split(registered), split(sent));
    let found = |part, a: &str, b: &str| Difference {
        part,
        registered: excerpt(a),
        sent: excerpt(b),
    };
    let case_or = |part, a: &str, b: &str| {
        if a.eq_ignore_ascii_case(b) {
            found(Part::LetterCase, a, b)
        } else {
            found(part, a, b)
        }
    };
    Some(if r.scheme != s.scheme {
        case_or(Part::Scheme, r.scheme, s.scheme)
    } else if r.host != s.host {
        case_or(Part::Host, r.host, s.host)
    } else if r.port != s.port {
        found(Part::Port, r.port, s.port)
    } else if r.path != s.path {
        let bare = |p: &str| p.strip_suffix('/').unwrap_or(p).to_owned();
        if bare(r.path) == bare(s.path) {
            found(Part::TrailingSlash, r.path, s.path)
        } else {
            case_or(Part::Path, r.path, s.path)
        }
    } else if r.query != s.query {
        found(
            Part::Query,
            r.query.unwrap_or_default(),
            s.query.unwrap_or_default(),
        )
    } else {
        found(
            Part::Fragment,
            r.fragment.unwrap_or_default(),
            s.fragment.unwrap_or_default(),
        )
    })
}

/// The first part in which `registered` differs from the application's address `app`,
/// comparing only what the application's address sets: its scheme, host and port (and a
/// path, when it has one, as the start of the registered path). `None` when the
/// registered address starts like the application's.
pub(crate) fn origin_difference(registered: &str, app: &str) -> Option<Difference> {
    let (r, a) = (split(registered), split(app));
    let found = |part, x: &str, y: &str| {
        Some(Difference {
            part,
            registered: excerpt(x),
            sent: excerpt(y),
        })
    };
    if r.scheme != a.scheme {
        return found(Part::Scheme, r.scheme, a.scheme);
    }
    if r.host != a.host {
        let part = if r.host.eq_ignore_ascii_case(a.host) {
            Part::LetterCase
        } else {
            Part::Host
        };
        return found(part, r.host, a.host);
    }
    if r.port != a.port {
        return found(Part::Port, r.port, a.port);
    }
    let base = a.path.trim_end_matches('/');
    if !base.is_empty() && !r.path.starts_with(base) {
        return found(Part::Path, r.path, a.path);
    }
    None
}

/// How many of the parts (scheme, host, port, path, query, fragment) differ: the
/// registered address with the fewest is the one the reader most likely meant.
pub(crate) fn distance(registered: &str, sent: &str) -> usize {
    let (r, s) = (split(registered), split(sent));
    [
        r.scheme != s.scheme,
        r.host != s.host,
        r.port != s.port,
        r.path != s.path,
        r.query != s.query,
        r.fragment != s.fragment,
    ]
    .into_iter()
    .filter(|d| *d)
    .count()
}

/// A difference in words, `first` naming the address of `registered` and `second` that
/// of `sent`: "the host differs: `first` has `a`, `second` has `b`".
pub(crate) fn describe(difference: &Difference, first: &str, second: &str) -> String {
    let shown = |s: &str| {
        if s.is_empty() {
            "none".to_owned()
        } else {
            format!("`{s}`")
        }
    };
    match difference.part {
        Part::TrailingSlash => {
            if difference.registered.ends_with('/') {
                format!("{first} ends with a slash that {second} does not have")
            } else {
                format!("{second} ends with a slash that {first} does not have")
            }
        }
        Part::LetterCase => format!(
            "only the letter case differs (`{}` against `{}`), and Authelia compares letter \
             case too",
            difference.registered, difference.sent
        ),
        part => format!(
            "the {} differs: {first} has {}, {second} has {}",
            part.name(),
            shown(&difference.registered),
            shown(&difference.sent)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENT: &str =
        "https://matomo.example.com/index.php?module=LoginOIDC&action=callback&provider=oidc";

    fn part(registered: &str) -> Option<Part> {
        difference(registered, SENT).map(|d| d.part)
    }

    #[test]
    fn names_the_first_part_that_differs() {
        assert_eq!(part(SENT), None);
        assert_eq!(
            part(
                "http://matomo.example.com/index.php?module=LoginOIDC&action=callback&provider=oidc"
            ),
            Some(Part::Scheme)
        );
        assert_eq!(
            part(
                "https://matomo.example.org/index.php?module=LoginOIDC&action=callback&provider=oidc"
            ),
            Some(Part::Host)
        );
        assert_eq!(
            part(
                "https://Matomo.example.com/index.php?module=LoginOIDC&action=callback&provider=oidc"
            ),
            Some(Part::LetterCase)
        );
        assert_eq!(
            part(
                "https://matomo.example.com:443/index.php?module=LoginOIDC&action=callback&provider=oidc"
            ),
            Some(Part::Port)
        );
        assert_eq!(
            part(
                "https://matomo.example.com/index.php/?module=LoginOIDC&action=callback&provider=oidc"
            ),
            Some(Part::TrailingSlash)
        );
        assert_eq!(
            part("https://matomo.example.com/?module=LoginOIDC&action=callback&provider=oidc"),
            Some(Part::Path)
        );
        assert_eq!(
            part("https://matomo.example.com/index.php?module=LoginOIDC&action=callback"),
            Some(Part::Query)
        );
        assert_eq!(part(&format!("{SENT}#x")), Some(Part::Fragment));
    }

    #[test]
    fn an_application_address_is_compared_by_its_start() {
        let d = |r: &str, a: &str| origin_difference(r, a).map(|d| d.part);
        assert_eq!(
            d("https://app.example.com/cb", "https://app.example.com"),
            None
        );
        assert_eq!(
            d(
                "https://app.example.com/sub/cb",
                "https://app.example.com/sub/"
            ),
            None
        );
        assert_eq!(
            d("http://app.example.com/cb", "https://app.example.com"),
            Some(Part::Scheme)
        );
        assert_eq!(
            d("https://app.example.com:8443/cb", "https://app.example.com"),
            Some(Part::Port)
        );
        assert_eq!(
            d("https://app.example.com/cb", "https://app.example.com/sub"),
            Some(Part::Path)
        );
    }

    #[test]
    fn the_closest_address_differs_in_the_fewest_parts() {
        let d = |r: &str| distance(r, SENT);
        assert_eq!(d(SENT), 0);
        assert_eq!(
            d("http://matomo.example.com/index.php?module=LoginOIDC&action=callback&provider=oidc"),
            1
        );
        assert_eq!(
            d(
                "http://matomo.example.com:8443/index.php?module=LoginOIDC&action=callback&provider=oidc"
            ),
            2
        );
    }

    #[test]
    fn ports_and_ipv6_hosts_are_split() {
        let p = split("https://[::1]:8443/cb?x#y");
        assert_eq!((p.host, p.port, p.path), ("[::1]", "8443", "/cb"));
        assert_eq!((p.query, p.fragment), (Some("x"), Some("y")));
        let native = split("app.immich:///oauth-callback");
        assert_eq!(
            (native.scheme, native.path),
            ("app.immich", "/oauth-callback")
        );
    }
}
