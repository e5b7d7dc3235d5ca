//! When to start, stop and replace a worker, and what each job's waiter is told: the
//! page's supervision of one kind of worker as a plain state machine. [`Event`]s go in
//! (a job asked for, a worker ready, an answer, a crash, a spent budget), [`Command`]s
//! come out (start a worker, post to it, end it, arm a budget, answer a waiter), and
//! `app::workers` carries the commands out in the browser and reports back what happens.
//!
//! A worker that crashes, or runs past its job's time budget, is ended and started
//! again; that job is answered with the reason, and the jobs of other lanes go on. A
//! worker that cannot start at all (its script refused, [`MAX_FAILED_STARTS`] times in a
//! row, or the browser refusing to create it) is reported as unavailable, and only then.
//!
//! A newer secret wins at once. When the running hash is of a secret the reader has
//! already changed, the worker is asked to stop it: a PBKDF2 hash runs in slices and
//! stops after the current one. For the families that cannot stop part-way, the hashing
//! worker keeps a warm spare once the reader has used one: the busy worker is ended and
//! the spare takes the newest job straight away (see [`queue`](super::queue) for the
//! lanes).
//!
//! Every job's waiter is answered exactly once, whatever order events come in: the
//! supervisor never drops one. Pure, and tested natively.

#[cfg(test)]
mod tests;

use super::outcome::{Answered, JobError, Outcome};
use super::queue::{Lane, Queue};
use super::{Envelope, PageMessage, Reply, Request, WorkerKind};

/// Time a digest may take before its worker is deemed stuck. Authelia's defaults take
/// well under a second on a laptop; a slow phone may take several.
const HASH_BUDGET_MS: i32 = 30_000;

/// Time a digest check may take. `WorkLimits::BROWSER` admits pasted digests whose work
/// takes up to about 45 s in the worker on the machine the README's table was measured
/// on; twice that leaves slower machines room.
const VERIFY_BUDGET_MS: i32 = 90_000;

/// Time a guide may take to parse. The engine's bounds keep the worst guide well under a
/// second natively; five seconds leaves a slow phone room and still ends a hang before
/// the reader gives up.
const PARSE_BUDGET_MS: i32 = 5_000;

/// Time the provider's keys may take. WebCrypto makes an RSA 2048 key in well under a
/// second; RSA 4096's prime search varies widely, taking several seconds on a slow
/// phone, so a minute passes only when the worker is stuck.
const KEYS_BUDGET_MS: i32 = 60_000;

/// Time a pasted configuration may take to check: a digest check's. Reading it is fast
/// (the engine's bounds, 2 MB, the YAML nesting cap and the alias cap, keep the largest
/// paste under a second natively), but the check also verifies the client's digest
/// against the page's secret, and a pasted digest may cost as much as one in "Check a
/// digest": so checks run in a worker of their own (`WorkerKind::Checking`).
const CHECK_BUDGET_MS: i32 = VERIFY_BUDGET_MS;

/// Time an explanation may take. The troubleshooter reads a paste in one linear pass
/// bounded at 2 MB and 20 000 lines (`authelia_check::troubleshoot`), with the pasted
/// configuration read once: the largest takes seconds at most; thirty leave a slow phone
/// room and still end a hang.
const EXPLAIN_BUDGET_MS: i32 = 30_000;

/// Time reading a pasted configuration for values may take: the check's reading alone,
/// within the same bounds, with no digest to verify; an explanation's thirty seconds
/// leave a slow phone the same room.
const PROPOSE_BUDGET_MS: i32 = EXPLAIN_BUDGET_MS;

/// Failed starts in a row after which a worker is reported unavailable: its script is
/// refused or broken, and trying again would only repeat that.
pub const MAX_FAILED_STARTS: u32 = 3;

