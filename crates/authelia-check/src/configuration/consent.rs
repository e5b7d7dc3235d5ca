//! The client's consent: whether Authelia will ask the user to consent at every login.
//!
//! A client that sets no `consent_mode` is `auto`, which Authelia makes `explicit` unless
//! `pre_configured_consent_duration` is set: the user is then asked to consent at every
//! login, the most common complaint about Authelia's OpenID Connect provider. Authelia's
//! guides write no consent setting, so that default is the guide's own behaviour and is not
//! reported here (the troubleshooter explains the consent screen when it is pasted). What is
//! reported: a mode Authelia does not know, a mode other than the guide's, and a setting that
//! cannot do what it was written for ('auto' without a duration, a duration that 'explicit'
//! ignores, remembered consent that `offline_access` asks again).

use super::authelia::{
    BEARER_AUTHZ_SCOPE, CONSENT_MODES, DEFAULT_CONSENT_MODE, EXPLICIT_CONSENT,
    PRE_CONFIGURED_CONSENT, SCOPES_FORCING_CONSENT, effective_consent_mode,
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
    let offline = mine.scopes.as_ref().and_then(|s| {
        s.iter()
            .find(|s| SCOPES_FORCING_CONSENT.contains(&s.as_str()))
    });
    // A client that writes no consent setting, like the guide's block, gets Authelia's
    // default on purpose: that is the guide's own behaviour, not a fault, and the
    // troubleshooter explains the consent screen when the reader pastes it. Only a
    // setting that cannot do what it was written for is reported: 'auto' written without
    // a duration, a duration that 'explicit' ignores, or remembered consent that a scope
    // forces to be asked again.
    let message = if mode == EXPLICIT_CONSENT && !bearer {
        // No setting, or 'explicit' alone: asking every time is what was written.
        if !mine.consent_duration && (written.is_empty() || written == EXPLICIT_CONSENT) {
            return;
        }
        format!(
            "The consent mode is {shown}: Authelia will ask the user to consent to this \
             application at every login{}.",
            if written == EXPLICIT_CONSENT {
                ", and `pre_configured_consent_duration` has no effect in this mode"
            } else {
                ""
            }
        )
    } else if let (Some(scope), true) = (offline, mode == PRE_CONFIGURED_CONSENT) {
        format!(
            "The consent mode is {shown}, but the client's `scopes` hold `{scope}`: Authelia \
             asks the user's consent again whenever the application requests it, so the \
             consent is not remembered."
        )
    } else {
        return;
    };
    let remember = if mode == PRE_CONFIGURED_CONSENT {
        String::new()
    } else {
        format!(
            "To be asked once and remembered, add `pre_configured_consent_duration: '1 \
             week'`{} (the mode is then 'pre-configured'). 'implicit' never asks, but \
             Authelia discourages it.",
            if written.is_empty() || written == DEFAULT_CONSENT_MODE {
                String::new()
            } else {
                " and set `consent_mode: 'pre-configured'`".to_owned()
            }
        )
    };
    let drop_scope = match offline {
        Some(scope) => format!(
            "{}Authelia asks whenever the application requests `{scope}`, so remove it \
             from `scopes` if the application does not use refresh tokens.",
            if remember.is_empty() { "" } else { " " }
        ),
        None => String::new(),
    };
    findings.at(
        Rule::ConsentEveryLogin,
        &place(mine, at),
        message,
        format!("{remember}{drop_scope}"),
    );
}
