//! Generated secrets are uniform over their charset: a chi-square test with a threshold
//! whose false-failure rate is about one in a million, checked itself against the
//! modulo-biased sampler it exists to catch.

// Helpers outside #[test] functions: a panic there is still a test failing with a reason.
#![allow(clippy::expect_used, clippy::indexing_slicing)]

use guide_secrets::{Charset, generate};

/// Characters drawn per charset: enough that modulo bias shows, fast in debug builds.
const SAMPLES: usize = 200_000;

/// Pearson's chi-square statistic of `counts` against a uniform distribution.
fn chi_square(counts: &[u64]) -> f64 {
    let total: u64 = counts.iter().sum();
    let expected = total as f64 / counts.len() as f64;
    counts
        .iter()
        .map(|&c| {
            let d = c as f64 - expected;
            d * d / expected
        })
        .sum()
}

/// The chi-square value exceeded with probability 1e-6 for `df` degrees of freedom, by the
/// Wilson–Hilferty approximation (z = 4.753 is the normal's one-sided 1e-6 point).
fn threshold(df: usize) -> f64 {
    let df = df as f64;
    let z = 4.753;
    let a = 2.0 / (9.0 * df);
    df * (1.0 - a + z * a.sqrt()).powi(3)
}

fn counts_of(text: &str, charset: Charset) -> Vec<u64> {
    let symbols = charset.symbols();
    let mut counts = vec![0u64; symbols.len()];
    for b in text.bytes() {
        let i = symbols.iter().position(|&s| s == b).expect("in charset");
        counts[i] += 1;
    }
    counts
}

#[test]
fn threshold_matches_known_chi_square_quantiles() {
    // Published 1e-6 upper quantiles: df 9 → 46.2, df 65 → 134.0 (±2%).
    assert!((threshold(9) - 46.2).abs() < 1.0, "{}", threshold(9));
    assert!((threshold(65) - 134.0).abs() < 2.7, "{}", threshold(65));
}

#[test]
fn every_charset_is_generated_uniformly() {
    for charset in Charset::ALL {
        let mut text = String::with_capacity(SAMPLES);
        while text.len() < SAMPLES {
            text.push_str(&generate(1024, charset).expect("generates"));
        }
        let counts = counts_of(&text, charset);
        let stat = chi_square(&counts);
        let limit = threshold(counts.len() - 1);
        assert!(stat < limit, "{charset}: chi-square {stat:.1} ≥ {limit:.1}");
    }
}

#[test]
fn chi_square_test_catches_a_modulo_biased_sampler() {
    // The mistake rejection sampling avoids: `byte % n` over all 256 byte values.
    for charset in [Charset::Rfc3986, Charset::Numeric] {
        let symbols = charset.symbols();
        let mut bytes = vec![0u8; SAMPLES];
        getrandom::fill(&mut bytes).expect("random bytes");
        let text: String = bytes
            .iter()
            .map(|&b| char::from(symbols[usize::from(b) % symbols.len()]))
            .collect();
        let counts = counts_of(&text, charset);
        let stat = chi_square(&counts);
        let limit = threshold(counts.len() - 1);
        assert!(
            stat > limit,
            "{charset}: bias missed, {stat:.1} < {limit:.1}"
        );
    }
}
