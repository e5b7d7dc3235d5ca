//! The page's side of its two workers: digests and checks in the hashing worker, guides
//! in the parser, off the page's thread, with an async call for each
//! ([`hash`], [`verify`], [`parse`]).
//!
//! The workers are supervised. A worker that crashes, or runs past its job's time
//! budget, is stopped and started again; that job is answered with the reason, and the
//! jobs of other lanes go on. A worker that cannot start at all (its script refused,
//! three times in a row) is reported as unavailable, and only then.
//!
//! A newer secret wins at once. When the running hash is of a secret the reader has
//! already changed, the worker is asked to stop it: a PBKDF2 hash runs in slices and
//! stops after the current one. For the families that cannot stop part-way, the hashing
//! worker keeps a warm spare once the reader has used one: the busy worker is stopped
//! and the spare takes the newest job straight away (see `protocol::queue` for the
//! lanes).

use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;

use guide_engine::Document;
use guide_secrets::Algorithm;
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker, WorkerOptions, WorkerType};

use super::browser;
use crate::protocol::queue::{Lane, Queue};
use crate::protocol::{
    Envelope, PageMessage, Reply, Request, WorkerKind, WorkerMessage, decode, encode,
};

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

/// Failed starts in a row after which a worker is reported unavailable: its script is
/// refused or broken, and trying again would only repeat that.
const MAX_FAILED_STARTS: u32 = 3;

/// An answer and the milliseconds the worker spent on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Answered<T> {
    /// What the worker worked out: a digest, a verdict, a guide.
    pub value: T,
    /// Milliseconds the worker spent on it, as its own clock measured (the wait in the
    /// queue is not counted).
    pub ms: f64,
}

/// Why a job got no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JobError {
    /// A newer job of its lane took its place; its answer no longer matters.
    Superseded,
    /// The worker answered that it could not do it, with the reason.
    Refused(String),
    /// The worker stopped while working on it, and was started again.
    Crashed(WorkerKind),
    /// It ran past its time budget; the worker was stopped and started again.
    TooSlow(WorkerKind, i32),
    /// The worker cannot run here.
    Unavailable(WorkerKind, String),
}

impl fmt::Display for JobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JobError::Superseded => f.write_str("a newer request replaced this one"),
            JobError::Refused(reason) => f.write_str(reason),
            JobError::Crashed(kind) => write!(
                f,
                "the {} stopped unexpectedly while working on this; it has been restarted, \
                 so try again",
                kind.name()
            ),
            JobError::TooSlow(kind, ms) => write!(
                f,
                "this took longer than {} s, so the {} was stopped and restarted",
                ms / 1000,
                kind.name()
            ),
            JobError::Unavailable(kind, reason) => {
                write!(f, "the {} could not start: {reason}", kind.name())
            }
        }
    }
}

impl std::error::Error for JobError {}

/// The digest of `plaintext` with Authelia's default parameters for `algorithm`.
///
/// # Errors
/// See [`JobError`].
pub async fn hash(algorithm: Algorithm, plaintext: &str) -> Result<Answered<String>, JobError> {
    let request = Request::Hash {
        algorithm: algorithm.id().to_owned(),
        plaintext: plaintext.to_owned(),
    };
    match ask(Lane::Secret, request).await? {
        Answered {
            value: Reply::Digest(digest),
            ms,
        } => Ok(Answered { value: digest, ms }),
        other => Err(unexpected(other.value)),
    }
}

/// Whether `plaintext` gives `digest`, as Authelia would decide, with the warnings a
/// reader needs beside the answer.
///
/// # Errors
/// See [`JobError`]; a digest that cannot be read is [`JobError::Refused`] with the reason.
pub async fn verify(
    digest: &str,
    plaintext: &str,
) -> Result<Answered<(bool, Vec<String>)>, JobError> {
    let request = Request::Verify {
        digest: digest.to_owned(),
        plaintext: plaintext.to_owned(),
    };
    match ask(Lane::Check, request).await? {
        Answered {
            value: Reply::Verdict { matches, warnings },
            ms,
        } => Ok(Answered {
            value: (matches, warnings),
            ms,
        }),
        other => Err(unexpected(other.value)),
    }
}

