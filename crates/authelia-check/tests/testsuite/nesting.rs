//! A pasted configuration nested past `MAX_YAML_NESTING` is refused at once, at its line,
//! naming the limit, before the YAML reader (quadratic in the nesting) sees it.

use std::time::{Duration, Instant};

use authelia_check::configuration::{self, Expected, Rule};
use guide_engine::yaml_depth::MAX_YAML_NESTING;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/tests/fixtures/{path}"))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_configuration_nested_a_hundred_thousand_deep_is_refused_at_once_at_its_line() {
    let pasted = fixture("configuration/deep-nesting.yml");
    let started = Instant::now();
    let report = configuration::check(
        &pasted,
        &Expected {
            client_id: "matomo",
            guide_block: "",
            ..Expected::default()
        },
    );
    let took = started.elapsed();
    let [finding] = report.findings.as_slice() else {
        panic!("{:?}", report.findings)
    };
    let column = u32::try_from(14 + MAX_YAML_NESTING).ok();
    assert_eq!(
        (finding.rule, finding.line, finding.column),
        (Rule::TooDeep, Some(4), column),
        "{finding:?}"
    );
    assert!(
        finding.problem.contains(&MAX_YAML_NESTING.to_string()),
        "{finding:?}"
    );
    assert!(took < Duration::from_secs(1), "{took:?}");
}
