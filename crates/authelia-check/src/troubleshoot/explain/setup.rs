//! The provider and the application around the client: authorization policies, the
//! issuer (Authelia's own address against `session.cookies` and the reader's Authelia
//! address), the claims in the ID token, the userinfo and ID token algorithms, consent,
//! and an application that cannot reach Authelia.

use super::{Scene, at_line, change, client_named, yaml_list};
use crate::configuration::authelia::{
    BUILT_IN_POLICIES, DEFAULT_AUTHORIZATION_POLICY, ESCAPE_HATCH_DEFAULT_CLAIMS,
};
use crate::configuration::read::excerpt;
use crate::troubleshoot::settings::Node;
use crate::troubleshoot::uri_parts::{difference, host, scheme};
use crate::troubleshoot::{Change, Explanation, Part, values};

/// An authorization policy's `default_policy` when unset. Source: authelia/authelia@23572030
/// docs/content/configuration/identity-providers/openid-connect/provider.md
/// (`authorization_policies`, `default_policy`).
const DEFAULT_POLICY_DEFAULT: &str = "two_factor";

/// The name this page proposes for a new claims policy.
const CLAIMS_POLICY: &str = "default";

/// The ID token's algorithm when the client sets none. Source: authelia/authelia@23572030
/// docs/content/configuration/identity-providers/openid-connect/clients.md
/// (`id_token_signed_response_alg`).
const DEFAULT_ID_TOKEN_ALG: &str = "RS256";

/// The consent mode when the client sets none. Source: clients.md (`consent_mode`).
const DEFAULT_CONSENT_MODE: &str = "auto";

/// A duration this page proposes for pre-configured consent (any of Authelia's durations
/// does; a month asks again now and then).
const CONSENT_DURATION: &str = "1 month";

/// The client's authorization policy refused the user.
pub(super) fn policy(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let user = scene.value(&["the user"]);
    let named = scene.value(&["using policy"]);
    if let Some(user) = &user {
        out.notes
            .push(format!("The user refused is `{}`.", excerpt(user)));
    }
    let policy = named.or_else(|| {
        scene.client.as_ref().map(|c| {
            c.text("authorization_policy")
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| DEFAULT_AUTHORIZATION_POLICY.to_owned())
        })
    });
    let Some(policy) = policy else { return };
    if BUILT_IN_POLICIES.contains(&policy.as_str()) {
        out.notes.push(format!(
            "The policy is `{}`, which lets every signed-in user in: the running Authelia \
             has another configuration, or another policy.",
            excerpt(&policy)
        ));
        return;
    }
    let Some(provider) = &scene.provider else {
        return;
    };
    let Some(node) = provider
        .mapping("authorization_policies")
        .and_then(|p| p.mapping(&policy))
    else {
        out.notes.push(format!(
            "The provider has no `authorization_policies.{}` in this paste.",
            excerpt(&policy)
        ));
        return;
    };
    let default = node
        .text("default_policy")
        .unwrap_or_else(|| DEFAULT_POLICY_DEFAULT.into());
    let rules: Vec<String> = node
        .mappings("rules")
        .iter()
        .map(|rule| {
            let subjects = rule
                .list("subject")
                .unwrap_or_default()
                .into_iter()
                .map(|(s, _)| s)
                .collect::<Vec<_>>();
            let networks = rule.list("networks").unwrap_or_default();
            format!(
                "{}{} → `{}`{}",
                if subjects.is_empty() {
                    String::new()
                } else {
                    super::listed(&subjects)
                },
                if networks.is_empty() {
                    String::new()
                } else {
                    format!(
                        " from {}",
                        super::listed(
                            &networks.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>()
                        )
                    )
                },
                rule.text("policy")
                    .as_deref()
                    .map(excerpt)
                    .unwrap_or_default(),
                at_line(rule.own_line())
            )
        })
        .collect();
    out.notes.push(format!(
        "The policy `{}`{} has `default_policy: '{}'` and {}.",
        excerpt(&policy),
        at_line(node.own_line()),
        excerpt(&default),
        if rules.is_empty() {
            "no rules".to_owned()
        } else {
            format!("the rules {}", rules.join("; "))
        }
    ));
    let subject = user.as_deref().map_or_else(
        || "group:<their group>".to_owned(),
        |u| format!("user:{}", excerpt(u)),
    );
    let rules_line = node
        .mappings("rules")
        .first()
        .and_then(Node::own_line)
        .or_else(|| node.own_line());
    out.changes.push(Change {
        key: node.dotted("rules"),
        line: rules_line,
        from: None,
        to: format!("- subject: '{subject}'\n  policy: 'two_factor'"),
        sentence: format!(
            "No rule of `{}` lets this user in: add one for them (or for a group of theirs).",
            excerpt(&policy)
        ),
    });
}

