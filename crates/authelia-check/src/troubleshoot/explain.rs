//! Building the answer: the catalogue's words for the recognised message, what the paste
//! itself says (endpoint, `error`, description, the values the message names), and, with
//! the reader's configuration, the keys to change. The configuration-aware parts are
//! grouped by what they are about: the client's credentials (`client_auth.rs`), its
//! redirect URIs (`redirect.rs`), what the sign-in request asks for (`request.rs`), and
//! the provider and the application around it (`provider.rs`).

mod client_auth;
mod redirect;
mod request;
mod setup;

use super::catalogue::Entry;
use super::paste::{self, Paste};
use super::recognise::{self, Record};
use super::settings::{Node, Settings};
use super::values;
use super::{
    Change, Context, Endpoint, Evidence, Explanation, MAX_DESCRIPTION_CHARS,
    MAX_TROUBLESHOOT_BYTES, MAX_TROUBLESHOOT_LINES, Outcome, Shape,
};
use crate::configuration::read::{cut, excerpt};

/// The answer for a paste over a limit, before any reading; `None` within the limits.
pub(super) fn refused(pasted: &str) -> Option<Explanation> {
    let problem = if pasted.len() > MAX_TROUBLESHOOT_BYTES {
        format!(
            "The paste is {} bytes; at most {MAX_TROUBLESHOOT_BYTES} bytes \
             (MAX_TROUBLESHOOT_BYTES) are read.",
            pasted.len()
        )
    } else {
        let lines = pasted.bytes().filter(|b| *b == b'\n').count() + 1;
        if lines <= MAX_TROUBLESHOOT_LINES {
            return None;
        }
        format!(
            "The paste has {lines} lines; at most {MAX_TROUBLESHOOT_LINES} lines \
             (MAX_TROUBLESHOOT_LINES) are read."
        )
    };
    Some(Explanation {
        outcome: Outcome::Refused,
        id: None,
        title: "The paste is too large to read".into(),
        shape: Shape::Text,
        endpoint: None,
        error: None,
        description: None,
        wording: None,
        happened: problem,
        cause: "A paste this large is a whole log rather than the lines of one failed \
                sign-in."
            .into(),
        fix: "Paste only the lines around the failure: Authelia's error line, or the \
              application's, or the error page's address."
            .into(),
        evidence: Evidence::Log,
        look_for: Some(
            "The line with `level=error` at the time of the failed sign-in, and the few \
             lines before it."
                .into(),
        ),
        changes: Vec::new(),
        redirect: None,
        notes: Vec::new(),
    })
}

/// What the explanation of one message reads from: the line it is on, the paste, the
/// reader's values and configuration.
pub(super) struct Scene<'a, 's> {
    /// The line the message was found on.
    pub record: Record<'a>,
    /// The whole paste.
    pub paste: &'a Paste,
    /// The reader's values.
    pub context: &'a Context<'a>,
    /// The reader's configuration, when given and readable.
    pub settings: Option<&'s Settings<'s>>,
    /// The client the message is about, when the configuration has it.
    pub client: Option<Node<'s>>,
    /// The provider, when the configuration reaches it.
    pub provider: Option<Node<'s>>,
}

impl Scene<'_, '_> {
    /// The quoted value after the lead-ins `steps` on the message's line.
    pub(super) fn value(&self, steps: &[&str]) -> Option<String> {
        values::quoted(&self.record, steps)
    }

    /// The first value found by any of `ways`.
    pub(super) fn first_value(&self, ways: &[&[&str]]) -> Option<String> {
        values::first_quoted(&self.record, ways)
    }

    /// Whether the message's line holds `words` (compared as fragments are).
    pub(super) fn says(&self, words: &str) -> bool {
        self.record
            .folded
            .contains(&super::text::folded(&words.to_ascii_lowercase()))
    }
}

