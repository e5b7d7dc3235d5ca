//! Behaviour of the guide engine on the edge cases Authelia's guides contain.

use guide_engine::walk::{Node, walk};
use guide_engine::{
    self as guide, Block, Document, Format, GuideError, Inline, Kind, Refusal, Segment, Source,
    Target, UrlPart, Values, VarRef, resolve_url, variables,
};

use crate::support::text;

fn fixture(name: &str) -> String {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// What a reader reads at the guide's defaults.
fn defaults_text(doc: &Document) -> String {
    text(doc, &Values::for_document(doc), doc.default_digest())
}

fn links(doc: &Document) -> Vec<(String, Target)> {
    walk(&doc.blocks)
        .filter_map(|n| match n {
            Node::Inline(Inline::Link {
                target, children, ..
            }) => Some((
                guide::document::plain_text(children, &|_| String::new()),
                target.clone(),
            )),
            _ => None,
        })
        .collect()
}

fn edge() -> Document {
    guide::parse(&fixture("guide_edge_cases.md")).unwrap_or_else(|e| panic!("edge cases: {e}"))
}

fn code_blocks(blocks: &[Block]) -> Vec<(Option<String>, Option<String>, Vec<Segment>)> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::CodeBlock {
                language,
                title,
                segments,
                ..
            } => out.push((language.clone(), title.clone(), segments.clone())),
            Block::Callout { blocks, .. }
            | Block::Snippet { blocks, .. }
            | Block::BlockQuote(blocks) => out.extend(code_blocks(blocks)),
            Block::List { items, .. } => items.iter().for_each(|i| out.extend(code_blocks(i))),
            _ => {}
        }
    }
    out
}

fn text_of(segments: &[Segment]) -> String {
    guide::resolve_all(segments, &Values::default(), "DIGEST")
}

fn domain(format: Format) -> Segment {
    Segment::Variable(VarRef {
        name: "domain".into(),
        format,
    })
}

#[test]
fn fence_attribute_gives_language_and_title() {
    let blocks = code_blocks(&edge().blocks);
    assert_eq!(blocks[0].0.as_deref(), Some("yaml"));
    assert_eq!(blocks[0].1.as_deref(), Some("configuration.yml"));
    assert!(
        blocks[0].2.contains(&domain(Format::Plain)),
        "sitevar inside a code fence is a node"
    );
}

#[test]
fn fence_attribute_without_space_is_read() {
    let blocks = code_blocks(&edge().blocks);
    assert_eq!(
        (blocks[1].0.as_deref(), blocks[1].1.as_deref()),
        (Some("yaml"), Some("nospace.yml"))
    );
}

#[test]
fn unterminated_fence_attribute_is_plain_text() {
    let blocks = code_blocks(&edge().blocks);
    assert_eq!(
        (blocks[2].0.as_deref(), blocks[2].1.as_deref()),
        (Some("yaml"), None)
    );
    assert_eq!(text_of(&blocks[2].2), "b: 2");
}

#[test]
fn fence_closed_by_longer_fence_keeps_inner_fence_as_code() {
    let blocks = code_blocks(&edge().blocks);
    assert_eq!(blocks[3].0.as_deref(), Some("shell"));
    assert_eq!(text_of(&blocks[3].2), "```\nstill code");
}

#[test]
fn escaped_quote_arguments_work_inside_code() {
    let blocks = code_blocks(&edge().blocks);
    assert_eq!(blocks[4].2[1], domain(Format::Plain));
    assert_eq!(text_of(&blocks[4].2), "{\"url\": \"example.com\"}");
}

#[test]
fn commented_shortcode_is_printed_literally() {
    assert!(defaults_text(&edge()).contains("Literal: {{< sitevar name=\"domain\" >}}"));
}

#[test]
fn variables_in_link_targets_are_nodes() {
    let doc = edge();
    let Some((_, Target::Web(url))) = links(&doc).into_iter().find(|(t, _)| t == "link") else {
        panic!("no web link in {:?}", links(&doc))
    };
    assert_eq!(
        resolve_url(&url, &Values::for_document(&doc)),
        "https://auth.example.com/path"
    );
    assert!(url.parts().contains(&UrlPart::Variable(VarRef {
        name: "domain".into(),
        format: Format::Plain
    })));
}

