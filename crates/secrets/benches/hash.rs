//! How long Authelia's default digests take natively: run with
//! `cargo bench -p guide-secrets --bench hash` (release profile). Median of five runs.

use std::time::{Duration, Instant};

use guide_secrets::{Algorithm, Params, hash};

const RUNS: usize = 5;

fn median_time(params: &Params) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let digest = hash("insecure_secret", params);
            let elapsed = start.elapsed();
            assert!(digest.is_ok(), "{digest:?}");
            elapsed
        })
        .collect();
    times.sort();
    times.get(RUNS / 2).copied().unwrap_or_default()
}

fn main() {
    for algorithm in [
        Algorithm::Pbkdf2Sha512,
        Algorithm::Argon2id,
        Algorithm::Scrypt,
        Algorithm::Bcrypt,
        Algorithm::Sha512Crypt,
    ] {
        let params = Params::default_for(algorithm);
        let median = median_time(&params);
        println!(
            "{:<14} {:?}: median of {RUNS} = {:.1} ms",
            algorithm.name(),
            params,
            median.as_secs_f64() * 1000.0
        );
    }
}