/// Explains a paste within the limits.
pub(super) fn explain(paste: &Paste, context: &Context<'_>) -> Explanation {
    let Some(found) = recognise::recognise(&paste.pieces) else {
        return not_recognised(paste, context);
    };
    let entry = found.entry;
    let record = found.record;
    // The message of Authelia's log line, when the message is on one; read once.
    let logged = log_message(&record);
    let own_code = || paste::code_in(record.folded).map(str::to_owned);
    let mut out = Explanation {
        outcome: Outcome::Recognised,
        id: Some(entry.id.to_owned()),
        title: entry.title.to_owned(),
        shape: shape(paste, entry),
        endpoint: Some(endpoint(paste, entry, &record)),
        // A log line's own code and message first: in a paste of several messages, the
        // paste's `error` and description may be another message's.
        error: match &logged {
            Some(_) => own_code().or_else(|| paste.error.clone()),
            None => paste.error.clone().or_else(own_code),
        }
        .or_else(|| match entry.codes {
            [only] => Some((*only).to_owned()),
            _ => None,
        }),
        description: description(paste, logged.as_deref(), &record),
        wording: Some(format!(
            "{} (from {})",
            found.fragment.wording, found.fragment.source
        )),
        happened: entry.happened.to_owned(),
        cause: entry.cause.to_owned(),
        fix: entry.fix.to_owned(),
        evidence: entry.evidence,
        look_for: entry.look_for.map(str::to_owned),
        changes: Vec::new(),
        redirect: None,
        notes: Vec::new(),
    };
    if GENERAL_HINTS.contains(&entry.id)
        && let Some((reason, said)) = after_general_hint(logged.as_deref(), paste, entry)
    {
        reason_given(entry, &reason, said, &mut out);
    }
    for other in &found.others {
        out.notes.push(format!(
            "The paste also holds another message: \"{}\" (`{}`); paste it alone to have it \
             explained.",
            other.title, other.id
        ));
    }

    let settings = if context.configuration.trim().is_empty() {
        None
    } else {
        match Settings::read(context.configuration) {
            Ok(settings) => Some(settings),
            Err(unreadable) => {
                out.notes.push(format!(
                    "Your configuration could not be read{}: {} The explanation goes without it.",
                    unreadable
                        .line
                        .map(|l| format!(" (line {l})"))
                        .unwrap_or_default(),
                    unreadable.problem
                ));
                None
            }
        }
    };
    let named = values::client_id(&record).or_else(|| paste.field("client_id").map(str::to_owned));
    let client = settings
        .as_ref()
        .and_then(|s| pick_client(s, named.as_deref(), context.client_id, entry, &mut out));
    let scene = Scene {
        record,
        paste,
        context,
        settings: settings.as_ref(),
        client,
        provider: settings.as_ref().and_then(Settings::provider),
    };
    match entry.id {
        "client-secret-missing" => client_auth::secret_missing(&scene, &mut out),
        "none-on-confidential-client" => client_auth::none_on_confidential(&scene, &mut out),
        "auth-method-mismatch" => client_auth::method_mismatch(&scene, &mut out),
        "client-credentials-encoding" => client_auth::encoding(&scene, &mut out),
        "client-secret-mismatch" => client_auth::secret_mismatch(&scene, &mut out),
        "client-not-found" => client_auth::not_found(&scene, named.as_deref(), &mut out),
        "client-credentials-rejected" => client_auth::rejected(&scene, &mut out),
        "redirect-uri-mismatch" => redirect::mismatch(&scene, &mut out),
        "redirect-uri-changed" => redirect::changed(&scene, &mut out),
        "pkce-required" => request::pkce_required(&scene, &mut out),
        "pkce-method-not-allowed" => request::pkce_method(&scene, &mut out),
        "scope-not-allowed" => request::scope(&scene, &mut out),
        "response-type-not-allowed" => request::response_type(&scene, &mut out),
        "response-mode-not-allowed" => request::response_mode(&scene, &mut out),
        "grant-type-not-allowed" => request::grant_type(&scene, &mut out),
        "audience-not-allowed" => request::audience(&scene, &mut out),
        "refresh-scope-widened" => request::refresh_scope(&scene, &mut out),
        "state-too-weak" => request::state(&scene, &mut out),
        "access-denied-by-policy" => setup::policy(&scene, &mut out),
        "issuer-mismatch" => setup::issuer(&scene, &mut out),
        "app-issuer-mismatch" => setup::app_issuer(&scene, &mut out),
        "claims-missing" => setup::claims(&scene, &mut out),
        "userinfo-is-jwt" => setup::userinfo_alg(&scene, &mut out),
        "id-token-alg-mismatch" => setup::id_token_alg(&scene, &mut out),
        "consent-every-login" => setup::consent(&scene, &mut out),
        "consent-required" => setup::consent_required(&scene, &mut out),
        "token-endpoint-unreachable" => setup::unreachable(&scene, &mut out),
        // The rest need only the catalogue's words.
        _ => {}
    }
    for sentence in out
        .notes
        .iter_mut()
        .chain(out.changes.iter_mut().map(|c| &mut c.sentence))
    {
        capitalise(sentence);
    }
    out
}

