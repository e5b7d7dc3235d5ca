//! The guide parser's service (the `parser` binary): a guide's markdown in, its document
//! out, and the provider's keys (`provider_keys`), which wait on WebCrypto. Parsing is
//! pure and tested natively. The guide engine's parser and the key generation live only
//! in this worker, started when the reader first needs it, so neither the page nor the
//! other workers download them; checks and explanations are the checker's
//! (`super::checking`).

use super::Work;

use crate::protocol::{Reply, Request};

/// The work of a parsing request: done at once (the engine's bounds keep every guide
/// fast). Digests, checks and explanations are not this worker's.
pub fn start(request: Request) -> Work {
    Work::Done(match request {
        Request::Provider { choice } => {
            return Work::Later(Box::pin(async move {
                match super::provider_keys::generate(choice).await {
                    Ok(block) => Reply::Provider(block),
                    Err(reason) => Reply::Failed(reason),
                }
            }));
        }
        Request::Parse { source } => match guide_engine::parse(&source) {
            Ok(document) => Reply::Guide(Box::new(document)),
            Err(err) => Reply::Failed(err.to_string()),
        },
        Request::Hash { .. } | Request::Verify { .. } => {
            Reply::Failed("the guide parser does not compute digests".into())
        }
        Request::Check { .. } | Request::Explain { .. } | Request::Propose { .. } => {
            Reply::Failed("the guide parser does not check configurations".into())
        }
    })
}

/// Nothing to warm: a guide parses in milliseconds, and the parser starts only when the
/// reader opens one.
pub fn warm_up() {}

/// Nothing warmed, so nothing to let settle: the parser says ready at once.
pub const SETTLE_MS: i32 = 0;

#[cfg(test)]
mod tests {

    use super::*;

    fn answer(request: Request) -> Reply {
        start(request).finish()
    }

    #[test]
    fn the_default_site_s_matomo_guide_parses_into_the_page_s_model() {
        let source = include_str!("../../guides/matomo.md");
        let Reply::Guide(document) = answer(Request::Parse {
            source: source.into(),
        }) else {
            panic!("the default site's Matomo guide did not parse");
        };
        assert_eq!(Ok(*document), guide_engine::parse(source));
    }

    #[test]
    fn broken_front_matter_fails_with_its_line() {
        let Reply::Failed(reason) = answer(Request::Parse {
            source: "---\ntitle: [\n---\nbody".into(),
        }) else {
            panic!("accepted");
        };
        assert!(reason.contains("line"), "{reason}");
    }

    #[test]
    fn keys_natively_say_they_need_the_browser_s_webcrypto() {
        let Reply::Failed(reason) = answer(Request::Provider {
            choice: crate::provider_block::KeyChoice::Rsa2048,
        }) else {
            panic!("keys made without WebCrypto");
        };
        assert!(reason.contains("WebCrypto"), "{reason}");
    }

    #[test]
    fn a_hash_is_not_the_parser_s_to_compute() {
        assert!(matches!(
            answer(Request::Hash {
                algorithm: "argon2id".into(),
                plaintext: "x".into()
            }),
            Reply::Failed(_)
        ));
    }
}
