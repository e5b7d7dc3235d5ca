//! What Authelia's OpenID Connect configuration allows, as the checker needs it: every fact
//! the checker's rules use, in one place, each beside its source, so that a new Authelia
//! release is checked against this file alone.
//!
//! Sources, from Authelia's repository (`authelia/authelia`, commit 23572030):
//! - Authelia's published JSON schema of `configuration.yml` ("the schema"), its `$defs`;
//! - `docs/content/configuration/identity-providers/openid-connect/provider.md` ("provider.md");
//! - `docs/content/configuration/identity-providers/openid-connect/clients.md` ("clients.md");
//! - `internal/configuration/deprecation.go` ("deprecation.go");
//! - `internal/configuration/validator/identity_providers.go` and `const.go` ("the
//!   validator": what Authelia refuses at startup);
//! - `internal/configuration/validator/session.go` ("the session validator");
//! - `internal/middlewares/authelia_context.go`, `IssuerURL` ("the issuer check": what
//!   Authelia refuses on each OpenID Connect request), and the release tags that brought
//!   its parts;
//! - `internal/oidc/issuer.go` ("issuer.go": which key signs by default);
//! - `docs/content/configuration/methods/files.md` ("files.md": the file filters);
//! - `docs/content/integration/openid-connect/frequently-asked-questions.md` ("the FAQ");
//! - `docs/layouts/_shortcodes/oidc-escape-hatch-claims-hydration.html` ("the escape
//!   hatch").
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

/// The allowed `consent_mode` values. Source: the validator (`validOIDCClientConsentModes`)
/// and clients.md.
pub const CONSENT_MODES: &[&str] = &["auto", "explicit", "implicit", "pre-configured"];

/// `consent_mode` when a client sets none. Source: clients.md.
pub const DEFAULT_CONSENT_MODE: &str = "auto";

/// What `auto` becomes: `pre-configured` when the client sets
/// `pre_configured_consent_duration`, else `explicit`, which asks the user's consent at
/// every authorization. Source: the validator (`validateOIDCClientConsentModes`) and
/// clients.md.
pub fn effective_consent_mode(mode: &str, has_duration: bool) -> &str {
    match mode {
        "" | "auto" if has_duration => PRE_CONFIGURED_CONSENT,
        "" | "auto" => "explicit",
        other => other,
    }
}

/// The consent mode that asks at every authorization. Source: clients.md.
pub const EXPLICIT_CONSENT: &str = "explicit";

/// The consent mode that remembers the user's consent for
/// `pre_configured_consent_duration` (7 days when unset). Source: clients.md and the
/// validator (`validateOIDCClientConsentMode`).
pub const PRE_CONFIGURED_CONSENT: &str = "pre-configured";

/// A scope whose client Authelia requires to use explicit consent (its tokens act as the
/// user at Authelia's own endpoints). Source: the validator
/// (`validateOIDCClientScopesSpecialBearerAuthz`).
pub const BEARER_AUTHZ_SCOPE: &str = "authelia.bearer.authz";

/// The scopes for which Authelia asks explicit consent whatever `consent_mode` says, when
/// the application requests them (a refresh token is then issued). Source: the FAQ, "Why
/// does Authelia ask for Consent when I've asked for my consent to be remembered".
pub const SCOPES_FORCING_CONSENT: &[&str] = &["offline_access", "offline"];

/// The claims the escape hatch puts in the ID token when a guide names none: the claims
/// Authelia put in the ID token before 4.39, which a claims policy brings back, and the
/// example the checker's and the troubleshooter's fixes offer. Sources: the escape hatch
/// (`$claims` default); authelia/authelia@23572030
/// docs/content/integration/openid-connect/openid-connect-1.0-claims.md ("Restore
/// Functionality Prior to Claims Parameter").
pub const ESCAPE_HATCH_DEFAULT_CLAIMS: &[&str] = &[
    "rat",
    "groups",
    "email",
    "email_verified",
    "alt_emails",
    "preferred_username",
    "name",
];

/// The client's keys naming how it authenticates at one of Authelia's endpoints. Source:
/// the validator (`validateOIDCClientEndpointAuth` is called with each).
pub const ENDPOINT_AUTH_METHOD_KEYS: &[&str] = &[
    "token_endpoint_auth_method",
    "revocation_endpoint_auth_method",
    "introspection_endpoint_auth_method",
    "pushed_authorization_request_endpoint_auth_method",
];

