//! The hostile corpus (`tests/fixtures/hostile/`): every guide there is parsed on a
//! thread with a quarter of a Web Worker's stack. None may panic or overflow, each must
//! finish (a generous hang detector, not a benchmark: the `parse` bench measures), and
//! each limit must answer as documented.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use guide_engine::walk::{Node, walk};
use guide_engine::{
    self as guide, Block, Document, GuideError, Inline, Kind, Refusal, Source, Target, UrlPart,
    Warning,
};

/// A quarter of the worker's stack.
const SMALL_STACK: usize = 256 * 1024;

/// Long enough for an unoptimised build on a busy machine; a hang is minutes.
const HANG: Duration = Duration::from_secs(60);

fn dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/hostile"
    ))
}

/// A corpus file's text.
fn source(name: &str) -> String {
    std::fs::read_to_string(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Parses a corpus file on a small stack, failing on a panic, an overflow or a hang.
fn parse(name: &str) -> Result<Document, GuideError> {
    let source = source(name);
    let (send, receive) = mpsc::channel();
    let worker = thread::Builder::new()
        .name(name.to_owned())
        .stack_size(SMALL_STACK)
        .spawn(move || {
            let parsed = guide::parse(&source);
            // Used as the page would: walked, copied, compared, dropped.
            if let Ok(doc) = &parsed {
                let copy = doc.clone();
                assert!(&copy == doc);
                assert!(walk(&doc.blocks).count() > 0);
            }
            let _ = send.send(parsed);
        })
        .unwrap_or_else(|e| panic!("{name}: no thread: {e}"));
    match receive.recv_timeout(HANG) {
        Ok(parsed) => {
            let _ = worker.join();
            parsed
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{name}: still parsing after {HANG:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            panic!("{name}: the engine panicked or overflowed its stack")
        }
    }
}

fn parsed(name: &str) -> Document {
    parse(name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

const NESTED: Warning = Warning::NestedTooDeep {
    limit: guide::depth::MAX_NESTING,
};

#[test]
fn every_corpus_guide_parses_or_is_refused_without_panicking() {
    let names = crate::support::hostile_guides();
    assert!(names.len() >= 19, "{names:?}");
    for name in names {
        if let Ok(doc) = parse(&name) {
            let nodes = doc.node_count();
            assert!(nodes <= guide::budget::MAX_NODES, "{name}: {nodes} nodes");
            assert!(
                table_cells(&doc) <= guide::budget::MAX_TABLE_CELLS,
                "{name}"
            );
        }
    }
}

/// Every table cell of a document, head and rows, padding included.
fn table_cells(doc: &Document) -> usize {
    walk(&doc.blocks)
        .map(|node| match node {
            Node::Block(Block::Table { head, rows, .. }) => {
                head.len() + rows.iter().map(Vec::len).sum::<usize>()
            }
            _ => 0,
        })
        .sum()
}

#[test]
fn ten_wide_tables_of_short_rows_are_shown_as_text_with_a_warning() {
    let doc = parsed("wide-tables.md");
    // Padded, they would be 10 × 513 × 512 = 2.6 million cells.
    assert_eq!(table_cells(&doc), 0);
    // Shown as their text, one-cell rows as lines of a paragraph, until the document is
    // as large as the page can take at once.
    assert_eq!(
        doc.warnings(),
        [
            Warning::TooManyTableCells {
                limit: guide::budget::MAX_TABLE_CELLS
            },
            Warning::TooManyNodes {
                limit: guide::budget::MAX_NODES
            }
        ]
    );
    let rows = walk(&doc.blocks)
        .filter(|n| matches!(n, Node::Inline(Inline::Text(t)) if t == "x"))
        .count();
    assert!(rows > 512, "{rows}");
    assert!(
        doc.node_count() <= guide::budget::MAX_NODES,
        "{}",
        doc.node_count()
    );
}

#[test]
fn oidc_common_shortcodes_stop_adding_text_at_the_snippet_limit() {
    for name in ["oidc-common-bomb.md", "oidc-common-config-bomb.md"] {
        let doc = parsed(name);
        assert_eq!(
            doc.warnings().first(),
            Some(&Warning::SnippetsTooLong {
                limit: guide::budget::MAX_SNIPPET_BYTES
            }),
            "{name}"
        );
        // The shortcodes past the limit, shown as their text, may still make more blocks
        // than the page takes at once: then the document is cut there too.
        assert!(
            doc.warnings().len() == 1
                || doc.warnings().get(1)
                    == Some(&Warning::TooManyNodes {
                        limit: guide::budget::MAX_NODES
                    }),
            "{name}: {:?}",
            doc.warnings()
        );
        assert!(
            doc.node_count() <= guide::budget::MAX_NODES,
            "{name}: {}",
            doc.node_count()
        );
    }
    // The first shortcodes are shown; those past the limit as their text.
    let doc = parsed("oidc-common-bomb.md");
    let snippets = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Snippet { .. }))
        .count();
    assert!((1..=16).contains(&snippets), "{snippets}");
    // … until the document holds as much as the page takes at once.
    assert!(doc.notices().len() > 100, "{}", doc.notices().len());
}

/// The largest `k` in `0..=most` for which `passes(k)` holds, when it holds for 0 and,
/// once it fails, fails for every larger `k`.
fn last_passing(most: usize, passes: &dyn Fn(usize) -> bool) -> usize {
    let (mut good, mut bad) = (0, most + 1);
    while bad - good > 1 {
        let mid = good + (bad - good) / 2;
        if passes(mid) {
            good = mid;
        } else {
            bad = mid;
        }
    }
    good
}

/// How many notices the page announces for the bomb ("N shortcode(s) in this guide are
/// shown as labelled notices", `tests/browser/hostile.test.mjs`), derived from the
/// fixture rather than copied from the page: its shortcodes, all one `oidc-common`, are
/// shown as the project's notes until the snippet limit, as notices after it, and not at
/// all past the node limit. Each limit's point is found on the fixture's own prefixes:
/// the most shortcodes that pass without its warning.
#[test]
fn the_oidc_common_bombs_notices_are_its_shortcodes_between_the_snippet_and_node_limits() {
    let name = "oidc-common-bomb.md";
    let source = source(name);
    let shortcode = "{{% oidc-common bugs=\"claim-binding\" %}}";
    let starts: Vec<usize> = source.match_indices("{{").map(|(at, _)| at).collect();
    assert!(
        starts
            .iter()
            .all(|&at| source.get(at..).is_some_and(|s| s.starts_with(shortcode))),
        "every shortcode of {name} is the same oidc-common"
    );
    // The fixture up to its `k`-th shortcode, as it is written: heading and blank lines.
    let first = |k: usize| {
        let end = starts.get(k).copied().unwrap_or(source.len());
        guide::parse(&source[..end]).unwrap_or_else(|e| panic!("{name}, {k} shortcodes: {e}"))
    };
    let without = |warning: Warning| move |k: usize| !first(k).warnings().contains(&warning);
    let as_notes = last_passing(
        starts.len(),
        &without(Warning::SnippetsTooLong {
            limit: guide::budget::MAX_SNIPPET_BYTES,
        }),
    );
    let shown = last_passing(
        starts.len(),
        &without(Warning::TooManyNodes {
            limit: guide::budget::MAX_NODES,
        }),
    );
    let doc = parsed(name);
    let notes = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Snippet { .. }))
        .count();
    let notices = doc.notices();
    let derivation = format!(
        "{} shortcodes in {name}; the first {as_notes} fit the snippet limit, the first \
         {shown} the node limit",
        starts.len()
    );
    assert_eq!(notes, as_notes, "{derivation}");
    assert_eq!(notices.len(), shown - as_notes, "{derivation}");
    assert!(notices.iter().all(|n| *n == shortcode), "{notices:?}");
    // The browser test states the page's notice for this fixture with its count: that
    // count is this derivation's, so it changes with the engine's limits, not by hand.
    let browser_test = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/browser/hostile.test.mjs"
    );
    let stated =
        std::fs::read_to_string(browser_test).unwrap_or_else(|e| panic!("{browser_test}: {e}"));
    let notice = format!(
        "\"{} shortcode(s) in this guide are shown as labelled notices",
        notices.len()
    );
    assert!(
        stated.contains(&notice),
        "{browser_test} must state {notice}…: {derivation}"
    );
}

