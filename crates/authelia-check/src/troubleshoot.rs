//! "Why did my login fail?": the reader pastes what they saw when signing in failed, and
//! [`explain`] says what happened, why, and what to change, with the reader's own
//! configuration and values when it has them.
//!
//! # What it reads
//!
//! The paste may be any of three shapes ([`Shape`]), or several lines mixing them:
//! - **Authelia's log line**, as text (`level=error msg="Access Request failed with error:
//!   …" method=POST path=/api/oidc/token`) or as JSON (`{"level":"error","msg":…}`);
//! - **Authelia's error page**: its text (`Error: …`, `Description: …`, `Hint: …`), or
//!   its address with the `error`, `error_description` and `error_hint` query fields
//!   (percent-encoded, `+` for a space); the application's callback address carrying
//!   `error=…` is read the same way;
//! - **the application's log**, holding the token endpoint's JSON answer
//!   (`{"error":"invalid_client","error_description":"…"}`, also escaped inside another
//!   string, or as Go's `oauth2: "invalid_client" "…"`), or a message of the application's
//!   own that the catalogue knows (missing claims, a signed userinfo answer, an ID token
//!   algorithm).
//!
//! Messages are recognised by stable fragments, so each wording Authelia used from 4.38.0
//! to master is recognised ([`catalogue`] lists them, with their sources and versions).
//!
//! # What it answers
//!
//! An [`Explanation`]: the catalogue's `id` (stable, kebab-case, e.g.
//! `auth-method-mismatch`), what happened, the cause and the fix; the endpoint and the
//! `error` code found; whether the configuration can tell the cause
//! ([`Evidence::Config`]) or only a log ([`Evidence::Log`], with what to look for next).
//! With the reader's configuration in the [`Context`], it names each key to change, from
//! what, to what, at which line ([`Change`]), and for a redirect URI that is not
//! registered it compares the address from the message with every `redirect_uris` entry
//! and names the part that differs ([`RedirectComparison`]). A message it does not know
//! gets [`Outcome::NotRecognised`] with what it did find (endpoint, `error`,
//! `error_description`).
//!
//! The answer is serde-serialisable, for the parser worker to send to the page.
//!
//! # Bounds
//!
//! Pure and bounded like the configuration checker: a paste over
//! [`MAX_TROUBLESHOOT_BYTES`] or [`MAX_TROUBLESHOOT_LINES`] is refused before any work
//! ([`Outcome::Refused`], naming the limit); the work is linear in the paste (each line is
//! compared with each fragment once, and the decoded views of the paste are each at most
//! its size); values quoted back are cut to
//! [`crate::configuration::MAX_QUOTED_CHARS`]; [`explain`] never panics.
//!
//! # Example
//!
//! ```
//! use authelia_check::troubleshoot::{self, Context, Outcome};
//!
//! let pasted = "level=error msg=\"Access Request failed with error: Client authentication \
//!     failed (e.g., unknown client, no client authentication included, or unsupported \
//!     authentication method). The request was determined to be using \
//!     'token_endpoint_auth_method' method 'client_secret_post', however the OAuth 2.0 client \
//!     registration does not allow this method. The registered client with id 'matomo' is \
//!     configured to only support 'token_endpoint_auth_method' method 'client_secret_basic'.\" \
//!     method=POST path=/api/oidc/token";
//! let configuration = "identity_providers:\n  oidc:\n    clients:\n      - client_id: 'matomo'\n        token_endpoint_auth_method: 'client_secret_basic'\n";
//! let answer = troubleshoot::explain(
//!     pasted,
//!     &Context { configuration, client_id: "matomo", ..Context::default() },
//! );
//! assert_eq!(answer.outcome, Outcome::Recognised);
//! assert_eq!(answer.id.as_deref(), Some("auth-method-mismatch"));
//! let change = &answer.changes[0];
//! assert_eq!(change.key, "token_endpoint_auth_method");
//! assert_eq!((change.line, change.from.as_deref(), change.to.as_str()),
//!            (Some(5), Some("client_secret_basic"), "client_secret_post"));
//! ```

pub mod catalogue;
mod explain;
mod paste;
mod recognise;
mod settings;
mod text;
mod uri_parts;
mod values;

use serde::{Deserialize, Serialize};

pub use uri_parts::Part;

/// Largest paste [`explain`] reads, in bytes: the guide's and the configuration's cap
/// ([`guide_engine::MAX_GUIDE_BYTES`], 2 MB). The lines around one failed sign-in are a
/// few kilobytes even with Authelia's debug lines; 2 MB holds several minutes of a busy
/// log, and the paste goes to the same worker as a pasted configuration, so it gets the
/// same bound.
pub const MAX_TROUBLESHOOT_BYTES: usize = guide_engine::MAX_GUIDE_BYTES;

/// Most lines [`explain`] reads. Each line is compared with every fragment of the
/// catalogue, so the work grows with the lines as well as the bytes; 20 000 lines is
/// about 2 MB of Authelia's log (its lines run to about 100 to 300 bytes), far more than
/// the minute around one failure.
pub const MAX_TROUBLESHOOT_LINES: usize = 20_000;

/// Most characters of an `error_description` (or a log's message) quoted back: longer
/// than a quoted value ([`crate::configuration::MAX_QUOTED_CHARS`]), since it is the
/// message the reader reads whole; Authelia's longest, with their hints and debug texts,
/// are about 600 characters.
pub const MAX_DESCRIPTION_CHARS: usize = 1_000;

