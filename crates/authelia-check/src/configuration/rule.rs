//! The named rules: every finding of [`check`](super::check) is under one [`Rule`], whose
//! id (`auth-method-differs`, `plaintext-secret`, …) names the kind of fault, so the page,
//! tests and readers can tell findings apart without reading their words. The ids are a
//! public contract: a rule's id never changes once published, and a new kind of fault gets
//! a new rule rather than a new meaning for an old id.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Declares [`Rule`], its ids and [`Rule::ALL`] from one list, so that no variant can be
/// left out of `ALL` or lack an id.
macro_rules! rules {
    ($($(#[$doc:meta])* $variant:ident => $id:literal,)+) => {
        /// A kind of finding, with a stable kebab-case id ([`Rule::id`]). Serialized as its
        /// id.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $($(#[$doc])* $variant,)+
        }

        impl Rule {
            /// Every rule, in the order they are declared (the paste, its shape, the
            /// client, the whole configuration, the provider).
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)+];

            /// The rule's id: kebab-case, named after the fault, stable.
            pub fn id(&self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)+
                }
            }
        }
    };
}

rules! {
    // The paste as a whole.
    /// The paste is longer than [`MAX_CONFIGURATION_BYTES`](super::MAX_CONFIGURATION_BYTES).
    TooLarge => "too-large",
    /// Brackets (`[`, `{`) nest deeper than the YAML reader's bound.
    TooDeep => "too-deep",
    /// YAML aliases would expand the paste past
    /// [`MAX_CONFIGURATION_EXPANDED_BYTES`](super::MAX_CONFIGURATION_EXPANDED_BYTES).
    AliasesTooLarge => "aliases-too-large",
    /// The paste is not valid YAML.
    YamlError => "yaml-error",
    /// The paste holds nothing (only blanks or comments).
    Empty => "empty",
    /// The paste is YAML but none of the shapes of Authelia's OpenID Connect
    /// configuration: not a mapping, or a mapping without any of its keys.
    NotAConfiguration => "not-a-configuration",
    /// More findings than a report lists ([`MAX_FINDINGS`](super::MAX_FINDINGS)): the
    /// last line counts the rest.
    TooManyFindings => "too-many-findings",

    // The shape around the clients and the provider.
    /// `identity_providers` has no `oidc` section.
    OidcMissing => "oidc-missing",
    /// The provider has no `clients` list.
    ClientListMissing => "client-list-missing",
    /// A value, or a key, is of the wrong kind: a mapping where a list belongs, text where
    /// `true` or `false` belongs, a number as a key, ….
    WrongType => "wrong-type",
    /// A key Authelia does not know (in a client, the provider or a `jwks` entry).
    UnknownKey => "unknown-key",
    /// A key under the name it had before Authelia 4.38 (including `issuer_private_key`
    /// and `issuer_certificate_chain`, now `jwks`).
    RenamedKey => "renamed-key",

    // The guide's client.
    /// No client has the reader's client id.
    ClientMissing => "client-missing",
    /// Another client has the same client id.
    ClientIdDuplicate => "client-id-duplicate",
    /// A public client has a `client_secret`.
    PublicWithSecret => "public-with-secret",
    /// A confidential client has no `client_secret` (and does not use `private_key_jwt`).
    SecretMissing => "secret-missing",
    /// `client_secret` holds the secret itself, plain or in the `$plaintext$` form, not
    /// a digest.
    PlaintextSecret => "plaintext-secret",
    /// `client_secret` looks like a digest but is not one Authelia can read.
    DigestUnreadable => "digest-unreadable",
    /// `client_secret` is a digest of another secret than the reader's (given apart from
    /// the paste: [`check_secret`](super::check_secret)).
    DigestNotOfSecret => "digest-not-of-secret",
    /// `client_secret` could not be checked against the reader's secret: the digest asks
    /// for more work than allowed where the check runs, or its hash failed
    /// ([`check_secret`](super::check_secret)).
    DigestNotChecked => "digest-not-checked",
    /// `token_endpoint_auth_method` is not one Authelia knows.
    AuthMethodUnknown => "auth-method-unknown",
    /// A public client uses an auth method other than `none`.
    PublicAuthMethod => "public-auth-method",
    /// A confidential client uses the auth method `none`.
    ConfidentialAuthNone => "confidential-auth-none",
    /// The auth method (given or Authelia's default) is not the one the application
    /// sends.
    AuthMethodDiffers => "auth-method-differs",
    /// The client is public where the guide's is confidential, or the other way.
    PublicDiffers => "public-differs",
    /// `pkce_challenge_method` is not one Authelia knows.
    PkceMethodUnknown => "pkce-method-unknown",
    /// `require_pkce: false` beside a challenge method, which turns PKCE on anyway.
    RequirePkceIgnored => "require-pkce-ignored",
    /// PKCE (required or not, its method) is not as the guide sets it up.
    PkceDiffers => "pkce-differs",
    /// An item of `grant_types` is not one Authelia knows.
    GrantTypeUnknown => "grant-type-unknown",
    /// An item of `response_types` is not one Authelia knows.
    ResponseTypeUnknown => "response-type-unknown",
    /// An item of `response_modes` is not one Authelia knows.
    ResponseModeUnknown => "response-mode-unknown",
    /// `scopes` (defaults applied) are not the guide's.
    ScopesDiffer => "scopes-differ",
    /// `userinfo_signed_response_alg` (default `none`) is not the guide's: the userinfo
    /// answer is a signed JWT where the application reads JSON, or the other way round.
    UserinfoAlgDiffers => "userinfo-alg-differs",
    /// `grant_types` (defaults applied) are not the guide's.
    GrantTypesDiffer => "grant-types-differ",
    /// `response_types` (defaults applied) are not the guide's.
    ResponseTypesDiffer => "response-types-differ",
    /// `authorization_policy` names a policy that is neither built in nor among the
    /// provider's `authorization_policies`.
    PolicyUndefined => "policy-undefined",
    /// `authorization_policy` (default applied) is not the guide's.
    PolicyDiffers => "policy-differs",
    /// The client has no `redirect_uris`.
    RedirectUriMissing => "redirect-uri-missing",
    /// A redirect URI has no scheme (`https:`, or a native app's own).
    RedirectUriNoScheme => "redirect-uri-no-scheme",
    /// The redirect URIs lack the application's callback.
    RedirectUriDiffers => "redirect-uri-differs",
    /// A consent setting that cannot do what it was written for, so Authelia asks the
    /// user's consent at every login: `consent_mode: 'auto'` with no
    /// `pre_configured_consent_duration` (so `explicit`), a duration beside `explicit`
    /// (ignored), or remembered consent with `offline_access` in `scopes` (asked again).
    /// No setting at all is the guide's own behaviour and is not reported.
    ConsentEveryLogin => "consent-every-login",
    /// `consent_mode` is not one Authelia knows.
    ConsentModeUnknown => "consent-mode-unknown",
    /// The consent mode (default applied) is not the one the guide's block sets.
    ConsentModeDiffers => "consent-mode-differs",
    /// The guide's application reads its claims from the ID token only, and the client
    /// has no `claims_policy`, so since Authelia 4.39 its ID token lacks them.
    ClaimsPolicyMissing => "claims-policy-missing",
    /// `claims_policy` names a policy the provider's `claims_policies` does not define.
    ClaimsPolicyUndefined => "claims-policy-undefined",
    /// The client's claims policy puts none of the claims the guide names in the ID
    /// token, or not all of them.
    IdTokenClaimsMissing => "id-token-claims-missing",
    /// `client_secret` is a digest, but the client signs with its secret
    /// (`client_secret_jwt`, or an HMAC algorithm), which needs the plaintext.
    DigestNeedsPlaintext => "digest-needs-plaintext",
    /// `client_secret` is a digest with each `$` doubled, as a Docker Compose file
    /// escapes it, but written where no Compose reads it.
    DigestDoubleDollar => "digest-double-dollar",
    /// A public client that does not say `require_pkce`/`pkce_challenge_method`.
    PublicClientWithoutPkce => "public-client-without-pkce",

    // The whole configuration.
    /// A value holds `{{ … }}` template syntax, which Authelia expands only when its
    /// template file filter is on.
    TemplateNotExpanded => "template-not-expanded",
    /// The Authelia address (the reader's, or a `session.cookies` entry's `authelia_url`)
    /// is not https.
    IssuerNotHttps => "issuer-not-https",
    /// The Authelia address is not covered by the `session.cookies` entries.
    IssuerOutsideCookieDomains => "issuer-outside-cookie-domains",

    // The provider.
    /// The provider has no `hmac_secret`, or an empty one.
    HmacSecretMissing => "hmac-secret-missing",
    /// `hmac_secret` is shorter than Authelia's documentation recommends.
    HmacSecretShort => "hmac-secret-short",
    /// The provider has no signing key: no `jwks` (nor `issuer_private_key`), or an empty
    /// one.
    JwksMissing => "jwks-missing",
    /// Every `jwks` key is readable, but none is RSA.
    RsaKeyMissing => "rsa-key-missing",
    /// A `jwks` entry has no `key`.
    KeyMissing => "key-missing",
    /// A `jwks` key is not a PEM block (no BEGIN line, or no matching END line).
    KeyNotPem => "key-not-pem",
    /// A `jwks` key is a public key or a certificate, not a private key.
    KeyNotPrivate => "key-not-private",
    /// A `jwks` key is encrypted with a passphrase.
    KeyEncrypted => "key-encrypted",
    /// A `jwks` key's PEM label is none the checker knows as a private key.
    KeyLabelUnknown => "key-label-unknown",
    /// A `jwks` key holds more than one PEM block.
    KeySeveralBlocks => "key-several-blocks",
    /// A `jwks` key's text between its armor lines is not base64.
    KeyBadBase64 => "key-bad-base64",
    /// A `jwks` key's contents do not have the structure its label names (often a key
    /// cut short).
    KeyMalformed => "key-malformed",
    /// A `jwks` key is of an algorithm Authelia does not sign with (e.g. Ed25519).
    KeyAlgorithmUnsupported => "key-algorithm-unsupported",
    /// A `jwks` ECDSA key is on a curve other than P-256, P-384 or P-521.
    KeyCurveUnsupported => "key-curve-unsupported",
    /// A `jwks` RSA key is smaller than Authelia's minimum.
    KeyTooSmall => "key-too-small",
    /// A `jwks` key's PEM block is longer than
    /// [`MAX_KEY_PEM_BYTES`](super::MAX_KEY_PEM_BYTES): not one key.
    KeyTooLong => "key-too-long",
    /// A `key_id` breaks Authelia's pattern for it.
    KeyIdInvalid => "key-id-invalid",
    /// A `key_id` is longer than Authelia allows.
    KeyIdTooLong => "key-id-too-long",
    /// Two `jwks` entries have the same `key_id`.
    KeyIdDuplicate => "key-id-duplicate",
    /// A `jwks` entry's `use` is neither `sig` nor `enc`.
    KeyUseInvalid => "key-use-invalid",
    /// A `jwks` entry's `algorithm` is none Authelia takes for its `use`.
    KeyAlgorithmUnknown => "key-algorithm-unknown",
    /// A `jwks` entry's `algorithm` needs another kind of key than its `key` (RS*/PS*
    /// an RSA key, ES256/384/512 an ECDSA key on P-256/P-384/P-521).
    KeyAlgorithmMismatch => "key-algorithm-mismatch",
}