#[test]
fn a_line_of_a_hundred_thousand_secrets_stays_within_the_node_limit() {
    let doc = parsed("credential-line.md");
    let nodes = doc.node_count();
    assert!(nodes <= guide::budget::MAX_NODES, "{nodes}");
    assert!(nodes > guide::budget::MAX_NODES / 2, "{nodes}");
    assert_eq!(
        doc.warnings(),
        [Warning::TooManyNodes {
            limit: guide::budget::MAX_NODES
        }]
    );
}

#[test]
fn nesting_attacks_are_flattened_with_a_warning() {
    for name in [
        "nested-emphasis-heading.md",
        "nested-quotes.md",
        "nested-lists.md",
        "nested-callouts.md",
    ] {
        let doc = parsed(name);
        assert_eq!(doc.warnings(), [NESTED], "{name}");
        let deepest = guide::walk::deepest(&doc.blocks);
        assert!(deepest <= guide::depth::MAX_NODE_DEPTH, "{name}: {deepest}");
    }
}

#[test]
fn lexer_attacks_are_plain_text() {
    for name in [
        "unterminated-openers.md",
        "lexer-worst-angle.md",
        "lexer-worst-quoted.md",
        "lexer-worst-escaped.md",
        "lexer-worst-comment.md",
    ] {
        let doc = parsed(name);
        assert!(doc.notices().is_empty(), "{name}");
        assert!(doc.variables().is_empty(), "{name}");
    }
}

