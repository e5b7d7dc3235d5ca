//! What the sign-in or token request asks for, against what the client allows: PKCE,
//! scopes, response types and modes, grant types, audiences, the state, and scopes on
//! refresh.

use super::{Scene, add_to_list, at_line, change, client_named};
use crate::configuration::authelia::{DEFAULT_GRANT_TYPES, DEFAULT_RESPONSE_TYPES, DEFAULT_SCOPES};
use crate::configuration::read::excerpt;
use crate::troubleshoot::Explanation;

/// A client's `response_modes` when it sets none. Source: authelia/authelia@23572030
/// docs/content/configuration/identity-providers/openid-connect/clients.md
/// (`response_modes`, default `form_post,query`).
const DEFAULT_RESPONSE_MODES: &[&str] = &["form_post", "query"];

/// The scopes Authelia knows without a custom scope definition. Source:
/// authelia/authelia@23572030 internal/configuration/validator/const.go
/// (`validOIDCClientScopes`).
const KNOWN_SCOPES: &[&str] = &[
    "openid",
    "email",
    "profile",
    "address",
    "phone",
    "groups",
    "offline_access",
    "offline",
    "authelia.bearer.authz",
];

/// The provider's `enforce_pkce` when unset. Source: authelia/authelia@23572030
/// docs/content/configuration/identity-providers/openid-connect/provider.md.
const DEFAULT_ENFORCE_PKCE: &str = "public_clients_only";

/// PKCE is required and the application sent none.
pub(super) fn pkce_required(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let by_provider = scene.says("enforces pkce for all clients");
    let by_public = scene.says("enforces pkce for all public client type clients");
    let by_client = scene.says("is registered in a way that enforces pkce");
    if by_provider {
        out.notes.push(
            "The message says the provider requires PKCE of every client (`enforce_pkce: \
             'always'`)."
                .into(),
        );
    } else if by_public {
        out.notes.push(
            "The message says the provider requires PKCE of public clients, and this client \
             is public."
                .into(),
        );
    } else if by_client {
        out.notes
            .push("The message says the client itself requires PKCE.".into());
    }
    if let Some(provider) = &scene.provider {
        let enforce = provider.text("enforce_pkce");
        if enforce.as_deref() == Some("always") {
            change(
                out,
                provider,
                "enforce_pkce",
                DEFAULT_ENFORCE_PKCE,
                format!(
                    "The provider's `enforce_pkce`{} is `always`: every client must use PKCE. \
                     Only if this application cannot, set it back to `{DEFAULT_ENFORCE_PKCE}`.",
                    at_line(provider.line("enforce_pkce"))
                ),
            );
        }
    }
    let Some(client) = &scene.client else { return };
    let require = client.boolean("require_pkce");
    let method = client.text("pkce_challenge_method").unwrap_or_default();
    if require == Some(true) {
        change(
            out,
            client,
            "require_pkce",
            "false",
            format!(
                "{} has `require_pkce: true`: better turn PKCE on in the application; only if \
                 it cannot, set it to `false`.",
                client_named(client, client.line("require_pkce"))
            ),
        );
    }
    if !method.is_empty() {
        change(
            out,
            client,
            "pkce_challenge_method",
            "",
            format!(
                "{} has `pkce_challenge_method: '{}'`, which turns PKCE on by itself: only if \
                 the application cannot use PKCE, remove it (`''` is the same).",
                client_named(client, client.line("pkce_challenge_method")),
                excerpt(&method)
            ),
        );
    }
    if client.boolean("public") == Some(true) && require != Some(true) && method.is_empty() {
        out.notes.push(format!(
            "{} is public, and the provider requires PKCE of public clients unless its \
             `enforce_pkce` is `never` (which leaves a public client unprotected): turn PKCE \
             on in the application.",
            client_named(client, client.line("public"))
        ));
    }
}

/// The application's PKCE method is not allowed.
pub(super) fn pkce_method(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let method = scene.value(&["'code_challenge_method' value"]);
    if let Some(method) = &method {
        out.notes.push(format!(
            "The application used the PKCE method `{}`.",
            excerpt(method)
        ));
    }
    let mut client_refuses = false;
    if let Some(client) = &scene.client
        && let Some(wanted) = client
            .text("pkce_challenge_method")
            .filter(|m| !m.is_empty())
        && method.as_deref().is_some_and(|m| m != wanted)
    {
        client_refuses = true;
        out.notes.push(format!(
            "{} takes only `{}` (`pkce_challenge_method`): set the application to it.",
            client_named(client, client.line("pkce_challenge_method")),
            excerpt(&wanted)
        ));
    }
    // The provider's switch cannot help a client that enforces another method itself.
    if method.as_deref() == Some("plain")
        && !client_refuses
        && let Some(provider) = &scene.provider
        && provider.boolean("enable_pkce_plain_challenge") != Some(true)
    {
        change(
            out,
            provider,
            "enable_pkce_plain_challenge",
            "true",
            "The provider does not take `plain`: better set the application to `S256`; only \
             if it cannot, allow `plain` here.",
        );
    }
}

