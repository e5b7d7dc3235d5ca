//! A `jwks` entry's `use` and `algorithm` against its key. Authelia checks that `use` is
//! `sig` or `enc` and that `algorithm` is one it takes for that use, and refuses to start
//! otherwise; it does not check that the algorithm fits the key (an RSA key named `ES256`,
//! a P-384 key named `ES256`), and the key then fails each time Authelia signs with it.
//! Which entry can sign Authelia's ID tokens by default (an RSA key, `use: 'sig'`,
//! algorithm RS256) is decided here too, for `rsa-key-missing`.
//!
//! Apart from `key.rs`, which reads the PEM block: this file only needs its [`KeyKind`].

use serde_yaml::{Mapping, Value};

use super::authelia::{DEFAULT_RSA_SIGNING_ALG, ENCRYPTION_ALGS, KEY_USES, SIGNING_ALGS};
use super::client::child;
use super::finding::Findings;
use super::jwks_key::KeyKind;
use super::locate::Step;
use super::read::{describe, excerpt, has_template};
use super::rule::Rule;

/// The `use` a `jwks` entry has when it names none: what Authelia gives the private keys
/// `jwks` takes (the validator's `schemaJWKGetProperties`).
const DEFAULT_USE: &str = "sig";

/// What a key is, in the words of a finding.
fn kind_words(kind: KeyKind) -> String {
    match kind {
        KeyKind::Rsa { bits } => format!("an RSA key ({bits} bits)"),
        KeyKind::Ec { curve } => format!("an ECDSA key on {curve}"),
    }
}

/// A text value of the entry: `Ok(None)` when absent or empty, `Err` (with a finding)
/// when it is not text.
fn text<'m>(
    entry: &'m Mapping,
    key: &'static str,
    here: &[Step],
    findings: &mut Findings,
) -> Result<Option<&'m str>, ()> {
    match entry.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(other) => {
            findings.at(
                Rule::WrongType,
                &child(here, key),
                format!("`{key}` is {}; it takes text.", describe(other)),
                format!("Write `{key}: 'value'`."),
            );
            Err(())
        }
    }
}

/// Checks the entry at `here` whose key is `kind` (`None` when the key could not be
/// read). Returns whether the entry signs with RS256 using an RSA key: one Authelia can
/// sign its ID tokens with by default.
pub(crate) fn check(
    entry: &Mapping,
    here: &[Step],
    kind: Option<KeyKind>,
    findings: &mut Findings,
) -> bool {
    let Ok(written_use) = text(entry, "use", here, findings) else {
        return false;
    };
    let Ok(algorithm) = text(entry, "algorithm", here, findings) else {
        return false;
    };
    if written_use.is_some_and(has_template) || algorithm.is_some_and(has_template) {
        return false;
    }
    let key_use = written_use.unwrap_or(DEFAULT_USE);
    if !KEY_USES.contains(&key_use) {
        findings.at(
            Rule::KeyUseInvalid,
            &child(here, "use"),
            format!(
                "`use` is '{}'; Authelia takes only 'sig' (the key signs, the default) or \
                 'enc' (it decrypts), and refuses to start.",
                excerpt(key_use)
            ),
            "Write `use: 'sig'` for a signing key, or leave `use` out.",
        );
        return false;
    }
    let at = child(here, "algorithm");
    if key_use == DEFAULT_USE {
        let Some(algorithm) = algorithm else {
            // Authelia names the algorithm from the key: RS256 for RSA.
            return matches!(kind, Some(KeyKind::Rsa { .. }));
        };
        let Some((_, curve)) = SIGNING_ALGS.iter().find(|(a, _)| *a == algorithm) else {
            findings.at(
                Rule::KeyAlgorithmUnknown,
                &at,
                format!(
                    "`algorithm` is '{}', which Authelia does not sign with: it refuses to \
                     start.",
                    excerpt(algorithm)
                ),
                format!(
                    "Use one of {}, as the key allows (RS* and PS* an RSA key, ES256, ES384 \
                     and ES512 an ECDSA key on P-256, P-384 and P-521), or leave `algorithm` \
                     out for Authelia to choose from the key.",
                    SIGNING_ALGS
                        .iter()
                        .map(|(a, _)| format!("'{a}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            return false;
        };
        let fits = match (kind, curve) {
            (None, _) => return false,
            (Some(KeyKind::Rsa { .. }), None) => true,
            (Some(KeyKind::Ec { curve: have }), Some(want)) => have == *want,
            _ => false,
        };
        if let Some(kind) = kind.filter(|_| !fits) {
            let needs = match curve {
                None => "an RSA key".to_owned(),
                Some(curve) => format!("an ECDSA key on {curve}"),
            };
            let fitting: Vec<&str> = SIGNING_ALGS
                .iter()
                .filter(|(_, c)| match kind {
                    KeyKind::Rsa { .. } => c.is_none(),
                    KeyKind::Ec { curve } => *c == Some(curve),
                })
                .map(|(a, _)| *a)
                .collect();
            findings.at(
                Rule::KeyAlgorithmMismatch,
                &at,
                format!(
                    "`algorithm` is '{algorithm}', which signs with {needs}, but this key is \
                     {}. Authelia starts, and signing fails whenever it uses this key{}.",
                    kind_words(kind),
                    if algorithm == DEFAULT_RSA_SIGNING_ALG {
                        " (the first RS256 key signs every ID token by default, so every login \
                         can fail)"
                    } else {
                        ""
                    }
                ),
                format!(
                    "Set `algorithm` to {} for this key, or leave it out for Authelia to \
                     choose.",
                    fitting
                        .iter()
                        .map(|a| format!("'{a}'"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            );
            return false;
        }
        return fits && algorithm == DEFAULT_RSA_SIGNING_ALG;
    }
    // `enc`: the key decrypts; it never signs.
    let Some(algorithm) = algorithm else {
        return false;
    };
    let Some((_, needs)) = ENCRYPTION_ALGS.iter().find(|(a, _)| *a == algorithm) else {
        findings.at(
            Rule::KeyAlgorithmUnknown,
            &at,
            format!(
                "`algorithm` is '{}', which Authelia does not take for an encryption key \
                 (`use: 'enc'`): it refuses to start.",
                excerpt(algorithm)
            ),
            "For an RSA key use 'RSA-OAEP-256', for an ECDSA key 'ECDH-ES'; or leave \
             `algorithm` out.",
        );
        return false;
    };
    let fits = matches!(
        (kind, needs),
        (None, _)
            | (Some(KeyKind::Rsa { .. }), Some(None))
            | (Some(KeyKind::Ec { .. }), Some(Some(_)))
    );
    if let Some(kind) = kind.filter(|_| !fits) {
        findings.at(
            Rule::KeyAlgorithmMismatch,
            &at,
            format!(
                "`algorithm` is '{algorithm}', which {}, but this key is {}. Authelia starts, \
                 and decrypting fails whenever a client encrypts to this key.",
                match needs {
                    Some(None) => "takes an RSA key",
                    Some(Some(_)) => "takes an ECDSA key",
                    None => "takes a symmetric key, not a PEM private key",
                },
                kind_words(kind)
            ),
            match kind {
                KeyKind::Rsa { .. } => "Set `algorithm: 'RSA-OAEP-256'`, or leave it out.",
                KeyKind::Ec { .. } => "Set `algorithm: 'ECDH-ES'`, or leave it out.",
            },
        );
    }
    false
}
