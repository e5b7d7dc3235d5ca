//! "Check my configuration": one broken configuration per finding (tests/fixtures/configuration/),
//! each with its finding and line; correct configurations with none; the bounds; and no
//! panic on any input.

use std::time::{Duration, Instant};

use authelia_check::configuration::locate::{Locator, Step};
use authelia_check::configuration::{
    self, Expected, Finding, MAX_CONFIGURATION_BYTES, MAX_CONFIGURATION_EXPANDED_BYTES,
    MAX_FINDINGS, Report,
};
use guide_engine::variables::REFERENCE_DIGEST;
use proptest::prelude::*;

use crate::support::linear;
use guide_engine::{self as guide, Block, Values, resolve_all};

/// The project's root, where guides/ and tests/fixtures/ live.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn fixture(name: &str) -> String {
    let path = format!("{ROOT}/tests/fixtures/configuration/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The Authelia block of the project's Matomo guide, for its default values: what the
/// page passes as [`Expected::guide_block`].
fn matomo_block() -> String {
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
        },
    )
}

/// A finding's problem and fix, for matching words in either.
fn words(f: &Finding) -> String {
    format!("{} {}", f.problem, f.fix)
}

/// The fixture has a finding on `line` holding every one of `words`.
fn finds(name: &str, line: Option<u32>, wanted: &[&str]) -> Report {
    let report = check(name);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.line == line && wanted.iter().all(|w| words(f).contains(w))),
        "{name}: no finding on line {line:?} with {wanted:?} in {:#?}",
        report.findings
    );
    report
}

/// The fixture has exactly one finding, on `line`, holding every one of `words`.
fn only(name: &str, line: Option<u32>, wanted: &[&str]) -> Report {
    let report = finds(name, line, wanted);
    assert_eq!(report.findings.len(), 1, "{name}: {:#?}", report.findings);
    report
}

/// One test per broken fixture: its name, the finding's line, the words it must hold,
/// and whether it must be the fixture's only finding.
macro_rules! finding {
    ($test:ident: only $file:literal, $line:expr, $words:expr) => {
        #[test]
        fn $test() {
            only($file, $line, &$words);
        }
    };
    ($test:ident: among $file:literal, $line:expr, $words:expr) => {
        #[test]
        fn $test() {
            finds($file, $line, &$words);
        }
    };
}