/// A guide, parsed in the parser worker (started the first time it is needed).
///
/// # Errors
/// See [`JobError`]; a guide that cannot be read is [`JobError::Refused`] with the reason.
pub async fn parse(source: &str) -> Result<Answered<Document>, JobError> {
    let request = Request::Parse {
        source: source.to_owned(),
    };
    match ask(Lane::Guide, request).await? {
        Answered {
            value: Reply::Guide(document),
            ms,
        } => Ok(Answered {
            value: *document,
            ms,
        }),
        other => Err(unexpected(other.value)),
    }
}

/// Starts the hashing worker ahead of the first digest, so it is loaded and warm when
/// the reader presses Generate.
pub fn start_hashing() {
    with_pool(WorkerKind::Hashing, |pool, actions| {
        pool.ensure_started(actions)
    });
}

fn unexpected(reply: Reply) -> JobError {
    match reply {
        Reply::Failed(reason) => JobError::Refused(reason),
        // Stopped part-way because a newer job of its lane came.
        Reply::Stopped => JobError::Superseded,
        _ => JobError::Refused("the worker sent an answer of the wrong kind".to_owned()),
    }
}

async fn ask(lane: Lane, request: Request) -> Result<Answered<Reply>, JobError> {
    ASKED.set(ASKED.get().wrapping_add(1));
    let (sender, receiver) = futures::channel::oneshot::channel();
    let kind = request.worker();
    with_pool(kind, |pool, actions| {
        pool.submit(lane, request, sender, actions)
    });
    // A dropped sender means the page itself is going away.
    receiver.await.unwrap_or(Err(JobError::Superseded))
}

type Waiter = futures::channel::oneshot::Sender<Result<Answered<Reply>, JobError>>;

struct Job {
    request: Request,
    waiter: Waiter,
}

/// A started worker and what it needs to stay connected.
struct Slot {
    worker: Worker,
    /// Which start this is, so events from a worker already replaced are ignored.
    generation: u32,
    ready: bool,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
    budget: Option<(i32, Closure<dyn FnMut()>)>,
}

impl Slot {
    /// Posts `message` to this worker as postcard bytes; false if the browser refused.
    fn post(&self, message: &PageMessage) -> bool {
        let bytes = js_sys::Uint8Array::from(encode(message).as_slice());
        self.worker.post_message(&bytes).is_ok()
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.worker.terminate();
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        if let (Some(window), Some((timer, _))) = (web_sys::window(), &self.budget) {
            window.clear_timeout_with_handle(*timer);
        }
    }
}

/// One kind of worker: the running one, a warm spare (hashing only, once wanted), and
/// its jobs.
struct Pool {
    kind: WorkerKind,
    active: Option<Slot>,
    spare: Option<Slot>,
    /// A job that cannot stop part-way has been asked for: from then on a warm spare is
    /// kept to take over from a worker busy with a stale one. Until then none is started,
    /// so no worker starting up competes with the reader's first digests for the
    /// processor.
    wants_spare: bool,
    queue: Queue<Job>,
    next_generation: u32,
    failed_starts: u32,
    unavailable: Option<String>,
}

/// Answers to send once the pool is no longer borrowed: a waiter may run code that asks
/// for more work.
type Actions = Vec<(Waiter, Result<Answered<Reply>, JobError>)>;

thread_local! {
    static POOLS: RefCell<[Pool; 2]> = RefCell::new([
        Pool::new(WorkerKind::Hashing),
        Pool::new(WorkerKind::Parsing),
    ]);
    /// Work that waits until the hashing worker and its spare are warm and idle.
    static WHEN_SETTLED: RefCell<Vec<Box<dyn FnOnce()>>> = RefCell::new(Vec::new());
    /// Jobs asked for so far: a quiet spell is one in which this does not change.
    static ASKED: Cell<u32> = const { Cell::new(0) };
    /// A quiet spell is being timed.
    static QUIET_TIMER: Cell<bool> = const { Cell::new(false) };
}

/// How long the hashing worker must stay warm and idle, with nothing asked of it, before
/// the work that waits for it runs. A reader who presses Generate the moment the worker
/// is ready (and the bench, which does) finds no download of the offline copy competing
/// with that digest; a second without a new digest is a pause in what the reader does.
const QUIET_SPELL_MS: i32 = 1_000;

