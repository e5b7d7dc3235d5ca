//! Checks, over a folder of client guides, each guide's own client block against itself
//! with "Check my configuration"'s checker: a guide's block at its defaults, pasted as
//! the clients part (the provider is not in a guide's block), with the guide's facts
//! (`GuideFacts::of` its document), should give no finding but those the guide's own
//! choices bring (`claims-policy-missing` for one whose escape hatch is a separate block).
//! Prints each finding with its rule, to be judged: a guide that contradicts itself, or
//! the checker wrong; then the count of each rule.
//!
//! ```text
//! cargo run -p authelia-check --example configuration_sweep -- /path/to/clients
//! ```
//!
//! The folder holds guides as `<name>/index.md` (Authelia's layout).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use authelia_check::configuration::{Expected, GuideFacts, check};
use guide_engine::{self as guide, Values};

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: configuration_sweep <folder of guides>");
        return ExitCode::FAILURE;
    };
    let Ok(entries) = std::fs::read_dir(Path::new(&dir)) else {
        eprintln!("{dir}: cannot be read");
        return ExitCode::FAILURE;
    };
    let mut paths: Vec<_> = entries
        .flatten()
        .map(|e| e.path().join("index.md"))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let (mut checked, mut clean, mut without_block) = (0, 0, 0);
    let mut problems: BTreeMap<String, usize> = BTreeMap::new();
    for path in &paths {
        let Ok(source) = std::fs::read_to_string(path) else {
            continue;
        };
        let Ok(document) = guide::parse(&source) else {
            continue;
        };
        let Some(block) = document.authelia_block() else {
            without_block += 1;
            continue;
        };
        let values = Values::for_document(&document);
        let text = guide::resolve_all(block, &values, document.default_digest());
        let clients = text
            .find("    clients:")
            .map_or(text.as_str(), |at| &text[at..]);
        let client_id = text
            .lines()
            .find_map(|l| {
                l.trim_start()
                    .trim_start_matches("- ")
                    .strip_prefix("client_id:")
            })
            .map(|v| v.trim().trim_matches(['\'', '"']).to_owned())
            .unwrap_or_default();
        let report = check(
            clients,
            &Expected {
                client_id: &client_id,
                guide_block: &text,
                authelia_url: None,
                guide: GuideFacts::of(&document),
            },
        );
        checked += 1;
        if report.findings.is_empty() {
            clean += 1;
        }
        for finding in &report.findings {
            println!(
                "{}: line {:?}: [{}] {}",
                path.display(),
                finding.line,
                finding.rule,
                finding.problem
            );
            *problems.entry(finding.rule.id().to_owned()).or_default() += 1;
        }
    }
    println!(
        "\n{checked} guides checked, {clean} with no finding, {without_block} without a client block"
    );
    for (kind, n) in problems {
        println!("{n:4}  {kind}");
    }
    ExitCode::SUCCESS
}
