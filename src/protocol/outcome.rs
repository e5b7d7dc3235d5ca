//! What the page is told of a job: the worker's answer with the time it took, or why no
//! answer came ([`JobError`], in words a reader can act on).
//!
//! Pure data; `protocol::supervisor` decides which one each job gets, and `app::workers`
//! hands it to whoever waits.

use std::fmt;

use super::{Reply, WorkerKind};

/// An answer and the milliseconds the worker spent on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Answered<T> {
    /// What the worker worked out: a digest, a verdict, a guide.
    pub value: T,
    /// Milliseconds the worker spent on it, as its own clock measured (the wait in the
    /// queue is not counted).
    pub ms: f64,
}

/// What a job's waiter is told: the worker's reply, or why there is none.
pub type Outcome = Result<Answered<Reply>, JobError>;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reason_reads_as_a_sentence_for_the_reader() {
        let said = |error: JobError| error.to_string();
        assert_eq!(
            said(JobError::TooSlow(WorkerKind::Parsing, 5_000)),
            "this took longer than 5 s, so the guide parser was stopped and restarted"
        );
        assert!(
            said(JobError::Crashed(WorkerKind::Hashing))
                .starts_with("the hashing worker stopped unexpectedly")
        );
        assert_eq!(
            said(JobError::Unavailable(
                WorkerKind::Hashing,
                "its script could not be loaded".into()
            )),
            "the hashing worker could not start: its script could not be loaded"
        );
        assert_eq!(
            said(JobError::Refused("no such digest".into())),
            "no such digest"
        );
        assert_eq!(
            said(JobError::Superseded),
            "a newer request replaced this one"
        );
    }
}
