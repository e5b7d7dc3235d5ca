//! The one typed protocol between the page and its workers, the page's data block
//! ([`page_data`]: what the build hands the page), and the pure supervision of the
//! workers ([`supervisor`], with [`queue`] and [`outcome`]).
//!
//! The page posts a [`PageMessage`]: an [`Envelope`] holding a [`Request`] to run, or a
//! stop for the running one. A worker first announces [`WorkerMessage::Ready`], then
//! answers each envelope with [`WorkerMessage::Answer`] carrying the same id and a
//! [`Reply`] ([`Reply::Stopped`] for a job stopped part-way). Messages travel as postcard bytes (serde's
//! compact binary format) in a `Uint8Array`: the page already reads postcard for its
//! data block ([`page_data::PageData`]), and a JSON or JS-object codec would cost it kilobytes of its
//! budget.
//!
//! Pure data, codecs and decisions, tested natively; `worker` moves the messages across
//! `postMessage` on the workers' side and `app::workers` on the page's, carrying out what
//! the supervisor decides.

pub mod outcome;
pub mod page_data;
pub mod queue;
pub mod supervisor;

use core::fmt;

use guide_engine::Document;
use guide_secrets::{Algorithm, Params};

use crate::provider_block::KeyChoice;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

/// What the page asks of a worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// The digest of `plaintext` with Authelia's default parameters for `algorithm`.
    Hash {
        /// The algorithm's id (`"pbkdf2-sha512"`, see `guide_secrets::Algorithm::id`).
        algorithm: String,
        /// The reader's client secret; the worker neither keeps nor logs it.
        plaintext: String,
    },
    /// Whether `plaintext` gives `digest`.
    Verify {
        /// A digest as the reader pasted it.
        digest: String,
        /// The secret to check against it.
        plaintext: String,
    },
    /// A new provider block (`hmac_secret` and signing keys, `crate::provider_block`).
    Provider {
        /// The keys the reader chose.
        choice: KeyChoice,
    },
    /// Check a pasted Authelia configuration against the open guide
    /// (`authelia_check::configuration`).
    Check {
        /// What the reader pasted, at most `authelia_check::configuration::MAX_CONFIGURATION_BYTES`.
        pasted: String,
        /// The guide's client block with the reader's values: the client to check is
        /// the one with its `client_id`.
        guide_block: String,
        /// The client secret on the page, if any: the worker says whether the pasted
        /// digest belongs to it. Never kept or logged.
        secret: String,
        /// Authelia's address for the reader's values, only once the reader set their
        /// domain, as `authelia-check check` sends it: on the guide's example domain it
        /// would match no cookie of a real configuration.
        authelia_url: Option<String>,
        /// The claims the application needs in the ID token when it reads them from the
        /// ID token only (`guide_engine::Document::id_token_claims_needed`, `Some`
        /// exactly when `needs_id_token_claims`): worked out once as the page parsed the
        /// guide, sent rather than parsed again. Their names separated by spaces, which no
        /// name holds (the engine keeps only the characters a claim name uses), as the
        /// document keeps them: one text cost the page's WebAssembly 109 bytes less than a
        /// list to clone and write (GNU gzip -9, 2026-12-07), and 73 bytes less again
        /// (node's zlib) once the document kept the text rather than the page joining a list.
        id_token_claims: Option<String>,
    },
    /// Explain what the reader saw when signing in failed ("Why did my login fail?",
    /// `authelia_check::troubleshoot`), with the configuration and values they gave.
    Explain {
        /// What the reader pasted (a log line, an error page's text or address, the
        /// application's log), at most `authelia_check::troubleshoot::MAX_TROUBLESHOOT_BYTES`.
        /// It may hold secrets and tokens: never kept or logged.
        pasted: String,
        /// The configuration pasted in "Check my configuration", or empty.
        configuration: String,
        /// The guide's client block with the reader's values: the client id is read from
        /// it, as for a check, and the application's address once `authelia_url` is given.
        guide_block: String,
        /// Authelia's address for the reader's values, only once the reader set their
        /// domain, as for a check. Until then every address on the page is the
        /// guide's example, and the explanation would tell the reader to set their
        /// issuer to `https://auth.example.com`: it names neither Authelia's address nor
        /// the application's.
        authelia_url: Option<String>,
    },
    /// Read a pasted Authelia configuration for the values the open guide asks for
    /// ("Fill in from my configuration", `authelia_check::proposal`).
    Propose {
        /// What the reader pasted, at most `authelia_check::configuration::MAX_CONFIGURATION_BYTES`.
        /// Never kept or logged.
        pasted: String,
        /// The guide's client block with the reader's values: its redirect URIs give
        /// the guide's callback, its client id the client preferred among several.
        guide_block: String,
        /// The application's address the page shows now, empty when the guide has none.
        application_url: String,
        /// The variables the page's fields offer, by name: only these are proposed.
        variables: Vec<String>,
    },
    /// Parse a guide.
    Parse {
        /// The guide's markdown, at most `guide_engine::MAX_GUIDE_BYTES` (the page checks
        /// before it sends, the engine again).
        source: String,
    },
}

