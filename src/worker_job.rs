//! The work the Web Worker does, as plain data: a job in, an outcome out. It hashes and
//! verifies secrets, and it parses guides, so that neither the hashing crates nor the
//! markdown and YAML parsers are in the page's own download or on its thread.
//!
//! Kept free of the DOM so the worker's behaviour is tested natively; `worker` only moves
//! these values across `postMessage`, and `app::hasher` only posts and receives them.

use core::fmt;

use guide_secrets::{Algorithm, Params, Verdict};

/// One request to the worker. `id` lets the page drop replies it no longer wants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    /// Increasing per page; a reply carries it back.
    pub id: u32,
    /// What to compute.
    pub task: Task,
}

/// What a [`Job`] asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Task {
    /// The digest of `plaintext` with Authelia's default parameters for `algorithm`.
    Hash {
        /// The algorithm, by its Authelia id (`"pbkdf2-sha512"`…).
        algorithm: String,
        /// The client secret.
        plaintext: String,
    },
    /// Parse a guide; the outcome is the document in its text form ([`decode_document`]).
    Parse {
        /// The guide's markdown.
        source: String,
    },
    /// Whether `plaintext` matches `digest`.
    Verify {
        /// A digest as the reader pasted it.
        digest: String,
        /// The secret to check against it.
        plaintext: String,
    },
}

/// What a [`Job`] produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The digest string, in Authelia's format.
    Digest(String),
    /// A parsed guide, in its text form ([`decode_document`]).
    Guide(String),
    /// The secret matches the digest.
    Match,
    /// It does not.
    NoMatch,
    /// The job could not be done; the reason is meant for the reader.
    Failed(String),
}

/// Why a message could not be read as a [`Job`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JobError {
    /// The `op` field named no known operation.
    UnknownOperation(String),
    /// A required field was missing or not text.
    MissingField(&'static str),
}

impl fmt::Display for JobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownOperation(op) => write!(
                f,
                "unknown operation {op:?}: expected \"hash\", \"verify\" or \"parse\""
            ),
            Self::MissingField(field) => write!(f, "the job has no text field {field:?}"),
        }
    }
}

impl std::error::Error for JobError {}

impl Job {
    /// Builds a job from a message's fields, looked up by name (`op`, `algorithm`,
    /// `digest`, `plaintext`), so the worker need not trust the page's shape.
    pub fn from_fields(
        id: u32,
        field: impl Fn(&'static str) -> Option<String>,
    ) -> Result<Job, JobError> {
        let need = |name: &'static str| field(name).ok_or(JobError::MissingField(name));
        let op = need("op")?;
        let task = match op.as_str() {
            "hash" => Task::Hash {
                algorithm: need("algorithm")?,
                plaintext: need("plaintext")?,
            },
            "verify" => Task::Verify {
                digest: need("digest")?,
                plaintext: need("plaintext")?,
            },
            "parse" => Task::Parse {
                source: need("source")?,
            },
            _ => return Err(JobError::UnknownOperation(op)),
        };
        Ok(Job { id, task })
    }
}

impl Task {
    /// The message fields of this task, `op` first: what the page posts and
    /// [`Job::from_fields`] reads back.
    pub fn fields(&self) -> Vec<(&'static str, &str)> {
        match self {
            Task::Hash {
                algorithm,
                plaintext,
            } => {
                vec![
                    ("op", "hash"),
                    ("algorithm", algorithm),
                    ("plaintext", plaintext),
                ]
            }
            Task::Parse { source } => vec![("op", "parse"), ("source", source)],
            Task::Verify { digest, plaintext } => {
                vec![
                    ("op", "verify"),
                    ("digest", digest),
                    ("plaintext", plaintext),
                ]
            }
        }
    }
}

impl Outcome {
    /// The reply fields of this outcome: whether it succeeded, and its one text field.
    pub fn fields(&self) -> (bool, &'static str, &str) {
        match self {
            Outcome::Digest(digest) => (true, "digest", digest),
            Outcome::Guide(json) => (true, "guide", json),
            Outcome::Match => (true, "verdict", "match"),
            Outcome::NoMatch => (true, "verdict", "no-match"),
            Outcome::Failed(reason) => (false, "error", reason),
        }
    }