// The guide's client.
finding!(a_missing_client_lists_the_ids_there: only "client-missing.yml", Some(43), ["'matomo'", "'nextcloud', 'grafana'"]);
finding!(a_second_client_with_the_id_is_reported_at_its_item: only "client-twice.yml", Some(64), ["second client", "'matomo'"]);
finding!(a_plaintext_secret_is_reported: only "secret-plaintext.yml", Some(46), ["plaintext", "not a digest"]);
finding!(a_secret_in_plaintext_form_is_reported: only "secret-plaintext-marked.yml", Some(46), ["$plaintext$"]);
finding!(a_cut_digest_gives_the_reason_it_cannot_be_read: only "secret-not-a-digest.yml", Some(46), ["not a digest Authelia can read", "not a complete PBKDF2-SHA512 digest"]);
finding!(a_redirect_uri_that_lacks_a_query_parameter_shows_both_and_names_it: only "redirect-uri-differs.yml", Some(51), ["`https://matomo.example.com/index.php?module=LoginOIDC&action=callback`", "`https://matomo.example.com/index.php?module=LoginOIDC&action=callback&provider=oidc`", "lacks `provider=oidc`"]);
finding!(missing_redirect_uris_are_reported_with_the_guide_s: only "redirect-uri-missing.yml", Some(44), ["no `redirect_uris`", "provider=oidc"]);
finding!(a_redirect_uri_without_a_scheme_is_reported: only "redirect-uri-scheme.yml", Some(53), ["'matomo.example.com/callback'", "https://"]);
finding!(an_auth_method_other_than_the_application_s_says_what_it_sends: only "auth-method-differs.yml", Some(63), ["'client_secret_basic'", "sends its credentials with 'client_secret_post'", "invalid_client"]);
finding!(a_left_out_auth_method_is_compared_as_authelia_s_default: only "auth-method-default.yml", Some(44), ["'client_secret_basic' (Authelia's default", "'client_secret_post'"]);
finding!(an_unknown_auth_method_lists_the_allowed_ones: only "auth-method-unknown.yml", Some(63), ["'client_secret'", "does not know", "`private_key_jwt`"]);
finding!(a_public_client_with_a_secret_is_a_contradiction: among "public-with-secret.yml", Some(5), ["public", "`client_secret` is set"]);
finding!(a_public_client_must_use_the_auth_method_none: among "public-auth-method.yml", Some(21), ["public", "'client_secret_post'", "'none'"]);
finding!(a_public_client_where_the_guide_s_is_confidential_is_reported: among "public-differs.yml", Some(5), ["public", "Set `public: false`"]);
finding!(a_confidential_client_cannot_use_none: among "confidential-none.yml", Some(22), ["confidential", "only a public client"]);
finding!(a_confidential_client_needs_a_secret: only "confidential-no-secret.yml", Some(3), ["no `client_secret`"]);
finding!(a_pkce_method_with_require_pkce_false_says_pkce_is_on: among "pkce-method-without-require.yml", Some(8), ["`require_pkce` is false", "'S256'", "turns PKCE on"]);
finding!(an_unknown_pkce_method_is_reported: only "pkce-method-unknown.yml", Some(9), ["'S512'", "'S256'"]);
finding!(pkce_required_where_the_application_sends_none_is_reported: only "pkce-differs.yml", Some(8), ["require PKCE", "does not send it"]);
finding!(an_unknown_grant_type_is_reported_at_its_item: among "grant-type-unknown.yml", Some(20), ["'password'", "`grant_types`"]);
finding!(an_unknown_response_type_is_reported_at_its_item: among "response-type-unknown.yml", Some(18), ["'code id'", "`response_types`"]);
finding!(scopes_are_compared_as_sets_naming_what_is_missing_and_extra: only "scopes-differ.yml", Some(12), ["`email`, `groups` missing", "`profile` not in the guide"]);
finding!(grant_types_other_than_the_guide_s_are_reported: only "grant-types-differ.yml", Some(18), ["`refresh_token` not in the guide"]);
finding!(response_types_other_than_the_guide_s_are_reported: only "response-types-differ.yml", Some(16), ["`code id_token` not in the guide"]);
finding!(a_policy_other_than_the_guide_s_is_reported: only "policy-differs.yml", Some(7), ["'one_factor'", "'two_factor'"]);
finding!(a_custom_policy_the_provider_lacks_is_reported: among "policy-undefined.yml", Some(54), ["'admins_only'", "authorization_policies"]);
finding!(a_near_miss_key_gets_did_you_mean: only "unknown-key-near.yml", Some(23), ["`redirect_uri`", "Did you mean `redirect_uris`?"]);
finding!(a_far_unknown_key_gets_no_suggestion: only "unknown-key-far.yml", Some(23), ["`colour`", "Remove it"]);
finding!(a_boolean_given_as_text_is_a_wrong_type: among "wrong-types.yml", Some(6), ["`public` is 'yes'", "`true` or `false`"]);
finding!(a_number_for_redirect_uris_is_a_wrong_type: among "wrong-types.yml", Some(10), ["`redirect_uris` is the number `5`", "list"]);
finding!(clients_that_is_not_a_list_is_reported: only "clients-not-a-list.yml", Some(36), ["`clients` is 'matomo'", "list"]);
finding!(a_paste_that_is_not_a_mapping_is_reported: only "not-a-mapping.yml", None, ["'just some text'", "not a configuration"]);

// The provider.
finding!(a_missing_hmac_secret_is_reported: only "provider-no-hmac-secret.yml", Some(3), ["no `hmac_secret`"]);
finding!(a_missing_jwks_is_reported: only "provider-no-jwks.yml", Some(3), ["no `jwks`"]);
finding!(a_key_still_under_issuer_private_key_is_reported: only "provider-issuer-private-key.yml", Some(5), ["`issuer_private_key`", "`jwks`"]);
finding!(a_lifespan_under_its_old_name_is_reported: only "provider-renamed-lifespan.yml", Some(5), ["`access_token_lifespan`", "`lifespans.access_token`"]);
finding!(a_misspelt_provider_key_gets_did_you_mean: only "provider-unknown-key.yml", Some(5), ["`enforce_pkse`", "Did you mean `enforce_pkce`?"]);
finding!(a_key_without_pem_armor_is_reported: only "key-not-pem.yml", Some(7), ["not a PEM block"]);
finding!(a_key_with_altered_base64_is_reported: only "key-bad-base64.yml", Some(7), ["base64"]);
finding!(a_key_cut_short_fails_its_der_structure: only "key-cut-short.yml", Some(7), ["structure", "PKCS#8"]);
finding!(a_public_key_where_the_private_key_belongs_is_reported: only "key-public.yml", Some(7), ["`PUBLIC KEY`", "private key"]);
finding!(a_certificate_where_a_private_key_belongs_is_reported: only "key-certificate.yml", Some(37), ["`CERTIFICATE`"]);
finding!(an_encrypted_key_is_reported: only "key-encrypted.yml", Some(37), ["encrypted", "passphrase"]);
finding!(an_rsa_key_under_2048_bits_is_reported: only "key-rsa-1024.yml", Some(7), ["1024 bits", "at least 2048"]);
finding!(an_ed25519_key_is_reported_as_a_kind_jwks_does_not_take: only "key-ed25519.yml", Some(37), ["does not take"]);
finding!(an_ec_key_on_another_curve_is_reported: only "key-curve-secp256k1.yml", Some(37), ["curve", "P-256"]);
finding!(jwks_without_an_rsa_key_is_reported: only "key-no-rsa.yml", Some(5), ["no RSA key", "RS256"]);
finding!(a_key_id_that_breaks_the_rule_is_reported: only "key-id-invalid.yml", Some(6), ["'main rsa!'"]);
finding!(a_key_id_over_100_characters_is_reported: only "key-id-too-long.yml", Some(6), ["101 characters", "at most 100"]);
finding!(a_key_id_used_twice_is_reported_at_the_second: only "key-id-twice.yml", Some(36), ["'main'", "Two `jwks` entries"]);

