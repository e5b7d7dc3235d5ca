//! "Check my configuration": one broken configuration per finding (tests/fixtures/configuration/),
//! each with its finding and line; correct configurations with none; the bounds; and no
//! panic on any input.

use guide_engine::configuration::{self, Expected, Finding, Report};
use guide_engine::{self as guide, Block, Values, resolve_all};

/// The project's root, where guides/ and tests/fixtures/ live.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn fixture(name: &str) -> String {
    let path = format!("{ROOT}/tests/fixtures/configuration/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The Authelia block of the project's Matomo guide, for its default values: what the
/// page passes as [`Expected::guide_block`].
fn matomo_block() -> String {
    let path = format!("{ROOT}/guides/matomo.md");
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc = guide::parse(&src).unwrap_or_else(|e| panic!("{path}: {e}"));
    let values = Values::for_document(&doc);
    doc.blocks
        .iter()
        .find_map(|b| match b {
            Block::CodeBlock { segments, .. } => {
                let text = resolve_all(segments, &values, doc.default_digest());
                text.contains("identity_providers:").then_some(text)
            }
            _ => None,
        })
        .expect("the Matomo guide has an Authelia block")
}

fn check(name: &str) -> Report {
    let block = matomo_block();
    configuration::check(
        &fixture(name),
        &Expected {
            client_id: "matomo",
            guide_block: &block,
        },
    )
}

#[test]
fn dump() {
    let dir = format!("{ROOT}/tests/fixtures/configuration");
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    for n in names {
        let r = check(&n);
        println!("== {n} [{}] digest={:?}", r.scope, r.digest.as_ref().map(|d| d.1));
        for f in &r.findings { println!("  {:?}:{:?} {} || {}", f.line, f.column, f.problem, f.fix); }
    }
    let _: Option<Finding> = None;
}