/// What happened, as the supervisor of one kind of worker is told. `generation` names
/// one start of a worker (see [`Command::Spawn`]): events from a worker already replaced
/// are ignored. `W` is whoever waits for a job's answer (on the page, a channel's sender).
#[derive(Debug, PartialEq)]
pub enum Event<W> {
    /// The page wants the worker started ahead of its first job, so it is warm by then.
    StartAsked,
    /// A job is asked for, in `lane`; `waiter` is told its [`Outcome`].
    Asked {
        /// Its lane: a newer job replaces the older one of its lane.
        lane: Lane,
        /// What to run.
        request: Request,
        /// Who waits for the answer.
        waiter: W,
    },
    /// The worker of this start is loaded and listening.
    Ready {
        /// Which start.
        generation: u32,
    },
    /// The worker of this start answered the job with this id.
    Answered {
        /// Which start.
        generation: u32,
        /// The job's id, as posted in its [`Envelope`].
        id: u32,
        /// Milliseconds the worker spent on it.
        ms: f64,
        /// What it worked out.
        reply: Reply,
    },
    /// The worker of this start failed: an exception, a script that would not load, or a
    /// message the page could not read.
    Crashed {
        /// Which start.
        generation: u32,
        /// What the browser said of it, if anything (empty when nothing).
        said: String,
    },
    /// The budget armed for this job ([`Command::ArmBudget`]) is spent.
    BudgetSpent {
        /// Which start the job was posted to.
        generation: u32,
        /// The job's id.
        id: u32,
    },
    /// The browser refused to create the worker of this start ([`Command::Spawn`]).
    NotStarted {
        /// Which start.
        generation: u32,
        /// Why, for the reader.
        reason: String,
    },
    /// The browser refused to post this message ([`Command::Post`]).
    NotPosted {
        /// The start it was for.
        generation: u32,
        /// The message that did not go.
        message: PageMessage,
    },
}

/// What the supervisor wants done, in order.
#[derive(Debug, PartialEq)]
pub enum Command<W> {
    /// Start a worker and tag what it reports with `generation`; report
    /// [`Event::NotStarted`] if the browser refuses.
    Spawn {
        /// The start's name, unique per supervisor.
        generation: u32,
    },
    /// Post `message` to the worker of this start; report [`Event::NotPosted`] if the
    /// browser refuses.
    Post {
        /// Which start.
        generation: u32,
        /// What to post.
        message: PageMessage,
    },
    /// End the worker of this start and stop listening to it. Nothing more of it is
    /// reported; a start that never came to be is nothing to end.
    Terminate {
        /// Which start.
        generation: u32,
    },
    /// Report [`Event::BudgetSpent`] with this start and job after `ms` milliseconds.
    /// Never cleared: a budget spent after its job ended is ignored.
    ArmBudget {
        /// Which start the job was posted to.
        generation: u32,
        /// The job's id.
        id: u32,
        /// The budget.
        ms: i32,
    },
    /// Tell `waiter` the job's outcome.
    Answer {
        /// Who waits.
        waiter: W,
        /// The answer, or why there is none.
        outcome: Outcome,
    },
}

/// A started worker, as the supervisor sees it.
#[derive(Clone, Copy, Debug)]
struct Slot {
    generation: u32,
    ready: bool,
}

/// A job and who waits for it.
#[derive(Debug)]
struct Job<W> {
    request: Request,
    waiter: W,
}

/// The supervision of one kind of worker: the running one, a warm spare (hashing only,
/// once wanted), and its jobs.
#[derive(Debug)]
pub struct Supervisor<W> {
    kind: WorkerKind,
    active: Option<Slot>,
    spare: Option<Slot>,
    /// A job that cannot stop part-way has been asked for: from then on a warm spare is
    /// kept to take over from a worker busy with a stale one. Until then none is started,
    /// so no worker starting up competes with the reader's first digests for the
    /// processor.
    wants_spare: bool,
    queue: Queue<Job<W>>,
    next_generation: u32,
    failed_starts: u32,
    unavailable: Option<String>,
    /// The commands of the event being handled.
    out: Vec<Command<W>>,
}

/// The time budget of a request: see the constants.
fn budget_of(request: &Request) -> i32 {
    match request {
        Request::Hash { .. } => HASH_BUDGET_MS,
        Request::Verify { .. } => VERIFY_BUDGET_MS,
        Request::Parse { .. } => PARSE_BUDGET_MS,
        Request::Provider { .. } => KEYS_BUDGET_MS,
        Request::Check { .. } => CHECK_BUDGET_MS,
        Request::Explain { .. } => EXPLAIN_BUDGET_MS,
        Request::Propose { .. } => PROPOSE_BUDGET_MS,
    }
}

impl<W> Supervisor<W> {
    /// A supervisor of `kind` with no worker started yet.
    pub fn new(kind: WorkerKind) -> Supervisor<W> {
        Supervisor {
            kind,
            active: None,
            spare: None,
            wants_spare: false,
            queue: Queue::default(),
            next_generation: 1,
            failed_starts: 0,
            unavailable: None,
            out: Vec::new(),
        }
    }

    /// The kind of worker supervised.
    pub fn kind(&self) -> WorkerKind {
        self.kind
    }