#[test]
fn formats_apply_to_every_dot() {
    let doc = edge();
    let mut values = Values::for_document(&doc);
    values.set("domain", "example.co.uk");
    let text = text(&doc, &values, "d");
    assert!(text.contains(r"^(.*)\.example\.co\.uk$"), "{text}");
    assert!(text.contains("DC=example,DC=co,DC=uk"));
}

#[test]
fn callout_holds_parsed_content_and_its_arguments() {
    let doc = edge();
    let callout = doc.blocks.iter().find_map(|b| match b {
        Block::Callout {
            context,
            title,
            blocks,
        } => Some((context, title, blocks)),
        _ => None,
    });
    let (context, title, blocks) = callout.expect("a callout");
    assert_eq!(context, "danger");
    assert_eq!(title.as_deref(), Some("Important"));
    let Some(Block::Paragraph(inlines)) = blocks.first() else {
        panic!("{blocks:?}")
    };
    assert!(inlines.iter().any(|i| matches!(i, Inline::Strong(_))));
    assert!(inlines.contains(&Inline::Variable(VarRef {
        name: "provider-id".into(),
        format: Format::Plain
    })));
}

#[test]
fn unknown_shortcodes_become_visible_notices() {
    let doc = edge();
    assert!(doc.blocks.contains(&Block::Notice(
        r#"{{< mystery-shortcode foo="bar" >}}"#.into()
    )));
    assert_eq!(
        doc.notices(),
        vec![
            r#"{{< mystery-shortcode foo="bar" >}}"#,
            "{{< another-mystery >}}"
        ]
    );
}

#[test]
fn figure_shortcode_becomes_a_figure() {
    let doc = edge();
    // A path on the guide's own site: the playground has no such file and fetches none.
    assert!(doc.blocks.contains(&Block::Figure {
        source: Source::Relative("/images/x.png".into()),
        alt: "A figure".into(),
    }));
}

#[test]
fn raw_html_is_text() {
    let text = defaults_text(&edge());
    assert!(text.contains("<script>alert('x')</script>"), "{text}");
    assert!(text.contains("<img src=x onerror=\"alert(1)\">"), "{text}");
}

#[test]
fn script_addresses_are_refused_and_reference_links_resolve() {
    let doc = edge();
    let links = links(&doc);
    assert!(
        links.iter().any(|(text, target)| text == "bad"
            && matches!(
                target,
                Target::Refused {
                    refusal: Refusal::UnsafeScheme,
                    ..
                }
            )),
        "{links:?}"
    );
    assert!(links.iter().any(|(text, target)| text == "ok"
        && matches!(target, Target::Web(url) if resolve_url(url, &Values::default()) == "https://www.authelia.com")));
    let image = walk(&doc.blocks).find_map(|n| match n {
        Node::Inline(Inline::Image { source, .. }) => Some(source.clone()),
        _ => None,
    });
    assert!(matches!(
        image,
        Some(Source::Refused {
            refusal: Refusal::UnsafeScheme,
            ..
        })
    ));
}

#[test]
fn tables_keep_alignment_and_variables() {
    let doc = edge();
    let table = doc.blocks.iter().find_map(|b| match b {
        Block::Table {
            alignments,
            head,
            rows,
        } => Some((alignments, head, rows)),
        _ => None,
    });
    let (alignments, head, rows) = table.expect("a table");
    assert_eq!(alignments, &vec![guide::Align::Left, guide::Align::Right]);
    assert_eq!(head.len(), 2);
    assert_eq!(rows[0][1], vec![Inline::Code(vec![domain(Format::Plain)])]);
}

#[test]
fn headings_get_unique_ids_for_the_toc() {
    let toc = edge().toc();
    let ids: Vec<&str> = toc.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["edge-cases", "edge-cases-1"]);
}

