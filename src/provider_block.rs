//! The provider block: the part of Authelia's OpenID Connect configuration that every
//! client shares (`identity_providers.oidc.hmac_secret` and a `jwks` signing key), for a
//! reader who has no provider configured yet.
//!
//! Pure text and choices, tested natively. The parsing worker generates the secret and
//! the keys (`worker::keys`, with the browser's WebCrypto) and writes them with
//! [`Provider::block`]; the page merges that block with the guide's client block into
//! one `configuration.yml` ([`merge`]). The facts used, from Authelia's provider
//! documentation (`docs/content/configuration/identity-providers/openid-connect/provider.md`):
//!
//! - `hmac_secret` is required; a random alphanumeric string of 64 or more characters
//!   is what Authelia recommends ([`HMAC_SECRET_LENGTH`]).
//! - `jwks` is required and needs one RSA key used with `RS256`; an ECDSA key may only
//!   stand beside it ([`KeyChoice::RsaWithP256`] therefore makes both).
//! - Each key is one PEM block of a private key: PKCS#8 for both families here, as
//!   WebCrypto exports them; RSA of at least 2048 bits, ECDSA on P-256, P-384 or P-521.
//! - A `key_id` has at most 100 characters (15 or fewer recommended) from
//!   `[a-zA-Z0-9._~-]`, starting and ending with a letter or digit. Left out, Authelia
//!   derives one from the public key; [`key_id`] writes one of the same shape.

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

/// Characters of `hmac_secret`: Authelia recommends 64 or more, alphanumeric.
pub const HMAC_SECRET_LENGTH: usize = 64;

/// Base64 characters per PEM line (RFC 7468, section 2).
const PEM_LINE: usize = 64;

/// Hex characters of the public key's digest at the start of a [`key_id`]: seven, the
/// length Authelia uses when it derives an id, which keeps the id under the 15
/// characters Authelia recommends.
const KEY_ID_HEX: usize = 7;

/// Which signing keys the reader asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyChoice {
    /// One RSA key of 2048 bits, for `RS256`: what Authelia needs at least.
    #[default]
    Rsa2048,
    /// One RSA key of 4096 bits, for `RS256`.
    Rsa4096,
    /// An RSA key of 2048 bits for `RS256` and an ECDSA P-256 key for `ES256` beside it:
    /// Authelia refuses an ECDSA key alone.
    RsaWithP256,
}

impl KeyChoice {
    /// Every choice, in the order the page offers them.
    pub const ALL: [KeyChoice; 3] = [
        KeyChoice::Rsa2048,
        KeyChoice::Rsa4096,
        KeyChoice::RsaWithP256,
    ];

    /// The choice's id in the page's `<select>`.
    pub const fn id(self) -> &'static str {
        match self {
            KeyChoice::Rsa2048 => "rsa-2048",
            KeyChoice::Rsa4096 => "rsa-4096",
            KeyChoice::RsaWithP256 => "rsa-2048-p-256",
        }
    }

    /// The choice for an id; the default for anything else.
    pub fn from_id(id: &str) -> KeyChoice {
        KeyChoice::ALL
            .into_iter()
            .find(|c| c.id() == id)
            .unwrap_or_default()
    }

    /// The choice in words.
    pub const fn label(self) -> &'static str {
        match self {
            KeyChoice::Rsa2048 => "RSA 2048 (RS256)",
            KeyChoice::Rsa4096 => "RSA 4096 (RS256)",
            KeyChoice::RsaWithP256 => "RSA 2048 (RS256) and ECDSA P-256 (ES256)",
        }
    }

    /// The keys to generate, in the order `jwks` lists them: the RSA key first, so it is
    /// the default for `RS256`.
    pub fn keys(self) -> Vec<KeyKind> {
        match self {
            KeyChoice::Rsa2048 => vec![KeyKind::Rsa { bits: 2048 }],
            KeyChoice::Rsa4096 => vec![KeyKind::Rsa { bits: 4096 }],
            KeyChoice::RsaWithP256 => vec![KeyKind::Rsa { bits: 2048 }, KeyKind::EcP256],
        }
    }
}

