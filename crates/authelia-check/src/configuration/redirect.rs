//! How two redirect URIs differ, in the terms users get wrong (their scheme, host, path,
//! trailing slash, query): Authelia compares them exactly, so the reader needs to see the
//! one difference, not two long addresses.

/// A URI split into the parts compared; no decoding, since Authelia compares the text.
#[derive(Debug, PartialEq, Eq)]
struct Parts<'a> {
    scheme: &'a str,
    authority: &'a str,
    path: &'a str,
    query: &'a str,
    fragment: &'a str,
}

/// Splits `uri` at `://`, then the first `/`, `?` and `#`.
fn split(uri: &str) -> Parts<'_> {
    let (scheme, rest) = uri.split_once("://").unwrap_or(("", uri));
    let (rest, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (authority, path) = match rest.find('/') {
        Some(slash) => (
            rest.get(..slash).unwrap_or_default(),
            rest.get(slash..).unwrap_or_default(),
        ),
        None => (rest, ""),
    };
    Parts {
        scheme,
        authority,
        path,
        query,
        fragment,
    }
}

/// Of the `candidates`, the one sharing the longest start with `wanted`: the one the
/// reader most likely meant for it.
pub fn closest<'c>(wanted: &str, candidates: &[&'c str]) -> Option<&'c str> {
    candidates
        .iter()
        .max_by_key(|c| {
            c.bytes()
                .zip(wanted.bytes())
                .take_while(|(a, b)| a == b)
                .count()
        })
        .copied()
}

/// The first difference of `found` from `wanted`, in words: "the host is `a`, the
/// application's is `b`". `None` when they are equal.
pub fn difference(found: &str, wanted: &str) -> Option<String> {
    if found == wanted {
        return None;
    }
    let (f, w) = (split(found), split(wanted));
    let part = |name: &str, a: &str, b: &str| {
        let shown = |s: &str| {
            if s.is_empty() {
                "empty".to_owned()
            } else {
                format!("`{}`", super::read::excerpt(s))
            }
        };
        format!(
            "its {name} is {}, where the application's is {}",
            shown(a),
            shown(b)
        )
    };
    Some(if f.scheme != w.scheme {
        part("scheme", f.scheme, w.scheme)
    } else if f.authority != w.authority {
        if f.authority.eq_ignore_ascii_case(w.authority) {
            format!(
                "{} (only the letter case differs, but the comparison is exact)",
                part("host", f.authority, w.authority)
            )
        } else {
            part("host", f.authority, w.authority)
        }
    } else if f.path != w.path {
        if f.path.trim_end_matches('/') == w.path.trim_end_matches('/') {
            if f.path.len() > w.path.len() {
                "it ends its path with a slash the application's does not have".to_owned()
            } else {
                "its path lacks the trailing slash the application's has".to_owned()
            }
        } else {
            part("path", f.path, w.path)
        }
    } else if f.query != w.query {
        let theirs: Vec<&str> = f.query.split('&').collect();
        let missing: Vec<&str> = w
            .query
            .split('&')
            .filter(|p| !p.is_empty() && !theirs.contains(p))
            .collect();
        if missing.is_empty() {
            part("query", f.query, w.query)
        } else {
            format!(
                "its query lacks {}",
                missing
                    .iter()
                    .map(|p| format!("`{}`", super::read::excerpt(p)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    } else if f.fragment != w.fragment {
        part("fragment", f.fragment, w.fragment)
    } else {
        "it differs from the application's".to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const WANTED: &str =
        "https://matomo.example.com/index.php?module=LoginOIDC&action=callback&provider=oidc";

    #[test]
    fn names_the_part_that_differs() {
        let d = |found: &str| difference(found, WANTED).unwrap_or_default();
        assert!(
            d("http://matomo.example.com/index.php?module=LoginOIDC&action=callback&provider=oidc")
                .contains("scheme")
        );
        assert!(d("https://Matomo.example.com/index.php?module=LoginOIDC&action=callback&provider=oidc").contains("letter case"));
        assert!(d("https://matomo.example.org/index.php?module=LoginOIDC&action=callback&provider=oidc").contains("host"));
        assert!(
            d("https://matomo.example.com/index.php?module=LoginOIDC&action=callback")
                .contains("`provider=oidc`")
        );
        assert!(
            d("https://matomo.example.com/?module=LoginOIDC&action=callback&provider=oidc")
                .contains("path")
        );
        assert_eq!(difference(WANTED, WANTED), None);
        assert!(
            difference("https://a/cb/", "https://a/cb")
                .unwrap_or_default()
                .contains("slash")
        );
    }

    #[test]
    fn the_closest_shares_the_longest_start() {
        assert_eq!(
            closest(
                "https://a.example/cb",
                &["https://b.example/cb", "https://a.example/"]
            ),
            Some("https://a.example/")
        );
    }
}
