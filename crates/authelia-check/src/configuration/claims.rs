//! The client's claims policy, for the applications that read the user's claims from the
//! ID token only.
//!
//! Since Authelia 4.39 the ID token carries only the claims the specification puts there;
//! an application that never asks the user information endpoint loses the email, name,
//! groups and username it used to find in it, unless the client's `claims_policy` names a
//! policy whose `id_token` lists them. Whether the application is one of those is the
//! guide's word: the engine's fact ([`GuideFacts::needs_id_token_claims`]), or a
//! `claims_policy` in the guide's own client. A policy the provider does not define is
//! reported for any client: Authelia refuses to start.

use super::GuideFacts;
use super::authelia::ESCAPE_HATCH_DEFAULT_CLAIMS;
use super::client::{ProviderView, Settings};
use super::finding::Findings;
use super::locate::Step;
use super::read::{excerpt, has_template};
use super::rule::Rule;

/// Most claims a finding lists: the guides name at most seven, and the engine keeps at
/// most [`guide_engine::MAX_ID_TOKEN_CLAIMS`] of them.
const MAX_LISTED_CLAIMS: usize = guide_engine::MAX_ID_TOKEN_CLAIMS;

/// `'a', 'b'`, for a YAML flow list in a fix.
fn quoted(claims: &[&str]) -> String {
    claims
        .iter()
        .take(MAX_LISTED_CLAIMS)
        .map(|c| format!("'{}'", excerpt(c)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A client without the claims policy its application needs, a policy the provider does
/// not define, and one that leaves out of the ID token the claims the guide names.
pub(crate) fn check(
    client_id: Option<&str>,
    mine: &Settings,
    guide: Option<&Settings>,
    facts: &GuideFacts<'_>,
    provider: &ProviderView,
    at: &dyn Fn(&'static str) -> Vec<Step>,
    findings: &mut Findings,
) {
    let key = "claims_policy";
    let needs = facts.needs_id_token_claims || guide.is_some_and(|g| g.claims_policy.is_some());
    let named: Vec<&str> = facts
        .id_token_claims
        .split_ascii_whitespace()
        .take(MAX_LISTED_CLAIMS)
        .collect();
    let example = if named.is_empty() {
        ESCAPE_HATCH_DEFAULT_CLAIMS.to_vec()
    } else {
        named.clone()
    };
    let Some(policy) = mine.claims_policy.as_deref() else {
        if needs {
            // The guide's own policy name, or, as Authelia's escape hatch names it, the
            // client's id.
            let name = guide
                .and_then(|g| g.claims_policy.as_deref())
                .or(client_id)
                .filter(|n| !n.is_empty() && !has_template(n))
                .unwrap_or("app");
            findings.at(
                Rule::ClaimsPolicyMissing,
                &at(key),
                "The guide says this application reads the user's claims (email, name, \
                 groups, …) from the ID token only, and this client has no `claims_policy`: \
                 since Authelia 4.39 its ID token carries none of them, and the application \
                 cannot find the user.",
                format!(
                    "Add `claims_policy: '{n}'` to the client, and under \
                     `identity_providers.oidc` a policy that puts them in the ID token: \
                     `claims_policies:` / `{n}:` / `id_token: [{}]`{}.",
                    quoted(&example),
                    if named.is_empty() {
                        " (Authelia's example list; keep the claims the application uses)"
                    } else {
                        ""
                    },
                    n = excerpt(name)
                ),
            );
        }
        return;
    };
    if has_template(policy) {
        return;
    }
    let Some(policies) = &provider.claims_policies else {
        return;
    };
    let Some((_, id_token)) = policies.iter().find(|(name, _)| name == policy) else {
        findings.at(
            Rule::ClaimsPolicyUndefined,
            &at(key),
            format!(
                "`{key}` is '{}', but the provider's `claims_policies` {}: Authelia refuses \
                 to start.",
                excerpt(policy),
                if policies.is_empty() {
                    "defines no policy".to_owned()
                } else {
                    format!(
                        "defines only {}",
                        quoted(&policies.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>())
                    )
                }
            ),
            format!(
                "Define it under `identity_providers.oidc.claims_policies`: `{}:` / \
                 `id_token: [{}]`, or name one of the policies defined there.",
                excerpt(policy),
                quoted(&example)
            ),
        );
        return;
    };
    if !needs {
        return;
    }
    let listed = id_token.as_deref().unwrap_or_default();
    let missing: Vec<&str> = named
        .iter()
        .copied()
        .filter(|claim| !listed.iter().any(|l| l == claim))
        .collect();
    if listed.is_empty() {
        findings.at(
            Rule::IdTokenClaimsMissing,
            &at(key),
            format!(
                "The claims policy '{}' puts no claim in the ID token (it has no `id_token` \
                 list), and the guide says this application reads its claims from the ID \
                 token only.",
                excerpt(policy)
            ),
            format!(
                "Give the policy `id_token: [{}]`{}.",
                quoted(&example),
                if named.is_empty() {
                    " (Authelia's example list; keep the claims the application uses)"
                } else {
                    ""
                }
            ),
        );
    } else if !missing.is_empty() {
        findings.at(
            Rule::IdTokenClaimsMissing,
            &at(key),
            format!(
                "The claims policy '{}' puts {} in the ID token, but the guide names {} for \
                 this application: {} missing.",
                excerpt(policy),
                quoted(&listed.iter().map(String::as_str).collect::<Vec<_>>()),
                quoted(&named),
                quoted(&missing)
            ),
            format!("Add {} to the policy's `id_token` list.", quoted(&missing)),
        );
    }
}
