//! Counts over Authelia's own client guides, which the project does not ship: point
//! `AUTHELIA_GUIDES` at a folder of them (each `<name>.md` or `<name>/index.md`) and run
//! `cargo test -p guide-engine --test testsuite authelia:: -- --ignored --nocapture`.

use std::path::{Path, PathBuf};

use guide_engine::shortcode::{TokenKind, tokenize};
use guide_engine::walk::{Node, walk};
use guide_engine::{self as guide, Block, Document, Inline, Segment, Values, resolve_url};

/// The reader's values the counts are taken with.
const READER_DOMAIN: &str = "reader-domain.test";
const READER_SECRET: &str = "READER-SECRET-VALUE";
const READER_ID: &str = "reader-client-id";
const READER_DIGEST: &str = "$READER-DIGEST";

fn guides(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter_map(|p| {
            if p.is_dir() {
                Some(p.join("index.md")).filter(|i| i.is_file())
            } else {
                Some(p).filter(|p| p.extension().is_some_and(|e| e == "md"))
            }
        })
        .collect();
    out.sort();
    out
}

/// Every text the reader sees in code (blocks and inline), for these values.
fn code_text(doc: &Document, values: &Values) -> String {
    let mut out = String::new();
    for node in walk(&doc.blocks) {
        match node {
            Node::Segment(Segment::Text(t)) => out.push_str(t),
            Node::Segment(Segment::Variable(v)) => out.push_str(&values.present(v)),
            Node::Segment(Segment::Override(o)) => out.push_str(&values.resolve_override(o)),
            Node::Segment(Segment::Digest) => out.push_str(READER_DIGEST),
            Node::Block(_) | Node::Inline(Inline::Code(_)) => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// Every text of the document, addresses included, as written (for raw shortcodes).
fn all_text(doc: &Document, values: &Values) -> String {
    let mut out = String::new();
    for node in walk(&doc.blocks) {
        match node {
            Node::Inline(Inline::Text(t) | Inline::Notice(t))
            | Node::Block(Block::Notice(t))
            | Node::Segment(Segment::Text(t)) => out.push_str(t),
            Node::Inline(Inline::Override(o)) | Node::Segment(Segment::Override(o)) => {
                out.push_str(&values.resolve_override(o))
            }
            Node::Inline(Inline::Link {
                target: guide::Target::Web(url),
                ..
            }) => out.push_str(&resolve_url(url, values)),
            _ => {}
        }
        out.push('\n');
    }
    out
}

#[test]
#[ignore = "needs AUTHELIA_GUIDES, a folder of Authelia's client guides"]
fn counts_over_authelias_client_guides() {
    let Ok(dir) = std::env::var("AUTHELIA_GUIDES") else {
        println!("AUTHELIA_GUIDES is not set");
        return;
    };
    let (mut parsed, mut raw, mut literal, mut domain, mut stale, mut digest) = (0, 0, 0, 0, 0, 0);
    for path in guides(Path::new(&dir)) {
        let name = path.display().to_string();
        let source = std::fs::read_to_string(&path).unwrap_or_default();
        let doc = match guide::parse(&source) {
            Ok(doc) => doc,
            Err(e) => {
                println!("{name}: does not parse: {e}");
                continue;
            }
        };
        parsed += 1;
        let example_secret = doc
            .variable("client-secret")
            .map(|v| v.default.clone())
            .unwrap_or_else(|| "insecure_secret".to_owned());
        let mut values = Values::for_document(&doc);
        values.set("domain", READER_DOMAIN);
        values.set("client-secret", READER_SECRET);
        values.set("client-id", READER_ID);
        let all = all_text(&doc, &values);
        // A commented shortcode (`{{</* sitevar */>}}`) is printed literally by design,
        // as Hugo prints it: counted apart.
        let literals: Vec<String> = tokenize(&source)
            .into_iter()
            .filter_map(|t| match t.kind {
                TokenKind::Literal(text) => Some(text),
                _ => None,
            })
            .collect();
        for line in all
            .lines()
            .filter(|l| l.contains("{{<") || l.contains("{{%"))
        {
            if literals.iter().any(|lit| line.contains(lit.as_str())) {
                literal += 1;
                println!("{name}: a commented shortcode, printed literally: {line:?}");
            } else {
                raw += 1;
                println!("{name}: raw shortcode: {line:?}");
            }
        }
        let code = code_text(&doc, &values);
        if code.contains(READER_DOMAIN) {
            domain += 1;
        } else {
            println!("{name}: the reader's domain reaches no code");
        }
        let still: Vec<&str> = code
            .lines()
            .filter(|l| l.contains(example_secret.as_str()))
            .collect();
        if !still.is_empty() {
            stale += 1;
            println!("{name}: example secret {example_secret:?} still in: {still:?}");
        }
        let example_id = doc.variable("client-id").map(|v| v.default.clone());
        let as_id: Vec<&str> = code
            .lines()
            .filter(|l| {
                let key: String = l.chars().filter(char::is_ascii_alphanumeric).collect();
                key.to_ascii_lowercase().contains("clientid")
                    && example_id.as_deref().is_some_and(|id| {
                        l.contains(&format!("{id}'"))
                            || l.contains(&format!("{id}\""))
                            || l.ends_with(id)
                    })
            })
            .collect();
        if !as_id.is_empty() {
            println!("{name}: example client id still as the id in: {as_id:?}");
        }
        if walk(&doc.blocks).any(|n| {
            matches!(
                n,
                Node::Block(Block::CodeBlock {
                    holds_digest: true,
                    ..
                })
            )
        }) {
            digest += 1;
        } else {
            println!("{name}: no block holds the digest");
        }
    }
    println!(
        "guides parsed: {parsed}; raw shortcodes left: {raw} (and {literal} commented, printed literally); reader's domain reaches the code: \
         {domain}; example secret still in a value: {stale}; Authelia block holds the digest: {digest}"
    );
}