    /// Reads a reply back from its fields, the inverse of [`Outcome::fields`].
    pub fn from_fields(ok: bool, field: impl Fn(&'static str) -> Option<String>) -> Outcome {
        if !ok {
            return Outcome::Failed(
                field("error").unwrap_or_else(|| "the hashing worker failed".into()),
            );
        }
        if let Some(digest) = field("digest") {
            return Outcome::Digest(digest);
        }
        if let Some(json) = field("guide") {
            return Outcome::Guide(json);
        }
        match field("verdict").as_deref() {
            Some("match") => Outcome::Match,
            Some("no-match") => Outcome::NoMatch,
            _ => Outcome::Failed("the hashing worker sent an unreadable reply".into()),
        }
    }
}

/// Does the work. Never panics: every failure becomes [`Outcome::Failed`] with a reason.
pub fn run(task: &Task) -> Outcome {
    match task {
        Task::Hash {
            algorithm,
            plaintext,
        } => {
            let Some(algorithm) = Algorithm::from_id(algorithm) else {
                return Outcome::Failed(format!("unknown digest algorithm {algorithm:?}"));
            };
            match guide_secrets::hash(plaintext, &Params::default_for(algorithm)) {
                Ok(digest) => Outcome::Digest(digest),
                Err(err) => Outcome::Failed(err.to_string()),
            }
        }
        Task::Parse { source } => match guide_engine::parse(source) {
            Ok(document) => match encode_document(&document) {
                Ok(text) => Outcome::Guide(text),
                Err(err) => {
                    Outcome::Failed(format!("the guide could not be passed to the page: {err}"))
                }
            },
            Err(err) => Outcome::Failed(err.to_string()),
        },
        Task::Verify { digest, plaintext } => match guide_secrets::verify(digest, plaintext) {
            Verdict::Match => Outcome::Match,
            Verdict::NoMatch => Outcome::NoMatch,
            Verdict::Unreadable(err) => Outcome::Failed(err.to_string()),
        },
    }
}

/// The document a [`Outcome::Guide`] (or the page's data block) carries, from its text
/// form ([`encode_document`]). The page reads it without linking the parsers:
/// deserializing the model is all it needs.
///
/// # Errors
/// Why the text is not a document, for the reader.
pub fn decode_document(text: &str) -> Result<guide_engine::Document, String> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .map_err(|err| format!("the guide's data is not base64: {err}"))?;
    postcard::from_bytes(&bytes).map_err(|err| format!("the guide's data is unreadable: {err}"))
}

/// A document as text, for the page's data block and the worker's reply: postcard (a
/// compact binary serde format), in base64. Not JSON: reading JSON takes serde_json's
/// parser and self-describing field names into the page, about 24 kB gzip of a 200 kB
/// budget; postcard's reader is a fraction of that.
///
/// # Errors
/// The serializer's words; it fails only on types serde cannot write, which the model
/// has none of.
pub fn encode_document(document: &guide_engine::Document) -> Result<String, String> {
    use base64::Engine as _;
    postcard::to_allocvec(document)
        .map(|bytes| base64::engine::general_purpose::STANDARD.encode(bytes))
        .map_err(|err| err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&'static str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn hash_job_yields_a_digest_that_verifies() {
        // SHA-512 crypt at Authelia's 50000 rounds is the cheapest real algorithm to test with.
        let job = Job::from_fields(
            7,
            fields(&[
                ("op", "hash"),
                ("algorithm", "sha512crypt"),
                ("plaintext", "s3cret"),
            ]),
        )
        .expect("a hash job");
        let Outcome::Digest(digest) = run(&job.task) else {
            panic!("no digest for {job:?}");
        };
        assert!(digest.starts_with("$6$rounds=50000$"), "{digest}");
        assert_eq!(
            run(&Task::Verify {
                digest: digest.clone(),
                plaintext: "s3cret".into()
            }),
            Outcome::Match
        );
        assert_eq!(
            run(&Task::Verify {
                digest,
                plaintext: "other".into()
            }),
            Outcome::NoMatch
        );
    }

    #[test]
    fn parsed_guide_survives_the_trip_to_the_page() {
        let source = include_str!("../guides/matomo.md");
        let Outcome::Guide(json) = run(&Task::Parse {
            source: source.into(),
        }) else {
            panic!("the bundled guide did not parse");
        };
        let expected = guide_engine::parse(source).expect("parses");
        assert_eq!(decode_document(&json), Ok(expected));
    }

    #[test]
    fn deepest_allowed_nesting_survives_the_trip_to_the_page() {
        // Lists, quotes and links nested past the depth limit: the JSON stays readable.
        let mut source = String::new();
        for i in 0..40 {
            source.push_str(&format!("{}- > [*a **b [c](d)**", "  ".repeat(i)));
        }
        source.push_str(&"*".repeat(20));
        let Outcome::Guide(json) = run(&Task::Parse { source }) else {
            panic!("did not parse");
        };
        assert!(decode_document(&json).is_ok());
    }

    #[test]
    fn broken_front_matter_fails_with_its_line() {
        let outcome = run(&Task::Parse {
            source: "---\ntitle: [\n---\nbody".into(),
        });
        let Outcome::Failed(reason) = outcome else {
            panic!("accepted: {outcome:?}")
        };
        assert!(reason.contains("line"), "{reason}");
    }

    #[test]
    fn unknown_algorithm_fails_with_its_name() {
        let outcome = run(&Task::Hash {
            algorithm: "md5".into(),
            plaintext: "x".into(),
        });
        assert_eq!(
            outcome,
            Outcome::Failed("unknown digest algorithm \"md5\"".into())
        );
    }

    #[test]
    fn labelled_digest_fails_with_a_reason_to_remove_the_label() {
        let digest = "Digest: $pbkdf2-sha512$1000$AAECAwQFBgcICQoLDA0ODw$bX02e1.4QCbRRSRFX2YNm37G2s41QKBPJglmAxCo.OT1TIovl53vt53hze/IWFrLP7esTBdJkDk0gR67apRgMg";
        let Outcome::Failed(reason) = run(&Task::Verify {
            digest: digest.into(),
            plaintext: "insecure_secret".into(),
        }) else {
            panic!("a labelled digest was accepted");
        };
        assert!(reason.contains("Digest:"), "{reason}");
    }

    #[test]
    fn fast_reference_vector_verifies() {
        let digest = "$pbkdf2-sha512$1000$AAECAwQFBgcICQoLDA0ODw$bX02e1.4QCbRRSRFX2YNm37G2s41QKBPJglmAxCo.OT1TIovl53vt53hze/IWFrLP7esTBdJkDk0gR67apRgMg";
        assert_eq!(
            run(&Task::Verify {
                digest: digest.into(),
                plaintext: "insecure_secret".into()
            }),
            Outcome::Match
        );
    }

    #[test]
    fn parse_message_becomes_a_parse_job() {
        let job = Job::from_fields(3, fields(&[("op", "parse"), ("source", "# Hi")]));
        assert_eq!(
            job,
            Ok(Job {
                id: 3,
                task: Task::Parse {
                    source: "# Hi".into()
                }
            })
        );
    }

    #[test]
    fn every_task_survives_its_message_fields() {
        let tasks = [
            Task::Hash {
                algorithm: "argon2id".into(),
                plaintext: "p".into(),
            },
            Task::Parse {
                source: "# Hi".into(),
            },
            Task::Verify {
                digest: "$plaintext$x".into(),
                plaintext: "x".into(),
            },
        ];
        for task in tasks {
            let fields = task.fields();
            let job = Job::from_fields(9, |name| {
                fields
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            });
            assert_eq!(
                job,
                Ok(Job {
                    id: 9,
                    task: task.clone()
                })
            );
        }
    }

    #[test]
    fn every_outcome_survives_its_reply_fields() {
        let outcomes = [
            Outcome::Digest("$6$x".into()),
            Outcome::Guide("{}".into()),
            Outcome::Match,
            Outcome::NoMatch,
            Outcome::Failed("why".into()),
        ];
        for outcome in outcomes {
            let (ok, key, value) = outcome.fields();
            let back = Outcome::from_fields(ok, |name| (name == key).then(|| value.to_owned()));
            assert_eq!(back, outcome);
        }
    }

    #[test]
    fn message_without_op_is_refused() {
        assert_eq!(
            Job::from_fields(1, fields(&[("plaintext", "x")])),
            Err(JobError::MissingField("op"))
        );
        assert_eq!(
            Job::from_fields(1, fields(&[("op", "delete")])),
            Err(JobError::UnknownOperation("delete".into()))
        );
    }
}
