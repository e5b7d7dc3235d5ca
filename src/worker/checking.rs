//! The configuration checker's service (the `checker` binary): a pasted configuration
//! checked against the open guide (`authelia_check::configuration`), read for the values
//! the guide asks for ("Fill in from my configuration", `authelia_check::proposal`), and
//! a failed sign-in explained with it (`super::explaining`, `authelia_check::troubleshoot`). The
//! checker, the troubleshooter and the digest verification a check does live only in
//! this worker, started when the reader opens "Check my configuration" or "Why did my
//! login fail?": the guide parser's worker does not carry them, so neither waits for
//! the other's download. Pure, and tested natively.

use super::Work;

use crate::finding_text;
use crate::protocol::{Finding, Reply, Request};

/// The work of a checking request: done at once (the checker's and the troubleshooter's
/// bounds keep every paste within their budgets). Guides, keys and digests are the other
/// workers'.
pub fn start(request: Request) -> Work {
    Work::Done(match request {
        Request::Check {
            pasted,
            guide_block,
            secret,
            authelia_url,
            id_token_claims,
        } => check(
            &pasted,
            &guide_block,
            &secret,
            authelia_url.as_deref(),
            id_token_claims.as_deref(),
        ),
        Request::Explain {
            pasted,
            configuration,
            guide_block,
            authelia_url,
        } => super::explaining::explain(
            &pasted,
            &configuration,
            &guide_block,
            authelia_url.as_deref(),
        ),
        Request::Propose {
            pasted,
            guide_block,
            application_url,
            variables,
        } => propose(&pasted, &guide_block, &application_url, &variables),
        Request::Parse { .. } | Request::Provider { .. } => {
            Reply::Failed("the configuration checker does not read guides or make keys".into())
        }
        Request::Hash { .. } | Request::Verify { .. } => {
            Reply::Failed("the configuration checker does not compute digests".into())
        }
    })
}

/// A pasted configuration checked against the open guide, each finding with its rule's
/// id for the page to show. When the page holds a secret and the client's digest is one
/// Authelia reads, whether the two belong together, as Authelia would decide
/// (`configuration::check_secret`, within the browser's work limits), a finding at the
/// digest's line. `authelia_url` and `id_token_claims` are what the page knows beyond
/// the block (`Request::Check`): the rules that need them stay silent without them.
fn check(
    pasted: &str,
    guide_block: &str,
    secret: &str,
    authelia_url: Option<&str>,
    id_token_claims: Option<&str>,
) -> Reply {
    use authelia_check::configuration::{self, Expected, GuideFacts, Rule};
    // The client id as the `authelia-check` command reads it too: from the filled-in block.
    let report = configuration::check(
        pasted,
        &Expected {
            client_id: &authelia_check::guide_block::client_id_of(guide_block),
            guide_block,
            authelia_url,
            // `GuideFacts::of` the document, from what the page worked out when it parsed it.
            guide: GuideFacts {
                needs_id_token_claims: id_token_claims.is_some(),
                id_token_claims: id_token_claims.unwrap_or_default(),
            },
        },
    );
    let mut findings: Vec<Finding> = report.findings.iter().map(shown).collect();
    if let Some(digest) =
        configuration::check_secret(&report, secret, &guide_secrets::WorkLimits::BROWSER)
    {
        // In the order of the paste, before the line that counts the findings left out.
        let at = report
            .findings
            .iter()
            .position(|f| f.rule == Rule::TooManyFindings || f.line > digest.line)
            .unwrap_or(findings.len());
        findings.insert(at, shown(&digest));
    }
    let summary = match findings.len() {
        0 => format!("Checked {}: no finding.", report.scope),
        1 => format!("Checked {}: 1 finding.", report.scope),
        n => format!("Checked {}: {n} findings.", report.scope),
    };
    Reply::Findings {
        summary,
        findings: findings.into(),
    }
}

