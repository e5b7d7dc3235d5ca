//! Marks on the page's performance timeline for the bench and the browser tests
//! (`performance.getEntriesByName`): when the hashing worker is first ready, and when a
//! hash is first stopped part-way.

use crate::protocol::supervisor::Event;
use crate::protocol::{Reply, WorkerKind};

/// Marks what `event` shows, the first time. The first hashing worker to be ready is
/// always the running one (a spare starts only once the running one is ready), and only
/// the running worker is ever asked to stop, so neither mark needs the supervisor's view.
pub fn note<W>(kind: WorkerKind, event: &Event<W>) {
    match event {
        Event::Ready { .. } if kind == WorkerKind::Hashing => {
            mark_once("gp:hashing-worker-ready");
        }
        Event::Answered {
            reply: Reply::Stopped,
            ..
        } => mark_once("gp:hash-stopped"),
        _ => {}
    }
}

/// A mark on the page's performance timeline the first time something happens (once, so
/// the timeline never grows with use).
fn mark_once(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance())
        && performance.get_entries_by_name(name).length() == 0
    {
        let _ = performance.mark(name);
    }
}
