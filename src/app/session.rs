//! The state of the open guide: a [`Field`] per variable, the client secret, and its
//! digest, computed in the hashing worker whenever the secret or the algorithm changes.
//!
//! Built once per guide and shared through Leptos's context ([`use_session`]). A
//! keystroke changes one field and only the text nodes bound to it update; nothing is
//! parsed again.

use std::collections::HashMap;
use std::sync::Arc;

use guide_engine::variables::{self, CLIENT_SECRET};
use guide_engine::{
    Document, Kind, Override, Segment, Url, UrlPart, ValueSource, VarRef, Variable, resolve_from,
};
use guide_secrets::escape::WrittenFor;
use guide_secrets::{Algorithm, Charset, DEFAULT_LENGTH, GenerateError};
use leptos::prelude::*;

use super::field::Field;
use super::workers::{self, JobError};
use crate::digest_state::{Answer, DigestState};
use crate::share;

/// The digest algorithm a session starts with: the one Authelia's client guides use.
pub const DEFAULT_ALGORITHM: Algorithm = Algorithm::Pbkdf2Sha512;

/// The id of the client secret's input. Ids starting `gp-` are the page's own; guide
/// headings never take them (see [`guide_engine::RESERVED_ID_PREFIX`]).
pub const SECRET_INPUT_ID: &str = "gp-client-secret";

// The id of a variable's input: the first module reads the same ids.
pub use crate::early::input_id;

/// The non-secret fields, in the guide's order, and by name.
#[derive(Debug, Default)]
struct Fields {
    ordered: Vec<Field>,
    by_name: HashMap<String, Field>,
}

/// The state of the open guide. Cheap to copy; every copy shares the same signals.
#[derive(Clone, Copy)]
pub struct Session {
    document: StoredValue<Arc<Document>>,
    fields: StoredValue<Fields>,
    /// The client secret: in this page's memory only, never stored or put in a link.
    pub secret: Field,
    /// The guide's own example secret, shown until the reader sets one.
    example_secret: StoredValue<String>,
    /// The algorithm the digest is computed with: PBKDF2-SHA512 at first, as Authelia's
    /// client guides use.
    pub algorithm: RwSignal<Algorithm>,
    /// How the digest is written: in the guide's block and in the copy-ready value.
    pub written_for: RwSignal<WrittenFor>,
    /// The worker's latest answer that was still current when it came.
    digest: RwSignal<Option<Answer>>,
    /// Link parameters that could not be used, each with its reason.
    pub link_problems: RwSignal<Vec<String>>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret: a debug print must not put it in a log.
        f.debug_struct("Session")
            .field("guide", &self.document.with_value(|d| d.title().to_owned()))
            .field("algorithm", &self.algorithm.get_untracked())
            .finish_non_exhaustive()
    }
}

/// The open guide's session, provided by the guide's page.
///
/// # Panics
/// Outside a guide's page, where no session is provided: a programming error, never a
/// reader's.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

impl Session {
    /// The state for a guide, every value at its default.
    pub fn new(document: Arc<Document>) -> Session {
        let mut fields = Fields::default();
        for variable in document.variables() {
            // The client secret has its own panel; every other value, secret or not,
            // is a field (a secret one is never stored or shared: `share`).
            if variable.name != CLIENT_SECRET {
                let field = Field::new(variable.clone());
                fields.by_name.insert(variable.name.clone(), field);
                fields.ordered.push(field);
            }
        }
        let example_secret = document.variable(CLIENT_SECRET).map_or_else(
            || variables::REFERENCE_SECRET.to_owned(),
            |v| v.default.clone(),
        );
        let secret = Field::new(Variable {
            name: CLIENT_SECRET.to_owned(),
            label: "Client secret".to_owned(),
            kind: Kind::Text,
            default: String::new(),
        });
        let algorithm = RwSignal::new(DEFAULT_ALGORITHM);
        let digest = RwSignal::new(None);
        // The worker is the world outside the page: this effect hands it each new pair
        // of secret and algorithm and keeps an answer only while its pair is still the
        // one on the page (`DigestState::of` then shows it only for that pair). A
        // `LocalResource` or an `AsyncDerived` would say the same at a cost to the page's
        // budget (docs/decisions/build-markup-or-components.md).
        Effect::new(move |_| {
            let plaintext = secret.value();
            let chosen = algorithm.get();
            leptos::task::spawn_local(async move {
                let outcome = if plaintext.is_empty() {
                    None
                } else {
                    match workers::hash(chosen, &plaintext).await {
                        Ok(answered) => Some(Ok((answered.value, answered.ms))),
                        // A newer pair is on its way; its answer will be shown.
                        Err(JobError::Superseded) => return,
                        Err(err) => Some(Err(err.to_string())),
                    }
                };
                // The guide may have been closed meanwhile: then its signals are gone,
                // and the `try_` reads say so instead of panicking. An empty secret
                // clears the last digest, which belongs to a secret no longer on the page.
                let still_current = secret.value_try_untracked().as_deref() == Some(&plaintext)
                    && algorithm.try_get_untracked() == Some(chosen);
                if still_current {
                    digest.try_set(outcome.map(|outcome| Answer {
                        secret: plaintext,
                        algorithm: chosen,
                        outcome,
                    }));
                }
            });
        });
        Session {
            document: StoredValue::new(document),
            fields: StoredValue::new(fields),
            secret,
            example_secret: StoredValue::new(example_secret),
            algorithm,
            written_for: RwSignal::new(WrittenFor::Yaml),
            digest,
            link_problems: RwSignal::new(Vec::new()),
        }
    }