/// Upper-cases a sentence's first letter ("your client …" opens some of them).
fn capitalise(sentence: &mut String) {
    if let Some(first) = sentence.chars().next()
        && first.is_ascii_lowercase()
    {
        sentence.replace_range(..1, &first.to_ascii_uppercase().to_string());
    }
}

/// The paste's shape, with an application's own message told apart from plain text.
fn shape(paste: &Paste, entry: &Entry) -> Shape {
    match paste.shape {
        Shape::Text if entry.codes.is_empty() && entry.endpoint != Endpoint::Consent => {
            Shape::ApplicationLog
        }
        shape => shape,
    }
}

/// Where the failure happened: the message's line names it, or the error page or callback
/// address (the browser's visit to the authorization endpoint), or else the catalogue's.
fn endpoint(paste: &Paste, entry: &Entry, record: &Record<'_>) -> Endpoint {
    if entry.codes.is_empty() {
        return entry.endpoint;
    }
    paste::endpoint_in(record.folded)
        .or_else(|| {
            // Both the error page and the application's callback answer the browser's visit
            // to the authorization endpoint.
            matches!(
                paste.shape,
                Shape::ErrorPageAddress | Shape::ErrorPageText | Shape::CallbackAddress
            )
            .then_some(Endpoint::Authorization)
        })
        .unwrap_or(entry.endpoint)
}

/// The message's log line's own message (`logged`), else the `error_description` found,
/// else the message's line, cut.
fn description(paste: &Paste, logged: Option<&str>, record: &Record<'_>) -> Option<String> {
    let text = logged
        .or(paste.description.as_deref())
        .unwrap_or(record.text)
        .trim();
    (!text.is_empty()).then(|| cut(text, MAX_DESCRIPTION_CHARS))
}

/// The message of a log line: the text of `msg="…"` or `"msg":"…"`.
fn log_message(record: &Record<'_>) -> Option<String> {
    [
        "msg='",
        "'msg':'",
        "'msg': '",
        "'message':'",
        "'message': '",
    ]
    .iter()
    .find_map(|lead| {
        let start = record.folded.find(lead)? + lead.len();
        let quote = record.text.get(start.checked_sub(1)?..)?.chars().next()?;
        let rest = record.text.get(start..)?;
        let mut escaped = false;
        let end = rest.char_indices().find_map(|(i, c)| {
            let close = c == quote && !escaped;
            escaped = c == '\\' && !escaped;
            close.then_some(i)
        })?;
        rest.get(..end).map(str::to_owned)
    })
}