/// Runs `then` once the hashing worker and its spare are warm and no digest has been
/// asked for [`QUIET_SPELL_MS`]: background work (the offline copy of the site) comes
/// after the reader's first digests instead of competing with them for the processor.
pub fn when_hashing_settles(then: impl FnOnce() + 'static) {
    WHEN_SETTLED.with(|waiting| waiting.borrow_mut().push(Box::new(then)));
}

fn hashing_is_settled() -> bool {
    POOLS.with(|pools| {
        pools.try_borrow().is_ok_and(|pools| {
            pools
                .iter()
                .find(|p| p.kind == WorkerKind::Hashing)
                .is_some_and(Pool::is_settled)
        })
    })
}

/// Starts timing a quiet spell if the hashing worker has settled and something waits
/// for it; at its end, runs what waits if nothing was asked meanwhile. Otherwise the next
/// answer or start comes back here.
fn run_if_settled() {
    let waiting = WHEN_SETTLED.with(|waiting| !waiting.borrow().is_empty());
    if !waiting || QUIET_TIMER.get() || !hashing_is_settled() {
        return;
    }
    let asked = ASKED.get();
    let timed = browser::after(QUIET_SPELL_MS, move || {
        QUIET_TIMER.set(false);
        if ASKED.get() != asked || !hashing_is_settled() {
            return run_if_settled();
        }
        let waiting = WHEN_SETTLED.with(|waiting| std::mem::take(&mut *waiting.borrow_mut()));
        for then in waiting {
            then();
        }
    });
    QUIET_TIMER.set(timed);
}

fn with_pool(kind: WorkerKind, f: impl FnOnce(&mut Pool, &mut Actions)) {
    let mut actions = Actions::new();
    POOLS.with(|pools| {
        if let Ok(mut pools) = pools.try_borrow_mut()
            && let Some(pool) = pools.iter_mut().find(|p| p.kind == kind)
        {
            f(pool, &mut actions);
        }
    });
    for (waiter, result) in actions {
        // The receiver is gone only when nobody waits for this answer any more.
        let _ = waiter.send(result);
    }
    if kind == WorkerKind::Hashing {
        run_if_settled();
    }
}

impl Pool {
    fn new(kind: WorkerKind) -> Pool {
        Pool {
            kind,
            active: None,
            spare: None,
            wants_spare: false,
            queue: Queue::default(),
            next_generation: 1,
            failed_starts: 0,
            unavailable: None,
        }
    }

    fn submit(&mut self, lane: Lane, request: Request, waiter: Waiter, actions: &mut Actions) {
        if let Some(reason) = &self.unavailable {
            actions.push((
                waiter,
                Err(JobError::Unavailable(self.kind, reason.clone())),
            ));
            return;
        }
        if !request.stops_part_way() {
            self.wants_spare = true;
        }
        let pushed = self.queue.push(lane, Job { request, waiter });
        if let Some(replaced) = pushed.replaced {
            actions.push((replaced.waiter, Err(JobError::Superseded)));
        }
        if pushed.obsoletes_running
            && !self.stop_running()
            && self.spare.as_ref().is_some_and(|s| s.ready)
        {
            // The running answer no longer matters, the job cannot stop part-way, and a
            // warm worker is idle: swap.
            if let Some(stale) = self.queue.abandon_running() {
                actions.push((stale.job.waiter, Err(JobError::Superseded)));
            }
            self.active = self.spare.take();
            self.spawn_spare();
        }
        self.ensure_started(actions);
        self.pump(actions);
    }

    /// Asks the running worker to stop its job at its next slice, if the job can: the
    /// worker then answers it [`Reply::Stopped`] within milliseconds and takes the next.
    /// Cheaper than swapping in the spare, which must then be replaced, and a new worker
    /// starting up competes with the hash for the processor. False when the job cannot
    /// stop part-way, or the message cannot be posted.
    fn stop_running(&self) -> bool {
        let (Some(running), Some(slot)) = (self.queue.running(), self.active.as_ref()) else {
            return false;
        };
        running.job.request.stops_part_way() && slot.post(&PageMessage::Stop(running.id))
    }