#[test]
fn front_matter_tolerates_unknown_keys_and_numbers_as_text() {
    let doc = edge();
    assert_eq!(doc.front_matter.title.as_deref(), Some("Edge cases"));
    assert_eq!(doc.front_matter.weight, Some(12));
}

#[test]
fn bad_front_matter_error_names_the_line() {
    let err = guide::parse(&fixture("guide_bad_front_matter.md")).expect_err("bad YAML");
    let GuideError::FrontMatter(guide::FrontMatterError::Yaml {
        line: Some(line), ..
    }) = &err
    else {
        panic!("{err:?}")
    };
    // tests/fixtures/guide_bad_front_matter.md opens `weight: [unclosed` on line 3.
    assert_eq!(*line, 3);
    assert!(
        err.to_string().starts_with(&format!("line {line}:")),
        "{err}"
    );
}

#[test]
fn guide_without_front_matter_works() {
    let doc = guide::parse("Just `{{< sitevar name=\"port\" >}}`.").expect("parse");
    assert_eq!(doc.front_matter, guide::FrontMatter::default());
    assert_eq!(doc.variables()[0].kind, Kind::Number);
    assert_eq!(doc.title(), "Untitled guide");
    assert_eq!(defaults_text(&doc).trim(), "Just 9091.");
}

#[test]
fn variables_list_has_labels_kinds_and_defaults_in_order_of_use() {
    let doc = guide::parse(
        "{{< sitevar name=\"tls\" >}} {{< sitevar name=\"host\" >}} {{< sitevar name=\"client-id\" nojs=\"app\" >}} {{< sitevar name=\"tls\" >}}",
    )
    .expect("parse");
    let got: Vec<(&str, &str, Kind, &str)> = doc
        .variables()
        .iter()
        .map(|v| {
            (
                v.name.as_str(),
                v.label.as_str(),
                v.kind,
                v.default.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("tls", "TLS", Kind::Boolean, "false"),
            ("host", "Host", Kind::Text, "authelia"),
            ("client-id", "Client ID", Kind::Text, "app")
        ]
    );
    assert_eq!(defaults_text(&doc).matches("http").count(), 2);
}

#[test]
fn oidc_common_honours_bug_parameters() {
    let doc = guide::parse(r#"{{% oidc-common bugs="claims-hydration,claim-binding,made-up" %}}"#)
        .expect("parse");
    let Some(Block::Snippet { name, blocks }) = doc.blocks.get(1) else {
        panic!("{:?}", doc.blocks)
    };
    assert_eq!(name, "oidc-common");
    let text = defaults_text(&doc);
    assert!(text.contains("Claims from the ID token only"));
    assert!(text.contains("Accounts bound to a changeable claim"));
    assert!(!text.contains("Credentials not encoded"));
    assert!(text.contains("no note for the issue named made-up"));
    assert!(blocks.len() > 2);
}

#[test]
fn escape_hatch_snippet_has_a_yaml_block() {
    let doc = guide::parse("{{< oidc-escape-hatch-claims-hydration >}}").expect("parse");
    let blocks = code_blocks(&doc.blocks);
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0].1.as_deref(), Some("configuration.yml"));
    assert!(doc.notices().is_empty());
}

#[test]
fn digest_shortcode_is_a_digest_node_resolved_at_render_time() {
    let doc =
        guide::parse("```yaml\nclient_secret: '{{< client-secret-digest >}}'\n```").expect("parse");
    assert!(doc.has_digest());
    assert!(doc.needs_secret());
    assert_eq!(doc.default_digest(), variables::REFERENCE_DIGEST);
    let text = text(&doc, &Values::for_document(&doc), "$argon2id$x");
    assert!(text.contains("client_secret: '$argon2id$x'"));
}

