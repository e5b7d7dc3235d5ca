//! "Check my configuration": the reader pastes their Authelia configuration (the whole
//! file, its `identity_providers` part, the `oidc` mapping, a `clients` list or one
//! client) and [`check`] lists what is wrong with it for the open guide, each finding with
//! its rule ([`Rule`], a stable id such as `auth-method-differs`; `rule.rs`), its line, the
//! problem and the fix.
//!
//! - The guide's client is found by the reader's client id ([`Expected::client_id`]) and
//!   checked against the guide's block for the reader's values ([`Expected::guide_block`]),
//!   Authelia's defaults applied on both sides (`client.rs`), and against what the guide
//!   says of the application beyond its block ([`GuideFacts`]): its consent
//!   (`consent.rs`) and the claims its ID token needs (`claims.rs`).
//! - The provider is checked when the paste reaches it (`provider.rs`, `key.rs`,
//!   `key_use.rs`).
//! - The whole paste is checked for template syntax Authelia would not expand
//!   (`template.rs`), and Authelia's address ([`Expected::authelia_url`], the pasted
//!   `session.cookies`) for what its issuer check requires (`issuer.rs`).
//! - Whether the client's digest is of the reader's secret, which the paste does not
//!   hold, is asked apart, after [`check`]: [`check_secret`] (`secret.rs`).
//! - The facts the rules use are in one module, with their sources ([`authelia`]),
//!   public so that tests hold them against Authelia's published schema.
//! - Pure and bounded: a paste over [`MAX_CONFIGURATION_BYTES`] is refused, aliases are
//!   counted before the YAML is built (`read.rs`), at most
//!   [`finding::MAX_FINDINGS`] findings are listed, and lines are found by one reading of
//!   the text (`locate.rs`). [`check`] never panics.

pub mod authelia;
mod claims;
pub(crate) mod client;
mod consent;
pub mod finding;
pub(crate) mod issuer;
mod jwks_key;
mod key_use;
pub mod locate;
mod provider;
pub(crate) mod read;
mod redirect;
pub mod rule;
mod secret;
pub(crate) mod suggest;
mod template;

use serde::{Deserialize, Serialize};
use serde_yaml::{Mapping, Value};

pub use client::MAX_LISTED_VALUES;
pub use finding::{Finding, MAX_FINDINGS};
pub use jwks_key::MAX_KEY_PEM_BYTES;
pub use read::{MAX_CONFIGURATION_EXPANDED_BYTES, MAX_QUOTED_CHARS};
pub use rule::Rule;
pub use secret::check_secret;
pub use suggest::{MAX_COMPARED_KEY_CHARS, MAX_SUGGESTION_DISTANCE};

use client::{ProviderView, Settings, child, id_of};
use finding::{At, Findings};
use locate::{Locator, Step};

/// Largest paste [`check`] reads, in bytes: the guide's cap ([`guide_engine::MAX_GUIDE_BYTES`]).
/// A pasted configuration goes to the same worker as a pasted guide and gets the same
/// bound; Authelia's own configuration files are a few kilobytes, far below it.
pub const MAX_CONFIGURATION_BYTES: usize = guide_engine::MAX_GUIDE_BYTES;

/// Most client ids a "client missing" finding lists: enough to spot a typo among them,
/// and a paste with thousands of clients does not make a huge finding.
pub const MAX_LISTED_CLIENT_IDS: usize = 20;

/// What the open guide expects, and what the reader has told the page.
#[derive(Clone, Copy, Debug, Default)]
pub struct Expected<'a> {
    /// The reader's client id (the client to check is found by it).
    pub client_id: &'a str,
    /// The guide's Authelia configuration block with the reader's values filled in (YAML
    /// text, e.g. `"identity_providers:\n  oidc:\n    clients:\n      - client_id: 'matomo'\n        ..."`),
    /// or `""` when the guide has none.
    pub guide_block: &'a str,
    /// The reader's Authelia address as the reader gave it (e.g.
    /// `https://auth.example.com/`), or `None` when the reader has not: it is checked for
    /// https, and against the pasted `session.cookies`, as Authelia's issuer check does.
    pub authelia_url: Option<&'a str>,
    /// What the guide says about the application beyond its block.
    pub guide: GuideFacts<'a>,
}