/// The entries that recognise general words alone (a hint or a description that names no
/// reason): what the application receives. They send the reader to Authelia's log,
/// unless the paste is it.
const GENERAL_HINTS: &[&str] = &[
    "client-credentials-rejected",
    "request-rejected",
    "grant-rejected",
];

/// Sentences of Authelia's general hints that may follow the one an entry recognised,
/// and name no reason either.
const GENERAL_SENTENCES: &[&str] = &[
    "The required credentials were not found, used an unknown method, could not be parsed, \
     were otherwise malformed, or were otherwise incorrect.",
    "Make sure that the client you are using has exactly whitelisted the redirect_uri you \
     specified.",
];

/// What Authelia's log line says after general words that name no reason (an entry that
/// sends the reader to the log recognised them): a hint or a debug text, which names the
/// reason. Since provider v0.2.37 (Authelia's master) every `invalid_client` carries a
/// general hint, so a log line the catalogue has no entry for reaches here with its reason
/// after it, with where it was read (for the sentence that quotes it): Authelia's log
/// line, else its error page address's `error_debug`, else the answer's own
/// `error_description`. `None` when nothing but general words follows.
fn after_general_hint(
    logged: Option<&str>,
    paste: &Paste,
    entry: &Entry,
) -> Option<(String, &'static str)> {
    // Only Authelia's words: after the provider's, an application's own log line holds the
    // application's ("Please try again", "Attempt 2 of 3"); a JSON answer's or a page's
    // `error_description`, and a page's `error_debug`, hold only the provider's.
    let (message, said) = match logged {
        Some(message) => (message, "its log line"),
        None => match paste.field("error_debug").map(str::trim) {
            Some(debug) if debug.chars().any(char::is_alphabetic) => {
                return Some((
                    cut(debug, MAX_DESCRIPTION_CHARS),
                    "its error page's debug text",
                ));
            }
            _ => (paste.description.as_deref()?, "its answer"),
        },
    };
    // ASCII lower-casing keeps every byte offset.
    let lower = message.to_ascii_lowercase();
    let end = entry
        .fragments
        .iter()
        .filter_map(|f| Some(lower.find(&f.text.to_ascii_lowercase())? + f.text.len()))
        .max()?;
    // The rest of the hint's sentence, then any general sentence after it.
    let mut rest = message.get(end..)?.split_once(". ")?.1.trim_start();
    while let Some(after) = GENERAL_SENTENCES.iter().find_map(|sentence| {
        let head = rest.get(..sentence.len())?;
        head.eq_ignore_ascii_case(sentence)
            .then(|| rest.get(sentence.len()..))?
    }) {
        rest = after.trim_start();
    }
    let rest = rest.trim().trim_end_matches(['"', '\'']).trim();
    // A general sentence cut short (a line wrapped in the paste) names no reason either.
    let general = GENERAL_SENTENCES.iter().any(|sentence| {
        sentence
            .get(..rest.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(rest))
    });
    (!general && rest.chars().any(char::is_alphabetic))
        .then(|| (cut(rest, MAX_DESCRIPTION_CHARS), said))
}

/// The answer of an entry that sends the reader to the log, when the paste names the
/// reason (`said` is where: Authelia's log line, its error page, its answer): quoted,
/// instead of asking for a line that would say no more.
fn reason_given(entry: &Entry, reason: &str, said: &str, out: &mut Explanation) {
    let code = entry.codes.first().copied().unwrap_or("error");
    if entry.id == "request-rejected" {
        // Its catalogue title says the request was refused "without saying why".
        "Authelia refused the request as malformed".clone_into(&mut out.title);
    }
    out.happened = format!(
        "Authelia refused the request (`{code}`), and {said} names the reason after the \
         provider's general words: \"{reason}\""
    );
    out.cause = "What that reason names. This page has no entry of its own for it, so it \
                 quotes Authelia's words rather than guess."
        .into();
    out.fix = "Correct what the reason names: the application's settings when it names what \
               the application sent (a method, a header, an assertion's claims, a grant or a \
               parameter), or the client's configuration when it names one of its keys."
        .into();
    out.look_for = None;
}

