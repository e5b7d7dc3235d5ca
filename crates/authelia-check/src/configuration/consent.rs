//! The client's consent: whether Authelia will ask the user to consent at every login.
//!
//! A client that sets no `consent_mode` is `auto`, which Authelia makes `explicit` unless
//! `pre_configured_consent_duration` is set: the user is then asked to consent at every
//! login, the most common complaint about Authelia's OpenID Connect provider. The guide's
//! block may set a mode of its own; a client other than it is reported too.

use super::authelia::{
    BEARER_AUTHZ_SCOPE, CONSENT_MODES, DEFAULT_CONSENT_MODE, EXPLICIT_CONSENT,
    SCOPES_FORCING_CONSENT, effective_consent_mode,
};
use super::client::Settings;
use super::finding::Findings;
use super::locate::Step;
use super::read::{excerpt, has_template};
use super::rule::Rule;

/// The key a consent finding is placed at: `consent_mode` when written, else the
/// duration, else the client itself.
fn place(mine: &Settings, at: &dyn Fn(&'static str) -> Vec<Step>) -> Vec<Step> {
    if mine.consent_mode.is_some() {
        at("consent_mode")
    } else {
        at("pre_configured_consent_duration")
    }
}

/// A `consent_mode` Authelia does not know, a mode other than the guide's, and a client
/// that makes the user consent at every login.
pub(crate) fn check(
    mine: &Settings,
    guide: Option<&Settings>,
    at: &dyn Fn(&'static str) -> Vec<Step>,
    findings: &mut Findings,
) {
    let written = mine.consent_mode.as_deref().unwrap_or_default();
    if has_template(written) {
        return;
    }
    if !written.is_empty() && !CONSENT_MODES.contains(&written) {
        findings.at(
            Rule::ConsentModeUnknown,
            &at("consent_mode"),
            format!(
                "`consent_mode` is '{}', which Authelia does not know: it refuses to start.",
                excerpt(written)
            ),
            format!(
                "Use one of {}; 'pre-configured' remembers the user's consent for \
                 `pre_configured_consent_duration`.",
                CONSENT_MODES
                    .iter()
                    .map(|m| format!("'{m}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
        return;
    }
    let mode = effective_consent_mode(written, mine.consent_duration);
    let shown = if written.is_empty() || written == DEFAULT_CONSENT_MODE {
        format!(
            "'{mode}' (`consent_mode` is {}, and `pre_configured_consent_duration` is {}set)",
            if written.is_empty() {
                "not set, so 'auto'".to_owned()
            } else {
                "'auto'".to_owned()
            },
            if mine.consent_duration { "" } else { "not " }
        )
    } else {
        format!("'{mode}'")
    };
    let guide_mode = guide
        .filter(|g| g.consent_mode.is_some() || g.consent_duration)
        .map(|g| {
            effective_consent_mode(
                g.consent_mode.as_deref().unwrap_or_default(),
                g.consent_duration,
            )
        })
        .filter(|m| CONSENT_MODES.contains(m));
    if let Some(wanted) = guide_mode {
        if wanted != mode {
            findings.at(
                Rule::ConsentModeDiffers,
                &place(mine, at),
                format!(
                    "The consent mode is {shown}, but the guide's is '{wanted}'{}.",
                    if mode == EXPLICIT_CONSENT {
                        ": Authelia will ask the user to consent at every login"
                    } else {
                        ""
                    }
                ),
                format!("Set `consent_mode: '{wanted}'`, as the guide does."),
            );
        }
        return;
    }
    let bearer = mine
        .scopes
        .as_ref()
        .is_some_and(|s| s.iter().any(|s| s == BEARER_AUTHZ_SCOPE));
    if mode == EXPLICIT_CONSENT && !bearer {
        let offline = mine.scopes.as_ref().and_then(|s| {
            s.iter()
                .find(|s| SCOPES_FORCING_CONSENT.contains(&s.as_str()))
        });
        findings.at(
            Rule::ConsentEveryLogin,
            &place(mine, at),
            format!(
                "The consent mode is {shown}: Authelia will ask the user to consent to this \
                 application at every login{}.",
                if written == EXPLICIT_CONSENT && mine.consent_duration {
                    ", and `pre_configured_consent_duration` has no effect in this mode"
                } else {
                    ""
                }
            ),
            format!(
                "{}o be asked once and remembered, add `pre_configured_consent_duration: '1 \
                 week'`{} (the mode is then 'pre-configured'). 'implicit' never asks, but \
                 Authelia discourages it.{}",
                if written == EXPLICIT_CONSENT {
                    "If asking every time is not what you chose 'explicit' for: t"
                } else {
                    "T"
                },
                if written.is_empty() || written == DEFAULT_CONSENT_MODE {
                    String::new()
                } else {
                    " and set `consent_mode: 'pre-configured'`".to_owned()
                },
                match offline {
                    Some(scope) => format!(
                        " Authelia still asks whenever the application requests \
                         `{scope}`, so remove it from `scopes` if the application does not \
                         use refresh tokens."
                    ),
                    None => String::new(),
                }
            ),
        );
    }
}
