//! The project's fixture guides in every configuration language Authelia's guides use:
//! after the reader sets their values, the example secret appears nowhere, the example
//! client id nowhere it stood as the client id, and the reader's values in each place.

use guide_engine::walk::{Node, walk};
use guide_engine::{self as guide, Block, Document, Inline, Source, Target, Values};

const EXAMPLE_SECRET: &str = "insecure_secret";
const READER_SECRET: &str = "Reader-Secret-0123456789";
const READER_ID: &str = "reader-app";
const READER_DIGEST: &str = "$pbkdf2-sha512$310000$READER";

fn guide(name: &str) -> Document {
    let path = format!(
        "{}/../../tests/fixtures/guides/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    guide::parse(&source).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// What the reader reads, with their values (link addresses aside).
fn text(doc: &Document) -> String {
    let mut values = Values::for_document(doc);
    values.set("client-secret", READER_SECRET);
    values.set("client-id", READER_ID);
    values.set("domain", "reader.test");
    crate::support::text(doc, &values, READER_DIGEST)
}

/// Lines where a key names the client id (`client_id`, `CLIENT_ID=`, `--clientid=`,
/// `Client ID:`).
fn client_id_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|line| {
            let key: String = line.chars().filter(char::is_ascii_alphanumeric).collect();
            key.to_ascii_lowercase().contains("clientid")
        })
        .collect()
}

/// Checks one fixture: no example secret, the reader's secret `secrets` times, the
/// reader's client id on every client id line and `ids` times, and no Notice.
fn becomes_the_readers(name: &str, example_id: &str, secrets: usize, ids: usize) -> Document {
    let doc = guide(name);
    let text = text(&doc);
    assert!(
        !text.contains(EXAMPLE_SECRET),
        "{name}: the example secret is left:\n{text}"
    );
    assert_eq!(
        text.matches(READER_SECRET).count(),
        secrets,
        "{name}:\n{text}"
    );
    assert_eq!(text.matches(READER_ID).count(), ids, "{name}:\n{text}");
    for line in client_id_lines(&text) {
        let stands = line
            .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~')))
            .any(|word| word == example_id);
        assert!(!stands, "{name}: the example client id is left in {line:?}");
    }
    assert!(doc.notices().is_empty(), "{name}: {:?}", doc.notices());
    assert!(
        !text.contains("{{"),
        "{name}: a shortcode is left raw:\n{text}"
    );
    doc
}

#[test]
fn env_and_compose_values_become_the_readers() {
    let doc = becomes_the_readers("dashboard-env.md", "dashboard", 3, 4);
    let text = text(&doc);
    // The same word in an address or an image name is not the client id.
    assert!(
        text.contains("DASH_PUBLIC_URL=https://dashboard.reader.test"),
        "{text}"
    );
    assert!(text.contains("image: 'example/dashboard:latest'"), "{text}");
    assert!(
        text.contains(&format!("client_secret: '{READER_DIGEST}'")),
        "{text}"
    );
    let site = walk(&doc.blocks).find_map(|n| match n {
        Node::Inline(Inline::Link {
            target: Target::Relative {
                site: Some(url), ..
            },
            ..
        }) => Some(guide::resolve_url(url, &Values::default())),
        _ => None,
    });
    assert_eq!(
        site.as_deref(),
        Some("https://www.authelia.com/integration/openid-connect/introduction/")
    );
}

#[test]
fn ini_toml_and_json_values_become_the_readers_and_authelias_plaintext_its_digest() {
    let doc = becomes_the_readers("ledger-ini-toml.md", "ledger", 4, 5);
    let text = text(&doc);
    assert!(
        text.contains(&format!("client_secret: '{READER_DIGEST}'")),
        "{text}"
    );
    let marked: Vec<bool> = walk(&doc.blocks)
        .filter_map(|n| match n {
            Node::Block(Block::CodeBlock {
                digest_replaces_plaintext,
                ..
            }) => Some(*digest_replaces_plaintext),
            _ => None,
        })
        .collect();
    assert_eq!(
        marked,
        [true, false, false, false],
        "only Authelia's block is marked"
    );
    assert!(
        text.contains("root_url = https://ledger.reader.test"),
        "{text}"
    );
}

#[test]
fn php_cli_prose_and_percent_shortcodes_become_the_readers() {
    let doc = becomes_the_readers("wiki-php-cli.md", "wiki", 4, 6);
    let text = text(&doc);
    assert!(text.contains(&format!("'wiki_oidc_client_secret' => '{READER_SECRET}',")));
    assert!(text.contains(&format!(
        "--clientid=\"{READER_ID}\" --clientsecret=\"{READER_SECRET}\""
    )));
    assert!(walk(&doc.blocks).any(|n| matches!(n, Node::Block(Block::Callout { .. }))));
    assert!(walk(&doc.blocks).any(|n| matches!(n, Node::Block(Block::Snippet { .. }))));
}

#[test]
fn a_guide_folder_keeps_its_picture_relative_and_its_links_on_the_site() {
    let doc = becomes_the_readers("notebook/index.md", "notebook", 2, 2);
    let figure = walk(&doc.blocks).find_map(|n| match n {
        Node::Block(Block::Figure { source, .. }) => Some(source.clone()),
        _ => None,
    });
    assert_eq!(figure, Some(Source::Relative("notebook.png".into())));
    let image = walk(&doc.blocks).find_map(|n| match n {
        Node::Inline(Inline::Image { source, .. }) => Some(source.clone()),
        _ => None,
    });
    assert_eq!(image, Some(Source::Relative("notebook.png".into())));
    let png = std::fs::read(format!(
        "{}/../../tests/fixtures/guides/notebook/notebook.png",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_default();
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "the folder holds the picture"
    );
}