#[test]
fn authelias_block_is_the_first_code_block_holding_the_digest() {
    let doc = guide::parse(
        "```yaml\nplain: true\n```\n\n```yaml {title=\"configuration.yml\"}\nclient_secret: '{{< client-secret-digest >}}'\n```\n\n```yaml\nagain: '{{< client-secret-digest >}}'\n```",
    )
    .expect("parse");
    let block = doc.authelia_block().expect("found");
    let values = Values::for_document(&doc);
    assert_eq!(
        guide::resolve_all(block, &values, "$d"),
        "client_secret: '$d'"
    );
    let none = guide::parse("```yaml\nplain: true\n```").expect("parse");
    assert_eq!(none.authelia_block(), None);
}

#[test]
fn block_shortcode_inside_a_paragraph_splits_it() {
    let doc = guide::parse("Before\n{{< sitevar-preferences >}}\nafter").expect("parse");
    assert_eq!(doc.blocks.len(), 3, "{:?}", doc.blocks);
    assert_eq!(doc.blocks[1], Block::VariablesPanel);
}

#[test]
fn stray_closing_and_unclosed_callouts_are_notices() {
    let doc = guide::parse("{{< /callout >}}\n\n{{< callout >}}\nnever closed").expect("parse");
    assert_eq!(doc.notices().len(), 2);
}

const NESTED_TOO_DEEP: guide::Warning = guide::Warning::NestedTooDeep {
    limit: guide::depth::MAX_NESTING,
};

#[test]
fn deeply_nested_callouts_end_in_their_text_with_a_warning() {
    let src = "{{< callout >}}\n".repeat(40) + "innermost\n" + &"{{< /callout >}}\n".repeat(40);
    let doc = guide::parse(&src).expect("parse");
    assert!(doc.notices().is_empty());
    assert_eq!(doc.warnings(), [NESTED_TOO_DEEP]);
    assert!(defaults_text(&doc).contains("innermost"));
    assert!(guide::walk::deepest(&doc.blocks) <= guide::depth::MAX_NODE_DEPTH);
}

#[test]
fn deeply_nested_quotes_keep_their_text_and_say_they_were_flattened() {
    let doc = guide::parse(&format!("{} deep text", ">".repeat(5000))).expect("parses");
    assert!(
        guide::walk::deepest(&doc.blocks) <= guide::depth::MAX_NODE_DEPTH,
        "{}",
        guide::walk::deepest(&doc.blocks)
    );
    assert!(defaults_text(&doc).contains("deep text"));
    assert_eq!(doc.warnings(), [NESTED_TOO_DEEP]);
    assert!(NESTED_TOO_DEEP.message().contains("12 levels"));
}

#[test]
fn deeply_nested_lists_keep_every_item() {
    let source: String = (0..400)
        .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
        .collect();
    let doc = guide::parse(&source).expect("parses");
    assert!(guide::walk::deepest(&doc.blocks) <= guide::depth::MAX_NODE_DEPTH);
    let text = defaults_text(&doc);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    for i in 0..400 {
        assert!(
            lines.contains(&format!("item {i}").as_str()),
            "item {i} is its own paragraph"
        );
    }
}

#[test]
fn deeply_nested_emphasis_keeps_its_text() {
    let doc =
        guide::parse(&format!("{}x{}", "*a ".repeat(3000), " b*".repeat(3000))).expect("parses");
    assert!(guide::walk::deepest(&doc.blocks) <= guide::depth::MAX_NODE_DEPTH);
    assert!(defaults_text(&doc).contains('x'));
    assert_eq!(doc.warnings(), [NESTED_TOO_DEEP]);
}

#[test]
fn guides_within_the_limits_are_untouched_and_carry_no_warning() {
    let doc = guide::parse("> quote\n>\n> - a\n>   - b\n>     > inner *em **strong***\n")
        .expect("parses");
    assert!(doc.warnings().is_empty());
    let Some(Block::BlockQuote(quote)) = doc.blocks.get(1) else {
        panic!("{:?}", doc.blocks)
    };
    assert!(
        matches!(quote.get(1), Some(Block::List { .. })),
        "{quote:?}"
    );
}

