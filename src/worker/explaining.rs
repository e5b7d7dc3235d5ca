//! "Why did my login fail?" in the checking lane: the reader's paste explained by the
//! troubleshooter (`authelia_check::troubleshoot`), with the configuration pasted in
//! "Check my configuration" and the reader's values, and the explanation written as the
//! list the page already shows for a check ([`Reply::Findings`]), so the page brings no
//! reader or renderer of its own for it: what happened, the cause and the fix first
//! (under the message's id), then each key to change at its line, each registered
//! redirect URI that differs from the one sent, what to look for in a log, and the notes.
//!
//! The troubleshooter's code lives only in this worker; the paste, which may hold
//! secrets and tokens, is neither kept nor logged here.

use authelia_check::troubleshoot::{
    self, Change, Context, Evidence, Explanation, Outcome, RedirectEntry,
};

use crate::finding_text::{place, words};
use crate::protocol::{Finding, Reply};

/// The explanation of `pasted` for the page. `guide_block` is the guide's client block
/// with the reader's values, which gives the client id and, once the reader set their
/// domain (`authelia_url` is then given), the application's address. Until then both
/// addresses are the guide's example, which the explanation must not hold up as the
/// reader's.
pub fn explain(
    pasted: &str,
    configuration: &str,
    guide_block: &str,
    authelia_url: Option<&str>,
) -> Reply {
    let client_id = authelia_check::guide_block::client_id_of(guide_block);
    let application_url = authelia_url
        .map(|_| application_url_of(guide_block))
        .unwrap_or_default();
    let explanation = troubleshoot::explain(
        pasted,
        &Context {
            configuration,
            client_id: &client_id,
            authelia_url: authelia_url.unwrap_or_default(),
            application_url: &application_url,
        },
    );
    listed(&explanation)
}

/// The application's address as the guide's block holds it with the reader's values: its
/// first redirect URI, the address the application's callback is at (the troubleshooter
/// compares it by its scheme, host and port when the message names no redirect URI).
/// Empty when the block has none.
pub fn application_url_of(guide_block: &str) -> String {
    let mut lines = guide_block
        .lines()
        .map(str::trim)
        .skip_while(|line| !line.starts_with("redirect_uris:"));
    let Some(key) = lines.next() else {
        return String::new();
    };
    // `redirect_uris: ['…']` on one line, or a list below the key.
    let first = match key.strip_prefix("redirect_uris:").map(str::trim) {
        Some(flow) if flow.starts_with('[') => flow.trim_start_matches('[').split(',').next(),
        _ => lines.next().and_then(|item| item.strip_prefix("- ")),
    };
    first
        .map(|uri| {
            uri.trim()
                .trim_end_matches(']')
                .trim()
                .trim_matches(['\'', '"'])
        })
        .unwrap_or_default()
        .to_owned()
}

/// The explanation as the page's list: the summary sentence, then its parts.
fn listed(explanation: &Explanation) -> Reply {
    let summary = match explanation.outcome {
        Outcome::Recognised => match &explanation.wording {
            Some(wording) => format!("Recognised: {}. {wording}.", explanation.title),
            None => format!("Recognised: {}.", explanation.title),
        },
        Outcome::NotRecognised => "Not recognised: this page does not know this message.".into(),
        Outcome::Refused => format!("Refused: {}.", explanation.title),
    };
    let rule = match explanation.outcome {
        Outcome::Recognised => explanation.id.clone().unwrap_or_default(),
        Outcome::NotRecognised => "not-recognised".into(),
        Outcome::Refused => "refused".into(),
    };
    let mut parts = vec![Finding::new(
        rule,
        String::new(),
        words(
            &format!("{} Cause: {}", explanation.happened, explanation.cause),
            &explanation.fix,
        ),
    )];
    parts.extend(explanation.changes.iter().map(change));
    if let Some(redirect) = explanation.redirect.as_ref().filter(|r| r.from_message) {
        parts.extend(redirect.entries.iter().filter_map(entry));
    }
    if explanation.evidence == Evidence::Log
        && let Some(look_for) = &explanation.look_for
    {
        parts.push(note(&format!(
            "Your configuration cannot tell the cause; look in a log: {look_for}"
        )));
    }
    parts.extend(explanation.notes.iter().map(|n| note(n)));
    Reply::Findings {
        summary,
        findings: parts.into(),
    }
}

