//! The rules for the open guide's client: its keys (renamed, unknown), the types of its
//! values, what its settings say together (a public client with a secret, PKCE turned on
//! by its method, a secret the client signs with), its secret (plaintext, a digest
//! Authelia reads, a digest escaped for Docker Compose), and how it differs from the
//! guide's client for the reader's values, Authelia's defaults applied to both. Its
//! consent and claims policy have files of their own (`consent.rs`, `claims.rs`).

use serde_yaml::{Mapping, Value};

use super::authelia::{
    self, AUTH_METHODS, BUILT_IN_POLICIES, CLIENT_BOOLEAN_KEYS, CLIENT_KEYS, CLIENT_LIST_KEYS,
    CLIENT_LIST_OR_TEXT_KEYS, CLIENT_RENAMED, DEFAULT_AUTH_METHOD_CONFIDENTIAL,
    DEFAULT_AUTH_METHOD_PUBLIC, DEFAULT_AUTHORIZATION_POLICY, DEFAULT_ENFORCE_PKCE,
    DEFAULT_GRANT_TYPES, DEFAULT_RESPONSE_TYPES, DEFAULT_SCOPES,
    DEFAULT_USERINFO_SIGNED_RESPONSE_ALG, ENDPOINT_AUTH_METHOD_KEYS, ENFORCE_PKCE_ALWAYS,
    EXPAND_ENV_FILTER, FILTERS_VARIABLE, GRANT_TYPES, HMAC_ALGS, KEY_AUTH_METHOD, PKCE_METHODS,
    Place, REDIRECT_SCHEMES, RESPONSE_MODES, RESPONSE_TYPES, SECRET_JWT_AUTH_METHOD,
    SIGNED_RESPONSE_ALG_KEYS,
};
use super::finding::Findings;
use super::locate::Step;
use super::read::{describe, excerpt, has_template, scalar_text};
use super::rule::Rule;
use super::{GuideFacts, claims, consent, redirect, suggest};

/// Client keys whose value is one piece of text.
const TEXT_KEYS: &[&str] = &[
    "client_id",
    "client_name",
    "client_secret",
    "token_endpoint_auth_method",
    "pkce_challenge_method",
    "authorization_policy",
    "sector_identifier_uri",
    "consent_mode",
    "claims_policy",
];

/// `path` with one more key.
pub(crate) fn child(path: &[Step], key: &str) -> Vec<Step> {
    let mut path = path.to_vec();
    path.push(Step::key(key));
    path
}

/// `path` with one more index.
fn item(path: &[Step], index: usize) -> Vec<Step> {
    let mut path = path.to_vec();
    path.push(Step::Index(index));
    path
}

/// The value of `key`, or of the name it had before 4.38: the value and the name used.
pub(crate) fn get<'m>(map: &'m Mapping, key: &'static str) -> Option<(&'m Value, &'static str)> {
    let old = CLIENT_RENAMED.iter().find(|r| r.new == key).map(|r| r.old);
    map.get(key)
        .map(|v| (v, key))
        .or_else(|| old.and_then(|old| map.get(old).map(|v| (v, old))))
        .filter(|(v, _)| !v.is_null())
}

/// A client's id: `client_id`, or `id` as before 4.38.
pub(crate) fn id_of(client: &Mapping) -> Option<String> {
    get(client, "client_id").and_then(|(v, _)| scalar_text(v))
}

