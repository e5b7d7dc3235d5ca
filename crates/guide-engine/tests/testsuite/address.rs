//! The application's address as a value: a guide's "Application Root URL" becomes the
//! `application-url` variable wherever the guide writes the address, the page at its
//! defaults reads exactly as the guide does, and the reader's address (with a path, a
//! port or another host) reaches every place, never an address that is not the app's.

use std::time::Duration;

use guide_engine::variables::{APPLICATION_URL, Kind};
use guide_engine::walk::{Node, walk};
use guide_engine::{self as guide, Block, Document, Inline, Segment, UrlPart, Values, resolve_all};
use proptest::prelude::*;

use crate::support::{linear, text_with_addresses};

const FIXTURE: &str = "tracker-address.md";

/// The label that makes the assumption, and a label of the same shape that does not:
/// the same guide with it is the guide as it read before the stage existed.
const LABEL: &str = "Application Root URL";
const OTHER_LABEL: &str = "Application Root URX";

fn source(name: &str) -> String {
    let path = format!(
        "{}/../../tests/fixtures/guides/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse(src: &str) -> Document {
    guide::parse(src).unwrap_or_else(|e| panic!("{e}"))
}

/// Everything the reader reads for these values, link addresses included (in `<>`).
fn shown(doc: &Document, values: &Values) -> String {
    text_with_addresses(doc, values, doc.default_digest())
}

/// The text of the code block titled `title`, for these values.
fn block(doc: &Document, title: &str, values: &Values) -> String {
    walk(&doc.blocks)
        .find_map(|n| match n {
            Node::Block(Block::CodeBlock {
                title: Some(t),
                segments,
                ..
            }) if t == title => Some(resolve_all(segments, values, doc.default_digest())),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no block titled {title}"))
}

/// How many overrides each kind of place holds: code blocks by title, inline code,
/// prose, link addresses.
fn places(doc: &Document) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    let mut count = |place: String, n: usize| {
        if n > 0 {
            out.push((place, n));
        }
    };
    let is_override = |s: &Segment| matches!(s, Segment::Override(_));
    for node in walk(&doc.blocks) {
        match node {
            Node::Block(Block::CodeBlock {
                title, segments, ..
            }) => count(
                title.clone().unwrap_or_default(),
                segments.iter().filter(|s| is_override(s)).count(),
            ),
            Node::Inline(Inline::Code(segments)) => count(
                "inline code".to_owned(),
                segments.iter().filter(|s| is_override(s)).count(),
            ),
            Node::Inline(Inline::Override(_)) => count("prose".to_owned(), 1),
            Node::UrlPart(UrlPart::Override(_)) => count("link".to_owned(), 1),
            _ => {}
        }
    }
    out
}

#[test]
fn the_assumption_is_a_url_variable_whose_default_is_the_guides_address() {
    let doc = parse(&source(FIXTURE));
    let v = doc.variable(APPLICATION_URL).expect("the variable");
    assert_eq!(v.label, "Application URL");
    assert_eq!(v.kind, Kind::Url);
    assert_eq!(v.default, "https://tracker.example.com/");
    // Its live default is what the guide wrote, with the reader's domain.
    let written = doc.written_default(APPLICATION_URL).expect("written");
    let mut values = Values::for_document(&doc);
    values.set("domain", "example.org");
    assert_eq!(
        written.resolve(false, &|v| values.present(v)),
        "https://tracker.example.org"
    );
}

#[test]
fn the_variable_stands_wherever_the_guide_writes_the_address() {
    let doc = parse(&source(FIXTURE));
    let expected = [
        ("inline code", 1), // the assumption
        ("configuration.yml", 1),
        ("prose", 1),
        ("link", 1),
        ("inline code", 1), // the settings list's redirect URI
        ("tracker.ini", 1),
        (".env", 2), // and the callback written at the defaults; not the metrics port, not the mirror
    ]
    .map(|(p, n)| (p.to_owned(), n));
    assert_eq!(places(&doc), expected);
}

#[test]
fn at_its_defaults_or_with_a_domain_the_page_reads_as_the_guide_wrote_it() {
    let src = source(FIXTURE);
    let doc = parse(&src);
    let before = parse(&src.replace(LABEL, OTHER_LABEL));
    assert!(
        before.variable(APPLICATION_URL).is_none(),
        "no assumption, no stage"
    );
    for domain in ["", "example.org"] {
        let mut values = Values::for_document(&doc);
        values.set("domain", domain);
        let mut old = Values::for_document(&before);
        old.set("domain", domain);
        assert_eq!(
            shown(&doc, &values),
            shown(&before, &old).replace(OTHER_LABEL, LABEL),
            "domain {domain:?}"
        );
    }
    let values = Values::for_document(&doc);
    assert!(block(&doc, "configuration.yml", &values).contains(
        "          - 'https://tracker.example.com/index.php?module=LoginOIDC&action=callback&provider=oidc'"
    ));
}

#[test]
fn the_readers_address_with_a_path_reaches_every_place_and_nothing_else() {
    let doc = parse(&source(FIXTURE));
    let mut values = Values::for_document(&doc);
    values.set(APPLICATION_URL, "https://example.org/tracker/");
    values.set("domain", "reader.test");
    let redirect =
        "https://example.org/tracker/index.php?module=LoginOIDC&action=callback&provider=oidc";
    assert!(block(&doc, "configuration.yml", &values).ends_with(&format!("- '{redirect}'")));
    assert!(
        block(&doc, "tracker.ini", &values).contains("root_url = https://example.org/tracker\n")
    );
    let env = block(&doc, ".env", &values);
    assert!(
        env.contains("TRACKER_PUBLIC_URL=https://example.org/tracker/\n"),
        "{env}"
    );
    assert!(
        env.contains("TRACKER_CALLBACK_URL=https://example.org/tracker/oidc/callback\n"),
        "{env}"
    );
    assert!(
        env.contains("TRACKER_METRICS_URL=https://tracker.reader.test:9100/metrics\n"),
        "{env}"
    );
    assert!(
        env.contains("TRACKER_MIRROR_URL=https://tracker.reader.test.mirror.example/\n"),
        "{env}"
    );
    let text = shown(&doc, &values);
    for expected in [
        "Application Root URL: https://example.org/tracker/\n",
        "Open https://example.org/tracker/ as an administrator",
        "<https://example.org/tracker/admin/sign-in>",
        &format!("Redirect URI: {redirect}\n"),
        // Authelia's address is not the application's.
        "Issuer: https://auth.reader.test\n",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    assert!(!text.contains("tracker.reader.test/"), "{text}");
}

#[test]
fn a_port_or_another_host_is_the_readers_too() {
    let doc = parse(&source(FIXTURE));
    for (value, redirect) in [
        (
            "https://apps.example.org:8443/",
            "https://apps.example.org:8443/index.php?module=LoginOIDC",
        ),
        (
            "https://analytics.example.org",
            "https://analytics.example.org/index.php?module=LoginOIDC",
        ),
    ] {
        assert!(
            doc.variable(APPLICATION_URL)
                .is_some_and(|v| v.validate(value).is_ok())
        );
        let mut values = Values::for_document(&doc);
        values.set(APPLICATION_URL, value);
        let config = block(&doc, "configuration.yml", &values);
        assert!(config.contains(redirect), "{value}: {config}");
    }
}

#[test]
fn the_project_guides_redirect_uri_follows_the_readers_address_in_authelia_and_in_matomo() {
    let path = format!("{}/../../guides/matomo.md", env!("CARGO_MANIFEST_DIR"));
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc = parse(&src);
    let mut values = Values::for_document(&doc);
    values.set(APPLICATION_URL, "https://example.org/matomo/");
    let redirect =
        "https://example.org/matomo/index.php?module=LoginOIDC&action=callback&provider=oidc";
    assert!(block(&doc, "configuration.yml", &values).contains(&format!("- '{redirect}'")));
    // Matomo's own setting, in the list of what to fill in under Login OIDC.
    let shown = shown(&doc, &values);
    let setting = shown
        .split_once("Redirect URI override:")
        .map(|(_, after)| after.trim_start())
        .unwrap_or_else(|| panic!("no Redirect URI override in {shown}"));
    assert!(setting.starts_with(redirect), "{setting}");
    assert!(!shown.contains("matomo.example.com/index.php"), "{shown}");
}

#[test]
fn a_guide_without_the_assumption_or_writing_the_variable_itself_is_left_as_written() {
    let without = parse(
        "- __Authelia Root URL:__ `https://auth.example.com/`\n\n`https://auth.example.com/x`\n",
    );
    assert!(without.variable(APPLICATION_URL).is_none());
    let own = parse(concat!(
        "- __Application Root URL:__ `https://app.example.com/`\n\n",
        "`{{< sitevar name=\"application-url\" nojs=\"https://mine.example.com/\" >}}` `https://app.example.com/x`\n",
    ));
    assert_eq!(
        own.variable(APPLICATION_URL).map(|v| v.default.as_str()),
        Some("https://mine.example.com/")
    );
    assert!(walk(&own.blocks).all(|n| !matches!(n, Node::Segment(Segment::Override(_)))));
}

/// An assumption the generated guides start with.
const ASSUMPTION: &str = "- __Application Root URL:__ `https://app.{{< sitevar name=\"domain\" nojs=\"example.com\" >}}/`\n\n";

/// Pieces of guides full of the application's address and things that look like it.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("- __Application Root URL:__ `https://app.{{< sitevar name=\"domain\" nojs=\"example.com\" >}}/`\n".to_owned()),
        Just("https://app.".to_owned()),
        Just("`https://app.{{< sitevar name=\"domain\" >}}/cb`".to_owned()),
        Just("{{< sitevar name=\"domain\" nojs=\"example.com\" >}}".to_owned()),
        Just("{{< sitevar name=\"port\" >}}".to_owned()),
        Just("{{< client-secret-digest >}}".to_owned()),
        Just("/".to_owned()),
        Just(".evil".to_owned()),
        Just(":8443".to_owned()),
        Just("@".to_owned()),
        Just("`".to_owned()),
        Just("```yaml\n".to_owned()),
        Just("```\n".to_owned()),
        Just("[l](".to_owned()),
        Just(")".to_owned()),
        Just("**".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("- ".to_owned()),
        "[ -~]{0,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_stage_never_panics_and_changes_no_text_at_the_defaults(
        assumed in any::<bool>(),
        parts in prop::collection::vec(piece(), 0..40),
    ) {
        // After an assumption half the time, so the stage has work.
        let head = if assumed { ASSUMPTION } else { "" };
        let src = format!("{head}{}", parts.concat());
        let (Ok(doc), Ok(before)) = (guide::parse(&src), guide::parse(&src.replace(LABEL, OTHER_LABEL))) else {
            return Ok(());
        };
        let (values, old) = (Values::for_document(&doc), Values::for_document(&before));
        prop_assert_eq!(shown(&doc, &values), shown(&before, &old).replace(OTHER_LABEL, LABEL));
        // Every override holds the guide's own address, as written or at its defaults.
        let domain = UrlPart::Variable(guide::VarRef {
            name: "domain".to_owned(),
            format: guide::Format::Plain,
        });
        let as_written = [UrlPart::Text("https://app.".to_owned()), domain];
        let at_defaults = [UrlPart::Text("https://app.example.com".to_owned())];
        for node in walk(&doc.blocks) {
            if let Node::Segment(Segment::Override(o))
            | Node::Inline(Inline::Override(o))
            | Node::UrlPart(UrlPart::Override(o)) = node
            {
                prop_assert!(o.written == as_written || o.written == at_defaults, "{:?}", o);
            }
        }
        prop_assert!(doc.node_count() <= guide::budget::MAX_NODES);
    }
}

/// Parsing, as the timings measure it.
fn parse_only(src: &str) {
    std::hint::black_box(guide::parse(std::hint::black_box(src))).ok();
}

proptest! {
    // Each case times parses of up to 256 kB: a few cases suffice.
    #![proptest_config(ProptestConfig { cases: 8, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn doubling_a_guide_full_of_the_address_at_most_triples_the_time(
        // A unit of nothing repeats into nothing (the pieces' free text may be empty):
        // there is no size to double.
        unit in prop::collection::vec(piece(), 1..12)
            .prop_map(|pieces| pieces.concat())
            .prop_filter("a unit that holds text", |unit| !unit.is_empty()),
    ) {
        let small = format!("{ASSUMPTION}{}", unit.repeat(64 * 1024 / unit.len() + 1));
        let large = format!("{ASSUMPTION}{}", unit.repeat(2 * (64 * 1024 / unit.len() + 1)));
        let (linear, times) =
            linear::at_most_triples(&parse_only, 5, Duration::from_millis(5), &small, &large);
        prop_assert!(linear, "{} bytes of {:?}, then twice that: {:?}", small.len(), unit, times);
    }
}

#[test]
fn one_long_line_of_addresses_is_searched_in_linear_time() {
    let line = |n: usize| {
        format!(
            "{ASSUMPTION}```\n{}\n```\n",
            "https://app.{{< sitevar name=\"domain\" >}}/x https://app.app.app.".repeat(n)
        )
    };
    // Measured as every growth test is (support::linear): in turns, the fastest of
    // several runs, and again when a busy moment of the machine spoils a measurement.
    let (small, large) = (line(5_000), line(10_000));
    let (linear, times) =
        linear::at_most_triples(&parse_only, 5, Duration::from_millis(5), &small, &large);
    assert!(linear, "{} bytes, then twice that: {times:?}", small.len());
}
