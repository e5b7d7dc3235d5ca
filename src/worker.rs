//! The workers' side of the protocol: the message loop each worker binary runs.
//!
//! A worker decodes each [`Envelope`], hands its [`Request`] to its service (hashing or
//! parsing, pure functions in this module's children), and posts the [`Reply`] with the
//! time it took. Before its first answer it warms its hot paths up, then announces
//! [`WorkerMessage::Ready`]. Nothing is logged: a request may carry a secret.

pub mod hashing;
pub mod parsing;

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::protocol::{Envelope, Reply, Request, WorkerMessage, decode, encode};

/// What a worker does: answer requests, and warm up before the first.
#[derive(Clone, Copy)]
pub struct Service {
    /// Answers one request; never panics.
    pub answer: fn(Request) -> Reply,
    /// Runs the hot paths once so the browser compiles them with its optimising tier
    /// before the reader's first request.
    pub warm_up: fn(),
}

/// Runs `service` in this worker. Called once, by a worker binary's `main`.
pub fn serve(service: Service) {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        // Not inside a dedicated worker (loaded by mistake as a page script): do nothing.
        return;
    };
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let started = now(&reply_scope);
        let bytes = js_sys::Uint8Array::new(&event.data()).to_vec();
        let (id, reply) = match decode::<Envelope>(&bytes) {
            Ok(Envelope { id, request }) => (id, (service.answer)(request)),
            Err(err) => (
                0,
                Reply::Failed(format!("the worker could not read the request: {err}")),
            ),
        };
        let ms = now(&reply_scope) - started;
        post(&reply_scope, &WorkerMessage::Answer { id, ms, reply });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: so does its handler.
    on_message.forget();
    (service.warm_up)();
    post(&scope, &WorkerMessage::Ready);
}

fn post(scope: &DedicatedWorkerGlobalScope, message: &WorkerMessage) {
    let bytes = js_sys::Uint8Array::from(encode(message).as_slice());
    // A Uint8Array always clones; were it ever refused, the page's time budget for the
    // job notices the missing answer and restarts this worker.
    let _ = scope.post_message(&bytes);
}

fn now(scope: &DedicatedWorkerGlobalScope) -> f64 {
    scope.performance().map_or(0.0, |p| p.now())
}
