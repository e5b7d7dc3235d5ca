//! How the tests tell a linear stage from a quadratic one: time an input and the same
//! input doubled, several times in turns, and ask that the doubled one take at most
//! three times as long (a quadratic stage quadruples, a linear one doubles).
//!
//! Shared by the test modules that need it (`use crate::support::linear;`), so the
//! measurement is written once.

use std::time::{Duration, Instant};

/// How often the measurement is taken again before the stage is judged quadratic: a
/// case measured in a busy moment of the shared machine is measured again, so noise
/// passes and a slope stays.
const ATTEMPTS: usize = 3;

/// The time `work` takes on `src`.
fn time(work: &dyn Fn(&str), src: &str) -> Duration {
    let start = Instant::now();
    work(src);
    start.elapsed()
}

/// The fastest of `runs` runs of each input, taken in turns so that a busy moment slows
/// both alike; the minimum is the best estimate of the work.
fn best_times(work: &dyn Fn(&str), runs: usize, small: &str, large: &str) -> (Duration, Duration) {
    (0..runs).fold((Duration::MAX, Duration::MAX), |(a, b), _| {
        (a.min(time(work, small)), b.min(time(work, large)))
    })
}

/// Whether `work` on `large` (twice `small`) takes at most three times as long as on
/// `small`, plus `slack` for timer noise on inputs that take microseconds; with every
/// pair of times measured, for the failure message.
pub fn at_most_triples(
    work: &dyn Fn(&str),
    runs: usize,
    slack: Duration,
    small: &str,
    large: &str,
) -> (bool, Vec<(Duration, Duration)>) {
    let mut times = Vec::new();
    let linear = (0..ATTEMPTS).any(|_| {
        let (t1, t2) = best_times(work, runs, small, large);
        times.push((t1, t2));
        t2 <= t1 * 3 + slack
    });
    (linear, times)
}
