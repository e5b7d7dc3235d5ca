//! "Why did my login fail?": every fixture in tests/fixtures/troubleshoot/ is recognised
//! as its header says (id, wording, shape), every catalogue entry and every wording of it
//! has a fixture, the explanations with a configuration name the key, its line and the
//! values from and to (and the part of a redirect URI that differs), and the bounds hold:
//! refused over the size and line caps, linear time, no panic on any input.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use authelia_check::configuration::MAX_QUOTED_CHARS;
use authelia_check::troubleshoot::catalogue::ENTRIES;
use authelia_check::troubleshoot::{
    self, Change, Context, Endpoint, Evidence, Explanation, MAX_TROUBLESHOOT_BYTES,
    MAX_TROUBLESHOOT_LINES, Outcome, Part, Shape,
};
use proptest::prelude::*;

use crate::support::linear;

/// The project's root, where tests/fixtures/ lives.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// A fixture: its file name, what its header expects, and the paste below the header.
pub(crate) struct Fixture {
    pub(crate) name: String,
    pub(crate) expect: String,
    wording: String,
    shape: String,
    pub(crate) paste: String,
}

/// Every fixture of tests/fixtures/troubleshoot/ (its `.txt` files), sorted by name.
pub(crate) fn fixtures() -> Vec<Fixture> {
    let dir = format!("{ROOT}/tests/fixtures/troubleshoot");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(format!("{dir}/{name}"))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let header = |key: &str| {
                text.lines()
                    .take_while(|l| l.starts_with('#'))
                    .find_map(|l| l.strip_prefix(&format!("# {key}:")))
                    .map(|v| v.trim().to_owned())
                    .unwrap_or_else(|| panic!("{name}: no `# {key}:` header"))
            };
            let (expect, wording, shape) = (header("expect"), header("wording"), header("shape"));
            assert!(
                !header("source").is_empty(),
                "{name}: its header names no source"
            );
            let paste: Vec<&str> = text.lines().skip_while(|l| l.starts_with('#')).collect();
            Fixture {
                name,
                expect,
                wording,
                shape,
                paste: paste.join("\n"),
            }
        })
        .collect()
}

/// A shape's kebab-case name, as fixture headers write it.
fn shape_name(shape: Shape) -> &'static str {
    match shape {
        Shape::AutheliaLog => "authelia-log",
        Shape::ErrorPageText => "error-page-text",
        Shape::ErrorPageAddress => "error-page-address",
        Shape::CallbackAddress => "callback-address",
        Shape::ApplicationLog => "application-log",
        Shape::Text => "text",
    }
}

/// The fixture paste with this file name.
fn paste(name: &str) -> String {
    fixtures()
        .into_iter()
        .find(|f| f.name == name)
        .map(|f| f.paste)
        .unwrap_or_else(|| panic!("no fixture {name}"))
}

/// The home lab configuration the explanation tests read.
fn homelab() -> String {
    let path = format!("{ROOT}/tests/fixtures/troubleshoot/configuration/homelab.yml");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The explanation of fixture `name` with the home lab configuration and `client_id`.
/// Whether one of the explanation's notes holds `words`.
fn has_note(explanation: &Explanation, words: &str) -> bool {
    explanation.notes.iter().any(|n| n.contains(words))
}

/// The fixture `name` explained on its own: no configuration, no values.
fn explain_alone(name: &str) -> Explanation {
    troubleshoot::explain(&paste(name), &Context::default())
}

fn explain_with(name: &str, client_id: &str) -> Explanation {
    let configuration = homelab();
    troubleshoot::explain(
        &paste(name),
        &Context {
            configuration: &configuration,
            client_id,
            ..Context::default()
        },
    )
}

/// The change of `key`, or a failure listing the changes.
fn change<'e>(explanation: &'e Explanation, key: &str) -> &'e Change {
    explanation
        .changes
        .iter()
        .find(|c| c.key == key)
        .unwrap_or_else(|| panic!("no change of {key} in {explanation:#?}"))
}

/// The 1-based line of the first line of the home lab configuration holding `text`.
fn line_of(text: &str) -> Option<u32> {
    homelab()
        .lines()
        .position(|l| l.contains(text))
        .and_then(|i| u32::try_from(i + 1).ok())
}