/// A key to change, at its line in the pasted configuration.
fn change(change: &Change) -> Finding {
    let fix = if change.to.is_empty() {
        format!("Remove `{}`.", change.key)
    } else {
        format!("Set `{}: {}`.", change.key, change.to)
    };
    Finding::new(
        String::new(),
        placed(change.line),
        words(&change.sentence, &fix),
    )
}

/// A registered redirect URI that differs from the one sent, naming the part; `None`
/// for one that is the same.
fn entry(entry: &RedirectEntry) -> Option<Finding> {
    let difference = entry.difference.as_ref()?;
    let value = |part: &str| {
        if part.is_empty() {
            "none".to_owned()
        } else {
            format!("`{part}`")
        }
    };
    Some(Finding::new(
        String::new(),
        placed(entry.line),
        words(
            &format!(
                "Registered `{}`: its {} differs from the address sent, {} against {}.",
                entry.uri,
                difference.part.name(),
                value(&difference.registered),
                value(&difference.sent),
            ),
            "",
        ),
    ))
}

/// A part that is no fault: words only.
fn note(text: &str) -> Finding {
    Finding::new(String::new(), String::new(), words(text, ""))
}

/// A line of the pasted configuration as a part's place; none when not known.
fn placed(line: Option<u32>) -> String {
    line.map(|line| place(line, None)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The project's root, where tests/fixtures/ lives.
    const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"));

    /// A troubleshooter fixture without its header: the paste.
    fn paste(name: &str) -> String {
        let path = format!("{ROOT}/tests/fixtures/troubleshoot/{name}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let lines: Vec<&str> = text.lines().skip_while(|l| l.starts_with('#')).collect();
        lines.join("\n")
    }

    fn homelab() -> String {
        let path = format!("{ROOT}/tests/fixtures/troubleshoot/configuration/homelab.yml");
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    const MATOMO_BLOCK: &str = "identity_providers:\n  oidc:\n    clients:\n      - client_id: 'matomo'\n        redirect_uris:\n          - 'https://matomo.example.com/index.php?module=LoginOIDC&action=callback&provider=oidc'\n";

    #[test]
    fn an_auth_method_mismatch_names_the_key_its_line_and_the_fix() {
        let Reply::Findings { summary, findings } = explain(
            &paste("auth-method-mismatch.log.4-39.txt"),
            &homelab(),
            MATOMO_BLOCK,
            Some("https://auth.example.com/"),
        ) else {
            panic!("not a list");
        };
        let findings = findings.findings();
        assert!(summary.starts_with("Recognised: "), "{summary}");
        let [head, rest @ ..] = findings.as_slice() else {
            panic!("no parts");
        };
        assert_eq!(head.rule(), "auth-method-mismatch");
        assert_eq!(head.place(), "");
        assert!(head.problem().contains(" Cause: "), "{head:?}");
        assert!(!head.fix().is_empty(), "{head:?}");
        let change = rest
            .iter()
            .find(|p| p.fix().starts_with("Set token_endpoint_auth_method: "))
            .unwrap_or_else(|| panic!("no change of the auth method: {rest:#?}"));
        assert_eq!(
            change.fix(),
            "Set token_endpoint_auth_method: client_secret_post."
        );
        let line = change.line().unwrap_or_default();
        let configuration = homelab();
        let at = configuration
            .lines()
            .nth(usize::try_from(line).unwrap_or(1) - 1);
        assert!(
            at.is_some_and(|l| l.contains("token_endpoint_auth_method: 'client_secret_basic'")),
            "line {line} is {at:?}"
        );
        assert!(
            change.problem().contains("client_secret_post"),
            "{change:?}"
        );
    }

    #[test]
    fn a_redirect_uri_mismatch_lists_each_registered_address_and_the_part_that_differs() {
        let Reply::Findings { findings, .. } = explain(
            &paste("redirect-uri-mismatch.log.4-39.txt"),
            &homelab(),
            MATOMO_BLOCK,
            Some("https://auth.example.com/"),
        ) else {
            panic!("not a list");
        };
        let findings = findings.findings();
        assert_eq!(
            findings.first().map(|f| f.rule()),
            Some("redirect-uri-mismatch")
        );
        let entries: Vec<(Option<u32>, String)> = findings
            .iter()
            .filter(|f| f.problem().starts_with("Registered "))
            .map(|f| (f.line(), f.problem()))
            .collect();
        let registered = |uri: &str| {
            format!(
                "Registered {uri}: its scheme differs from the address sent, https against http."
            )
        };
        assert_eq!(
            entries,
            vec![
                (
                    Some(22),
                    registered(
                        "https://matomo.example.com/index.php?module=LoginOIDC&action=callback&provider=oidc"
                    )
                ),
                (
                    Some(23),
                    registered(
                        "https://matomo.example.com:8443/index.php?module=LoginOIDC&action=callback&provider=oidc"
                    )
                ),
            ]
        );
        let add = findings
            .iter()
            .find(|f| f.fix().starts_with("Set redirect_uris: "))
            .unwrap_or_else(|| panic!("no change of redirect_uris: {findings:#?}"));
        assert_eq!(add.line(), Some(21));
        assert!(
            add.fix().contains("'http://matomo.example.com/index.php?"),
            "{add:?}"
        );
    }

    #[test]
    fn a_message_it_does_not_know_is_said_to_be_not_recognised_with_what_was_found() {
        let Reply::Findings { summary, findings } = explain(
            "level=error msg=\"something odd\" error=weird_thing path=/api/oidc/token",
            "",
            MATOMO_BLOCK,
            None,
        ) else {
            panic!("not a list");
        };
        let findings = findings.findings();
        assert_eq!(
            summary,
            "Not recognised: this page does not know this message."
        );
        let head = findings.first().unwrap_or_else(|| panic!("no parts"));
        assert_eq!(head.rule(), "not-recognised");
        assert!(
            head.problem()
                .starts_with("This page does not know this message."),
            "{head:?}"
        );
    }

    #[test]
    fn a_paste_over_the_line_cap_is_refused_naming_the_limit() {
        let pasted = "x\n".repeat(troubleshoot::MAX_TROUBLESHOOT_LINES + 1);
        let Reply::Findings { summary, findings } = explain(&pasted, "", "", None) else {
            panic!("not a list");
        };
        let findings = findings.findings();
        assert!(summary.starts_with("Refused: "), "{summary}");
        let head = findings.first().unwrap_or_else(|| panic!("no parts"));
        assert_eq!(head.rule(), "refused");
        assert!(
            head.problem().contains("MAX_TROUBLESHOOT_LINES"),
            "{head:?}"
        );
    }

    /// Every word of an explanation's list, for searching.
    fn all_text(reply: &Reply) -> String {
        let Reply::Findings { summary, findings } = reply else {
            panic!("not a list: {reply:?}");
        };
        let findings = findings.findings();
        let runs = findings.iter().flat_map(|f| f.runs().iter().cloned());
        std::iter::once(summary.clone())
            .chain(runs)
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn before_the_reader_sets_their_domain_no_example_address_is_held_up_as_theirs() {
        // A reader at home.arpa whose page still shows the guide's example.com: the
        // application sent its callback over http.
        let pasted =
            paste("redirect-uri-mismatch.log.4-39.txt").replace("example.com", "home.arpa");
        let unset = all_text(&explain(&pasted, "", MATOMO_BLOCK, None));
        assert!(unset.starts_with("Recognised: "), "{unset}");
        assert!(!unset.contains("example.com"), "{unset}");
        // Once the values are the reader's, the application's address is compared with
        // the one sent: the same block then names it.
        let set = all_text(&explain(
            &pasted,
            "",
            MATOMO_BLOCK,
            Some("https://auth.example.com/"),
        ));
        assert!(
            set.contains(
                "It does not start like your application's address \nhttps://matomo.example.com/"
            ),
            "{set}"
        );
    }

    #[test]
    fn the_application_s_address_is_the_block_s_first_redirect_uri() {
        assert_eq!(
            application_url_of(MATOMO_BLOCK),
            "https://matomo.example.com/index.php?module=LoginOIDC&action=callback&provider=oidc"
        );
        assert_eq!(
            application_url_of(
                "- client_id: 'a'\n  redirect_uris: ['https://a.example/cb', 'https://b.example/cb']\n"
            ),
            "https://a.example/cb"
        );
        assert_eq!(
            application_url_of(
                "- client_id: 'a'\n  redirect_uris:\n    - \"https://c.example/\"\n"
            ),
            "https://c.example/"
        );
        assert_eq!(application_url_of("- client_id: 'a'\n"), "");
        assert_eq!(application_url_of("redirect_uris:"), "");
    }
}
