//! The reactive state of one open guide: a signal per variable, the client secret and
//! its digest. Built once per guide; a keystroke changes one signal and only the text
//! nodes bound to it update, with no re-parsing.

use std::sync::Arc;

use guide_secrets::{Algorithm, Charset, DEFAULT_LENGTH};
use leptos::prelude::*;

use super::browser;
use super::hasher::{self, Lane};
use crate::guide::variables::{self, CLIENT_SECRET, Format};
use crate::guide::{Document, Segment, VarRef, Variable};
use crate::share;
use crate::worker_job::{Outcome, Task};

/// How the digest is written where the reader pastes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum WrittenFor {
    /// Authelia's `configuration.yml`: a single-quoted YAML string (the guide's form).
    #[default]
    Yaml,
    /// A Docker Compose file, where `$` must be written `$$`.
    Compose,
    /// A `.env` file, single-quoted so `$` is not expanded.
    DotEnv,
}

impl WrittenFor {
    /// Every choice, in the order the page lists them.
    pub const ALL: [WrittenFor; 3] = [WrittenFor::Yaml, WrittenFor::Compose, WrittenFor::DotEnv];

    /// The `<option>` value.
    pub fn id(self) -> &'static str {
        match self {
            Self::Yaml => "yaml",
            Self::Compose => "compose",
            Self::DotEnv => "dotenv",
        }
    }

    /// The label the reader sees.
    pub fn label(self) -> &'static str {
        match self {
            Self::Yaml => "YAML (configuration.yml)",
            Self::Compose => "Docker Compose file",
            Self::DotEnv => ".env file",
        }
    }

    /// The choice for an `<option>` value.
    pub fn from_id(id: &str) -> WrittenFor {
        Self::ALL
            .into_iter()
            .find(|w| w.id() == id)
            .unwrap_or_default()
    }

    /// The digest as it must appear inside the guide's configuration block, whose value
    /// is already single-quoted.
    pub fn in_block(self, digest: &str) -> String {
        match self {
            Self::Compose => digest.replace('$', "$$"),
            Self::Yaml | Self::DotEnv => digest.to_owned(),
        }
    }

    /// The complete value, quotes included, ready to paste.
    pub fn value(self, digest: &str) -> String {
        match self {
            Self::Yaml => guide_secrets::escape::yaml_single_quoted(digest),
            Self::Compose => guide_secrets::escape::docker_compose(digest),
            Self::DotEnv => guide_secrets::escape::dotenv(digest),
        }
    }
}

/// One editable variable: what its field shows, the last valid value (which the guide
/// shows), and why the field's text is not valid, if it is not.
#[derive(Clone, Debug)]
pub struct Field {
    /// The variable's name, label, kind and default.
    pub variable: Variable,
    /// The field's text.
    pub text: RwSignal<String>,
    /// The last valid value; empty means the default.
    pub value: RwSignal<String>,
    /// Why the field's text was refused.
    pub error: RwSignal<Option<String>>,
}

impl Field {
    fn new(variable: Variable) -> Field {
        Field {
            text: RwSignal::new(variable.default.clone()),
            value: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            variable,
        }
    }

    /// The value the guide shows (tracked).
    pub fn current(&self) -> String {
        let value = self.value.get();
        if value.is_empty() {
            self.variable.default.clone()
        } else {
            value
        }
    }

    /// Takes the reader's text. A valid value reaches the guide (and storage, when
    /// `persist`); an invalid one leaves the guide on the last valid value and says why.
    pub fn edit(&self, typed: &str, persist: bool) {
        self.text.set(typed.to_owned());
        let trimmed = typed.trim();
        if trimmed.is_empty() {
            self.value.set(String::new());
            self.error.set(None);
            if persist {
                browser::store_variable(&self.variable.name, "");
            }
            return;
        }
        match variables::validate(&self.variable.name, trimmed) {
            Ok(()) => {
                let stored = if trimmed == self.variable.default {
                    ""
                } else {
                    trimmed
                };
                self.value.set(stored.to_owned());
                self.error.set(None);
                if persist {
                    browser::store_variable(&self.variable.name, stored);
                }
            }
            Err(reason) => self.error.set(Some(reason.to_string())),
        }
    }

    /// Takes a value another tab stored, without storing it again.
    pub fn follow(&self, stored: &str) {
        self.edit(stored, false);
        if stored.is_empty() {
            self.text.set(self.variable.default.clone());
        }
    }