#[test]
fn every_fixture_is_recognised_as_its_header_says() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 80, "{} fixtures", fixtures.len());
    let mut wrong = Vec::new();
    for f in &fixtures {
        let e = troubleshoot::explain(&f.paste, &Context::default());
        let (outcome, id) = if f.expect == "not-recognised" {
            (Outcome::NotRecognised, None)
        } else {
            (Outcome::Recognised, Some(f.expect.as_str()))
        };
        let wording_ok = match &e.wording {
            Some(w) => w.starts_with(&format!("{} (from ", f.wording)),
            None => f.wording.is_empty(),
        };
        if e.outcome != outcome
            || e.id.as_deref() != id
            || shape_name(e.shape) != f.shape
            || !wording_ok
        {
            wrong.push(format!(
                "{}: expected {} / {} / {}, got {:?} {:?} / {:?} / {}",
                f.name,
                f.expect,
                f.wording,
                f.shape,
                e.outcome,
                e.id,
                e.wording,
                shape_name(e.shape)
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_catalogue_entry_has_a_fixture_for_each_of_its_wordings() {
    let covered: BTreeSet<(String, String)> = fixtures()
        .into_iter()
        .map(|f| (f.expect, f.wording))
        .collect();
    let mut missing = Vec::new();
    for entry in ENTRIES {
        for fragment in entry.fragments {
            let key = (entry.id.to_owned(), fragment.wording.to_owned());
            if !covered.contains(&key) {
                missing.push(format!("{} / {}", key.0, key.1));
            }
        }
    }
    missing.dedup();
    assert!(
        missing.is_empty(),
        "no fixture for:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_log_line_s_endpoint_error_code_and_message_are_read() {
    let e = explain_alone("auth-method-mismatch.log.4-39.txt");
    assert_eq!(e.endpoint, Some(Endpoint::Token));
    assert_eq!(e.error.as_deref(), Some("invalid_client"));
    assert_eq!(e.evidence, Evidence::Config);
    let description = e.description.unwrap_or_default();
    assert!(
        description.starts_with("Access Request failed with error: Client authentication failed"),
        "{description}"
    );
    assert!(e.changes.is_empty(), "no configuration, no change");
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("`client_secret_post`") && n.contains("`client_secret_basic`")),
        "{:?}",
        e.notes
    );
}

#[test]
fn an_error_page_address_gives_its_decoded_fields_and_the_authorization_endpoint() {
    let e = explain_alone("client-not-found.page-address.4-39.txt");
    assert_eq!(e.endpoint, Some(Endpoint::Authorization));
    assert_eq!(e.error.as_deref(), Some("invalid_client"));
    assert_eq!(
        e.description.as_deref(),
        Some(
            "Client authentication failed (e.g., unknown client, no client authentication \
             included, or unsupported authentication method)."
        )
    );
}

#[test]
fn a_method_mismatch_names_the_key_its_line_and_both_methods() {
    let e = explain_with("auth-method-mismatch.log.4-39.txt", "matomo");
    let c = change(&e, "token_endpoint_auth_method");
    let line = line_of("token_endpoint_auth_method: 'client_secret_basic'");
    assert_eq!(c.line, line);
    assert_eq!(c.from.as_deref(), Some("client_secret_basic"));
    assert_eq!(c.to, "client_secret_post");
    let expected = format!(
        "The application sent `client_secret_post`; your client `matomo` (line {}) has \
         `client_secret_basic`.",
        line.unwrap_or_default()
    );
    assert!(c.sentence.starts_with(&expected), "{}", c.sentence);
}

#[test]
fn without_the_configuration_the_application_s_4_39_words_also_name_a_missing_secret() {
    let said = "when the client has no `client_secret`";
    let app = explain_alone("auth-method-mismatch.app-json.4-39.txt");
    assert_eq!(app.id.as_deref(), Some("auth-method-mismatch"));
    assert!(has_note(&app, said), "{:#?}", app.notes);
    // Authelia's log line tells the two apart, and master's words differ.
    for name in [
        "auth-method-mismatch.log.4-39.txt",
        "auth-method-mismatch.log.master.txt",
    ] {
        let e = explain_alone(name);
        assert!(!has_note(&e, said), "{name}: {:#?}", e.notes);
    }
}

#[test]
fn a_jwt_assertion_sent_to_a_secret_client_is_a_method_mismatch_naming_both() {
    let e = explain_alone("auth-method-mismatch.app-json.assertion-4-38.txt");
    assert_eq!(e.id.as_deref(), Some("auth-method-mismatch"));
    assert!(
        e.notes.iter().any(|n| n.contains("signed JWT assertion")
            && n.ends_with("allows only `client_secret_basic`.")),
        "{:#?}",
        e.notes
    );
}

#[test]
fn a_method_left_to_its_default_is_named_as_the_default() {
    // bookstack sets no method: confidential, so client_secret_basic applies.
    let pasted = paste("auth-method-mismatch.log.master.txt").replace("'matomo'", "'bookstack'");
    let configuration = homelab();
    let e = troubleshoot::explain(
        &pasted,
        &Context {
            configuration: &configuration,
            ..Context::default()
        },
    );
    let c = change(&e, "token_endpoint_auth_method");
    assert_eq!(c.from, None);
    assert_eq!(c.to, "client_secret_post");
    assert_eq!(c.line, line_of("- client_id: 'bookstack'"));
    assert!(
        c.sentence
            .contains("Authelia's default `client_secret_basic`"),
        "{}",
        c.sentence
    );
}

#[test]
fn a_redirect_uri_is_compared_with_every_registered_one_part_by_part() {
    let e = explain_with("redirect-uri-mismatch.log.4-39.txt", "");
    let Some(r) = &e.redirect else {
        panic!("no comparison: {e:#?}")
    };
    assert!(r.from_message);
    assert_eq!(
        r.sent,
        "http://matomo.example.com/index.php?module=LoginOIDC&action=callback&provider=oidc"
    );
    let parts: Vec<(Option<Part>, Option<u32>)> = r
        .entries
        .iter()
        .map(|e| (e.difference.as_ref().map(|d| d.part), e.line))
        .collect();
    assert_eq!(
        parts,
        vec![
            (
                Some(Part::Scheme),
                line_of("- 'https://matomo.example.com/index.php")
            ),
            (
                Some(Part::Scheme),
                line_of("- 'https://matomo.example.com:8443/")
            ),
        ]
    );
    let first = r.entries.first().and_then(|e| e.difference.as_ref());
    assert_eq!(
        first.map(|d| (d.registered.as_str(), d.sent.as_str())),
        Some(("https", "http"))
    );
    let c = change(&e, "redirect_uris");
    assert_eq!(c.line, line_of("redirect_uris:"));
    assert!(
        c.to.contains("'http://matomo.example.com/index.php?"),
        "{}",
        c.to
    );
    assert!(
        c.sentence.contains(&format!(
            "The closest, `https://matomo.example.com/index.php?module=LoginOIDC&action=callback&provider=oidc` (line {}): the scheme differs: it has `https`, the address sent has `http`.",
            line_of("- 'https://matomo.example.com/index.php").unwrap_or_default()
        )),
        "{}",
        c.sentence
    );
}

#[test]
fn a_redirect_uri_whose_query_lacks_a_field_is_named_by_its_query() {
    // JSON log: the address's `&` arrive as `\u0026`.
    let e = explain_with("redirect-uri-mismatch.json-log.master.txt", "");
    let Some(r) = &e.redirect else {
        panic!("no comparison: {e:#?}")
    };
    assert_eq!(
        r.sent,
        "https://matomo.example.com/index.php?module=LoginOIDC&action=callback"
    );
    let parts: Vec<Option<Part>> = r
        .entries
        .iter()
        .map(|e| e.difference.as_ref().map(|d| d.part))
        .collect();
    assert_eq!(parts, vec![Some(Part::Query), Some(Part::Port)]);
}

#[test]
fn without_the_address_sent_the_application_s_address_is_compared() {
    let configuration = homelab();
    let e = troubleshoot::explain(
        &paste("redirect-uri-mismatch.page-address.4-39.txt"),
        &Context {
            configuration: &configuration,
            client_id: "matomo",
            application_url: "https://matomo.example.com",
            ..Context::default()
        },
    );
    let Some(r) = &e.redirect else {
        panic!("no comparison: {e:#?}")
    };
    assert!(!r.from_message);
    let parts: Vec<Option<Part>> = r
        .entries
        .iter()
        .map(|e| e.difference.as_ref().map(|d| d.part))
        .collect();
    assert_eq!(parts, vec![None, Some(Part::Port)]);
}

#[test]
fn an_application_without_a_secret_gets_its_client_made_public() {
    let e = explain_with("none-on-confidential-client.log.4-39.txt", "");
    let public = change(&e, "public");
    assert_eq!((public.from.as_deref(), public.to.as_str()), (None, "true"));
    assert_eq!(public.line, line_of("- client_id: 'bookstack'"));
    assert_eq!(change(&e, "token_endpoint_auth_method").to, "none");
    let secret = change(&e, "client_secret");
    assert_eq!(secret.to, "");
    assert_eq!(
        secret.line,
        line_of("- client_id: 'bookstack'").map(|l| l + 1)
    );
    assert_eq!(change(&e, "require_pkce").to, "true");
}

#[test]
fn a_scope_the_client_lacks_is_added_to_its_scopes() {
    let e = explain_with("scope-not-allowed.log.4-38.txt", "matomo");
    let c = change(&e, "scopes");
    assert_eq!(c.line, line_of("scopes:"));
    assert_eq!(c.from.as_deref(), Some("['openid', 'profile', 'email']"));
    assert_eq!(c.to, "['openid', 'profile', 'email', 'offline_access']");
}

#[test]
fn a_client_id_that_differs_only_in_case_is_named_so() {
    let e = explain_with("client-not-found.log.4-39.txt", "");
    let c = change(&e, "client_id");
    assert_eq!(c.line, line_of("- client_id: 'grafana'"));
    assert_eq!(
        (c.from.as_deref(), c.to.as_str()),
        (Some("grafana"), "Grafana")
    );
    assert!(c.sentence.contains("letter case"), "{}", c.sentence);
}

#[test]
fn a_refresh_grant_is_added_with_its_scope_named() {
    let e = explain_with("grant-type-not-allowed.log.4-39.txt", "grafana");
    let c = change(&e, "grant_types");
    assert_eq!(c.line, line_of("grant_types:"));
    assert_eq!(c.to, "['authorization_code', 'refresh_token']");
    assert!(has_note(&e, "`offline_access`"), "{:?}", e.notes);
}

#[test]
fn pkce_required_by_the_client_and_the_provider_names_both_keys() {
    let e = explain_with("pkce-required.log.4-39.txt", "");
    let require = change(&e, "require_pkce");
    assert_eq!(require.line, line_of("require_pkce: true"));
    assert_eq!(
        (require.from.as_deref(), require.to.as_str()),
        (Some("true"), "false")
    );
    let method = change(&e, "pkce_challenge_method");
    assert_eq!(
        (method.from.as_deref(), method.to.as_str()),
        (Some("S256"), "")
    );
    // `to` empty is "remove the key": the sentence must say remove, as the CLI's
    // "→ (removed)" beside it does.
    assert!(method.sentence.contains("remove it"), "{}", method.sentence);
    let enforce = change(&e, "enforce_pkce");
    assert_eq!(enforce.line, line_of("enforce_pkce:"));
    assert_eq!(enforce.to, "public_clients_only");
}

#[test]
fn pkce_plain_refused_by_the_client_itself_is_not_offered_the_provider_s_switch() {
    // nodered enforces S256 itself: allowing plain on the provider would change nothing.
    let e = explain_with("pkce-method-not-allowed.log.client-master.txt", "nodered");
    assert!(
        !e.changes
            .iter()
            .any(|c| c.key == "enable_pkce_plain_challenge"),
        "{:#?}",
        e.changes
    );
    assert!(has_note(&e, "takes only `S256`"), "{:#?}", e.notes);
    // A client that enforces nothing is refused by the provider: its switch is offered.
    let pasted =
        paste("pkce-method-not-allowed.log.client-master.txt").replace("'nodered'", "'matomo'");
    let configuration = homelab();
    let e = troubleshoot::explain(
        &pasted,
        &Context {
            configuration: &configuration,
            ..Context::default()
        },
    );
    assert_eq!(change(&e, "enable_pkce_plain_challenge").to, "true");
}

#[test]
fn a_signed_userinfo_answer_is_set_back_to_none() {
    let e = explain_with("userinfo-is-jwt.app.go.txt", "immich");
    let c = change(&e, "userinfo_signed_response_alg");
    assert_eq!(c.line, line_of("userinfo_signed_response_alg:"));
    assert_eq!((c.from.as_deref(), c.to.as_str()), (Some("RS256"), "none"));
}

#[test]
fn an_id_token_algorithm_is_set_to_the_application_s() {
    let e = explain_with("id-token-alg-mismatch.app.openid-client.txt", "immich");
    let c = change(&e, "id_token_signed_response_alg");
    assert_eq!((c.from.as_deref(), c.to.as_str()), (Some("ES256"), "RS256"));
    assert_eq!(c.line, line_of("id_token_signed_response_alg:"));
}

#[test]
fn consent_at_every_sign_in_is_made_pre_configured() {
    let e = explain_with("consent-every-login.page-text.master.txt", "mealie");
    let mode = change(&e, "consent_mode");
    assert_eq!(mode.line, line_of("consent_mode: 'explicit'"));
    assert_eq!(
        (mode.from.as_deref(), mode.to.as_str()),
        (Some("explicit"), "pre-configured")
    );
    assert_eq!(change(&e, "pre_configured_consent_duration").from, None);
    assert!(has_note(&e, "`offline_access`"), "{:?}", e.notes);
}

#[test]
fn a_silent_sign_in_that_needs_consent_makes_the_client_s_consent_remembered() {
    // The explicit client's own line (4.38.7 to 4.39.1), and the application's words:
    // mealie's explicit consent, as the file has it, is the cause.
    for name in [
        "consent-required.log.explicit-4-38-7.txt",
        "consent-required.callback.master.txt",
    ] {
        let e = explain_with(name, "mealie");
        assert_eq!(e.id.as_deref(), Some("consent-required"), "{name}");
        let mode = change(&e, "consent_mode");
        assert_eq!(mode.line, line_of("consent_mode: 'explicit'"), "{name}");
        assert_eq!(
            (mode.from.as_deref(), mode.to.as_str()),
            (Some("explicit"), "pre-configured"),
            "{name}"
        );
        assert_eq!(
            change(&e, "pre_configured_consent_duration").to,
            "1 month",
            "{name}"
        );
    }
    // Only a pre-configured client writes this line: a file saying explicit is not what
    // Authelia ran, and changing its mode would not be the fix.
    let e = explain_with("consent-required.log.master.txt", "mealie");
    assert!(e.changes.is_empty(), "{:#?}", e.changes);
    assert!(
        has_note(&e, "the Authelia that answered runs another configuration"),
        "{:#?}",
        e.notes
    );
    // A refusal on the consent screen is the user's choice: nothing to change.
    let refused = explain_with("consent-denied.log.master.txt", "mealie");
    assert_eq!(refused.id.as_deref(), Some("consent-denied"));
    assert!(refused.changes.is_empty(), "{:#?}", refused.changes);
}

#[test]
fn a_user_refused_by_the_policy_gets_a_rule_under_it() {
    let e = explain_with("access-denied-by-policy.log.4-38.txt", "");
    let c = change(
        &e,
        "identity_providers.oidc.authorization_policies.jellyfin_users.rules",
    );
    assert_eq!(c.line, line_of("- policy: 'two_factor'"));
    assert!(c.to.contains("user:jdoe"), "{}", c.to);
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("`group:media`") && n.contains("default_policy: 'deny'")),
        "{:?}",
        e.notes
    );
}

#[test]
fn a_missing_claims_policy_is_given_to_the_client_and_defined() {
    let e = explain_with("claims-missing.app.nextcloud.txt", "bookstack");
    let client = change(&e, "claims_policy");
    assert_eq!((client.from.clone(), client.to.as_str()), (None, "default"));
    assert_eq!(client.line, line_of("- client_id: 'bookstack'"));
    let provider = change(
        &e,
        "identity_providers.oidc.claims_policies.default.id_token",
    );
    assert!(provider.to.contains("'email'"), "{}", provider.to);
}

#[test]
fn a_client_without_a_claims_policy_is_given_the_provider_s_only_one() {
    // As a guide's block gives them (Nextcloud's), with the client's line left out.
    let configuration = "identity_providers:
  oidc:
    claims_policies:
      nextcloud_userinfo:
        custom_claims:
          is_nextcloud_admin:
            attribute: 'is_nextcloud_admin'
    clients:
      - client_id: 'nextcloud'
        client_secret: '$pbkdf2-sha512$310000$c8p78n7pUMln0jzvd4aK4Q$JNRBzwAo0ek5qKn50cFzzvE9RXV88h1wJn5KGiHrD0YKtZaR/nCb2CJPOsKaPK0hjf.9yHxzQGZziziccp6Yng'
        token_endpoint_auth_method: 'client_secret_basic'
";
    let explain = |configuration: &str| {
        troubleshoot::explain(
            &paste("claims-missing.app.nextcloud.txt"),
            &Context {
                configuration,
                client_id: "nextcloud",
                ..Context::default()
            },
        )
    };
    let e = explain(configuration);
    let client = change(&e, "claims_policy");
    assert_eq!(
        (client.from.clone(), client.to.as_str(), client.line),
        (None, "nextcloud_userinfo", Some(9))
    );
    assert!(
        client
            .sentence
            .contains("the provider's only claims policy, `nextcloud_userinfo`"),
        "{}",
        client.sentence
    );
    let policy = change(
        &e,
        "identity_providers.oidc.claims_policies.nextcloud_userinfo.id_token",
    );
    assert_eq!((policy.from.clone(), policy.line), (None, Some(4)));
    assert!(policy.to.contains("'email'"), "{}", policy.to);

    // With two policies, neither is taken for the client's: a new one is proposed.
    let two = configuration.replace(
        "    clients:",
        "      other:\n        id_token: ['email']\n    clients:",
    );
    let e = explain(&two);
    assert_eq!(change(&e, "claims_policy").to, "default");
}

#[test]
fn an_authelia_host_under_no_cookie_domain_is_named_at_the_cookie() {
    let configuration = homelab();
    let e = troubleshoot::explain(
        &paste("issuer-mismatch.log.4-39-17.txt"),
        &Context {
            configuration: &configuration,
            authelia_url: "https://auth.example.com",
            ..Context::default()
        },
    );
    let c = change(&e, "session.cookies[0].domain");
    assert_eq!(c.line, line_of("- domain: 'example.org'"));
    assert_eq!(
        (c.from.as_deref(), c.to.as_str()),
        (Some("example.org"), "example.com")
    );
    assert!(
        has_note(&e, "`http://authelia:9091/api/oidc/authorization`"),
        "{:?}",
        e.notes
    );
}

#[test]
fn a_template_secret_is_named_as_the_likely_empty_secret() {
    let e = explain_with("client-secret-missing.log.4-39.txt", "");
    assert!(e.changes.is_empty(), "{:?}", e.changes);
    assert!(
        has_note(&e, "X_AUTHELIA_CONFIG_FILTERS=template"),
        "{:?}",
        e.notes
    );
}

#[test]
fn a_digest_mangled_by_variable_expansion_is_pointed_out() {
    let pasted = paste("client-secret-mismatch.log.4-39.txt");
    let configuration = homelab();
    let e = troubleshoot::explain(
        &pasted,
        &Context {
            configuration: &configuration,
            client_id: "grafana",
            ..Context::default()
        },
    );
    assert_eq!(e.evidence, Evidence::Log);
    assert!(e.look_for.is_some());
    assert!(
        e.notes.iter().any(|n| n.contains("`$$`")
            && n.contains(&format!(
                "(line {})",
                line_of("client_secret: 'pbkdf2-sha512310000").unwrap_or_default()
            ))),
        "{:?}",
        e.notes
    );
}

#[test]
fn authelia_s_log_line_gives_the_reason_after_a_general_hint_instead_of_being_asked_for() {
    // The application receives the general hint alone: it is sent to Authelia's log.
    let app = explain_alone("client-credentials-rejected.app-json.master.txt");
    assert_eq!(
        app.fix,
        "Find Authelia's log line for this request and paste it here."
    );
    assert!(app.look_for.is_some());
    // The log line has the reason after the hint: quoted, and not asked for again.
    for (name, reason, title) in [
        (
            "client-credentials-rejected.log.master.txt",
            "\"The basic scheme value was not separated by a colon.\"",
            "Authelia refused the application's client credentials",
        ),
        (
            "grant-rejected.log.master.txt",
            "\"The OAuth 2.0 Client ID from this request does not match the one from the \
             authorize request.\"",
            "Authelia refused the code or refresh token the application exchanged",
        ),
        (
            "request-rejected.page-address-debug.master.txt",
            "\"The client requested PKCE but no challenge was provided in the authorize \
             request.\"",
            "Authelia refused the request as malformed",
        ),
        (
            "request-rejected.log.master.txt",
            "\"The client with id 'grafana' requested grant type 'password' which is invalid, \
             unknown, not supported, or not configured to be handled.\"",
            "Authelia refused the request as malformed",
        ),
    ] {
        let e = explain_alone(name);
        assert!(e.happened.ends_with(reason), "{name}: {}", e.happened);
        assert!(!e.happened.contains("Make sure"), "{name}: {}", e.happened);
        assert_eq!(e.title, title, "{name}");
        assert!(!e.fix.contains("paste"), "{name}: {}", e.fix);
        assert_eq!(e.look_for, None, "{name}");
    }
}

#[test]
fn an_unknown_client_at_the_token_endpoint_is_no_error_page() {
    let token = explain_alone("client-not-found.log.token-master.txt");
    assert_eq!(token.id.as_deref(), Some("client-not-found"));
    assert_eq!(token.endpoint, Some(Endpoint::Token));
    assert!(!token.happened.contains("error page"), "{}", token.happened);
    assert!(
        token.happened.contains("another client id at this step"),
        "{}",
        token.happened
    );
    // The browser's visit does stop at Authelia's error page.
    let visit = explain_alone("client-not-found.log.4-39.txt");
    assert_eq!(visit.endpoint, Some(Endpoint::Authorization));
    assert!(
        visit.happened.contains("its own error page"),
        "{}",
        visit.happened
    );
}

#[test]
fn with_two_messages_the_code_and_text_shown_are_the_explained_one_s() {
    // An error page's text (invalid_request), then a log line of another failure.
    let pasted = format!(
        "{}\n{}",
        paste("redirect-uri-mismatch.page-text.4-39.txt"),
        paste("client-secret-mismatch.log.4-39.txt")
    );
    let e = troubleshoot::explain(&pasted, &Context::default());
    assert_eq!(e.id.as_deref(), Some("client-secret-mismatch"));
    assert_eq!(e.error.as_deref(), Some("invalid_client"));
    let said = e.description.unwrap_or_default();
    assert!(said.contains("client secret did not match"), "{said}");
    assert!(!said.contains("redirect_uri"), "{said}");
}

#[test]
fn a_direction_control_in_the_paste_is_quoted_escaped() {
    // U+202E would show the rest of the quoted address reversed: `…/cbexe.png`.
    let pasted = paste("redirect-uri-mismatch.log.4-39.txt")
        .replace("callback&provider=oidc'", "callback\u{202e}gnp.exe'");
    let e = troubleshoot::explain(&pasted, &Context::default());
    assert_eq!(e.id.as_deref(), Some("redirect-uri-mismatch"));
    let all = serde_json::to_string(&e).unwrap_or_default();
    assert!(!all.contains('\u{202e}'), "{all}");
    assert!(has_note(&e, "callback\\u{202e}gnp.exe"), "{:#?}", e.notes);
}

#[test]
fn a_redirect_uri_with_a_fragment_gets_no_change_of_redirect_uris() {
    let e = explain_with(
        "redirect-uri-mismatch.page-address-fragment.master.txt",
        "matomo",
    );
    assert_eq!(e.id.as_deref(), Some("redirect-uri-mismatch"));
    assert!(e.changes.is_empty(), "{:#?}", e.changes);
    assert!(
        has_note(&e, "never accepts a redirect URI with a fragment"),
        "{:#?}",
        e.notes
    );
}

#[test]
fn a_rejected_client_assertion_is_not_told_to_send_a_secret() {
    let e = explain_with(
        "client-credentials-rejected.log.assertion-master.txt",
        "grafana",
    );
    assert!(
        e.happened.contains("has an invalid audience"),
        "{}",
        e.happened
    );
    assert!(
        has_note(
            &e,
            "the application authenticates with a signed JWT assertion"
        ),
        "{:#?}",
        e.notes
    );
    assert!(!has_note(&e, "must send its secret"), "{:#?}", e.notes);
}

#[test]
fn the_reason_is_quoted_from_authelia_s_words_only_never_the_application_s() {
    let general = "The provided authorization grant (e.g., authorization code, resource owner \
                   credentials) or refresh token is invalid, expired, revoked, does not match the \
                   redirection URI used in the authorization request, or was issued to another \
                   client.";
    // An application's own words after the provider's are not Authelia's reason.
    for pasted in [
        format!(
            "Login failed: invalid_grant: {general} Please try again or contact your administrator."
        ),
        format!(
            "ERROR [oidc] token exchange failed: invalid_grant ({general}) -- retrying in 5s. Attempt 2 of 3"
        ),
    ] {
        let e = troubleshoot::explain(&pasted, &Context::default());
        assert_eq!(e.id.as_deref(), Some("grant-rejected"), "{pasted}");
        assert!(!e.happened.contains("names the reason"), "{}", e.happened);
        assert_eq!(
            e.fix,
            "Find Authelia's log line for this request and paste it here."
        );
    }
    // A JSON answer's description holds only the provider's: its hint is the reason.
    let answer = format!(
        "{{\"error\":\"invalid_grant\",\"error_description\":\"{general} The OAuth 2.0 Client ID \
         from this request does not match the one from the authorize request.\"}}"
    );
    let e = troubleshoot::explain(&answer, &Context::default());
    assert!(
        e.happened
            .contains("its answer names the reason after the provider's general words"),
        "{}",
        e.happened
    );
}

#[test]
fn an_unknown_message_is_answered_with_what_was_found() {
    let e = explain_alone("not-recognised.log.response-mode.txt");
    assert_eq!(e.outcome, Outcome::NotRecognised);
    assert_eq!(e.id, None);
    assert_eq!(e.endpoint, Some(Endpoint::Authorization));
    assert_eq!(e.error.as_deref(), Some("unsupported_response_mode"));
    assert!(
        e.description
            .as_deref()
            .is_some_and(|d| d.ends_with("Request with unsupported response_mode 'web_message'.")),
        "{:?}",
        e.description
    );
    assert_eq!(e.evidence, Evidence::Log);
    let nothing = explain_alone("not-recognised.text.unrelated.txt");
    assert_eq!((nothing.endpoint, nothing.error), (None, None));
    assert!(
        nothing.happened.contains("does not look like"),
        "{}",
        nothing.happened
    );
}

#[test]
fn an_unreadable_configuration_is_named_and_the_explanation_goes_on() {
    let e = troubleshoot::explain(
        &paste("auth-method-mismatch.log.4-39.txt"),
        &Context {
            configuration: "clients:\n  - client_id: 'matomo'\n   bad: [\n",
            ..Context::default()
        },
    );
    assert_eq!(e.id.as_deref(), Some("auth-method-mismatch"));
    assert!(
        e.notes
            .iter()
            .any(|n| n.starts_with("Your configuration could not be read")),
        "{:?}",
        e.notes
    );
}

#[test]
fn another_message_on_another_line_is_reported_beside_the_first() {
    let pasted = format!(
        "{}\n{}",
        paste("scope-not-allowed.log.4-38.txt"),
        paste("auth-method-mismatch.log.4-39.txt")
    );
    let e = troubleshoot::explain(&pasted, &Context::default());
    assert_eq!(e.id.as_deref(), Some("auth-method-mismatch"));
    assert!(has_note(&e, "`scope-not-allowed`"), "{:?}", e.notes);
}

#[test]
fn an_explanation_survives_serialisation_for_the_worker() {
    let e = explain_with("redirect-uri-mismatch.log.4-39.txt", "matomo");
    let text = serde_yaml::to_string(&e).unwrap_or_else(|err| panic!("{err}"));
    let back: Explanation = serde_yaml::from_str(&text).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(back, e);
}

#[test]
fn a_paste_over_the_size_cap_is_refused_at_once_naming_the_limit() {
    let huge = "a".repeat(MAX_TROUBLESHOOT_BYTES + 1);
    let started = Instant::now();
    let e = troubleshoot::explain(&huge, &Context::default());
    assert!(
        started.elapsed() < Duration::from_millis(50),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(e.outcome, Outcome::Refused);
    assert!(
        e.happened.contains("MAX_TROUBLESHOOT_BYTES"),
        "{}",
        e.happened
    );
    assert!(
        e.happened.contains(&MAX_TROUBLESHOOT_BYTES.to_string()),
        "{}",
        e.happened
    );
    let at_cap = "a".repeat(MAX_TROUBLESHOOT_BYTES);
    assert_eq!(
        troubleshoot::explain(&at_cap, &Context::default()).outcome,
        Outcome::NotRecognised
    );
}

#[test]
fn a_paste_over_the_line_cap_is_refused_naming_the_limit() {
    let many = "\n".repeat(MAX_TROUBLESHOOT_LINES);
    let e = troubleshoot::explain(&many, &Context::default());
    assert_eq!(e.outcome, Outcome::Refused);
    assert!(
        e.happened.contains("MAX_TROUBLESHOOT_LINES"),
        "{}",
        e.happened
    );
    let at_cap = "\n".repeat(MAX_TROUBLESHOOT_LINES - 1);
    assert_ne!(
        troubleshoot::explain(&at_cap, &Context::default()).outcome,
        Outcome::Refused
    );
}

/// Times `explain` on `small` and `large` (twice as much).
fn explain_at_most_triples(small: &str, large: &str) -> (bool, Vec<(Duration, Duration)>) {
    let configuration = homelab();
    let run = |text: &str| {
        std::hint::black_box(troubleshoot::explain(
            std::hint::black_box(text),
            &Context {
                configuration: &configuration,
                client_id: "matomo",
                ..Context::default()
            },
        ));
    };
    linear::at_most_triples(&run, 3, Duration::from_millis(10), small, large)
}

#[test]
fn doubling_a_log_at_most_triples_the_time() {
    let line = paste("auth-method-mismatch.log.4-39.txt");
    let log = |lines: usize| vec![line.as_str(); lines].join("\n");
    let (linear, times) = explain_at_most_triples(&log(1_500), &log(3_000));
    assert!(linear, "{times:?}");
}

#[test]
fn doubling_one_long_line_at_most_triples_the_time() {
    // One line holding a fragment, then a great deal of quotes, escapes and keys: every
    // reader of the line meets it.
    let line = |n: usize| {
        format!(
            "{} {}",
            paste("redirect-uri-mismatch.log.4-39.txt"),
            "\"error\":\"x\\\"\\u0026%27'?error=a&".repeat(n)
        )
    };
    let (linear, times) = explain_at_most_triples(&line(10_000), &line(20_000));
    assert!(linear, "{times:?}");
}

#[test]
fn doubling_lines_without_any_message_at_most_triples_the_time() {
    let log = |lines: usize| {
        (0..lines)
            .map(|i| format!("time=\"2025-06-03T10:14:{:02}Z\" level=debug msg=\"Check authorization of subject {i}\" method=GET path=/api/authz/forward-auth", i % 60))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (linear, times) = explain_at_most_triples(&log(4_000), &log(8_000));
    assert!(linear, "{times:?}");
}

/// The longest item of a value as a change writes it: a YAML list `['a', 'b']` or one
/// value, in characters.
fn longest_item(value: &str) -> usize {
    match value.strip_prefix("['").and_then(|v| v.strip_suffix("']")) {
        Some(items) => items
            .split("', '")
            .map(|i| i.chars().count())
            .max()
            .unwrap_or(0),
        None => value.chars().count(),
    }
}

/// Pieces of messages, escapes and addresses, to reach deep into the readers.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("level=error msg=\"".to_owned()),
        Just("\"error\":\"invalid_client\",\"error_description\":\"".to_owned()),
        Just("?error=invalid_request&error_hint=".to_owned()),
        Just("Description: ".to_owned()),
        Just("oauth2: \"".to_owned()),
        Just("'token_endpoint_auth_method' method '".to_owned()),
        Just("did not match 'redirect_uri' value '".to_owned()),
        Just("client with id '".to_owned()),
        Just("not allowed to request scope '".to_owned()),
        Just("expected \"".to_owned()),
        Just(", expected ".to_owned()),
        Just("\\u00".to_owned()),
        Just("\\ud83d".to_owned()),
        Just("\\\\\\\"".to_owned()),
        Just("%2".to_owned()),
        Just("%E2%80".to_owned()),
        Just("'".to_owned()),
        Just("\n".to_owned()),
        "\\PC{0,12}",
        "[a-z:/.%&?=' ]{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn explain_never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
        let configuration = homelab();
        let _ = troubleshoot::explain(&text, &Context::default());
        let _ = troubleshoot::explain(&text, &Context { configuration: &configuration, client_id: "matomo", authelia_url: &text, application_url: &text });
        let _ = troubleshoot::explain(&homelab(), &Context { configuration: &text, client_id: &text, ..Context::default() });
    }

    #[test]
    fn explain_never_panics_on_pieces_of_messages_and_cuts_what_it_quotes(
        pieces in prop::collection::vec(piece(), 0..40),
        long in "[a-z]{0,300}",
    ) {
        let text = pieces.concat().replace("''", &format!("'{long}'"));
        let configuration = homelab();
        let e = troubleshoot::explain(&text, &Context { configuration: &configuration, client_id: "matomo", application_url: "https://matomo.example.com", ..Context::default() });
        if let Some(r) = &e.redirect {
            prop_assert!(r.sent.chars().count() <= MAX_QUOTED_CHARS + 1);
            for entry in &r.entries {
                prop_assert!(entry.uri.chars().count() <= MAX_QUOTED_CHARS + 1);
            }
        }
        for c in &e.changes {
            for value in c.from.iter().chain(Some(&c.to)) {
                prop_assert!(longest_item(value) <= MAX_QUOTED_CHARS + 1, "{value}");
            }
        }
        prop_assert!(e.description.as_ref().is_none_or(|d| d.chars().count() <= troubleshoot::MAX_DESCRIPTION_CHARS + 1));
    }
}