/// The application asked for a scope the client does not allow.
pub(super) fn scope(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let Some(scope) = scene.value(&["request scope"]) else {
        return;
    };
    out.notes.push(format!(
        "The application asked for the scope `{}`.",
        excerpt(&scope)
    ));
    if !KNOWN_SCOPES.contains(&scope.as_str()) {
        out.notes.push(format!(
            "`{}` is not one of Authelia's own scopes: besides the client's `scopes`, it needs \
             a definition under the provider's `scopes` and a `claims_policy` for its claims, \
             or the application must stop asking for it.",
            excerpt(&scope)
        ));
    }
    let Some(client) = &scene.client else { return };
    add_to_list(out, client, "scopes", &scope, DEFAULT_SCOPES);
    if scope == "offline_access" {
        let grants = client.list("grant_types").unwrap_or_default();
        if !grants.iter().any(|(g, _)| g == "refresh_token") {
            out.notes.push(format!(
                "With `offline_access` the application wants refresh tokens: add \
                 `refresh_token` to the client's `grant_types`{} too.",
                at_line(client.line("grant_types"))
            ));
        }
    }
}

/// The application asked for a response type the client does not allow.
pub(super) fn response_type(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let Some(value) = scene.value(&["request response_type"]) else {
        return;
    };
    let Some(client) = &scene.client else { return };
    add_to_list(
        out,
        client,
        "response_types",
        &value,
        DEFAULT_RESPONSE_TYPES,
    );
}

/// The application asked for a response mode the client does not allow.
pub(super) fn response_mode(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let Some(value) = scene.first_value(&[
        &["'response_mode' requested was"],
        &["default response_mode"],
        &["request response_mode"],
    ]) else {
        return;
    };
    let Some(client) = &scene.client else { return };
    add_to_list(
        out,
        client,
        "response_modes",
        &value,
        DEFAULT_RESPONSE_MODES,
    );
}

/// The application used a grant type the client does not allow.
pub(super) fn grant_type(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let Some(grant) = scene.value(&["use authorization grant"]) else {
        return;
    };
    if scene.says("is marked as public") {
        out.notes.push(format!(
            "The client is public, and a public client may never use `{}`.",
            excerpt(&grant)
        ));
        return;
    }
    let Some(client) = &scene.client else { return };
    add_to_list(out, client, "grant_types", &grant, DEFAULT_GRANT_TYPES);
    if grant == "refresh_token" {
        let scopes = client.list("scopes").unwrap_or_default();
        if !scopes.iter().any(|(s, _)| s == "offline_access") {
            out.notes.push(format!(
                "Refresh tokens also need the `offline_access` scope: add it to the client's \
                 `scopes`{}.",
                at_line(client.line("scopes"))
            ));
        }
    }
}

/// The application asked for an audience the client does not allow.
pub(super) fn audience(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let Some(value) = scene.first_value(&[&["requested audience"], &["requested resource"]]) else {
        return;
    };
    let Some(client) = &scene.client else { return };
    add_to_list(out, client, "audience", &value, &[]);
}

/// The application widened its scopes on refresh.
pub(super) fn refresh_scope(scene: &Scene<'_, '_>, out: &mut Explanation) {
    if let Some(scope) = scene.value(&["the requested scope"]) {
        out.notes.push(format!(
            "The refresh asked for `{}`, which the user did not grant at sign-in.",
            excerpt(&scope)
        ));
    }
}

/// The application's state is missing or short.
pub(super) fn state(scene: &Scene<'_, '_>, out: &mut Explanation) {
    if let Some(state) = scene.paste.field("state") {
        out.notes.push(format!(
            "The address in the paste has a `state` of {} characters.",
            state.chars().count()
        ));
    }
    if let Some(provider) = &scene.provider
        && let Some(entropy) = provider.text("minimum_parameter_entropy")
    {
        out.notes.push(format!(
            "The provider's `minimum_parameter_entropy`{} is `{}`.",
            at_line(provider.line("minimum_parameter_entropy")),
            excerpt(&entropy)
        ));
    }
}
