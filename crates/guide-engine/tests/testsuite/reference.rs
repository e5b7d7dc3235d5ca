//! The project's Matomo guide against Authelia's published page: same variables, a
//! digest node, nothing unknown, every fact carried over.

use std::collections::BTreeSet;

use guide_engine::walk::{Node, walk};
use guide_engine::{self as guide, Block, Document, Inline, Values, variables};

use crate::support::text;

/// The project's root, where guides/ and tests/fixtures/ live.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn project_guide() -> Document {
    let path = format!("{ROOT}/guides/matomo.md");
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    guide::parse(&src).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn names(doc: &Document) -> BTreeSet<String> {
    doc.variables().iter().map(|v| v.name.clone()).collect()
}

#[test]
fn reference_guide_yields_the_project_guides_variables_and_a_digest() {
    // Authelia's own page, kept in the repository with its source named in it.
    let path = format!("{ROOT}/tests/fixtures/reference/matomo.authelia.md");
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let reference = guide::parse(&src).expect("the reference parses");
    let ours = project_guide();
    assert_eq!(names(&reference), names(&ours));
    assert_eq!(
        reference.variables(),
        ours.variables(),
        "same labels, kinds and defaults"
    );
    assert!(reference.has_digest());
    assert!(reference.needs_secret());
    assert_eq!(reference.notices(), Vec::<&str>::new());
    assert_eq!(reference.default_digest(), variables::REFERENCE_DIGEST);
    let seo = reference
        .front_matter
        .seo
        .as_ref()
        .and_then(|s| s.description.as_deref())
        .unwrap_or_default();
    assert!(
        seo.contains("Autheliaâ€™s"),
        "double-encoded apostrophe kept as published"
    );

    // The reader's values reach the recognised credentials, and the digest comment
    // quotes no plaintext at all.
    let mut values = Values::for_document(&reference);
    values.set("client-id", "my-app");
    values.set("client-secret", "reader_secret");
    let config = config_block(&reference, &values, "$pbkdf2-sha512$310000$READER");
    assert!(config.contains("client_id: 'my-app'"), "{config}");
    assert!(
        config.contains("client_secret: '$pbkdf2-sha512$310000$READER'  # The digest of the client secret, never the secret itself."),
        "{config}"
    );
    assert!(
        !config.contains("insecure_secret"),
        "no stale plaintext: {config}"
    );
    assert!(
        !config.contains("reader_secret"),
        "plaintext in Authelia's block: {config}"
    );
    // Its relative links point where Authelia publishes their targets.
    let sites: Vec<String> = walk(&reference.blocks)
        .filter_map(|n| match n {
            Node::Inline(Inline::Link {
                target:
                    guide::Target::Relative {
                        site: Some(url), ..
                    },
                ..
            }) => Some(guide::resolve_url(url, &values)),
            _ => None,
        })
        .collect();
    assert!(
        sites.contains(
            &"https://www.authelia.com/integration/openid-connect/introduction/".to_owned()
        )
    );
    assert!(
        sites.contains(
            &"https://www.authelia.com/configuration/identity-providers/openid-connect/clients/"
                .to_owned()
        )
    );
    let client_ids = walk(&reference.blocks)
        .filter_map(|n| n.variable())
        .filter(|v| v.name == "client-id")
        .count();
    assert_eq!(client_ids, 3, "YAML, assumptions, settings");
}

/// The text of the code block that holds the digest, for these values.
fn config_block(doc: &Document, values: &Values, digest: &str) -> String {
    walk(&doc.blocks)
        .find_map(|n| match n {
            Node::Block(Block::CodeBlock {
                segments,
                holds_digest: true,
                ..
            }) => Some(guide::resolve_all(segments, values, digest)),
            _ => None,
        })
        .unwrap_or_default()
}

#[test]
fn project_guide_uses_its_dialect_without_notices() {
    let doc = project_guide();
    let got: Vec<(&str, &str, &str)> = doc
        .variables()
        .iter()
        .map(|v| (v.name.as_str(), v.label.as_str(), v.default.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            // The first assumption: the application's address, written with the domain.
            (
                "application-url",
                "Application URL",
                "https://matomo.example.com/"
            ),
            ("domain", "Domain", "example.com"),
            ("subdomain-authelia", "Authelia subdomain", "auth"),
            ("client-id", "Client ID", "matomo"),
            ("client-secret", "Client Secret", "insecure_secret"),
        ]
    );
    assert!(doc.has_digest());
    assert!(doc.notices().is_empty());
    // The panel stands where the guide marks it, after its assumptions.
    let panel = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::VariablesPanel));
    let assumptions = doc.toc().iter().position(|t| t.id == "assumptions");
    assert!(panel.is_some() && assumptions.is_some());
    assert_eq!(doc.front_matter.title.as_deref(), Some("Matomo"));
    assert_eq!(doc.front_matter.weight, Some(620));
}

#[test]
fn reader_values_flow_into_the_project_guide() {
    let doc = project_guide();
    let mut values = Values::for_document(&doc);
    values.set("domain", "example.co.uk");
    values.set("subdomain-authelia", "login");
    let text = text(&doc, &values, doc.default_digest());
    assert!(!text.contains("example.com"), "{text}");
    assert!(text.contains("https://login.example.co.uk/api/oidc/token"));
}