/// One key to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// RSA (`RSASSA-PKCS1-v1_5` with SHA-256 in WebCrypto) of this many bits.
    Rsa {
        /// The modulus length.
        bits: u32,
    },
    /// ECDSA on P-256.
    EcP256,
}

impl KeyKind {
    /// The JOSE algorithm Authelia signs with using this key.
    pub const fn algorithm(self) -> &'static str {
        match self {
            KeyKind::Rsa { .. } => "RS256",
            KeyKind::EcP256 => "ES256",
        }
    }
}

/// A generated signing key, as the block writes it.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningKey {
    /// Its `key_id` ([`key_id`]).
    pub key_id: String,
    /// Its JOSE algorithm (`RS256`).
    pub algorithm: &'static str,
    /// The private key in PEM (PKCS#8).
    pub pem: String,
}

/// Never the key itself: a debug print must not put it in a log.
impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("key_id", &self.key_id)
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

/// The provider's shared part: its HMAC secret and signing keys.
#[derive(Clone, PartialEq, Eq)]
pub struct Provider {
    /// `hmac_secret`.
    pub hmac_secret: String,
    /// `jwks`, in order.
    pub keys: Vec<SigningKey>,
}

/// Never the secrets: a debug print must not put them in a log.
impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider")
            .field("keys", &self.keys)
            .finish_non_exhaustive()
    }
}

impl Provider {
    /// The provider's lines as they stand under `oidc:`, unindented.
    fn lines(&self) -> Vec<String> {
        let mut lines = vec![
            format!("hmac_secret: '{}'", self.hmac_secret),
            "jwks:".to_owned(),
        ];
        for key in &self.keys {
            lines.push(format!("  - key_id: '{}'", key.key_id));
            lines.push(format!("    algorithm: '{}'", key.algorithm));
            lines.push("    use: 'sig'".to_owned());
            lines.push("    key: |".to_owned());
            lines.extend(key.pem.lines().map(|l| format!("      {l}")));
        }
        lines
    }

    /// The block on its own, from `identity_providers:` down.
    pub fn block(&self) -> String {
        let mut block = String::from("identity_providers:\n  oidc:\n");
        for line in self.lines() {
            block.push_str("    ");
            block.push_str(&line);
            block.push('\n');
        }
        block
    }
}

/// A private key's DER bytes in PEM under `label` (`PRIVATE KEY` for PKCS#8).
pub fn pem(label: &str, der: &[u8]) -> String {
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    let mut text = format!("-----BEGIN {label}-----\n");
    // Base64 is ASCII, so every chunk is whole characters.
    for line in body.as_bytes().chunks(PEM_LINE) {
        text.push_str(&String::from_utf8_lossy(line));
        text.push('\n');
    }
    text.push_str(&format!("-----END {label}-----\n"));
    text
}

/// A key id of the shape Authelia derives: the first hex characters of the SHA-256 of
/// the public key (its SubjectPublicKeyInfo DER), a hyphen, the algorithm in lower case
/// (`1a2b3c4-rs256`). Unique per key, and within Authelia's `key_id` rule.
pub fn key_id(public_key_der: &[u8], algorithm: &str) -> String {
    let digest = Sha256::digest(public_key_der);
    let hex: String = digest
        .iter()
        .flat_map(|byte| [byte >> 4, byte & 0x0f])
        .take(KEY_ID_HEX)
        .filter_map(|nibble| char::from_digit(u32::from(nibble), 16))
        .collect();
    format!("{hex}-{}", algorithm.to_ascii_lowercase())
}

