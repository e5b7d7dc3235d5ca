//! Behaviour of the guide engine on the edge cases Authelia's guides contain.

use guide_playground::guide::{
    self, Block, Document, Format, GuideError, Inline, Kind, Segment, Values, VarRef, render,
    variables,
};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn edge() -> Document {
    guide::parse(&fixture("guide_edge_cases.md")).expect("edge cases parse")
}

fn code_blocks(blocks: &[Block]) -> Vec<(Option<String>, Option<String>, Vec<Segment>)> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::CodeBlock {
                language,
                title,
                segments,
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
    let html = render::to_html_with_defaults(&edge());
    assert!(
        html.contains("<code>{{&lt; sitevar name=&quot;domain&quot; &gt;}}</code>"),
        "{html}"
    );
}

#[test]
fn variables_in_link_targets_are_nodes() {
    let doc = edge();
    let Some(Block::Paragraph(inlines)) = doc.blocks.get(1) else {
        panic!("{:?}", doc.blocks.get(1))
    };
    let Some(Inline::Link { href, .. }) = inlines.iter().find(|i| matches!(i, Inline::Link { .. }))
    else {
        panic!("no link")
    };
    assert_eq!(text_of(href), "https://auth.example.com/path");
    assert!(href.contains(&domain(Format::Plain)));
}

#[test]
fn formats_apply_to_every_dot() {
    let doc = edge();
    let mut values = Values::for_document(&doc);
    values.set("domain", "example.co.uk");
    let html = render::to_html(&doc, &values, "d");
    assert!(
        html.contains(
            r"^(.*)\.<span class=&quot;var&quot;"
                .replace("&quot;", "\"")
                .as_str()
        )
    );
    assert!(html.contains(r"example\.co\.uk"));
    assert!(html.contains("DC=example,DC=co,DC=uk"));
}

#[test]
fn callout_holds_parsed_content_and_its_arguments() {
    let doc = edge();
    let callout = doc.blocks.iter().find_map(|b| match b {
        Block::Callout {
            context,
            title,
            icon,
            blocks,
        } => Some((context, title, icon, blocks)),
        _ => None,
    });
    let (context, title, icon, blocks) = callout.expect("a callout");
    assert_eq!(context, "danger");
    assert_eq!(title.as_deref(), Some("Important"));
    assert_eq!(icon.as_deref(), Some("outline/alert-octagon"));
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
    let html = render::to_html_with_defaults(&doc);
    assert!(
        html.contains("Unknown shortcode:</strong> <code>{{&lt; another-mystery &gt;}}</code>")
    );
}

#[test]
fn figure_shortcode_becomes_a_figure() {
    let doc = edge();
    assert!(doc.blocks.contains(&Block::Figure {
        src: vec![Segment::Text("/images/x.png".into())],
        alt: "A figure".into(),
        width: Some("300".into()),
    }));
}

#[test]
fn raw_html_is_never_live_markup() {
    let html = render::to_html_with_defaults(&edge());
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(
        html.contains("onerror=&quot;alert(1)&quot;"),
        "attribute text shown, not live"
    );
}

#[test]
fn unsafe_link_and_image_urls_are_inert() {
    let doc = edge();
    let html = render::to_html_with_defaults(&doc);
    assert!(!html.to_lowercase().contains("javascript:"), "{html}");
    assert!(!html.contains("data:text"), "{html}");
    assert!(html.contains("<a>bad</a>"));
    assert!(
        html.contains("<a href=\"https://www.authelia.com\">ok</a>"),
        "reference links resolve"
    );
}

#[test]
fn variable_starting_a_url_cannot_make_it_live() {
    let doc =
        guide::parse(r#"[x]({{< sitevar name="target" nojs="https://a.b" >}})"#).expect("parse");
    let mut values = Values::for_document(&doc);
    values.set("target", "javascript:alert(1)");
    let html = render::to_html(&doc, &values, "");
    assert_eq!(html, "<p><a>x</a></p>\n");
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
    assert!((3..=5).contains(line), "line {line}");
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
    assert_eq!(
        render::to_html_with_defaults(&doc),
        "<p>Just <code><span class=\"var\" data-var=\"port\">9091</span></code>.</p>\n"
    );
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
    assert_eq!(
        render::to_html_with_defaults(&doc)
            .matches(">http<")
            .count(),
        2
    );
}

#[test]
fn oidc_common_honours_bug_parameters() {
    let doc = guide::parse(r#"{{% oidc-common bugs="claims-hydration,claim-binding,made-up" %}}"#)
        .expect("parse");
    let Some(Block::Snippet { name, blocks }) = doc.blocks.first() else {
        panic!("{:?}", doc.blocks)
    };
    assert_eq!(name, "oidc-common");
    let html = render::to_html_with_defaults(&doc);
    assert!(html.contains("Claims from the ID token only"));
    assert!(html.contains("Accounts bound to a changeable claim"));
    assert!(!html.contains("Credentials not encoded"));
    assert!(html.contains("no note for the issue named <code>made-up</code>"));
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
    assert_eq!(doc.default_digest(), variables::REFERENCE_DIGEST);
    let html = render::to_html(&doc, &Values::for_document(&doc), "$argon2id$x");
    assert!(html.contains("<span class=\"digest\">$argon2id$x</span>"));
}

#[test]
fn block_shortcode_inside_a_paragraph_splits_it() {
    let doc = guide::parse("Before\n{{< sitevar-preferences >}}\nafter").expect("parse");
    assert_eq!(doc.blocks.len(), 3, "{:?}", doc.blocks);
    assert_eq!(doc.blocks[1], Block::VariablesPanel);
    assert!(doc.has_variables_panel());
}

#[test]
fn stray_closing_and_unclosed_callouts_are_notices() {
    let doc = guide::parse("{{< /callout >}}\n\n{{< callout >}}\nnever closed").expect("parse");
    assert_eq!(doc.notices().len(), 2);
}

#[test]
fn deeply_nested_callouts_stop_at_a_notice() {
    let src = "{{< callout >}}\n".repeat(40) + &"{{< /callout >}}\n".repeat(40);
    let doc = guide::parse(&src).expect("parse");
    assert_eq!(doc.notices().len(), 1);
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
    }) = doc.blocks.first()
    else {
        panic!("{:?}", doc.blocks)
    };
    assert_eq!(items.len(), 2);
    let html = render::to_html_with_defaults(&doc);
    assert!(
        html.contains(
            "<ol start=\"3\">\n<li><strong>Bold</strong> <a href=\"https://example.com/\">Site</a>"
        ),
        "{html}"
    );
}

#[test]
fn multi_line_html_comment_is_dropped() {
    let doc = guide::parse(
        "Before.\n\n<!--\n  a note for editors\n  {{</* sitevar */>}}\n-->\n\nAfter.\n",
    )
    .expect("parses");
    let html = guide::render::to_html_with_defaults(&doc);
    assert!(!html.contains("editors"), "{html}");
    assert!(!html.contains("&lt;!--"), "{html}");
    assert!(
        html.contains("Before.") && html.contains("After."),
        "{html}"
    );
}
