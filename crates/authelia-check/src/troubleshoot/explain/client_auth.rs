//! The client's credentials at the token endpoint: the method the application sends
//! against `token_endpoint_auth_method`, a missing or wrong `client_secret`, a secret the
//! header cannot carry, and a client id Authelia does not know.

use super::{Scene, at_line, change, client_named};
use crate::configuration::authelia::{
    DEFAULT_AUTH_METHOD_CONFIDENTIAL, DEFAULT_AUTH_METHOD_PUBLIC,
};
use crate::configuration::read::excerpt;
use crate::configuration::suggest;
use crate::troubleshoot::catalogue::V4382_TO_43920;
use crate::troubleshoot::settings::Node;
use crate::troubleshoot::{Endpoint, Explanation, Shape};

/// The client's auth method with Authelia's default applied, and whether it is set.
fn method_of(client: &Node<'_>) -> (String, bool) {
    match client.text("token_endpoint_auth_method") {
        Some(m) if !m.is_empty() => (m, true),
        _ if client.boolean("public") == Some(true) => (DEFAULT_AUTH_METHOD_PUBLIC.into(), false),
        _ => (DEFAULT_AUTH_METHOD_CONFIDENTIAL.into(), false),
    }
}

/// "has `x`" or "sets no `key`, so Authelia's default `x` applies".
fn has_method(client: &Node<'_>) -> String {
    let (method, set) = method_of(client);
    if set {
        format!("has `{}`", excerpt(&method))
    } else {
        format!("sets no `token_endpoint_auth_method`, so Authelia's default `{method}` applies")
    }
}

/// The method the application sent and the one the client allows, as the message words
/// them in each version.
fn methods(scene: &Scene<'_, '_>) -> (Option<String>, Option<String>) {
    let sent = scene
        .first_value(&[
            &["determined to be using", " method"],
            &["but the method"],
            &["updated to"],
        ])
        .filter(|m| m != "%s");
    let registered = scene.value(&["only support", " method"]);
    (sent, registered)
}

/// The application sends one method, the client allows another.
pub(super) fn method_mismatch(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let (sent, registered) = methods(scene);
    match (&sent, &registered) {
        (Some(sent), Some(registered)) => out.notes.push(format!(
            "The application sent its credentials with `{}`; the client in Authelia allows \
             only `{}`.",
            excerpt(sent),
            excerpt(registered)
        )),
        (Some(sent), None) => out.notes.push(format!(
            "The application sent its credentials with `{}`.",
            excerpt(sent)
        )),
        // Authelia 4.38 names the assertion, not its method.
        (None, Some(registered)) if scene.says("however 'client_assertion' was provided") => {
            out.notes.push(format!(
                "The application sent a signed JWT assertion (`private_key_jwt` or \
                 `client_secret_jwt`); the client in Authelia allows only `{}`.",
                excerpt(registered)
            ));
        }
        _ => {}
    }
    let Some(client) = &scene.client else {
        // What the application receives from Authelia 4.38.2 to 4.39.20 reads the same for
        // a client without a secret; with the configuration the note below says so too,
        // and Authelia's log tells them apart (client-secret-missing).
        if out.shape != Shape::AutheliaLog
            && out
                .wording
                .as_deref()
                .is_some_and(|w| w.starts_with(V4382_TO_43920))
        {
            out.notes.push(
                "Authelia 4.38.2 to 4.39.20 answer the application in these same words when the \
                 client has no `client_secret`: if the methods already agree, that is the cause, \
                 and Authelia's log line for this request says which."
                    .to_owned(),
            );
        }
        return;
    };
    let key = "token_endpoint_auth_method";
    let line = client.line(key);
    let (method, _) = method_of(client);
    match sent {
        Some(sent) if sent != method => change(
            out,
            client,
            key,
            sent.clone(),
            format!(
                "The application sent `{}`; {} {}. Set `{key}: '{}'` (or set the application \
                 to `{method}`).",
                excerpt(&sent),
                client_named(client, line),
                has_method(client),
                excerpt(&sent)
            ),
        ),
        Some(sent) => out.notes.push(format!(
            "{} already has `{}`: Authelia runs with another configuration (restart it after \
             a change), or the request is for another client. Authelia 4.38.2 to 4.39.20 \
             also word a client without a secret this way to the application: check that the \
             running client has its `client_secret`.",
            client_named(client, line),
            excerpt(&sent)
        )),
        None => out.notes.push(format!(
            "{} {}; the application sends another method.",
            client_named(client, line),
            has_method(client)
        )),
    }
}

