//! The messages the troubleshooter knows, as data: for each, a stable id, the fragments
//! that recognise it in every wording Authelia has used since 4.38, where the failure
//! happens, and its cause and fix in the project's own words.
//!
//! Sources (the facts and the quoted fragments, never the sentences): Authelia's
//! repository `authelia/authelia` at commit 23572030 (after v4.39.20) and its tags, and
//! the provider library it imports as `authelia.com/provider/oauth2`,
//! `authelia/oauth2-provider`, at the versions Authelia's `go.mod` pins:
//! 43d01654 (Authelia 4.38.0 and 4.38.1), v0.1.1 to v0.1.19 (4.38.2 to 4.38.19), v0.2.0
//! to v0.2.31 (4.39.0 to 4.39.20) and v0.2.40 (master). Each fragment names the version
//! range whose wording it matches and the file it comes from; a fragment was checked with
//! `git grep` over every one of those tags. Messages from applications name the project
//! that writes them.
//!
//! The order is the order of recognition: an entry whose fragments also appear in a later
//! entry's message comes first (a missing secret's message shares its first half with an
//! auth method mismatch's), and the entries that only say "look in the log" come last.

use super::{Endpoint, Evidence};

/// One piece of a message that recognises it. Compared ignoring ASCII case, runs of
/// spaces, and the kind of quote (`'`, `"` or `` ` ``).
#[derive(Clone, Copy, Debug)]
pub struct Fragment {
    /// The text, as the message writes it.
    pub text: &'static str,
    /// A second piece that must be on the same line, when the first alone is too common.
    pub also: Option<&'static str>,
    /// Which versions write it this way, e.g. "Authelia 4.38.2 to 4.39.20".
    pub wording: &'static str,
    /// Where the fragment comes from: repository, version and file.
    pub source: &'static str,
}

/// One known failure.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// Stable kebab-case id, e.g. `auth-method-mismatch`.
    pub id: &'static str,
    /// A short title.
    pub title: &'static str,
    /// Where the failure happens.
    pub endpoint: Endpoint,
    /// The `error` codes Authelia answers with for it (none for an application's own
    /// message).
    pub codes: &'static [&'static str],
    /// Whether the reader's configuration can tell the cause, or only a log.
    pub evidence: Evidence,
    /// What happened, in words.
    pub happened: &'static str,
    /// The cause.
    pub cause: &'static str,
    /// The fix.
    pub fix: &'static str,
    /// For a failure only a log can explain: what to look for next.
    pub look_for: Option<&'static str>,
    /// The fragments that recognise it.
    pub fragments: &'static [Fragment],
}

/// Every Authelia version this catalogue reads (4.38.0 to master).
const ALL: &str = "Authelia 4.38 to master";
/// Authelia 4.38.0 and 4.38.1 (provider 43d01654).
const V4380: &str = "Authelia 4.38.0 to 4.38.1";
/// Authelia 4.38.2 to 4.39.20 (provider v0.1.1 to v0.2.31).
pub(crate) const V4382_TO_43920: &str = "Authelia 4.38.2 to 4.39.20";
/// Authelia's master after 4.39.20 (provider v0.2.40).
const MASTER: &str = "Authelia after 4.39.20 (master)";

/// A fragment.
const fn f(text: &'static str, wording: &'static str, source: &'static str) -> Fragment {
    Fragment {
        text,
        also: None,
        wording,
        source,
    }
}

