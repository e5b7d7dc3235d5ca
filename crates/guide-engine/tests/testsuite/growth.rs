//! What a guide becomes grows linearly with it, in time as in nodes, for the inputs that
//! multiply: tables whose short rows are padded to a wide head, and `oidc-common` lists
//! whose every name becomes a line of text.

use std::hint::black_box;
use std::time::Duration;

use guide_engine as guide;
use proptest::prelude::*;

/// Pieces of tables and `oidc-common` shortcodes, so random input is mostly the
/// constructs that multiply.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(format!("\n{}|\n{}|\n", "|h".repeat(64), "|-".repeat(64))),
        Just("| a | b |\n".to_owned()),
        Just("x\n".to_owned()),
        Just("\n".to_owned()),
        Just("{{% oidc-common config=\"".to_owned()),
        Just("a,".to_owned()),
        Just("\" %}}\n".to_owned()),
        Just("{{% oidc-common bugs=\"claim-binding,x\" faq=\"y\" %}}\n".to_owned()),
    ]
}

use crate::support::linear;

/// Parsing, timed: five runs of each input.
fn parses_at_most_triple(small: &str, large: &str) -> (bool, Vec<(Duration, Duration)>) {
    let parse = |src: &str| {
        black_box(guide::parse(black_box(src))).ok();
    };
    linear::at_most_triples(&parse, 5, Duration::from_millis(5), small, large)
}

#[test]
fn doubling_wide_tables_at_most_triples_the_time() {
    let table = format!(
        "{}|\n{}|\n{}\n",
        "|h".repeat(512),
        "|-".repeat(512),
        "x\n".repeat(512)
    );
    let small = table.repeat(20);
    let large = small.repeat(2);
    let (linear, times) = parses_at_most_triple(&small, &large);
    assert!(linear, "{times:?}");
}

#[test]
fn doubling_an_oidc_common_list_at_most_triples_the_time() {
    let small = format!(
        "{{{{% oidc-common config=\"{}\" %}}}}\n",
        "a,".repeat(50_000)
    );
    let large = format!(
        "{{{{% oidc-common config=\"{}\" %}}}}\n",
        "a,".repeat(100_000)
    );
    let (linear, times) = parses_at_most_triple(&small, &large);
    assert!(linear, "{times:?}");
}

proptest! {
    // Each case times ten parses of up to 256 kB: a few cases suffice.
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn doubling_the_input_at_most_triples_the_time(unit in prop::collection::vec(piece(), 1..8)) {
        let unit: String = unit.concat();
        let small = unit.repeat(64 * 1024 / unit.len() + 1);
        let large = small.repeat(2);
        // A quadratic stage quadruples; a linear one doubles. The absolute slack covers
        // timer noise, and a case measured in a busy moment is measured again.
        let (linear, times) = parses_at_most_triple(&small, &large);
        prop_assert!(linear, "{} bytes of {:?}, then twice that: {:?}", small.len(), unit, times);
        for src in [&small, &large] {
            if let Ok(doc) = guide::parse(src) {
                let nodes = doc.node_count();
                prop_assert!(nodes <= guide::budget::MAX_NODES_PER_BYTE * src.len() + 1);
                prop_assert!(nodes <= guide::budget::MAX_NODES);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn tables_make_at_most_a_fixed_number_of_nodes_per_byte(
        columns in 1usize..600,
        rows in 0usize..600,
        tables in 1usize..4,
    ) {
        let table = format!("{}|\n{}|\n{}\n", "|h".repeat(columns), "|-".repeat(columns), "x\n".repeat(rows));
        let src = table.repeat(tables);
        let doc = guide::parse(&src).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let nodes = doc.node_count();
        prop_assert!(
            nodes <= guide::budget::MAX_NODES_PER_BYTE * src.len() + 1,
            "{} nodes from {} bytes", nodes, src.len()
        );
    }
}

#[test]
fn a_guide_past_the_node_limit_is_cut_with_a_warning_whatever_makes_its_nodes() {
    let code = format!(
        "```\n{}\n```\n",
        "{{< sitevar name=\"port\" >}}:".repeat(100)
    );
    let units = [
        code.as_str(),
        "a *b* __c__ ~~d~~ `e {{< sitevar name=\"domain\" >}}` [f](https://x.example/{{< sitevar name=\"domain\" >}}) [g](../g.md) ![h](h.png)\n",
        "- a\n",
        "1. `{{< sitevar name=\"domain\" >}}{{< client-secret-digest >}}`\n",
        "{{< sitevar x >}}y",
        "{{< unknown >}} x ",
        "{{< callout >}}a{{< /callout >}}\n\n",
        "{{< figure src=\"https://{{< sitevar name=\\\"domain\\\" >}}/a.png\" >}}\n\n",
        "| a | b |\n|---|---|\n| `c` | d |\n\n",
        "> a\n>\n",
        "# h\n",
        "a<br>",
    ];
    let cut = guide::Warning::TooManyNodes {
        limit: guide::budget::MAX_NODES,
    };
    let wrong: Vec<String> = units
        .iter()
        .filter_map(|unit| {
            let src = unit.repeat(1_900_000 / unit.len());
            let doc = guide::parse(&src).unwrap_or_else(|e| panic!("{unit:?}: {e}"));
            let nodes = doc.node_count();
            let kept = nodes <= guide::budget::MAX_NODES && doc.warnings().contains(&cut);
            (!kept).then(|| format!("{unit:?}: {nodes} nodes, {:?}", doc.warnings()))
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}