    /// What to do about `event`, in order.
    pub fn handle(&mut self, event: Event<W>) -> Vec<Command<W>> {
        match event {
            Event::StartAsked => self.ensure_started(),
            Event::Asked {
                lane,
                request,
                waiter,
            } => self.asked(lane, request, waiter),
            Event::Ready { generation } => self.ready(generation),
            Event::Answered {
                generation,
                id,
                ms,
                reply,
            } => self.answered(generation, id, ms, reply),
            Event::Crashed { generation, said } => self.crashed(generation, &said),
            Event::BudgetSpent { generation, id } => self.budget_spent(generation, id),
            Event::NotStarted { generation, reason } => self.not_started(generation, reason),
            Event::NotPosted {
                generation,
                message,
            } => self.not_posted(generation, &message),
        }
        std::mem::take(&mut self.out)
    }

    /// Warm and idle: the running worker is ready, its spare (if one is starting) too,
    /// and no job runs or waits.
    pub fn is_settled(&self) -> bool {
        let active_ready = self.active.is_some_and(|s| s.ready);
        let spare_ready = self.spare.is_none_or(|s| s.ready);
        active_ready && spare_ready && self.queue.is_idle()
    }

    fn answer(&mut self, waiter: W, outcome: Outcome) {
        self.out.push(Command::Answer { waiter, outcome });
    }

    fn asked(&mut self, lane: Lane, request: Request, waiter: W) {
        if let Some(reason) = &self.unavailable {
            let error = JobError::Unavailable(self.kind, reason.clone());
            return self.answer(waiter, Err(error));
        }
        if !request.stops_part_way() {
            self.wants_spare = true;
        }
        let pushed = self.queue.push(lane, Job { request, waiter });
        if let Some(replaced) = pushed.replaced {
            self.answer(replaced.waiter, Err(JobError::Superseded));
        }
        if pushed.obsoletes_running {
            self.stop_or_swap();
        }
        self.ensure_started();
        self.pump();
    }

    /// The running job's answer no longer matters. If it can stop part-way, the worker
    /// is asked to stop it at its next slice: it then answers [`Reply::Stopped`] within
    /// milliseconds and takes the next job. That is cheaper than swapping in the spare,
    /// which must then be replaced, and a new worker starting up competes with the hash
    /// for the processor. Otherwise, if a warm spare is idle, it takes over.
    fn stop_or_swap(&mut self) {
        let (Some(running), Some(active)) = (self.queue.running(), self.active) else {
            return;
        };
        if running.job.request.stops_part_way() {
            let message = PageMessage::Stop(running.id);
            self.out.push(Command::Post {
                generation: active.generation,
                message,
            });
        } else {
            self.swap_to_spare();
        }
    }

    /// The busy worker is ended and the warm spare takes its place, if there is one.
    fn swap_to_spare(&mut self) {
        if !self.spare.is_some_and(|s| s.ready) {
            return;
        }
        if let Some(stale) = self.queue.abandon_running() {
            self.answer(stale.job.waiter, Err(JobError::Superseded));
        }
        self.end_active();
        self.active = self.spare.take();
        self.spawn_spare();
    }

    fn ensure_started(&mut self) {
        if self.active.is_none() && self.unavailable.is_none() {
            self.active = Some(self.spawn());
        }
    }

    /// Only the hashing worker keeps a spare: digests are what the reader retypes. It is
    /// started once wanted (see `wants_spare`), when the running worker is ready.
    fn spawn_spare(&mut self) {
        if self.kind == WorkerKind::Hashing
            && self.wants_spare
            && self.spare.is_none()
            && self.unavailable.is_none()
            && self.active.is_some_and(|s| s.ready)
        {
            self.spare = Some(self.spawn());
        }
    }

    fn spawn(&mut self) -> Slot {
        let generation = self.next_generation;
        self.next_generation = self.next_generation.wrapping_add(1);
        self.out.push(Command::Spawn { generation });
        Slot {
            generation,
            ready: false,
        }
    }

    fn end_active(&mut self) {
        if let Some(slot) = self.active.take() {
            let generation = slot.generation;
            self.out.push(Command::Terminate { generation });
        }
    }

    fn end_spare(&mut self) {
        if let Some(slot) = self.spare.take() {
            let generation = slot.generation;
            self.out.push(Command::Terminate { generation });
        }
    }