/// The application sends no secret; the client is confidential.
pub(super) fn none_on_confidential(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let Some(client) = &scene.client else { return };
    let public = client.boolean("public");
    let line = client.line("public");
    let was = match public {
        Some(true) => "is public".to_owned(),
        Some(false) => "is confidential (`public: false`)".to_owned(),
        None => "is confidential (it sets no `public`)".to_owned(),
    };
    let sentence = format!(
        "The application sent no secret; {} {was}. If the application keeps no secret, make \
         the client public.",
        client_named(client, line)
    );
    if public != Some(true) {
        change(out, client, "public", "true", sentence);
    }
    let (method, _) = method_of(client);
    if method != "none" {
        change(
            out,
            client,
            "token_endpoint_auth_method",
            "none",
            format!(
                "A public client authenticates with `none`; {} {}.",
                client_named(client, client.line("token_endpoint_auth_method")),
                has_method(client)
            ),
        );
    }
    if client.has("client_secret") {
        change(
            out,
            client,
            "client_secret",
            "",
            format!(
                "A public client has no secret: remove `client_secret`{}.",
                at_line(client.line("client_secret"))
            ),
        );
    }
    if client.boolean("require_pkce") != Some(true) {
        change(
            out,
            client,
            "require_pkce",
            "true",
            "A public client proves itself with PKCE instead: require it (and \
             `pkce_challenge_method: 'S256'`).",
        );
    }
}

/// The client's secret is missing in the running configuration.
pub(super) fn secret_missing(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let Some(client) = &scene.client else { return };
    let line = client.line("client_secret");
    match client.text("client_secret") {
        Some(secret) if secret.contains("{{") => out.notes.push(format!(
            "`client_secret`{} is a template (`{{{{ … }}}}`): Authelia expands it only when \
             the container sets `X_AUTHELIA_CONFIG_FILTERS=template`; otherwise it reads the \
             text as it is, or, when the file it names is missing, nothing.",
            at_line(line)
        )),
        Some(secret) if !secret.trim().is_empty() => out.notes.push(format!(
            "{} has a `client_secret` in this paste, so the running Authelia read another, \
             empty, value: a secret file that is not mounted, or an environment variable that \
             is not set.",
            client_named(client, line)
        )),
        _ => change(
            out,
            client,
            "client_secret",
            "<the digest of the application's secret>",
            format!(
                "{} has no `client_secret`: set it to the digest of the application's secret.",
                client_named(client, line)
            ),
        ),
    }
}

/// The id or secret could not be read from the Authorization header.
pub(super) fn encoding(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let which = if scene.says("the client secret in") {
        "client secret"
    } else if scene.says("the client id in") {
        "client id"
    } else {
        "client id or secret"
    };
    out.notes
        .push(format!("It is the {which} that Authelia could not read."));
    let Some(client) = &scene.client else { return };
    if let Some(id) = client.id()
        && let Some(bad) = id
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')))
    {
        out.notes.push(format!(
            "Your client id `{}` holds `{bad}`, which must be encoded in the header; Authelia \
             takes only letters, digits and `-._~` in a client id.",
            excerpt(&id)
        ));
    }
    let (method, _) = method_of(client);
    if method == "client_secret_basic" {
        out.notes.push(format!(
            "{} {}: the application sends the secret in the Authorization header. A secret of \
             letters, digits and `-._~` only needs no encoding.",
            client_named(client, client.line("token_endpoint_auth_method")),
            has_method(client)
        ));
    }
}

/// The names of the digests Authelia reads (authelia/authelia@23572030
/// docs/content/reference/guides/passwords.md): a plain text holding one is a digest whose
/// `$` separators were removed on the way.
const DIGEST_NAMES: &[&str] = &["pbkdf2", "argon2", "scrypt", "sha512", "sha256", "bcrypt"];

/// Whether a plain-text secret is a digest that lost its `$` parts.
fn looks_like_a_digest(secret: &str) -> bool {
    let lower = secret.to_ascii_lowercase();
    DIGEST_NAMES.iter().any(|name| lower.contains(name))
}

