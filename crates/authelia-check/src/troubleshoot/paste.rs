//! Recognising the shape of a paste and reading what it carries, before any message is
//! recognised: the fields of an address (`error`, `error_description`, `error_hint`,
//! `redirect_uri`, …), of Authelia's error page text, of a JSON error answer, and the
//! decoded views of the text that the catalogue's fragments are searched in.
//!
//! The views, in the order they are searched: the decoded fields on one line (when the
//! paste has any); the paste with its JSON string escapes undone, up to
//! [`MAX_ESCAPE_LAYERS`] times (a token error escaped inside an application's JSON log
//! inside a container log), the most decoded first; and the paste itself (spacing
//! normalised). Each view is at most the paste's size, and each is read in one pass.

use super::text::{folded, normalise, percent_decode, unescape_json};
use super::{Endpoint, Shape};

/// Most layers of JSON string escaping undone: an error answer inside an application's
/// JSON log line, itself inside a log collector's JSON, is three; each layer is one more
/// copy of the paste.
pub const MAX_ESCAPE_LAYERS: usize = 3;

/// Most query fields kept from the addresses in a paste: an authorization request or an
/// error address has about ten; a paste of many addresses gives nothing more to read.
const MAX_FIELDS: usize = 64;

/// A view of the paste, with its folded form for searching (same byte offsets).
#[derive(Debug)]
pub(crate) struct Piece {
    /// The text, spacing normalised.
    pub text: String,
    /// The text with ASCII case and quotes folded (see `text::folded`).
    pub folded: String,
}

impl Piece {
    fn new(text: String) -> Piece {
        let folded = folded(&text);
        Piece { text, folded }
    }
}

/// What a paste carries.
#[derive(Debug)]
pub(crate) struct Paste {
    /// Its shape, before recognition (an application's own message is told after).
    pub shape: Shape,
    /// The `error` code of an address, page or JSON answer.
    pub error: Option<String>,
    /// Its `error_description`.
    pub description: Option<String>,
    /// The query fields of the addresses in it, decoded, in order (at most
    /// [`MAX_FIELDS`]).
    pub fields: Vec<(String, String)>,
    /// The views fragments are searched in, the decoded fields first.
    pub pieces: Vec<Piece>,
}

