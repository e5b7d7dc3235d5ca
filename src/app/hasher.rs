//! The page's side of the Web Worker (hashing, verifying, parsing guides): posts jobs, hands each reply to whoever
//! asked, and never lets an outdated job delay or overwrite a newer one.
//!
//! Jobs travel in lanes (the secret's digest, a digest check, the guide). Per lane at most
//! one job runs and one waits; a new job replaces the waiting one, whose callback is
//! dropped unanswered, so a stale digest can never arrive after a fresh one.

use std::cell::RefCell;

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use guide_secrets::Algorithm;

use crate::worker::{get, set};
use crate::worker_job::{Outcome, Task};

/// The worker's start-up script, relative to the page's base URL (Trunk writes it).
const WORKER_SCRIPT: &str = "worker_loader.js";

/// A reply from the worker.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    /// The outcome.
    pub outcome: Outcome,
    /// Time the worker spent on the job, in milliseconds.
    pub ms: f64,
}

/// Independent queues: a digest check never supersedes the secret's digest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lane {
    /// The digest of the reader's secret.
    Secret,
    /// The "Check a digest" tool.
    Check,
    /// Parsing the guide to show.
    Guide,
}

type Callback = Box<dyn FnOnce(Reply)>;

struct Queued {
    lane: Lane,
    id: u32,
    message: JsValue,
    callback: Callback,
}

struct State {
    worker: Option<Worker>,
    ready: bool,
    broken: Option<String>,
    running: Option<(u32, Callback)>,
    waiting: Vec<Queued>,
    next_id: u32,
}

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
}

/// Starts the worker, once. Later calls do nothing.
pub fn start() {
    if STATE.with(|s| s.borrow().is_some()) {
        return;
    }
    // Without a worker the page still works; hashing then reports why it cannot run.
    let (worker, broken) = match spawn() {
        Ok(worker) => (Some(worker), None),
        Err(reason) => (None, Some(reason)),
    };
    let state = State {
        worker,
        ready: false,
        broken,
        running: None,
        waiting: Vec::new(),
        next_id: 1,
    };
    STATE.with(|s| *s.borrow_mut() = Some(state));
}

fn spawn() -> Result<Worker, String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    let url = web_sys::Url::new_with_base(WORKER_SCRIPT, &base).map_err(|_| "bad base URL")?;
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(&url.href(), &options)
        .map_err(|_| "the browser refused to start the hashing worker".to_owned())?;

    let on_message =
        Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| on_message(&event.data()));
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error =
        Closure::<dyn FnMut(JsValue)>::new(|_| fail_all("the hashing worker failed to load"));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Ok(worker)
}

/// Runs a job and waits for its reply; `None` when a newer job in the same lane replaced
/// it before it ran.
pub async fn ask(lane: Lane, task: Task) -> Option<Reply> {
    let (sender, receiver) = futures::channel::oneshot::channel();
    submit(lane, task, move |reply| {
        // The receiver is gone only when nobody waits for this answer any more.
        let _ = sender.send(reply);
    });
    receiver.await.ok()
}

/// The digest of `plaintext` with Authelia's default parameters for `algorithm`, and
/// the milliseconds the worker took; or the reason there is none.
pub async fn hash(algorithm: Algorithm, plaintext: &str) -> Result<(String, f64), String> {
    let task = Task::Hash {
        algorithm: algorithm.id().to_owned(),
        plaintext: plaintext.to_owned(),
    };
    match ask(Lane::Secret, task).await {
        Some(Reply {
            outcome: Outcome::Digest(digest),
            ms,
        }) => Ok((digest, ms)),
        Some(Reply {
            outcome: Outcome::Failed(reason),
            ..
        }) => Err(reason),
        Some(_) => Err("the hashing worker sent an unexpected reply".to_owned()),
        None => Err("a newer secret replaced this one".to_owned()),
    }
}

/// Queues a job; `callback` gets its reply, unless a newer job in the same lane replaces
/// it first.
pub fn submit(lane: Lane, task: Task, callback: impl FnOnce(Reply) + 'static) {
    start();
    let mut callback: Option<Callback> = Some(Box::new(callback));
    let refused = STATE.with(|s| {
        let mut guard = s.borrow_mut();
        let Some(state) = guard.as_mut() else {
            return Some("the hashing worker is not available".to_owned());
        };
        if let Some(reason) = &state.broken {
            return Some(reason.clone());
        }
        let id = state.next_id;
        state.next_id = state.next_id.wrapping_add(1);
        state.waiting.retain(|q| q.lane != lane);
        if let Some(callback) = callback.take() {
            state.waiting.push(Queued {
                lane,
                id,
                message: message(id, &task),
                callback,
            });
        }
        None
    });
    match (refused, callback) {
        (Some(reason), Some(callback)) => callback(Reply {
            outcome: Outcome::Failed(reason),
            ms: 0.0,
        }),
        _ => pump(),
    }
}

fn message(id: u32, task: &Task) -> JsValue {
    let object = js_sys::Object::new();
    set(&object, "id", &JsValue::from(id));
    for (key, value) in task.fields() {
        set(&object, key, &JsValue::from_str(value));
    }
    object.into()
}

/// Posts the next waiting job if the worker is idle.
fn pump() {
    STATE.with(|s| {
        let mut guard = s.borrow_mut();
        let Some(state) = guard.as_mut() else { return };
        if !state.ready || state.running.is_some() || state.waiting.is_empty() {
            return;
        }
        let Some(worker) = state.worker.as_ref() else {
            return;
        };
        let next = state.waiting.remove(0);
        if worker.post_message(&next.message).is_ok() {
            state.running = Some((next.id, next.callback));
        }
    });
}

fn on_message(data: &JsValue) {
    if data.as_string().as_deref() == Some("ready") {
        STATE.with(|s| {
            if let Some(state) = s.borrow_mut().as_mut() {
                state.ready = true;
            }
        });
        pump();
        return;
    }
    let id = get(data, "id")
        .and_then(|v| v.as_f64())
        .map_or(0, |v| v as u32);
    let ms = get(data, "ms").and_then(|v| v.as_f64()).unwrap_or(0.0);
    let ok = get(data, "ok").and_then(|v| v.as_bool()) == Some(true);
    let outcome = Outcome::from_fields(ok, |key| get(data, key).and_then(|v| v.as_string()));
    // Take the callback out before calling it: it may submit a new job.
    let callback = STATE.with(|s| {
        let mut guard = s.borrow_mut();
        let state = guard.as_mut()?;
        match state.running.take() {
            Some((running, callback)) if running == id => Some(callback),
            other => {
                state.running = other;
                None
            }
        }
    });
    if let Some(callback) = callback {
        callback(Reply { outcome, ms });
    }
    pump();
}

fn fail_all(reason: &str) {
    let callbacks: Vec<Callback> = STATE.with(|s| {
        let mut guard = s.borrow_mut();
        let Some(state) = guard.as_mut() else {
            return Vec::new();
        };
        state.broken = Some(reason.to_owned());
        let mut out: Vec<Callback> = state.running.take().map(|(_, c)| c).into_iter().collect();
        out.extend(state.waiting.drain(..).map(|q| q.callback));
        out
    });
    for callback in callbacks {
        callback(Reply {
            outcome: Outcome::Failed(reason.to_owned()),
            ms: 0.0,
        });
    }
}
