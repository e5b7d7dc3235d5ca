//! Parse timings for the guide engine: the reference Matomo guide (bar: < 1 ms), a
//! ~1 MB synthetic guide (bar: < 50 ms) and every guide of the hostile corpus
//! (`tests/fixtures/hostile/`, bar: < 200 ms each). Plain binary so it needs no nightly
//! or benchmark crate: `cargo bench -p guide-engine --bench parse` prints the medians.

use std::hint::black_box;
use std::time::{Duration, Instant};

use guide_engine as guide;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort_unstable();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn time(runs: usize, source: &str) -> Duration {
    let samples = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let doc = guide::parse(black_box(source));
            black_box(&doc);
            start.elapsed()
        })
        .collect();
    median(samples)
}

fn main() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let reference = std::fs::read_to_string(format!(
        "{root}/tests/fixtures/reference/matomo.authelia.md"
    ))
    .unwrap_or_default();
    let body = reference
        .split_once("\n---\n")
        .map_or(reference.as_str(), |(_, b)| b);
    let mut synthetic = reference.clone();
    while synthetic.len() < 1_000_000 {
        synthetic.push_str(body);
    }

    let small = time(200, &reference);
    let large = time(15, &synthetic);
    println!(
        "reference guide ({} bytes): median {:?} (bar < 1 ms)",
        reference.len(),
        small
    );
    println!(
        "synthetic guide ({} bytes): median {:?} (bar < 50 ms)",
        synthetic.len(),
        large
    );

    // A hostile guide must cost the worker no more than a blink, refused or parsed.
    const HOSTILE_BAR: Duration = Duration::from_millis(200);
    let mut hostile: Vec<_> = std::fs::read_dir(format!("{root}/tests/fixtures/hostile"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
        .collect();
    hostile.sort();
    for path in hostile {
        let source = std::fs::read_to_string(&path).unwrap_or_default();
        let median = time(7, &source);
        let verdict = if median < HOSTILE_BAR { "ok" } else { "OVER" };
        println!(
            "hostile {} ({} bytes): median {:?} (bar < 200 ms) {verdict}",
            path.file_name().unwrap_or_default().to_string_lossy(),
            source.len(),
            median
        );
    }
}
