//! Parse timings for the guide engine: the reference Matomo guide (bar: < 1 ms) and a
//! ~1 MB synthetic guide (bar: < 50 ms). Plain binary so it needs no nightly or
//! benchmark crate: `cargo bench -p guide-engine --bench parse` prints the medians.

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
        "{root}/../shared/reference/matomo-guide.authelia.md"
    ))
    .or_else(|_| std::fs::read_to_string(format!("{root}/guides/matomo.md")))
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
}