/// What the guide says about the application beyond its configuration block: facts the
/// guide engine works out once as it parses the guide ([`GuideFacts::of`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GuideFacts<'a> {
    /// The application reads the user's claims from the ID token only
    /// ([`guide_engine::Document::needs_id_token_claims`]): its client needs a
    /// `claims_policy` since Authelia 4.39.
    pub needs_id_token_claims: bool,
    /// The claims the guide names for the ID token, separated by spaces
    /// ([`guide_engine::Document::id_token_claims_needed`]); empty when it names none.
    pub id_token_claims: &'a str,
}

impl<'a> GuideFacts<'a> {
    /// The facts of a parsed guide.
    pub fn of(document: &'a guide_engine::Document) -> GuideFacts<'a> {
        GuideFacts {
            needs_id_token_claims: document.needs_id_token_claims(),
            id_token_claims: document.id_token_claims_needed().unwrap_or_default(),
        }
    }
}

/// What [`check`] found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The findings, in the order of the paste; empty when all is well.
    pub findings: Vec<Finding>,
    /// The client's `client_secret` when it is a digest Authelia reads (so
    /// [`check_secret`] can say whether the reader's secret gives it), with its line.
    pub digest: Option<(String, Option<u32>)>,
    /// What the paste held, in words for the page's summary: e.g. "the whole
    /// configuration", "the identity_providers part", "one client".
    pub scope: String,
}

/// Checks a pasted Authelia configuration against what the open guide expects. Never
/// panics, on any input.
pub fn check(pasted: &str, expected: &Expected<'_>) -> Report {
    let mut findings = Findings::default();
    if pasted.len() > MAX_CONFIGURATION_BYTES {
        findings.add(
            Rule::TooLarge,
            At::Nowhere,
            format!(
                "The paste is {} bytes; a configuration may be at most \
                 {MAX_CONFIGURATION_BYTES} bytes here.",
                pasted.len()
            ),
            "Paste only the identity_providers part of the configuration.",
        );
        return report(findings, &Locator::default(), None, "nothing (too large)");
    }
    let value = match read::read(pasted) {
        Ok(value) => value,
        Err(e) => {
            findings.add(e.rule, e.at, e.problem, e.fix);
            return report(findings, &Locator::default(), None, "nothing (not YAML)");
        }
    };
    let locator = Locator::new(pasted);
    let shape = Shape::of(&value, &mut findings);
    template::check(&value, &mut findings);
    issuer::check(
        expected.authelia_url,
        shape.session.as_ref().map(|(v, p)| (*v, p.as_slice())),
        &mut findings,
    );
    let provider = match &shape.provider {
        Some((map, path)) => provider::check(map, path, &mut findings),
        None => ProviderView::default(),
    };
    let mut digest = None;
    if let Some(clients) = shape.clients(&mut findings) {
        let guide = guide_settings(expected);
        if let Some((map, path)) = find_client(&clients, expected.client_id, &mut findings) {
            digest = client::check(
                map,
                &path,
                guide.as_ref(),
                &expected.guide,
                &provider,
                &mut findings,
            );
        }
    }
    report(findings, &locator, digest, &shape.scope)
}

/// The report: findings with their lines, the digest with its line.
fn report(
    findings: Findings,
    locator: &Locator<'_>,
    digest: Option<(String, Vec<Step>)>,
    scope: &str,
) -> Report {
    Report {
        findings: findings.finish(locator),
        digest: digest.map(|(secret, path)| (secret, locator.line(&path))),
        scope: scope.to_owned(),
    }
}