#[test]
fn reference_style_links_ordered_lists_and_double_underscore_bold() {
    let doc =
        guide::parse("3. __Bold__ [Site]\n4. two\n\n[Site]: https://example.com/").expect("parse");
    let Some(Block::List {
        ordered: true,
        start: 3,
        tight: true,
        items,
        ..
    }) = doc.blocks.get(1)
    else {
        panic!("{:?}", doc.blocks)
    };
    assert_eq!(items.len(), 2);
    let Some(Block::Paragraph(first)) = items[0].first() else {
        panic!("{items:?}")
    };
    assert!(matches!(first.first(), Some(Inline::Strong(_))));
    assert!(matches!(&links(&doc)[0], (text, Target::Web(_)) if text == "Site"));
}

#[test]
fn multi_line_html_comment_is_dropped() {
    let doc = guide::parse(
        "Before.\n\n<!--\n  a note for editors\n  {{</* sitevar */>}}\n-->\n\nAfter.\n",
    )
    .expect("parses");
    let text = defaults_text(&doc);
    assert!(!text.contains("editors"), "{text}");
    assert!(!text.contains("<!--"), "{text}");
    assert!(
        text.contains("Before.") && text.contains("After."),
        "{text}"
    );
}

#[test]
fn a_guide_over_the_size_cap_is_refused_naming_the_limit() {
    let at_cap = "a".repeat(guide::MAX_GUIDE_BYTES);
    assert!(guide::parse(&at_cap).is_ok(), "the cap itself is allowed");
    let over = "a".repeat(guide::MAX_GUIDE_BYTES + 1);
    let err = guide::parse(&over).expect_err("too large");
    assert_eq!(
        err,
        GuideError::TooLarge {
            bytes: guide::MAX_GUIDE_BYTES + 1,
            limit: guide::MAX_GUIDE_BYTES
        }
    );
    assert!(
        err.to_string()
            .contains(&guide::MAX_GUIDE_BYTES.to_string()),
        "{err}"
    );
}

#[test]
fn variables_past_the_cap_show_their_default_text_and_the_document_says_so() {
    let limit = guide::variables::MAX_VARIABLES;
    let source: String = (0..limit + 10)
        .map(|i| format!("{{{{< sitevar name=\"v{i}\" nojs=\"default-{i}\" >}}}} "))
        .collect();
    let doc = guide::parse(&source).expect("parses");
    assert_eq!(doc.variables().len(), limit);
    assert_eq!(doc.warnings(), [guide::Warning::TooManyVariables { limit }]);
    let text = defaults_text(&doc);
    assert!(text.contains(&format!("default-{}", limit + 9)), "{text}");
    // The admitted ones are found by name; the refused ones are not variables.
    assert!(doc.variable("v0").is_some());
    assert!(doc.variable(&format!("v{limit}")).is_none());
    assert!(doc.warnings()[0].message().contains(&limit.to_string()));
}

#[test]
fn a_block_shortcode_inside_a_sentence_cuts_it_where_it_stands() {
    let doc =
        guide::parse("Before {{% oidc-escape-hatch-claims-hydration %}} after").expect("parses");
    let kinds: Vec<String> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(inlines) => guide::document::plain_text(inlines, &|_| String::new()),
            Block::Snippet { name, .. } => name.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "VariablesPanel",
            "Before",
            "oidc-escape-hatch-claims-hydration",
            "after"
        ]
    );
}

#[test]
fn the_escape_hatch_configures_the_guides_client_and_claims_in_either_form() {
    for form in ["{{%", "{{<"] {
        let close = if form == "{{%" { "%}}" } else { ">}}" };
        let doc = guide::parse(&format!(
            "```yaml\nclients:\n  - client_id: 'grafana'\n```\n\n\
             {form} oidc-escape-hatch-claims-hydration client_id=\"grafana\" claims=\"email,groups\" {close}\n"
        ))
        .expect("parses");
        assert!(doc.notices().is_empty());
        let mut values = Values::for_document(&doc);
        values.set("client-id", "reader-app");
        let text = text(&doc, &values, "d");
        assert!(text.contains("id_token: ['email', 'groups']"), "{text}");
        assert!(
            text.contains("- client_id: 'reader-app'\n        claims_policy: 'grafana'"),
            "{text}"
        );
        assert_eq!(
            doc.variable("client-id").map(|v| v.default.as_str()),
            Some("grafana")
        );
    }
    let disabled = guide::parse("{{% oidc-escape-hatch-claims-hydration example=\"disable\" %}}")
        .expect("parses");
    assert!(code_blocks(&disabled.blocks).is_empty());
}

