//! What Authelia's OpenID Connect configuration allows, as the checker needs it: every fact
//! the checker's rules use, in one place, each beside its source, so that a new Authelia
//! release is checked against this file alone.
//!
//! Sources, from Authelia's repository (`authelia/authelia`, commit 23572030):
//! - Authelia's published JSON schema of `configuration.yml` ("the schema"), its `$defs`;
//! - `docs/content/configuration/identity-providers/openid-connect/provider.md` ("provider.md");
//! - `docs/content/configuration/identity-providers/openid-connect/clients.md` ("clients.md");
//! - `internal/configuration/deprecation.go` ("deprecation.go").
//!
//! The facts carry over; the sentences the reader sees are the project's own (see the
//! rules in `client.rs`, `provider.rs` and `key.rs`).

/// Every key a client may have. Source: the schema,
/// `$defs.IdentityProvidersOpenIDConnectClient.properties`.
pub const CLIENT_KEYS: &[&str] = &[
    "access_token_encrypted_response_alg",
    "access_token_encrypted_response_enc",
    "access_token_encrypted_response_key_id",
    "access_token_signed_response_alg",
    "access_token_signed_response_key_id",
    "allow_multiple_auth_methods",
    "audience",
    "authorization_encrypted_response_alg",
    "authorization_encrypted_response_enc",
    "authorization_encrypted_response_key_id",
    "authorization_policy",
    "authorization_signed_response_alg",
    "authorization_signed_response_key_id",
    "claims_policy",
    "client_id",
    "client_name",
    "client_secret",
    "consent_mode",
    "grant_types",
    "id_token_encrypted_response_alg",
    "id_token_encrypted_response_enc",
    "id_token_encrypted_response_key_id",
    "id_token_signed_response_alg",
    "id_token_signed_response_key_id",
    "introspection_encrypted_response_alg",
    "introspection_encrypted_response_enc",
    "introspection_encrypted_response_key_id",
    "introspection_endpoint_auth_method",
    "introspection_endpoint_auth_signing_alg",
    "introspection_signed_response_alg",
    "introspection_signed_response_key_id",
    "jwks",
    "jwks_uri",
    "lifespan",
    "pkce_challenge_method",
    "pre_configured_consent_duration",
    "public",
    "pushed_authorization_request_endpoint_auth_method",
    "pushed_authorization_request_endpoint_auth_signing_alg",
    "redirect_uris",
    "request_object_encryption_alg",
    "request_object_encryption_enc",
    "request_object_signing_alg",
    "request_uris",
    "requested_audience_mode",
    "require_pkce",
    "require_pushed_authorization_requests",
    "response_modes",
    "response_types",
    "revocation_endpoint_auth_method",
    "revocation_endpoint_auth_signing_alg",
    "scopes",
    "sector_identifier_uri",
    "token_endpoint_auth_method",
    "token_endpoint_auth_signing_alg",
    "userinfo_encrypted_response_alg",
    "userinfo_encrypted_response_enc",
    "userinfo_encrypted_response_key_id",
    "userinfo_signed_response_alg",
    "userinfo_signed_response_key_id",
];

/// Every key the provider (`identity_providers.oidc`) may have. Source: the schema,
/// `$defs.IdentityProvidersOpenIDConnect.properties` (it still lists the two keys that
/// 4.38 replaced by `jwks`; [`PROVIDER_RENAMED`] reports them).
pub const PROVIDER_KEYS: &[&str] = &[
    "authorization_policies",
    "claims_policies",
    "clients",
    "cors",
    "discovery_signed_response_alg",
    "discovery_signed_response_key_id",
    "enable_client_debug_messages",
    "enable_jwt_access_token_stateless_introspection",
    "enable_pkce_plain_challenge",
    "enforce_pkce",
    "hmac_secret",
    "issuer_certificate_chain",
    "issuer_private_key",
    "jwks",
    "lifespans",
    "minimum_parameter_entropy",
    "require_pushed_authorization_requests",
    "scopes",
];

/// Every key a `jwks` entry may have. Source: the schema, `$defs.JWK.properties`.
pub const JWK_KEYS: &[&str] = &["algorithm", "certificate_chain", "key", "key_id", "use"];