impl Request {
    /// Whether the worker can stop this job part-way when the page no longer needs it
    /// ([`PageMessage::Stop`]): a hash whose family runs in slices (PBKDF2). Other jobs
    /// run to the end once started.
    pub fn stops_part_way(&self) -> bool {
        match self {
            Request::Hash { algorithm, .. } => Algorithm::from_id(algorithm)
                .is_some_and(|a| Params::default_for(a).hashes_in_slices()),
            Request::Verify { .. }
            | Request::Parse { .. }
            | Request::Provider { .. }
            | Request::Check { .. }
            | Request::Explain { .. }
            | Request::Propose { .. } => false,
        }
    }

    /// The kind of worker that answers this request.
    pub fn worker(&self) -> WorkerKind {
        match self {
            Request::Hash { .. } | Request::Verify { .. } => WorkerKind::Hashing,
            // The parser is started on demand, so its keys cost the page nothing.
            Request::Parse { .. } | Request::Provider { .. } => WorkerKind::Parsing,
            // A check may verify a pasted digest for up to its 90 s budget: in a worker
            // of its own, no key generation or guide waits behind it.
            Request::Check { .. } => WorkerKind::Checking,
            // With the check: the reader asks both from the same section of the page, and
            // fills values in from the same kind of paste.
            Request::Explain { .. } | Request::Propose { .. } => WorkerKind::Checking,
        }
    }
}

/// The workers: one hashes and checks digests, another parses guides and makes the
/// provider's keys, so opening a guide never waits behind a digest and the hashing worker
/// carries no parser; a third checks pasted configurations and explains sign-in errors,
/// so a slow check (its digest verified) never holds up the provider's keys or a guide,
/// and neither of the two downloads the other's code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WorkerKind {
    /// Hashing and verifying (the `hasher` binary).
    Hashing,
    /// Parsing guides and making the provider's keys (the `parser` binary), started when
    /// the reader first opens a section that needs it.
    Parsing,
    /// Checking a pasted configuration and explaining a sign-in error (the `checker`
    /// binary), started when the reader first opens a section that needs it.
    Checking,
}

impl WorkerKind {
    /// The worker's start-up script, relative to the page's base URL: Trunk writes it for
    /// the binary of that name (`data-loader-shim`).
    pub const fn script(self) -> &'static str {
        match self {
            WorkerKind::Hashing => "hasher_loader.js",
            WorkerKind::Parsing => "parser_loader.js",
            WorkerKind::Checking => "checker_loader.js",
        }
    }

    /// The worker's name in messages to the reader.
    pub const fn name(self) -> &'static str {
        match self {
            WorkerKind::Hashing => "hashing worker",
            WorkerKind::Parsing => "guide parser",
            WorkerKind::Checking => "configuration checker",
        }
    }
}