#[test]
fn the_alias_bomb_is_refused_naming_the_limit() {
    let err = parse("alias-bomb.md").err();
    assert_eq!(
        err,
        Some(GuideError::FrontMatter(guide::FrontMatterError::TooLarge {
            limit: guide::front_matter::MAX_EXPANDED_BYTES
        }))
    );
}

#[test]
fn the_oversize_guide_is_refused_naming_the_limit() {
    let err = parse("oversize.md").err();
    assert_eq!(
        err,
        Some(GuideError::TooLarge {
            bytes: guide::MAX_GUIDE_BYTES + 1,
            limit: guide::MAX_GUIDE_BYTES
        })
    );
}

#[test]
fn seventy_thousand_variables_make_sixty_four_fields_and_are_cut_at_the_node_limit() {
    let source = source("many-variables.md");
    // The fixture: one line each, `{{<sitevar vN>}}`, every name its own.
    let names: BTreeSet<&str> = source
        .lines()
        .filter_map(|line| line.strip_prefix("{{<sitevar ")?.strip_suffix(">}}"))
        .collect();
    assert_eq!(names.len(), 70_000);
    assert_eq!(source.lines().count(), names.len());
    let doc = parsed("many-variables.md");
    let limit = guide::variables::MAX_VARIABLES;
    assert_eq!(doc.variables().len(), limit);
    // The lines are one paragraph, each line at least a line break besides its text:
    // more nodes than the page takes at once, so the document is cut there as well.
    assert!(names.len() > guide::budget::MAX_NODES);
    assert_eq!(
        doc.warnings(),
        [
            Warning::TooManyVariables { limit },
            Warning::TooManyNodes {
                limit: guide::budget::MAX_NODES
            }
        ]
    );
}

#[test]
fn no_address_in_the_secret_corpus_carries_the_secret_or_its_digest() {
    let doc = parsed("secret-in-url.md");
    let mut refused = 0;
    for node in walk(&doc.blocks) {
        match node {
            Node::UrlPart(UrlPart::Variable(v)) => assert!(!v.is_secret(), "{}", v.name),
            Node::Inline(Inline::Link {
                target:
                    Target::Refused {
                        refusal: Refusal::CarriesSecret,
                        ..
                    },
                ..
            })
            | Node::Inline(Inline::Image {
                source:
                    Source::Refused {
                        refusal: Refusal::CarriesSecret,
                        ..
                    },
                ..
            })
            | Node::Block(Block::Figure {
                source:
                    Source::Refused {
                        refusal: Refusal::CarriesSecret,
                        ..
                    },
                ..
            }) => refused += 1,
            _ => {}
        }
    }
    // Link, image, relative image, digest link, digest fragment, two figures and two
    // reference links.
    assert_eq!(refused, 9);
    // The safe autolinks stay links, the one spelling the example secret included:
    // an address is never rewritten.
    let web: Vec<String> = walk(&doc.blocks)
        .filter_map(|n| match n {
            Node::Inline(Inline::Link {
                target: Target::Web(url),
                ..
            }) => Some(guide::resolve_url(url, &guide::Values::default())),
            _ => None,
        })
        .collect();
    assert_eq!(
        web,
        [
            "https://evil.example/a",
            "https://evil.example/insecure_secret",
            "https://safe.example/"
        ]
    );
}

