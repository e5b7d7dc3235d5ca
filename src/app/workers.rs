//! The page's side of its workers: digests and checks in the hashing worker, guides and
//! the provider's keys in the parser, configuration checks in a parser of their own (so
//! keys never wait behind a check's digest), off the page's thread, with an async call
//! for each ([`hash`], [`verify`], [`parse`], [`configuration`]).
//!
//! The workers are supervised: a crash or a job past its time budget restarts the
//! worker, a newer secret replaces the running digest, and a worker that cannot start is
//! reported unavailable. Those decisions are `protocol::supervisor`'s, pure and tested
//! natively; here they are carried out (`wiring`), the offline copy waits for a quiet
//! spell (`quiet`), and the bench's timeline is marked (`marks`).

mod marks;
mod quiet;
mod wiring;

use guide_engine::Document;
use guide_secrets::Algorithm;

pub use self::quiet::when_hashing_settles;
use crate::protocol::outcome::Outcome;
pub use crate::protocol::outcome::{Answered, JobError};
use crate::protocol::queue::Lane;
use crate::protocol::supervisor::Event;
use crate::protocol::{Reply, Request, WorkerKind};

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

/// A request of the configuration sections (a provider block, a configuration check),
/// answered by a parser worker: one path for both, as they run rarely and their
/// answers are text to show.
///
/// # Errors
/// See [`JobError`].
pub async fn configuration(request: Request) -> Result<Answered<Reply>, JobError> {
    let lane = match request {
        Request::Provider { .. } => Lane::Provider,
        _ => Lane::Configuration,
    };
    ask(lane, request).await
}

/// Starts a worker ahead of its first job, so that it is downloaded, compiled and warm
/// by the time the reader asks: the hashing worker as the page takes over (before they
/// press Generate), a parser as they open a section that needs one (before they have
/// pasted and pressed). A worker already started is left as it is.
pub fn start(kind: WorkerKind) {
    wiring::dispatch(kind, Event::StartAsked);
}

fn unexpected(reply: Reply) -> JobError {
    match reply {
        Reply::Failed(reason) => JobError::Refused(reason),
        // Stopped part-way because a newer job of its lane came.
        Reply::Stopped => JobError::Superseded,
        _ => JobError::Refused("the worker sent an answer of the wrong kind".to_owned()),
    }
}

async fn ask(lane: Lane, request: Request) -> Outcome {
    quiet::asked();
    let (waiter, answer) = futures::channel::oneshot::channel();
    let kind = request.worker();
    wiring::dispatch(
        kind,
        Event::Asked {
            lane,
            request,
            waiter,
        },
    );
    // The supervisor answers every waiter; a dropped sender means the page itself is
    // going away.
    answer.await.unwrap_or(Err(JobError::Superseded))
}