    /// The guide this session holds the values of.
    pub fn document(&self) -> Arc<Document> {
        self.document.get_value()
    }

    /// The editable non-secret fields, in the guide's order.
    pub fn fields(&self) -> Vec<Field> {
        self.fields.with_value(|f| f.ordered.clone())
    }

    /// The field of a variable, if it is an editable non-secret one.
    pub fn field(&self, name: &str) -> Option<Field> {
        self.fields.with_value(|f| f.by_name.get(name).copied())
    }

    /// The raw value of a variable (tracked): the reader's, else the default.
    pub fn value(&self, name: &str) -> String {
        if name == CLIENT_SECRET {
            let secret = self.secret.value();
            return if secret.is_empty() {
                self.example_secret.get_value()
            } else {
                secret
            };
        }
        match self.field(name) {
            Some(field) => field.current(),
            None => variables::describe(name, None).default,
        }
    }

    /// Whether a variable shows a value of the reader's rather than its default (tracked).
    pub fn is_set(&self, name: &str) -> bool {
        if name == CLIENT_SECRET {
            return self.secret.is_set();
        }
        self.field(name).is_some_and(|f| f.is_set())
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

    /// Where the digest of the reader's secret stands (tracked).
    pub fn digest_state(&self) -> DigestState {
        let secret = self.secret.value();
        let algorithm = self.algorithm.get();
        self.digest
            .with(|answer| DigestState::of(&secret, algorithm, answer.as_ref()))
    }

    /// The text the digest node shows (tracked), written as the reader chose. Never a
    /// digest of another secret.
    pub fn digest_text(&self) -> String {
        self.digest_text_for(self.written_for.get())
    }

    fn digest_text_for(&self, written_for: WrittenFor) -> String {
        let state = self.digest_state();
        self.document
            .with_value(|d| state.text(written_for, d.default_digest()))
    }

    /// The text of a run of segments (tracked), e.g. a code block for "Copy", with the
    /// digest written as the reader chose.
    pub fn resolve(&self, segments: &[Segment]) -> String {
        self.resolve_for(segments, self.written_for.get())
    }

    /// The text of a run of segments with the digest written for `written_for`: the
    /// YAML form for a file Authelia reads itself (Download), whatever the page shows.
    /// By the guide engine's [`resolve_from`], the one function that gives a block its
    /// text, so the `authelia-check` command fills a block in exactly as the page does.
    pub fn resolve_for(&self, segments: &[Segment], written_for: WrittenFor) -> String {
        resolve_from(
            segments,
            &Live {
                session: self,
                written_for,
            },
        )
    }

    /// An address for the reader's values (tracked).
    pub fn resolve_url(&self, url: &Url) -> String {
        url.parts()
            .iter()
            .map(|part| match part {
                UrlPart::Text(text) => text.clone(),
                UrlPart::Variable(v) => self.present(v),
                UrlPart::Override(o) => self.resolve_override(o),
            })
            .collect()
    }

    /// What a variable whose default follows the reader's other values (the application's
    /// address, `https://matomo.<domain>/`) stands for until the reader sets it (tracked);
    /// `None` for every other variable.
    pub fn live_default(&self, name: &str) -> Option<String> {
        let document = self.document.get_value();
        guide_engine::live_default(&document, name, &|v| self.present(v))
    }

    /// The text of the application's address where the guide wrote it (tracked): the
    /// reader's once set, else what the guide wrote with the reader's other values.
    fn resolve_override(&self, o: &Override) -> String {
        o.resolve(self.is_set(&o.variable.name), &|v| self.present(v))
    }

    /// The Authelia URL the reader's values give (tracked).
    pub fn authelia_url(&self) -> String {
        guide_engine::authelia_url(&|v| self.present(v))
    }

    /// A fresh random secret in the secret field: 72 characters of RFC 3986's unreserved
    /// set, as Authelia's `authelia crypto rand --length 72 --charset rfc3986` makes.
    ///
    /// # Errors
    /// [`GenerateError::Random`] when the browser's random number generator fails.
    pub fn generate_secret(&self) -> Result<(), GenerateError> {
        let secret = guide_secrets::generate(DEFAULT_LENGTH, Charset::Rfc3986)?;
        self.secret.set_text(&secret);
        Ok(())
    }

    /// Every non-secret value back to its default.
    pub fn reset(&self) {
        self.fields
            .with_value(|f| f.ordered.iter().for_each(Field::reset));
    }

    /// The non-secret values that differ from their defaults, as a link carries them
    /// (untracked: read when the reader asks for the link).
    pub fn link_params(&self) -> Vec<(String, String)> {
        untrack(|| {
            self.document.with_value(|d| {
                share::link_params(d.variables(), |name| {
                    self.field(name).map(|f| f.value()).unwrap_or_default()
                })
            })
        })
    }

    /// Applies what the page learned after taking over: values stored in this browser,
    /// then the link's (shown, not stored); link parameters that cannot be used are
    /// listed in [`Session::link_problems`].
    pub fn restore(&self, stored: impl Fn(&str) -> Option<String>, query: &[(String, String)]) {
        untrack(|| {
            for field in self.fields() {
                if field.is_shareable()
                    && let Some(value) = stored(&field.name())
                    && field.variable().validate(&value).is_ok()
                {
                    field.set_text(&value);
                }
            }
            let (accepted, rejected) = self
                .document
                .with_value(|d| share::prefill(query, d.variables()));
            for (name, value) in accepted {
                if let Some(field) = self.field(&name) {
                    field.set_text(&value);
                }
            }
            self.link_problems
                .set(rejected.iter().map(ToString::to_string).collect());
        });
    }

    /// Puts what the reader typed into the prerendered page, before it took over, into
    /// the fields it was typed in (by input id), as if typed now: one text after another,
    /// each field's value settled after each (a refused text keeps the value before it).
    pub fn apply_typed(&self, typed: &[(String, String)]) {
        for (id, text) in typed {
            if id == SECRET_INPUT_ID {
                self.secret.set_text(text);
            } else if let Some(field) = self
                .fields()
                .into_iter()
                .find(|f| input_id(&f.name()) == *id)
            {
                field.set_text(text);
                let _ = field.value_untracked();
            }
        }
    }
}

/// A session's values, tracked, with the digest written for one kind of file: the page's
/// [`ValueSource`].
struct Live<'s> {
    session: &'s Session,
    written_for: WrittenFor,
}