/// What the reader knows beside the paste; every field may be empty.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    /// The reader's Authelia configuration, as pasted in "Check my configuration" (the
    /// whole file, its `identity_providers` part, the `oidc` mapping, a `clients` list or
    /// one client), or `""`.
    pub configuration: &'a str,
    /// The reader's client id (the client to look at when the message names none), or
    /// `""`.
    pub client_id: &'a str,
    /// Authelia's public address as the reader gave it (e.g. `https://auth.example.com`),
    /// or `""`.
    pub authelia_url: &'a str,
    /// The application's public address as the reader gave it (e.g.
    /// `https://matomo.example.com`), or `""`.
    pub application_url: &'a str,
}

/// Whether the paste was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// A catalogue entry recognised it: [`Explanation::id`] names it.
    Recognised,
    /// Nothing in the catalogue recognised it; the explanation says what was found.
    NotRecognised,
    /// The paste was refused before any reading, over a limit the explanation names.
    Refused,
}

/// What the reader pasted, as far as it can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    /// Authelia's log, as text or JSON lines.
    AutheliaLog,
    /// The text of Authelia's error page (`Error:`, `Description:`, `Hint:`).
    ErrorPageText,
    /// The address of Authelia's error page (`/consent/completion?error=…`).
    ErrorPageAddress,
    /// The application's callback address carrying Authelia's `error=…`.
    CallbackAddress,
    /// The application's log: the token endpoint's JSON answer, or a message of its own.
    ApplicationLog,
    /// Text in none of these shapes.
    Text,
}

/// Where in a sign-in the failure happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Endpoint {
    /// Authelia's authorization endpoint (`/api/oidc/authorization`): the browser's visit.
    Authorization,
    /// The pushed authorization request endpoint.
    PushedAuthorization,
    /// Authelia's consent screen.
    Consent,
    /// Authelia's token endpoint (`/api/oidc/token`): the application's own request.
    Token,
    /// Authelia's userinfo endpoint.
    UserInfo,
    /// Authelia's introspection endpoint.
    Introspection,
    /// Authelia's revocation endpoint.
    Revocation,
    /// Authelia's discovery document (`/.well-known/openid-configuration`).
    Discovery,
    /// The application itself, after Authelia answered.
    Application,
}

/// What can tell the cause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// The reader's configuration can: the explanation's changes say what to set.
    Config,
    /// Only a log can: [`Explanation::look_for`] says what to look for next.
    Log,
}

/// One key of the reader's configuration to change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The key, e.g. `token_endpoint_auth_method`, or a provider key such as
    /// `enforce_pkce`; a dotted path for a key outside the client
    /// (`session.cookies[0].domain`).
    pub key: String,
    /// 1-based line of the key in the pasted configuration, or of the client (or
    /// provider) it belongs under when the key is not set.
    pub line: Option<u32>,
    /// Its value now, as written (cut); `None` when it is not set.
    pub from: Option<String>,
    /// The value to set; `""` to remove the key.
    pub to: String,
    /// The change in words, e.g. "the application sent `client_secret_post`; your client
    /// `matomo` (line 52) has `client_secret_basic`".
    pub sentence: String,
}

/// The redirect URI from the message against each of the client's `redirect_uris`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedirectComparison {
    /// The address compared (cut): the application's `redirect_uri` from the message, or,
    /// when the message does not carry it, the reader's application address.
    pub sent: String,
    /// Whether `sent` is the message's `redirect_uri` (else the application's address,
    /// compared by its scheme, host and port only).
    pub from_message: bool,
    /// Each registered entry (at most [`crate::configuration::MAX_LISTED_VALUES`]).
    pub entries: Vec<RedirectEntry>,
}

/// One `redirect_uris` entry compared with the address sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedirectEntry {
    /// The registered address (cut).
    pub uri: String,
    /// Its 1-based line in the pasted configuration.
    pub line: Option<u32>,
    /// The first part that differs, with both values; `None` when they are equal.
    pub difference: Option<Difference>,
}

/// The first part in which a registered address differs from the one sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Difference {
    /// Which part.
    pub part: Part,
    /// The registered address's part (cut; `""` when it has none).
    pub registered: String,
    /// The sent address's part (cut; `""` when it has none).
    pub sent: String,
}

/// The answer of [`explain`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// Recognised, not recognised, or refused.
    pub outcome: Outcome,
    /// The catalogue's id when recognised.
    pub id: Option<String>,
    /// A short title.
    pub title: String,
    /// What the paste was.
    pub shape: Shape,
    /// Where the failure happened, when known.
    pub endpoint: Option<Endpoint>,
    /// The `error` code found in the paste (or the one the recognised message always
    /// carries).
    pub error: Option<String>,
    /// The `error_description` found (or the log line's message), cut to
    /// [`MAX_DESCRIPTION_CHARS`].
    pub description: Option<String>,
    /// Which versions word the recognised message this way, e.g. "Authelia 4.38.2 to
    /// 4.39.20", and where the fragment comes from.
    pub wording: Option<String>,
    /// What happened, in words.
    pub happened: String,
    /// The cause.
    pub cause: String,
    /// The fix.
    pub fix: String,
    /// Whether the configuration can tell the cause, or only a log.
    pub evidence: Evidence,
    /// With [`Evidence::Log`]: what to look for next.
    pub look_for: Option<String>,
    /// The keys of the reader's configuration to change (empty without a configuration,
    /// or when it needs no change).
    pub changes: Vec<Change>,
    /// For a redirect URI that is not registered, with a configuration: the comparison.
    pub redirect: Option<RedirectComparison>,
    /// Other things found, in words: values the message names, what the configuration
    /// says, other messages recognised in the paste.
    pub notes: Vec<String>,
}

/// Explains a pasted error. Never panics, on any input.
pub fn explain(pasted: &str, context: &Context<'_>) -> Explanation {
    if let Some(refused) = explain::refused(pasted) {
        return refused;
    }
    let paste = paste::read(pasted);
    explain::explain(&paste, context)
}