/// Every refused link, image and figure of a document, by why.
fn refusals(doc: &Document, why: Refusal) -> usize {
    walk(&doc.blocks)
        .filter(|node| match node {
            Node::Inline(Inline::Link {
                target: Target::Refused { refusal, .. },
                ..
            })
            | Node::Inline(Inline::Image {
                source: Source::Refused { refusal, .. },
                ..
            })
            | Node::Block(Block::Figure {
                source: Source::Refused { refusal, .. },
                ..
            }) => *refusal == why,
            _ => false,
        })
        .count()
}

#[test]
fn a_secret_by_another_name_never_travels_in_an_address_but_stays_in_text() {
    let doc = parsed("lookalike-secret.md");
    for name in ["client_secret", "adminPassword"] {
        let variable = doc.variable(name).unwrap_or_else(|| panic!("{name}"));
        assert!(variable.is_secret(), "{name}");
    }
    assert!(!doc.variable("secret-length").is_some_and(|v| v.is_secret()));
    // The link, the image, the credentials link and the figure.
    assert_eq!(refusals(&doc, Refusal::CarriesSecret), 4);
    for node in walk(&doc.blocks) {
        if let Node::UrlPart(UrlPart::Variable(v)) = node {
            assert!(!v.is_secret(), "{} in an address", v.name);
        }
    }
    // The length is no secret: its link stands.
    let lengths = walk(&doc.blocks)
        .filter(|n| matches!(n, Node::UrlPart(UrlPart::Variable(v)) if v.name == "secret-length"))
        .count();
    assert_eq!(lengths, 1);
    // In prose and in the code block's address, the reader's value is shown.
    let in_text = walk(&doc.blocks)
        .filter(|n| matches!(n, Node::Inline(Inline::Variable(v)) if v.name == "client_secret"))
        .count();
    assert_eq!(in_text, 1);
    let in_code = doc.blocks.iter().any(|b| {
        matches!(b, Block::CodeBlock { segments, .. }
            if segments.iter().any(|s| matches!(s, guide::Segment::Variable(v) if v.name == "client_secret")))
    });
    assert!(in_code);
}

#[test]
fn defaults_no_reader_could_type_are_dropped_with_a_warning() {
    let doc = parsed("format-characters.md");
    assert_eq!(doc.warnings(), [Warning::DefaultsRefused]);
    for name in [
        "file-name",
        "app-host",
        "team",
        "realm",
        "label",
        "app-name",
        "app-title",
        "app-flag",
        "app-key",
        "app-callback",
        "app-port",
    ] {
        let variable = doc.variable(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(variable.default, "", "{name}");
    }
    // The declared kinds are kept; Authelia's domain keeps its own default.
    assert_eq!(doc.variable("app-host").map(|v| v.kind), Some(Kind::Host));
    assert_eq!(doc.variable("app-port").map(|v| v.kind), Some(Kind::Number));
    assert_eq!(
        doc.variable("domain").map(|v| v.default.as_str()),
        Some("example.com")
    );
    let url = doc.variable("app-url").expect("app-url");
    assert_eq!(
        (url.kind, url.default.as_str()),
        (Kind::Url, "https://app.example.com/")
    );
    assert_eq!(
        doc.variable("app-team").map(|v| v.default.as_str()),
        Some("Platform Team")
    );
    // Each refuses the same text typed by the reader, and says why.
    let file = doc.variable("file-name").expect("file-name");
    let reason = file
        .validate("report\u{202E}gpj.exe")
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        reason.as_deref(),
        Some("contains an invisible formatting character (U+202E)")
    );
}