impl ValueSource for Live<'_> {
    fn present(&self, occurrence: &VarRef) -> String {
        self.session.present(occurrence)
    }

    fn is_set(&self, name: &str) -> bool {
        self.session.is_set(name)
    }

    fn digest(&self) -> String {
        self.session.digest_text_for(self.written_for)
    }
}

#[cfg(test)]
mod tests {
    use guide_engine::{Values, resolve_all};

    use super::*;
    use crate::digest_state::DigestState;

    #[test]
    fn the_download_s_block_resolves_as_the_engine_resolves_it_for_the_same_values() {
        // `configuration_file`'s tests validate the engine's resolution against
        // Authelia's schema; this ties it to what the page's Download resolves.
        let owner = Owner::new();
        owner.with(|| {
            let document = Arc::new(
                guide_engine::parse(include_str!("../../guides/matomo.md")).expect("parses"),
            );
            let block = document.authelia_block().expect("Authelia's block");
            let digest = DigestState::Example.text(WrittenFor::Yaml, document.default_digest());
            let session = Session::new(Arc::clone(&document));
            let mut values = Values::for_document(&document);
            assert_eq!(
                session.resolve_for(block, WrittenFor::Yaml),
                resolve_all(block, &values, &digest)
            );
            for (name, value) in [("domain", "example.co.uk"), ("client-id", "my-matomo")] {
                session.field(name).expect(name).set_text(value);
                values.set(name, value);
            }
            let resolved = session.resolve_for(block, WrittenFor::Yaml);
            assert!(resolved.contains("client_id: 'my-matomo'"), "{resolved}");
            assert_eq!(resolved, resolve_all(block, &values, &digest));
        });
    }
}