/// Where the paste's parts are.
pub(crate) struct Shape<'v> {
    pub(crate) scope: String,
    /// The provider mapping and its path, when the paste reaches it.
    pub(crate) provider: Option<(&'v Mapping, Vec<Step>)>,
    /// The clients: a list with its path, or one client mapping (path `[]`).
    pub(crate) clients: Option<(&'v Value, Vec<Step>)>,
    /// The `session` section and its path, when the paste holds it.
    pub(crate) session: Option<(&'v Value, Vec<Step>)>,
}

impl<'v> Shape<'v> {
    /// Recognises what the paste is; a finding when it is none of the expected shapes.
    pub(crate) fn of(value: &'v Value, findings: &mut Findings) -> Shape<'v> {
        let mut shape = Shape {
            scope: "nothing recognised".into(),
            provider: None,
            clients: None,
            session: None,
        };
        match value {
            Value::Mapping(root) => {
                shape.session = root
                    .get("session")
                    .map(|session| (session, vec![Step::key("session")]));
                let oidc = if root.contains_key("identity_providers") {
                    shape.scope = "the whole configuration".into();
                    let ip = root.get("identity_providers");
                    match ip {
                        Some(Value::Mapping(ip)) => match ip.get("oidc") {
                            Some(oidc) => Some((
                                oidc,
                                vec![Step::key("identity_providers"), Step::key("oidc")],
                            )),
                            None => {
                                findings.at(
                                    Rule::OidcMissing,
                                    &[Step::key("identity_providers")],
                                    "`identity_providers` has no `oidc` section, so Authelia \
                                     runs no OpenID Connect provider.",
                                    "Add `oidc:` under `identity_providers:` with the \
                                     provider's keys and the client block from this page.",
                                );
                                None
                            }
                        },
                        other => {
                            findings.at(
                                Rule::WrongType,
                                &[Step::key("identity_providers")],
                                format!(
                                    "`identity_providers` is {}; it takes a mapping.",
                                    other.map_or_else(|| "empty".into(), read::describe)
                                ),
                                "Write `identity_providers:` and below it, indented, `oidc:`.",
                            );
                            None
                        }
                    }
                } else if let Some(oidc) = root.get("oidc") {
                    shape.scope = "the identity_providers part".into();
                    Some((oidc, vec![Step::key("oidc")]))
                } else if root
                    .keys()
                    .filter_map(Value::as_str)
                    .any(|k| k != "clients" && authelia::PROVIDER_KEYS.contains(&k))
                {
                    shape.scope = "the oidc part".into();
                    Some((value, Vec::new()))
                } else if let Some(clients) = root.get("clients") {
                    // `clients:` alone: the list, without the provider around it, whose
                    // rules do not apply.
                    shape.scope = "the clients list".into();
                    shape.clients = Some((clients, vec![Step::key("clients")]));
                    None
                } else if root.contains_key("client_id") || root.contains_key("id") {
                    shape.scope = "one client".into();
                    shape.clients = Some((value, Vec::new()));
                    None
                } else {
                    findings.add(
                        Rule::NotAConfiguration,
                        At::Nowhere,
                        "This does not look like Authelia's OpenID Connect configuration: it \
                         has no `identity_providers`, `oidc`, `clients` or `client_id`.",
                        "Paste the whole configuration.yml, its identity_providers part, or \
                         the client.",
                    );
                    None
                };
                if let Some((oidc, path)) = oidc {
                    match oidc {
                        Value::Mapping(map) => {
                            shape.clients = Some((
                                map.get("clients").unwrap_or(&Value::Null),
                                child(&path, "clients"),
                            ));
                            shape.provider = Some((map, path));
                        }
                        other => findings.at(
                            Rule::WrongType,
                            &path,
                            format!("`oidc` is {}; it takes a mapping.", read::describe(other)),
                            "Write `oidc:` and below it, indented, `hmac_secret:`, `jwks:` and \
                             `clients:`.",
                        ),
                    }
                }
            }
            Value::Sequence(items) => {
                shape.scope = if items.len() == 1 {
                    "one client".into()
                } else {
                    format!("a list of {} clients", items.len())
                };
                shape.clients = Some((value, Vec::new()));
            }
            Value::Null => findings.add(
                Rule::Empty,
                At::Nowhere,
                "The paste is empty.",
                "Paste your configuration.yml, or its identity_providers part.",
            ),
            other => findings.add(
                Rule::NotAConfiguration,
                At::Nowhere,
                format!(
                    "The paste is {}, not a configuration: a configuration is a mapping of \
                     keys.",
                    read::describe(other)
                ),
                "Paste your configuration.yml, or its identity_providers part.",
            ),
        }
        shape
    }

    /// The clients as a list of (mapping, path); findings for a `clients` that is not a
    /// list and for items that are not mappings.
    pub(crate) fn clients(&self, findings: &mut Findings) -> Option<Vec<(&'v Mapping, Vec<Step>)>> {
        let (value, path) = self.clients.as_ref()?;
        match value {
            Value::Mapping(map) => Some(vec![(map, path.clone())]),
            Value::Sequence(items) => Some(
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| {
                        let mut at = path.clone();
                        at.push(Step::Index(i));
                        match item {
                            Value::Mapping(map) => Some((map, at)),
                            other => {
                                findings.at(
                                    Rule::WrongType,
                                    &at,
                                    format!(
                                        "A client is {}; each client is a mapping of keys.",
                                        read::describe(other)
                                    ),
                                    "Write each client as `- client_id: '…'` with its other \
                                     keys below, indented alike.",
                                );
                                None
                            }
                        }
                    })
                    .collect(),
            ),
            Value::Null => {
                findings.at(
                    Rule::ClientListMissing,
                    path,
                    "The provider has no `clients`.",
                    "Add `clients:` with the client block from this page.",
                );
                None
            }
            other => {
                findings.at(
                    Rule::WrongType,
                    path,
                    format!("`clients` is {}; it takes a list.", read::describe(other)),
                    "Write `clients:` and below it one `- client_id: '…'` item per client.",
                );
                None
            }
        }
    }
}

/// The reader's client among `clients`: by id; findings when it is missing or repeated.
fn find_client<'v>(
    clients: &[(&'v Mapping, Vec<Step>)],
    client_id: &str,
    findings: &mut Findings,
) -> Option<(&'v Mapping, Vec<Step>)> {
    let ids: Vec<Option<String>> = clients.iter().map(|(map, _)| id_of(map)).collect();
    let matching: Vec<usize> = ids
        .iter()
        .enumerate()
        .filter(|(_, id)| id.as_deref() == Some(client_id))
        .map(|(i, _)| i)
        .collect();
    let Some(&first) = matching.first() else {
        let listed: Vec<String> = ids
            .iter()
            .flatten()
            .take(MAX_LISTED_CLIENT_IDS)
            .map(|id| format!("'{}'", read::excerpt(id)))
            .collect();
        let more = ids.iter().flatten().count().saturating_sub(listed.len());
        let path = clients
            .first()
            .map(|(_, p)| {
                p.get(..p.len().saturating_sub(1))
                    .unwrap_or_default()
                    .to_vec()
            })
            .unwrap_or_default();
        findings.at(
            Rule::ClientMissing,
            &path,
            format!(
                "There is no client with the id '{}'{}.",
                read::excerpt(client_id),
                if listed.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; the clients here are {}{}",
                        listed.join(", "),
                        if more > 0 {
                            format!(" and {more} more")
                        } else {
                            String::new()
                        }
                    )
                }
            ),
            format!(
                "Add the client block from this page, or, if one of these is the \
                 application's client, set its `client_id` to '{}' (or set the page's \
                 Client ID to the id the application uses).",
                read::excerpt(client_id)
            ),
        );
        return None;
    };
    for &again in matching.iter().skip(1) {
        if let Some((_, path)) = clients.get(again) {
            findings.at(
                Rule::ClientIdDuplicate,
                path,
                format!(
                    "A second client has the id '{}'; each client id must be unique, and \
                     Authelia refuses the configuration.",
                    read::excerpt(client_id)
                ),
                "Remove one of the two, keeping the one that matches this page.",
            );
        }
    }
    clients.get(first).map(|(map, path)| (*map, path.clone()))
}

/// The guide's client settings, from its block: the client with the reader's id, or the
/// block's only client. `None` when the guide has no block or it cannot be read.
fn guide_settings(expected: &Expected<'_>) -> Option<Settings> {
    if expected.guide_block.trim().is_empty() {
        return None;
    }
    let value = read::read(expected.guide_block).ok()?;
    // The guide's own findings are not the reader's: they are discarded.
    let mut ignored = Findings::default();
    let clients = Shape::of(&value, &mut ignored).clients(&mut ignored)?;
    let by_id = clients
        .iter()
        .find(|(map, _)| id_of(map).as_deref() == Some(expected.client_id));
    let (map, _) = by_id.or(if clients.len() == 1 {
        clients.first()
    } else {
        None
    })?;
    Some(Settings::read(map))
}
