//! The rules for the provider (`identity_providers.oidc`), when the paste reaches it: its
//! keys (renamed in 4.38, unknown), `hmac_secret`, and `jwks` with each entry's key, key
//! id, use and algorithm (`key_use.rs`).

use std::collections::HashSet;

use serde_yaml::{Mapping, Value};

use super::authelia::{
    JWK_KEYS, MAX_KEY_ID_CHARS, MIN_HMAC_SECRET_CHARS, MIN_RSA_BITS, PROVIDER_KEYS,
    PROVIDER_RENAMED, key_id_is_valid,
};
use super::client::{ProviderView, child, unknown};
use super::finding::Findings;
use super::jwks_key::{self, KeyKind};
use super::key_use;
use super::locate::Step;
use super::read::{describe, excerpt, has_template, scalar_text};
use super::rule::Rule;

/// The rules for the provider mapping at `path`; what the client rules need from it.
pub(crate) fn check(map: &Mapping, path: &[Step], findings: &mut Findings) -> ProviderView {
    check_keys(map, path, findings);
    check_hmac_secret(map, path, findings);
    check_jwks(map, path, findings);
    ProviderView {
        policies: Some(match map.get("authorization_policies") {
            Some(Value::Mapping(policies)) => policies
                .keys()
                .filter_map(|k| k.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        }),
        claims_policies: Some(match map.get("claims_policies") {
            Some(Value::Mapping(policies)) => policies
                .iter()
                .filter_map(|(name, policy)| {
                    let id_token = match policy.get("id_token") {
                        Some(Value::Sequence(claims)) => {
                            Some(claims.iter().filter_map(scalar_text).collect())
                        }
                        _ => None,
                    };
                    name.as_str().map(|n| (n.to_owned(), id_token))
                })
                .collect(),
            _ => Vec::new(),
        }),
        enforce_pkce: map.get("enforce_pkce").and_then(scalar_text),
    }
}

/// Renamed and unknown keys (`issuer_private_key` is reported with `jwks`).
fn check_keys(map: &Mapping, path: &[Step], findings: &mut Findings) {
    for key in map.keys() {
        let Some(name) = key.as_str() else {
            findings.at(
                Rule::WrongType,
                path,
                format!("A provider key is {}, not a name.", describe(key)),
                "Write each key as a name, such as `hmac_secret:`.",
            );
            continue;
        };
        if name == "issuer_private_key" {
            continue;
        }
        if let Some(renamed) = PROVIDER_RENAMED.iter().find(|r| r.old == name) {
            findings.at(
                Rule::RenamedKey,
                &child(path, name),
                format!(
                    "`{name}` is a provider key from before Authelia 4.38; it is now `{}`.",
                    renamed.new
                ),
                if renamed.new == "jwks" {
                    "Give the certificate chain as `certificate_chain` of the `jwks` entry \
                     that holds its key."
                        .to_owned()
                } else {
                    format!("Move its value to `{}`.", renamed.new)
                },
            );
        } else if !PROVIDER_KEYS.contains(&name) {
            unknown(
                name,
                "provider",
                PROVIDER_KEYS,
                &child(path, name),
                findings,
            );
        }
    }
}

/// `hmac_secret` must be there, as text.
fn check_hmac_secret(map: &Mapping, path: &[Step], findings: &mut Findings) {
    match map.get("hmac_secret") {
        None | Some(Value::Null) => findings.at(
            Rule::HmacSecretMissing,
            path,
            "The provider has no `hmac_secret`; Authelia needs it to sign and check the \
             tokens it issues.",
            format!(
                "Add `hmac_secret:` with a random alphanumeric string of \
                 {MIN_HMAC_SECRET_CHARS} or more characters (this page's Provider section \
                 makes one)."
            ),
        ),
        Some(Value::String(s)) if s.is_empty() => findings.at(
            Rule::HmacSecretMissing,
            &child(path, "hmac_secret"),
            "`hmac_secret` is empty.",
            format!(
                "Set it to a random alphanumeric string of {MIN_HMAC_SECRET_CHARS} or more \
                 characters."
            ),
        ),
        Some(Value::String(s)) if !has_template(s) && s.chars().count() < MIN_HMAC_SECRET_CHARS => {
            findings.at(
                Rule::HmacSecretShort,
                &child(path, "hmac_secret"),
                format!(
                    "`hmac_secret` has {} characters. Authelia accepts it (it sets no minimum, \
                     and hashes the value with SHA-256 to make its key), but its documentation \
                     strongly recommends a random alphanumeric string of \
                     {MIN_HMAC_SECRET_CHARS} or more: Authelia signs its authorization codes \
                     and tokens with it, and a short secret is easier to guess.",
                    s.chars().count()
                ),
                format!(
                    "Set it to a random alphanumeric string of {MIN_HMAC_SECRET_CHARS} or more \
                     characters (this page's Provider section makes one); the tokens already \
                     issued then stop working, so users sign in again."
                ),
            );
        }
        Some(Value::String(_)) => {}
        Some(other) => findings.at(
            Rule::WrongType,
            &child(path, "hmac_secret"),
            format!("`hmac_secret` is {}; it takes text.", describe(other)),
            format!(
                "Set it to a random alphanumeric string of {MIN_HMAC_SECRET_CHARS} or more \
                 characters, in quotes."
            ),
        ),
    }
}

/// `jwks`: present (not as `issuer_private_key`), a list of readable private keys with
/// valid, unique key ids, one of them RSA.
fn check_jwks(map: &Mapping, path: &[Step], findings: &mut Findings) {
    let old = map.contains_key("issuer_private_key");
    let entries = match map.get("jwks") {
        None | Some(Value::Null) => {
            if old {
                findings.at(
                    Rule::RenamedKey,
                    &child(path, "issuer_private_key"),
                    "The signing key is given as `issuer_private_key`, the name from before \
                     Authelia 4.38; it is now a `jwks` entry.",
                    "Replace `issuer_private_key: |` with `jwks:`, then `- key: |` and the \
                     same key below it.",
                );
            } else {
                findings.at(
                    Rule::JwksMissing,
                    path,
                    "The provider has no `jwks`: Authelia needs a private key to sign its \
                     tokens.",
                    format!(
                        "Add `jwks:` with one RSA private key of {MIN_RSA_BITS} bits or more \
                         (this page's Provider section makes one)."
                    ),
                );
            }
            return;
        }
        Some(Value::Sequence(entries)) => entries,
        Some(other) => {
            findings.at(
                Rule::WrongType,
                &child(path, "jwks"),
                format!("`jwks` is {}; it takes a list of keys.", describe(other)),
                "Write `jwks:`, then `- key: |` and the PEM key below it.",
            );
            return;
        }
    };
    if old {
        findings.at(
            Rule::RenamedKey,
            &child(path, "issuer_private_key"),
            "`issuer_private_key` is set beside `jwks`; since Authelia 4.38 keys belong in \
             `jwks` only.",
            "Remove `issuer_private_key`, after moving its key into `jwks` if it is not \
             there yet.",
        );
    }
    let jwks = child(path, "jwks");
    if entries.is_empty() {
        findings.at(
            Rule::JwksMissing,
            &jwks,
            "`jwks` is empty: Authelia needs a private key to sign its tokens.",
            format!("Add an RSA private key of {MIN_RSA_BITS} bits or more as `- key: |`."),
        );
        return;
    }
    let mut rs256 = false;
    let mut unreadable = false;
    let mut ids: HashSet<String> = HashSet::new();
    for (i, entry) in entries.iter().enumerate() {
        let mut here = jwks.clone();
        here.push(Step::Index(i));
        let Some(entry) = entry.as_mapping() else {
            findings.at(
                Rule::WrongType,
                &here,
                format!("A `jwks` entry is {}; each is a mapping.", describe(entry)),
                "Write each entry as `- key_id: 'name'` with `key: |` below it.",
            );
            unreadable = true;
            continue;
        };
        for k in entry.keys() {
            if let Some(name) = k.as_str()
                && !JWK_KEYS.contains(&name)
            {
                unknown(name, "jwks entry", JWK_KEYS, &child(&here, name), findings);
            }
        }
        let kind = check_key(entry, &here, findings);
        unreadable |= kind.is_none();
        rs256 |= key_use::check(entry, &here, kind, findings);
        if let Some(id) = check_key_id(entry, &here, &ids, findings) {
            ids.insert(id);
        }
    }
    if !unreadable && !rs256 {
        findings.at(
            Rule::RsaKeyMissing,
            &jwks,
            "`jwks` has no RSA key signing with RS256: Authelia signs with RS256 by default \
             and refuses to start without one; an ECDSA key, or an RSA key with another \
             `algorithm` or `use: 'enc'`, can only stand beside it.",
            format!(
                "Add an RSA private key of {MIN_RSA_BITS} bits or more to `jwks`, with no \
                 `algorithm` (or 'RS256') and no `use` (or 'sig')."
            ),
        );
    }
}

/// An entry's `key`: what it is, or `None` with a finding.
fn check_key(entry: &Mapping, here: &[Step], findings: &mut Findings) -> Option<KeyKind> {
    let pem = match entry.get("key") {
        None | Some(Value::Null) => {
            findings.at(
                Rule::KeyMissing,
                here,
                "This `jwks` entry has no `key`.",
                "Add `key: |` with the PEM private key below it, indented.",
            );
            return None;
        }
        // Its text is a template's, not a key's: `template-not-expanded` says so.
        Some(Value::String(pem)) if has_template(pem) => return None,
        Some(Value::String(pem)) => pem,
        Some(other) => {
            findings.at(
                Rule::WrongType,
                &child(here, "key"),
                format!("`key` is {}; it takes a PEM block.", describe(other)),
                "Write `key: |` with the PEM private key below it, indented.",
            );
            return None;
        }
    };
    match jwks_key::read(pem) {
        Ok(kind) => Some(kind),
        Err(reason) => {
            findings.at(
                key_rule(&reason),
                &child(here, "key"),
                format!("This `jwks` key cannot be used: {reason}."),
                match reason {
                    jwks_key::KeyError::RsaTooSmall { .. } => format!(
                        "Make a new RSA key of {MIN_RSA_BITS} bits or more (this page's \
                         Provider section makes one)."
                    ),
                    jwks_key::KeyError::UnsupportedAlgorithm
                    | jwks_key::KeyError::UnsupportedCurve => {
                        format!(
                            "Use an RSA key of {MIN_RSA_BITS} bits or more, or an ECDSA key on \
                             P-256, P-384 or P-521 beside one."
                        )
                    }
                    jwks_key::KeyError::NotPrivate { .. } | jwks_key::KeyError::Encrypted => {
                        "Paste the unencrypted private key (`-----BEGIN PRIVATE KEY-----`).".into()
                    }
                    jwks_key::KeyError::TooLong { .. } => {
                        "Paste one private key, from its BEGIN line to its END line.".into()
                    }
                    _ => "Paste the whole PEM private key under `key: |`, each line indented, \
                          from its BEGIN line to its END line."
                        .into(),
                },
            );
            None
        }
    }
}

/// The rule a key the reader refuses is under: one per reason.
fn key_rule(reason: &jwks_key::KeyError) -> Rule {
    match reason {
        jwks_key::KeyError::NoArmor => Rule::KeyNotPem,
        jwks_key::KeyError::NotPrivate { .. } => Rule::KeyNotPrivate,
        jwks_key::KeyError::Encrypted => Rule::KeyEncrypted,
        jwks_key::KeyError::UnknownLabel { .. } => Rule::KeyLabelUnknown,
        jwks_key::KeyError::SeveralBlocks => Rule::KeySeveralBlocks,
        jwks_key::KeyError::Base64 => Rule::KeyBadBase64,
        jwks_key::KeyError::Structure { .. } => Rule::KeyMalformed,
        jwks_key::KeyError::UnsupportedAlgorithm => Rule::KeyAlgorithmUnsupported,
        jwks_key::KeyError::UnsupportedCurve => Rule::KeyCurveUnsupported,
        jwks_key::KeyError::RsaTooSmall { .. } => Rule::KeyTooSmall,
        jwks_key::KeyError::TooLong { .. } => Rule::KeyTooLong,
    }
}

/// An entry's `key_id`: at most [`MAX_KEY_ID_CHARS`], the allowed characters, unique.
/// Returns it when it is fine.
fn check_key_id(
    entry: &Mapping,
    here: &[Step],
    seen: &HashSet<String>,
    findings: &mut Findings,
) -> Option<String> {
    let value = entry.get("key_id")?;
    let at = child(here, "key_id");
    let Some(id) = value.as_str() else {
        if !value.is_null() {
            findings.at(
                Rule::WrongType,
                &at,
                format!("`key_id` is {}; it takes text.", describe(value)),
                "Write `key_id: 'name'`.",
            );
        }
        return None;
    };
    if id.chars().count() > MAX_KEY_ID_CHARS {
        findings.at(
            Rule::KeyIdTooLong,
            &at,
            format!(
                "`key_id` has {} characters; Authelia allows at most {MAX_KEY_ID_CHARS}.",
                id.chars().count()
            ),
            "Use a short name: 15 characters or fewer is recommended.",
        );
        None
    } else if !key_id_is_valid(id) {
        findings.at(
            Rule::KeyIdInvalid,
            &at,
            format!(
                "`key_id` '{}' breaks Authelia's rule: letters and digits at both ends, and \
                 only letters, digits, `.`, `_`, `~` and `-` between them.",
                excerpt(id)
            ),
            "Rename it, for example to `main-rsa`.",
        );
        None
    } else if seen.contains(id) {
        findings.at(
            Rule::KeyIdDuplicate,
            &at,
            format!("Two `jwks` entries have the `key_id` '{}'.", excerpt(id)),
            "Give each key its own `key_id`.",
        );
        None
    } else {
        Some(id.to_owned())
    }
}