/// What a worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The digest, in Authelia's format.
    Digest(String),
    /// Whether the secret gives the digest, as Authelia would decide, and what a reader
    /// would be fooled by (a plaintext digest, a key cut short), each for the page to say.
    Verdict {
        /// The secret gives the digest.
        matches: bool,
        /// Each warning, in words (`guide_secrets::CheckWarning`).
        warnings: Vec<String>,
    },
    /// A provider block (`crate::provider_block::Provider::block`): secrets, for the page only.
    Provider(String),
    /// What a configuration check found, or an explanation's parts
    /// ([`Request::Explain`]): the page shows both as one kind of list.
    Findings {
        /// One sentence: what was checked and how many findings, or what was recognised.
        summary: String,
        /// Each finding, in the order of the paste; or the explanation's parts.
        findings: FindingList,
    },
    /// The values a pasted configuration gives the open guide ([`Request::Propose`]).
    Proposals {
        /// One sentence: how many values were found, and that nothing changes until the
        /// reader applies them.
        summary: String,
        /// Each value as the page lists it, a [`Finding`] under the variable's name
        /// with its line (a value its field would refuse says why, as the problem), then
        /// the notes on how they were chosen, under no name: the page shows them as it
        /// shows a check's findings.
        findings: FindingList,
        /// The values the fields take, as pairs one after the other: a variable's name,
        /// then its value. A list of text, which the page already reads, where a list of
        /// pairs or a type of its own would bring its own reader.
        values: Vec<String>,
    },
    /// The parsed guide, boxed: it is far larger than the other replies.
    Guide(Box<Document>),
    /// No answer; the reason is meant for the reader.
    Failed(String),
    /// Stopped part-way, as the page asked ([`PageMessage::Stop`]): no answer.
    Stopped,
}

/// One finding of a configuration check (`authelia_check::configuration::Finding`), or
/// one part of an explanation, as the page shows it: its place, its rule's id, then its
/// words, all text.
///
/// It travels as runs of text in a [`FindingList`], after the run that opens it: the page
/// reads lists of text for other answers too, where a struct of three fields brought a
/// reader of its own, 83 bytes of the page's download (gzip) more. Its rule travels as
/// the rule's id, text the page shows as it is: reading it back into
/// `authelia_check::configuration::Rule` would put every rule's id in the page's
/// download. Its place travels as its button's label, and its words as runs of text and
/// code ([`crate::finding_text::words`]): both are written in the worker, where the
/// formatting already is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Finding(Vec<String>);

impl Finding {
    /// A finding under the rule with this id (empty for none), at `place`, the label of
    /// the button that selects its line (`crate::finding_text::place`: "Line 12", "Line
    /// 3, column 7"; empty when not known), saying `words`: what is wrong, then " Fix: "
    /// and how to fix it when there is a fix, as runs that alternate text and code, text
    /// first.
    pub fn new(rule: String, place: String, words: Vec<String>) -> Self {
        let mut runs = Vec::with_capacity(words.len().saturating_add(2));
        runs.push(place);
        runs.push(rule);
        runs.extend(words);
        Self(runs)
    }

    /// Its place, its rule's id, then its words, as the page shows them in order: a run at
    /// an odd index is code (the rule's id, then the words' code runs).
    pub fn runs(&self) -> &[String] {
        &self.0
    }

    /// The rule's id (`auth-method-differs`, `authelia_check::configuration::Rule::id`),
    /// or the explained message's (`auth-method-mismatch`); empty for none.
    pub fn rule(&self) -> &str {
        self.0.get(1).map_or("", String::as_str)
    }

    /// Where it is in the pasted configuration (its button's label); empty when not known.
    pub fn place(&self) -> &str {
        self.0.first().map_or("", String::as_str)
    }

    /// What is wrong and the fix, as runs that alternate text and code, text first.
    pub fn words(&self) -> &[String] {
        self.0.get(2..).unwrap_or_default()
    }
}

/// Where a finding starts in a [`FindingList`]: a run of its own, ASCII's record
/// separator, which no run of a finding is ([`FindingList::from`] makes sure of it).
pub const FINDING_START: &str = "\u{1e}";

/// What a finding's run that was exactly [`FINDING_START`] travels as: the replacement
/// character, as a text decoder writes what it cannot show.
const FINDING_START_REPLACED: &str = "\u{fffd}";