    /// Back to the default, forgetting any stored value.
    pub fn reset(&self) {
        self.edit("", true);
        self.text.set(self.variable.default.clone());
    }
}

/// Where the digest of the reader's secret stands.
#[derive(Clone, Debug, PartialEq)]
pub enum DigestState {
    /// No secret of the reader's: the guide shows its own example pair.
    Example,
    /// The worker is computing it.
    Computing,
    /// Ready, for exactly this secret and algorithm.
    Ready {
        /// The algorithm.
        algorithm: Algorithm,
        /// The digest.
        digest: String,
        /// Time the worker took.
        ms: f64,
    },
    /// It could not be computed.
    Failed(String),
}

/// The client secret and its digest.
#[derive(Clone, Copy, Debug)]
pub struct Secret {
    /// The field's text.
    pub text: RwSignal<String>,
    /// The last valid secret; empty means the guide's example.
    pub value: RwSignal<String>,
    /// Why the field's text was refused.
    pub error: RwSignal<Option<String>>,
    /// The digest algorithm.
    pub algorithm: RwSignal<Algorithm>,
    /// Where the digest stands.
    pub digest: RwSignal<DigestState>,
    /// How the digest is written.
    pub written_for: RwSignal<WrittenFor>,
}

/// The default digest algorithm: what Authelia's own guides use.
pub const DEFAULT_ALGORITHM: Algorithm = Algorithm::Pbkdf2Sha512;

/// The state of one open guide. Cheap to clone; every clone shares the same signals.
#[derive(Clone, Debug)]
pub struct Session(Arc<Inner>);

/// What a [`Session`] holds.
#[derive(Debug)]
pub struct Inner {
    /// The parsed guide.
    pub document: Document,
    /// The editable non-secret variables, in the guide's order.
    pub fields: Vec<Field>,
    /// The client secret.
    pub secret: Secret,
    /// The secret's example value (the guide's `nojs`).
    pub example_secret: String,
    /// Link parameters that could not be used, for a message.
    pub rejected: Vec<String>,
}

impl std::ops::Deref for Session {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl Session {
    /// Builds the state for a guide: defaults, then stored values, then the link's.
    pub fn new(document: Document, query: &[(String, String)]) -> Session {
        let fields: Vec<Field> = document
            .variables()
            .iter()
            .filter(|v| share::is_shareable(&v.name))
            .cloned()
            .map(Field::new)
            .collect();
        for field in &fields {
            if let Some(stored) = browser::load_variable(&field.variable.name)
                && !stored.is_empty()
                && variables::validate(&field.variable.name, &stored).is_ok()
            {
                field.edit(&stored, false);
            }
        }
        let (accepted, rejected) = share::prefill(query, document.variables());
        for (name, value) in accepted {
            if let Some(field) = fields.iter().find(|f| f.variable.name == name) {
                // A shared link shows its values without overwriting the reader's stored ones.
                field.edit(&value, false);
            }
        }
        let example_secret = document
            .variables()
            .iter()
            .find(|v| v.name == CLIENT_SECRET)
            .map_or_else(
                || variables::REFERENCE_SECRET.to_owned(),
                |v| v.default.clone(),
            );
        let secret = Secret {
            text: RwSignal::new(String::new()),
            value: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            algorithm: RwSignal::new(DEFAULT_ALGORITHM),
            digest: RwSignal::new(DigestState::Example),
            written_for: RwSignal::new(WrittenFor::Yaml),
        };
        let session = Session(Arc::new(Inner {
            document,
            fields,
            secret,
            example_secret,
            rejected: rejected.iter().map(ToString::to_string).collect(),
        }));
        session.hash_on_change();
        session.follow_other_tabs();
        session
    }

    /// The field of a variable.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.variable.name == name)
    }

    /// The raw value of a variable (tracked): the reader's, else the default.
    pub fn value(&self, name: &str) -> String {
        if name == CLIENT_SECRET {
            let secret = self.secret.value.get();
            return if secret.is_empty() {
                self.example_secret.clone()
            } else {
                secret
            };
        }
        match self.field(name) {
            Some(field) => field.current(),
            None => variables::describe(name, None).default,
        }
    }

    /// The text of one occurrence (tracked): its value in its format.
    pub fn present(&self, occurrence: &VarRef) -> String {
        variables::present(
            &occurrence.name,
            &self.value(&occurrence.name),
            occurrence.format,
        )
        .into_owned()
    }

