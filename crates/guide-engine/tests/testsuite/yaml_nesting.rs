//! Deep YAML nesting is measured before the YAML reader sees it (`yaml_depth`): the
//! measure never panics, takes linear time, and agrees with the reader (serde_yaml over
//! libyaml) on what it lets through; front matter nested past `MAX_YAML_NESTING` is refused
//! at once, at its line, naming the limit (a pasted configuration too: the
//! `authelia-check` crate's `nesting` tests).

use std::hint::black_box;
use std::time::{Duration, Instant};

use guide_engine::yaml_depth::{self, MAX_YAML_NESTING, TooDeep};
use guide_engine::{FrontMatterError, GuideError};
use proptest::prelude::*;
use serde_yaml::Value;

use crate::support::linear;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/tests/fixtures/{path}"))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// How many collections deep the reader's value nests (a scalar alone is 0, `[]` is 1),
/// without recursion: serde_yaml gives at most 128 levels anyway.
fn value_depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(value, 0)];
    while let Some((value, outside)) = stack.pop() {
        let inside = outside + 1;
        match value {
            Value::Sequence(items) => {
                deepest = deepest.max(inside);
                stack.extend(items.iter().map(|v| (v, inside)));
            }
            Value::Mapping(map) => {
                deepest = deepest.max(inside);
                stack.extend(map.iter().flat_map(|(k, v)| [(k, inside), (v, inside)]));
            }
            Value::Tagged(tagged) => stack.push((&tagged.value, outside)),
            _ => {}
        }
    }
    deepest
}

/// Text that holds brackets the reader reads as text, never as collections: quoted,
/// commented, in block scalars, inside and after plain scalars, in a tag.
fn block_decoy() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "'x[[{ it''s ]'",
        "\"[[\\\" {{ \\\\\"",
        "x[[ {{ y",
        "it's [a",
        "|\n  [[[\n  {{\n",
        ">-\n  [[ {\n\n  more [\n",
        "word\n  [[ continued {\n  and 'on\n",
        "1 # [[ comment\n",
        "!tagged x[",
        "&anchor x",
        "plain#[[ not a comment",
    ])
}

/// Items of a flow collection that do not open one: quoted or plain text with brackets
/// or quote marks inside, a comment, a pair, a tag, an anchor, and line breaks.
fn flow_decoy() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "'a][}{'",
        "\"b}{\\\"]\"",
        "it's",
        "x#y",
        "!t v",
        "&n v",
        "1 # ]] }} a comment\n",
        "\n  x",
        "\u{2028}y",
    ])
}

