//! The domain and Authelia's subdomain, from the session's cookies: the cookie's
//! `domain` is the reader's domain, and its `authelia_url`'s host less that domain is
//! Authelia's subdomain (the page writes Authelia's address `https://<subdomain>.<domain>/`).
//! Authelia itself requires that host to be under the cookie's domain; one that is not,
//! or that is the domain itself, gives no subdomain, and a note says why.
//!
//! Of several cookies, the one whose domain holds the application's host is the
//! application's; else the first, and a note says which was used.

use serde_yaml::Value;

use super::Found;
use crate::configuration::MAX_LISTED_CLIENT_IDS;
use crate::configuration::client::child;
use crate::configuration::issuer::{self, Cookie};
use crate::configuration::locate::{Locator, Step};
use crate::configuration::read::{excerpt, has_template};

/// What the chosen cookie gives.
#[derive(Debug)]
pub(super) struct FromCookie {
    /// The domain, lowercased, without a leading dot.
    pub(super) domain: Found,
    /// Authelia's subdomain, when its address is a host under the domain.
    pub(super) subdomain: Option<Found>,
}

/// The domain and subdomain from `session` (the paste's `session` section and its path);
/// `application_url` is the application's address, whose host picks among several
/// cookies. `None`, with a note, when the paste names no cookie domain.
pub(super) fn read(
    session: Option<(&Value, &[Step])>,
    application_url: &str,
    locator: &Locator<'_>,
    notes: &mut Vec<String>,
) -> Option<FromCookie> {
    let cookies: Vec<Cookie> = match session {
        Some((Value::Mapping(map), path)) => issuer::cookies(map, path)
            .into_iter()
            .filter(|c| c.domain.as_deref().is_some_and(|d| !has_template(d)))
            .collect(),
        _ => Vec::new(),
    };
    let host = issuer::address(application_url).map(|a| a.hostname);
    let under = |c: &&Cookie| {
        host.as_deref()
            .zip(c.domain.as_deref())
            .is_some_and(|(h, d)| issuer::under(h, d))
    };
    let chosen = cookies.iter().find(under).or(cookies.first());
    let Some(cookie) = chosen else {
        notes.push(if session.is_some() {
            "The session names no cookie domain: the domain and Authelia's subdomain are \
             not proposed."
                .into()
        } else {
            "The paste has no `session` part: the domain and Authelia's subdomain are not \
             proposed (they are in `session.cookies`)."
                .into()
        });
        return None;
    };
    let domain_text = cookie.domain.as_deref().unwrap_or_default();
    let domain = domain_text
        .trim()
        .trim_start_matches('.')
        .to_ascii_lowercase();
    let domain_path = if matches!(cookie.path.last(), Some(Step::Key(k)) if k == "domain") {
        cookie.path.clone()
    } else {
        child(&cookie.path, "domain")
    };
    if cookies.len() > 1 {
        notes.push(several(&cookies, cookie, &domain, host.as_deref(), locator));
    }
    let subdomain = subdomain(cookie, &domain, notes);
    Some(FromCookie {
        domain: Found {
            value: domain,
            path: domain_path,
        },
        subdomain,
    })
}

/// The note saying which of several cookies was used, and why.
fn several(
    cookies: &[Cookie],
    chosen: &Cookie,
    domain: &str,
    host: Option<&str>,
    locator: &Locator<'_>,
) -> String {
    let listed: Vec<String> = cookies
        .iter()
        .filter_map(|c| c.domain.as_deref())
        .take(MAX_LISTED_CLIENT_IDS)
        .map(|d| format!("'{}'", excerpt(d)))
        .collect();
    let line = locator
        .line(&chosen.path)
        .map(|l| format!(" (line {l})"))
        .unwrap_or_default();
    let why = match host {
        Some(h) if issuer::under(h, domain) => format!(
            "the application's host '{}' is under its domain",
            excerpt(h)
        ),
        Some(h) => format!(
            "it is the first, and none holds the application's host '{}'",
            excerpt(h)
        ),
        None => "it is the first".to_owned(),
    };
    format!(
        "The session has {} cookies ({}): the one for '{}'{line} is used, as {why}.",
        cookies.len(),
        listed.join(", "),
        excerpt(domain)
    )
}

/// Authelia's subdomain from the cookie's `authelia_url`: its host less `.domain`. A note
/// when there is none to propose.
fn subdomain(cookie: &Cookie, domain: &str, notes: &mut Vec<String>) -> Option<Found> {
    let quoted = excerpt(domain);
    let Some(url) = cookie.authelia_url.as_deref() else {
        notes.push(format!(
            "The cookie for '{quoted}' has no `authelia_url`: Authelia's subdomain is not \
             proposed."
        ));
        return None;
    };
    let at = child(&cookie.path, "authelia_url");
    let Some(address) = issuer::address(url).filter(|_| !has_template(url)) else {
        notes.push(format!(
            "The cookie's `authelia_url` '{}' is not an address: Authelia's subdomain is not \
             proposed.",
            excerpt(url)
        ));
        return None;
    };
    let hostname = address.hostname;
    let Some(sub) = hostname
        .strip_suffix(domain)
        .and_then(|s| s.strip_suffix('.'))
        .filter(|s| !s.is_empty())
    else {
        notes.push(if hostname == domain {
            format!(
                "Authelia's address is the domain '{quoted}' itself, while this page writes \
                 it as a subdomain of the domain: Authelia's subdomain is not proposed."
            )
        } else {
            format!(
                "Authelia's address host '{}' is not under the cookie's domain '{quoted}' \
                 (Authelia refuses to start): Authelia's subdomain is not proposed.",
                excerpt(&hostname)
            )
        });
        return None;
    };
    let path = url
        .trim()
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').and_then(|at| rest.get(at..)))
        .unwrap_or_default();
    if address.host != hostname || !path.trim_end_matches('/').is_empty() {
        notes.push(format!(
            "Authelia's address here, '{}', has a port or a path, which this page's Authelia \
             URL (https://<subdomain>.<domain>/) leaves out.",
            excerpt(url)
        ));
    }
    Some(Found {
        value: sub.to_owned(),
        path: at,
    })
}