/// The catalogue, in the order of recognition.
pub const ENTRIES: &[Entry] = &[
    Entry {
        id: "client-secret-missing",
        title: "The client has no secret in Authelia",
        endpoint: Endpoint::Token,
        codes: &["invalid_client"],
        evidence: Evidence::Config,
        happened: "The application proved itself at the token endpoint with a client secret, \
                   but Authelia holds no secret for this client to compare it with, so it \
                   refused the application (`invalid_client`).",
        cause: "The client is confidential but its `client_secret` is empty: often a secret \
                file or a template that was never filled in, so Authelia read nothing.",
        fix: "Set the client's `client_secret` to the digest of the application's secret, and \
              check that the file or variable it is read from really exists.",
        look_for: None,
        fragments: &[
            f(
                "has no 'client_secret' which is required to process this method",
                MASTER,
                "authelia/oauth2-provider@v0.2.40 client_authentication_strategy.go",
            ),
            f(
                "has no 'client_secret' however this is required",
                V4382_TO_43920,
                "authelia/oauth2-provider@v0.1.19 client_authentication_strategy.go",
            ),
            f(
                "was not registered with a client secret",
                V4380,
                "authelia/oauth2-provider@43d01654 client_authentication.go",
            ),
            // 4.38.0's hint for a missing secret leaves its placeholder unfilled, which is
            // what tells it apart from a method mismatch in the application's log.
            f(
                "'token_endpoint_client_auth_method' method '%s'",
                V4380,
                "authelia/oauth2-provider@43d01654 client_authentication.go",
            ),
        ],
    },
    Entry {
        id: "none-on-confidential-client",
        title: "The application sent no secret, but the client is confidential",
        endpoint: Endpoint::Token,
        codes: &["invalid_client"],
        evidence: Evidence::Config,
        happened: "The application came to the token endpoint without a client secret (the \
                   method `none`), but Authelia registers the client as confidential, so it \
                   refused the application (`invalid_client`).",
        cause: "The application keeps no secret (a single-page or mobile application, or one \
                set up for PKCE alone), while the client in Authelia expects one.",
        fix: "If the application cannot keep a secret: set `public: true` and \
              `token_endpoint_auth_method: 'none'`, remove `client_secret`, and require PKCE. \
              If it can: give it the client secret, in the way the client's \
              `token_endpoint_auth_method` says.",
        look_for: None,
        fragments: &[
            f(
                "method 'none' was determined to be used",
                MASTER,
                "authelia/oauth2-provider@v0.2.40 client_authentication_strategy.go",
            ),
            // From v0.1.12 to v0.2.36 the hint puts the method where the endpoint belongs.
            f(
                "'none_endpoint_auth_method' method",
                "Authelia 4.38.9 to 4.39.20",
                "authelia/oauth2-provider@v0.1.19 client_authentication_strategy.go",
            ),
            f(
                "is configured with a confidential client type",
                "Authelia 4.38.7 to master",
                "authelia/oauth2-provider@v0.1.19 client_authentication_strategy.go",
            ),
            f(
                "method 'none', however",
                "Authelia 4.38.0 to 4.39.20",
                "authelia/oauth2-provider@v0.1.19 client_authentication_strategy.go",
            ),
        ],
    },
    Entry {
        id: "auth-method-mismatch",
        title: "The application authenticates in another way than the client allows",
        endpoint: Endpoint::Token,
        codes: &["invalid_client"],
        evidence: Evidence::Config,
        happened: "The application sent its client credentials one way (for example in the \
                   request's body, `client_secret_post`) while the client in Authelia allows \
                   only another (for example the Authorization header, \
                   `client_secret_basic`), so Authelia refused it (`invalid_client`).",
        cause: "The client's `token_endpoint_auth_method` is not what the application sends. A \
                confidential client that sets no method gets `client_secret_basic`.",
        fix: "Set the client's `token_endpoint_auth_method` to the method the application uses \
              (the notes name it), or set the application to the client's method.",
        look_for: None,
        fragments: &[
            // A JWT assertion sent to a client that takes a secret.
            f(
                "however 'client_assertion' was provided in the request",
                "Authelia 4.38.0 to 4.38.19",
                "authelia/oauth2-provider@v0.1.19 client_authentication_strategy.go",
            ),
            Fragment {
                text: "however the registered client with id",
                also: Some("is configured to only support"),
                wording: MASTER,
                source: "authelia/oauth2-provider@v0.2.40 client_authentication_strategy.go",
            },
            f(
                "however the OAuth 2.0 client registration does not allow this method",
                V4382_TO_43920,
                "authelia/oauth2-provider@v0.1.19 client_authentication_strategy.go",
            ),
            f(
                "however the OAuth 2.0 client does not support this method",
                V4380,
                "authelia/oauth2-provider@43d01654 client_authentication.go",
            ),
        ],
    },
    Entry {
        id: "client-credentials-encoding",
        title: "The client id or secret is not encoded as the Authorization header requires",
        endpoint: Endpoint::Token,
        codes: &["invalid_request", "invalid_client"],
        evidence: Evidence::Config,
        happened: "The application put its client id and secret in the Authorization header \
                   (`client_secret_basic`) without form-encoding them first, and Authelia \
                   could not read them.",
        cause: "OAuth 2.0 has the id and secret form-encoded before they go into the header; \
                some applications skip that, which only shows when the secret holds \
                characters such as `+`, `%`, `&` or `/`.",
        fix: "Use a secret made of letters, digits and `-._~` only (`authelia crypto rand \
              --charset rfc3986`), or have the application send the secret in the request's \
              body (`client_secret_post`, with the client's `token_endpoint_auth_method` set \
              to match).",
        look_for: None,
        fragments: &[
            f(
                "could not be decoded from 'application/x-www-form-urlencoded'",
                ALL,
                "authelia/oauth2-provider@v0.2.40 client_authentication.go",
            ),
            f(
                "in the HTTP request had an invalid character",
                ALL,
                "authelia/oauth2-provider@v0.2.40 client_authentication.go",
            ),
        ],
    },
    Entry {
        id: "auth-methods-combined",
        title: "The application sent its credentials two ways at once",
        endpoint: Endpoint::Token,
        codes: &["invalid_request", "invalid_client"],
        evidence: Evidence::Config,
        happened: "The application proved itself at the token endpoint in more than one way in \
                   the same request (for instance its secret both in the Authorization header \
                   and in the form's body), and Authelia refused the request.",
        cause: "Some applications and libraries send the client's credentials every way they \
                know. Authelia takes exactly one method per request, the client's \
                `token_endpoint_auth_method`, unless the client allows more.",
        fix: "Set the application to send its credentials one way only, the client's \
              `token_endpoint_auth_method`. If it cannot, set `allow_multiple_auth_methods: \
              true` on the client (Authelia 4.38.3 and later; earlier versions refuse the \
              key), which lets it through, against the standard.",
        look_for: None,
        fragments: &[f(
            "more than one known authentication method included in the request",
            ALL,
            "authelia/oauth2-provider@v0.2.40 client_authentication_strategy.go; \
             @43d01654 client_authentication.go",
        )],
    },
    Entry {
        id: "client-secret-mismatch",
        title: "The client secret is wrong",
        endpoint: Endpoint::Token,
        codes: &["invalid_client"],
        evidence: Evidence::Log,
        happened: "The application sent a client secret that does not fit the digest in the \
                   client's `client_secret`, so Authelia refused it (`invalid_client`).",
        cause: "Usually the application was given the digest instead of the secret, the digest \
                was made from another secret, a `$` of the digest was taken for a variable by \
                the shell or Docker Compose, or the application does not encode characters of \
                the secret.",
        fix: "Give the application the plain secret and Authelia its digest. In Docker Compose \
              and `.env` files write each `$` of the digest as `$$`.",
        look_for: Some(
            "Whether the secret the application holds gives the digest in the client's \
             `client_secret`: this page's digest check (or `authelia crypto hash validate`) \
             tells.",
        ),
        fragments: &[
            f(
                "did not match the registered client secret",
                ALL,
                "authelia/authelia@23572030 internal/oidc/errors.go",
            ),
            f(
                "the passwords don't match",
                "Authelia 4.37",
                "authelia/authelia@v4.37.5 internal/oidc/errors.go",
            ),
        ],
    },
    Entry {
        id: "client-not-found",
        title: "Authelia has no client with this id",
        endpoint: Endpoint::Authorization,
        codes: &["invalid_client"],
        evidence: Evidence::Config,
        happened: "The application asked Authelia to sign in with a client id Authelia does \
                   not know, so Authelia stopped at its own error page instead of returning to \
                   the application.",
        cause: "The application's client id differs from every client's `client_id` in \
                Authelia (a typo, or only the letter case), or Authelia did not load its \
                OpenID Connect clients.",
        fix: "Make the application's client id and the client's `client_id` exactly the same, \
              then restart Authelia so it reads the configuration.",
        look_for: None,
        fragments: &[
            f(
                "does not appear to be a registered client",
                ALL,
                "authelia/authelia@23572030 internal/oidc/store.go",
            ),
            f(
                "The requested OAuth 2.0 Client does not exist",
                ALL,
                "authelia/oauth2-provider@v0.2.40 authorize_request_handler.go",
            ),
            f(
                "could not be processed: client was not found",
                ALL,
                "authelia/authelia@23572030 internal/handlers/handler_oauth2_authorization.go",
            ),
        ],
    },
    Entry {
        id: "authorization-code-reused",
        title: "The authorization code was exchanged twice",
        endpoint: Endpoint::Token,
        codes: &["invalid_grant"],
        evidence: Evidence::Log,
        happened: "The application exchanged an authorization code that had already been \
                   exchanged once, so Authelia refused it (`invalid_grant`) and revoked the \
                   tokens the first exchange gave.",
        cause: "A code is good for one exchange, and it was exchanged twice: the callback ran \
                again (reloaded, reached with Back, retried by a proxy, or handled by two \
                replicas of the application), or the application retried a slow token request \
                that had in fact succeeded. Nothing in Authelia's configuration causes it.",
        fix: "Sign in again from the start. If it happens at every sign-in, make the callback \
              run once: no retries of it by the proxy, and one replica of the application (or \
              sticky sessions).",
        look_for: Some(
            "In the proxy's or the application's log, two requests to the callback address \
             with the same `code` a moment apart.",
        ),
        fragments: &[f(
            "The authorization code has already been used",
            ALL,
            "authelia/oauth2-provider@v0.2.40 handler/oauth2/flow_authorize_code_token.go",
        )],
    },
    Entry {
        id: "refresh-token-invalid",
        title: "Authelia refused the refresh token",
        endpoint: Endpoint::Token,
        codes: &["invalid_grant"],
        evidence: Evidence::Log,
        happened: "The application tried to renew its tokens with a refresh token that \
                   Authelia does not hold, or that expired, so Authelia refused it \
                   (`invalid_grant`).",
        cause: "Each renewal returns a new refresh token and retires the old one. A token used \
                a second time (two copies of the application, a restored backup, two renewals \
                at once) is refused as inactive, and Authelia then revokes the whole grant, so \
                it and its successors are 'not found' from then on. Otherwise Authelia has no \
                record of the token: its storage was reset (a SQLite file in a container with \
                no volume is lost at every restart), or another Authelia with another database \
                issued it. Or the token expired \
                (`identity_providers.oidc.lifespans.refresh_token`, 90 minutes by default).",
        fix: "Sign in again to get a new refresh token. If it comes back, make the application \
              keep the new refresh token each renewal returns and renew from one place at a \
              time, and keep Authelia's storage on a volume or in a database server that every \
              Authelia instance shares.",
        look_for: Some(
            "In Authelia's log, an earlier renewal with the same token (inactive), or a restart \
             between the sign-in and this renewal.",
        ),
        fragments: &[
            f(
                "The refresh token has not been found",
                ALL,
                "authelia/oauth2-provider@v0.2.40 handler/oauth2/flow_refresh.go",
            ),
            // Written "Refresh token expired at" before provider v0.2.12 (4.39.4); fragments
            // ignore case, so one covers both.
            f(
                "Refresh Token expired at",
                ALL,
                "authelia/oauth2-provider@v0.2.40 handler/oauth2/strategy_hmac.go",
            ),
            // A token used a second time: the provider's inactive-token words, in the
            // refresh grant's answer only.
            Fragment {
                text: "Token is inactive because it is malformed, expired or otherwise invalid",
                also: Some("or refresh token is invalid, expired, revoked"),
                wording: ALL,
                source: "authelia/oauth2-provider@v0.2.40 errors.go (ErrInactiveToken), \
                         handler/oauth2/flow_refresh.go",
            },
        ],
    },
    Entry {
        id: "authorization-code-invalid",
        title: "Authelia does not hold the authorization code, or it expired",
        endpoint: Endpoint::Token,
        codes: &["invalid_grant"],
        evidence: Evidence::Log,
        happened: "The application exchanged an authorization code that Authelia no longer \
                   holds, or holds past its lifespan, so Authelia refused it (`invalid_grant`).",
        cause: "The exchange came too late by Authelia's clock (a code lives one minute by \
                default, `identity_providers.oidc.lifespans.authorize_code`): a slow or queued \
                application. Or Authelia lost the code between the two requests: a restart \
                with storage that does not persist, or several Authelia instances that do not \
                share their storage.",
        fix: "Sign in again. If it comes back, find what delays the application between the \
              callback and its token request, keep Authelia's storage on a volume or in a \
              database server, and let every Authelia instance share it.",
        look_for: Some(
            "In Authelia's log, the sign-in's time against this line's (more than a minute \
             apart?), and a restart between them.",
        ),
        fragments: &[
            f(
                "The authorization code session for the given authorization code was not found",
                "Authelia 4.38.11 to master",
                "authelia/oauth2-provider@v0.2.40 handler/oauth2/flow_authorize_code_token.go",
            ),
            // Written "Authorize code expired at" before provider v0.2.12 (4.39.4).
            f(
                "Authorize Code expired at",
                ALL,
                "authelia/oauth2-provider@v0.2.40 handler/oauth2/strategy_hmac.go",
            ),
        ],
    },
    Entry {
        id: "redirect-uri-changed",
        title: "The application used another redirect URI for its token",
        endpoint: Endpoint::Token,
        codes: &["invalid_grant"],
        evidence: Evidence::Log,
        happened: "The application exchanged its code with a `redirect_uri` other than the one \
                   it signed in with, so Authelia refused the exchange (`invalid_grant`).",
        cause: "The application builds its callback address twice, differently (for example \
                once with `https` and once with `http` behind a proxy).",
        fix: "Set the application's public address so that it builds one callback address; \
              nothing in Authelia's configuration changes this.",
        look_for: Some(
            "The end of Authelia's log line names both addresses: the application's public \
             address setting must give the registered one both times.",
        ),
        fragments: &[f(
            "'redirect_uri' from this request does not match the one from the authorize request",
            ALL,
            "authelia/oauth2-provider@v0.2.40 handler/oauth2/flow_authorize_code_token.go",
        )],
    },
    Entry {
        id: "redirect-uri-mismatch",
        title: "The redirect URI is not registered",
        endpoint: Endpoint::Authorization,
        codes: &["invalid_request"],
        evidence: Evidence::Config,
        happened: "The application asked Authelia to send the user back to an address that is \
                   not among the client's `redirect_uris`, so Authelia stopped at its own error \
                   page.",
        cause: "The callback the application sends differs from every `redirect_uris` entry: \
                often `http` behind a proxy that ends TLS, another host or port, another path, \
                a trailing slash or a query. Authelia compares them exactly, with no \
                wildcards.",
        fix: "Add the exact `redirect_uri` of the failed request to the client's \
              `redirect_uris`, or set the application's public address so that it sends the \
              registered one.",
        look_for: None,
        fragments: &[
            f(
                "pre-registered 'redirect_uris'",
                "Authelia 4.38.7 to master",
                "authelia/oauth2-provider@v0.2.40 uri.go",
            ),
            f(
                "pre-registered redirect urls",
                "Authelia 4.38.0 to 4.38.6",
                "authelia/oauth2-provider@43d01654 authorize_helper.go",
            ),
            f(
                "did not match 'redirect_uri' value",
                "Authelia 4.38.9 to master",
                "authelia/oauth2-provider@v0.2.40 uri.go",
            ),
        ],
    },
    Entry {
        id: "redirect-uri-invalid",
        title: "The application sent no redirect URI",
        endpoint: Endpoint::Authorization,
        codes: &["invalid_request", "invalid_grant"],
        evidence: Evidence::Log,
        happened: "The application's request carried no `redirect_uri`, which OpenID Connect \
                   requires, so Authelia refused it.",
        cause: "The application's callback address is not set, or the application does not send \
                it.",
        fix: "Set the application's callback (redirect) address to a full https address, and \
              register exactly that address in the client's `redirect_uris`.",
        look_for: Some(
            "In the application's OpenID Connect settings, the callback or redirect address it \
             sends, and where it builds it from.",
        ),
        fragments: &[
            // Not "contains an illegal character (for example #)": the provider checks that
            // only for a redirect URI it already matched against the client's, which passed
            // the same check (uri.go), so no version sends it. A `#` gets
            // redirect-uri-mismatch, whose explanation says so.
            f(
                "parameter is required when using OpenID Connect 1.0",
                ALL,
                "authelia/oauth2-provider@v0.2.40 authorize_request_handler.go",
            ),
        ],
    },
    Entry {
        id: "pkce-required",
        title: "PKCE is required, and the application sent none",
        endpoint: Endpoint::Authorization,
        codes: &["invalid_request"],
        evidence: Evidence::Config,
        happened: "Authelia requires PKCE here, and the application's sign-in request carried \
                   no `code_challenge`, so Authelia refused it.",
        cause: "PKCE is required by the client (`require_pkce: true`, or any \
                `pkce_challenge_method`, which turns it on), by the provider's \
                `enforce_pkce: 'always'`, or by its default `public_clients_only` for a public \
                client; the application does not use PKCE.",
        fix: "Turn PKCE (S256) on in the application. If it cannot use PKCE, set the client's \
              `require_pkce: false` and `pkce_challenge_method: ''` (and the provider's \
              `enforce_pkce` must not be `always`).",
        look_for: None,
        fragments: &[f(
            "when performing the authorize code flow, but it is missing",
            ALL,
            "authelia/oauth2-provider@v0.2.40 handler/pkce/handler.go",
        )],
    },
    Entry {
        id: "pkce-method-not-allowed",
        title: "The application's PKCE method is not allowed",
        endpoint: Endpoint::Authorization,
        codes: &["invalid_request"],
        evidence: Evidence::Config,
        happened: "The application used a PKCE `code_challenge_method` (usually `plain`) that \
                   Authelia does not take for this client.",
        cause: "Authelia takes only `S256` unless the provider sets \
                `enable_pkce_plain_challenge: true`, and a client with a \
                `pkce_challenge_method` takes only that method.",
        fix: "Set the application to `S256`. Only if it cannot: set the client's \
              `pkce_challenge_method: 'plain'` and the provider's \
              `enable_pkce_plain_challenge: true`.",
        look_for: None,
        fragments: &[
            f(
                "but the authorization server policy does not allow method",
                ALL,
                "authelia/oauth2-provider@v0.2.40 handler/pkce/handler.go",
            ),
            f(
                "doesn't know how to handle this method",
                ALL,
                "authelia/oauth2-provider@v0.2.40 handler/pkce/handler.go",
            ),
        ],
    },
    Entry {
        id: "pkce-verifier-mismatch",
        title: "Authelia refused the application's PKCE verifier",
        endpoint: Endpoint::Token,
        codes: &["invalid_grant"],
        evidence: Evidence::Log,
        happened: "At the token endpoint, the application's `code_verifier` was missing, too \
                   short or malformed, or did not fit the `code_challenge` it sent when the \
                   user signed in, so Authelia refused the exchange (`invalid_grant`).",
        cause: "The application lost or mixed up its PKCE state between the two requests \
                (several sign-ins at once, a session that did not survive the trip to Authelia: \
                cookies, several instances behind a load balancer), or it starts PKCE and then \
                sends no verifier, or one shorter than the 43 characters PKCE asks for.",
        fix: "Fix it in the application (its session storage or PKCE setting); Authelia's \
              configuration plays no part.",
        look_for: Some(
            "Whether the application's session survives the trip to Authelia and back: its \
             cookie's domain and SameSite setting, and several instances sharing sessions.",
        ),
        fragments: &[
            f(
                "The PKCE code challenge did not match the code verifier",
                ALL,
                "authelia/oauth2-provider@v0.2.40 handler/pkce/handler.go",
            ),
            f(
                "The PKCE code verifier must",
                ALL,
                "authelia/oauth2-provider@v0.2.40 handler/pkce/handler.go",
            ),
            f(
                "The PKCE code verifier was provided but the code challenge was absent",
                ALL,
                "authelia/oauth2-provider@v0.2.40 handler/pkce/handler.go",
            ),
        ],
    },
    Entry {
        id: "refresh-scope-widened",
        title: "The refresh asked for more than was granted",
        endpoint: Endpoint::Token,
        codes: &["invalid_scope"],
        evidence: Evidence::Log,
        happened: "When refreshing its tokens, the application asked for a scope the user did \
                   not grant when signing in.",
        cause: "The application sends a wider `scope` when it refreshes than when it signs in.",
        fix: "Have the application ask for the same scopes when it refreshes (or none, which \
              keeps those granted), then sign in again so the grant covers them.",
        look_for: Some(
            "The `scope` of the application's sign-in request against that of its refresh \
             request.",
        ),
        fragments: &[f(
            "was not originally granted by the resource owner",
            ALL,
            "authelia/oauth2-provider@v0.2.40 handler/oauth2/flow_refresh.go",
        )],
    },
    Entry {
        id: "scope-not-allowed",
        title: "The application asked for a scope the client does not allow",
        endpoint: Endpoint::Authorization,
        codes: &["invalid_scope"],
        evidence: Evidence::Config,
        happened: "The application asked for a scope that is not among the client's `scopes`, \
                   so Authelia refused the sign-in (`invalid_scope`).",
        cause: "The application requests a scope (often `offline_access`, `groups` or one of \
                its own) that the client's `scopes` leave out; a client that sets no `scopes` \
                allows `openid`, `groups`, `profile` and `email`.",
        fix: "Add the scope to the client's `scopes` (a scope of the application's own also \
              needs the provider's `scopes` and a `claims_policy`), or stop the application \
              from asking for it.",
        look_for: None,
        fragments: &[f(
            "is not allowed to request scope",
            ALL,
            "authelia/oauth2-provider@v0.2.40 authorize_request_handler.go",
        )],
    },
    Entry {
        id: "response-type-not-allowed",
        title: "The application asked for a response type the client does not allow",
        endpoint: Endpoint::Authorization,
        codes: &["unsupported_response_type"],
        evidence: Evidence::Config,
        happened: "The application's `response_type` is not among the client's \
                   `response_types`, so Authelia refused the sign-in.",
        cause: "A client that sets no `response_types` allows only `code`; an application \
                using the implicit or hybrid flow asks for `id_token`, `token` or a mix.",
        fix: "Set the application to the authorization code flow (`code`), or add its \
              `response_type` to the client's `response_types` (and the matching \
              `grant_types`).",
        look_for: None,
        fragments: &[f(
            "is not allowed to request response_type",
            ALL,
            "authelia/oauth2-provider@v0.2.40 authorize_request_handler.go",
        )],
    },
    Entry {
        id: "response-mode-not-allowed",
        title: "The application asked for a response mode the client does not allow",
        endpoint: Endpoint::Authorization,
        codes: &["unsupported_response_mode"],
        evidence: Evidence::Config,
        happened: "The application asked Authelia to return its answer in a way \
                   (`response_mode`) that the client's `response_modes` leave out.",
        cause: "The client sets `response_modes` without the mode the application uses, or \
                without the default mode of its response type (`query` for `code`); a client \
                that sets none allows `form_post` and `query`.",
        fix: "Add the mode to the client's `response_modes`, or remove `response_modes` to \
              allow the defaults.",
        look_for: None,
        fragments: &[
            f(
                "The 'response_mode' requested was",
                "Authelia 4.38.7 to master",
                "authelia/oauth2-provider@v0.2.40 authorize_request_handler.go",
            ),
            f(
                "response_mode making the default response_mode",
                ALL,
                "authelia/authelia@23572030 internal/oidc/client.go",
            ),
            f(
                "is not allowed to request response_mode",
                "Authelia 4.38.0 to 4.38.6",
                "authelia/oauth2-provider@43d01654 authorize_request_handler.go",
            ),
        ],
    },
    Entry {
        id: "grant-type-not-allowed",
        title: "The application used a grant type the client does not allow",
        endpoint: Endpoint::Token,
        codes: &["unauthorized_client", "invalid_grant"],
        evidence: Evidence::Config,
        happened: "The application asked for tokens with a grant type (`refresh_token`, \
                   `client_credentials`, …) that is not among the client's `grant_types`.",
        cause: "A client that sets no `grant_types` allows only `authorization_code`.",
        fix: "Add the grant type to the client's `grant_types`; `refresh_token` also needs \
              the `offline_access` scope in its `scopes`.",
        look_for: None,
        fragments: &[f(
            "is not allowed to use authorization grant",
            ALL,
            "authelia/oauth2-provider@v0.2.40 handler/oauth2/flow_refresh.go",
        )],
    },
    Entry {
        id: "audience-not-allowed",
        title: "The application asked for an audience the client does not allow",
        endpoint: Endpoint::Authorization,
        codes: &["invalid_request", "invalid_target"],
        evidence: Evidence::Config,
        happened: "The application asked for an audience (or `resource`) that is not in the \
                   client's `audience` list.",
        cause: "The client's `audience` leaves out the value the application asks for.",
        fix: "Add the value to the client's `audience`, or stop the application from asking \
              for it (see also `requested_audience_mode`).",
        look_for: None,
        fragments: &[
            f(
                "has not been whitelisted by the OAuth 2.0 Client",
                ALL,
                "authelia/oauth2-provider@v0.2.40 strategy_audience.go",
            ),
            f(
                "The requested resource is invalid, missing, unknown, or malformed",
                "Authelia 4.39.20 to master",
                "authelia/oauth2-provider@v0.2.40 errors.go",
            ),
        ],
    },
    Entry {
        id: "state-too-weak",
        title: "The application's state is missing or too short",
        endpoint: Endpoint::Authorization,
        codes: &["invalid_state"],
        evidence: Evidence::Log,
        happened: "The application's sign-in request had no `state`, or one shorter than \
                   Authelia takes (8 characters unless the provider says otherwise).",
        cause: "The application sends no `state` or a short one: a bug, or an old OAuth \
                library.",
        fix: "Update or fix the application so that it sends a random `state` of at least 8 \
              characters. Only as a last resort lower the provider's \
              `minimum_parameter_entropy` (`-1` turns the check off and weakens the \
              protection against forged requests).",
        look_for: Some(
            "The `state` in the address of the sign-in request the application opened (the \
             address of Authelia's authorization endpoint).",
        ),
        fragments: &[
            f(
                "The state is missing or does not have enough characters",
                ALL,
                "authelia/oauth2-provider@v0.2.40 errors.go",
            ),
            f(
                "Request parameter 'state' must be at least be",
                ALL,
                "authelia/oauth2-provider@v0.2.40 authorize_request_handler.go",
            ),
        ],
    },
    Entry {
        id: "access-denied-by-policy",
        title: "The client's authorization policy refused this user",
        endpoint: Endpoint::Authorization,
        codes: &["access_denied"],
        evidence: Evidence::Config,
        happened: "The user signed in, but the client's `authorization_policy` does not let \
                   this user use the client, so Authelia answered the application with \
                   `access_denied`.",
        cause: "None of the policy's rules matches the user (a `subject` of `user:` or \
                `group:`, or `networks`), and its `default_policy` is `deny`. Authelia's \
                `access_control` rules do not apply to OpenID Connect clients.",
        fix: "Add a rule for the user or their group to the policy under \
              `identity_providers.oidc.authorization_policies`, or give the client another \
              `authorization_policy`.",
        look_for: None,
        fragments: &[
            f(
                "is not authorized to use this client",
                ALL,
                "authelia/authelia@23572030 internal/handlers/handler_oauth2_authorization_consent_core.go",
            ),
            f(
                "The user was denied access to this client",
                ALL,
                "authelia/authelia@23572030 internal/oidc/errors.go",
            ),
        ],
    },
    Entry {
        id: "issuer-mismatch",
        title: "Authelia could not settle its own address for this request",
        endpoint: Endpoint::Token,
        codes: &["invalid_request"],
        evidence: Evidence::Config,
        happened: "Authelia could not work out its public address (the issuer) for the request, \
                   or the sign-in and the token request reached it at different addresses, so \
                   it refused the request.",
        cause: "The application or the proxy reaches Authelia over plain `http` or an internal \
                host name, the proxy does not send `X-Forwarded-Proto: https`, or Authelia's \
                host is under no `session.cookies` domain. Authelia checks this strictly since \
                4.39.17.",
        fix: "Give the application Authelia's public `https://` address (with split DNS or \
              hairpin NAT if it runs inside); have the proxy send `X-Forwarded-Proto: https`; \
              make sure a `session.cookies` entry's `domain` and `authelia_url` cover \
              Authelia's host.",
        look_for: None,
        fragments: &[
            f(
                "determining the effective issuer for this request",
                "Authelia 4.39.19 to master",
                "authelia/authelia@23572030 internal/oidc/const.go",
            ),
            f(
                "effective issuer did not match",
                "Authelia 4.39.20 to master",
                "authelia/authelia@23572030 internal/handlers/handler_oauth2_token.go",
            ),
            f(
                "invalid X-Forwarded-Proto header value",
                "Authelia 4.39.19 to master",
                "authelia/authelia@23572030 internal/middlewares/authelia_context.go",
            ),
            f(
                "no session cookie configuration matches url",
                "Authelia 4.39.17 to master",
                "authelia/authelia@23572030 internal/middlewares/authelia_context.go",
            ),
            f(
                "does not match the configured domain",
                "Authelia 4.39.17 to master",
                "authelia/authelia@23572030 internal/middlewares/authelia_context.go",
            ),
            f(
                "error occurred determining the effective issuer",
                "Authelia 4.39.17 to master",
                "authelia/authelia@v4.39.17 internal/handlers/handler_oauth2_authorization.go",
            ),
            f(
                "Could not obtain the issuer details",
                "Authelia 4.39.17 to 4.39.18",
                "authelia/authelia@v4.39.17 internal/handlers/handler_oauth2_authorization.go",
            ),
            f(
                "Error occurred determining issuer",
                "Authelia 4.38 to 4.39.18",
                "authelia/authelia@v4.39.17 internal/handlers/handler_oauth2_token.go",
            ),
        ],
    },
    Entry {
        id: "login-required",
        title: "The application asked for a silent sign-in, and the user is not signed in",
        endpoint: Endpoint::Authorization,
        codes: &["login_required"],
        evidence: Evidence::Log,
        happened: "The application asked Authelia to sign the user in without showing anything \
                   (`prompt=none`), but the user has no Authelia session, so Authelia answered \
                   `login_required`.",
        cause: "A silent renewal by the application after Authelia's session ended; the \
                application should then start a normal sign-in.",
        fix: "Nothing to change in Authelia: sign in again in the application. If that keeps \
              failing, the application must fall back to a normal sign-in when it gets \
              `login_required`.",
        look_for: Some(
            "Whether the application starts a normal sign-in after this answer; if it does \
             not, the fault is the application's.",
        ),
        fragments: &[
            f(
                "was requested but the user is not logged in",
                "Authelia 4.38.7 to master",
                "authelia/authelia@23572030 internal/handlers/handler_oauth2_authorization.go",
            ),
            f(
                "The Authorization Server requires End-User authentication",
                ALL,
                "authelia/oauth2-provider@v0.2.40 errors.go",
            ),
        ],
    },
    Entry {
        id: "silent-sign-in-over-http",
        title: "A public client asked for a silent sign-in to an http callback",
        endpoint: Endpoint::Authorization,
        codes: &["consent_required"],
        evidence: Evidence::Config,
        happened: "The application asked Authelia to sign the user in without showing anything \
                   (`prompt=none`), for a public client whose redirect URI is not https, which \
                   the provider refuses (`consent_required`).",
        cause: "The application's callback address is plain http: a public client has no secret, \
                so only a secure callback may receive a silent sign-in's code.",
        fix: "Serve the application over https and set its callback (and the client's \
              `redirect_uris`) to the https address.",
        look_for: None,
        fragments: &[f(
            "is marked public and redirect uri is not considered secure",
            ALL,
            "authelia/oauth2-provider@v0.2.40 handler/openid/validator.go",
        )],
    },
    Entry {
        id: "consent-required",
        title: "The application asked for a silent sign-in that needs the user's consent",
        endpoint: Endpoint::Authorization,
        codes: &["consent_required"],
        evidence: Evidence::Config,
        happened: "The application asked Authelia to sign the user in without showing anything \
                   (`prompt=none`, a silent renewal), but the client asks for the user's \
                   consent and none is remembered, so Authelia answered `consent_required`.",
        cause: "The client asks for consent and none is remembered that covers this request: \
                with `consent_mode: 'pre-configured'`, a remembered consent covers the same \
                scopes, claims and audience only, until it expires. Authelia 4.38.7 to 4.39.1 \
                also answer so for `explicit`, which a silent sign-in cannot show (later \
                versions show the consent page).",
        fix: "Set the client's `consent_mode: 'pre-configured'` with a \
              `pre_configured_consent_duration` (e.g. '1 month'), then sign in once normally \
              and tick the box that remembers the consent.",
        look_for: None,
        fragments: &[
            f(
                "was requested but client is configured to require consent or pre-configured consent",
                "Authelia 4.38.7 to master",
                "authelia/authelia@23572030 internal/handlers/handler_oauth2_authorization_consent_preconfigured.go",
            ),
            f(
                "was requested but client is configured to require explicit consent",
                "Authelia 4.38.7 to 4.39.1",
                "authelia/authelia@v4.39.1 internal/handlers/handler_oidc_authorization.go",
            ),
            f(
                "The Authorization Server requires End-User consent",
                ALL,
                "authelia/oauth2-provider@v0.2.40 errors.go",
            ),
        ],
    },
    Entry {
        id: "consent-denied",
        title: "The user refused consent",
        endpoint: Endpoint::Consent,
        codes: &["access_denied"],
        evidence: Evidence::Log,
        happened: "Authelia showed the consent screen and the user pressed Deny, so Authelia \
                   sent the user back to the application with `access_denied`.",
        cause: "A choice of the user's, not a fault of the configuration.",
        fix: "Nothing to change: sign in again and accept. To ask users less, give the client \
              `consent_mode: 'pre-configured'` with a `pre_configured_consent_duration`, or \
              `implicit`; a request for `offline_access`, or with `prompt=consent` or \
              `prompt=login`, still asks.",
        look_for: Some(
            "If nobody meant to refuse: the lines before this one in Authelia's log, with the \
             user who signed in and the consent session's id.",
        ),
        fragments: &[f(
            "the user explicitly rejected this consent session",
            ALL,
            "authelia/authelia@23572030 internal/handlers/const.go",
        )],
    },
    Entry {
        id: "client-credentials-rejected",
        title: "Authelia refused the application's client credentials",
        endpoint: Endpoint::Token,
        codes: &["invalid_client"],
        evidence: Evidence::Log,
        happened: "Authelia refused the application at the token endpoint (`invalid_client`), \
                   and what the application received does not say why.",
        cause: "The reason is only in Authelia's log: a wrong secret, another authentication \
                method, a missing secret, an unknown client id, or credentials that could not \
                be read.",
        fix: "Find Authelia's log line for this request and paste it here.",
        look_for: Some(
            "In Authelia's log, at the same time, the line starting `Access Request failed \
             with error:`: its end names the reason.",
        ),
        fragments: &[
            f(
                "The required credentials were not found, used an unknown method, could not be parsed",
                MASTER,
                "authelia/oauth2-provider@v0.2.40 errors.go",
            ),
            f(
                "Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method)",
                ALL,
                "authelia/oauth2-provider@v0.2.40 errors.go",
            ),
        ],
    },
    Entry {
        id: "request-rejected",
        title: "Authelia refused the request without saying why",
        endpoint: Endpoint::Token,
        codes: &["invalid_request"],
        evidence: Evidence::Log,
        happened: "Authelia refused the request as malformed (`invalid_request`) and sent only \
                   its general hint, which mentions `redirect_uri` whatever the reason.",
        cause: "The reason is only in Authelia's log. Since 4.39.19 it is often that Authelia \
                could not settle its own public address for the request.",
        fix: "Find Authelia's log line for this request and paste it here.",
        look_for: Some(
            "In Authelia's log, at the same time, the line with `could not be processed` or \
             `failed with error`; its `error=` field, when there is one, names the reason.",
        ),
        fragments: &[f(
            "Make sure that the various parameters are correct, be aware of case sensitivity and trim your parameters",
            ALL,
            "authelia/oauth2-provider@v0.2.40 errors.go",
        )],
    },
    Entry {
        id: "grant-rejected",
        title: "Authelia refused the code or refresh token the application exchanged",
        endpoint: Endpoint::Token,
        codes: &["invalid_grant"],
        evidence: Evidence::Log,
        happened: "Authelia refused what the application exchanged at the token endpoint (an \
                   authorization code or a refresh token) with its general description \
                   (`invalid_grant`), which says only that it is invalid, expired, revoked or \
                   another client's.",
        cause: "The reason is only in Authelia's log: an authorization code it no longer \
                holds or that expired, or a refresh token it does not hold, that expired, or \
                that was already used.",
        fix: "Find Authelia's log line for this request and paste it here.",
        look_for: Some(
            "In Authelia's log, at the same time, the line starting `Access Request failed \
             with error:`: its end names the reason.",
        ),
        fragments: &[f(
            "or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client",
            ALL,
            "authelia/oauth2-provider@v0.2.40 errors.go",
        )],
    },
    Entry {
        id: "access-denied",
        title: "Authelia denied the sign-in",
        endpoint: Endpoint::Authorization,
        codes: &["access_denied"],
        evidence: Evidence::Log,
        happened: "Authelia sent the user back to the application with `access_denied` and its \
                   general description, which does not say who or what refused.",
        cause: "Most often the user pressed Deny on the consent screen; otherwise a check of \
                Authelia's refused the request, and its log names it.",
        fix: "If nobody pressed Deny, find Authelia's log line for this sign-in and paste it \
              here.",
        look_for: Some(
            "In Authelia's log, at the time of the sign-in, `the user explicitly rejected this \
             consent session`, or the line that names what refused the request.",
        ),
        fragments: &[f(
            "Maybe the credential or request parameters you are using are limited in scope or otherwise restricted",
            ALL,
            "authelia/oauth2-provider@v0.2.40 errors.go",
        )],
    },
    Entry {
        id: "claims-missing",
        title: "The application did not get the user's details",
        endpoint: Endpoint::Application,
        codes: &[],
        evidence: Evidence::Config,
        happened: "Signing in with Authelia worked, but the application found no user name or \
                   email address in what it received, and refused the user.",
        cause: "Since 4.39 Authelia's ID token carries only the minimal claims; the others \
                (`email`, `groups`, `preferred_username`, `name`) come from the userinfo \
                endpoint, which some applications never ask.",
        fix: "Set the application to read the userinfo endpoint, or give the client a \
              `claims_policy` whose `id_token` list holds the claims the application reads \
              (under the provider's `claims_policies`).",
        look_for: None,
        fragments: &[
            f(
                "Can not get identifier from provider",
                "the application (Nextcloud's OpenID Connect Login)",
                "pulsejet/nextcloud-oidc-login@42c36c0a lib/Service/LoginService.php",
            ),
            f(
                "Email is missing from token",
                "the application (RomM)",
                "rommapp/romm@b4295e3a backend/handler/auth/base_handler.py",
            ),
        ],
    },
    Entry {
        id: "userinfo-is-jwt",
        title: "The application cannot read the userinfo answer: it is a signed token",
        endpoint: Endpoint::UserInfo,
        codes: &[],
        evidence: Evidence::Config,
        happened: "The application read Authelia's userinfo answer as JSON, but it was a signed \
                   token (a JWT, starting `eyJ`), so reading it failed.",
        cause: "The client's `userinfo_signed_response_alg` names an algorithm; most \
                applications read only the plain JSON answer (`none`).",
        fix: "Set the client's `userinfo_signed_response_alg: 'none'` (the default), or remove \
              the key.",
        look_for: None,
        fragments: &[
            Fragment {
                text: "Unexpected token 'e', \"eyJ",
                also: Some("is not valid JSON"),
                wording: "the application (JavaScript's JSON.parse)",
                source: "immich-app/immich#7877 (the message of V8's JSON.parse)",
            },
            f(
                "invalid character 'e' looking for beginning of value",
                "the application (Go's encoding/json)",
                "coreos/go-oidc@d8273d84 oidc/oidc.go; authelia/authelia#3641",
            ),
        ],
    },
    Entry {
        id: "id-token-alg-mismatch",
        title: "The ID token is signed with another algorithm than the application expects",
        endpoint: Endpoint::Application,
        codes: &[],
        evidence: Evidence::Config,
        happened: "The application refused the ID token because it is not signed with the \
                   algorithm the application expects.",
        cause: "The client's `id_token_signed_response_alg` (by default `RS256`) differs from \
                the application's setting, or the provider's `jwks` has no key for it.",
        fix: "Make both the same: usually `RS256`, with an RSA key in `jwks`; or set the \
              application to the client's algorithm.",
        look_for: None,
        fragments: &[f(
            "unexpected JWT alg received",
            "the application (openid-client)",
            "panva/openid-client@b68b9ab5 lib/client.js",
        )],
    },
    Entry {
        id: "app-issuer-mismatch",
        title: "The application was given another issuer than Authelia's",
        endpoint: Endpoint::Discovery,
        codes: &[],
        evidence: Evidence::Config,
        happened: "The application read Authelia's discovery document, and the issuer in it is \
                   not the address the application was set up with.",
        cause: "The application's issuer or provider address differs from Authelia's public \
                address: a trailing slash, `http` for `https`, another host, or a missing \
                path.",
        fix: "Set the application's issuer to Authelia's public address exactly: `https`, no \
              trailing slash, and the path Authelia is served under, if any.",
        look_for: None,
        fragments: &[f(
            "issuer did not match the issuer returned by provider",
            "the application (go-oidc)",
            "coreos/go-oidc@d8273d84 oidc/oidc.go",
        )],
    },
    Entry {
        id: "token-endpoint-unreachable",
        title: "The application could not finish its token request",
        endpoint: Endpoint::Token,
        codes: &[],
        evidence: Evidence::Log,
        happened: "The application failed to get its tokens from Authelia's token endpoint, and \
                   its message shows no answer from Authelia.",
        cause: "Often the application cannot reach Authelia from where it runs (DNS, a \
                certificate, a firewall, an internal address); or Authelia refused it and the \
                application logged no detail.",
        fix: "From the application's host or container, open Authelia's public address (its \
              `/.well-known/openid-configuration`); if that fails, fix DNS or the network, \
              and if it works, look in Authelia's log.",
        look_for: Some(
            "In Authelia's log, whether an `Access Request` line appears at the time of the \
             failure: if none does, the application never reached Authelia.",
        ),
        fragments: &[
            f(
                "Failed to get token from provider",
                "the application (Grafana)",
                "goauthentik/authentik#11167 (Grafana's log)",
            ),
            f(
                "Failed to contact token endpoint",
                "the application (Proxmox VE and others)",
                "pocket-id/pocket-id#382 (Proxmox VE's message)",
            ),
        ],
    },
    Entry {
        id: "consent-every-login",
        title: "Authelia asks for consent at every sign-in",
        endpoint: Endpoint::Consent,
        codes: &[],
        evidence: Evidence::Config,
        happened: "This is Authelia's consent screen. It comes back at each sign-in when the \
                   consent is not remembered for the client.",
        cause: "`consent_mode` is `auto` by default, which asks each time unless \
                `pre_configured_consent_duration` is set; a request with `prompt=consent` or \
                the `offline_access` scope always asks.",
        fix: "Set the client's `consent_mode: 'pre-configured'` with \
              `pre_configured_consent_duration` (for example `'1 month'`) and tick \"Remember \
              Consent\" once; or drop `offline_access` if the application needs no refresh \
              tokens.",
        look_for: None,
        fragments: &[
            f(
                "The above application is requesting the following permissions",
                ALL,
                "authelia/authelia@23572030 internal/server/locales/en/consent.json",
            ),
            f(
                "Remember Consent",
                ALL,
                "authelia/authelia@23572030 internal/server/locales/en/consent.json",
            ),
        ],
    },
];

/// The entry with this id.
pub fn entry(id: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_every_entry_has_fragments() {
        let mut ids: Vec<&str> = ENTRIES.iter().map(|e| e.id).collect();
        for entry in ENTRIES {
            assert!(
                entry
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                entry.id
            );
            assert!(!entry.fragments.is_empty(), "{}", entry.id);
            assert_eq!(
                entry.look_for.is_some(),
                entry.evidence == Evidence::Log,
                "{}: a failure only a log explains says what to look for next",
                entry.id
            );
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ENTRIES.len());
    }
}
