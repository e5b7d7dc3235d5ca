//! The supervisors' commands carried out in the browser: workers started, posted to and
//! ended, budgets timed, waiters answered; and what the workers do, reported back to the
//! supervisors as events (`protocol::supervisor` decides; this only executes).
//!
//! No borrow can conflict, by design. The supervisors and the workers they started are
//! held by whichever call is handling events, taken out of their cell for that time; an
//! event that arrives meanwhile (a waiter's code asking for more work, a refusal reported
//! while a command is carried out) waits in the inbox, and that same call handles it
//! after the events before it, their commands all carried out. So no event is ever
//! dropped, and every waiter is answered.

use std::cell::Cell;

use futures::channel::oneshot;
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

use super::{marks, quiet};
use crate::app::browser;
use crate::protocol::outcome::Outcome;
use crate::protocol::supervisor::{Command, Event, Supervisor};
use crate::protocol::{PageMessage, WorkerKind, WorkerMessage, decode, encode};

/// Who waits for a job's answer.
pub type Waiter = oneshot::Sender<Outcome>;

/// The supervisors and the workers their commands started.
struct Workers {
    hashing: Supervisor<Waiter>,
    parsing: Supervisor<Waiter>,
    checking: Supervisor<Waiter>,
    started: Vec<Started>,
}

thread_local! {
    /// Set while a call of [`dispatch`] is handling events.
    static HANDLING: Cell<bool> = const { Cell::new(false) };
    /// The supervisors and their workers: created by the first event, and taken out by
    /// the call of [`dispatch`] that handles events for as long as it does.
    static WORKERS: Cell<Option<Workers>> = const { Cell::new(None) };
    /// Events not yet handled, in the order they came.
    static INBOX: Cell<Vec<(WorkerKind, Event<Waiter>)>> = const { Cell::new(Vec::new()) };
}

/// Tells the supervisor of `kind` that `event` happened, and carries out what it decides,
/// with everything that follows from it. Called again from within (by a command's
/// effect), it only queues the event for the call already under way.
pub fn dispatch(kind: WorkerKind, event: Event<Waiter>) {
    let mut inbox = INBOX.take();
    inbox.push((kind, event));
    INBOX.set(inbox);
    if HANDLING.replace(true) {
        return;
    }
    let mut workers = WORKERS.take().unwrap_or_else(Workers::new);
    // Events queued while a batch is handled come after it, in the order they came.
    loop {
        let batch = INBOX.take();
        if batch.is_empty() {
            break;
        }
        for (kind, event) in batch {
            marks::note(kind, &event);
            let supervisor = match kind {
                WorkerKind::Hashing => &mut workers.hashing,
                WorkerKind::Parsing => &mut workers.parsing,
                WorkerKind::Checking => &mut workers.checking,
            };
            for command in supervisor.handle(event) {
                workers.execute(kind, command);
            }
        }
    }
    let settled = workers.hashing.is_settled();
    WORKERS.set(Some(workers));
    HANDLING.set(false);
    quiet::check(settled);
}

impl Workers {
    fn new() -> Workers {
        Workers {
            hashing: Supervisor::new(WorkerKind::Hashing),
            parsing: Supervisor::new(WorkerKind::Parsing),
            checking: Supervisor::new(WorkerKind::Checking),
            started: Vec::new(),
        }
    }

    fn execute(&mut self, kind: WorkerKind, command: Command<Waiter>) {
        match command {
            Command::Spawn { generation } => match start(kind, generation) {
                Ok(started) => self.started.push(started),
                Err(reason) => dispatch(kind, Event::NotStarted { generation, reason }),
            },
            Command::Post {
                generation,
                message,
            } => {
                let posted = self
                    .started
                    .iter()
                    .find(|s| s.kind == kind && s.generation == generation)
                    .is_some_and(|s| s.post(&message));
                if !posted {
                    dispatch(
                        kind,
                        Event::NotPosted {
                            generation,
                            message,
                        },
                    );
                }
            }
            // Dropping it ends the worker (see `Started`'s `Drop`).
            Command::Terminate { generation } => self
                .started
                .retain(|s| s.kind != kind || s.generation != generation),
            Command::ArmBudget { generation, id, ms } => {
                // Without a timer the job runs unbounded, as it would without supervision.
                let _ = browser::timer::after(ms, move || {
                    dispatch(kind, Event::BudgetSpent { generation, id });
                });
            }
            Command::Answer { waiter, outcome } => {
                // The receiver is gone only when nobody waits for this answer any more.
                let _ = waiter.send(outcome);
            }
        }
    }
}

/// A started worker and what it needs to stay connected.
struct Started {
    kind: WorkerKind,
    /// Which start this is: what it reports carries it.
    generation: u32,
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Started {
    /// Posts `message` to this worker as postcard bytes; false if the browser refused.
    fn post(&self, message: &PageMessage) -> bool {
        let bytes = js_sys::Uint8Array::from(encode(message).as_slice());
        self.worker.post_message(&bytes).is_ok()
    }
}

impl Drop for Started {
    fn drop(&mut self) {
        self.worker.terminate();
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
    }
}

/// Starts a worker of `kind` whose messages and errors are reported as events of
/// `generation`; the reason, for the reader, if the browser refuses.
fn start(kind: WorkerKind, generation: u32) -> Result<Started, String> {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let url = web_sys::Url::new_with_base(kind.script(), &base)
        .map_err(|_| "the page's address is not usable".to_owned())?;
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(&url.href(), &options)
        .map_err(|_| "the browser refused to start it".to_owned())?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let bytes = js_sys::Uint8Array::new(&event.data()).to_vec();
        let event = match decode::<WorkerMessage>(&bytes) {
            Ok(WorkerMessage::Ready) => Event::Ready { generation },
            Ok(WorkerMessage::Answer { id, ms, reply }) => Event::Answered {
                generation,
                id,
                ms,
                reply,
            },
            Err(_) => Event::Crashed {
                generation,
                said: "it sent an unreadable message".to_owned(),
            },
        };
        dispatch(kind, event);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // An exception inside the worker arrives as an ErrorEvent with a message; a script
    // that cannot be loaded, as a bare Event.
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let said = event
            .dyn_ref::<ErrorEvent>()
            .map(ErrorEvent::message)
            .unwrap_or_default();
        dispatch(kind, Event::Crashed { generation, said });
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Started {
        kind,
        generation,
        worker,
        _on_message: on_message,
        _on_error: on_error,
    })
}
