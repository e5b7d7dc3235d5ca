//! Arbitrary input never panics the parser or the renderer.

use guide_playground::guide::{self, Values, render};
use proptest::prelude::*;

/// Fragments that stress the lexer and the markdown converter together.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{{< sitevar name=\"domain\" nojs=\"example.com\" >}}".to_owned()),
        Just("{{% sitevar name=\\\"domain\\\" format=\"dn\" %}}".to_owned()),
        Just("{{< callout context=\"note\" >}}".to_owned()),
        Just("{{< /callout >}}".to_owned()),
        Just("{{</* sitevar */>}}".to_owned()),
        Just("{{< client-secret-digest >}}".to_owned()),
        Just("{{% oidc-common bugs=\"claims-hydration,x\" %}}".to_owned()),
        Just("{{< sitevar-preferences >}}".to_owned()),
        Just("{{< figure src=\"javascript:x\" >}}".to_owned()),
        Just("{{<".to_owned()),
        Just(">}}".to_owned()),
        Just("```yaml {title=\"x".to_owned()),
        Just("````".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("- ".to_owned()),
        Just("1. ".to_owned()),
        Just("> ".to_owned()),
        Just("| a | b |\n|---|---|\n".to_owned()),
        Just("[x](javascript:alert(1))".to_owned()),
        Just("[r]: https://x\n".to_owned()),
        Just("<script>".to_owned()),
        Just("__b__ *e* `c`".to_owned()),
        Just("client_id: 'matomo'\n".to_owned()),
        Just("client_secret: '$x'  # The digest of 'y'.\n".to_owned()),
        Just("Client ID: `a`".to_owned()),
        Just("\u{E000}0\u{E001}".to_owned()),
        Just("---\n".to_owned()),
        "[ -~]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_input_never_panics(parts in prop::collection::vec(fragment(), 0..24)) {
        let src: String = parts.concat();
        if let Ok(doc) = guide::parse(&src) {
            let html = render::to_html(&doc, &Values::for_document(&doc), "d");
            prop_assert!(!html.contains("<script"));
            let lower = html.to_lowercase();
            prop_assert!(!lower.contains("href=\"javascript") && !lower.contains("src=\"javascript"));
            let _ = doc.toc();
        }
    }

    #[test]
    fn arbitrary_text_never_panics(src in any::<String>()) {
        if let Ok(doc) = guide::parse(&src) {
            let _ = render::fallback(&doc);
        }
    }
}
