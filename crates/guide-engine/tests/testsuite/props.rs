//! Arbitrary input never panics the parsers (the whole guide, its front matter, a fence's
//! info string), and what they produce keeps the model's promises: no address can run
//! code or carry the secret, one variables panel, no node deeper than the limit, no more
//! variables than the cap, no more nodes than the cap nor than a fixed number per byte.

use guide_engine::walk::{Node, walk};
use guide_engine::{self as guide, Block, Source, Target, UrlPart, Values, resolve_url};
use proptest::prelude::*;

/// Checks what every parsed document must be, whatever the input `src` was.
fn keeps_its_promises(src: &str, doc: &guide::Document) -> Result<(), TestCaseError> {
    // What a guide becomes grows at most linearly with it (one variables panel whatever).
    let nodes = doc.node_count();
    prop_assert!(nodes <= guide::budget::MAX_NODES);
    prop_assert!(
        nodes <= guide::budget::MAX_NODES_PER_BYTE * src.len() + 1,
        "{} nodes from {} bytes",
        nodes,
        src.len()
    );
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
                prop_assert!(!v.is_secret(), "{} in an address", v.name)
            }
            _ => {}
        }
    }
    prop_assert_eq!(panels, 1);
    let mut nodes = walk(&doc.blocks);
    while nodes.next().is_some() {
        prop_assert!(nodes.depth() <= guide::depth::MAX_NODE_DEPTH);
    }
    prop_assert!(doc.variables().len() <= guide::variables::MAX_VARIABLES);
    for v in doc.variables() {
        prop_assert_eq!(doc.variable(&v.name), Some(v));
    }
    let mut warnings = doc.warnings().to_vec();
    warnings.dedup();
    prop_assert_eq!(warnings.len(), doc.warnings().len(), "each warning once");
    let _ = doc.toc();
    Ok(())
}

/// Pieces of YAML front matter, aliases and anchors included.
fn yaml_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("title: ".to_owned()),
        Just("weight: ".to_owned()),
        Just("aliases:\n".to_owned()),
        Just("  - ".to_owned()),
        Just("&a ".to_owned()),
        Just("*a".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just(", ".to_owned()),
        Just("'".to_owned()),
        Just("\"".to_owned()),
        Just("!tag ".to_owned()),
        Just("\n".to_owned()),
        Just("---\n".to_owned()),
        Just("...\n".to_owned()),
        "[ -~]{0,8}",
    ]
}

/// Pieces of a fence's info string.
fn info_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("yaml".to_owned()),
        Just(" ".to_owned()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("title".to_owned()),
        Just("=".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just(",".to_owned()),
        Just("x.yml".to_owned()),
        "[^\n]{0,4}",
    ]
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
        // Wide heads over short rows: pulldown-cmark pads every row to the head's width.
        Just(format!("{}|\n{}|\n", "|h".repeat(40), "|-".repeat(40))),
        Just("x\n".repeat(20)),
        Just("{{% oidc-common config=\"a,a,a,a,a,a,a,a\" faq=\"b,b\" %}}".to_owned()),
        Just("[x](javascript:alert(1))".to_owned()),
        Just(
            "[v](https://e.example/?s={{< sitevar name=\"client-secret\" nojs=\"x\" >}})"
                .to_owned()
        ),
        Just("![i](./p.png?d={{< client-secret-digest >}})".to_owned()),
        Just("[t](https://e.example/?t={{< sitevar name=\"api_key\" nojs=\"k\" >}})".to_owned()),
        Just("<https://auto.example/>".to_owned()),
        Just("[frag](#web-gui)".to_owned()),
        Just("[r]: https://x\n".to_owned()),
        Just("<script>".to_owned()),
        Just("__b__ *e* `c`".to_owned()),
        Just("client_id: 'matomo'\n".to_owned()),
        Just("client_secret: '$x'  # The digest of 'y'.\n".to_owned()),
        Just("Client ID: `a`".to_owned()),
        Just(
            "- __Application Root URL:__ `https://a.{{< sitevar name=\"domain\" >}}/`\n".to_owned()
        ),
        Just("https://a.{{< sitevar name=\"domain\" >}}".to_owned()),
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
            keeps_its_promises(&src, &doc)?;
        }
    }

    #[test]
    fn arbitrary_text_never_panics(src in any::<String>()) {
        if let Ok(doc) = guide::parse(&src) {
            keeps_its_promises(&src, &doc)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn front_matter_never_panics_and_leaves_the_body_intact(
        parts in prop::collection::vec(yaml_piece(), 0..30),
        body in "[ -~\n]{0,20}",
    ) {
        let source = format!("---\n{}\n---\n{body}", parts.concat());
        match guide::front_matter::split(&source) {
            Ok(split) => prop_assert!(source.ends_with(split.body)),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn fence_info_never_panics_and_keeps_the_language_whole(
        parts in prop::collection::vec(info_piece(), 0..12),
    ) {
        let info: String = parts.concat();
        let read = guide::parse_fence_info(&info);
        if let Some(language) = &read.language {
            prop_assert!(!language.is_empty());
            let whole = !language.contains(char::is_whitespace) && !language.contains('{');
            prop_assert!(whole, "{:?}", language);
            prop_assert!(info.trim_start().starts_with(language.as_str()));
        }
        if read.title.is_some() {
            prop_assert!(info.contains("title"));
        }
    }
}
