//! The build's time budget per guide. The engine's bounds keep every guide's reading
//! linear and the largest one well under a second natively, but the build runs on a
//! machine nobody watches (a CI job, a deploy hook) that has no time limit of its own:
//! were a bound ever missed, a guide would hold the build for hours without a word. So
//! each guide is read under a watch, and one that takes longer than its budget ends the
//! build, naming the guide and the budget. Reading cannot be interrupted part-way, and
//! nothing has been written by then (the build reads every guide before it writes), so
//! ending the process is the clean way out.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// Time one guide may take to be read at build time. The slowest guide the engine
/// admits (2 MB of the hostile corpus's worst shapes) takes well under a second on a
/// laptop; thirty seconds leaves a slow, shared build machine ample room and still ends
/// a runaway long before anyone wonders why the deploy hangs.
pub const GUIDE_BUDGET: Duration = Duration::from_secs(30);

/// The environment variable that shortens [`GUIDE_BUDGET`], in milliseconds, so a test
/// can see the build end; it can only shorten it.
pub const BUDGET_VARIABLE: &str = "GP_GUIDE_BUDGET_MS";

/// The budget in force: [`GUIDE_BUDGET`], or less when [`BUDGET_VARIABLE`] says so.
pub fn budget() -> Duration {
    std::env::var(BUDGET_VARIABLE)
        .ok()
        .and_then(|ms| ms.trim().parse::<u64>().ok())
        .map_or(GUIDE_BUDGET, |ms| {
            Duration::from_millis(ms).min(GUIDE_BUDGET)
        })
}

/// The staging folder a build that ends here leaves nothing in (see [`super::abandon`]),
/// set once by the hook's process; unset in tests, which watch no staging folder.
pub static ABANDON: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// Runs `read` for the guide `file` under [`budget`]: past it, the build ends with exit
/// status 1 and a line naming the guide and the budget.
pub fn read_within_budget<T>(file: &str, read: impl FnOnce() -> T) -> T {
    let budget = budget();
    let (done, finished) = mpsc::channel::<()>();
    let name = file.to_owned();
    // Without a thread for the watch (the system refusing one), the guide is read
    // unwatched, as it was before budgets.
    let watch = std::thread::Builder::new().spawn(move || {
        if finished.recv_timeout(budget) == Err(RecvTimeoutError::Timeout) {
            eprintln!(
                "prerender: {name}: reading the guide took longer than {} ms, the build's \
                 budget per guide; the site was not built",
                budget.as_millis()
            );
            if let Some(staging) = ABANDON.get() {
                super::abandon(staging);
            }
            std::process::exit(1);
        }
    });
    let read = read();
    // The watch ends as soon as it hears (or sees the sender gone).
    drop(done);
    if let Ok(watch) = watch {
        let _ = watch.join();
    }
    read
}
