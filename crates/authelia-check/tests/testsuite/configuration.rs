//! "Check my configuration": every fixture of tests/fixtures/configuration/ with the exact
//! list of its findings, as (rule id, line), and every rule given by at least one broken
//! fixture; the words of the findings that matter; correct configurations with none; the
//! bounds; and no panic on any input.

use std::time::{Duration, Instant};

use authelia_check::configuration::locate::{Locator, Step};
use authelia_check::configuration::{
    self, Expected, Finding, GuideFacts, MAX_CONFIGURATION_BYTES, MAX_CONFIGURATION_EXPANDED_BYTES,
    MAX_FINDINGS, MAX_KEY_PEM_BYTES, Report, Rule,
};
use guide_engine::variables::REFERENCE_DIGEST;
use proptest::prelude::*;

use crate::support::linear;
use guide_engine::{self as guide, Block, Values, resolve_all};

/// The project's root, where guides/ and tests/fixtures/ live.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

pub fn fixture(name: &str) -> String {
    let path = format!("{ROOT}/tests/fixtures/configuration/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The Authelia block of the project's Matomo guide, for its default values: what the
/// page passes as [`Expected::guide_block`].
pub fn matomo_block() -> String {
    let path = format!("{ROOT}/guides/matomo.md");
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc = guide::parse(&src).unwrap_or_else(|e| panic!("{path}: {e}"));
    let values = Values::for_document(&doc);
    doc.blocks
        .iter()
        .find_map(|b| match b {
            Block::CodeBlock { segments, .. } => {
                let text = resolve_all(segments, &values, doc.default_digest());
                text.contains("identity_providers:").then_some(text)
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("the Matomo guide has no Authelia block"))
}

fn check(name: &str) -> Report {
    let block = matomo_block();
    configuration::check(
        &fixture(name),
        &Expected {
            client_id: "matomo",
            guide_block: &block,
            ..Expected::default()
        },
    )
}

/// A finding's problem and fix, for matching words in either.
fn words(f: &Finding) -> String {
    format!("{} {}", f.problem, f.fix)
}

/// A fault and where it is: a rule's id and the finding's line.
pub type Expectation = (&'static str, Option<u32>);

/// A report's findings as (rule id, line), in the report's order.
fn rules_and_lines(report: &Report) -> Vec<Expectation> {
    report
        .findings
        .iter()
        .map(|f| (f.rule.id(), f.line))
        .collect()
}

/// Every fixture of tests/fixtures/configuration/ with every finding it gives, exactly:
/// (rule id, line) in the report's order. A correct fixture gives none; a broken one
/// lists the finding it was written for and those its fault brings along (a public
/// client, where the guide's is confidential, also differs from the guide).
pub(crate) fn expected_findings() -> Vec<(&'static str, Vec<Expectation>)> {
    vec![
        ("aliases-too-large.yml", vec![("aliases-too-large", None)]),
        (
            "auth-method-default.yml",
            vec![("auth-method-differs", Some(44))],
        ),
        (
            "auth-method-differs.yml",
            vec![("auth-method-differs", Some(63))],
        ),
        (
            "auth-method-unknown.yml",
            vec![("auth-method-unknown", Some(63))],
        ),
        (
            "claims-policy-undefined.yml",
            vec![("claims-policy-undefined", Some(64))],
        ),
        (
            "client-list-missing.yml",
            vec![("client-list-missing", Some(4))],
        ),
        ("client-missing.yml", vec![("client-missing", Some(43))]),
        ("client-not-a-mapping.yml", vec![("wrong-type", Some(4))]),
        ("client-twice.yml", vec![("client-id-duplicate", Some(64))]),
        ("clients-not-a-list.yml", vec![("wrong-type", Some(36))]),
        (
            "confidential-no-secret.yml",
            vec![("secret-missing", Some(3))],
        ),
        (
            "confidential-none.yml",
            vec![
                ("confidential-auth-none", Some(22)),
                ("auth-method-differs", Some(22)),
            ],
        ),
        (
            "consent-every-login.yml",
            vec![("consent-every-login", Some(12))],
        ),
        (
            "consent-explicit-duration.yml",
            vec![("consent-every-login", Some(12))],
        ),
        (
            "consent-offline-access.yml",
            vec![
                ("consent-every-login", Some(13)),
                ("scopes-differ", Some(19)),
            ],
        ),
        (
            "consent-mode-unknown.yml",
            vec![("consent-mode-unknown", Some(26))],
        ),
        ("correct-consent.yml", vec![]),
        ("correct-consent-default.yml", vec![]),
        ("correct-consent-explicit.yml", vec![]),
        ("correct-digest-single-dollar.yml", vec![]),
        ("correct-ec-p384-p521.yml", vec![]),
        ("correct-identity-providers-part.yml", vec![]),
        ("correct-no-template.yml", vec![]),
        ("correct-one-client-indented.yml", vec![]),
        ("correct-provider-keys.yml", vec![]),
        ("correct-whole.yml", vec![]),
        ("deep-nesting.yml", vec![("too-deep", Some(4))]),
        (
            "digest-double-dollar.yml",
            vec![("digest-double-dollar", Some(9))],
        ),
        (
            "digest-needs-plaintext-hmac.yml",
            vec![("digest-needs-plaintext", Some(8))],
        ),
        // Its finding needs a secret: crate::secret.
        ("digest-too-costly.yml", vec![]),
        ("empty.yml", vec![("empty", None)]),
        (
            "grant-type-unknown.yml",
            vec![
                ("grant-types-differ", Some(18)),
                ("grant-type-unknown", Some(20)),
            ],
        ),
        (
            "grant-types-differ.yml",
            vec![("grant-types-differ", Some(18))],
        ),
        (
            "hmac-secret-short.yml",
            vec![("hmac-secret-short", Some(7))],
        ),
        (
            "identity-providers-not-a-mapping.yml",
            vec![("wrong-type", Some(3))],
        ),
        (
            "issuer-cookie-url-outside-domain.yml",
            vec![("issuer-outside-cookie-domains", Some(9))],
        ),
        ("issuer-not-https.yml", vec![("issuer-not-https", Some(8))]),
        ("jwks-empty.yml", vec![("jwks-missing", Some(6))]),
        (
            "jwks-entry-not-a-mapping.yml",
            vec![("wrong-type", Some(7))],
        ),
        ("jwks-not-a-list.yml", vec![("wrong-type", Some(6))]),
        (
            "jwks-unknown-key.yml",
            vec![("unknown-key", Some(8)), ("unknown-key", Some(9))],
        ),
        (
            "key-algorithm-mismatch.yml",
            vec![
                ("key-algorithm-mismatch", Some(42)),
                ("key-algorithm-mismatch", Some(50)),
            ],
        ),
        (
            "key-algorithm-unknown.yml",
            vec![
                ("rsa-key-missing", Some(10)),
                ("key-algorithm-unknown", Some(12)),
            ],
        ),
        ("key-bad-base64.yml", vec![("key-bad-base64", Some(7))]),
        ("key-certificate.yml", vec![("key-not-private", Some(37))]),
        (
            "key-curve-secp256k1.yml",
            vec![("key-curve-unsupported", Some(37))],
        ),
        ("key-cut-short.yml", vec![("key-malformed", Some(7))]),
        (
            "key-ed25519.yml",
            vec![("key-algorithm-unsupported", Some(37))],
        ),
        ("key-encrypted.yml", vec![("key-encrypted", Some(37))]),
        ("key-id-invalid.yml", vec![("key-id-invalid", Some(6))]),
        ("key-id-too-long.yml", vec![("key-id-too-long", Some(6))]),
        ("key-id-twice.yml", vec![("key-id-duplicate", Some(36))]),
        (
            "key-label-unknown.yml",
            vec![("key-label-unknown", Some(9))],
        ),
        ("key-missing.yml", vec![("key-missing", Some(8))]),
        (
            "key-no-rsa-p384-p521.yml",
            vec![("rsa-key-missing", Some(10))],
        ),
        ("key-no-rsa.yml", vec![("rsa-key-missing", Some(5))]),
        ("key-not-pem.yml", vec![("key-not-pem", Some(7))]),
        ("key-public.yml", vec![("key-not-private", Some(7))]),
        ("key-rsa-1024.yml", vec![("key-too-small", Some(7))]),
        ("key-rsa-enc-only.yml", vec![("rsa-key-missing", Some(10))]),
        (
            "key-several-blocks.yml",
            vec![("key-several-blocks", Some(9))],
        ),
        (
            "key-use-invalid.yml",
            vec![("rsa-key-missing", Some(10)), ("key-use-invalid", Some(12))],
        ),
        (
            "not-a-configuration.yml",
            vec![("not-a-configuration", None)],
        ),
        ("not-a-mapping.yml", vec![("not-a-configuration", None)]),
        ("oidc-missing.yml", vec![("oidc-missing", Some(3))]),
        ("oidc-not-a-mapping.yml", vec![("wrong-type", Some(4))]),
        ("pkce-differs.yml", vec![("pkce-differs", Some(8))]),
        (
            "pkce-method-unknown.yml",
            vec![("pkce-method-unknown", Some(9))],
        ),
        (
            "pkce-method-without-require.yml",
            vec![("require-pkce-ignored", Some(8)), ("pkce-differs", Some(8))],
        ),
        ("policy-differs.yml", vec![("policy-differs", Some(7))]),
        (
            "policy-undefined.yml",
            vec![("policy-undefined", Some(54)), ("policy-differs", Some(54))],
        ),
        (
            "provider-hmac-secret-empty.yml",
            vec![("hmac-secret-missing", Some(5))],
        ),
        (
            "provider-issuer-private-key-beside-jwks.yml",
            vec![("renamed-key", Some(39)), ("renamed-key", Some(59))],
        ),
        (
            "provider-issuer-private-key.yml",
            vec![("renamed-key", Some(5))],
        ),
        (
            "provider-no-hmac-secret.yml",
            vec![("hmac-secret-missing", Some(3))],
        ),
        ("provider-no-jwks.yml", vec![("jwks-missing", Some(3))]),
        (
            "provider-renamed-lifespan.yml",
            vec![("renamed-key", Some(5))],
        ),
        ("provider-unknown-key.yml", vec![("unknown-key", Some(5))]),
        (
            "provider-wrong-types.yml",
            vec![("wrong-type", Some(5)), ("wrong-type", Some(7))],
        ),
        (
            "public-auth-method.yml",
            vec![
                ("public-differs", Some(5)),
                ("public-auth-method", Some(21)),
            ],
        ),
        (
            "public-differs.yml",
            vec![
                ("public-differs", Some(5)),
                ("auth-method-differs", Some(21)),
            ],
        ),
        (
            "public-with-secret.yml",
            vec![
                ("public-with-secret", Some(5)),
                ("public-differs", Some(6)),
                ("auth-method-differs", Some(22)),
            ],
        ),
        (
            "redirect-uri-differs.yml",
            vec![("redirect-uri-differs", Some(51))],
        ),
        (
            "redirect-uri-missing.yml",
            vec![("redirect-uri-missing", Some(44))],
        ),
        (
            "redirect-uri-scheme.yml",
            vec![("redirect-uri-no-scheme", Some(53))],
        ),
        (
            "renamed-client-keys.yml",
            vec![
                ("renamed-key", Some(3)),
                ("renamed-key", Some(4)),
                ("renamed-key", Some(5)),
                ("renamed-key", Some(21)),
                ("renamed-key", Some(23)),
            ],
        ),
        (
            "response-type-unknown.yml",
            vec![
                ("response-types-differ", Some(16)),
                ("response-type-unknown", Some(18)),
            ],
        ),
        (
            "response-mode-unknown.yml",
            vec![("response-mode-unknown", Some(25))],
        ),
        (
            "response-types-differ.yml",
            vec![("response-types-differ", Some(16))],
        ),
        ("scopes-differ.yml", vec![("scopes-differ", Some(12))]),
        (
            "userinfo-alg-differs.yml",
            vec![("userinfo-alg-differs", Some(24))],
        ),
        ("correct-userinfo-alg-default.yml", vec![]),
        (
            "secret-not-a-digest.yml",
            vec![("digest-unreadable", Some(46))],
        ),
        (
            "secret-plaintext-marked.yml",
            vec![("plaintext-secret", Some(46))],
        ),
        ("secret-plaintext.yml", vec![("plaintext-secret", Some(46))]),
        (
            "slow-digest.yml",
            vec![("hmac-secret-missing", Some(3)), ("jwks-missing", Some(3))],
        ),
        (
            "template-not-expanded.yml",
            vec![("template-not-expanded", Some(7))],
        ),
        (
            "too-many-findings.yml",
            // Sixty bare client ids: sixty wrong-type findings and the missing client, of
            // which the first MAX_FINDINGS are listed and the rest counted in one more.
            [
                vec![("wrong-type", Some(4)); MAX_FINDINGS],
                vec![("too-many-findings", None)],
            ]
            .concat(),
        ),
        ("unknown-key-far.yml", vec![("unknown-key", Some(23))]),
        (
            "unknown-key-near-miss.yml",
            vec![("unknown-key", Some(27)), ("unknown-key", Some(28))],
        ),
        ("unknown-key-near.yml", vec![("unknown-key", Some(23))]),
        (
            "wrong-types-client.yml",
            vec![
                ("wrong-type", Some(7)),
                ("wrong-type", Some(9)),
                ("wrong-type", Some(21)),
            ],
        ),
        (
            "wrong-types.yml",
            vec![("wrong-type", Some(6)), ("wrong-type", Some(10))],
        ),
        ("yaml-error.yml", vec![("yaml-error", Some(7))]),
    ]
}

/// What a fixture is checked with beyond the Matomo guide's block at its defaults and no
/// reader's address: the guide's facts, the reader's address, a guide writing more.
#[derive(Clone, Copy, Default)]
struct Given {
    /// Checked with no guide block: the client's own faults only.
    no_guide: bool,
    /// Lines the guide's client has besides the Matomo guide's, as a guide writing them
    /// would (each a `key: value` of the client).
    guide_adds: &'static [&'static str],
    /// The reader's Authelia address.
    authelia_url: Option<&'static str>,
    /// The guide says its application reads its claims from the ID token only, naming
    /// these.
    id_token_claims: Option<&'static [&'static str]>,
}

/// The Matomo block with the client lines `adds` after its `public:` line.
fn matomo_block_with(adds: &[&str]) -> String {
    let block = matomo_block();
    let Some((before, after)) = block.split_once("        public: false\n") else {
        panic!("the Matomo block has its public line")
    };
    let mut out = format!("{before}        public: false\n");
    for add in adds {
        out.push_str(&format!("        {add}\n"));
    }
    out.push_str(after);
    out
}

/// A paste checked as `given` says.
fn check_given(pasted: &str, given: Given) -> Report {
    let block = if given.no_guide {
        String::new()
    } else {
        matomo_block_with(given.guide_adds)
    };
    let claims = given.id_token_claims.unwrap_or_default().join(" ");
    configuration::check(
        pasted,
        &Expected {
            client_id: "matomo",
            guide_block: &block,
            authelia_url: given.authelia_url,
            guide: GuideFacts {
                needs_id_token_claims: given.id_token_claims.is_some(),
                id_token_claims: &claims,
            },
        },
    )
}

/// The claims the tests' guide names for the ID token.
const GUIDE_CLAIMS: &[&str] = &["email", "groups", "preferred_username"];

/// The fixtures checked with more than the Matomo block ([`Given`]), each with every
/// finding it gives, exactly, as in [`expected_findings`].
fn expected_findings_given() -> Vec<(&'static str, Given, Vec<Expectation>)> {
    let claims = Given {
        id_token_claims: Some(GUIDE_CLAIMS),
        ..Given::default()
    };
    let no_guide = Given {
        no_guide: true,
        ..Given::default()
    };
    let implicit = Given {
        guide_adds: &["consent_mode: 'implicit'"],
        ..Given::default()
    };
    let reader = |url| Given {
        authelia_url: Some(url),
        ..Given::default()
    };
    vec![
        (
            "claims-policy-missing.yml",
            claims,
            vec![("claims-policy-missing", Some(40))],
        ),
        ("correct-claims-policy.yml", claims, vec![]),
        (
            "id-token-claims-missing.yml",
            claims,
            vec![("id-token-claims-missing", Some(64))],
        ),
        (
            "consent-mode-differs.yml",
            implicit,
            vec![("consent-mode-differs", Some(26))],
        ),
        ("correct-consent-as-guide.yml", implicit, vec![]),
        (
            "digest-needs-plaintext.yml",
            no_guide,
            vec![("digest-needs-plaintext", Some(9))],
        ),
        ("correct-secret-jwt-plaintext.yml", no_guide, vec![]),
        (
            "public-client-without-pkce.yml",
            no_guide,
            vec![("public-client-without-pkce", Some(8))],
        ),
        ("correct-public-client-pkce.yml", no_guide, vec![]),
        (
            "issuer-reader-http.yml",
            reader("http://auth.example.com"),
            vec![("issuer-not-https", None)],
        ),
        (
            "issuer-outside-cookie-domains.yml",
            reader("https://auth.example.org"),
            vec![("issuer-outside-cookie-domains", Some(7))],
        ),
        (
            "correct-session-cookies.yml",
            reader("https://auth.example.com/"),
            vec![],
        ),
    ]
}

/// The pastes too large to keep as fixtures, made here, with every finding they give.
/// An `hmac_secret` of the length Authelia's documentation recommends, for pastes about
/// something else.
const HMAC_SECRET: &str = "this-is-a-test-hmac-secret-of-sixty-four-characters-0123456789ab";

fn generated_pastes() -> Vec<(&'static str, String, Vec<Expectation>)> {
    // A PEM block of zeros in base64 one byte over the bound, as YAML gives it (the
    // lines unindented).
    let (begin, end) = ("-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----");
    let body = "A".repeat(MAX_KEY_PEM_BYTES + 1 - begin.len() - end.len() - 2);
    let key = format!(
        "hmac_secret: '{HMAC_SECRET}'\njwks:\n  - key: |\n      {begin}\n      {body}\n      {end}\n"
    );
    vec![
        (
            "a paste one byte over MAX_CONFIGURATION_BYTES",
            "#".repeat(MAX_CONFIGURATION_BYTES + 1),
            vec![("too-large", None)],
        ),
        (
            "a jwks key whose PEM block is one byte over MAX_KEY_PEM_BYTES",
            key,
            vec![("client-list-missing", None), ("key-too-long", Some(3))],
        ),
    ]
}

#[test]
fn every_fixture_gives_exactly_its_listed_rules_at_their_lines() {
    let table = expected_findings();
    let dir = format!("{ROOT}/tests/fixtures/configuration");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("{dir}: {e}"))
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    on_disk.sort();
    let given = expected_findings_given();
    let mut listed: Vec<&str> = table
        .iter()
        .map(|(name, _)| *name)
        .chain(given.iter().map(|(name, _, _)| *name))
        .collect();
    listed.sort_unstable();
    assert_eq!(
        on_disk, listed,
        "each fixture is listed once, and only fixtures"
    );
    let wrong: Vec<String> = table
        .iter()
        .map(|(name, want)| (*name, check(name), want))
        .chain(
            given
                .iter()
                .map(|(name, given, want)| (*name, check_given(&fixture(name), *given), want)),
        )
        .filter_map(|(name, report, want)| {
            let found = rules_and_lines(&report);
            (found != *want).then(|| format!("{name}:\n  expected {want:?}\n  found    {found:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_generated_pastes_give_exactly_their_listed_rules() {
    for (what, pasted, want) in generated_pastes() {
        let report = configuration::check(
            &pasted,
            &Expected {
                client_id: "matomo",
                guide_block: "",
                ..Expected::default()
            },
        );
        assert_eq!(rules_and_lines(&report), want, "{what}");
    }
}

#[test]
fn every_rule_is_given_by_a_broken_fixture_and_every_listed_id_is_a_rule() {
    let listed: Vec<&str> = expected_findings()
        .into_iter()
        .flat_map(|(_, want)| want)
        .chain(
            expected_findings_given()
                .into_iter()
                .flat_map(|(_, _, want)| want),
        )
        .chain(generated_pastes().into_iter().flat_map(|(_, _, want)| want))
        .chain(
            crate::secret::expected_secret_findings()
                .into_iter()
                .filter_map(|(_, _, want)| want),
        )
        .map(|(rule, _)| rule)
        .collect();
    let unknown: Vec<&&str> = listed
        .iter()
        .filter(|id| Rule::from_id(id).is_none())
        .collect();
    assert!(unknown.is_empty(), "ids that are no rule's: {unknown:?}");
    let without: Vec<&str> = Rule::ALL
        .iter()
        .map(Rule::id)
        .filter(|id| !listed.contains(id))
        .collect();
    assert!(without.is_empty(), "rules no fixture gives: {without:?}");
}

/// The fixture's finding under `rule` on `line`, which must hold every one of `wanted`.
fn says(name: &str, rule: &str, line: Option<u32>, wanted: &[&str]) -> Finding {
    let report = check(name);
    report
        .findings
        .iter()
        .find(|f| {
            f.rule.id() == rule && f.line == line && wanted.iter().all(|w| words(f).contains(w))
        })
        .cloned()
        .unwrap_or_else(|| {
            panic!(
                "{name}: no {rule} finding on line {line:?} with {wanted:?} in {:#?}",
                report.findings
            )
        })
}

/// The fixture's finding under `rule` on `line`, checked as `given` says, which must hold
/// every one of `wanted`.
fn says_given(name: &str, given: Given, rule: &str, line: Option<u32>, wanted: &[&str]) {
    let report = check_given(&fixture(name), given);
    assert!(
        report.findings.iter().any(|f| f.rule.id() == rule
            && f.line == line
            && wanted.iter().all(|w| words(f).contains(w))),
        "{name}: no {rule} finding on line {line:?} with {wanted:?} in {:#?}",
        report.findings
    );
}

#[test]
fn a_client_without_the_claims_policy_its_guide_needs_is_told_which_claims() {
    let given = Given {
        id_token_claims: Some(GUIDE_CLAIMS),
        ..Given::default()
    };
    says_given(
        "claims-policy-missing.yml",
        given,
        "claims-policy-missing",
        Some(40),
        &[
            "ID token only",
            "4.39",
            "`claims_policy: 'matomo'`",
            "'email', 'groups', 'preferred_username'",
        ],
    );
    says_given(
        "id-token-claims-missing.yml",
        given,
        "id-token-claims-missing",
        Some(64),
        &["'groups', 'preferred_username' missing"],
    );
    // Naming none, the guide gets Authelia's example list in the fix.
    let unnamed = Given {
        id_token_claims: Some(&[]),
        ..Given::default()
    };
    says_given(
        "claims-policy-missing.yml",
        unnamed,
        "claims-policy-missing",
        Some(40),
        &["'rat', 'groups', 'email'", "Authelia's example list"],
    );
}

#[test]
fn a_guide_that_says_nothing_of_claims_asks_for_no_claims_policy() {
    let report = check_given(&fixture("claims-policy-missing.yml"), Given::default());
    assert_eq!(rules_and_lines(&report), []);
}

#[test]
fn the_readers_authelia_address_is_checked_for_https_and_the_cookies() {
    let http = Given {
        authelia_url: Some("http://auth.example.com"),
        ..Given::default()
    };
    says_given(
        "issuer-reader-http.yml",
        http,
        "issuer-not-https",
        None,
        &[
            "'http://auth.example.com'",
            "4.39.19",
            "X-Forwarded-Proto: https",
        ],
    );
    let elsewhere = Given {
        authelia_url: Some("https://auth.example.org"),
        ..Given::default()
    };
    says_given(
        "issuer-outside-cookie-domains.yml",
        elsewhere,
        "issuer-outside-cookie-domains",
        Some(7),
        &[
            "'https://auth.example.org'",
            "'https://auth.example.com'",
            "4.39.17",
            "no session cookie configuration matches url",
        ],
    );
}

#[test]
fn a_public_client_s_pkce_finding_names_the_provider_s_setting() {
    let no_guide = Given {
        no_guide: true,
        ..Given::default()
    };
    says_given(
        "public-client-without-pkce.yml",
        no_guide,
        "public-client-without-pkce",
        Some(8),
        &[
            "'public_clients_only' (its default)",
            "`require_pkce: true`",
            "'S256'",
        ],
    );
    // With the provider's enforcement off, nothing requires PKCE of it.
    let pasted = format!(
        "enforce_pkce: 'never'\nhmac_secret: 'this-is-a-test-hmac-secret-of-sixty-four-characters-0123456789ab'\n{}",
        fixture("public-client-without-pkce.yml")
    );
    let report = check_given(&pasted, no_guide);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.rule == Rule::PublicClientWithoutPkce && f.problem.contains("'never'")),
        "{:#?}",
        report.findings
    );
}

#[test]
fn a_client_secret_jwt_client_needs_its_secret_in_plaintext() {
    let no_guide = Given {
        no_guide: true,
        ..Given::default()
    };
    says_given(
        "digest-needs-plaintext.yml",
        no_guide,
        "digest-needs-plaintext",
        Some(9),
        &["'client_secret_jwt'", "refuses to start", "$plaintext$"],
    );
}

#[test]
fn a_guide_s_public_client_means_the_application_sends_pkce() {
    // The guide's client is public without saying `require_pkce`: Authelia requires PKCE
    // of it by default, so the application sends it, and a client that requires PKCE is
    // no fault of PKCE's (only of `public`).
    let block = matomo_block()
        .replace("public: false", "public: true")
        .replace("client_secret_post", "none");
    let report = configuration::check(
        &fixture("pkce-differs.yml"),
        &Expected {
            client_id: "matomo",
            guide_block: &block,
            ..Expected::default()
        },
    );
    assert!(
        report.findings.iter().all(|f| f.rule != Rule::PkceDiffers),
        "{:#?}",
        report.findings
    );
    // While a confidential guide without PKCE still says the application sends none.
    assert_eq!(
        rules_and_lines(&check("pkce-differs.yml")),
        [("pkce-differs", Some(8))]
    );
}

/// One test per finding whose words matter: the fixture, the finding's rule and line,
/// and the words it must hold (which findings a fixture gives, exactly, is in
/// [`expected_findings`]).
macro_rules! says {
    ($test:ident: $file:literal, $rule:literal, $line:expr, $words:expr) => {
        #[test]
        fn $test() {
            says($file, $rule, $line, &$words);
        }
    };
}

// The guide's client.
says!(a_missing_client_lists_the_ids_there: "client-missing.yml", "client-missing", Some(43), ["'matomo'", "'nextcloud', 'grafana'"]);
says!(a_second_client_with_the_id_is_reported_at_its_item: "client-twice.yml", "client-id-duplicate", Some(64), ["second client", "'matomo'"]);
says!(a_plaintext_secret_is_reported: "secret-plaintext.yml", "plaintext-secret", Some(46), ["plaintext", "not a digest"]);
says!(a_secret_in_plaintext_form_is_reported: "secret-plaintext-marked.yml", "plaintext-secret", Some(46), ["$plaintext$"]);
says!(a_cut_digest_gives_the_reason_it_cannot_be_read: "secret-not-a-digest.yml", "digest-unreadable", Some(46), ["not a digest Authelia can read", "not a complete PBKDF2-SHA512 digest"]);
says!(a_redirect_uri_that_lacks_a_query_parameter_shows_both_and_names_it: "redirect-uri-differs.yml", "redirect-uri-differs", Some(51), ["`https://matomo.example.com/index.php?module=LoginOIDC&action=callback`", "`https://matomo.example.com/index.php?module=LoginOIDC&action=callback&provider=oidc`", "lacks `provider=oidc`"]);
says!(missing_redirect_uris_are_reported_with_the_guide_s: "redirect-uri-missing.yml", "redirect-uri-missing", Some(44), ["no `redirect_uris`", "provider=oidc"]);
says!(a_redirect_uri_without_a_scheme_is_reported: "redirect-uri-scheme.yml", "redirect-uri-no-scheme", Some(53), ["'matomo.example.com/callback'", "https://"]);
says!(an_auth_method_other_than_the_application_s_says_what_it_sends: "auth-method-differs.yml", "auth-method-differs", Some(63), ["'client_secret_basic'", "sends its credentials with 'client_secret_post'", "invalid_client"]);
says!(a_left_out_auth_method_is_compared_as_authelia_s_default: "auth-method-default.yml", "auth-method-differs", Some(44), ["'client_secret_basic' (Authelia's default", "'client_secret_post'"]);
says!(an_unknown_auth_method_lists_the_allowed_ones: "auth-method-unknown.yml", "auth-method-unknown", Some(63), ["'client_secret'", "does not know", "`private_key_jwt`"]);
says!(a_public_client_with_a_secret_is_a_contradiction: "public-with-secret.yml", "public-with-secret", Some(5), ["public", "`client_secret` is set"]);
says!(a_public_client_must_use_the_auth_method_none: "public-auth-method.yml", "public-auth-method", Some(21), ["public", "'client_secret_post'", "'none'"]);
says!(a_public_client_where_the_guide_s_is_confidential_is_reported: "public-differs.yml", "public-differs", Some(5), ["public", "Set `public: false`"]);
says!(a_confidential_client_cannot_use_none: "confidential-none.yml", "confidential-auth-none", Some(22), ["confidential", "only a public client"]);
says!(a_confidential_client_needs_a_secret: "confidential-no-secret.yml", "secret-missing", Some(3), ["no `client_secret`"]);
says!(a_pkce_method_with_require_pkce_false_says_pkce_is_on: "pkce-method-without-require.yml", "require-pkce-ignored", Some(8), ["`require_pkce` is false", "'S256'", "turns PKCE on"]);
says!(an_unknown_pkce_method_is_reported: "pkce-method-unknown.yml", "pkce-method-unknown", Some(9), ["'S512'", "'S256'"]);
says!(pkce_required_where_the_application_sends_none_is_reported: "pkce-differs.yml", "pkce-differs", Some(8), ["require PKCE", "does not send it"]);
says!(an_unknown_grant_type_is_reported_at_its_item: "grant-type-unknown.yml", "grant-type-unknown", Some(20), ["'password'", "`grant_types`"]);
says!(an_unknown_response_type_is_reported_at_its_item: "response-type-unknown.yml", "response-type-unknown", Some(18), ["'code id'", "`response_types`"]);
says!(an_unknown_response_mode_is_reported_at_its_item: "response-mode-unknown.yml", "response-mode-unknown", Some(25), ["'post'", "`response_modes`", "`form_post.jwt`"]);
says!(scopes_are_compared_as_sets_naming_what_is_missing_and_extra: "scopes-differ.yml", "scopes-differ", Some(12), ["`email`, `groups` missing", "`profile` not in the guide"]);
says!(a_signed_userinfo_answer_where_the_guide_reads_json_is_reported: "userinfo-alg-differs.yml", "userinfo-alg-differs", Some(24), ["'RS256'", "signed JWT", "userinfo_signed_response_alg: 'none'"]);
says!(grant_types_other_than_the_guide_s_are_reported: "grant-types-differ.yml", "grant-types-differ", Some(18), ["`refresh_token` not in the guide"]);
says!(response_types_other_than_the_guide_s_are_reported: "response-types-differ.yml", "response-types-differ", Some(16), ["`code id_token` not in the guide"]);
says!(a_policy_other_than_the_guide_s_is_reported: "policy-differs.yml", "policy-differs", Some(7), ["'one_factor'", "'two_factor'"]);
says!(a_custom_policy_the_provider_lacks_is_reported: "policy-undefined.yml", "policy-undefined", Some(54), ["'admins_only'", "authorization_policies"]);
says!(a_near_miss_key_gets_did_you_mean: "unknown-key-near.yml", "unknown-key", Some(23), ["`redirect_uri`", "Did you mean `redirect_uris`?"]);
says!(a_far_unknown_key_gets_no_suggestion: "unknown-key-far.yml", "unknown-key", Some(23), ["`colour`", "Remove it"]);
says!(a_boolean_given_as_text_is_a_wrong_type: "wrong-types.yml", "wrong-type", Some(6), ["`public` is 'yes'", "`true` or `false`"]);
says!(a_number_for_redirect_uris_is_a_wrong_type: "wrong-types.yml", "wrong-type", Some(10), ["`redirect_uris` is the number `5`", "list"]);
says!(clients_that_is_not_a_list_is_reported: "clients-not-a-list.yml", "wrong-type", Some(36), ["`clients` is 'matomo'", "list"]);
says!(a_paste_that_is_not_a_mapping_is_reported: "not-a-mapping.yml", "not-a-configuration", None, ["'just some text'", "not a configuration"]);

// The paste and its shape.
says!(a_paste_of_comments_only_is_empty: "empty.yml", "empty", None, ["The paste is empty."]);
says!(a_configuration_without_its_oidc_keys_names_what_it_lacks: "not-a-configuration.yml", "not-a-configuration", None, ["no `identity_providers`, `oidc`, `clients` or `client_id`", "identity_providers part"]);
says!(a_misspelt_oidc_section_is_missing: "oidc-missing.yml", "oidc-missing", Some(3), ["no `oidc` section", "Add `oidc:`"]);
says!(an_empty_identity_providers_takes_a_mapping: "identity-providers-not-a-mapping.yml", "wrong-type", Some(3), ["`identity_providers` is nothing (null)", "it takes a mapping"]);
says!(an_oidc_written_as_a_list_takes_a_mapping: "oidc-not-a-mapping.yml", "wrong-type", Some(4), ["`oidc` is a list", "it takes a mapping"]);
says!(a_provider_without_clients_is_reported_at_its_mapping: "client-list-missing.yml", "client-list-missing", Some(4), ["no `clients`"]);
says!(a_bare_client_id_in_the_list_is_not_a_client: "client-not-a-mapping.yml", "wrong-type", Some(4), ["A client is 'nextcloud'", "mapping"]);
says!(a_client_name_given_as_a_list_takes_text: "wrong-types-client.yml", "wrong-type", Some(7), ["`client_name` is a list", "one piece of text"]);
says!(an_audience_given_as_text_takes_a_list: "wrong-types-client.yml", "wrong-type", Some(9), ["`audience` is 'matomo'", "it takes a list"]);
says!(a_scope_given_as_a_mapping_is_reported_at_its_item: "wrong-types-client.yml", "wrong-type", Some(21), ["An item of `scopes` is a mapping"]);
says!(findings_past_the_cap_are_summed_up_in_one_last_line: "too-many-findings.yml", "too-many-findings", None, ["…and 11 more findings", "at most 50"]);

// The provider.
says!(a_missing_hmac_secret_is_reported: "provider-no-hmac-secret.yml", "hmac-secret-missing", Some(3), ["no `hmac_secret`"]);
says!(a_missing_jwks_is_reported: "provider-no-jwks.yml", "jwks-missing", Some(3), ["no `jwks`"]);
says!(a_key_still_under_issuer_private_key_is_reported: "provider-issuer-private-key.yml", "renamed-key", Some(5), ["`issuer_private_key`", "`jwks`"]);
says!(a_lifespan_under_its_old_name_is_reported: "provider-renamed-lifespan.yml", "renamed-key", Some(5), ["`access_token_lifespan`", "`lifespans.access_token`"]);
says!(a_misspelt_provider_key_gets_did_you_mean: "provider-unknown-key.yml", "unknown-key", Some(5), ["`enforce_pkse`", "Did you mean `enforce_pkce`?"]);
says!(a_key_without_pem_armor_is_reported: "key-not-pem.yml", "key-not-pem", Some(7), ["not a PEM block"]);
says!(a_key_with_altered_base64_is_reported: "key-bad-base64.yml", "key-bad-base64", Some(7), ["base64"]);
says!(a_key_cut_short_fails_its_der_structure: "key-cut-short.yml", "key-malformed", Some(7), ["structure", "PKCS#8"]);
says!(a_public_key_where_the_private_key_belongs_is_reported: "key-public.yml", "key-not-private", Some(7), ["`PUBLIC KEY`", "private key"]);
says!(a_certificate_where_a_private_key_belongs_is_reported: "key-certificate.yml", "key-not-private", Some(37), ["`CERTIFICATE`"]);
says!(an_encrypted_key_is_reported: "key-encrypted.yml", "key-encrypted", Some(37), ["encrypted", "passphrase"]);
says!(an_rsa_key_under_2048_bits_is_reported: "key-rsa-1024.yml", "key-too-small", Some(7), ["1024 bits", "at least 2048"]);
says!(an_ed25519_key_is_reported_as_a_kind_jwks_does_not_take: "key-ed25519.yml", "key-algorithm-unsupported", Some(37), ["does not take"]);
says!(an_ec_key_on_another_curve_is_reported: "key-curve-secp256k1.yml", "key-curve-unsupported", Some(37), ["curve", "P-256"]);
says!(jwks_without_an_rsa_key_is_reported: "key-no-rsa.yml", "rsa-key-missing", Some(5), ["no RSA key", "RS256"]);
says!(a_key_id_that_breaks_the_rule_is_reported: "key-id-invalid.yml", "key-id-invalid", Some(6), ["'main rsa!'"]);
says!(a_key_id_over_100_characters_is_reported: "key-id-too-long.yml", "key-id-too-long", Some(6), ["101 characters", "at most 100"]);
says!(a_key_id_used_twice_is_reported_at_the_second: "key-id-twice.yml", "key-id-duplicate", Some(36), ["'main'", "Two `jwks` entries"]);
says!(an_empty_hmac_secret_is_missing: "provider-hmac-secret-empty.yml", "hmac-secret-missing", Some(5), ["`hmac_secret` is empty"]);
says!(a_number_for_hmac_secret_takes_text: "provider-wrong-types.yml", "wrong-type", Some(5), ["`hmac_secret` is the number `1234567890`", "takes text"]);
says!(a_year_for_key_id_takes_text: "provider-wrong-types.yml", "wrong-type", Some(7), ["`key_id` is the number `2024`", "takes text"]);
says!(an_old_certificate_chain_beside_jwks_is_renamed: "provider-issuer-private-key-beside-jwks.yml", "renamed-key", Some(39), ["`issuer_certificate_chain`", "`certificate_chain`"]);
says!(an_old_private_key_beside_jwks_is_reported: "provider-issuer-private-key-beside-jwks.yml", "renamed-key", Some(59), ["`issuer_private_key` is set beside `jwks`"]);
says!(an_empty_jwks_has_no_key_to_sign_with: "jwks-empty.yml", "jwks-missing", Some(6), ["`jwks` is empty"]);
says!(jwks_written_as_one_mapping_takes_a_list: "jwks-not-a-list.yml", "wrong-type", Some(6), ["`jwks` is a mapping", "list of keys"]);
says!(a_jwks_entry_that_is_the_pem_itself_takes_a_mapping: "jwks-entry-not-a-mapping.yml", "wrong-type", Some(7), ["A `jwks` entry is '-----BEGIN PRIVATE KEY-----", "`- key_id: 'name'`"]);
says!(a_jwks_entry_without_its_key_is_reported: "key-missing.yml", "key-missing", Some(8), ["has no `key`"]);
says!(a_json_web_key_s_kid_is_unknown: "jwks-unknown-key.yml", "unknown-key", Some(8), ["no jwks entry key `kid`"]);
says!(a_json_web_key_s_alg_is_unknown: "jwks-unknown-key.yml", "unknown-key", Some(9), ["no jwks entry key `alg`"]);
says!(a_key_with_its_certificate_in_one_block_is_reported: "key-several-blocks.yml", "key-several-blocks", Some(9), ["more than one PEM block"]);
says!(an_openssh_key_is_a_label_authelia_does_not_read: "key-label-unknown.yml", "key-label-unknown", Some(9), ["`OPENSSH PRIVATE KEY`", "not a private key Authelia reads"]);
says!(keys_on_p384_and_p521_are_read_and_only_the_rsa_key_is_missing: "key-no-rsa-p384-p521.yml", "rsa-key-missing", Some(10), ["no RSA key"]);
says!(a_json_web_key_s_kid_is_meant_as_key_id: "jwks-unknown-key.yml", "unknown-key", Some(8), ["Did you mean `key_id`?"]);
says!(a_json_web_key_s_alg_is_meant_as_algorithm: "jwks-unknown-key.yml", "unknown-key", Some(9), ["Did you mean `algorithm`?"]);

// The common login failures.
says!(auto_consent_without_a_duration_asks_at_every_login: "consent-every-login.yml", "consent-every-login", Some(12), ["'explicit'", "every login", "pre_configured_consent_duration: '1 week'", "discourages"]);
says!(a_duration_beside_explicit_consent_has_no_effect: "consent-explicit-duration.yml", "consent-every-login", Some(12), ["no effect", "every login", "consent_mode: 'pre-configured'"]);
says!(remembered_consent_is_asked_again_for_offline_access: "consent-offline-access.yml", "consent-every-login", Some(13), ["`offline_access`", "not remembered", "remove it"]);
says!(an_unknown_consent_mode_is_refused: "consent-mode-unknown.yml", "consent-mode-unknown", Some(26), ["'remember'", "refuses to start", "'pre-configured'"]);
says!(pushed_authorization_requests_is_meant_as_require_pushed_authorization_requests: "unknown-key-near-miss.yml", "unknown-key", Some(27), ["Did you mean `require_pushed_authorization_requests`?"]);
says!(a_client_s_enforce_pkce_is_meant_as_require_pkce: "unknown-key-near-miss.yml", "unknown-key", Some(28), ["Did you mean `require_pkce`?", "provider's option"]);
says!(template_syntax_names_the_filter_and_counts_the_other_values: "template-not-expanded.yml", "template-not-expanded", Some(7), ["`hmac_secret`", "X_AUTHELIA_CONFIG_FILTERS=template", "so does 1 other value"]);
says!(a_digest_escaped_for_compose_is_given_back_with_single_dollars: "digest-double-dollar.yml", "digest-double-dollar", Some(9), ["`$$`", "'$pbkdf2-sha512$310000$c8p78n7pUMln0jzvd4aK4Q$", "expand-env"]);
says!(an_hmac_signing_algorithm_needs_the_plaintext_secret: "digest-needs-plaintext-hmac.yml", "digest-needs-plaintext", Some(8), ["`id_token_signed_response_alg` is 'HS256'", "plaintext"]);
says!(a_short_hmac_secret_is_accepted_by_authelia_but_below_its_advice: "hmac-secret-short.yml", "hmac-secret-short", Some(7), ["has 32 characters", "Authelia accepts it", "64 or more"]);
says!(an_rsa_key_named_for_ecdsa_is_reported_with_what_fits_it: "key-algorithm-mismatch.yml", "key-algorithm-mismatch", Some(50), ["'ES256'", "an RSA key (2048 bits)", "'RS256' or"]);
says!(a_p256_key_named_es384_is_reported: "key-algorithm-mismatch.yml", "key-algorithm-mismatch", Some(42), ["'ES384'", "on P-384", "on P-256", "'ES256'"]);
says!(a_symmetric_algorithm_on_a_signing_key_is_refused: "key-algorithm-unknown.yml", "key-algorithm-unknown", Some(12), ["'HS256'", "refuses to start"]);
says!(an_encryption_key_does_not_count_as_the_rs256_key: "key-rsa-enc-only.yml", "rsa-key-missing", Some(10), ["no RSA key signing with RS256", "`use: 'enc'`"]);
says!(a_cookie_s_plain_http_authelia_url_is_refused: "issuer-not-https.yml", "issuer-not-https", Some(8), ["'http://auth.example.com'", "refuses to start", "https://auth.example.com"]);
says!(a_cookie_s_authelia_url_outside_its_domain_is_refused: "issuer-cookie-url-outside-domain.yml", "issuer-outside-cookie-domains", Some(9), ["'auth.example.net'", "'example.com'"]);

#[test]
fn yaml_errors_carry_their_line_and_column() {
    let finding = says("yaml-error.yml", "yaml-error", Some(7), &["not valid YAML"]);
    assert_eq!(finding.column, Some(8));
    assert_eq!(check("yaml-error.yml").scope, "nothing (not YAML)");
}

#[test]
fn keys_renamed_in_4_38_are_each_reported_at_their_line() {
    let report = check("renamed-client-keys.yml");
    let lines: Vec<(Option<u32>, &str)> = [
        (3, "`id`"),
        (4, "`description`"),
        (5, "`secret`"),
        (21, "`userinfo_signing_algorithm`"),
        (23, "`sector_identifier`"),
    ]
    .into_iter()
    .map(|(l, k)| (Some(l), k))
    .collect();
    assert_eq!(report.findings.len(), lines.len(), "{:#?}", report.findings);
    for (finding, (line, key)) in report.findings.iter().zip(lines) {
        assert_eq!(finding.line, line, "{finding:?}");
        assert!(
            finding.problem.contains(key) && finding.problem.contains("4.38"),
            "{finding:?}"
        );
    }
    // The client is found by its old `id`, and its secret under its old name is read.
    assert_eq!(report.digest, Some((REFERENCE_DIGEST.to_owned(), Some(5))));
}

#[test]
fn the_whole_correct_configuration_has_no_finding_and_gives_its_digest() {
    let report = check("correct-whole.yml");
    assert_eq!(report.findings, Vec::<Finding>::new());
    assert_eq!(report.scope, "the whole configuration");
    assert_eq!(report.digest, Some((REFERENCE_DIGEST.to_owned(), Some(46))));
}

#[test]
fn a_correct_identity_providers_part_with_pkcs1_and_pkcs8_keys_has_no_finding() {
    let report = check("correct-identity-providers-part.yml");
    assert_eq!(report.findings, Vec::<Finding>::new());
    assert_eq!(report.scope, "the identity_providers part");
}

#[test]
fn a_correct_identity_providers_part_with_p384_and_p521_keys_has_no_finding() {
    let report = check("correct-ec-p384-p521.yml");
    assert_eq!(report.findings, Vec::<Finding>::new());
    assert_eq!(report.scope, "the identity_providers part");
}

#[test]
fn one_client_pasted_indented_as_cut_from_a_file_has_no_finding() {
    let report = check("correct-one-client-indented.yml");
    assert_eq!(report.findings, Vec::<Finding>::new());
    assert_eq!(report.scope, "one client");
    assert_eq!(report.digest, Some((REFERENCE_DIGEST.to_owned(), Some(3))));
}

#[test]
fn a_clients_list_alone_gets_no_provider_findings() {
    let report = check("policy-differs.yml");
    assert_eq!(report.scope, "the clients list");
    let provider = [
        Rule::ClientListMissing,
        Rule::HmacSecretMissing,
        Rule::JwksMissing,
    ];
    assert!(
        report.findings.iter().all(|f| !provider.contains(&f.rule)),
        "{:#?}",
        report.findings
    );
}

#[test]
fn without_a_guide_block_only_the_client_s_own_contradictions_are_reported() {
    let expected = Expected {
        client_id: "matomo",
        guide_block: "",
        ..Expected::default()
    };
    let differs = configuration::check(&fixture("auth-method-differs.yml"), &expected);
    assert_eq!(differs.findings, Vec::<Finding>::new());
    // A public client with a secret, and one that leaves PKCE to the provider: both are
    // the client's own, whatever the application.
    let contradicts = configuration::check(&fixture("public-with-secret.yml"), &expected);
    assert_eq!(
        rules_and_lines(&contradicts),
        [
            ("public-with-secret", Some(5)),
            ("public-client-without-pkce", Some(8))
        ]
    );
}

#[test]
fn a_flow_style_value_gets_its_parent_s_line() {
    let pasted = "clients:\n  - client_id: 'matomo'\n    client_secret: 'plain'\n    \
                  redirect_uris: ['https://a.example/cb', {b: c}]\n";
    let report = configuration::check(
        pasted,
        &Expected {
            client_id: "matomo",
            guide_block: "",
            ..Expected::default()
        },
    );
    assert!(
        report.findings.iter().any(|f| f.rule == Rule::WrongType
            && f.line == Some(4)
            && f.problem.contains("An item of `redirect_uris`")),
        "{:#?}",
        report.findings
    );
}

#[test]
fn a_paste_over_the_cap_is_refused_naming_the_limit() {
    let pasted = "#".repeat(MAX_CONFIGURATION_BYTES + 1);
    let report = configuration::check(
        &pasted,
        &Expected {
            client_id: "matomo",
            guide_block: "",
            ..Expected::default()
        },
    );
    assert_eq!(rules_and_lines(&report), [("too-large", None)]);
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.problem.contains(&MAX_CONFIGURATION_BYTES.to_string()))
    );
}

#[test]
fn aliases_that_would_expand_past_the_cap_are_refused_unexpanded() {
    let anchor = "x".repeat(100_000);
    let uses = vec!["*a"; 50_000].join(", ");
    let pasted = format!("a: &a {anchor}\nclients: [{uses}]\n");
    let started = Instant::now();
    let report = configuration::check(
        &pasted,
        &Expected {
            client_id: "matomo",
            guide_block: "",
            ..Expected::default()
        },
    );
    assert_eq!(rules_and_lines(&report), [("aliases-too-large", None)]);
    assert!(
        report.findings.iter().all(|f| f
            .problem
            .contains(&MAX_CONFIGURATION_EXPANDED_BYTES.to_string())),
        "{:#?}",
        report.findings
    );
    // A hang detector, not a benchmark: expanding would take minutes and gigabytes.
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn findings_past_the_cap_are_counted_in_one_more() {
    let mut pasted = String::from("- client_id: 'matomo'\n  client_secret: 'plain'\n");
    for i in 0..200 {
        pasted.push_str(&format!("  unknown_{i}: 1\n"));
    }
    let report = configuration::check(
        &pasted,
        &Expected {
            client_id: "matomo",
            guide_block: "",
            ..Expected::default()
        },
    );
    assert_eq!(report.findings.len(), MAX_FINDINGS + 1);
    // 200 unknown keys, a plaintext secret and no redirect URIs: 202, of which the first 50 found are listed. The keys are
    // checked first, so those 50 are unknown keys.
    let rules: Vec<Rule> = report.findings.iter().map(|f| f.rule).collect();
    assert!(
        rules
            .get(..MAX_FINDINGS)
            .is_some_and(|r| r.iter().all(|&r| r == Rule::UnknownKey)),
        "{rules:?}"
    );
    assert_eq!(rules.last(), Some(&Rule::TooManyFindings));
    assert!(
        report
            .findings
            .last()
            .is_some_and(|f| f.problem.contains("and 152 more")),
        "{:?}",
        report.findings.last()
    );
}

/// Pieces of block YAML, so that random input is mostly configuration-like.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("identity_providers:\n".to_owned()),
        Just("  oidc:\n".to_owned()),
        Just("    clients:\n".to_owned()),
        Just("      - client_id: 'matomo'\n".to_owned()),
        Just("        public: true\n".to_owned()),
        Just("        redirect_uris: [a, {b: c}]\n".to_owned()),
        Just("    jwks:\n      - key: |\n          -----BEGIN PRIVATE KEY-----\n".to_owned()),
        Just("          MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n".to_owned()),
        Just("          -----END PRIVATE KEY-----\n".to_owned()),
        Just("a: &x [1, 2]\nb: *x\n<<: *x\n".to_owned()),
        Just("- - -\n".to_owned()),
        Just("\t# tab\n".to_owned()),
        Just("'q: \"".to_owned()),
        Just("session:\n  cookies:\n    - domain: 'example.com'\n      authelia_url: 'https://auth.example.com'\n".to_owned()),
        Just("        client_secret: '{{ secret \"/x\" }}'\n".to_owned()),
        Just("        consent_mode: 'pre-configured'\n        claims_policy: 'p'\n".to_owned()),
        Just("    claims_policies:\n      p:\n        id_token: ['email']\n".to_owned()),
        Just("        algorithm: 'ES256'\n        use: 'enc'\n".to_owned()),
        Just("        token_endpoint_auth_method: 'client_secret_jwt'\n".to_owned()),
        "[ -~\\n]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn check_never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
        let block = matomo_block();
        let _ = configuration::check(&text, &Expected { client_id: "matomo", guide_block: &block, ..Expected::default() });
    }

    #[test]
    fn check_never_panics_on_yaml_like_input(pieces in prop::collection::vec(piece(), 0..24)) {
        let text = pieces.concat();
        let block = matomo_block();
        let report = configuration::check(&text, &Expected { client_id: "matomo", guide_block: &block, ..Expected::default() });
        // Every line a finding names is in the paste. (The findings cap is not asserted
        // here: two dozen pieces never give more than MAX_FINDINGS findings, so it could
        // not fail; the_findings_cap_holds_for_any_number_of_faults reaches it.)
        let lines = u32::try_from(text.split('\n').count()).unwrap_or(u32::MAX);
        prop_assert!(
            report.findings.iter().all(|f| f.line.is_none_or(|l| (1..=lines).contains(&l))),
            "{:#?}", report.findings
        );
        // As a guide block too: the guide's side is read by the same code.
        let _ = configuration::check(&block, &Expected { client_id: "matomo", guide_block: &text, ..Expected::default() });
    }

    #[test]
    fn check_never_panics_on_any_reader_s_address_and_guide_facts(
        pieces in prop::collection::vec(piece(), 0..24),
        url in prop_oneof![Just("https://auth.example.com/".to_owned()), "[ -~]{0,40}", "https?://[a-z.:\\[\\]@]{0,30}/?"],
        claims in prop::collection::vec("[ -~]{0,12}", 0..4),
        needs in any::<bool>(),
    ) {
        let text = pieces.concat();
        let block = matomo_block();
        let report = configuration::check(&text, &Expected {
            client_id: "matomo",
            guide_block: &block,
            authelia_url: Some(&url),
            guide: GuideFacts { needs_id_token_claims: needs, id_token_claims: &claims.join(" ") },
        });
        let lines = u32::try_from(text.split('\n').count()).unwrap_or(u32::MAX);
        prop_assert!(
            report.findings.iter().all(|f| f.line.is_none_or(|l| (1..=lines).contains(&l))),
            "{:#?}", report.findings
        );
    }

    #[test]
    fn the_findings_cap_holds_for_any_number_of_faults(ids in 1usize..3 * MAX_FINDINGS) {
        // `ids` bare client ids, one per line: one wrong-type finding each, then the
        // missing client. The first MAX_FINDINGS are listed; one more line counts the rest.
        let mut pasted = String::from("clients:\n");
        for i in 0..ids {
            pasted.push_str(&format!("  - 'app-{i}'\n"));
        }
        let report = configuration::check(&pasted, &Expected { client_id: "matomo", guide_block: "", ..Expected::default() });
        let faults = ids + 1;
        let mut want: Vec<(&str, Option<u32>)> = (0..ids.min(MAX_FINDINGS))
            .map(|i| ("wrong-type", u32::try_from(i + 2).ok()))
            .collect();
        if faults <= MAX_FINDINGS {
            // No item is a client to place the missing one by, so it has no line, and
            // findings without a line come first.
            want.insert(0, ("client-missing", None));
        } else {
            want.push(("too-many-findings", None));
        }
        prop_assert_eq!(rules_and_lines(&report), want);
        if faults > MAX_FINDINGS {
            let more = format!("…and {} more findings", faults - MAX_FINDINGS);
            prop_assert!(report.findings.last().is_some_and(|f| f.problem.starts_with(&more)), "{:?}", report.findings.last());
        }
    }

    #[test]
    fn any_bytes_under_any_pem_label_are_reported_never_a_panic(
        der in prop::collection::vec(any::<u8>(), 0..600),
        label in prop_oneof![Just("PRIVATE KEY"), Just("RSA PRIVATE KEY"), Just("EC PRIVATE KEY")],
        seed in prop::collection::vec(prop_oneof![Just(0x30u8), Just(0x02), Just(0x04), Just(0x06), Just(0x82), Just(0x81), Just(0xa0)], 0..16),
    ) {
        // DER-looking starts reach deeper into the reader than random bytes alone.
        let bytes: Vec<u8> = seed.into_iter().chain(der).collect();
        let pem = pem_rfc7468::encode_string(label, pem_rfc7468::LineEnding::LF, &bytes)
            .expect("a PEM block");
        let mut pasted = String::from(
            &format!("hmac_secret: '{HMAC_SECRET}'\njwks:\n  - key: |\n"),
        );
        for line in pem.lines() {
            pasted.push_str(&format!("      {line}\n"));
        }
        let report = configuration::check(&pasted, &Expected { client_id: "matomo", guide_block: "", ..Expected::default() });
        // Random bytes are no key Authelia takes: wherever the reader stops, the key is
        // reported at its line (3, `- key: |`). The paste is the provider part without
        // `clients`, so that finding comes too: it alone made the report non-empty, which
        // is why a non-empty report proved nothing about the key.
        let found = rules_and_lines(&report);
        prop_assert_eq!(found.len(), 2, "{:#?}", report.findings);
        prop_assert_eq!(found[0], ("client-list-missing", None));
        prop_assert_eq!(found[1].1, Some(3), "{:#?}", report.findings);
        // Under one of the rules of a key that cannot be used.
        let key_rules = [
            Rule::KeyNotPem, Rule::KeyNotPrivate, Rule::KeyEncrypted, Rule::KeyLabelUnknown,
            Rule::KeySeveralBlocks, Rule::KeyBadBase64, Rule::KeyMalformed,
            Rule::KeyAlgorithmUnsupported, Rule::KeyCurveUnsupported, Rule::KeyTooSmall,
        ];
        prop_assert!(key_rules.contains(&report.findings[1].rule), "{:#?}", report.findings);
        prop_assert!(report.findings[1].problem.starts_with("This `jwks` key cannot be used: "), "{:#?}", report.findings);
    }

    #[test]
    fn the_locator_never_panics_and_lines_stay_in_the_text(
        pieces in prop::collection::vec(piece(), 0..24),
        path in prop::collection::vec(prop_oneof![
            Just(Step::key("identity_providers")), Just(Step::key("oidc")),
            Just(Step::key("clients")), Just(Step::key("public")), Just(Step::key("key")),
            (0usize..4).prop_map(Step::Index),
        ], 0..6),
    ) {
        let text = pieces.concat();
        let line = Locator::new(&text).line(&path);
        let lines = u32::try_from(text.split('\n').count()).unwrap_or(u32::MAX);
        prop_assert!(line.is_none_or(|l| (1..=lines).contains(&l)));
    }
}

/// A configuration of `clients` Matomo-like clients, the last one the guide's.
fn many_clients(clients: usize) -> String {
    let one = fixture("correct-one-client-indented.yml");
    let other = one.replace("client_id: 'matomo'", "client_id: 'other'");
    let mut text = String::from("identity_providers:\n  oidc:\n    clients:\n");
    for _ in 1..clients {
        text.push_str(&other);
    }
    text.push_str(&one);
    text
}

#[test]
fn doubling_the_text_at_most_triples_the_locator_s_time() {
    let path = [
        Step::key("identity_providers"),
        Step::key("oidc"),
        Step::key("clients"),
        Step::Index(usize::MAX),
        Step::key("public"),
    ];
    let locate = |text: &str| {
        let locator = Locator::new(std::hint::black_box(text));
        for n in 0..MAX_FINDINGS {
            let mut p = path.to_vec();
            p.insert(3, Step::Index(n * 7));
            std::hint::black_box(locator.line(&p));
        }
    };
    let small = many_clients(500);
    let large = many_clients(1000);
    let (linear, times) =
        linear::at_most_triples(&locate, 5, Duration::from_millis(5), &small, &large);
    assert!(linear, "{times:?}");
}

#[test]
fn doubling_the_paste_at_most_triples_the_check_s_time() {
    let block = matomo_block();
    let run = |text: &str| {
        std::hint::black_box(configuration::check(
            std::hint::black_box(text),
            &Expected {
                client_id: "matomo",
                guide_block: &block,
                ..Expected::default()
            },
        ));
    };
    let small = many_clients(300);
    let large = many_clients(600);
    let (linear, times) =
        linear::at_most_triples(&run, 3, Duration::from_millis(10), &small, &large);
    assert!(linear, "{times:?}");
}

/// Times `check` on `small` and `large` (twice as much) with no guide block.
fn check_at_most_triples(small: &str, large: &str) -> (bool, Vec<(Duration, Duration)>) {
    let run = |text: &str| {
        std::hint::black_box(configuration::check(
            std::hint::black_box(text),
            &Expected {
                client_id: "matomo",
                guide_block: "",
                ..Expected::default()
            },
        ));
    };
    linear::at_most_triples(&run, 3, Duration::from_millis(10), small, large)
}

#[test]
fn doubling_a_client_s_unknown_keys_at_most_triples_the_check_s_time() {
    // Past the findings cap, unknown keys are counted without computing suggestions.
    let client = |keys: usize| {
        let mut text = String::from("- client_id: 'matomo'\n");
        for i in 0..keys {
            text.push_str(&format!("  unknown_client_key_{i}: 1\n"));
        }
        text
    };
    let (linear, times) = check_at_most_triples(&client(5_000), &client(10_000));
    assert!(linear, "{times:?}");
}

#[test]
fn doubling_the_jwks_entries_at_most_triples_the_check_s_time() {
    let entry = fixture("correct-identity-providers-part.yml")
        .split("    - key_id: 'ec-pkcs8'\n")
        .nth(1)
        .and_then(|rest| rest.split("  clients:").next())
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("the fixture has its EC key"));
    let jwks = |entries: usize| {
        let mut text = String::from("hmac_secret: 'x'\njwks:\n");
        for i in 0..entries {
            text.push_str(&format!("  - key_id: 'k{i}'\n"));
            text.push_str(&entry.replace("      ", "    "));
        }
        text
    };
    let (small, large) = (jwks(1_000), jwks(2_000));
    let report = configuration::check(
        &small,
        &Expected {
            client_id: "matomo",
            guide_block: "",
            ..Expected::default()
        },
    );
    // The keys are read (only ECDSA, and no clients), not refused as unreadable.
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.problem.contains("no RSA key")),
        "{:#?}",
        report.findings
    );
    let (linear, times) = check_at_most_triples(&small, &large);
    assert!(linear, "{times:?}");
}