    /// Posts the next waiting job if the running worker is ready and idle, with its
    /// budget.
    fn pump(&mut self) {
        let Some(active) = self.active.filter(|s| s.ready) else {
            return;
        };
        let Some(running) = self.queue.start_next() else {
            return;
        };
        let envelope = Envelope {
            id: running.id,
            request: running.job.request.clone(),
        };
        let (id, ms) = (running.id, budget_of(&envelope.request));
        let generation = active.generation;
        self.out.push(Command::Post {
            generation,
            message: PageMessage::Run(envelope),
        });
        self.out.push(Command::ArmBudget { generation, id, ms });
    }

    fn ready(&mut self, generation: u32) {
        let slot = [self.active.as_mut(), self.spare.as_mut()]
            .into_iter()
            .flatten()
            .find(|s| s.generation == generation);
        if let Some(slot) = slot {
            slot.ready = true;
            self.failed_starts = 0;
        }
        if self.is_active(generation) {
            self.spawn_spare();
            self.pump();
        }
    }

    fn answered(&mut self, generation: u32, id: u32, ms: f64, reply: Reply) {
        if !self.is_active(generation) {
            return;
        }
        if let Some(done) = self.queue.finish(id) {
            self.answer(done.job.waiter, Ok(Answered { value: reply, ms }));
        }
        self.pump();
        if self.queue.is_idle() {
            self.spawn_spare();
        }
    }

    fn crashed(&mut self, generation: u32, said: &str) {
        if self.is_spare(generation) {
            // A spare that cannot start is only a spare lost; the next swap waits.
            return self.end_spare();
        }
        if !self.is_active(generation) {
            return;
        }
        let started = self.active.is_some_and(|s| s.ready);
        self.end_active();
        if !started {
            self.failed_starts = self.failed_starts.saturating_add(1);
            if self.failed_starts >= MAX_FAILED_STARTS {
                let reason = if said.is_empty() {
                    "its script could not be loaded".to_owned()
                } else {
                    said.to_owned()
                };
                return self.give_up(reason);
            }
        }
        if let Some(lost) = self.queue.abandon_running() {
            self.answer(lost.job.waiter, Err(JobError::Crashed(self.kind)));
        }
        self.replace_active();
    }

    fn budget_spent(&mut self, generation: u32, id: u32) {
        let running_that = self.queue.running().is_some_and(|r| r.id == id);
        if !self.is_active(generation) || !running_that {
            return;
        }
        self.end_active();
        if let Some(slow) = self.queue.abandon_running() {
            let budget = budget_of(&slow.job.request);
            let error = JobError::TooSlow(self.kind, budget);
            self.answer(slow.job.waiter, Err(error));
        }
        self.replace_active();
    }

    fn not_started(&mut self, generation: u32, reason: String) {
        if self.is_spare(generation) {
            self.spare = None;
        } else if self.is_active(generation) {
            self.active = None;
            self.give_up(reason);
        }
    }

    fn not_posted(&mut self, generation: u32, message: &PageMessage) {
        let running = self.queue.running().map(|r| (r.id, r.obsolete));
        if !self.is_active(generation) {
            return;
        }
        match message {
            PageMessage::Run(envelope) if running.is_some_and(|(id, _)| id == envelope.id) => {
                // Not sent: answer now rather than leave the reader waiting.
                if let Some(unsent) = self.queue.abandon_running() {
                    let reason = format!(
                        "the request could not be handed to the {}",
                        self.kind.name()
                    );
                    self.answer(unsent.job.waiter, Err(JobError::Refused(reason)));
                }
            }
            // The stop did not reach the worker: the spare, if warm, takes over instead.
            PageMessage::Stop(id) if running == Some((*id, true)) => self.swap_to_spare(),
            PageMessage::Run(_) | PageMessage::Stop(_) => return,
        }
        self.pump();
    }

    /// A new running worker: the warm spare if there is one, else a fresh start.
    fn replace_active(&mut self) {
        self.active = self.spare.take();
        self.ensure_started();
        self.spawn_spare();
        self.pump();
    }

    fn give_up(&mut self, reason: String) {
        self.end_active();
        self.end_spare();
        for job in self.queue.drain() {
            let error = JobError::Unavailable(self.kind, reason.clone());
            self.answer(job.waiter, Err(error));
        }
        self.unavailable = Some(reason);
    }

    fn is_active(&self, generation: u32) -> bool {
        self.active.is_some_and(|s| s.generation == generation)
    }

    fn is_spare(&self, generation: u32) -> bool {
        self.spare.is_some_and(|s| s.generation == generation)
    }
}