#[test]
fn a_guide_flagging_claims_hydration_needs_claims_in_the_id_token() {
    let flagged = guide::parse("{{% oidc-common bugs=\"claims-hydration\" %}}\n").expect("parses");
    assert!(flagged.needs_id_token_claims());
    assert_eq!(flagged.id_token_claims_needed(), Some(""));
    for plain in [
        "{{% oidc-common %}}\n",
        "{{% oidc-common bugs=\"client-credentials-encoding\" %}}\n",
        "No shortcode at all.\n",
    ] {
        let doc = guide::parse(plain).expect("parses");
        assert!(!doc.needs_id_token_claims(), "{plain}");
    }
}

#[test]
fn the_escape_hatch_names_the_claims_the_id_token_needs() {
    let doc = guide::parse(concat!(
        "{{% oidc-common bugs=\"claims-hydration\" %}}\n\n",
        "{{% oidc-escape-hatch-claims-hydration client_id=\"grafana\" claims=\"email,name,groups\" %}}\n\n",
        "{{< callout context=\"note\" >}}\n",
        "{{% oidc-escape-hatch-claims-hydration claims=\"groups,preferred_username\" %}}\n",
        "{{< /callout >}}\n",
    ))
    .expect("parses");
    assert!(doc.needs_id_token_claims());
    assert_eq!(
        doc.id_token_claims_needed(),
        Some("email name groups preferred_username")
    );
    // Its default list is the shortcode's example, not something the guide named.
    let bare = guide::parse("{{% oidc-escape-hatch-claims-hydration example=\"disable\" %}}\n")
        .expect("parses");
    assert!(bare.needs_id_token_claims());
    assert_eq!(bare.id_token_claims_needed(), Some(""));
}

#[test]
fn a_claims_shortcode_shown_as_code_says_nothing_about_the_application() {
    let doc = guide::parse(
        "```markdown\n{{% oidc-common bugs=\"claims-hydration\" %}}\n```\n\nText with `{{% oidc-escape-hatch-claims-hydration %}}` inline.\n",
    )
    .expect("parses");
    assert!(!doc.needs_id_token_claims());
}

#[test]
fn a_site_default_replaces_the_guide_s_and_authelia_s_wherever_the_default_shows() {
    let src = "---\ntitle: T\n---\n# T\n\n{{< sitevar name=\"domain\" nojs=\"example.com\" >}} and {{< sitevar name=\"team\" nojs=\"ours\" >}}\n\n```yaml\nurl: 'https://app.{{< sitevar name=\"domain\" nojs=\"example.com\" >}}/'\n```\n";
    let mut defaults = std::collections::BTreeMap::new();
    defaults.insert("domain".to_owned(), "acme.test".to_owned());
    defaults.insert("team".to_owned(), "platform".to_owned());
    let doc = guide::parse_with_defaults(src, &defaults).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        doc.variable("domain").map(|v| v.default.as_str()),
        Some("acme.test")
    );
    assert_eq!(
        doc.variable("team").map(|v| v.default.as_str()),
        Some("platform")
    );
    let read = defaults_text(&doc);
    assert!(read.contains("https://app.acme.test/"), "{read}");
    assert!(!read.contains("example.com"), "{read}");
    // A default the variable refuses is not taken: the guide's own stands.
    defaults.insert("domain".to_owned(), "not a domain".to_owned());
    let refused = guide::parse_with_defaults(src, &defaults).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        refused.variable("domain").map(|v| v.default.as_str()),
        Some(variables::DOMAIN_DEFAULT)
    );
    // Without site defaults, the guide reads as it always did.
    let plain = guide::parse(src).unwrap_or_else(|e| panic!("{e}"));
    assert!(defaults_text(&plain).contains("https://app.example.com/"));
}