    /// The text the digest node shows (tracked). Never a digest of another secret.
    pub fn digest_text(&self) -> String {
        let written_for = self.secret.written_for.get();
        match self.secret.digest.get() {
            DigestState::Example => written_for.in_block(self.document.default_digest()),
            DigestState::Computing => "(computing the digest…)".to_owned(),
            DigestState::Ready { digest, .. } => written_for.in_block(&digest),
            DigestState::Failed(reason) => format!("(no digest: {reason})"),
        }
    }

    /// The text of a run of segments (tracked), e.g. a code block for "Copy".
    pub fn resolve(&self, segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|segment| match segment {
                Segment::Text(text) => text.clone(),
                Segment::Variable(v) => self.present(v),
                Segment::Digest => self.digest_text(),
            })
            .collect()
    }

    /// The text of a run of segments as it is now, without tracking (for a click).
    pub fn resolve_untracked(&self, segments: &[Segment]) -> String {
        leptos::prelude::untrack(|| self.resolve(segments))
    }

    /// The Authelia URL the reader's values give (tracked).
    pub fn authelia_url(&self) -> String {
        let at = |name| VarRef {
            name: String::from(name),
            format: Format::Plain,
        };
        format!(
            "https://{}.{}/",
            self.present(&at("subdomain-authelia")),
            self.present(&at("domain"))
        )
    }

    /// Whether the guide has a client secret to generate.
    pub fn has_secret(&self) -> bool {
        self.document.has_digest()
            || self
                .document
                .variables()
                .iter()
                .any(|v| v.name == CLIENT_SECRET)
    }

    /// Takes the reader's secret; an invalid one keeps the last valid secret and says why.
    pub fn edit_secret(&self, typed: &str) {
        let secret = self.secret;
        secret.text.set(typed.to_owned());
        if typed.is_empty() {
            secret.value.set(String::new());
            secret.error.set(None);
            return;
        }
        match variables::validate(CLIENT_SECRET, typed) {
            Ok(()) => {
                secret.value.set(typed.to_owned());
                secret.error.set(None);
            }
            Err(reason) => secret.error.set(Some(reason.to_string())),
        }
    }

    /// A fresh random secret: 72 characters of RFC 3986's unreserved set, as Authelia's
    /// `authelia crypto rand --length 72 --charset rfc3986` makes.
    pub fn generate_secret(&self) -> Result<(), String> {
        let secret =
            guide_secrets::generate(DEFAULT_LENGTH, Charset::Rfc3986).map_err(|e| e.to_string())?;
        self.edit_secret(&secret);
        Ok(())
    }

    /// Every non-secret value back to its default.
    pub fn reset(&self) {
        for field in &self.fields {
            field.reset();
        }
    }

    /// Other open tabs of this origin (the playground or Authelia's site) change the same
    /// stored values: follow them, without writing back.
    fn follow_other_tabs(&self) {
        let session = self.clone();
        let handle = window_event_listener(leptos::ev::storage, move |event| {
            match event.key() {
                Some(key) => {
                    if let Some(field) =
                        share::name_from_storage_key(&key).and_then(|name| session.field(name))
                    {
                        field.follow(&event.new_value().unwrap_or_default());
                    }
                }
                // `localStorage.clear()` in another tab: everything is back to its default.
                None => {
                    for field in &session.fields {
                        field.follow("");
                    }
                }
            }
        });
        on_cleanup(move || handle.remove());
    }

    /// Recomputes the digest whenever the secret or the algorithm changes.
    fn hash_on_change(&self) {
        let secret = self.secret;
        Effect::new(move |_| {
            let plaintext = secret.value.get();
            let algorithm = secret.algorithm.get();
            if plaintext.is_empty() {
                secret.digest.set(DigestState::Example);
                return;
            }
            secret.digest.set(DigestState::Computing);
            let task = Task::Hash {
                algorithm: algorithm.id().to_owned(),
                plaintext: plaintext.clone(),
            };
            hasher::submit(Lane::Secret, task, move |reply| {
                // Only a digest of what is on the page now may be shown.
                let current = secret.value.get_untracked() == plaintext
                    && secret.algorithm.get_untracked() == algorithm;
                if !current {
                    return;
                }
                secret.digest.set(match reply.outcome {
                    Outcome::Digest(digest) => DigestState::Ready {
                        algorithm,
                        digest,
                        ms: reply.ms,
                    },
                    Outcome::Failed(reason) => DigestState::Failed(reason),
                    Outcome::Match | Outcome::NoMatch | Outcome::Guide(_) => {
                        DigestState::Failed("unexpected reply".into())
                    }
                });
            });
        });
    }
}
