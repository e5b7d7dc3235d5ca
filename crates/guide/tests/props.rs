//! Arbitrary input never panics the parser, and what it produces keeps the model's
//! promises: no address can run code or carry the secret, one variables panel.

use guide_engine::walk::{Node, walk};
use guide_engine::{self as guide, Block, Source, Target, UrlPart, Values, resolve_url};
use proptest::prelude::*;

/// Checks what every parsed document must be, whatever the input.
fn keeps_its_promises(doc: &guide::Document) -> Result<(), TestCaseError> {
    let values = Values::for_document(doc);
    let mut panels = 0;
    for node in walk(&doc.blocks) {
        match node {
            Node::Block(Block::VariablesPanel) => panels += 1,
            Node::Inline(guide::Inline::Link {
                target: Target::Web(url),
                ..
            })
            | Node::Inline(guide::Inline::Image {
                source: Source::Web(url),
                ..
            })
            | Node::Block(Block::Figure {
                source: Source::Web(url),
                ..
            }) => {
                prop_assert!(guide::url_is_safe(&resolve_url(url, &values)));
            }
            Node::UrlPart(UrlPart::Variable(v)) => {
                prop_assert_ne!(v.name.as_str(), "client-secret")
            }
            _ => {}
        }
    }
    prop_assert_eq!(panels, 1);
    let _ = doc.toc();
    Ok(())
}

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
        Just(
            "[v](https://e.example/?s={{< sitevar name=\"client-secret\" nojs=\"x\" >}})"
                .to_owned()
        ),
        Just("![i](./p.png?d={{< client-secret-digest >}})".to_owned()),
        Just("<https://auto.example/>".to_owned()),
        Just("[frag](#web-gui)".to_owned()),
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
            keeps_its_promises(&doc)?;
        }
    }

    #[test]
    fn arbitrary_text_never_panics(src in any::<String>()) {
        if let Ok(doc) = guide::parse(&src) {
            keeps_its_promises(&doc)?;
        }
    }
}