/// A key renamed in Authelia 4.38: Authelia still maps the old name, warns, and will drop
/// it in its next major version. Source: deprecation.go.
#[derive(Clone, Copy, Debug)]
pub struct Renamed {
    /// The name before 4.38.
    pub old: &'static str,
    /// Its name since 4.38, as the reader would write it.
    pub new: &'static str,
}

/// The client keys renamed in 4.38. Source: deprecation.go.
pub const CLIENT_RENAMED: &[Renamed] = &[
    Renamed {
        old: "id",
        new: "client_id",
    },
    Renamed {
        old: "secret",
        new: "client_secret",
    },
    Renamed {
        old: "description",
        new: "client_name",
    },
    Renamed {
        old: "sector_identifier",
        new: "sector_identifier_uri",
    },
    Renamed {
        old: "userinfo_signing_algorithm",
        new: "userinfo_signed_response_alg",
    },
];

/// The provider keys renamed in 4.38. Source: deprecation.go.
pub const PROVIDER_RENAMED: &[Renamed] = &[
    Renamed {
        old: "issuer_private_key",
        new: "jwks",
    },
    Renamed {
        old: "issuer_certificate_chain",
        new: "jwks",
    },
    Renamed {
        old: "access_token_lifespan",
        new: "lifespans.access_token",
    },
    Renamed {
        old: "authorize_code_lifespan",
        new: "lifespans.authorize_code",
    },
    Renamed {
        old: "id_token_lifespan",
        new: "lifespans.id_token",
    },
    Renamed {
        old: "refresh_token_lifespan",
        new: "lifespans.refresh_token",
    },
];

/// The allowed `token_endpoint_auth_method` values. Source: the schema,
/// `…Client.properties.token_endpoint_auth_method.enum` (its `''` means the default), and
/// clients.md.
pub const AUTH_METHODS: &[&str] = &[
    "client_secret_basic",
    "client_secret_post",
    "client_secret_jwt",
    "private_key_jwt",
    "none",
];

/// The auth method of a confidential client that sets none. Source: clients.md.
pub const DEFAULT_AUTH_METHOD_CONFIDENTIAL: &str = "client_secret_basic";

/// The auth method of a public client that sets none. Source: clients.md.
pub const DEFAULT_AUTH_METHOD_PUBLIC: &str = "none";

/// The auth method that proves the client with a key, not a secret: a confidential client
/// using it needs no `client_secret`. Source: clients.md (`client_secret`).
pub const KEY_AUTH_METHOD: &str = "private_key_jwt";

/// The allowed `pkce_challenge_method` values; any non-empty one also turns
/// `require_pkce` on. Source: the schema, `…Client.properties.pkce_challenge_method.enum`,
/// and clients.md.
pub const PKCE_METHODS: &[&str] = &["", "plain", "S256"];

/// The allowed `grant_types` values. Source: the schema,
/// `…Client.properties.grant_types.items.enum`.
pub const GRANT_TYPES: &[&str] = &[
    "authorization_code",
    "implicit",
    "refresh_token",
    "client_credentials",
    "urn:ietf:params:oauth:grant-type:device_code",
];

/// The allowed `response_types` values. Source: the schema,
/// `…Client.properties.response_types.items.enum`.
pub const RESPONSE_TYPES: &[&str] = &[
    "code",
    "id_token token",
    "id_token",
    "token",
    "code token",
    "code id_token",
    "code id_token token",
];

/// The allowed `response_modes` values: a client may leave the list out, and Authelia
/// then allows each mode its response types can use. Sources: the schema,
/// `…Client.properties.response_modes.items.enum`, and Authelia's validator
/// (`internal/configuration/validator/const.go`, `validOIDCClientResponseModes`), which
/// refuses any other value at start-up.
pub const RESPONSE_MODES: &[&str] = &[
    "form_post",
    "form_post.jwt",
    "query",
    "query.jwt",
    "fragment",
    "fragment.jwt",
    "jwt",
];

/// A client's `scopes` when it sets none. Source: clients.md.
pub const DEFAULT_SCOPES: &[&str] = &["openid", "groups", "profile", "email"];

/// A client's `grant_types` when it sets none. Source: clients.md.
pub const DEFAULT_GRANT_TYPES: &[&str] = &["authorization_code"];

/// A client's `response_types` when it sets none. Source: clients.md.
pub const DEFAULT_RESPONSE_TYPES: &[&str] = &["code"];