/// The guide's client block with the provider merged in, as one `configuration.yml`:
/// the provider's lines go under `oidc:`, just before its `clients:` key, where
/// Authelia's guides say the rest of the configuration goes. `None` when the block is not
/// laid out as Authelia's guides lay it out (`  oidc:` with `    clients:` below it) or
/// `provider_block` is not what [`Provider::block`] wrote; then the provider's block
/// stands on its own.
///
/// Kept this plain on purpose: it runs on the page, whose download has a budget, and
/// every one of Authelia's client guides that merges lays its block out this way.
pub fn merge(client_block: &str, provider_block: &str) -> Option<String> {
    let lines = provider_block.strip_prefix("identity_providers:\n  oidc:\n")?;
    let (before, after) = client_block.split_once("\n  oidc:\n")?;
    let (comments, after) = after.split_once("    clients:\n")?;
    Some(format!(
        "{before}\n  oidc:\n{comments}{lines}    clients:\n{after}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider() -> Provider {
        Provider {
            hmac_secret: "h".repeat(HMAC_SECRET_LENGTH),
            keys: vec![SigningKey {
                key_id: "abcdef0-rs256".into(),
                algorithm: "RS256",
                pem: pem("PRIVATE KEY", &[7; 100]),
            }],
        }
    }

    const CLIENT_BLOCK: &str = "identity_providers:\n  oidc:\n    ## The other portions of the mandatory OpenID Connect 1.0 configuration go here.\n    ## See: https://www.authelia.com/c/oidc\n    clients:\n      - client_id: 'matomo'\n        public: false\n";

    #[test]
    fn the_provider_goes_under_oidc_after_the_comment_that_says_it_goes_there() {
        let merged = merge(CLIENT_BLOCK, &provider().block()).expect("merges");
        let expected_start = format!(
            "identity_providers:\n  oidc:\n    ## The other portions of the mandatory OpenID Connect 1.0 configuration go here.\n    ## See: https://www.authelia.com/c/oidc\n    hmac_secret: '{}'\n    jwks:\n      - key_id: 'abcdef0-rs256'\n        algorithm: 'RS256'\n        use: 'sig'\n        key: |\n          -----BEGIN PRIVATE KEY-----\n",
            "h".repeat(HMAC_SECRET_LENGTH)
        );
        assert!(merged.starts_with(&expected_start), "{merged}");
        assert!(merged.ends_with("          -----END PRIVATE KEY-----\n    clients:\n      - client_id: 'matomo'\n        public: false\n"), "{merged}");
        assert_eq!(merged.matches("oidc:").count(), 1);
    }

    #[test]
    fn a_block_without_an_oidc_line_does_not_merge() {
        assert_eq!(
            merge("clients:\n  - client_id: 'x'\n", &provider().block()),
            None
        );
        assert_eq!(merge("x:\n  y:\n    clients:\n", &provider().block()), None);
        assert_eq!(merge(CLIENT_BLOCK, "not a provider block"), None);
    }

    #[test]
    fn pem_lines_are_64_characters_between_the_armour() {
        let text = pem("PRIVATE KEY", &[0xAB; 200]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.first(), Some(&"-----BEGIN PRIVATE KEY-----"));
        assert_eq!(lines.last(), Some(&"-----END PRIVATE KEY-----"));
        let body = &lines[1..lines.len() - 1];
        assert!(body[..body.len() - 1].iter().all(|l| l.len() == PEM_LINE));
        let joined: String = body.concat();
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(joined)
            .expect("base64");
        assert_eq!(decoded, vec![0xAB; 200]);
    }

    #[test]
    fn key_ids_follow_authelias_rule_and_differ_per_key() {
        let a = key_id(b"one public key", "RS256");
        let b = key_id(b"another public key", "RS256");
        assert_ne!(a, b);
        for id in [&a, &b, &key_id(b"k", "ES256")] {
            assert!(id.len() <= 15, "{id}");
            assert!(
                id.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._~-".contains(c))
            );
            assert!(id.starts_with(|c: char| c.is_ascii_alphanumeric()));
            assert!(id.ends_with(|c: char| c.is_ascii_alphanumeric()));
        }
        assert!(a.ends_with("-rs256"));
        // SHA-256("k") starts 8254c32…
        assert_eq!(key_id(b"k", "ES256"), "8254c32-es256");
    }

    #[test]
    fn an_ecdsa_key_never_comes_without_an_rsa_key_first() {
        for choice in KeyChoice::ALL {
            assert!(matches!(choice.keys().first(), Some(KeyKind::Rsa { bits }) if *bits >= 2048));
            assert_eq!(KeyChoice::from_id(choice.id()), choice);
        }
        assert_eq!(KeyChoice::from_id("nonsense"), KeyChoice::Rsa2048);
    }

    #[test]
    fn debug_prints_never_show_the_secret_or_the_key() {
        let printed = format!("{:?}", provider());
        assert!(!printed.contains("hhhh"), "{printed}");
        assert!(!printed.contains("BEGIN"), "{printed}");
    }
}