impl Paste {
    /// The first query field named `name`.
    pub(crate) fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads a paste (already within the size caps).
pub(crate) fn read(pasted: &str) -> Paste {
    let normal = normalise(pasted);
    let mut layers = vec![normal];
    while layers.len() <= MAX_ESCAPE_LAYERS {
        let Some(last) = layers.last() else { break };
        if !last.contains('\\') {
            break;
        }
        let next = normalise(&unescape_json(last));
        if &next == last {
            break;
        }
        layers.push(next);
    }

    let mut fields = Vec::new();
    for layer in &layers {
        query_fields(layer, &mut fields);
    }
    let page = page_fields(layers.first().map(String::as_str).unwrap_or_default());
    let json = layers.iter().find_map(|l| json_error(l));

    let address_error = fields
        .iter()
        .any(|(k, _)| k == "error" || k == "error_description");
    let first = layers.first().map(String::as_str).unwrap_or_default();
    let first_folded = folded(first);
    let shape = if is_authelia_log(&first_folded) {
        Shape::AutheliaLog
    } else if page.is_some() {
        Shape::ErrorPageText
    } else if address_error && first_folded.contains("/consent/completion") {
        Shape::ErrorPageAddress
    } else if address_error {
        Shape::CallbackAddress
    } else if json.is_some() {
        Shape::ApplicationLog
    } else {
        Shape::Text
    };

    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let (error, description, decoded) = match (&page, &json) {
        (Some(page), _) => (page.error.clone(), page.description.clone(), page.joined()),
        (None, _) if address_error => {
            let parts: Vec<String> = ["error_description", "error_hint", "error_debug"]
                .iter()
                .filter_map(|k| field(k))
                .collect();
            (
                field("error"),
                field("error_description"),
                Some(parts.join(" ")),
            )
        }
        (None, Some(json)) => (
            Some(json.error.clone()),
            json.description.clone(),
            json.description.clone(),
        ),
        (None, None) => (None, None, None),
    };

    let mut pieces = Vec::with_capacity(layers.len() + 1);
    if let Some(decoded) = decoded.filter(|d| !d.trim().is_empty()) {
        // One line: the fields of one answer belong together.
        pieces.push(Piece::new(normalise(&decoded).replace('\n', " ")));
    }
    // The most decoded first: values are read from the line where a fragment is found
    // first, and there `\u0026` is already `&`.
    pieces.extend(layers.into_iter().rev().map(Piece::new));
    Paste {
        shape,
        error: error.filter(|e| !e.is_empty()),
        description: description.filter(|d| !d.is_empty()),
        fields,
        pieces,
    }
}

/// The request prefixes of Authelia's OpenID Connect log messages, with their endpoints
/// (authelia/authelia@23572030 internal/handlers/handler_oauth2_*.go). Only prefixes: an
/// error's description may say "authorization request" about anything.
const LOG_PREFIXES: &[(&str, Endpoint)] = &[
    (
        "pushed authorization request",
        Endpoint::PushedAuthorization,
    ),
    ("authorization request failed", Endpoint::Authorization),
    ("authorization request could not", Endpoint::Authorization),
    ("authorization request with id", Endpoint::Authorization),
    (
        "authorization response for request",
        Endpoint::Authorization,
    ),
    ("access request failed", Endpoint::Token),
    ("access request could not", Endpoint::Token),
    ("access request with id", Endpoint::Token),
    ("access request encountered", Endpoint::Token),
    ("access response for request", Endpoint::Token),
    ("user info request", Endpoint::UserInfo),
    ("introspection request", Endpoint::Introspection),
    ("revocation request", Endpoint::Revocation),
    ("openid connect 1.0 discovery request", Endpoint::Discovery),
];

/// The paths of Authelia's endpoints as its log's `path` field or an address names them.
const PATHS: &[(&str, Endpoint)] = &[
    (
        "/api/oidc/pushed-authorization-request",
        Endpoint::PushedAuthorization,
    ),
    ("/api/oidc/authorization", Endpoint::Authorization),
    ("/consent/completion", Endpoint::Authorization),
    ("/api/oidc/token", Endpoint::Token),
    ("/api/oidc/userinfo", Endpoint::UserInfo),
    ("/api/oidc/introspection", Endpoint::Introspection),
    ("/api/oidc/revocation", Endpoint::Revocation),
    ("/.well-known/openid-configuration", Endpoint::Discovery),
];

/// Whether the text holds Authelia's log: a log line (`level=` or `"level":`) whose
/// `path` is one of Authelia's OpenID Connect endpoints, or whose message starts as
/// Authelia's requests do.
fn is_authelia_log(folded: &str) -> bool {
    let log = (folded.contains("level=") && folded.contains("msg="))
        || (folded.contains("'level':") && folded.contains("'msg':"));
    log && (folded.contains("path=/api/oidc/")
        || folded.contains("'path':'/api/oidc/")
        || LOG_PREFIXES.iter().any(|(m, _)| folded.contains(m)))
}

/// The endpoint a line names: by its `path` field or address, else by the first of
/// Authelia's request prefixes in it.
pub(crate) fn endpoint_in(folded: &str) -> Option<Endpoint> {
    PATHS
        .iter()
        .find(|(path, _)| folded.contains(path))
        .map(|(_, endpoint)| *endpoint)
        .or_else(|| {
            LOG_PREFIXES
                .iter()
                .filter_map(|(prefix, endpoint)| folded.find(prefix).map(|at| (at, *endpoint)))
                .min_by_key(|(at, _)| *at)
                .map(|(_, endpoint)| endpoint)
        })
}

/// The `error` code whose standard description (as the provider library writes it) the
/// line holds. Source: authelia/oauth2-provider@v0.2.40 errors.go (the same since
/// 43d01654).
pub(crate) fn code_in(folded: &str) -> Option<&'static str> {
    const DESCRIPTIONS: &[(&str, &str)] = &[
        (
            "client authentication failed (e.g., unknown client",
            "invalid_client",
        ),
        (
            "the request is missing a required parameter, includes an invalid",
            "invalid_request",
        ),
        (
            "the provided authorization grant (e.g., authorization code",
            "invalid_grant",
        ),
        (
            "the requested scope is invalid, unknown, or malformed",
            "invalid_scope",
        ),
        (
            "the client is not authorized to request a token using this method",
            "unauthorized_client",
        ),
        (
            "the resource owner or authorization server denied the request",
            "access_denied",
        ),
        (
            "the authorization server does not support obtaining a token using this method",
            "unsupported_response_type",
        ),
        (
            "the authorization server does not support obtaining a response using this response mode",
            "unsupported_response_mode",
        ),
        (
            "the state is missing or does not have enough characters",
            "invalid_state",
        ),
        (
            "the authorization server requires end-user authentication",
            "login_required",
        ),
        (
            "the requested resource is invalid, missing, unknown, or malformed",
            "invalid_target",
        ),
        (
            "the authorization grant type is not supported by the authorization server",
            "unsupported_grant_type",
        ),
        (
            "the authorization server requires end-user consent",
            "consent_required",
        ),
    ];
    DESCRIPTIONS
        .iter()
        .find(|(d, _)| folded.contains(d))
        .map(|(_, code)| *code)
}