/// A client's `authorization_policy` when it sets none. Source: clients.md.
pub const DEFAULT_AUTHORIZATION_POLICY: &str = "two_factor";

/// The authorization policies that need no definition; any other name must be one of the
/// provider's `authorization_policies`. Source: clients.md.
pub const BUILT_IN_POLICIES: &[&str] = &["one_factor", "two_factor"];

/// The schemes a web application's redirect URI has. Source: clients.md
/// (`redirect_uris`). A native application's own scheme (RFC 8252, section 7.1) is
/// accepted too: Authelia's own guides register `app.immich:///oauth-callback` and
/// `audiobookshelf://oauth`, so only an address with no scheme at all is a finding.
pub const REDIRECT_SCHEMES: &[&str] = &["https", "http"];

/// Client keys whose value is `true` or `false`. Source: the schema (`"type": "boolean"`).
pub const CLIENT_BOOLEAN_KEYS: &[&str] = &[
    "public",
    "require_pkce",
    "require_pushed_authorization_requests",
    "allow_multiple_auth_methods",
];

/// Client keys whose value is a list of text. Source: the schema (`"type": "array"` of
/// strings; `redirect_uris` and `request_uris` also take one string alone).
pub const CLIENT_LIST_KEYS: &[&str] = &[
    "redirect_uris",
    "request_uris",
    "audience",
    "scopes",
    "grant_types",
    "response_types",
    "response_modes",
];

/// Client keys that take one string in place of a list. Source: the schema,
/// `$defs.IdentityProvidersOpenIDConnectClientURIs` (`oneOf` string or array).
pub const CLIENT_LIST_OR_TEXT_KEYS: &[&str] = &["redirect_uris", "request_uris"];

/// Most characters of a `jwks` entry's `key_id`. Source: provider.md and the schema
/// (`$defs.JWK.properties.key_id.maxLength`).
pub const MAX_KEY_ID_CHARS: usize = 100;

/// The fewest bits of an RSA signing key. Source: provider.md (`jwks`, `key`).
pub const MIN_RSA_BITS: usize = 2048;

/// The fewest characters recommended for `hmac_secret`. Source: provider.md.
pub const MIN_HMAC_SECRET_CHARS: usize = 64;

/// Whether `id` obeys the `key_id` rule `^[a-zA-Z0-9](([a-zA-Z0-9._~-]*)([a-zA-Z0-9]))?$`
/// (source: provider.md): letters and digits at both ends, and `.`, `_`, `~`, `-` also
/// allowed between them.
pub fn key_id_is_valid(id: &str) -> bool {
    let inner = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '~' | '-');
    let bytes = id.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_alphanumeric() && last.is_ascii_alphanumeric() && id.chars().all(inner)
        }
        _ => false,
    }
}

/// The object identifiers of the private keys `jwks` takes. Sources: RFC 8017
/// (rsaEncryption), RFC 5480 (id-ecPublicKey and the named curves): the identifiers;
/// provider.md: that `jwks` takes RSA, and ECDSA on P-256, P-384 and P-521 only.
pub mod oid {
    /// rsaEncryption, 1.2.840.113549.1.1.1.
    pub const RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
    /// id-ecPublicKey, 1.2.840.10045.2.1.
    pub const EC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    /// P-256 (prime256v1), 1.2.840.10045.3.1.7.
    pub const P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    /// P-384 (secp384r1), 1.3.132.0.34.
    pub const P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
    /// P-521 (secp521r1), 1.3.132.0.35.
    pub const P521: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];
}

/// The curves `jwks` takes: the OID, its name, and the private scalar's length in bytes
/// (SEC 1: the curve order's size), which names the curve when a SEC1 key leaves out its
/// parameters. Source: provider.md (curves); SEC 1 v2 §3.2 (lengths).
pub const CURVES: &[(&[u8], &str, usize)] = &[
    (oid::P256, "P-256", 32),
    (oid::P384, "P-384", 48),
    (oid::P521, "P-521", 66),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ids_follow_the_rule() {
        for good in ["a", "k1", "main-2024.rsa", "A~b_c"] {
            assert!(key_id_is_valid(good), "{good}");
        }
        for bad in ["", "-a", "a-", "a b", "é", "a/b", "_"] {
            assert!(!key_id_is_valid(bad), "{bad}");
        }
    }
}
