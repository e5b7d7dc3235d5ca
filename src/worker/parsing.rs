//! The guide parser's service: a guide's markdown in, its document out; and the
//! provider's keys (`keys`), which wait on WebCrypto. Parsing is pure and tested
//! natively. The parsers and the key generation live only in this worker, started when
//! the reader first needs it, so neither the page nor the hashing worker downloads them.

use super::Work;
use crate::protocol::{Reply, Request};

/// The work of a parsing request: done at once (the engine's bounds keep every guide
/// fast). Digests are not this worker's to compute.
pub fn start(request: Request) -> Work {
    Work::Done(match request {
        Request::Provider { choice } => {
            return Work::Later(Box::pin(async move {
                match super::provider_keys::generate(choice).await {
                    Ok(block) => Reply::Provider(block),
                    Err(reason) => Reply::Failed(reason),
                }
            }));
        }
        Request::Check {
            pasted,
            guide_block,
            secret,
        } => check(&pasted, &guide_block, &secret),
        Request::Parse { source } => match guide_engine::parse(&source) {
            Ok(document) => Reply::Guide(Box::new(document)),
            Err(err) => Reply::Failed(err.to_string()),
        },
        Request::Hash { .. } | Request::Verify { .. } => {
            Reply::Failed("the guide parser does not compute digests".into())
        }
    })
}

/// A pasted configuration checked against the open guide, each finding written as the
/// page shows it: its place, what is wrong, the fix. When the page holds a secret and
/// the client's digest is one Authelia reads, whether the two belong together, as
/// Authelia would decide (`guide_secrets::verify`, within its browser limits).
fn check(pasted: &str, guide_block: &str, secret: &str) -> Reply {
    use authelia_check::configuration::{self, Expected, GuideFacts};
    // The client id as the `authelia-check` command reads it too: from the filled-in block.
    let report = configuration::check(
        pasted,
        &Expected {
            client_id: &authelia_check::guide_block::client_id_of(guide_block),
            guide_block,
            // The page does not send these yet: the reader's Authelia address, and the
            // guide's facts (`GuideFacts::of` its document). Without them the rules that
            // need them stay silent.
            authelia_url: None,
            guide: GuideFacts::default(),
        },
    );
    let mut lines: Vec<String> = report.findings.iter().map(written).collect();
    if let Some((digest, line)) = report.digest.filter(|_| !secret.is_empty()) {
        let place = line.map(|l| format!("Line {l}: ")).unwrap_or_default();
        match guide_secrets::verify(&digest, secret) {
            Ok(verdict) if verdict.matches => {}
            Ok(_) => lines.push(format!(
                "{place}the client_secret digest does not belong to the client secret on this page. Fix: put this page's digest in Authelia and this page's secret in the application, so the two agree."
            )),
            Err(err) => lines.push(format!(
                "{place}the client_secret digest could not be checked against this page's secret: {err}"
            )),
        }
    }
    let summary = match lines.len() {
        0 => format!("Checked {}: no finding.", report.scope),
        1 => format!("Checked {}: 1 finding.", report.scope),
        n => format!("Checked {}: {n} findings.", report.scope),
    };
    Reply::Findings { summary, lines }
}

/// One finding in words, its rule's id last: "Line 12: … Fix: … [auth-method-differs]".
/// Last, so a line still starts with its place.
fn written(finding: &authelia_check::configuration::Finding) -> String {
    let place = match (finding.line, finding.column) {
        (Some(line), Some(column)) => format!("Line {line}, column {column}: "),
        (Some(line), None) => format!("Line {line}: "),
        (None, _) => String::new(),
    };
    format!(
        "{place}{} Fix: {} [{}]",
        finding.problem, finding.fix, finding.rule
    )
}

/// Nothing to warm: a guide parses in milliseconds, and the parser starts only when the
/// reader opens one.
pub fn warm_up() {}

/// Nothing warmed, so nothing to let settle: the parser says ready at once.
pub const SETTLE_MS: i32 = 0;

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(request: Request) -> Reply {
        start(request).finish()
    }

    #[test]
    fn the_default_site_s_matomo_guide_parses_into_the_page_s_model() {
        let source = include_str!("../../guides/matomo.md");
        let Reply::Guide(document) = answer(Request::Parse {
            source: source.into(),
        }) else {
            panic!("the default site's Matomo guide did not parse");
        };
        assert_eq!(Ok(*document), guide_engine::parse(source));
    }

    #[test]
    fn broken_front_matter_fails_with_its_line() {
        let Reply::Failed(reason) = answer(Request::Parse {
            source: "---\ntitle: [\n---\nbody".into(),
        }) else {
            panic!("accepted");
        };
        assert!(reason.contains("line"), "{reason}");
    }

    #[test]
    fn keys_natively_say_they_need_the_browser_s_webcrypto() {
        let Reply::Failed(reason) = answer(Request::Provider {
            choice: crate::provider_block::KeyChoice::Rsa2048,
        }) else {
            panic!("keys made without WebCrypto");
        };
        assert!(reason.contains("WebCrypto"), "{reason}");
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
        let secret_line = 1 + pasted
            .lines()
            .position(|l| l.contains("client_secret"))
            .expect("client_secret");
        let Reply::Findings { summary, lines } = answer(Request::Check {
            pasted: pasted.to_owned(),
            guide_block: guide_block.clone(),
            secret: "right".into(),
        }) else {
            panic!("no findings");
        };
        // A copy of the guide's own block, with the page's secret's digest: no finding.
        assert_eq!(lines, Vec::<String>::new(), "{summary}");
        assert!(summary.contains("no finding"), "{summary}");
        // 'auto' written without a duration asks at every login: the one finding.
        let auto = format!("{}\n        consent_mode: 'auto'\n", pasted.trim_end());
        let Reply::Findings { summary, lines } = answer(Request::Check {
            pasted: auto,
            guide_block: guide_block.clone(),
            secret: "right".into(),
        }) else {
            panic!("no findings");
        };
        assert_eq!(lines.len(), 1, "{summary}: {lines:?}");
        assert!(lines[0].ends_with(" [consent-every-login]"), "{lines:?}");
        assert!(summary.contains("1 finding"), "{summary}");
        let Reply::Findings { lines, .. } = answer(Request::Check {
            pasted: pasted.to_owned(),
            guide_block: guide_block.clone(),
            secret: "wrong".into(),
        }) else {
            panic!("no findings");
        };
        assert_eq!(lines.len(), 1, "{lines:?}");
        let expected = format!("Line {secret_line}: the client_secret digest does not belong");
        assert!(lines[0].starts_with(&expected), "{lines:?}");
    }

    #[test]
    fn a_finding_is_written_with_its_place_first_and_its_rule_s_id_last() {
        let Reply::Findings { lines, .. } = answer(Request::Check {
            pasted: "- client_id: 'app'\n  public: true\n  redirect_uris: ['https://a.example/cb']\n  client_secret: 'x'\n  require_pkce: true\n  pre_configured_consent_duration: '1 week'\n".into(),
            guide_block: "- client_id: 'app'\n  public: true\n  redirect_uris: ['https://a.example/cb']\n  require_pkce: true\n".into(),
            secret: String::new(),
        }) else {
            panic!("no findings");
        };
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].starts_with("Line 4: "), "{lines:?}");
        assert!(lines[0].ends_with(" [public-with-secret]"), "{lines:?}");
    }

    #[test]
    fn a_hash_is_not_the_parser_s_to_compute() {
        assert!(matches!(
            answer(Request::Hash {
                algorithm: "argon2id".into(),
                plaintext: "x".into()
            }),
            Reply::Failed(_)
        ));
    }
}