/// The query fields of every address in `text`: each `name=value` after a `?` or `&`,
/// its value up to the next `&`, `#`, space or quote, percent-decoded. Appends to
/// `fields`, at most [`MAX_FIELDS`] in all, skipping names already there.
fn query_fields(text: &str, fields: &mut Vec<(String, String)>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        if b != b'?' && b != b'&' {
            continue;
        }
        let start = i;
        while bytes
            .get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        {
            i += 1;
        }
        if i == start || bytes.get(i) != Some(&b'=') {
            continue;
        }
        let name = text.get(start..i).unwrap_or_default();
        i += 1;
        let value_start = i;
        while bytes.get(i).is_some_and(|c| {
            !matches!(
                c,
                b'&' | b'#' | b' ' | b'\n' | b'"' | b'\'' | b'<' | b'>' | b'`' | b'\\'
            )
        }) {
            i += 1;
        }
        if fields.len() >= MAX_FIELDS {
            return;
        }
        if !fields.iter().any(|(k, _)| k == name) {
            let value = percent_decode(text.get(value_start..i).unwrap_or_default());
            fields.push((name.to_owned(), value));
        }
    }
}

/// The fields of Authelia's error page, copied as text.
#[derive(Debug)]
struct PageFields {
    error: Option<String>,
    description: Option<String>,
    hint: Option<String>,
    debug: Option<String>,
}

