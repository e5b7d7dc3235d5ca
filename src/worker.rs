//! The workers' side of the protocol: the message loop each worker binary runs.
//!
//! A worker decodes each [`PageMessage`]. A job's [`Request`] goes to the worker's
//! service (hashing or parsing, pure functions in this module's children), whose [`Work`]
//! is either the [`Reply`] at once or a slice at a time. Between slices the worker reads
//! its messages, so a [`PageMessage::Stop`] for a stale hash ends it after the current
//! slice. Each answer goes back with the time it took. Before its first answer the
//! worker warms its hot paths up, lets the browser's background compiles settle, then
//! announces [`WorkerMessage::Ready`]. Nothing is
//! logged: a request may carry a secret.

pub mod checking;
pub mod explaining;
pub mod hashing;
pub mod parsing;
pub mod provider_keys;

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent, MessagePort};

use crate::protocol::{Envelope, PageMessage, Reply, Request, WorkerMessage, decode, encode};

/// A request's work as a worker runs it.
pub enum Work {
    /// The reply.
    Done(Reply),
    /// The next slice of the work: it returns the reply, or the work left after it.
    Slice(Box<dyn FnOnce() -> Work>),
    /// The reply, once the browser's promises it waits on settle (WebCrypto's keys).
    Later(Pin<Box<dyn Future<Output = Reply>>>),
}

impl Work {
    /// Runs every slice at once: for tests and callers with nothing to listen for. Work
    /// that waits on the browser is polled once: natively nothing it waits for exists,
    /// so it has answered by then or never will.
    pub fn finish(self) -> Reply {
        let mut work = self;
        loop {
            match work {
                Work::Done(reply) => return reply,
                Work::Slice(next) => work = next(),
                Work::Later(mut future) => {
                    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
                    return match future.as_mut().poll(&mut context) {
                        std::task::Poll::Ready(reply) => reply,
                        std::task::Poll::Pending => {
                            Reply::Failed("the work waits on the browser".to_owned())
                        }
                    };
                }
            }
        }
    }
}

/// What a worker does: answer requests, and warm up before the first.
#[derive(Clone, Copy)]
pub struct Service {
    /// The work a request takes; never panics.
    pub start: fn(Request) -> Work,
    /// Runs the hot paths once so the browser compiles them with its optimising tier
    /// before the reader's first request.
    pub warm_up: fn(),
    /// Milliseconds to stay idle after the warm-up before saying ready: the optimising
    /// compiles the warm-up started run on the browser's background threads, and a first
    /// request arriving meanwhile competes with them for the processor.
    pub settle_ms: i32,
}

/// The job a worker is part-way through.
struct Running {
    id: u32,
    started: f64,
    /// Its next slice, or `None` while it waits on the browser (`Work::Later`).
    next: Option<Box<dyn FnOnce() -> Work>>,
}

/// The worker's loop: its scope, the job it is part-way through, and the channel it
/// posts itself a message on to run the next slice after reading its own messages.
struct Worker {
    scope: DedicatedWorkerGlobalScope,
    running: RefCell<Option<Running>>,
    next_slice: MessagePort,
    service: Service,
}

impl Worker {
    fn on_page_message(self: &Rc<Self>, bytes: &[u8]) {
        match decode::<PageMessage>(bytes) {
            Ok(PageMessage::Run(Envelope { id, request })) => {
                // The page posts a job only once the last is answered; were one still
                // running, it is stopped rather than left unanswered.
                if let Some(previous) = self.running.borrow_mut().take() {
                    self.answer(previous.id, previous.started, Reply::Stopped);
                }
                let started = self.now();
                self.go_on(id, started, (self.service.start)(request));
            }
            Ok(PageMessage::Stop(id)) => {
                let stopped = self.running.borrow_mut().take_if(|r| r.id == id);
                if let Some(stopped) = stopped {
                    self.answer(stopped.id, stopped.started, Reply::Stopped);
                }
            }
            Err(err) => self.answer(
                0,
                self.now(),
                Reply::Failed(format!("the worker could not read the request: {err}")),
            ),
        }
    }