/// The client the message is about: the one it names, else the reader's, else the only
/// one. A note when the message names a client the configuration does not have.
fn pick_client<'s>(
    settings: &'s Settings<'s>,
    named: Option<&str>,
    reader: &str,
    entry: &Entry,
    out: &mut Explanation,
) -> Option<Node<'s>> {
    if let Some(named) = named {
        if let Some(client) = settings.client(named) {
            return Some(client);
        }
        if entry.id != "client-not-found" {
            out.notes.push(format!(
                "The message names the client `{}`, which your configuration does not have{}.",
                excerpt(named),
                if reader.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; the explanation looks at your client `{}`",
                        excerpt(reader)
                    )
                }
            ));
        }
    }
    if !reader.is_empty() {
        return settings.client(reader);
    }
    let mut clients = settings.clients();
    if clients.len() == 1 {
        clients.pop()
    } else {
        None
    }
}

/// "your client `matomo` (line 52)", or "your client" without an id or line.
pub(super) fn client_named(client: &Node<'_>, line: Option<u32>) -> String {
    let id = client
        .id()
        .map(|id| format!(" `{}`", excerpt(&id)))
        .unwrap_or_default();
    format!("your client{id}{}", at_line(line))
}

/// " (line N)", or nothing.
pub(super) fn at_line(line: Option<u32>) -> String {
    line.map(|l| format!(" (line {l})")).unwrap_or_default()
}

