//! "Fill in from my configuration": the reader pastes their Authelia configuration and
//! [`propose`] reads from it the values the open guide asks for, each with the line it
//! came from, for the reader to confirm before anything changes:
//!
//! - the domain and Authelia's subdomain, from a `session.cookies` entry (its `domain`,
//!   and its `authelia_url`'s host less that domain; `cookie.rs`);
//! - the client id and the application's address, from the client whose redirect URI
//!   ends with the guide's callback, the address being what stands before it
//!   (`callback.rs`).
//!
//! A value the page's field would refuse is listed with the field's reason, never
//! proposed silently ([`Proposal::refused`]). The client's secret and digest are never
//! read: the reader's secret is theirs to type or generate, and a pasted digest is of a
//! secret the page does not have.
//!
//! Read with the checker's own reader, within its bounds: the paste's size
//! ([`MAX_CONFIGURATION_BYTES`]), the YAML nesting and alias caps (`configuration::read`),
//! lines by one reading of the text (`configuration::locate`). Every list it returns is
//! bounded; [`propose`] never panics.

mod callback;
mod cookie;

use serde::{Deserialize, Serialize};

use crate::configuration::finding::Findings;
use crate::configuration::locate::{Locator, Step};
use crate::configuration::read::{self, excerpt};
use crate::configuration::{MAX_CONFIGURATION_BYTES, Shape};

/// What the open guide asks for, as the page knows it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Guide<'a> {
    /// The guide's Authelia block with the reader's values: its redirect URIs give the
    /// guide's callback, its client id is preferred among several matching clients.
    pub guide_block: &'a str,
    /// The application's address the page shows now (`https://matomo.example.com/`),
    /// empty when the guide has none: the guide's callback is what its redirect URI
    /// holds after it.
    pub application_url: &'a str,
    /// The variables the page offers for this guide (`domain`, `client-id`, …): only
    /// these are proposed.
    pub variables: &'a [String],
}

/// One value read from the paste for one of the guide's variables.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// The variable's name (`domain`, `subdomain-authelia`, `client-id`,
    /// `application-url`).
    pub variable: String,
    /// The value, as the field would be given it (cut to [`read::MAX_QUOTED_CHARS`]
    /// characters when refused).
    pub value: String,
    /// The 1-based line of the paste it came from, when found.
    pub line: Option<u32>,
    /// Why the field would refuse it, in the field's words; `None` when it takes it.
    pub refused: Option<String>,
}

/// What [`propose`] read from a paste.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposals {
    /// The values, in the order of the page's fields: domain, subdomain, client id,
    /// application address.
    pub proposals: Vec<Proposal>,
    /// Sentences on how they were chosen and what was not found (which cookie of
    /// several, which client, why nothing is proposed for a value), in that order.
    pub notes: Vec<String>,
}

/// Proposes values for the open guide from a pasted configuration. Never panics, on any
/// input; never reads a client's secret.
pub fn propose(pasted: &str, guide: &Guide<'_>) -> Proposals {
    let mut out = Proposals::default();
    if pasted.len() > MAX_CONFIGURATION_BYTES {
        out.notes.push(format!(
            "The paste is {} bytes; a configuration may be at most \
             {MAX_CONFIGURATION_BYTES} bytes here. Paste only the session and \
             identity_providers parts.",
            pasted.len()
        ));
        return out;
    }
    let value = match read::read(pasted) {
        Ok(value) => value,
        Err(unreadable) => {
            let at = match unreadable.at {
                crate::configuration::finding::At::Position { line, .. } => {
                    format!("Line {line}: ")
                }
                _ => String::new(),
            };
            out.notes.push(format!("{at}{}", unreadable.problem));
            return out;
        }
    };
    let locator = Locator::new(pasted);
    // What the checker would find wrong is its to say: only the shape is needed here.
    let mut ignored = Findings::default();
    let shape = Shape::of(&value, &mut ignored);
    let clients = shape.clients(&mut ignored).unwrap_or_default();
    // Its notes follow the cookie's, in the order of the proposals.
    let mut client_notes = Vec::new();
    let matched = callback::matching(&clients, guide, &locator, &mut client_notes);
    // The application's host tells which cookie is the application's: the matched
    // client's, else the one the page shows.
    let application_host = matched
        .as_ref()
        .map(|m| m.application_url.value.as_str())
        .unwrap_or(guide.application_url);
    let session = shape.session.as_ref().map(|(v, p)| (*v, p.as_slice()));
    let from_cookie = cookie::read(session, application_host, &locator, &mut out.notes);
    out.notes.append(&mut client_notes);
    let mut found: Vec<(&str, Found)> = Vec::new();
    if let Some(cookie) = from_cookie {
        found.push(("domain", cookie.domain));
        found.extend(cookie.subdomain.map(|s| ("subdomain-authelia", s)));
    }
    if let Some(client) = matched {
        found.extend(client.client_id.map(|id| ("client-id", id)));
        found.push(("application-url", client.application_url));
    }
    out.proposals = found
        .into_iter()
        .filter(|(name, _)| guide.variables.iter().any(|v| v == name))
        .map(|(name, f)| proposal(name, f, &locator))
        .collect();
    if out.proposals.is_empty() && out.notes.is_empty() {
        out.notes.push(
            "Nothing here to fill in from: paste your configuration.yml with its session \
             and identity_providers parts."
                .into(),
        );
    }
    out
}

/// A value found in the paste, with the path it was found at.
#[derive(Debug)]
struct Found {
    value: String,
    path: Vec<Step>,
}

/// A found value as a proposal: its line, and the field's reason when it would refuse it.
fn proposal(name: &str, found: Found, locator: &Locator<'_>) -> Proposal {
    let refused = guide_engine::variables::validate(name, &found.value)
        .err()
        .map(|e| e.to_string());
    Proposal {
        variable: name.to_owned(),
        value: if refused.is_some() {
            excerpt(&found.value)
        } else {
            found.value
        },
        line: locator.line(&found.path),
        refused,
    }
}