/// The auth method that signs with the client secret itself: Authelia needs the secret in
/// plaintext for it. Source: the validator (`errFmtOIDCClientInvalidSecretNotPlainText`,
/// raised when the secret is a digest).
pub const SECRET_JWT_AUTH_METHOD: &str = "client_secret_jwt";

/// `userinfo_signed_response_alg` when a client sets none: the userinfo answer is plain
/// JSON. Any other value makes the whole answer a signed JWT, which most applications
/// cannot read. Source: clients.md (`userinfo_signed_response_alg`, default `none`, and
/// its caution).
pub const DEFAULT_USERINFO_SIGNED_RESPONSE_ALG: &str = "none";

/// The client's keys naming the algorithm Authelia signs a response with; an HMAC one
/// signs with the client secret, so the secret must then be plaintext. Source: the
/// validator (`validateOIDDClientSigningAlgs`).
pub const SIGNED_RESPONSE_ALG_KEYS: &[&str] = &[
    "authorization_signed_response_alg",
    "id_token_signed_response_alg",
    "access_token_signed_response_alg",
    "userinfo_signed_response_alg",
    "introspection_signed_response_alg",
];

/// The HMAC signing algorithms, which sign with the client secret. Source: the validator
/// (`validOIDCClientTokenEndpointAuthSigAlgsClientSecretJWT`).
pub const HMAC_ALGS: &[&str] = &["HS256", "HS384", "HS512"];

/// The provider's `enforce_pkce` when it sets none: PKCE is then required from every
/// public client, whatever the client says; `always` requires it from every client,
/// `never` from none but those that say `require_pkce`. Source: provider.md
/// (`enforce_pkce`) and the schema (`default=public_clients_only`).
pub const DEFAULT_ENFORCE_PKCE: &str = "public_clients_only";

/// The `enforce_pkce` that requires PKCE from every client. Source: provider.md.
pub const ENFORCE_PKCE_ALWAYS: &str = "always";

/// The `use` values of a `jwks` entry: `sig` (the default for the keys `jwks` takes)
/// signs, `enc` decrypts what clients encrypt. Source: the validator
/// (`validateOIDCIssuerPrivateKeysUseAlg`) and provider.md.
pub const KEY_USES: &[&str] = &["sig", "enc"];

/// The algorithms a signing (`use: 'sig'`) `jwks` key may name, each with the kind of key
/// it signs with: `None` for RSA, or the ECDSA curve. Sources: the validator
/// (`validOIDCIssuerJWKSigningAlgs`); RFC 7518 section 3.1 (which key each algorithm
/// takes).
pub const SIGNING_ALGS: &[(&str, Option<&str>)] = &[
    ("RS256", None),
    ("RS384", None),
    ("RS512", None),
    ("PS256", None),
    ("PS384", None),
    ("PS512", None),
    ("ES256", Some("P-256")),
    ("ES384", Some("P-384")),
    ("ES512", Some("P-521")),
];

/// The algorithm a signing key is used with when its entry names none: the one Authelia
/// works out from the key (RS256 for RSA, ES256/384/512 by curve). Source: the validator
/// (`schemaJWKGetProperties`).
pub const DEFAULT_RSA_SIGNING_ALG: &str = "RS256";

/// The algorithms an encryption (`use: 'enc'`) `jwks` key may name, each with the kind
/// of key it takes: `Some(None)` RSA, `Some(Some("EC"))` any ECDSA curve, `None` a
/// symmetric key, which a PEM private key is not. Sources: the validator
/// (`validOIDCJWKEncryptionAlgs`); RFC 7518 section 4.1.
pub const ENCRYPTION_ALGS: &[(&str, Option<Option<&str>>)] = &[
    ("RSA1_5", Some(None)),
    ("RSA-OAEP", Some(None)),
    ("RSA-OAEP-256", Some(None)),
    ("ECDH-ES", Some(Some("EC"))),
    ("ECDH-ES+A128KW", Some(Some("EC"))),
    ("ECDH-ES+A192KW", Some(Some("EC"))),
    ("ECDH-ES+A256KW", Some(Some("EC"))),
    ("A128KW", None),
    ("A192KW", None),
    ("A256KW", None),
    ("dir", None),
    ("A128GCMKW", None),
    ("A192GCMKW", None),
    ("A256GCMKW", None),
    ("PBES2-HS256+A128KW", None),
    ("PBES2-HS384+A192KW", None),
    ("PBES2-HS512+A256KW", None),
];

