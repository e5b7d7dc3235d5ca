//! Where the digest of the reader's secret stands, decided without the DOM: which of the
//! hashing worker's answers may be shown, and what the guide's digest node says.
//!
//! The page asks the worker for each new pair of secret and algorithm, and answers can
//! arrive after the reader has typed on. An [`Answer`] keeps the pair it was computed
//! for, and [`DigestState::of`] shows it only while that pair is the one on the page, so
//! the page never shows the digest of another secret. Pure, tested natively;
//! `app::session` holds the signals and asks the worker.

use guide_secrets::Algorithm;
use guide_secrets::escape::WrittenFor;

/// A worker's answer, with the secret and algorithm it was computed for.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// The secret that was hashed.
    pub secret: String,
    /// The algorithm it was hashed with.
    pub algorithm: Algorithm,
    /// The digest in Authelia's format and the milliseconds the worker spent, or why
    /// there is none, in words for the reader.
    pub outcome: Result<(String, f64), String>,
}

/// Where the digest of the reader's secret stands.
#[derive(Clone, Debug, PartialEq)]
pub enum DigestState {
    /// No secret of the reader's: the guide shows its own example pair.
    Example,
    /// The worker is computing it.
    Computing,
    /// Ready, for exactly the secret and algorithm on the page now.
    Ready {
        /// The algorithm chosen on the page, which the digest was computed with.
        algorithm: Algorithm,
        /// In Authelia's format (`$pbkdf2-sha512$310000$…`), not yet escaped for any file.
        digest: String,
        /// Milliseconds the worker spent hashing.
        ms: f64,
    },
    /// It could not be computed; the reason is meant for the reader.
    Failed(String),
}

impl DigestState {
    /// Where the digest stands while the page holds `secret` and `algorithm` and the
    /// worker's latest answer is `answer`: an answer for any other pair counts as none.
    pub fn of(secret: &str, algorithm: Algorithm, answer: Option<&Answer>) -> DigestState {
        if secret.is_empty() {
            return DigestState::Example;
        }
        match answer {
            Some(answer) if answer.secret == secret && answer.algorithm == algorithm => {
                match &answer.outcome {
                    Ok((digest, ms)) => DigestState::Ready {
                        algorithm,
                        digest: digest.clone(),
                        ms: *ms,
                    },
                    Err(reason) => DigestState::Failed(reason.clone()),
                }
            }
            _ => DigestState::Computing,
        }
    }

    /// What the guide's digest node shows: the reader's digest, or the guide's
    /// `example_digest` while there is no secret, as it stands in a configuration block
    /// for `written_for`'s file; a note in parentheses while there is none to show.
    pub fn text(&self, written_for: WrittenFor, example_digest: &str) -> String {
        match self {
            DigestState::Example => written_for.in_block(example_digest),
            DigestState::Computing => "(computing the digest…)".to_owned(),
            DigestState::Ready { digest, .. } => written_for.in_block(digest),
            DigestState::Failed(reason) => format!("(no digest: {reason})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALGORITHM: Algorithm = Algorithm::Pbkdf2Sha512;

    fn answer(secret: &str, algorithm: Algorithm, outcome: Result<(&str, f64), &str>) -> Answer {
        Answer {
            secret: secret.to_owned(),
            algorithm,
            outcome: outcome
                .map(|(digest, ms)| (digest.to_owned(), ms))
                .map_err(str::to_owned),
        }
    }

    #[test]
    fn without_a_secret_the_guide_shows_its_example_whatever_the_worker_said() {
        let late = answer("old", ALGORITHM, Ok(("$old", 1.0)));
        assert_eq!(DigestState::of("", ALGORITHM, None), DigestState::Example);
        assert_eq!(
            DigestState::of("", ALGORITHM, Some(&late)),
            DigestState::Example
        );
    }

    #[test]
    fn an_answer_is_shown_only_for_the_pair_on_the_page() {
        let ready = answer("s3cret", ALGORITHM, Ok(("$pbkdf2-sha512$x", 12.0)));
        assert_eq!(
            DigestState::of("s3cret", ALGORITHM, Some(&ready)),
            DigestState::Ready {
                algorithm: ALGORITHM,
                digest: "$pbkdf2-sha512$x".to_owned(),
                ms: 12.0
            }
        );
        assert_eq!(
            DigestState::of("s3cret!", ALGORITHM, Some(&ready)),
            DigestState::Computing,
            "the digest of an older secret is never shown"
        );
        assert_eq!(
            DigestState::of("s3cret", Algorithm::Argon2id, Some(&ready)),
            DigestState::Computing,
            "nor one of another algorithm"
        );
        assert_eq!(
            DigestState::of("s3cret", ALGORITHM, None),
            DigestState::Computing
        );
    }

    #[test]
    fn a_refusal_for_the_pair_on_the_page_is_shown_with_its_reason() {
        let failed = answer(
            "s3cret",
            ALGORITHM,
            Err("the hashing worker could not start"),
        );
        let state = DigestState::of("s3cret", ALGORITHM, Some(&failed));
        assert_eq!(
            state,
            DigestState::Failed("the hashing worker could not start".to_owned())
        );
        assert_eq!(
            state.text(WrittenFor::Yaml, "$example"),
            "(no digest: the hashing worker could not start)"
        );
    }

    #[test]
    fn the_node_shows_the_digest_as_its_file_needs_it() {
        let ready = DigestState::Ready {
            algorithm: ALGORITHM,
            digest: "$a$b".to_owned(),
            ms: 1.0,
        };
        assert_eq!(ready.text(WrittenFor::Yaml, "$example"), "$a$b");
        assert_eq!(ready.text(WrittenFor::Compose, "$example"), "$$a$$b");
        assert_eq!(
            DigestState::Example.text(WrittenFor::Compose, "$e$x"),
            "$$e$$x"
        );
        assert_eq!(
            DigestState::Computing.text(WrittenFor::Yaml, "$e"),
            "(computing the digest…)"
        );
    }
}
