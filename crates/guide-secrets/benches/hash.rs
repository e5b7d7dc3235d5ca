//! How long Authelia's default digests take natively: run with
//! `cargo bench -p guide-secrets --bench hash` (release profile). Median of five runs.
//!
//! The first lines go through [`hash`], so they time the same code the worker runs (the
//! kernels of `src/kdf/`, RustCrypto's `scrypt`); scripts/bench reads the first three. The
//! `oracle` lines after them time the RustCrypto crates the kernels are tested against, on
//! the same parameters, so a change to a kernel shows against a fixed reference, and
//! whether the crate would now do as well (scripts/bench reads the `Argon2id` one).

// A benchmark with a broken set-up must stop, as a test does.
#![allow(clippy::expect_used)]

use std::time::{Duration, Instant};

use guide_secrets::digest::ARGON2_DEFAULT_KEY_LENGTH;
use guide_secrets::{Algorithm, Params, hash};

const RUNS: usize = 5;
const SALT: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

fn median_of(mut run: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    times.get(RUNS / 2).copied().unwrap_or_default()
}

fn median_time(params: &Params) -> Duration {
    median_of(|| {
        let digest = hash("insecure_secret", params);
        assert!(digest.is_ok(), "{digest:?}");
    })
}

/// The oracle crate's time for the same work as `params`, if it has one.
fn oracle_time(params: &Params) -> Option<Duration> {
    let password = b"insecure_secret";
    match params {
        Params::Pbkdf2(p) => Some(median_of(|| {
            let mut key = [0u8; 64];
            pbkdf2::pbkdf2_hmac::<sha2::Sha512>(password, &SALT, p.iterations, &mut key);
        })),
        Params::Argon2(p) => Some(median_of(|| {
            let mut key = [0u8; ARGON2_DEFAULT_KEY_LENGTH as usize];
            let backend = argon2::Params::new(p.memory_kib, p.iterations, p.parallelism, None);
            let argon2 = argon2::Argon2::new(
                argon2::Algorithm::Argon2id,
                argon2::Version::V0x13,
                backend.expect("Authelia's defaults"),
            );
            let result = argon2.hash_password_into(password, &SALT, &mut key);
            assert!(result.is_ok(), "{result:?}");
        })),
        _ => None,
    }
}

fn main() {
    let algorithms = [
        Algorithm::Pbkdf2Sha512,
        Algorithm::Argon2id,
        Algorithm::Scrypt,
        Algorithm::Bcrypt,
        Algorithm::Sha512Crypt,
    ];
    for algorithm in algorithms {
        let params = Params::default_for(algorithm);
        let median = median_time(&params);
        println!(
            "{:<14} {:?}: median of {RUNS} = {:.1} ms",
            algorithm.name(),
            params,
            median.as_secs_f64() * 1000.0
        );
    }
    for algorithm in algorithms {
        let params = Params::default_for(algorithm);
        if let Some(median) = oracle_time(&params) {
            println!(
                "oracle crate for {:<14} median of {RUNS} = {:.1} ms",
                algorithm.name(),
                median.as_secs_f64() * 1000.0
            );
        }
    }
}
