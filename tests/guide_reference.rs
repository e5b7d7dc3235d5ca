//! The project's Matomo guide against Authelia's published page: same variables, a
//! digest node, nothing unknown, every fact carried over.

use std::collections::BTreeSet;

use guide_playground::guide::{self, Document, Values, render, variables};

fn project_guide() -> Document {
    let path = format!("{}/guides/matomo.md", env!("CARGO_MANIFEST_DIR"));
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    guide::parse(&src).expect("the project's guide parses")
}

fn names(doc: &Document) -> BTreeSet<String> {
    doc.variables().iter().map(|v| v.name.clone()).collect()
}

#[test]
fn reference_guide_yields_the_project_guides_variables_and_a_digest() {
    let path = format!(
        "{}/../shared/reference/matomo-guide.authelia.md",
        env!("CARGO_MANIFEST_DIR")
    );
    let Ok(src) = std::fs::read_to_string(&path) else {
        println!("skipped: reference guide not found at {path}");
        return;
    };
    let reference = guide::parse(&src).expect("the reference parses");
    let ours = project_guide();
    assert_eq!(names(&reference), names(&ours));
    assert_eq!(
        reference.variables(),
        ours.variables(),
        "same labels, kinds and defaults"
    );
    assert!(reference.has_digest());
    assert!(reference.has_variables_panel());
    assert_eq!(reference.notices(), Vec::<String>::new());
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
    let html = render::to_html(&reference, &values, "$pbkdf2-sha512$310000$READER");
    assert!(
        !html.contains("matomo</span>") && !html.contains("'matomo'"),
        "client id replaced"
    );
    assert!(
        !html.contains("insecure_secret"),
        "no stale plaintext: {html}"
    );
    // Authelia's configuration never quotes a plaintext secret, the reader's or the example's.
    assert!(html.contains("# The digest of the client secret, never the secret itself."));
    let config = html.split("client_secret:").nth(1).unwrap_or_default();
    let config = config.split("</code>").next().unwrap_or_default();
    assert!(
        !config.contains("reader_secret"),
        "plaintext in Authelia's block: {config}"
    );
    assert!(html.contains(
        "client_secret: &#39;<span class=\"digest\">$pbkdf2-sha512$310000$READER</span>&#39;"
    ));
    assert_eq!(
        html.matches("data-var=\"client-id\">my-app<").count(),
        3,
        "YAML, assumptions, settings"
    );
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
            ("domain", "Domain", "example.com"),
            ("subdomain-authelia", "Authelia subdomain", "auth"),
            ("client-id", "Client ID", "matomo"),
            ("client-secret", "Client Secret", "insecure_secret"),
        ]
    );
    assert!(doc.has_digest());
    assert!(doc.has_variables_panel());
    assert!(doc.notices().is_empty());
    assert_eq!(doc.front_matter.title.as_deref(), Some("Matomo"));
    assert_eq!(doc.front_matter.weight, Some(620));
}

#[test]
fn project_guide_carries_every_fact_of_the_reference() {
    let html = render::fallback(&project_guide());
    let facts = [
        "https://github.com/authelia/authelia/releases/tag/v4.38.14",
        ">v4.38.14<",
        "https://github.com/matomo-org/matomo/releases/tag/5.1.2",
        ">v5.1.2<",
        "https://github.com/dominik-th/matomo-plugin-LoginOIDC/releases/tag/5.0.0",
        ">v5.0.0<",
        "<code>Administration</code>",
        "<code>Plugins</code>",
        "<code>Manage Plugins</code>",
        "<code>installing plugins from the Marketplace</code>",
        "<code>Login OIDC</code> by <code>dominik-th</code>",
        "<figcaption>configuration.yml</figcaption>",
        "## See: https://www.authelia.com/c/oidc",
        "client_name: &#39;Matomo&#39;",
        "public: false",
        "authorization_policy: &#39;two_factor&#39;",
        "require_pkce: false",
        "pkce_challenge_method: &#39;&#39;",
        "/index.php?module=LoginOIDC&amp;action=callback&amp;provider=oidc&#39;",
        "- &#39;openid&#39;\n          - &#39;groups&#39;\n          - &#39;email&#39;",
        "- &#39;code&#39;",
        "- &#39;authorization_code&#39;",
        "access_token_signed_response_alg: &#39;none&#39;",
        "userinfo_signed_response_alg: &#39;none&#39;",
        "token_endpoint_auth_method: &#39;client_secret_post&#39;",
        "<code>System</code>",
        "<code>General settings</code>",
        "Authorize URL: <code>https://<span class=\"var\" data-var=\"subdomain-authelia\">auth</span>.<span class=\"var\" data-var=\"domain\">example.com</span>/api/oidc/authorization</code>",
        "/api/oidc/token</code>",
        "/api/oidc/userinfo</code>",
        "Userinfo ID: <code>sub</code>",
        "OAuth Scope: <code>openid email</code>",
        "https://plugins.matomo.org/LoginOIDC/#faq",
        "https://matomo.org/",
        "https://www.authelia.com",
        "https://plugins.matomo.org/LoginOIDC/",
        "<a href=\"#web-gui\">",
        "id=\"web-gui\"",
        variables::REFERENCE_DIGEST,
    ];
    for fact in facts {
        assert!(html.contains(fact), "missing {fact:?}");
    }
}

#[test]
fn reader_values_flow_into_the_project_guide() {
    let doc = project_guide();
    let mut values = Values::for_document(&doc);
    values.set("domain", "example.co.uk");
    values.set("subdomain-authelia", "login");
    let html = render::to_html(&doc, &values, doc.default_digest());
    assert!(!html.contains("example.com"));
    assert!(html.contains("https://<span class=\"var\" data-var=\"subdomain-authelia\">login</span>.<span class=\"var\" data-var=\"domain\">example.co.uk</span>/api/oidc/token"));
}