/// Whether `host` is `domain` or under it.
fn covers(domain: &str, host: &str) -> bool {
    let domain = domain.trim_start_matches('.').to_ascii_lowercase();
    !domain.is_empty() && (host == domain || host.ends_with(&format!(".{domain}")))
}

/// Authelia could not settle its issuer.
pub(super) fn issuer(scene: &Scene<'_, '_>, out: &mut Explanation) {
    if let Some(proto) = scene.value(&["x-forwarded-proto header value"]) {
        out.notes.push(format!(
            "The request reached Authelia as `{}`: the proxy in front of Authelia must send \
             `X-Forwarded-Proto: https`, and the application must use Authelia's `https://` \
             address.",
            excerpt(&proto)
        ));
    }
    if let (Some(host), Some(domain)) = (
        scene.value(&["the hostname"]),
        scene.value(&["configured domain"]),
    ) {
        out.notes.push(format!(
            "The request came for the host `{}`, which is not under the session cookie's \
             domain `{}`.",
            excerpt(&host),
            excerpt(&domain)
        ));
    }
    let reached = scene.value(&["matches url"]);
    if let Some(url) = &reached {
        out.notes.push(format!(
            "The request reached Authelia at `{}`, which no `session.cookies` entry covers.",
            excerpt(url)
        ));
    }
    let public = scene.context.authelia_url.trim();
    if !public.is_empty() && scheme(public) != "https" {
        out.notes.push(format!(
            "Your Authelia address `{}` is not `https://`: Authelia's OpenID Connect provider \
             works only over https.",
            excerpt(public)
        ));
    }
    if let Some(url) = &reached
        && !public.is_empty()
        && host(url) != host(public)
    {
        out.notes.push(format!(
            "That is not your Authelia address `{}`: set the application's issuer (or \
             provider URL) to `{}`, and let it reach that address (split DNS or hairpin NAT \
             when it runs inside).",
            excerpt(public),
            excerpt(public)
        ));
    }
    let cookies = scene
        .settings
        .and_then(|s| s.root())
        .and_then(|r| r.mapping("session"))
        .map(|s| s.mappings("cookies"))
        .unwrap_or_default();
    if public.is_empty() || cookies.is_empty() {
        return;
    }
    let public_host = host(public);
    if cookies
        .iter()
        .any(|c| c.text("domain").is_some_and(|d| covers(&d, &public_host)))
    {
        return;
    }
    let Some(cookie) = cookies.first() else {
        return;
    };
    let parent = public_host
        .split_once('.')
        .map_or(public_host.as_str(), |(_, rest)| rest)
        .to_owned();
    out.changes.push(Change {
        key: cookie.dotted("domain"),
        line: cookie.line("domain"),
        from: cookie.text("domain").map(|d| excerpt(&d)),
        to: parent.clone(),
        sentence: format!(
            "No `session.cookies` entry's `domain` covers your Authelia host `{}`: set one \
             to `{}` (with `authelia_url: '{}'`).",
            excerpt(&public_host),
            excerpt(&parent),
            excerpt(public)
        ),
    });
}

/// The application expected another issuer than Authelia states.
pub(super) fn app_issuer(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let expected = scene.value(&["expected"]);
    let got = scene.value(&["got"]);
    let public = scene.context.authelia_url.trim();
    match (&expected, &got) {
        (Some(expected), Some(got)) => {
            let how = match difference(got, expected) {
                Some(d) if d.part == Part::TrailingSlash => {
                    " (only a trailing slash differs)".to_owned()
                }
                Some(d) => format!(" (the {} differs)", d.part.name()),
                None => String::new(),
            };
            out.notes.push(format!(
                "The application was set up with `{}`; Authelia states `{}`{how}. Set the \
                 application's issuer to `{}`.",
                excerpt(expected),
                excerpt(got),
                excerpt(got)
            ));
        }
        _ if !public.is_empty() => out.notes.push(format!(
            "Set the application's issuer to your Authelia address, `{}`, with no trailing \
             slash.",
            excerpt(public.trim_end_matches('/'))
        )),
        _ => {}
    }
}

