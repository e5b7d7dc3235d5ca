//! The guide parser's service: a guide's markdown in, its document out. Pure; tested
//! natively. The parsers live only in this worker, so neither the page nor the hashing
//! worker downloads them.

use super::Work;
use crate::protocol::{Reply, Request};

/// The work of a parsing request: done at once (the engine's bounds keep every guide
/// fast). Digests are not this worker's to compute.
pub fn start(request: Request) -> Work {
    Work::Done(match request {
        Request::Parse { source } => match guide_engine::parse(&source) {
            Ok(document) => Reply::Guide(Box::new(document)),
            Err(err) => Reply::Failed(err.to_string()),
        },
        Request::Hash { .. } | Request::Verify { .. } => {
            Reply::Failed("the guide parser does not compute digests".into())
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
    fn the_bundled_guide_parses_into_the_page_s_model() {
        let source = include_str!("../../guides/matomo.md");
        let Reply::Guide(document) = answer(Request::Parse {
            source: source.into(),
        }) else {
            panic!("the bundled guide did not parse");
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