/// The environment variable that turns on Authelia's file filters, and the filter that
/// expands `{{ … }}` templates; without it Authelia reads the braces as they are.
/// Source: files.md ("File Filters", "Go Template Filter").
pub const FILTERS_VARIABLE: &str = "X_AUTHELIA_CONFIG_FILTERS";

/// The name of the template filter. Source: files.md.
pub const TEMPLATE_FILTER: &str = "template";

/// The name of the deprecated filter that expands `${VAR}` environment variables and
/// reads `$$` as a `$`: only with it on does a digest written with `$$` reach Authelia
/// whole. Source: files.md ("Expand Environment Variable Filter", "Known Limitations").
pub const EXPAND_ENV_FILTER: &str = "expand-env";

/// Since Authelia 4.39.19 an OpenID Connect request reaching Authelia over anything but
/// https fails ("invalid X-Forwarded-Proto header value"). Source: the issuer check, at
/// tag v4.39.19 and after (absent at v4.39.17).
pub const ISSUER_HTTPS_SINCE: &str = "4.39.19";

/// Since Authelia 4.39.17 an OpenID Connect request fails unless Authelia's address
/// matches a `session.cookies` entry: the host of its `authelia_url`, or, with one cookie
/// and no `authelia_url`, a host under its `domain` ("no session cookie configuration
/// matches url", "does not match the configured domain"). Source: the issuer check, at
/// tag v4.39.17 and after (absent at v4.39.16).
pub const ISSUER_COOKIE_MATCH_SINCE: &str = "4.39.17";

/// Where a near miss is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A client.
    Client,
    /// The provider (`identity_providers.oidc`).
    Provider,
    /// A `jwks` entry.
    JwksEntry,
}

/// A key Authelia does not know that users write for one it does, too far from it by
/// spelling for "Did you mean" to find: the option of the provider written in a client,
/// a JSON Web Key's own name, a name from another product.
#[derive(Clone, Copy, Debug)]
pub struct NearMiss {
    /// Where it is written.
    pub place: Place,
    /// The key as written.
    pub written: &'static str,
    /// The key meant, when there is one; `None` when the key should only be removed.
    pub meant: Option<&'static str>,
    /// Why, in a few words the fix quotes.
    pub why: &'static str,
}

