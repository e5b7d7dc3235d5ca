//! The client id and the application's address, from the client registered for this
//! guide's callback: the guide's redirect URI less the application's address it starts
//! with (`/index.php?module=LoginOIDC&action=callback&provider=oidc` for Matomo) is the
//! callback, and a pasted redirect URI that ends with it names the application's
//! address in what stands before it (`https://example.org/matomo` and the callback: the
//! application at `https://example.org/matomo/`). Matched by the callback alone, since
//! the reader's host and sub-path are what is being read.
//!
//! Of several clients that match, the one with the page's client id is used, else the
//! first, and a note says which.

use serde_yaml::{Mapping, Value};

use super::{Found, Guide};
use crate::configuration::client::{child, get};
use crate::configuration::finding::Findings;
use crate::configuration::locate::{Locator, Step};
use crate::configuration::read::{self, excerpt, scalar_text};
use crate::configuration::{MAX_LISTED_CLIENT_IDS, Shape, issuer};
use crate::guide_block::client_id_of;

/// What the matched client gives.
#[derive(Debug)]
pub(super) struct Matched {
    /// Its id, when it has one.
    pub(super) client_id: Option<Found>,
    /// The application's address its redirect URI names.
    pub(super) application_url: Found,
}

/// A client whose redirect URI ends with the callback.
struct Candidate {
    id: Option<(String, Vec<Step>)>,
    address: String,
    path: Vec<Step>,
}

/// The client among `clients` registered for the guide's callback; `None`, with a note,
/// when none is.
pub(super) fn matching(
    clients: &[(&Mapping, Vec<Step>)],
    guide: &Guide<'_>,
    locator: &Locator<'_>,
    notes: &mut Vec<String>,
) -> Option<Matched> {
    let callbacks = callbacks(guide);
    let Some(first_callback) = callbacks.first() else {
        notes.push(
            "This guide's block has no redirect URI to find its client by: the client id \
             and the application's address are not proposed."
                .into(),
        );
        return None;
    };
    if clients.is_empty() {
        notes.push(
            "The paste has no clients: the client id and the application's address are not \
             proposed."
                .into(),
        );
        return None;
    }
    let slash = if guide.application_url.ends_with('/') {
        "/"
    } else {
        ""
    };
    let candidates: Vec<Candidate> = clients
        .iter()
        .filter_map(|(map, path)| {
            redirect_uris(map, path).into_iter().find_map(|(uri, at)| {
                let before = callbacks
                    .iter()
                    .find_map(|c| uri.strip_suffix(c.as_str()))
                    .filter(|before| is_origin_and_path(before))?;
                Some(Candidate {
                    id: get(map, "client_id")
                        .and_then(|(v, name)| scalar_text(v).map(|id| (id, child(path, name)))),
                    address: format!("{before}{slash}"),
                    path: at,
                })
            })
        })
        .collect();
    let page_id = client_id_of(guide.guide_block);
    let by_page_id = candidates
        .iter()
        .find(|c| c.id.as_ref().is_some_and(|(id, _)| *id == page_id));
    let Some(chosen) = by_page_id.or(candidates.first()) else {
        let ids: Vec<String> = clients
            .iter()
            .filter_map(|(map, _)| get(map, "client_id").and_then(|(v, _)| scalar_text(v)))
            .take(MAX_LISTED_CLIENT_IDS)
            .map(|id| format!("'{}'", excerpt(&id)))
            .collect();
        notes.push(format!(
            "No client here has a redirect URI ending with this guide's callback, `{}`{}: \
             the client id and the application's address are not proposed.",
            excerpt(first_callback),
            if ids.is_empty() {
                String::new()
            } else {
                format!(" (the clients here are {})", ids.join(", "))
            }
        ));
        return None;
    };
    if candidates.len() > 1 {
        let name = chosen.id.as_ref().map_or_else(
            || "one without an id".to_owned(),
            |(id, _)| format!("'{}'", excerpt(id)),
        );
        let line = locator
            .line(&chosen.path)
            .map(|l| format!(" (line {l})"))
            .unwrap_or_default();
        let why = if by_page_id.is_some() {
            "its id is this page's Client ID"
        } else {
            "it is the first, and none has this page's Client ID"
        };
        notes.push(format!(
            "{} clients have a redirect URI ending with this guide's callback: {name}{line} is \
             used, as {why}.",
            candidates.len()
        ));
    }
    Some(Matched {
        client_id: chosen.id.as_ref().map(|(value, path)| Found {
            value: value.clone(),
            path: path.clone(),
        }),
        application_url: Found {
            value: chosen.address.clone(),
            path: chosen.path.clone(),
        },
    })
}

/// The guide's callbacks: each of its block's redirect URIs less the application's
/// address (without its final `/`) it starts with, or, for a guide without one, less
/// the scheme and host. Empty ones are left out: they would match any address.
fn callbacks(guide: &Guide<'_>) -> Vec<String> {
    let Ok(block) = read::read(guide.guide_block) else {
        return Vec::new();
    };
    let mut ignored = Findings::default();
    let shape = Shape::of(&block, &mut ignored);
    let root = guide.application_url.trim().trim_end_matches('/');
    let mut callbacks: Vec<String> = Vec::new();
    for (map, path) in shape.clients(&mut ignored).unwrap_or_default() {
        for (uri, _) in redirect_uris(map, &path) {
            let callback = match uri.strip_prefix(root).filter(|_| !root.is_empty()) {
                Some(rest) if rest.starts_with(['/', '?']) => rest.to_owned(),
                Some(_) => continue,
                None => uri
                    .split_once("://")
                    .and_then(|(_, rest)| rest.find('/').and_then(|at| rest.get(at..)))
                    .unwrap_or_default()
                    .to_owned(),
            };
            if !callback.is_empty() && !callbacks.contains(&callback) {
                callbacks.push(callback);
            }
        }
    }
    callbacks
}

/// A client's redirect URIs, each with its path (the key's for the one string
/// `redirect_uris` may be).
fn redirect_uris(map: &Mapping, path: &[Step]) -> Vec<(String, Vec<Step>)> {
    let Some((value, key)) = get(map, "redirect_uris") else {
        return Vec::new();
    };
    let at = child(path, key);
    match value {
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let mut here = at.clone();
                here.push(Step::Index(i));
                scalar_text(item).map(|uri| (uri, here))
            })
            .collect(),
        other => scalar_text(other)
            .map(|uri| vec![(uri, at)])
            .unwrap_or_default(),
    }
}

/// Whether `text` is an address with a host and at most a path: what may stand before
/// the callback as the application's address.
fn is_origin_and_path(text: &str) -> bool {
    issuer::address(text).is_some() && !text.contains(['?', '#']) && !text.ends_with('/')
}