/// The values a pasted configuration gives the open guide, as the page lists them: each
/// under its variable's name, at its line, in words with its field's label (a value the
/// field would refuse with the field's reason, and not among the values to apply); then
/// the notes. The summary says nothing changes until the reader applies them.
fn propose(pasted: &str, guide_block: &str, application_url: &str, variables: &[String]) -> Reply {
    let proposals = authelia_check::proposal::propose(
        pasted,
        &authelia_check::proposal::Guide {
            guide_block,
            application_url,
            variables,
        },
    );
    let mut findings = Vec::new();
    let mut values = Vec::new();
    for proposal in &proposals.proposals {
        let label = guide_engine::variables::describe(&proposal.variable, None).label;
        let (problem, fix) = match &proposal.refused {
            None => {
                values.extend([proposal.variable.clone(), proposal.value.clone()]);
                (format!("{label}: `{}`", proposal.value), String::new())
            }
            Some(reason) => (
                format!("{label}: `{}` is not proposed: {reason}", proposal.value),
                format!("Correct it in the configuration, or type the {label} yourself."),
            ),
        };
        findings.push(Finding::new(
            proposal.variable.clone(),
            proposal
                .line
                .map(|line| finding_text::place(line, None))
                .unwrap_or_default(),
            finding_text::words(&problem, &fix),
        ));
    }
    findings.extend(
        proposals
            .notes
            .iter()
            .map(|note| Finding::new(String::new(), String::new(), finding_text::words(note, ""))),
    );
    let summary = match values.len() / 2 {
        0 => "Found no value to fill in.".to_owned(),
        1 => "Found 1 value: nothing changes until you press Apply.".to_owned(),
        n => format!("Found {n} values: nothing changes until you press Apply."),
    };
    Reply::Proposals {
        summary,
        findings: findings.into(),
        values,
    }
}

/// A finding as the page shows it: its rule as the rule's id, its words split into text
/// and code.
fn shown(finding: &authelia_check::configuration::Finding) -> Finding {
    Finding::new(
        finding.rule.id().to_owned(),
        finding
            .line
            .map(|line| finding_text::place(line, finding.column))
            .unwrap_or_default(),
        finding_text::words(&finding.problem, &finding.fix),
    )
}

/// Nothing to warm: a check of an ordinary configuration takes milliseconds, and the
/// checker starts only when the reader opens one of its sections.
pub fn warm_up() {}

/// Nothing warmed, so nothing to let settle: the checker says ready at once.
pub const SETTLE_MS: i32 = 0;

#[cfg(test)]
mod tests {

    use super::*;

    fn answer(request: Request) -> Reply {
        start(request).finish()
    }

    /// Each finding's rule and line, in order: what the tests compare whole.
    fn rules_and_lines(findings: &[Finding]) -> Vec<(&str, Option<u32>)> {
        findings.iter().map(|f| (f.rule(), f.line())).collect()
    }

    #[test]
    fn a_check_names_its_findings_lines_and_whether_the_digest_is_the_page_s() {
        let guide = include_str!("../../guides/matomo.md");
        let document = guide_engine::parse(guide).expect("parses");
        let block = document.authelia_block().expect("Authelia's block");
        let values = guide_engine::Values::for_document(&document);
        let digest = guide_secrets::hash(
            "right",
            &guide_secrets::Params::default_for(guide_secrets::Algorithm::Pbkdf2Sha256),
        )
        .expect("hashes");
        let guide_block = guide_engine::resolve_all(block, &values, &digest);
        // The clients part: no provider in it to find wanting.
        let pasted = &guide_block[guide_block.find("    clients:").expect("clients")..];
        let secret_line = pasted
            .lines()
            .position(|l| l.contains("client_secret"))
            .and_then(|at| u32::try_from(at + 1).ok())
            .expect("client_secret");
        let Reply::Findings { summary, findings } = answer(Request::Check {
            pasted: pasted.to_owned(),
            guide_block: guide_block.clone(),
            secret: "right".into(),
            authelia_url: None,
            id_token_claims: None,
        }) else {
            panic!("no findings");
        };
        let findings = findings.findings();
        // A copy of the guide's own block, with the page's secret's digest: no finding.
        assert_eq!(findings, Vec::<Finding>::new(), "{summary}");
        assert!(summary.contains("no finding"), "{summary}");
        // 'auto' written without a duration asks at every login: the one finding.
        let auto = format!("{}\n        consent_mode: 'auto'\n", pasted.trim_end());
        let Reply::Findings { summary, findings } = answer(Request::Check {
            pasted: auto,
            guide_block: guide_block.clone(),
            secret: "right".into(),
            authelia_url: None,
            id_token_claims: None,
        }) else {
            panic!("no findings");
        };
        let findings = findings.findings();
        let rules: Vec<&str> = findings.iter().map(|f| f.rule()).collect();
        assert_eq!(rules, vec!["consent-every-login"], "{summary}");
        assert!(summary.contains("1 finding"), "{summary}");
        let Reply::Findings { summary, findings } = answer(Request::Check {
            pasted: pasted.to_owned(),
            guide_block: guide_block.clone(),
            secret: "wrong".into(),
            authelia_url: None,
            id_token_claims: None,
        }) else {
            panic!("no findings");
        };
        let findings = findings.findings();
        assert_eq!(summary, "Checked the clients list: 1 finding.");
        let found = rules_and_lines(&findings);
        assert_eq!(
            found,
            vec![("digest-not-of-secret", Some(secret_line))],
            "{findings:?}"
        );
    }