/// The application found no user details: the claims policy.
pub(super) fn claims(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let Some(client) = &scene.client else { return };
    let named = client.text("claims_policy").filter(|p| !p.is_empty());
    // Without one of its own, the provider's only claims policy, when it defines exactly
    // one: a client left without the policy written for it is a likelier slip than a
    // policy meant for another client (a guide's block gives both together).
    let only = scene
        .provider
        .as_ref()
        .and_then(|p| p.mapping("claims_policies"))
        .map(|policies| policies.keys())
        .filter(|names| names.len() == 1)
        .and_then(|mut names| names.pop());
    let policy = named
        .clone()
        .or_else(|| only.clone())
        .unwrap_or_else(|| CLAIMS_POLICY.to_owned());
    if named.is_none() {
        let which = match &only {
            Some(only) => format!("the provider's only claims policy, `{}`", excerpt(only)),
            None => "one".to_owned(),
        };
        change(
            out,
            client,
            "claims_policy",
            excerpt(&policy),
            format!(
                "{} has no `claims_policy`, so its ID token carries only the minimal claims: \
                 give it {which}.",
                client_named(client, client.own_line())
            ),
        );
    }
    let Some(provider) = &scene.provider else {
        out.notes.push(format!(
            "Define the policy `{policy}` under the provider's `claims_policies`, with \
             `id_token: {}`.",
            yaml_list(ESCAPE_HATCH_DEFAULT_CLAIMS)
        ));
        return;
    };
    let existing = provider
        .mapping("claims_policies")
        .and_then(|p| p.mapping(&policy));
    match existing {
        Some(node) => {
            let have: Vec<String> = node
                .list("id_token")
                .unwrap_or_default()
                .into_iter()
                .map(|(c, _)| c)
                .collect();
            let missing: Vec<&str> = ["email", "preferred_username", "name", "groups"]
                .into_iter()
                .filter(|c| !have.iter().any(|h| h == c))
                .collect();
            if !missing.is_empty() {
                let mut wanted = have.clone();
                wanted.extend(missing.iter().map(|m| (*m).to_owned()));
                out.changes.push(Change {
                    key: node.dotted("id_token"),
                    line: node.line("id_token"),
                    from: (!have.is_empty()).then(|| yaml_list(&have)),
                    to: yaml_list(&wanted),
                    sentence: format!(
                        "The claims policy `{}`{} leaves {} out of the ID token: add those \
                         the application reads.",
                        excerpt(&policy),
                        at_line(node.own_line()),
                        super::listed(&missing)
                    ),
                });
            }
        }
        None => out.changes.push(Change {
            key: provider.dotted(&format!("claims_policies.{policy}.id_token")),
            line: provider.line("claims_policies"),
            from: None,
            to: yaml_list(ESCAPE_HATCH_DEFAULT_CLAIMS),
            sentence: format!(
                "The provider has no claims policy `{}`: define it with the claims \
                 Authelia put in the ID token before 4.39.",
                excerpt(&policy)
            ),
        }),
    }
}

/// The userinfo answer is signed.
pub(super) fn userinfo_alg(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let Some(client) = &scene.client else { return };
    let key = "userinfo_signed_response_alg";
    match client.text(key) {
        Some(alg) if alg != "none" => change(
            out,
            client,
            key,
            "none",
            format!(
                "{} has `{key}: '{}'`, so its userinfo answer is a signed token: set it to \
                 `none`.",
                client_named(client, client.line(key)),
                excerpt(&alg)
            ),
        ),
        _ => out.notes.push(format!(
            "{} answers userinfo as plain JSON (`{key}` is `none`): Authelia runs with another \
             configuration, or the request is for another client.",
            client_named(client, client.line(key))
        )),
    }
}

/// The ID token's algorithm is not the application's.
pub(super) fn id_token_alg(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let expected = values::word_after(&scene.record, ", expected");
    let got = values::word_after(&scene.record, "got:");
    if let (Some(expected), Some(got)) = (&expected, &got) {
        out.notes.push(format!(
            "The application expects `{}`; the ID token is signed with `{}`.",
            excerpt(expected),
            excerpt(got)
        ));
    }
    let Some(client) = &scene.client else { return };
    let Some(expected) = expected else { return };
    let key = "id_token_signed_response_alg";
    let alg = client
        .text(key)
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| DEFAULT_ID_TOKEN_ALG.to_owned());
    if alg != expected {
        change(
            out,
            client,
            key,
            expected.clone(),
            format!(
                "{} signs ID tokens with `{}`; the application expects `{}`: set \
                 `{key}: '{}'` (or set the application to `{}`).",
                client_named(client, client.line(key)),
                excerpt(&alg),
                excerpt(&expected),
                excerpt(&expected),
                excerpt(&alg)
            ),
        );
    }
    if expected != DEFAULT_ID_TOKEN_ALG
        && let Some(provider) = &scene.provider
    {
        let algorithms: Vec<String> = provider
            .mappings("jwks")
            .iter()
            .filter_map(|k| k.text("algorithm"))
            .collect();
        if !algorithms.contains(&expected) {
            out.notes.push(format!(
                "The provider's `jwks`{} has no key with `algorithm: '{}'`: add one (an EC key \
                 for `ES256`, for instance), since Authelia signs only with the keys it has.",
                at_line(provider.line("jwks")),
                excerpt(&expected)
            ));
        }
    }
}