    /// Warm and idle: the running worker is ready, its spare (if one is starting) too,
    /// and no job runs or waits.
    fn is_settled(&self) -> bool {
        let active_ready = self.active.as_ref().is_some_and(|s| s.ready);
        let spare_ready = self.spare.as_ref().is_none_or(|s| s.ready);
        active_ready && spare_ready && self.queue.is_idle()
    }

    fn ensure_started(&mut self, actions: &mut Actions) {
        if self.active.is_none() && self.unavailable.is_none() {
            match self.spawn() {
                Ok(slot) => self.active = Some(slot),
                Err(reason) => self.give_up(reason, actions),
            }
        }
    }

    /// Only the hashing worker keeps a spare: digests are what the reader retypes. It is
    /// started once wanted (see `wants_spare`), when the running worker is ready.
    fn spawn_spare(&mut self) {
        if self.kind == WorkerKind::Hashing
            && self.wants_spare
            && self.spare.is_none()
            && self.unavailable.is_none()
            && self.active.as_ref().is_some_and(|s| s.ready)
        {
            self.spare = self.spawn().ok();
        }
    }

    fn spawn(&mut self) -> Result<Slot, String> {
        let generation = self.next_generation;
        self.next_generation = self.next_generation.wrapping_add(1);
        let base = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .unwrap_or_default();
        let url = web_sys::Url::new_with_base(self.kind.script(), &base)
            .map_err(|_| "the page's address is not usable".to_owned())?;
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(&url.href(), &options)
            .map_err(|_| "the browser refused to start it".to_owned())?;
        let kind = self.kind;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let bytes = js_sys::Uint8Array::new(&event.data()).to_vec();
            with_pool(kind, |pool, actions| {
                pool.on_message(generation, &bytes, actions)
            });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // An exception inside the worker arrives as an ErrorEvent with a message; a script
        // that cannot be loaded, as a bare Event.
        let on_error = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            let said = event
                .dyn_ref::<ErrorEvent>()
                .map(ErrorEvent::message)
                .unwrap_or_default();
            with_pool(kind, |pool, actions| {
                pool.on_error(generation, &said, actions)
            });
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Slot {
            worker,
            generation,
            ready: false,
            _on_message: on_message,
            _on_error: on_error,
            budget: None,
        })
    }

    /// Posts the next waiting job if the running worker is ready and idle.
    fn pump(&mut self, actions: &mut Actions) {
        let Some(slot) = self.active.as_mut().filter(|s| s.ready) else {
            return;
        };
        while let Some(running) = self.queue.start_next() {
            let envelope = Envelope {
                id: running.id,
                request: running.job.request.clone(),
            };
            let budget = match envelope.request {
                Request::Hash { .. } => HASH_BUDGET_MS,
                Request::Verify { .. } => VERIFY_BUDGET_MS,
                Request::Parse { .. } => PARSE_BUDGET_MS,
            };
            if slot.post(&PageMessage::Run(envelope)) {
                slot.budget = budget_timer(self.kind, slot.generation, running.id, budget);
                return;
            }
            // Not sent: answer now rather than leave the reader waiting.
            if let Some(unsent) = self.queue.abandon_running() {
                actions.push((
                    unsent.job.waiter,
                    Err(JobError::Refused(format!(
                        "the request could not be handed to the {}",
                        self.kind.name()
                    ))),
                ));
            }
        }
    }

    fn on_message(&mut self, generation: u32, bytes: &[u8], actions: &mut Actions) {
        let message = match decode::<WorkerMessage>(bytes) {
            Ok(message) => message,
            Err(_) => return self.on_error(generation, "it sent an unreadable message", actions),
        };
        match message {
            WorkerMessage::Ready => {
                if let Some(slot) = self.slot_mut(generation) {
                    slot.ready = true;
                    self.failed_starts = 0;
                }
                if self.is_active(generation) {
                    if self.kind == WorkerKind::Hashing {
                        mark(self.kind);
                    }
                    self.spawn_spare();
                    self.pump(actions);
                }
            }
            WorkerMessage::Answer { id, ms, reply } => {
                if !self.is_active(generation) {
                    return;
                }
                if let Some(slot) = self.active.as_mut() {
                    clear_budget(slot);
                }
                if matches!(reply, Reply::Stopped) {
                    mark_once("gp:hash-stopped");
                }
                if let Some(done) = self.queue.finish(id) {
                    actions.push((done.job.waiter, Ok(Answered { value: reply, ms })));
                }
                self.pump(actions);
                if self.queue.is_idle() {
                    self.spawn_spare();
                }
            }
        }
    }

    fn on_error(&mut self, generation: u32, said: &str, actions: &mut Actions) {
        if self
            .spare
            .as_ref()
            .is_some_and(|s| s.generation == generation)
        {
            // A spare that cannot start is only a spare lost; the next swap waits.
            self.spare = None;
            return;
        }
        if !self.is_active(generation) {
            return;
        }
        let started = self.active.as_ref().is_some_and(|s| s.ready);
        self.active = None;
        if !started {
            self.failed_starts += 1;
            if self.failed_starts >= MAX_FAILED_STARTS {
                let reason = if said.is_empty() {
                    "its script could not be loaded".to_owned()
                } else {
                    said.to_owned()
                };
                return self.give_up(reason, actions);
            }
        }
        if let Some(lost) = self.queue.abandon_running() {
            actions.push((lost.job.waiter, Err(JobError::Crashed(self.kind))));
        }
        self.replace_active(actions);
    }

    fn on_budget_spent(&mut self, generation: u32, id: u32, budget: i32, actions: &mut Actions) {
        let running_that = self.queue.running().is_some_and(|r| r.id == id);
        if !self.is_active(generation) || !running_that {
            return;
        }
        self.active = None;
        if let Some(slow) = self.queue.abandon_running() {
            actions.push((slow.job.waiter, Err(JobError::TooSlow(self.kind, budget))));
        }
        self.replace_active(actions);
    }

    /// A new running worker: the warm spare if there is one, else a fresh start.
    fn replace_active(&mut self, actions: &mut Actions) {
        self.active = self.spare.take();
        self.ensure_started(actions);
        self.spawn_spare();
        self.pump(actions);
    }

    fn give_up(&mut self, reason: String, actions: &mut Actions) {
        self.active = None;
        self.spare = None;
        for job in self.queue.drain() {
            actions.push((
                job.waiter,
                Err(JobError::Unavailable(self.kind, reason.clone())),
            ));
        }
        self.unavailable = Some(reason);
    }

    fn is_active(&self, generation: u32) -> bool {
        self.active
            .as_ref()
            .is_some_and(|s| s.generation == generation)
    }

    fn slot_mut(&mut self, generation: u32) -> Option<&mut Slot> {
        [self.active.as_mut(), self.spare.as_mut()]
            .into_iter()
            .flatten()
            .find(|s| s.generation == generation)
    }
}