/// The application's secret does not fit the digest.
pub(super) fn secret_mismatch(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let Some(client) = &scene.client else { return };
    let line = client.line("client_secret");
    let Some(secret) = client.text("client_secret") else {
        out.notes.push(format!(
            "{} has no `client_secret` in this paste: the running Authelia has another \
             configuration.",
            client_named(client, client.own_line())
        ));
        return;
    };
    match guide_secrets::parse(&secret) {
        Ok(guide_secrets::ParsedDigest::Plaintext { .. }) if looks_like_a_digest(&secret) => {
            out.notes.push(format!(
                "`client_secret`{} looks like a digest that lost its `$` parts: the shell, \
                 Docker Compose or an `.env` file took them for variables. Write each `$` as \
                 `$$` there, or quote the value, so Authelia reads the whole digest.",
                at_line(line)
            ));
        }
        Ok(guide_secrets::ParsedDigest::Plaintext { .. }) => out.notes.push(format!(
            "`client_secret`{} is plain text, not a digest: the application must send exactly \
             this text. Better: put its digest in Authelia and the text in the application.",
            at_line(line)
        )),
        Ok(_) => out.notes.push(format!(
            "`client_secret`{} is a digest Authelia reads: the application's secret is not the \
             one it was made from. Check the pair with this page's digest check.",
            at_line(line)
        )),
        Err(reason) => out.notes.push(format!(
            "`client_secret`{} is not a digest Authelia reads ({reason}). A digest whose `$` \
             parts went missing was taken for variables by the shell, Docker Compose or an \
             `.env` file: write each `$` as `$$` there, or quote the value.",
            at_line(line)
        )),
    }
}

/// Authelia knows no client with the id the application sent.
pub(super) fn not_found(scene: &Scene<'_, '_>, named: Option<&str>, out: &mut Explanation) {
    if out.endpoint == Some(Endpoint::Token) {
        // The catalogue's words are the browser's visit; at the token endpoint no page is
        // shown: the application itself was refused, with another id than it signed in
        // with, or after Authelia dropped the client.
        "The application asked Authelia for tokens with a client id Authelia does not know, \
         so Authelia refused it (`invalid_client`): if the sign-in page came up with this \
         application, it sends another client id at this step, or Authelia lost the client \
         since (a restart with another configuration)."
            .clone_into(&mut out.happened);
    }
    if let Some(named) = named {
        out.notes.push(format!(
            "The application sent the client id `{}`.",
            excerpt(named)
        ));
    }
    let Some(settings) = scene.settings else {
        return;
    };
    let Some(named) = named else { return };
    let clients = settings.clients();
    if let Some(client) = clients.iter().find(|c| c.id().as_deref() == Some(named)) {
        out.notes.push(format!(
            "{} is in this paste: the running Authelia has another configuration, or did not \
             load its OpenID Connect clients (restart it and read its start-up log).",
            client_named(client, client.own_line())
        ));
        return;
    }
    let ids: Vec<String> = clients.iter().filter_map(Node::id).collect();
    let known: Vec<&str> = ids.iter().map(String::as_str).collect();
    let near = known
        .iter()
        .find(|id| id.eq_ignore_ascii_case(named))
        .copied()
        .or_else(|| suggest::closest(named, &known))
        .or_else(|| {
            (!scene.context.client_id.is_empty())
                .then(|| {
                    known
                        .iter()
                        .find(|id| **id == scene.context.client_id)
                        .copied()
                })
                .flatten()
        });
    let Some(near) = near else {
        out.notes.push(format!(
            "Your configuration has no client close to it; its clients are {}.",
            super::listed(&ids)
        ));
        return;
    };
    let Some(client) = clients.iter().find(|c| c.id().as_deref() == Some(near)) else {
        return;
    };
    let line = client.line("client_id");
    let how = if near.eq_ignore_ascii_case(named) {
        "only the letter case differs, and client ids are compared exactly"
    } else {
        "they differ"
    };
    change(
        out,
        client,
        "client_id",
        named.to_owned(),
        format!(
            "The application sent `{}`; your client{} has the id `{}`: {how}. Make them the \
             same, here or in the application.",
            excerpt(named),
            at_line(line),
            excerpt(near)
        ),
    );
}

/// The application got `invalid_client` with no reason: what the configuration says
/// about the likely ones.
pub(super) fn rejected(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let Some(client) = &scene.client else { return };
    // An application that sent a signed assertion sends no secret: the client's method
    // then says what the client expects, not how to send a secret.
    let sentence = if scene.says("client assertion") {
        "the application authenticates with a signed JWT assertion"
    } else {
        "the application must send its secret that way"
    };
    out.notes.push(format!(
        "{} {}; {sentence}.",
        client_named(client, client.line("token_endpoint_auth_method")),
        has_method(client)
    ));
    if let Some(secret) = client.text("client_secret")
        && guide_secrets::parse(&secret).is_err()
    {
        out.notes.push(format!(
            "Its `client_secret`{} is not a digest Authelia reads: a likely reason.",
            at_line(client.line("client_secret"))
        ));
    }
}
