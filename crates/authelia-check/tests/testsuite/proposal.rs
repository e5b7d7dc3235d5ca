//! "Fill in from my configuration": every fixture of tests/fixtures/fill-in/ with the
//! exact list of what it proposes for the Matomo guide, as (variable, value, line, refused
//! or not), and the notes that say how; the client's secret never in what is proposed; the
//! bounds; and no panic on any input.

use authelia_check::configuration::MAX_CONFIGURATION_BYTES;
use authelia_check::proposal::{Guide, Proposals, propose};
use proptest::prelude::*;

use crate::configuration::matomo_block;

/// The project's root, where tests/fixtures/ lives.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn fixture(name: &str) -> String {
    let path = format!("{ROOT}/tests/fixtures/fill-in/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The variables the Matomo guide's page offers.
fn matomo_variables() -> Vec<String> {
    [
        "domain",
        "subdomain-authelia",
        "application-url",
        "client-id",
    ]
    .map(str::to_owned)
    .to_vec()
}

/// What a paste proposes for the Matomo guide at its defaults, the application at
/// `application_url`.
fn proposed_with(pasted: &str, application_url: &str) -> Proposals {
    let block = matomo_block();
    let variables = matomo_variables();
    propose(
        pasted,
        &Guide {
            guide_block: &block,
            application_url,
            variables: &variables,
        },
    )
}

fn proposed(name: &str) -> Proposals {
    proposed_with(&fixture(name), "https://matomo.example.com/")
}

/// The proposals as (variable, value, line, refused).
fn listed(p: &Proposals) -> Vec<(&str, &str, Option<u32>, bool)> {
    p.proposals
        .iter()
        .map(|p| {
            (
                p.variable.as_str(),
                p.value.as_str(),
                p.line,
                p.refused.is_some(),
            )
        })
        .collect()
}

#[test]
fn a_whole_configuration_gives_every_value_each_at_its_line() {
    let p = proposed("whole.yml");
    assert_eq!(
        listed(&p),
        vec![
            ("domain", "example.org", Some(14), false),
            ("subdomain-authelia", "login", Some(15), false),
            ("client-id", "analytics", Some(25), false),
            (
                "application-url",
                "https://stats.example.org/",
                Some(30),
                false
            ),
        ],
        "{p:?}"
    );
    assert_eq!(p.notes, Vec::<String>::new());
}

#[test]
fn the_client_s_secret_is_never_proposed_nor_quoted() {
    for name in ["whole.yml", "identity-providers-part.yml"] {
        let p = proposed(name);
        let text = format!("{p:?}");
        for secret in [
            "plaintext-secret-never-proposed",
            "not-this-one-either",
            "$pbkdf2-sha512$",
        ] {
            assert!(!text.contains(secret), "{name}: {text}");
        }
        assert!(!p.proposals.is_empty(), "{name}: {p:?}");
    }
}

#[test]
fn the_identity_providers_part_gives_the_client_and_says_the_session_is_missing() {
    let p = proposed("identity-providers-part.yml");
    assert_eq!(
        listed(&p),
        vec![
            ("client-id", "matomo-prod", Some(8), false),
            (
                "application-url",
                "https://matomo.example.net/",
                Some(11),
                false
            ),
        ]
    );
    assert_eq!(
        p.notes,
        vec![
            "The paste has no `session` part: the domain and Authelia's subdomain are not \
             proposed (they are in `session.cookies`)."
        ]
    );
}

#[test]
fn of_several_cookies_the_one_holding_the_application_s_host_is_used_and_named() {
    let p = proposed("several-cookies.yml");
    assert_eq!(
        listed(&p),
        vec![
            ("domain", "example.org", Some(9), false),
            ("subdomain-authelia", "sso", Some(10), false),
            ("client-id", "matomo", Some(16), false),
            (
                "application-url",
                "https://matomo.example.org/",
                Some(18),
                false
            ),
        ]
    );
    assert_eq!(
        p.notes,
        vec![
            "The session has 3 cookies ('example.net', 'example.org', 'example.com'): the one \
             for 'example.org' (line 9) is used, as the application's host \
             'matomo.example.org' is under its domain."
        ]
    );
}

#[test]
fn without_a_client_the_page_s_application_address_picks_the_cookie_else_the_first() {
    let pasted = fixture("several-cookies-no-client.yml");
    let p = proposed_with(&pasted, "https://matomo.example.com/");
    assert_eq!(
        listed(&p),
        vec![
            ("domain", "example.com", Some(8), false),
            ("subdomain-authelia", "id", Some(9), false),
        ]
    );
    assert_eq!(
        p.notes,
        vec![
            "The session has 2 cookies ('example.net', 'example.com'): the one for \
             'example.com' (line 8) is used, as the application's host 'matomo.example.com' \
             is under its domain.",
            "The paste has no clients: the client id and the application's address are not \
             proposed.",
        ]
    );
    let p = proposed_with(&pasted, "https://matomo.example.io/");
    assert_eq!(
        listed(&p),
        vec![
            ("domain", "example.net", Some(6), false),
            ("subdomain-authelia", "auth", Some(7), false),
        ]
    );
    assert!(
        p.notes.first().is_some_and(|n| n.contains(
            "it is the first, and none holds the application's host 'matomo.example.io'"
        )),
        "{p:?}"
    );
}

#[test]
fn no_client_for_the_guide_s_callback_proposes_no_client_and_names_the_others() {
    let p = proposed("no-matching-client.yml");
    assert_eq!(
        listed(&p),
        vec![
            ("domain", "example.org", Some(7), false),
            ("subdomain-authelia", "auth", Some(8), false),
        ]
    );
    assert_eq!(
        p.notes,
        vec![
            "No client here has a redirect URI ending with this guide's callback, \
             `/index.php?module=LoginOIDC&action=callback&provider=oidc` (the clients here \
             are 'grafana', 'gitea'): the client id and the application's address are not \
             proposed."
        ]
    );
}

#[test]
fn a_redirect_uri_under_a_sub_path_gives_the_application_s_sub_path_address() {
    let p = proposed("sub-path.yml");
    assert_eq!(
        listed(&p),
        vec![
            ("domain", "example.org", Some(7), false),
            ("subdomain-authelia", "auth", Some(8), false),
            ("client-id", "matomo", Some(12), false),
            // Flow style: the line of `redirect_uris`.
            (
                "application-url",
                "https://example.org/matomo/",
                Some(13),
                false
            ),
        ]
    );
}

#[test]
fn the_guide_s_callback_is_found_under_the_reader_s_own_sub_path_address() {
    // The page's block once the reader set the application to a sub-path address.
    let block = matomo_block().replace(
        "https://matomo.example.com/index.php",
        "https://example.com/stats/index.php",
    );
    let variables = matomo_variables();
    let p = propose(
        &fixture("whole.yml"),
        &Guide {
            guide_block: &block,
            application_url: "https://example.com/stats/",
            variables: &variables,
        },
    );
    assert!(
        listed(&p).contains(&(
            "application-url",
            "https://stats.example.org/",
            Some(30),
            false
        )),
        "{p:?}"
    );
}

#[test]
fn of_several_matching_clients_the_one_with_the_page_s_client_id_is_used_and_named() {
    let p = proposed("several-clients.yml");
    assert_eq!(
        listed(&p),
        vec![
            ("client-id", "matomo", Some(11), false),
            (
                "application-url",
                "https://matomo.example.org/",
                Some(14),
                false
            ),
        ]
    );
    assert!(
        p.notes.contains(
            &"2 clients have a redirect URI ending with this guide's callback: 'matomo' \
              (line 14) is used, as its id is this page's Client ID."
                .to_owned()
        ),
        "{p:?}"
    );
}

#[test]
fn values_a_field_would_refuse_are_listed_with_its_reason_never_proposed_silently() {
    let p = proposed("invalid-values.yml");
    assert_eq!(
        listed(&p),
        vec![
            ("domain", "my_site.example", Some(8), true),
            ("subdomain-authelia", "auth.eu", Some(9), true),
            ("client-id", "my matomo", Some(13), true),
            (
                "application-url",
                "https://matomo.my_site.example/",
                Some(15),
                true
            ),
        ],
        "{p:?}"
    );
    let reasons: Vec<&str> = p
        .proposals
        .iter()
        .filter_map(|p| p.refused.as_deref())
        .collect();
    // The field's own words: what typing the value would say beside it.
    let domain = guide_engine::variables::validate("domain", "my_site.example")
        .err()
        .map(|e| e.to_string());
    assert_eq!(reasons.first().copied(), domain.as_deref());
}

#[test]
fn only_the_variables_the_page_offers_are_proposed() {
    let block = matomo_block();
    let variables = vec!["domain".to_owned()];
    let p = propose(
        &fixture("whole.yml"),
        &Guide {
            guide_block: &block,
            application_url: "",
            variables: &variables,
        },
    );
    assert_eq!(listed(&p), vec![("domain", "example.org", Some(14), false)]);
}

#[test]
fn authelia_s_session_domain_of_before_4_38_gives_the_domain_alone() {
    let p = proposed_with("session:\n  domain: 'example.org'\n", "");
    assert_eq!(listed(&p), vec![("domain", "example.org", Some(2), false)]);
    assert!(
        p.notes.iter().any(|n| n.contains("has no `authelia_url`")),
        "{p:?}"
    );
}

#[test]
fn authelia_at_the_domain_itself_or_outside_it_gives_no_subdomain_and_says_why() {
    let at_domain = "session:\n  cookies:\n    - domain: 'example.org'\n      authelia_url: 'https://example.org'\n";
    let p = proposed_with(at_domain, "");
    assert_eq!(listed(&p), vec![("domain", "example.org", Some(3), false)]);
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("is the domain 'example.org' itself")),
        "{p:?}"
    );
    let outside = at_domain.replace("https://example.org", "https://auth.example.net:8443");
    let p = proposed_with(&outside, "");
    assert_eq!(listed(&p), vec![("domain", "example.org", Some(3), false)]);
    assert!(
        p.notes
            .iter()
            .any(|n| n.contains("is not under the cookie's domain")),
        "{p:?}"
    );
    let with_port = at_domain.replace("https://example.org", "https://auth.example.org:8443/");
    let p = proposed_with(&with_port, "");
    assert_eq!(
        listed(&p),
        vec![
            ("domain", "example.org", Some(3), false),
            ("subdomain-authelia", "auth", Some(4), false)
        ]
    );
    assert!(
        p.notes.iter().any(|n| n.contains("has a port or a path")),
        "{p:?}"
    );
}