/// Calls the pool back when a job's budget is spent.
fn budget_timer(
    kind: WorkerKind,
    generation: u32,
    id: u32,
    budget: i32,
) -> Option<(i32, Closure<dyn FnMut()>)> {
    let fired = Rc::new(RefCell::new(false));
    let callback = Closure::<dyn FnMut()>::new(move || {
        if !fired.replace(true) {
            with_pool(kind, |pool, actions| {
                pool.on_budget_spent(generation, id, budget, actions);
            });
        }
    });
    let timer = web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            callback.as_ref().unchecked_ref(),
            budget,
        )
        .ok()?;
    Some((timer, callback))
}

fn clear_budget(slot: &mut Slot) {
    if let (Some(window), Some((timer, _))) = (web_sys::window(), slot.budget.take()) {
        window.clear_timeout_with_handle(timer);
    }
}

/// Marks, for the page's performance timeline, when the hashing worker is first ready:
/// scripts/bench reads it (`performance.getEntriesByName`).
fn mark(kind: WorkerKind) {
    mark_once(match kind {
        WorkerKind::Hashing => "gp:hashing-worker-ready",
        WorkerKind::Parsing => "gp:parser-ready",
    });
}

/// A mark on the page's performance timeline the first time something happens (once, so
/// the timeline never grows with use): the bench and the browser tests read them.
fn mark_once(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance())
        && performance.get_entries_by_name(name).length() == 0
    {
        let _ = performance.mark(name);
    }
}