    #[test]
    fn the_reader_s_authelia_address_and_the_guide_s_claims_reach_the_checker() {
        let client = "- client_id: 'app'\n  public: true\n  redirect_uris: ['https://a.example/cb']\n  require_pkce: true\n  pre_configured_consent_duration: '1 week'\n";
        let findings = |authelia_url: Option<&str>, id_token_claims: Option<&str>| {
            let Reply::Findings { findings, .. } = answer(Request::Check {
                pasted: client.into(),
                guide_block: client.into(),
                secret: String::new(),
                authelia_url: authelia_url.map(str::to_owned),
                id_token_claims: id_token_claims.map(str::to_owned),
            }) else {
                panic!("no findings");
            };
            findings.findings()
        };
        let rules = |authelia_url, id_token_claims| {
            findings(authelia_url, id_token_claims)
                .iter()
                .map(|f| f.rule().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(rules(None, None), Vec::<String>::new());
        assert_eq!(
            rules(Some("http://auth.example.com/"), None),
            vec!["issuer-not-https"]
        );
        assert_eq!(
            rules(None, Some("email groups")),
            vec!["claims-policy-missing"]
        );
        // The claims travel as one text of names: each reaches the fix on its own, and
        // an empty text (the guide names none) still says the ID token needs claims.
        let fix = findings(None, Some("email groups"))
            .first()
            .map(|f| f.fix())
            .unwrap_or_default();
        assert!(fix.contains("id_token: ['email', 'groups']"), "{fix}");
        assert_eq!(rules(None, Some("")), vec!["claims-policy-missing"]);
    }

    #[test]
    fn a_finding_travels_with_its_rule_s_id_its_line_and_its_words() {
        let Reply::Findings { findings, .. } = answer(Request::Check {
            pasted: "- client_id: 'app'\n  public: true\n  redirect_uris: ['https://a.example/cb']\n  client_secret: 'x'\n  require_pkce: true\n  pre_configured_consent_duration: '1 week'\n".into(),
            guide_block: "- client_id: 'app'\n  public: true\n  redirect_uris: ['https://a.example/cb']\n  require_pkce: true\n".into(),
            secret: String::new(),
            authelia_url: None,
            id_token_claims: None,
        }) else {
            panic!("no findings");
        };
        let findings = findings.findings();
        let [finding] = findings.as_slice() else {
            panic!("not one finding: {findings:?}");
        };
        assert_eq!(finding.rule(), "public-with-secret");
        assert_eq!(finding.place(), "Line 4");
        // Code travels as its own runs, without its backticks, in the problem and the fix.
        assert!(finding.code().contains(&"client_secret"), "{finding:?}");
        assert!(finding.code().contains(&"public: false"), "{finding:?}");
        assert!(finding.fix().contains("public: false"), "{finding:?}");
        assert!(!finding.text().contains('`'), "{finding:?}");
        assert!(
            finding.problem().starts_with("This client is public"),
            "{finding:?}"
        );
    }

    #[test]
    fn the_digest_s_finding_takes_its_place_in_the_order_of_the_paste() {
        let digest = guide_engine::variables::REFERENCE_DIGEST;
        // A client whose scopes differ from the guide's below the digest (line 3).
        let pasted = format!(
            "- client_id: 'app'\n  public: false\n  client_secret: '{digest}'\n  redirect_uris: ['https://a.example/cb']\n  scopes: ['openid']\n"
        );
        let guide_block = format!(
            "- client_id: 'app'\n  public: false\n  client_secret: '{digest}'\n  redirect_uris: ['https://a.example/cb']\n  scopes: ['openid', 'email']\n"
        );
        let Reply::Findings { findings, .. } = answer(Request::Check {
            pasted,
            guide_block,
            secret: "not-the-reference-secret".into(),
            authelia_url: None,
            id_token_claims: None,
        }) else {
            panic!("no findings");
        };
        let findings = findings.findings();
        let found = rules_and_lines(&findings);
        assert_eq!(
            found,
            vec![
                ("digest-not-of-secret", Some(3)),
                ("scopes-differ", Some(5))
            ]
        );
    }

    #[test]
    fn a_configuration_s_values_come_with_their_lines_and_never_its_secret() {
        let guide = include_str!("../../guides/matomo.md");
        let document = guide_engine::parse(guide).expect("parses");
        let values = guide_engine::Values::for_document(&document);
        let guide_block =
            authelia_check::guide_block::filled_in(&document, &values).expect("Authelia's block");
        let pasted = "session:\n  cookies:\n    - domain: 'example.org'\n      authelia_url: 'https://login.example.org'\nidentity_providers:\n  oidc:\n    clients:\n      - client_id: 'stats'\n        client_secret: 'kept-to-itself'\n        redirect_uris:\n          - 'https://stats.example.org/index.php?module=LoginOIDC&action=callback&provider=oidc'\n";
        let variables: Vec<String> = document
            .variables()
            .iter()
            .map(|v| v.name.clone())
            .collect();
        let Reply::Proposals {
            summary,
            findings,
            values,
        } = answer(Request::Propose {
            pasted: pasted.into(),
            guide_block,
            application_url: "https://matomo.example.com/".into(),
            variables,
        })
        else {
            panic!("no proposals");
        };
        let findings = findings.findings();
        let found = rules_and_lines(&findings);
        assert_eq!(
            found,
            vec![
                ("domain", Some(3)),
                ("subdomain-authelia", Some(4)),
                ("client-id", Some(8)),
                ("application-url", Some(11)),
            ]
        );
        assert_eq!(
            values,
            [
                "domain",
                "example.org",
                "subdomain-authelia",
                "login",
                "client-id",
                "stats",
                "application-url",
                "https://stats.example.org/"
            ]
        );
        assert_eq!(
            findings.first().map(|f| f.words().to_vec()),
            Some(vec!["Domain: ".to_owned(), "example.org".to_owned()])
        );
        assert_eq!(
            summary,
            "Found 4 values: nothing changes until you press Apply."
        );
        assert!(!format!("{findings:?}{values:?}").contains("kept-to-itself"));
    }

    #[test]
    fn a_value_its_field_refuses_is_listed_with_the_reason_and_never_to_apply() {
        let Reply::Proposals {
            summary,
            findings,
            values,
        } = answer(Request::Propose {
            pasted: "session:\n  cookies:\n    - domain: 'my_site.example'\n".into(),
            guide_block: String::new(),
            application_url: String::new(),
            variables: vec!["domain".into()],
        })
        else {
            panic!("no proposals");
        };
        let findings = findings.findings();
        assert_eq!(values, Vec::<String>::new());
        assert_eq!(summary, "Found no value to fill in.");
        let [refused, ..] = findings.as_slice() else {
            panic!("nothing listed");
        };
        assert_eq!((refused.rule(), refused.line()), ("domain", Some(3)));
        assert!(refused.problem().contains("is not proposed"), "{refused:?}");
        assert!(!refused.fix().is_empty());
    }

    #[test]
    fn a_guide_is_not_the_checker_s_to_read() {
        assert!(matches!(
            answer(Request::Parse {
                source: "# Hi".into()
            }),
            Reply::Failed(_)
        ));
    }
}