#[test]
fn a_paste_that_cannot_be_read_proposes_nothing_and_says_why() {
    let p = proposed_with("session:\n  cookies: [\n", "");
    assert!(p.proposals.is_empty());
    assert!(
        p.notes
            .first()
            .is_some_and(|n| n.starts_with("Line ") && n.contains("not valid YAML")),
        "{p:?}"
    );
    let p = proposed_with("just: words\n", "");
    assert!(p.proposals.is_empty());
    assert!(!p.notes.is_empty(), "{p:?}");
}

#[test]
fn a_paste_over_the_checker_s_bound_is_refused_naming_it() {
    let huge = format!("# {}\n", "x".repeat(MAX_CONFIGURATION_BYTES));
    let p = proposed_with(&huge, "");
    assert!(p.proposals.is_empty());
    assert!(
        p.notes
            .first()
            .is_some_and(|n| n.contains(&MAX_CONFIGURATION_BYTES.to_string())),
        "{p:?}"
    );
}

#[test]
fn an_alias_bomb_is_refused_before_it_is_built() {
    let p = proposed_with(&crate::configuration::fixture("aliases-too-large.yml"), "");
    assert!(p.proposals.is_empty());
    assert!(
        p.notes.first().is_some_and(|n| n.contains("aliases")),
        "{p:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_paste_makes_it_panic(pasted in "(session:|cookies:|  - |domain: |authelia_url: |https://|redirect_uris:|clients:|client_id: |\\[|\\]|\\{|'|\n|[a-z.:/?&=]{0,12}| ){0,60}") {
        let p = proposed_with(&pasted, "https://matomo.example.com/");
        prop_assert!(p.notes.len() <= 8);
    }

    #[test]
    fn no_text_makes_it_panic(pasted in "\\PC{0,400}", url in "\\PC{0,40}") {
        let _ = proposed_with(&pasted, &url);
    }
}