/// The known near misses. Sources: clients.md and provider.md (which side each option is
/// on); the schema (`$defs.JWK`) and RFC 7517 section 4 (the JSON Web Key names);
/// `authelia-errors.md` of the project's reference catalogue, which records that no key
/// `pushed_authorization_requests` exists.
pub const NEAR_MISSES: &[NearMiss] = &[
    NearMiss {
        place: Place::Client,
        written: "pushed_authorization_requests",
        meant: Some("require_pushed_authorization_requests"),
        why: "a client requires pushed authorization requests with \
              `require_pushed_authorization_requests: true`.",
    },
    NearMiss {
        place: Place::Provider,
        written: "pushed_authorization_requests",
        meant: Some("require_pushed_authorization_requests"),
        why: "the provider requires pushed authorization requests from every client with \
              `require_pushed_authorization_requests: true`.",
    },
    NearMiss {
        place: Place::Client,
        written: "enforce_pkce",
        meant: Some("require_pkce"),
        why: "`enforce_pkce` is the provider's option; a client says `require_pkce: true`.",
    },
    NearMiss {
        place: Place::Provider,
        written: "require_pkce",
        meant: Some("enforce_pkce"),
        why: "`require_pkce` is a client's option; the provider says `enforce_pkce: \
              'always'` (or `'public_clients_only'`, its default).",
    },
    NearMiss {
        place: Place::Client,
        written: "enable_pkce_plain_challenge",
        meant: Some("pkce_challenge_method"),
        why: "`enable_pkce_plain_challenge` is the provider's option; a client names its \
              method with `pkce_challenge_method: 'plain'` (or, better, 'S256').",
    },
    NearMiss {
        place: Place::Client,
        written: "claims_policies",
        meant: Some("claims_policy"),
        why: "a client names one policy in `claims_policy`; `claims_policies` is the \
              provider's list that defines them.",
    },
    NearMiss {
        place: Place::Provider,
        written: "claims_policy",
        meant: Some("claims_policies"),
        why: "the provider defines policies under `claims_policies`; `claims_policy` is the \
              client's choice of one.",
    },
    NearMiss {
        place: Place::Client,
        written: "authorization_policies",
        meant: Some("authorization_policy"),
        why: "a client names one policy in `authorization_policy`; \
              `authorization_policies` is the provider's list that defines them.",
    },
    NearMiss {
        place: Place::Provider,
        written: "authorization_policy",
        meant: Some("authorization_policies"),
        why: "the provider defines policies under `authorization_policies`; \
              `authorization_policy` is the client's choice of one.",
    },
    NearMiss {
        place: Place::Client,
        written: "consent",
        meant: Some("consent_mode"),
        why: "a client's consent is set by `consent_mode` (and \
              `pre_configured_consent_duration`).",
    },
    NearMiss {
        place: Place::Client,
        written: "consent_pre_configured_duration",
        meant: Some("pre_configured_consent_duration"),
        why: "the key is `pre_configured_consent_duration`.",
    },
    NearMiss {
        place: Place::Client,
        written: "userinfo_signing_alg",
        meant: Some("userinfo_signed_response_alg"),
        why: "the key is `userinfo_signed_response_alg` (before 4.38, \
              `userinfo_signing_algorithm`).",
    },
    NearMiss {
        place: Place::Client,
        written: "id_token_signing_alg",
        meant: Some("id_token_signed_response_alg"),
        why: "the key is `id_token_signed_response_alg`.",
    },
    NearMiss {
        place: Place::JwksEntry,
        written: "kid",
        meant: Some("key_id"),
        why: "`kid` is the JSON Web Key name; Authelia's `jwks` entry calls it `key_id`.",
    },
    NearMiss {
        place: Place::JwksEntry,
        written: "alg",
        meant: Some("algorithm"),
        why: "`alg` is the JSON Web Key name; Authelia's `jwks` entry calls it \
              `algorithm`.",
    },
    NearMiss {
        place: Place::JwksEntry,
        written: "kty",
        meant: None,
        why: "Authelia reads the key's type from the PEM `key` itself.",
    },
    NearMiss {
        place: Place::JwksEntry,
        written: "crv",
        meant: None,
        why: "Authelia reads an ECDSA key's curve from the PEM `key` itself.",
    },
    NearMiss {
        place: Place::JwksEntry,
        written: "x5c",
        meant: Some("certificate_chain"),
        why: "`x5c` is the JSON Web Key name; Authelia's `jwks` entry takes the PEM \
              certificates as `certificate_chain`.",
    },
    NearMiss {
        place: Place::JwksEntry,
        written: "certificate",
        meant: Some("certificate_chain"),
        why: "the key is `certificate_chain`, one or more PEM certificates.",
    },
];

/// The near miss written as `key` at `place`, if it is a known one.
pub fn near_miss(place: Place, key: &str) -> Option<&'static NearMiss> {
    NEAR_MISSES
        .iter()
        .find(|m| m.place == place && m.written == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_near_miss_is_unknown_where_written_and_means_a_known_key() {
        for miss in NEAR_MISSES {
            let known = match miss.place {
                Place::Client => CLIENT_KEYS,
                Place::Provider => PROVIDER_KEYS,
                Place::JwksEntry => JWK_KEYS,
            };
            assert!(!known.contains(&miss.written), "{}", miss.written);
            if let Some(meant) = miss.meant {
                assert!(known.contains(&meant), "{meant}");
            }
        }
    }

    #[test]
    fn auto_consent_is_explicit_unless_a_duration_is_set() {
        assert_eq!(effective_consent_mode("", false), "explicit");
        assert_eq!(effective_consent_mode("auto", false), "explicit");
        assert_eq!(effective_consent_mode("auto", true), "pre-configured");
        assert_eq!(effective_consent_mode("implicit", true), "implicit");
        assert_eq!(effective_consent_mode("explicit", true), "explicit");
    }

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