#[test]
fn yaml_errors_carry_their_line_and_column() {
    let report = only("yaml-error.yml", Some(7), &["not valid YAML"]);
    assert_eq!(report.findings.first().and_then(|f| f.column), Some(8));
    assert_eq!(report.scope, "nothing (not YAML)");
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
    assert!(
        report
            .findings
            .iter()
            .all(|f| !f.problem.contains("hmac_secret"))
    );
}

#[test]
fn without_a_guide_block_only_the_client_s_own_contradictions_are_reported() {
    let expected = Expected {
        client_id: "matomo",
        guide_block: "",
    };
    let differs = configuration::check(&fixture("auth-method-differs.yml"), &expected);
    assert_eq!(differs.findings, Vec::<Finding>::new());
    let contradicts = configuration::check(&fixture("public-with-secret.yml"), &expected);
    assert_eq!(contradicts.findings.len(), 1, "{:#?}", contradicts.findings);
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
        },
    );
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.line == Some(4) && f.problem.contains("An item of `redirect_uris`")),
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
        },
    );
    assert_eq!(report.findings.len(), 1);
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
        },
    );
    assert!(
        report.findings.iter().any(|f| f
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
        },
    );
    assert_eq!(report.findings.len(), MAX_FINDINGS + 1);
    // 200 unknown keys, a plaintext secret and no redirect URIs: 202, of which 50 listed.
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
        "[ -~\\n]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn check_never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
        let block = matomo_block();
        let _ = configuration::check(&text, &Expected { client_id: "matomo", guide_block: &block });
    }

    #[test]
    fn check_never_panics_on_yaml_like_input(pieces in prop::collection::vec(piece(), 0..24)) {
        let text = pieces.concat();
        let block = matomo_block();
        let report = configuration::check(&text, &Expected { client_id: "matomo", guide_block: &block });
        prop_assert!(report.findings.len() <= MAX_FINDINGS + 1);
        // As a guide block too: the guide's side is read by the same code.
        let _ = configuration::check(&block, &Expected { client_id: "matomo", guide_block: &text });
    }

    #[test]
    fn any_bytes_under_any_pem_label_are_reported_never_a_panic(
        der in prop::collection::vec(any::<u8>(), 0..600),
        label in prop_oneof![Just("PRIVATE KEY"), Just("RSA PRIVATE KEY"), Just("EC PRIVATE KEY")],
        seed in prop::collection::vec(prop_oneof![Just(0x30u8), Just(0x02), Just(0x04), Just(0x06), Just(0x82), Just(0x81), Just(0xa0)], 0..16),
    ) {
        use base64::Engine as _;
        // DER-looking starts reach deeper into the reader than random bytes alone.
        let bytes: Vec<u8> = seed.into_iter().chain(der).collect();
        let body = base64::engine::general_purpose::STANDARD.encode(&bytes);
        let mut pasted = String::from("hmac_secret: 'x'\njwks:\n  - key: |\n");
        pasted.push_str(&format!("      -----BEGIN {label}-----\n"));
        for line in body.as_bytes().chunks(64) {
            pasted.push_str(&format!("      {}\n", String::from_utf8_lossy(line)));
        }
        pasted.push_str(&format!("      -----END {label}-----\n"));
        let report = configuration::check(&pasted, &Expected { client_id: "matomo", guide_block: "" });
        // Random bytes are no key Authelia takes: wherever the reader stops, the key is
        // reported at its line (3, `- key: |`). The paste is the provider part without
        // `clients`, so that finding comes too: it alone made the report non-empty, which
        // is why a non-empty report proved nothing about the key.
        let found: Vec<(Option<u32>, &str)> = report
            .findings
            .iter()
            .map(|f| (f.line, f.problem.as_str()))
            .collect();
        prop_assert_eq!(found.len(), 2, "{:#?}", report.findings);
        prop_assert_eq!(found[0], (None, "The provider has no `clients`."));
        prop_assert_eq!(found[1].0, Some(3), "{:#?}", report.findings);
        prop_assert!(found[1].1.starts_with("This `jwks` key cannot be used: "), "{:#?}", report.findings);
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