/// Consent is asked at each sign-in.
pub(super) fn consent(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let Some(client) = &scene.client else { return };
    let mode = consent_mode_of(client);
    let duration = client.text("pre_configured_consent_duration");
    match mode.as_str() {
        "implicit" => out.notes.push(format!(
            "{} has `consent_mode: 'implicit'`, which never asks: Authelia runs with another \
             configuration, or the request asks for consent itself (`prompt=consent`).",
            client_named(client, client.line("consent_mode"))
        )),
        "pre-configured" => {}
        _ => change(
            out,
            client,
            "consent_mode",
            "pre-configured",
            format!(
                "{} {}: consent is asked at each sign-in. Let it be remembered.",
                client_named(client, client.line("consent_mode")),
                if client.has("consent_mode") {
                    format!("has `consent_mode: '{}'`", excerpt(&mode))
                } else {
                    "sets no `consent_mode`, so `auto` applies".to_owned()
                }
            ),
        ),
    }
    if mode != "implicit" && duration.is_none() {
        remember_for(client, out);
    }
    if client
        .list("scopes")
        .unwrap_or_default()
        .iter()
        .any(|(s, _)| s == "offline_access")
    {
        out.notes.push(format!(
            "The client's `scopes`{} hold `offline_access`: a request for it always asks for \
             consent. Drop it if the application needs no refresh tokens.",
            at_line(client.line("scopes"))
        ));
    }
}

/// A silent sign-in that needs consent. Authelia's log line says which mode answered: only
/// a pre-configured client writes "pre-configured consent was absent" (4.38.7 on), and
/// only an explicit one "require explicit consent" (4.38.7 to 4.39.1). With the former,
/// a file whose client is not pre-configured is not what Authelia ran: no Change of mode,
/// a note. Otherwise (the explicit line, or an application's words) as for consent at
/// every login.
pub(super) fn consent_required(scene: &Scene<'_, '_>, out: &mut Explanation) {
    if !scene.says("pre-configured consent was absent") {
        return consent(scene, out);
    }
    let Some(client) = &scene.client else { return };
    let duration = client.text("pre_configured_consent_duration");
    let mode = consent_mode_of(client);
    // `auto` is pre-configured once a duration is set.
    let effective = match (mode.as_str(), &duration) {
        ("auto", Some(_)) => "pre-configured",
        (mode, _) => mode,
    };
    if effective != "pre-configured" {
        out.notes.push(format!(
            "Authelia's log line comes from a client with pre-configured consent, but {} has \
             `consent_mode: '{}'`: the Authelia that answered runs another configuration than \
             this one.",
            client_named(client, client.line("consent_mode")),
            excerpt(&mode)
        ));
        return;
    }
    if duration.is_none() {
        remember_for(client, out);
    }
    out.notes.push(
        "Sign in once normally, asking for what the application asks for silently, and tick \
         \"Remember Consent\": a remembered consent covers those scopes and claims only."
            .to_owned(),
    );
}

/// The client's `consent_mode`, Authelia's default when it sets none.
fn consent_mode_of(client: &Node<'_>) -> String {
    client
        .text("consent_mode")
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| DEFAULT_CONSENT_MODE.to_owned())
}

/// The Change that gives `client` a `pre_configured_consent_duration`, which it lacks.
fn remember_for(client: &Node<'_>, out: &mut Explanation) {
    change(
        out,
        client,
        "pre_configured_consent_duration",
        CONSENT_DURATION,
        "Set how long a remembered consent lasts; then tick \"Remember Consent\" once.",
    );
}

/// The application could not reach the token endpoint.
pub(super) fn unreachable(scene: &Scene<'_, '_>, out: &mut Explanation) {
    let public = scene.context.authelia_url.trim().trim_end_matches('/');
    if !public.is_empty() {
        out.notes.push(format!(
            "From the application's host or container, open \
             `{}/.well-known/openid-configuration`: it must answer, over https, with a \
             certificate the application trusts.",
            excerpt(public)
        ));
    }
}
