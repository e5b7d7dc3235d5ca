//! The Web Worker's message loop: receives [`Job`]s from the page, runs them and
//! posts the outcome back with the time it took.
//!
//! Hashing blocks whatever thread runs it for a quarter of a second or more, so it runs
//! here, never on the page's thread. The worker binary holds only this code and the
//! hashing crates, which `Cargo.toml` compiles for speed.
//!
//! Protocol (plain JS objects, so a benchmark page can use the worker too):
//! - the worker first posts the string `"ready"`;
//! - request `{ id, op: "hash", algorithm, plaintext }`,
//!   `{ id, op: "verify", digest, plaintext }` or `{ id, op: "parse", source }`;
//! - reply `{ id, ok: true, digest, ms }`, `{ id, ok: true, verdict: "match" | "no-match", ms }`,
//!   `{ id, ok: true, guide, ms }` (the document as JSON) or `{ id, ok: false, error, ms }`.
//!
//! Nothing is logged: a job carries a secret.

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::worker_job::{Job, Outcome, run};

/// Starts the message loop and announces readiness. Called once by the worker binary.
pub fn start() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        // Not inside a dedicated worker (e.g. loaded by mistake as a page script): do nothing.
        return;
    };
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let reply = handle(&reply_scope, &event.data());
        // postMessage only fails for uncloneable data; a reply is plain strings and numbers.
        let _ = reply_scope.post_message(&reply);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: the handler must too.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

fn handle(scope: &DedicatedWorkerGlobalScope, data: &JsValue) -> JsValue {
    let started = now(scope);
    let id = get(data, "id")
        .and_then(|v| v.as_f64())
        .map_or(0, |v| v as u32);
    let outcome = match Job::from_fields(id, |name| get(data, name).and_then(|v| v.as_string())) {
        Ok(job) => run(&job.task),
        Err(err) => Outcome::Failed(err.to_string()),
    };
    let reply = js_sys::Object::new();
    set(&reply, "id", &JsValue::from(id));
    let (ok, key, value) = outcome.fields();
    set(&reply, "ok", &JsValue::from_bool(ok));
    set(&reply, key, &JsValue::from_str(value));
    set(&reply, "ms", &JsValue::from(now(scope) - started));
    reply.into()
}

fn now(scope: &DedicatedWorkerGlobalScope) -> f64 {
    scope.performance().map_or(0.0, |p| p.now())
}

/// A property of a message object, if it is there. Shared with the page's side
/// (`app::hasher`), so both read the protocol's objects the same way.
pub(crate) fn get(object: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined())
}

/// Sets a property of a message object. Shared with the page's side (`app::hasher`).
pub(crate) fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}