impl Rule {
    /// The rule with this id, if any.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|rule| rule.id() == id)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Rule, D::Error> {
        let id = String::deserialize(deserializer)?;
        Rule::from_id(&id)
            .ok_or_else(|| serde::de::Error::custom(format!("no rule has the id '{id}'")))
    }
}

#[cfg(test)]
mod tests {
    use super::Rule;

    #[test]
    fn ids_are_unique_kebab_case_and_read_back() {
        let mut seen = std::collections::HashSet::new();
        for rule in Rule::ALL {
            let id = rule.id();
            assert!(seen.insert(id), "{id} twice");
            assert!(
                !id.is_empty()
                    && !id.starts_with('-')
                    && !id.ends_with('-')
                    && !id.contains("--")
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{id}"
            );
            assert_eq!(Rule::from_id(id), Some(*rule));
        }
        assert_eq!(Rule::from_id("no-such-rule"), None);
    }

    #[test]
    fn a_rule_is_serialized_as_its_id() {
        let yaml = serde_yaml::to_string(&Rule::AuthMethodDiffers).unwrap_or_default();
        assert_eq!(yaml.trim(), "auth-method-differs");
        let back: Result<Rule, _> = serde_yaml::from_str("plaintext-secret");
        assert_eq!(back.ok(), Some(Rule::PlaintextSecret));
        assert!(serde_yaml::from_str::<Rule>("plaintext").is_err());
    }
}
