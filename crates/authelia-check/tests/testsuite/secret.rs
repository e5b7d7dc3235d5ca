//! Whether the pasted digest is of the reader's secret ([`configuration::check_secret`]):
//! the fixtures checked against a secret, each with the exact (rule id, line) it gives,
//! and the words a reader acts on.

use authelia_check::configuration::{self, Expected, Finding, GuideFacts, check_secret};
use guide_engine::variables::REFERENCE_SECRET;
use guide_secrets::WorkLimits;

use crate::configuration::{Expectation, fixture, matomo_block};

/// The finding `name`'s paste gives against `secret`, with the page's limits.
fn checked(name: &str, secret: &str) -> Option<Finding> {
    let block = matomo_block();
    let report = configuration::check(
        &fixture(name),
        &Expected {
            client_id: "matomo",
            guide_block: &block,
            authelia_url: None,
            guide: GuideFacts::default(),
        },
    );
    check_secret(&report, secret, &WorkLimits::BROWSER)
}

/// Every fixture checked against a secret, with the (rule id, line) it gives, if any.
/// The digests of tests/fixtures/configuration/ are of `insecure_secret`
/// ([`REFERENCE_SECRET`]), the guide's reference.
pub fn expected_secret_findings() -> Vec<(&'static str, &'static str, Option<Expectation>)> {
    vec![
        ("correct-whole.yml", REFERENCE_SECRET, None),
        (
            "correct-whole.yml",
            "another-secret",
            Some(("digest-not-of-secret", Some(46))),
        ),
        (
            "correct-one-client-indented.yml",
            "another-secret",
            Some(("digest-not-of-secret", Some(3))),
        ),
        // No digest to check: the secret is plaintext (its own finding).
        ("secret-plaintext.yml", "another-secret", None),
        (
            "digest-too-costly.yml",
            REFERENCE_SECRET,
            Some(("digest-not-checked", Some(49))),
        ),
    ]
}

#[test]
fn each_fixture_checked_against_a_secret_gives_exactly_its_listed_finding() {
    let wrong: Vec<String> = expected_secret_findings()
        .into_iter()
        .filter_map(|(name, secret, want)| {
            let found = checked(name, secret).map(|f| (f.rule.id(), f.line));
            (found != want)
                .then(|| format!("{name} with {secret:?}: expected {want:?}, found {found:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn another_secret_s_digest_says_authelia_refuses_the_application_and_how_to_agree() {
    let finding = checked("correct-whole.yml", "another-secret");
    let words = finding
        .map(|f| format!("{} {}", f.problem, f.fix))
        .unwrap_or_default();
    for wanted in [
        "of another secret",
        "invalid_client",
        "`client_secret`",
        "plaintext",
    ] {
        assert!(words.contains(wanted), "{wanted:?} not in {words:?}");
    }
}

#[test]
fn a_digest_over_the_page_s_limits_names_the_limit_and_where_to_check_it() {
    let finding = checked("digest-too-costly.yml", REFERENCE_SECRET);
    let words = finding
        .map(|f| format!("{} {}", f.problem, f.fix))
        .unwrap_or_default();
    for wanted in [
        "could not be checked",
        "60000000",
        "50000000",
        "authelia crypto hash validate",
    ] {
        assert!(words.contains(wanted), "{wanted:?} not in {words:?}");
    }
}
