//! Which job a worker runs next: jobs travel in lanes, and a newer job replaces the older
//! one of its lane, so a stale digest can never delay or follow a fresh one.
//!
//! Per lane at most one job waits; a new job replaces it (its waiter is told), and marks
//! the lane's running job obsolete (its answer no longer matters, so the worker running
//! it may be replaced by a warm one). Across lanes, jobs run in the order they came.
//! Pure bookkeeping, tested natively; the [`supervisor`](super::supervisor) holds the
//! waiters, and `app::workers` the workers themselves.

use std::collections::VecDeque;

/// Independent lines of work: a digest check never replaces the secret's digest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lane {
    /// The digest of the reader's secret.
    Secret,
    /// The "Check a digest" tool.
    Check,
    /// Parsing a guide the reader opens.
    Guide,
    /// The provider block's keys.
    Provider,
    /// "Check my configuration".
    Configuration,
}

/// A job that a worker is running.
#[derive(Debug, PartialEq, Eq)]
pub struct Running<J> {
    /// Its id, which the worker's answer carries.
    pub id: u32,
    /// The lane it came in: a newer job of the same lane makes it obsolete.
    pub lane: Lane,
    /// What the caller queued (for the page, the request and who waits for its answer).
    pub job: J,
    /// A newer job of its lane has come: its answer no longer matters.
    pub obsolete: bool,
}

/// What [`Queue::push`] did.
#[derive(Debug, PartialEq, Eq)]
pub struct Pushed<J> {
    /// The new job's id.
    pub id: u32,
    /// The waiting job of the same lane that the new one replaced, to be told so.
    pub replaced: Option<J>,
    /// The running job is of the same lane: it is obsolete now.
    pub obsoletes_running: bool,
}

/// The jobs of one worker: at most one running, at most one waiting per lane.
#[derive(Debug)]
pub struct Queue<J> {
    waiting: VecDeque<(u32, Lane, J)>,
    running: Option<Running<J>>,
    next_id: u32,
}

impl<J> Default for Queue<J> {
    fn default() -> Self {
        Queue {
            waiting: VecDeque::new(),
            running: None,
            next_id: 1,
        }
    }
}

impl<J> Queue<J> {
    /// Adds a job; see [`Pushed`] for what it displaced.
    pub fn push(&mut self, lane: Lane, job: J) -> Pushed<J> {
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1).max(1);
        let replaced = self
            .waiting
            .iter()
            .position(|(_, l, _)| *l == lane)
            .and_then(|at| self.waiting.remove(at))
            .map(|(_, _, job)| job);
        let obsoletes_running = match &mut self.running {
            Some(running) if running.lane == lane => {
                running.obsolete = true;
                true
            }
            _ => false,
        };
        self.waiting.push_back((id, lane, job));
        Pushed {
            id,
            replaced,
            obsoletes_running,
        }
    }

    /// Starts the next waiting job when none is running, and returns it, to post; `None`
    /// when a job is running already or none waits.
    pub fn start_next(&mut self) -> Option<&Running<J>> {
        if self.running.is_some() {
            return None;
        }
        let (id, lane, job) = self.waiting.pop_front()?;
        self.running = Some(Running {
            id,
            lane,
            job,
            obsolete: false,
        });
        self.running.as_ref()
    }

    /// The running job, if any.
    pub fn running(&self) -> Option<&Running<J>> {
        self.running.as_ref()
    }

    /// The running job's answer came: the job, if `id` is the running one's.
    pub fn finish(&mut self, id: u32) -> Option<Running<J>> {
        if self.running.as_ref().is_some_and(|r| r.id == id) {
            self.running.take()
        } else {
            None
        }
    }

    /// The worker running the job is gone (crashed, stopped, replaced): the job, to be
    /// answered with the reason.
    pub fn abandon_running(&mut self) -> Option<Running<J>> {
        self.running.take()
    }

    /// Every job, running and waiting, for when no worker can run them.
    pub fn drain(&mut self) -> Vec<J> {
        let mut all: Vec<J> = self.running.take().map(|r| r.job).into_iter().collect();
        all.extend(self.waiting.drain(..).map(|(_, _, job)| job));
        all
    }

    /// Whether nothing runs or waits.
    pub fn is_idle(&self) -> bool {
        self.running.is_none() && self.waiting.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_job_replaces_the_waiting_one_of_its_lane_and_obsoletes_the_running_one() {
        let mut queue = Queue::default();
        queue.push(Lane::Secret, "a");
        let started = queue.start_next().map(|r| r.job);
        assert_eq!(started, Some("a"));
        let b = queue.push(Lane::Secret, "b");
        assert_eq!(b.replaced, None);
        assert!(b.obsoletes_running);
        assert!(queue.running().is_some_and(|r| r.obsolete));
        let c = queue.push(Lane::Secret, "c");
        assert_eq!(
            c.replaced,
            Some("b"),
            "the waiting job is told it was replaced"
        );
        // Nothing else starts while a runs; a's answer comes; c runs next, b never does.
        assert_eq!(queue.start_next(), None);
        let a = queue.running().map(|r| r.id).unwrap_or_default();
        assert_eq!(queue.finish(a).map(|r| r.job), Some("a"));
        assert_eq!(queue.start_next().map(|r| r.job), Some("c"));
    }

    #[test]
    fn lanes_do_not_replace_each_other_and_run_in_the_order_they_came() {
        let mut queue = Queue::default();
        queue.push(Lane::Check, "check");
        let secret = queue.push(Lane::Secret, "secret");
        assert_eq!(secret.replaced, None);
        assert!(!secret.obsoletes_running);
        let mut order = Vec::new();
        while let Some(id) = queue.start_next().map(|r| r.id) {
            order.extend(queue.finish(id).map(|r| r.job));
        }
        assert_eq!(order, ["check", "secret"]);
        assert!(queue.is_idle());
    }

    #[test]
    fn an_answer_for_another_job_is_ignored() {
        let mut queue = Queue::default();
        let pushed = queue.push(Lane::Guide, "g");
        queue.start_next();
        assert_eq!(queue.finish(pushed.id + 1), None);
        assert!(queue.running().is_some());
        assert_eq!(queue.finish(pushed.id).map(|r| r.job), Some("g"));
    }

    #[test]
    fn a_lost_worker_hands_back_its_job_and_drain_hands_back_all() {
        let mut queue = Queue::default();
        queue.push(Lane::Secret, 1);
        queue.push(Lane::Check, 2);
        queue.start_next();
        assert_eq!(queue.abandon_running().map(|r| r.job), Some(1));
        queue.push(Lane::Guide, 3);
        assert_eq!(queue.drain(), [2, 3]);
        assert!(queue.is_idle());
    }

    #[test]
    fn ids_stay_unique_and_never_zero_past_wrapping() {
        let mut queue: Queue<()> = Queue {
            next_id: u32::MAX,
            ..Queue::default()
        };
        let last = queue.push(Lane::Secret, ()).id;
        let wrapped = queue.push(Lane::Check, ()).id;
        assert_eq!(last, u32::MAX);
        assert_eq!(wrapped, 1);
    }
}