/// A flow node of exactly `depth` levels around `decoys`, as sequences (`[`) or mappings
/// (`{k: …}`) by `shapes`.
fn flow_node(depth: usize, shapes: &[bool], decoys: &[&str]) -> String {
    let mut open = String::new();
    let mut close = String::new();
    for level in 0..depth {
        let decoy = decoys
            .get(level % decoys.len().max(1))
            .copied()
            .unwrap_or("x");
        let mapping = shapes
            .get(level % shapes.len().max(1))
            .copied()
            .unwrap_or(false);
        if mapping {
            open.push_str(&format!("{{d{level}: {decoy}, k{level}: "));
            close.insert(0, '}');
        } else {
            open.push_str(&format!("[{decoy}, "));
            close.insert(0, ']');
        }
    }
    if depth == 0 {
        "leaf".to_owned()
    } else {
        format!("{open}leaf{close}")
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any text, built mostly of what YAML reads specially: no panic, and nothing the
    /// reader reads is counted deeper than the reader builds it, so nothing it accepts is
    /// refused.
    #[test]
    fn never_panics_and_never_counts_deeper_than_the_reader_reads(
        text in "[\\[\\]{},:?\\-#'\"|>!&*% \t\n\r\u{2028}\u{85}\u{feff}ab1é]{0,200}"
    ) {
        let depth = yaml_depth::deepest(&text, usize::MAX);
        prop_assert!(depth.is_ok());
        if let (Ok(depth), Ok(value)) = (depth, serde_yaml::from_str::<Value>(&text)) {
            prop_assert!(depth <= value_depth(&value), "{depth} > {}", value_depth(&value));
        }
    }

    /// YAML of a known flow depth, between text that only looks like brackets: measured
    /// exactly, read by the reader at that depth, and refused exactly when the reader
    /// refuses it too.
    #[test]
    fn agrees_with_the_reader_on_what_it_lets_through(
        depth in prop_oneof![0usize..12, 120usize..136],
        shapes in prop::collection::vec(any::<bool>(), 1..4),
        flow_decoys in prop::collection::vec(flow_decoy(), 1..5),
        before in prop::collection::vec(block_decoy(), 0..4),
        after in prop::collection::vec(block_decoy(), 0..4),
    ) {
        let mut yaml = String::new();
        for (i, decoy) in before.iter().enumerate() {
            yaml.push_str(&format!("b{i}: {decoy}\n"));
        }
        yaml.push_str(&format!("nested: {}\n", flow_node(depth, &shapes, &flow_decoys)));
        for (i, decoy) in after.iter().enumerate() {
            yaml.push_str(&format!("a{i}: {decoy}\n"));
        }
        prop_assert_eq!(yaml_depth::deepest(&yaml, usize::MAX), Ok(depth), "{}", yaml);
        let read = serde_yaml::from_str::<Value>(&yaml);
        let let_through = yaml_depth::check(&yaml).is_ok();
        prop_assert_eq!(let_through, depth <= MAX_YAML_NESTING, "{}", yaml);
        match read {
            // The mapping, then the flow node's levels.
            Ok(value) => {
                prop_assert!(let_through, "the reader read what the measure refuses:\n{}", yaml);
                prop_assert_eq!(value_depth(&value), depth + 1, "{}", yaml);
            }
            Err(e) => prop_assert!(
                depth + 1 > MAX_YAML_NESTING && e.to_string().contains("recursion limit"),
                "{e}:\n{yaml}"
            ),
        }
    }
}

#[test]
fn doubling_the_text_at_most_triples_the_time() {
    let measure = |text: &str| {
        let _ = black_box(yaml_depth::deepest(black_box(text), usize::MAX));
    };
    for unit in [
        "[",
        "[a, 'b]', \"c}\", {d: e}, ",
        "- ",
        "a: x\n  [[ continued\n",
        "k: |\n  [[[\n",
        "' \"",
    ] {
        let small = unit.repeat(256 * 1024 / unit.len() + 1);
        let large = small.repeat(2);
        let (linear, times) =
            linear::at_most_triples(&measure, 5, Duration::from_millis(2), &small, &large);
        assert!(linear, "{unit:?}: {times:?}");
    }
}

#[test]
fn front_matter_nested_forty_thousand_deep_is_refused_at_once_at_its_line() {
    let source = fixture("hostile/deep-front-matter.md");
    let started = Instant::now();
    let refused = guide_engine::parse(&source).err();
    let took = started.elapsed();
    assert_eq!(
        refused,
        Some(GuideError::FrontMatter(FrontMatterError::TooDeep {
            line: 3,
            limit: MAX_YAML_NESTING
        }))
    );
    let said = refused.map(|e| e.to_string()).unwrap_or_default();
    assert!(said.contains(&MAX_YAML_NESTING.to_string()), "{said}");
    // A hang detector, not a benchmark: the reader took 15 s on this.
    assert!(took < Duration::from_secs(1), "{took:?}");
}

#[test]
fn the_limit_is_where_the_reader_stops_reading() {
    // serde_yaml's own recursion limit: a flow node as deep as the measure allows is read,
    // one level more is not (with the mapping around it, one level fewer is the most).
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(serde_yaml::from_str::<Value>(&nested(MAX_YAML_NESTING)).is_ok());
    assert!(serde_yaml::from_str::<Value>(&nested(MAX_YAML_NESTING + 1)).is_err());
    assert_eq!(
        yaml_depth::check(&nested(MAX_YAML_NESTING + 1)),
        Err(TooDeep {
            line: 1,
            column: MAX_YAML_NESTING + 1,
            limit: MAX_YAML_NESTING
        })
    );
}