/// `a`, `b`, `c` (at most the configuration checker's
/// [`crate::configuration::MAX_LISTED_VALUES`]).
pub(super) fn listed<S: AsRef<str>>(items: &[S]) -> String {
    let max = crate::configuration::MAX_LISTED_VALUES;
    let shown: Vec<String> = items
        .iter()
        .take(max)
        .map(|i| format!("`{}`", excerpt(i.as_ref())))
        .collect();
    match items.len().saturating_sub(max) {
        0 if shown.is_empty() => "none".into(),
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// A YAML list as written in a configuration: `['a', 'b']`.
pub(super) fn yaml_list<S: AsRef<str>>(items: &[S]) -> String {
    let max = crate::configuration::MAX_LISTED_VALUES;
    let mut shown: Vec<String> = items
        .iter()
        .take(max)
        .map(|i| format!("'{}'", excerpt(i.as_ref())))
        .collect();
    if items.len() > max {
        shown.push("…".into());
    }
    format!("[{}]", shown.join(", "))
}

/// Adds a change of `key` under `node`.
pub(super) fn change(
    out: &mut Explanation,
    node: &Node<'_>,
    key: &'static str,
    to: impl Into<String>,
    sentence: impl Into<String>,
) {
    out.changes.push(Change {
        key: key.to_owned(),
        line: node.line(key),
        from: node.text(key).map(|v| excerpt(&v)),
        to: to.into(),
        sentence: sentence.into(),
    });
}

/// A list setting of the client with a value added: the change, or a note when the list
/// already has it. `default` is Authelia's value when the key is not set.
pub(super) fn add_to_list(
    out: &mut Explanation,
    client: &Node<'_>,
    key: &'static str,
    value: &str,
    default: &[&str],
) {
    let set = client.list(key);
    let have: Vec<String> = match &set {
        Some(items) if !items.is_empty() => items.iter().map(|(v, _)| v.clone()).collect(),
        _ => default.iter().map(|s| (*s).to_owned()).collect(),
    };
    let line = client.line(key);
    if have.iter().any(|h| h == value) {
        out.notes.push(format!(
            "{} already allows `{}` in `{key}`: Authelia runs with another configuration \
             (restart it after a change), or the request is for another client.",
            client_named(client, line),
            excerpt(value)
        ));
        return;
    }
    let from = if set.is_some() {
        format!("has `{key}` {}", listed(&have))
    } else {
        format!(
            "sets no `{key}`, so Authelia's default {} applies",
            listed(&have)
        )
    };
    let mut wanted = have.clone();
    wanted.push(value.to_owned());
    out.changes.push(Change {
        key: key.to_owned(),
        line,
        from: set
            .map(|items| yaml_list(&items.iter().map(|(v, _)| v.as_str()).collect::<Vec<_>>())),
        to: yaml_list(&wanted),
        sentence: format!(
            "The application asked for `{}`; {} {from}: add it.",
            excerpt(value),
            client_named(client, line)
        ),
    });
}

/// The answer for a paste no entry recognises: what was found in it.
fn not_recognised(paste: &Paste, context: &Context<'_>) -> Explanation {
    let whole = paste.pieces.iter().find(|p| !p.text.trim().is_empty());
    let endpoint = whole.and_then(|p| paste::endpoint_in(&p.folded));
    let error = paste.error.clone().or_else(|| {
        paste
            .pieces
            .iter()
            .find_map(|p| paste::code_in(&p.folded))
            .map(str::to_owned)
    });
    let description = paste
        .description
        .as_deref()
        .map(|d| cut(d.trim(), MAX_DESCRIPTION_CHARS))
        .or_else(|| {
            whole.and_then(|p| {
                let record = Record {
                    text: &p.text,
                    folded: &p.folded,
                };
                log_message(&record).map(|m| cut(m.trim(), MAX_DESCRIPTION_CHARS))
            })
        });
    let mut found = Vec::new();
    if let Some(endpoint) = endpoint {
        found.push(format!("the endpoint ({})", endpoint_name(endpoint)));
    }
    if let Some(error) = &error {
        found.push(format!("the error code `{}`", excerpt(error)));
    }
    if description.is_some() {
        found.push("its description".to_owned());
    }
    let happened = if found.is_empty() {
        "This does not look like a sign-in error from Authelia or an application: it holds \
         no `error` code, no error description, and none of the messages this page knows."
            .to_owned()
    } else {
        format!(
            "This page does not know this message. It found {}.",
            found.join(", ")
        )
    };
    let mut notes = Vec::new();
    if !context.configuration.trim().is_empty() {
        notes.push(
            "Your configuration is not used: without a recognised message there is nothing \
             to compare it with."
                .to_owned(),
        );
    }
    Explanation {
        outcome: Outcome::NotRecognised,
        id: None,
        title: "Not recognised".into(),
        shape: paste.shape,
        endpoint,
        error,
        description,
        wording: None,
        happened,
        cause: "Unknown to this page.".into(),
        fix: "Paste Authelia's own log line for the failed sign-in (it has the most detail: \
              its end names the reason), or the address of Authelia's error page."
            .into(),
        evidence: Evidence::Log,
        look_for: Some(
            "In Authelia's log, at the time of the failure, the line with `level=error`; with \
             `log.level: debug` the lines before it show each step of the sign-in."
                .into(),
        ),
        changes: Vec::new(),
        redirect: None,
        notes,
    }
}

/// The endpoint's name in a sentence.
pub(super) fn endpoint_name(endpoint: Endpoint) -> &'static str {
    match endpoint {
        Endpoint::Authorization => "Authelia's authorization endpoint",
        Endpoint::PushedAuthorization => "Authelia's pushed authorization request endpoint",
        Endpoint::Consent => "Authelia's consent screen",
        Endpoint::Token => "Authelia's token endpoint",
        Endpoint::UserInfo => "Authelia's userinfo endpoint",
        Endpoint::Introspection => "Authelia's introspection endpoint",
        Endpoint::Revocation => "Authelia's revocation endpoint",
        Endpoint::Discovery => "Authelia's discovery document",
        Endpoint::Application => "the application",
    }
}