/// Findings as they travel to the page: one list of text, each finding a
/// [`FINDING_START`] run, then its runs ([`Finding::runs`]).
///
/// Flat, not a list of findings: a list of lists brought the page a reader of its own,
/// and the page's download was 180 bytes (gzip) larger with it (2026-12-07). The page
/// reads lists of text for other answers too.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FindingList(Vec<String>);

impl From<Vec<Finding>> for FindingList {
    /// The findings in order; a run that is exactly [`FINDING_START`] (a word quoting a
    /// paste could be) becomes U+FFFD, so that it cannot start a finding of its own.
    fn from(findings: Vec<Finding>) -> Self {
        let mut runs = Vec::new();
        for finding in findings {
            runs.push(FINDING_START.to_owned());
            runs.extend(finding.0.into_iter().map(|run| match run == FINDING_START {
                true => FINDING_START_REPLACED.to_owned(),
                false => run,
            }));
        }
        Self(runs)
    }
}

impl FindingList {
    /// Every run in order: each finding's [`FINDING_START`], then its runs.
    pub fn runs(&self) -> &[String] {
        &self.0
    }

    /// The findings again, in order (runs before the first [`FINDING_START`] belong to
    /// none, and are left out): how the tests read an answer. The page reads the runs.
    #[cfg(test)]
    pub fn findings(&self) -> Vec<Finding> {
        let mut findings = Vec::new();
        for run in &self.0 {
            match (run == FINDING_START, findings.last_mut()) {
                (true, _) => findings.push(Finding(Vec::new())),
                (false, Some(Finding(runs))) => runs.push(run.clone()),
                (false, None) => {}
            }
        }
        findings
    }
}

#[cfg(test)]
impl Finding {
    /// The line its place names, if any.
    pub fn line(&self) -> Option<u32> {
        crate::finding_text::line_of(self.place())
    }

    /// Its words as one text, code without backticks.
    pub fn text(&self) -> String {
        self.words().concat()
    }

    /// What is wrong: the words before " Fix: ".
    pub fn problem(&self) -> String {
        let text = self.text();
        match text.split_once(crate::finding_text::FIX) {
            Some((problem, _)) => problem.to_owned(),
            None => text,
        }
    }

    /// How to fix it: the words after " Fix: ", empty for none.
    pub fn fix(&self) -> String {
        self.text()
            .split_once(crate::finding_text::FIX)
            .map(|(_, fix)| fix.to_owned())
            .unwrap_or_default()
    }

    /// Its code runs, in order.
    pub fn code(&self) -> Vec<&str> {
        self.words()
            .iter()
            .skip(1)
            .step_by(2)
            .map(String::as_str)
            .collect()
    }
}

/// A request with the id its answer carries back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// Chosen by the page, unique among its requests to one worker.
    pub id: u32,
    /// What the worker is to do.
    pub request: Request,
}

/// What the page posts to a worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PageMessage {
    /// A job to run, and answer with the envelope's id.
    Run(Envelope),
    /// The running job with this id is no longer needed: the worker stops it at its next
    /// slice and answers [`Reply::Stopped`]. Ignored when that job is not running (its
    /// answer may already be on its way).
    Stop(u32),
}

/// What a worker posts to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WorkerMessage {
    /// Started, warmed up, and listening.
    Ready,
    /// The answer to the envelope with this id.
    Answer {
        /// The id of the envelope answered; 0 when the request could not be read.
        id: u32,
        /// Milliseconds the worker spent on it.
        ms: f64,
        /// What the worker worked out, or why it could not.
        reply: Reply,
    },
}

/// Why bytes are not a message or a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProtocolError {
    /// The bytes do not decode as the expected type.
    Unreadable(String),
    /// The guide's data block in the page is damaged: an escape is not `%XX`.
    DamagedDataBlock,
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProtocolError::Unreadable(why) => write!(f, "the message is unreadable: {why}"),
            ProtocolError::DamagedDataBlock => {
                f.write_str("the guide's data in the page is damaged: an escape is not %XX")
            }
        }
    }
}