/// What a client sets, before Authelia's defaults; what is absent or of the wrong type is
/// `None`.
#[derive(Debug, Default)]
pub(crate) struct Settings {
    public: Option<bool>,
    secret: Option<(String, &'static str)>,
    auth_method: Option<String>,
    require_pkce: Option<bool>,
    pkce_method: Option<String>,
    pub(crate) scopes: Option<Vec<String>>,
    grant_types: Option<Vec<String>>,
    response_types: Option<Vec<String>>,
    policy: Option<String>,
    redirect_uris: Option<Vec<String>>,
    /// `consent_mode` as written.
    pub(crate) consent_mode: Option<String>,
    /// Whether `pre_configured_consent_duration` is set (its value is not read).
    pub(crate) consent_duration: bool,
    /// `claims_policy` as written.
    pub(crate) claims_policy: Option<String>,
    /// `userinfo_signed_response_alg` as written.
    userinfo_alg: Option<String>,
    /// The key and value by which the client signs with its secret (`client_secret_jwt`
    /// at an endpoint, or an HMAC signing algorithm), when it does: Authelia then needs
    /// the secret in plaintext.
    signs_with_secret: Option<(&'static str, String)>,
}

impl Settings {
    /// Reads a client's settings; the types are checked by [`check_types`].
    pub(crate) fn read(map: &Mapping) -> Settings {
        let text = |key| get(map, key).and_then(|(v, _)| scalar_text(v));
        let boolean = |key| get(map, key).and_then(|(v, _)| v.as_bool());
        let list = |key| {
            get(map, key).and_then(|(v, _)| match v {
                Value::Sequence(items) => Some(items.iter().filter_map(scalar_text).collect()),
                Value::String(s) if CLIENT_LIST_OR_TEXT_KEYS.contains(&key) => {
                    Some(vec![s.clone()])
                }
                _ => None,
            })
        };
        Settings {
            public: boolean("public"),
            secret: get(map, "client_secret")
                .and_then(|(v, name)| scalar_text(v).map(|s| (s, name))),
            auth_method: text("token_endpoint_auth_method"),
            require_pkce: boolean("require_pkce"),
            pkce_method: text("pkce_challenge_method"),
            scopes: list("scopes"),
            grant_types: list("grant_types"),
            response_types: list("response_types"),
            policy: text("authorization_policy"),
            redirect_uris: list("redirect_uris"),
            consent_mode: text("consent_mode"),
            consent_duration: get(map, "pre_configured_consent_duration").is_some(),
            claims_policy: text("claims_policy").filter(|p| !p.is_empty()),
            userinfo_alg: text("userinfo_signed_response_alg"),
            signs_with_secret: ENDPOINT_AUTH_METHOD_KEYS
                .iter()
                .filter_map(|key| text(key).map(|v| (*key, v)))
                .find(|(_, method)| method == SECRET_JWT_AUTH_METHOD)
                .or_else(|| {
                    SIGNED_RESPONSE_ALG_KEYS
                        .iter()
                        .filter_map(|key| text(key).map(|v| (*key, v)))
                        .find(|(_, alg)| HMAC_ALGS.contains(&alg.as_str()))
                }),
        }
    }

    pub(crate) fn is_public(&self) -> bool {
        self.public.unwrap_or(false)
    }

    /// The auth method with Authelia's default for the client's type.
    fn auth_method(&self) -> String {
        match self.auth_method.as_deref() {
            Some(m) if !m.is_empty() => m.to_owned(),
            _ if self.is_public() => DEFAULT_AUTH_METHOD_PUBLIC.to_owned(),
            _ => DEFAULT_AUTH_METHOD_CONFIDENTIAL.to_owned(),
        }
    }

    fn pkce_method(&self) -> &str {
        self.pkce_method.as_deref().unwrap_or("")
    }

    /// Whether the client requires PKCE: `require_pkce`, or any challenge method.
    fn pkce_required(&self) -> bool {
        self.require_pkce.unwrap_or(false) || !self.pkce_method().is_empty()
    }

    fn policy(&self) -> &str {
        match self.policy.as_deref() {
            Some(p) if !p.is_empty() => p,
            _ => DEFAULT_AUTHORIZATION_POLICY,
        }
    }
}

/// A list setting with its default applied, sorted and without repeats: compared as a set.
fn as_set(list: Option<&Vec<String>>, default: &[&str]) -> Vec<String> {
    let mut set: Vec<String> = match list {
        Some(list) if !list.is_empty() => list.clone(),
        _ => default.iter().map(|s| (*s).to_owned()).collect(),
    };
    set.sort();
    set.dedup();
    set
}

/// Most values a finding lists from one pasted list (scopes, redirect URIs): enough to
/// compare with the guide's few, and a list of thousands does not make a huge finding.
pub const MAX_LISTED_VALUES: usize = 20;

/// `a, b, c` with each in backticks (at most [`MAX_LISTED_VALUES`], then "and N more"),
/// or "none".
fn listed(items: &[String]) -> String {
    if items.is_empty() {
        return "none".into();
    }
    let shown = items
        .iter()
        .take(MAX_LISTED_VALUES)
        .map(|i| format!("`{}`", excerpt(i)))
        .collect::<Vec<_>>()
        .join(", ");
    match items.len().saturating_sub(MAX_LISTED_VALUES) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

/// What the provider tells the client rules.
#[derive(Debug, Default)]
pub(crate) struct ProviderView {
    /// The names of the provider's `authorization_policies`, when the paste has the
    /// provider.
    pub policies: Option<Vec<String>>,
    /// The provider's `claims_policies`, when the paste has the provider: each name with
    /// its `id_token` claims (`None` when it lists none).
    pub claims_policies: Option<Vec<(String, Option<Vec<String>>)>>,
    /// The provider's `enforce_pkce`, when the paste has the provider and sets it.
    pub enforce_pkce: Option<String>,
}

/// The rules for the reader's client at `path`, compared with the guide's client when
/// there is one. Returns the client's secret when it is a digest Authelia reads, with
/// the path of its key.
pub(crate) fn check(
    map: &Mapping,
    path: &[Step],
    guide: Option<&Settings>,
    facts: &GuideFacts<'_>,
    provider: &ProviderView,
    findings: &mut Findings,
) -> Option<(String, Vec<Step>)> {
    check_keys(map, path, findings);
    check_types(map, path, findings);
    let mine = Settings::read(map);
    let at = |key: &'static str| -> Vec<Step> {
        match get_any(map, key) {
            Some(name) => child(path, name),
            None => path.to_vec(),
        }
    };
    let digest = check_secret(&mine, path, findings);
    check_auth_method(&mine, guide, &at, findings);
    check_public(&mine, guide, &at, findings);
    check_pkce(&mine, guide, provider, &at, findings);
    check_lists(map, &mine, guide, path, &at, findings);
    check_policy(&mine, guide, provider, &at, findings);
    check_userinfo_alg(&mine, guide, &at, findings);
    check_redirect_uris(map, &mine, guide, path, &at, findings);
    consent::check(&mine, guide, &at, findings);
    claims::check(
        id_of(map).as_deref(),
        &mine,
        guide,
        facts,
        provider,
        &at,
        findings,
    );
    digest
}

/// The name `key` is written under in `map` (its own, or its old one), if present.
fn get_any(map: &Mapping, key: &'static str) -> Option<&'static str> {
    get(map, key).map(|(_, name)| name)
}

/// Renamed and unknown keys.
fn check_keys(map: &Mapping, path: &[Step], findings: &mut Findings) {
    for key in map.keys() {
        let Some(name) = key.as_str() else {
            findings.at(
                Rule::WrongType,
                path,
                format!("A client key is {}, not a name.", describe(key)),
                "Write each key as a name, such as `client_id:`.",
            );
            continue;
        };
        if let Some(renamed) = CLIENT_RENAMED.iter().find(|r| r.old == name) {
            let both = map.contains_key(renamed.new);
            findings.at(
                Rule::RenamedKey,
                &child(path, name),
                format!(
                    "`{name}` is the name this key had before Authelia 4.38; it is now `{}`{}.",
                    renamed.new,
                    if both {
                        ", and that key is set too"
                    } else {
                        ""
                    }
                ),
                if both {
                    format!("Remove `{name}` and keep `{}`.", renamed.new)
                } else {
                    format!(
                        "Rename `{name}` to `{}`: Authelia still reads the old name, with a \
                         warning, but will stop in its next major version.",
                        renamed.new
                    )
                },
            );
        } else if !CLIENT_KEYS.contains(&name) {
            unknown(name, "client", CLIENT_KEYS, &child(path, name), findings);
        }
    }
}

/// A finding for an unknown key, with the closest known one when it is close.
pub(crate) fn unknown(
    name: &str,
    place: &str,
    known: &[&str],
    path: &[Step],
    findings: &mut Findings,
) {
    if findings.full() {
        findings.count();
        return;
    }
    let near = match place {
        "client" => authelia::near_miss(Place::Client, name),
        "provider" => authelia::near_miss(Place::Provider, name),
        _ => authelia::near_miss(Place::JwksEntry, name),
    };
    let fix = if let Some(miss) = near {
        match miss.meant {
            Some(meant) => format!("Did you mean `{meant}`? {}", capitalised(miss.why)),
            None => format!("Remove it: {}", miss.why),
        }
    } else if let Some(near) = suggest::closest(name, known) {
        format!("Did you mean `{near}`?")
    } else {
        format!(
            "Remove it, or check its spelling in Authelia's {place} reference; Authelia \
             refuses a configuration with keys it does not know."
        )
    };
    findings.at(
        Rule::UnknownKey,
        path,
        format!("Authelia has no {place} key `{}`.", excerpt(name)),
        fix,
    );
}

/// `text` with its first letter in capitals, to start a sentence.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Values of the wrong type.
fn check_types(map: &Mapping, path: &[Step], findings: &mut Findings) {
    for (key, value) in map {
        let Some(name) = key.as_str() else { continue };
        let new = CLIENT_RENAMED
            .iter()
            .find(|r| r.old == name)
            .map_or(name, |r| r.new);
        let here = child(path, name);
        if value.is_null() {
            continue;
        }
        if CLIENT_BOOLEAN_KEYS.contains(&new) && value.as_bool().is_none() {
            findings.at(
                Rule::WrongType,
                &here,
                format!(
                    "`{name}` is {}; it takes `true` or `false`.",
                    describe(value)
                ),
                format!("Write `{name}: true` or `{name}: false`, without quotes."),
            );
        } else if CLIENT_LIST_KEYS.contains(&new) {
            match value {
                Value::Sequence(items) => {
                    for (i, entry) in items.iter().enumerate() {
                        if scalar_text(entry).is_none() {
                            findings.at(
                                Rule::WrongType,
                                &item(&here, i),
                                format!(
                                    "An item of `{name}` is {}; each is one piece of text.",
                                    describe(entry)
                                ),
                                format!("Write each item of `{name}` as `- 'text'`."),
                            );
                        }
                    }
                }
                Value::String(_) if CLIENT_LIST_OR_TEXT_KEYS.contains(&new) => {}
                other => findings.at(
                    Rule::WrongType,
                    &here,
                    format!("`{name}` is {}; it takes a list.", describe(other)),
                    format!("Write `{name}:` and below it one `- 'value'` line per item."),
                ),
            }
        } else if TEXT_KEYS.contains(&new) && scalar_text(value).is_none() {
            findings.at(
                Rule::WrongType,
                &here,
                format!(
                    "`{name}` is {}; it takes one piece of text.",
                    describe(value)
                ),
                format!("Write `{name}: 'value'` on one line."),
            );
        }
    }
}

/// A public client with a secret, a confidential one without, and a secret that is
/// plaintext or not a digest Authelia reads.
fn check_secret(
    mine: &Settings,
    path: &[Step],
    findings: &mut Findings,
) -> Option<(String, Vec<Step>)> {
    let secret = mine.secret.as_ref().filter(|(s, _)| !s.is_empty());
    if mine.is_public() {
        if let Some((_, name)) = secret {
            findings.at(
                Rule::PublicWithSecret,
                &child(path, name),
                "This client is public (`public: true`), and a public client has no secret, \
                 yet `client_secret` is set.",
                "Remove `client_secret`, or set `public: false` if the application keeps a \
                 secret.",
            );
        }
        return None;
    }
    let Some((secret, name)) = secret else {
        if mine.auth_method() != KEY_AUTH_METHOD {
            findings.at(
                Rule::SecretMissing,
                path,
                "This client is confidential but has no `client_secret`.",
                "Add `client_secret:` with the digest of the application's secret, as this \
                 page shows it.",
            );
        }
        return None;
    };
    let here = child(path, name);
    if has_template(secret) {
        // Its text is the template's, not the secret's: `template-not-expanded` says so.
        return None;
    }
    let parsed = guide_secrets::parse(secret);
    let is_digest = matches!(
        parsed,
        Ok(ref digest) if !matches!(digest, guide_secrets::ParsedDigest::Plaintext { .. })
    );
    if !is_digest && secret.contains("$$") {
        let single = secret.replace("$$", "$");
        if let Ok(digest) = guide_secrets::parse(&single)
            && !matches!(digest, guide_secrets::ParsedDigest::Plaintext { .. })
        {
            findings.at(
                Rule::DigestDoubleDollar,
                &here,
                format!(
                    "`client_secret` is a digest with every `$` written twice (`$$`), as a \
                     Docker Compose file escapes it. Authelia reads its configuration file as \
                     it is, unless it runs with `{FILTERS_VARIABLE}={EXPAND_ENV_FILTER}` (which \
                     reads `$$` as `$`), so it sees the `$$` and cannot read the digest."
                ),
                format!(
                    "Write each `$$` as one `$`: `'{}'`. `$$` is right only where Docker \
                     Compose reads the text (the compose file itself, e.g. an `environment:` \
                     value), or with the `{EXPAND_ENV_FILTER}` filter on.",
                    excerpt(&single)
                ),
            );
            return None;
        }
    }
    if let Some((key, value)) = &mine.signs_with_secret {
        if is_digest {
            findings.at(
                Rule::DigestNeedsPlaintext,
                &here,
                format!(
                    "`client_secret` is a digest, but this client's `{key}` is '{}', which \
                     signs with the client secret itself: Authelia needs the secret in \
                     plaintext for that, and refuses to start with a digest.",
                    excerpt(value)
                ),
                format!(
                    "Put the secret itself in `client_secret`, written `'$plaintext$'` \
                     followed by the secret so Authelia knows it is plaintext, or use \
                     another `{key}` if the application allows it."
                ),
            );
        }
        if is_digest || parsed.is_ok() {
            // A plaintext secret is what this client needs: nothing to report, no digest.
            return None;
        }
    }
    match parsed {
        Ok(guide_secrets::ParsedDigest::Plaintext { marked: true, .. }) => {
            findings.at(
                Rule::PlaintextSecret,
                &here,
                "`client_secret` holds the secret itself, in Authelia's `$plaintext$` form, \
                 not a digest of it.",
                "Put the digest in Authelia (this page computes it from your secret) and the \
                 plaintext secret in the application only.",
            );
            None
        }
        Ok(guide_secrets::ParsedDigest::Plaintext { marked: false, .. }) => {
            findings.at(
                Rule::PlaintextSecret,
                &here,
                "`client_secret` is not a digest (a digest starts with `$`): this looks like \
                 the plaintext secret.",
                "Put the digest in Authelia (this page computes it from your secret) and the \
                 plaintext secret in the application only.",
            );
            None
        }
        Ok(_) => Some((secret.clone(), here)),
        Err(reason) => {
            findings.at(
                Rule::DigestUnreadable,
                &here,
                format!("`client_secret` is not a digest Authelia can read. {reason}"),
                "Paste the digest exactly as this page or `authelia crypto hash generate` \
                 gives it.",
            );
            None
        }
    }
}

/// An auth method Authelia does not know, one that contradicts the client's type, or one
/// other than what the application sends.
fn check_auth_method(
    mine: &Settings,
    guide: Option<&Settings>,
    at: &dyn Fn(&'static str) -> Vec<Step>,
    findings: &mut Findings,
) {
    let key = "token_endpoint_auth_method";
    let method = mine.auth_method();
    if !AUTH_METHODS.contains(&method.as_str()) {
        findings.at(
            Rule::AuthMethodUnknown,
            &at(key),
            format!(
                "`{key}` is '{}', which Authelia does not know.",
                excerpt(&method)
            ),
            format!(
                "Use one of {}.",
                listed(
                    &AUTH_METHODS
                        .iter()
                        .map(|s| (*s).to_owned())
                        .collect::<Vec<_>>()
                )
            ),
        );
        return;
    }
    let explicit = mine.auth_method.as_deref().is_some_and(|m| !m.is_empty());
    let shown = if explicit {
        format!("'{method}'")
    } else {
        format!("'{method}' (Authelia's default, since it is not set)")
    };
    if mine.is_public() && method != DEFAULT_AUTH_METHOD_PUBLIC {
        findings.at(
            Rule::PublicAuthMethod,
            &at(key),
            format!(
                "This client is public, but its `{key}` is {shown}: a public client has no \
                 secret to authenticate with."
            ),
            format!("Set `{key}: 'none'`, or set `public: false`."),
        );
    } else if !mine.is_public() && method == DEFAULT_AUTH_METHOD_PUBLIC {
        findings.at(
            Rule::ConfidentialAuthNone,
            &at(key),
            format!(
                "This client is confidential, but its `{key}` is 'none', which only a public \
                 client may use."
            ),
            "Set the method the application sends, or `public: true` if the application \
             keeps no secret.",
        );
    }
    if let Some(guide) = guide {
        let wanted = guide.auth_method();
        if wanted != method {
            findings.at(
                Rule::AuthMethodDiffers,
                &at(key),
                format!(
                    "`{key}` is {shown}, but the application sends its credentials with \
                     '{wanted}': Authelia then refuses the application with `invalid_client`."
                ),
                format!("Set `{key}: '{wanted}'`."),
            );
        }
    }
}

/// `public` other than the guide's.
fn check_public(
    mine: &Settings,
    guide: Option<&Settings>,
    at: &dyn Fn(&'static str) -> Vec<Step>,
    findings: &mut Findings,
) {
    let Some(guide) = guide else { return };
    if mine.is_public() != guide.is_public() {
        let (mine_says, wanted) = if mine.is_public() {
            ("public (it keeps no secret)", "false")
        } else {
            ("confidential (it keeps a secret)", "true")
        };
        findings.at(
            Rule::PublicDiffers,
            &at("public"),
            format!(
                "This client is {mine_says}, but the guide sets the application up the other \
                 way."
            ),
            format!("Set `public: {wanted}`."),
        );
    }
}

/// A challenge method Authelia does not know, a method with `require_pkce: false`, a
/// public client that leaves PKCE to the provider, and PKCE other than the application
/// uses.
///
/// What the application does is what the guide says: its client requires PKCE
/// (`require_pkce`, or any challenge method), or it is public, which Authelia's provider
/// requires PKCE of by default (`enforce_pkce: 'public_clients_only'`), so the
/// application the guide was tested with sends it. Its method is known only when the
/// guide names one.
fn check_pkce(
    mine: &Settings,
    guide: Option<&Settings>,
    provider: &ProviderView,
    at: &dyn Fn(&'static str) -> Vec<Step>,
    findings: &mut Findings,
) {
    let method = mine.pkce_method();
    if !PKCE_METHODS.contains(&method) {
        findings.at(
            Rule::PkceMethodUnknown,
            &at("pkce_challenge_method"),
            format!(
                "`pkce_challenge_method` is '{}', which Authelia does not know.",
                excerpt(method)
            ),
            "Use 'S256' (recommended), 'plain', or '' for none.",
        );
        return;
    }
    if mine.require_pkce == Some(false) && !method.is_empty() {
        findings.at(
            Rule::RequirePkceIgnored,
            &at("require_pkce"),
            format!(
                "`require_pkce` is false, but `pkce_challenge_method` is '{method}', and any \
                 challenge method turns PKCE on: Authelia will require PKCE from this client."
            ),
            "Set `require_pkce: true` to say so, or `pkce_challenge_method: ''` if the \
             application does not send PKCE.",
        );
    }
    let enforce = provider
        .enforce_pkce
        .as_deref()
        .unwrap_or(DEFAULT_ENFORCE_PKCE);
    // Whether the application sends PKCE, as the guide says (`None` without a guide).
    let app_sends = guide.map(|g| g.pkce_required() || g.is_public());
    // Where the guide's application sends no PKCE, a public client is the fault
    // (`public-differs`), and requiring PKCE would not mend it.
    if mine.is_public() && !mine.pkce_required() && app_sends != Some(false) {
        let key = if mine.require_pkce.is_some() {
            "require_pkce"
        } else {
            "public"
        };
        let problem = if enforce == "never" {
            "This client is public and does not require PKCE, and the provider's \
             `enforce_pkce` is 'never': nothing then binds an authorization code to the \
             application that asked for it, and whoever intercepts one can redeem it."
                .to_owned()
        } else {
            format!(
                "This client is public and does not say `require_pkce`: Authelia requires \
                 PKCE from it only because the provider's `enforce_pkce` is '{enforce}'{}, \
                 so the client's safety hangs on a setting made elsewhere.",
                if provider.enforce_pkce.is_none() {
                    " (its default)"
                } else {
                    ""
                }
            )
        };
        findings.at(
            Rule::PublicClientWithoutPkce,
            &at(key),
            problem,
            "Set `require_pkce: true` and `pkce_challenge_method: 'S256'` on the client; \
             an application that keeps no secret should always send PKCE.",
        );
    }
    let (Some(guide), Some(app_sends)) = (guide, app_sends) else {
        return;
    };
    let always = enforce == ENFORCE_PKCE_ALWAYS;
    match (mine.pkce_required() || always, app_sends) {
        (true, false) if mine.pkce_required() => findings.at(
            Rule::PkceDiffers,
            &at("require_pkce"),
            "Authelia will require PKCE from this client, but the application, as the guide \
             sets it up, does not send it: signing in fails.",
            if always {
                "Set `require_pkce: false` and `pkce_challenge_method: ''`, and the \
                 provider's `enforce_pkce` to 'public_clients_only'."
            } else {
                "Set `require_pkce: false` and `pkce_challenge_method: ''`."
            },
        ),
        (true, false) => findings.at(
            Rule::PkceDiffers,
            &at("require_pkce"),
            "The provider's `enforce_pkce` is 'always', so Authelia requires PKCE from this \
             client, but the application, as the guide sets it up, does not send it: \
             signing in fails.",
            "Set the provider's `enforce_pkce` to 'public_clients_only' (its default), or \
             turn PKCE on in the application if it can.",
        ),
        (false, true) if guide.pkce_required() => findings.at(
            Rule::PkceDiffers,
            &at("require_pkce"),
            "PKCE is off here, but the guide turns it on for this application.",
            format!(
                "Set `require_pkce: true` and `pkce_challenge_method: '{}'`.",
                guide.pkce_method()
            ),
        ),
        (true, true)
            if !method.is_empty()
                && !guide.pkce_method().is_empty()
                && method != guide.pkce_method() =>
        {
            findings.at(
                Rule::PkceDiffers,
                &at("pkce_challenge_method"),
                format!(
                    "`pkce_challenge_method` is '{method}', but the application uses '{}'.",
                    guide.pkce_method()
                ),
                format!("Set `pkce_challenge_method: '{}'`.", guide.pkce_method()),
            )
        }
        _ => {}
    }
}

/// Values outside the allowed sets (`grant_types`, `response_types`, `response_modes`),
/// and `scopes`, `grant_types`, `response_types` other than the guide's (compared as
/// sets, defaults applied).
fn check_lists(
    map: &Mapping,
    mine: &Settings,
    guide: Option<&Settings>,
    path: &[Step],
    at: &dyn Fn(&'static str) -> Vec<Step>,
    findings: &mut Findings,
) {
    for (key, allowed, rule) in [
        ("grant_types", GRANT_TYPES, Rule::GrantTypeUnknown),
        ("response_types", RESPONSE_TYPES, Rule::ResponseTypeUnknown),
        ("response_modes", RESPONSE_MODES, Rule::ResponseModeUnknown),
    ] {
        if let Some(Value::Sequence(items)) = map.get(key) {
            for (i, value) in items.iter().enumerate() {
                if let Some(text) = scalar_text(value)
                    && !allowed.contains(&text.as_str())
                {
                    findings.at(
                        rule,
                        &item(&child(path, key), i),
                        format!("'{}' is not one of Authelia's `{key}`.", excerpt(&text)),
                        format!(
                            "Use one of {}.",
                            listed(&allowed.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
                        ),
                    );
                }
            }
        }
    }
    let Some(guide) = guide else { return };
    for (key, mine_list, guide_list, default, rule) in [
        (
            "scopes",
            &mine.scopes,
            &guide.scopes,
            DEFAULT_SCOPES,
            Rule::ScopesDiffer,
        ),
        (
            "grant_types",
            &mine.grant_types,
            &guide.grant_types,
            DEFAULT_GRANT_TYPES,
            Rule::GrantTypesDiffer,
        ),
        (
            "response_types",
            &mine.response_types,
            &guide.response_types,
            DEFAULT_RESPONSE_TYPES,
            Rule::ResponseTypesDiffer,
        ),
    ] {
        let have = as_set(mine_list.as_ref(), default);
        let want = as_set(guide_list.as_ref(), default);
        if have == want {
            continue;
        }
        let missing: Vec<String> = want.iter().filter(|w| !have.contains(w)).cloned().collect();
        let extra: Vec<String> = have.iter().filter(|h| !want.contains(h)).cloned().collect();
        let mut problem = format!(
            "`{key}` are {}{}, but the guide's are {}:",
            listed(&have),
            if mine_list.as_ref().is_none_or(|l| l.is_empty()) {
                " (Authelia's default, since none are set)"
            } else {
                ""
            },
            listed(&want)
        );
        if !missing.is_empty() {
            problem.push_str(&format!(" {} missing", listed(&missing)));
        }
        if !extra.is_empty() {
            problem.push_str(&format!(
                "{} {} not in the guide",
                if missing.is_empty() { "" } else { ";" },
                listed(&extra)
            ));
        }
        problem.push('.');
        findings.at(
            rule,
            &at(key),
            problem,
            format!("Set `{key}` to {}.", listed(&want)),
        );
    }
}

/// A userinfo answer signed (a JWT) where the guide's application reads it as JSON, or the
/// other way round: the application cannot read the user's claims.
fn check_userinfo_alg(
    mine: &Settings,
    guide: Option<&Settings>,
    at: &dyn Fn(&'static str) -> Vec<Step>,
    findings: &mut Findings,
) {
    let Some(guide) = guide else { return };
    let key = "userinfo_signed_response_alg";
    let alg = |s: &Settings| {
        s.userinfo_alg
            .clone()
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| DEFAULT_USERINFO_SIGNED_RESPONSE_ALG.to_owned())
    };
    let (have, want) = (alg(mine), alg(guide));
    if have == want || has_template(&have) || has_template(&want) {
        return;
    }
    let problem = if want == DEFAULT_USERINFO_SIGNED_RESPONSE_ALG {
        format!(
            "`{key}` is '{}': Authelia answers the userinfo endpoint with a signed JWT, but \
             the application, as the guide sets it up, reads that answer as JSON (the \
             guide's is 'none'), so it cannot read the user's claims.",
            excerpt(&have)
        )
    } else {
        format!(
            "`{key}` is '{}', but the guide's is '{want}': the application expects the \
             userinfo answer signed that way.",
            excerpt(&have)
        )
    };
    findings.at(
        Rule::UserinfoAlgDiffers,
        &at(key),
        problem,
        format!("Set `{key}: '{want}'`, as the guide does."),
    );
}

/// A custom policy the provider does not define, and a policy other than the guide's.
fn check_policy(
    mine: &Settings,
    guide: Option<&Settings>,
    provider: &ProviderView,
    at: &dyn Fn(&'static str) -> Vec<Step>,
    findings: &mut Findings,
) {
    let key = "authorization_policy";
    let policy = mine.policy();
    if let Some(policies) = &provider.policies
        && !BUILT_IN_POLICIES.contains(&policy)
        && !policies.iter().any(|p| p == policy)
    {
        findings.at(
            Rule::PolicyUndefined,
            &at(key),
            format!(
                "`{key}` is '{}', but that policy is neither `one_factor` nor `two_factor` \
                 nor one of the provider's `authorization_policies`.",
                excerpt(policy)
            ),
            "Use `one_factor` or `two_factor`, or define the policy under \
             `identity_providers.oidc.authorization_policies`.",
        );
    }
    if let Some(guide) = guide
        && guide.policy() != policy
    {
        findings.at(
            Rule::PolicyDiffers,
            &at(key),
            format!(
                "`{key}` is '{}', but the guide's is '{}'.",
                excerpt(policy),
                guide.policy()
            ),
            format!(
                "Set `{key}: '{}'`, unless you chose this policy on purpose.",
                guide.policy()
            ),
        );
    }
}

/// Missing redirect URIs, a scheme other than http(s), and URIs other than the guide's.
fn check_redirect_uris(
    map: &Mapping,
    mine: &Settings,
    guide: Option<&Settings>,
    path: &[Step],
    at: &dyn Fn(&'static str) -> Vec<Step>,
    findings: &mut Findings,
) {
    let key = "redirect_uris";
    let have = mine.redirect_uris.clone().unwrap_or_default();
    if have.is_empty() {
        if map
            .get(key)
            .is_none_or(|v| v.as_sequence().is_some() || v.is_null())
        {
            findings.at(
                Rule::RedirectUriMissing,
                &at(key),
                "This client has no `redirect_uris`; Authelia needs at least one.",
                match guide.and_then(|g| g.redirect_uris.as_ref()) {
                    Some(want) => format!("Add `redirect_uris:` with {}.", listed(want)),
                    None => "Add `redirect_uris:` with the application's callback address.".into(),
                },
            );
        }
        return;
    }
    for (i, uri) in have.iter().enumerate() {
        if !has_scheme(uri) {
            let here = match map.get(key) {
                Some(Value::Sequence(_)) => item(&child(path, key), i),
                _ => at(key),
            };
            findings.at(
                Rule::RedirectUriNoScheme,
                &here,
                format!(
                    "The redirect URI '{}' is not a full address: it has no scheme such as `https:`.",
                    excerpt(uri)
                ),
                "Write the application's full callback address, starting with `https://` (or, for a native app, its own scheme).",
            );
        }
    }
    let Some(want) = guide.and_then(|g| g.redirect_uris.as_ref()) else {
        return;
    };
    let missing: Vec<&String> = want.iter().filter(|w| !have.contains(w)).collect();
    let extra: Vec<&str> = have
        .iter()
        .filter(|h| !want.contains(h))
        .map(String::as_str)
        .collect();
    let Some(first) = missing.first() else { return };
    let mut problem = format!(
        "`{key}` are {}, but the application's callback is {}.",
        listed(&have),
        listed(want)
    );
    if let Some(near) = redirect::closest(first, &extra)
        && let Some(difference) = redirect::difference(near, first)
    {
        problem.push_str(&format!(
            " The closest, '{}', differs: {difference}.",
            excerpt(near)
        ));
    }
    problem.push_str(" Authelia compares them exactly and refuses any other.");
    findings.at(
        Rule::RedirectUriDiffers,
        &at(key),
        problem,
        format!("Set `{key}` to {}.", listed(want)),
    );
}

/// Whether a redirect URI starts with a scheme (RFC 3986, section 3.1): a web scheme
/// ([`REDIRECT_SCHEMES`]) or a native app's own (`app.immich:`).
fn has_scheme(uri: &str) -> bool {
    let Some((scheme, rest)) = uri.split_once(':') else {
        return false;
    };
    REDIRECT_SCHEMES.contains(&scheme)
        // `host:8080/…` is a host and port, not a scheme.
        || (!rest.starts_with(|c: char| c.is_ascii_digit())
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
}

#[cfg(test)]
mod tests {
    use super::has_scheme;

    #[test]
    fn web_and_native_app_schemes_count_and_a_bare_host_does_not() {
        for uri in [
            "https://app.example.com/cb",
            "http://127.0.0.1:8080/cb",
            "app.immich:///oauth-callback",
            "audiobookshelf://oauth",
            "kitchenowl:/signin/redirect",
        ] {
            assert!(has_scheme(uri), "{uri}");
        }
        for uri in [
            "",
            "matomo.example.com/callback",
            "example.com:8443/cb",
            "<provided by pangolin>",
            "1app:/x",
        ] {
            assert!(!has_scheme(uri), "{uri}");
        }
    }
}