impl PageFields {
    /// The description, hint and debug text on one line.
    fn joined(&self) -> Option<String> {
        let parts: Vec<&str> = [&self.description, &self.hint, &self.debug]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

/// The page's labelled lines (`Error:`, `Description:`, `Hint:`, `Debug Information:`),
/// when it has a description or a hint. Labels as Authelia's consent completion page
/// writes them (authelia/authelia@23572030 web/src/views/ConsentPortal/CompletionView.tsx).
fn page_fields(text: &str) -> Option<PageFields> {
    let mut page = PageFields {
        error: None,
        description: None,
        hint: None,
        debug: None,
    };
    for line in text.lines() {
        let line = line.trim();
        let label = |name: &str| {
            line.get(..name.len())
                .filter(|l| l.eq_ignore_ascii_case(name))
                .and_then(|_| line.get(name.len()..))
                .map(|rest| rest.trim().to_owned())
        };
        if let Some(value) = label("Error:") {
            page.error.get_or_insert(value);
        } else if let Some(value) = label("Description:") {
            page.description.get_or_insert(value);
        } else if let Some(value) = label("Hint:") {
            page.hint.get_or_insert(value);
        } else if let Some(value) = label("Debug Information:") {
            page.debug.get_or_insert(value);
        }
    }
    (page.description.is_some() || page.hint.is_some()).then_some(page)
}

/// An error answer in JSON (or a map printed like it): its `error` and
/// `error_description`.
#[derive(Debug)]
struct JsonError {
    error: String,
    description: Option<String>,
}

/// The first `"error": "code"` in `text` (also `'error' => 'code'`, as Python and Elixir
/// print maps), with the `"error_description"` after it; or Go's `oauth2: "code"
/// "description"`.
fn json_error(text: &str) -> Option<JsonError> {
    let fold = folded(text);
    let mut from = 0;
    while let Some(found) = fold.get(from..).and_then(|f| f.find("'error'")) {
        let at = from + found + "'error'".len();
        from = at;
        let Some(value_at) = after_separator(&fold, at) else {
            continue;
        };
        let Some(code) = code_at(text, value_at) else {
            continue;
        };
        let description = fold
            .get(at..)
            .and_then(|f| f.find("'error_description'"))
            .map(|d| at + d + "'error_description'".len())
            .and_then(|d| after_separator(&fold, d))
            .and_then(|d| string_at(text, d));
        return Some(JsonError {
            error: code,
            description,
        });
    }
    let at = fold.find("oauth2: '")? + "oauth2: ".len();
    let code = code_at(text, at)?;
    let description = fold
        .get(at..)
        .and_then(|f| f.find("' '"))
        .and_then(|d| string_at(text, at + d + 2));
    Some(JsonError {
        error: code,
        description,
    })
}

/// After a key at `at`: spaces, `:` or `=>`, spaces; the offset of the value.
fn after_separator(fold: &str, at: usize) -> Option<usize> {
    let rest = fold.get(at..)?;
    let trimmed = rest.trim_start();
    let after = trimmed
        .strip_prefix(':')
        .or_else(|| trimmed.strip_prefix("=>"))?
        .trim_start();
    Some(at + rest.len() - after.len())
}

/// A quoted error code at `at`: `"invalid_client"`, lower-case letters and `_` only. Reads
/// at most [`MAX_CODE_BYTES`] past the quote, so a paste of many `"error":` keys is read
/// in linear time.
fn code_at(text: &str, at: usize) -> Option<String> {
    let bytes = text.as_bytes();
    let quote = *bytes.get(at).filter(|q| **q == b'"' || **q == b'\'')?;
    let start = at + 1;
    let len = bytes
        .get(start..)?
        .iter()
        .take(MAX_CODE_BYTES + 1)
        .take_while(|b| b.is_ascii_lowercase() || **b == b'_')
        .count();
    (len > 0 && len <= MAX_CODE_BYTES && bytes.get(start + len) == Some(&quote))
        .then(|| text.get(start..start + len).map(str::to_owned))
        .flatten()
}

/// Longest `error` code read: the registered codes are at most 30 characters
/// (`unsupported_response_mode`, `invalid_authorization_details`).
const MAX_CODE_BYTES: usize = 64;

/// The string quoted at `at` (by `"` or `'`), up to the same quote not escaped by a
/// backslash, its JSON escapes undone.
fn string_at(text: &str, at: usize) -> Option<String> {
    let rest = text.get(at..)?;
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let body = rest.get(1..)?;
    let mut escaped = false;
    let end = body.char_indices().find_map(|(i, c)| {
        let close = c == quote && !escaped;
        escaped = c == '\\' && !escaped;
        close.then_some(i)
    })?;
    Some(unescape_json(body.get(..end)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_page_address_gives_its_decoded_fields() {
        let paste = read(
            "https://auth.example.com/consent/completion?error=invalid_request&error_description=The+request+is+missing&error_hint=The+%27redirect_uri%27+parameter+does+not+match&error_status_code=400",
        );
        assert_eq!(paste.shape, Shape::ErrorPageAddress);
        assert_eq!(paste.error.as_deref(), Some("invalid_request"));
        assert_eq!(
            paste.field("error_hint"),
            Some("The 'redirect_uri' parameter does not match")
        );
        let first = paste.pieces.first().map(|p| p.text.as_str());
        assert_eq!(
            first,
            Some("The request is missing The 'redirect_uri' parameter does not match")
        );
    }

    #[test]
    fn an_escaped_json_answer_inside_a_log_gives_its_code_and_description() {
        let paste = read(
            r#"{"level":"warn","message":"token exchange failed: {\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed. It's 'basic'.\"}"}"#,
        );
        assert_eq!(paste.shape, Shape::ApplicationLog);
        assert_eq!(paste.error.as_deref(), Some("invalid_client"));
        assert_eq!(
            paste.description.as_deref(),
            Some("Client authentication failed. It's 'basic'.")
        );
    }

    #[test]
    fn go_s_oauth2_error_gives_its_code_and_description() {
        let paste = read(r#"error="oauth2: \"invalid_client\" \"Client authentication failed.\"""#);
        assert_eq!(paste.error.as_deref(), Some("invalid_client"));
        assert_eq!(
            paste.description.as_deref(),
            Some("Client authentication failed.")
        );
    }

    #[test]
    fn the_page_s_text_gives_its_labelled_fields() {
        let paste = read(
            "Error: invalid_client\n\nDescription: Client authentication failed.\nHint: The requested OAuth 2.0 Client does not exist.\n",
        );
        assert_eq!(paste.shape, Shape::ErrorPageText);
        assert_eq!(paste.error.as_deref(), Some("invalid_client"));
        assert_eq!(
            paste.description.as_deref(),
            Some("Client authentication failed.")
        );
    }

    #[test]
    fn escaping_is_undone_at_most_the_cap_s_layers_deep() {
        let mut text = String::from("a&b");
        for _ in 0..6 {
            text = format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
        }
        let paste = read(&text);
        assert_eq!(paste.pieces.len(), MAX_ESCAPE_LAYERS + 1);
    }
}