impl std::error::Error for ProtocolError {}

/// A message as the postcard bytes that cross `postMessage`.
pub fn encode<T: Serialize>(message: &T) -> Vec<u8> {
    // Writing to a growable buffer fails only for types serde cannot write (maps with
    // non-string keys in some formats), which none of the protocol's types has.
    postcard::to_allocvec(message).unwrap_or_default()
}

/// A message from the postcard bytes that crossed `postMessage`.
///
/// # Errors
/// [`ProtocolError::Unreadable`] when the bytes are not a `T`.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ProtocolError> {
    postcard::from_bytes(bytes).map_err(|e| ProtocolError::Unreadable(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_travel_as_one_list_and_come_back_as_they_were() {
        let findings = vec![
            Finding::new(
                "auth-method-differs".into(),
                "Line 2".into(),
                vec!["Set ".into(), "token_endpoint_auth_method".into()],
            ),
            Finding::new(String::new(), String::new(), vec!["A note.".into()]),
        ];
        let list = FindingList::from(findings.clone());
        assert_eq!(
            list.runs(),
            [
                FINDING_START,
                "Line 2",
                "auth-method-differs",
                "Set ",
                "token_endpoint_auth_method",
                FINDING_START,
                "",
                "",
                "A note.",
            ]
        );
        let back: FindingList = decode(&encode(&list)).expect("decodes");
        assert_eq!(back.findings(), findings);
        assert_eq!(
            FindingList::from(Vec::new()).findings(),
            Vec::<Finding>::new()
        );
    }

    #[test]
    fn a_run_that_reads_like_a_finding_s_start_cannot_start_one() {
        // A word quoting a paste can be anything, the record separator alone too.
        let list = FindingList::from(vec![Finding::new(
            "rule".into(),
            "Line 1".into(),
            vec!["Quoted: ".into(), FINDING_START.into()],
        )]);
        let findings = list.findings();
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].code(), ["\u{fffd}"]);
        assert_eq!(
            list.runs().iter().filter(|r| *r == FINDING_START).count(),
            1
        );
    }

    /// The browser tests' `holdAnswers` (tests/browser/harness.mjs) tells an answer from
    /// the ready mark by the message's first byte, postcard's variant index: reordering
    /// `WorkerMessage` must fail here, not make those tests hold nothing.
    #[test]
    fn a_worker_s_answer_starts_with_byte_1_and_its_ready_mark_with_byte_0() {
        assert_eq!(encode(&WorkerMessage::Ready).first(), Some(&0));
        let answer = WorkerMessage::Answer {
            id: 3,
            ms: 1.0,
            reply: Reply::Digest("$plaintext$x".into()),
        };
        assert_eq!(encode(&answer).first(), Some(&1));
    }

    #[test]
    fn every_request_and_message_survives_the_trip() {
        let requests = [
            Request::Hash {
                algorithm: "argon2id".into(),
                plaintext: "p".into(),
            },
            Request::Verify {
                digest: "$plaintext$x".into(),
                plaintext: "x".into(),
            },
            Request::Parse {
                source: "# Hi".into(),
            },
            Request::Provider {
                choice: KeyChoice::RsaWithP256,
            },
            Request::Check {
                pasted: "clients: []".into(),
                guide_block: "identity_providers: {}".into(),
                secret: "s".into(),
                authelia_url: Some("https://auth.example.com/".into()),
                id_token_claims: Some("email name".into()),
            },
            Request::Explain {
                pasted: "level=error msg=\"…\"".into(),
                configuration: "clients: []".into(),
                guide_block: "identity_providers: {}".into(),
                authelia_url: Some("https://auth.example.com/".into()),
            },
            Request::Propose {
                pasted: "session: {}".into(),
                guide_block: "identity_providers: {}".into(),
                application_url: "https://app.example.com/".into(),
                variables: vec!["domain".into()],
            },
        ];
        for (id, request) in (1..).zip(requests) {
            let message = PageMessage::Run(Envelope { id, request });
            assert_eq!(decode::<PageMessage>(&encode(&message)), Ok(message));
        }
        let stop = PageMessage::Stop(4);
        assert_eq!(decode::<PageMessage>(&encode(&stop)), Ok(stop));
        let document =
            guide_engine::parse("# Hi `{{< sitevar name=\"domain\" >}}`").expect("parses");
        let messages = [
            WorkerMessage::Ready,
            WorkerMessage::Answer {
                id: 7,
                ms: 1.5,
                reply: Reply::Digest("$6$x".into()),
            },
            WorkerMessage::Answer {
                id: 8,
                ms: 0.0,
                reply: Reply::Verdict {
                    matches: false,
                    warnings: vec!["w".into()],
                },
            },
            WorkerMessage::Answer {
                id: 9,
                ms: 3.0,
                reply: Reply::Guide(Box::new(document)),
            },
            WorkerMessage::Answer {
                id: 10,
                ms: 0.1,
                reply: Reply::Failed("why".into()),
            },
            WorkerMessage::Answer {
                id: 11,
                ms: 5.0,
                reply: Reply::Stopped,
            },
            WorkerMessage::Answer {
                id: 13,
                ms: 1.0,
                reply: Reply::Proposals {
                    summary: "s".into(),
                    findings: vec![Finding::new(
                        "domain".into(),
                        "Line 3".into(),
                        vec!["Domain: ".into(), "example.org".into()],
                    )]
                    .into(),
                    values: vec!["domain".into(), "example.org".into()],
                },
            },
            WorkerMessage::Answer {
                id: 12,
                ms: 6.0,
                reply: Reply::Provider("identity_providers:\n  oidc:\n".into()),
            },
            WorkerMessage::Answer {
                id: 13,
                ms: 7.0,
                reply: Reply::Findings {
                    summary: "Checked one client: 1 finding.".into(),
                    findings: vec![Finding::new(
                        "auth-method-differs".into(),
                        "Line 2".into(),
                        vec![
                            "The method is ".into(),
                            "client_secret_basic".into(),
                            " Fix: Set it.".into(),
                        ],
                    )]
                    .into(),
                },
            },
        ];
        for message in messages {
            assert_eq!(decode::<WorkerMessage>(&encode(&message)), Ok(message));
        }
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(matches!(
            decode::<PageMessage>(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            Err(ProtocolError::Unreadable(_))
        ));
        assert!(decode::<WorkerMessage>(&[]).is_err());
    }

    #[test]
    fn only_a_sliced_hash_stops_part_way() {
        let hash = |algorithm: &str| Request::Hash {
            algorithm: algorithm.into(),
            plaintext: "p".into(),
        };
        assert!(hash("pbkdf2-sha512").stops_part_way());
        assert!(hash("pbkdf2-sha1").stops_part_way());
        assert!(!hash("argon2id").stops_part_way());
        assert!(!hash("no-such-algorithm").stops_part_way());
        let verify = Request::Verify {
            digest: "$pbkdf2-sha512$1$AA$AA".into(),
            plaintext: "p".into(),
        };
        assert!(!verify.stops_part_way());
    }

    #[test]
    fn each_request_goes_to_its_worker() {
        let hash = Request::Hash {
            algorithm: String::new(),
            plaintext: String::new(),
        };
        assert_eq!(hash.worker(), WorkerKind::Hashing);
        let parse = Request::Parse {
            source: String::new(),
        };
        assert_eq!(parse.worker(), WorkerKind::Parsing);
    }

    #[test]
    fn a_configuration_check_never_holds_up_the_keys_or_a_guide() {
        let check = Request::Check {
            pasted: String::new(),
            guide_block: String::new(),
            secret: String::new(),
            authelia_url: None,
            id_token_claims: None,
        };
        let keys = Request::Provider {
            choice: KeyChoice::RsaWithP256,
        };
        let parse = Request::Parse {
            source: String::new(),
        };
        assert_eq!(check.worker(), WorkerKind::Checking);
        assert_ne!(keys.worker(), check.worker());
        assert_ne!(parse.worker(), check.worker());
    }
}
