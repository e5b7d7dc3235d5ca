//! The quiet spell: background work (the offline copy of the site) waits until the
//! hashing worker and its spare are warm and idle and no digest has been asked for a
//! while, so it comes after the reader's first digests instead of competing with them
//! for the processor.

use std::cell::{Cell, RefCell};

use crate::app::browser;

/// How long the hashing worker must stay warm and idle, with nothing asked of it, before
/// the work that waits for it runs. A reader who presses Generate the moment the worker
/// is ready (and the bench, which does) finds no download of the offline copy competing
/// with that digest; a second without a new digest is a pause in what the reader does.
const QUIET_SPELL_MS: i32 = 1_000;

thread_local! {
    /// Work that waits until the hashing worker and its spare are warm and idle.
    static WAITING: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
    /// Jobs asked for so far: a quiet spell is one in which this does not change.
    static ASKED: Cell<u32> = const { Cell::new(0) };
    /// A quiet spell is being timed.
    static TIMING: Cell<bool> = const { Cell::new(false) };
    /// The hashing worker was warm and idle when its events were last handled.
    static SETTLED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `then` once the hashing worker and its spare are warm and no digest has been
/// asked for [`QUIET_SPELL_MS`].
pub fn when_hashing_settles(then: impl FnOnce() + 'static) {
    WAITING.with_borrow_mut(|waiting| waiting.push(Box::new(then)));
}

/// A job was asked for: the quiet spell being timed, if any, is broken.
pub fn asked() {
    ASKED.set(ASKED.get().wrapping_add(1));
}

/// The workers' events were handled, and the hashing worker is now `settled` or not.
pub fn check(settled: bool) {
    SETTLED.set(settled);
    run_if_settled();
}

/// Starts timing a quiet spell if the hashing worker has settled and something waits
/// for it; at its end, runs what waits if nothing was asked meanwhile. Otherwise the next
/// event handled comes back here.
fn run_if_settled() {
    let waiting = WAITING.with_borrow(|waiting| !waiting.is_empty());
    if !waiting || TIMING.get() || !SETTLED.get() {
        return;
    }
    let asked = ASKED.get();
    let timed = browser::timer::after(QUIET_SPELL_MS, move || {
        TIMING.set(false);
        if ASKED.get() != asked || !SETTLED.get() {
            return run_if_settled();
        }
        // Taken before any runs: what runs may wait for the next spell itself.
        for then in WAITING.take() {
            then();
        }
    });
    TIMING.set(timed);
}