    /// Runs the slice queued last, if its job was not stopped meanwhile (nor replaced
    /// by one that waits on the browser).
    fn on_next_slice(self: &Rc<Self>) {
        let taken = self.running.borrow_mut().take_if(|r| r.next.is_some());
        let Some(Running {
            id,
            started,
            next: Some(next),
        }) = taken
        else {
            return;
        };
        self.go_on(id, started, next());
    }

    /// Answers the job, or keeps its next slice for after the worker's messages, or
    /// waits for the browser to settle its promises.
    fn go_on(self: &Rc<Self>, id: u32, started: f64, work: Work) {
        match work {
            Work::Done(reply) => self.answer(id, started, reply),
            Work::Later(future) => {
                *self.running.borrow_mut() = Some(Running {
                    id,
                    started,
                    next: None,
                });
                let worker = Rc::clone(self);
                wasm_bindgen_futures::spawn_local(async move {
                    let reply = future.await;
                    // Stopped or replaced meanwhile: that job was answered already.
                    let current = worker.running.borrow_mut().take_if(|r| r.id == id);
                    if current.is_some() {
                        worker.answer(id, started, reply);
                    }
                });
            }
            Work::Slice(next) => {
                *self.running.borrow_mut() = Some(Running {
                    id,
                    started,
                    next: Some(next),
                });
                // A channel message, not a timer: timers nested this deep wait at least
                // 4 ms each (HTML's timer clamping); this waits only for the messages
                // already queued. Were it ever refused, the page's time budget for the
                // job notices the missing answer and restarts this worker.
                let _ = self.next_slice.post_message(&JsValue::NULL);
            }
        }
    }

    fn answer(&self, id: u32, started: f64, reply: Reply) {
        let ms = self.now() - started;
        post(&self.scope, &WorkerMessage::Answer { id, ms, reply });
    }

    fn now(&self) -> f64 {
        self.scope.performance().map_or(0.0, |p| p.now())
    }
}

/// Runs `service` in this worker. Called once, by a worker binary's `main`.
pub fn serve(service: Service) {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        // Not inside a dedicated worker (loaded by mistake as a page script): do nothing.
        return;
    };
    let Ok(channel) = MessageChannel::new() else {
        return;
    };
    let worker = Rc::new(Worker {
        scope: scope.clone(),
        running: RefCell::new(None),
        next_slice: channel.port2(),
        service,
    });
    let on_message = {
        let worker = Rc::clone(&worker);
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let bytes = js_sys::Uint8Array::new(&event.data()).to_vec();
            worker.on_page_message(&bytes);
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let on_next_slice = {
        let worker = Rc::clone(&worker);
        Closure::<dyn FnMut(MessageEvent)>::new(move |_: MessageEvent| worker.on_next_slice())
    };
    // Setting the handler starts the port's queue.
    channel
        .port1()
        .set_onmessage(Some(on_next_slice.as_ref().unchecked_ref()));
    // The worker lives as long as the page: so do its handlers.
    on_message.forget();
    on_next_slice.forget();
    (service.warm_up)();
    // A plain `setTimeout` on the worker's scope, not the page's timer helper
    // (`app::browser::timer::after`, built on Leptos's): Leptos's timers go through `window`,
    // which a worker does not have (they would throw here).
    let ready_scope = scope.clone();
    let say_ready = Closure::once_into_js(move || post(&ready_scope, &WorkerMessage::Ready));
    let waiting = service.settle_ms > 0
        && scope
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                say_ready.unchecked_ref(),
                service.settle_ms,
            )
            .is_ok();
    if !waiting {
        post(&scope, &WorkerMessage::Ready);
    }
}

fn post(scope: &DedicatedWorkerGlobalScope, message: &WorkerMessage) {
    let bytes = js_sys::Uint8Array::from(encode(message).as_slice());
    // A Uint8Array always clones; were it ever refused, the page's time budget for the
    // job notices the missing answer and restarts this worker.
    let _ = scope.post_message(&bytes);
}
