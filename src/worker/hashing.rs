//! The hashing worker's service: digests with Authelia's default parameters, and checks
//! of a pasted digest against a secret. Pure; tested natively.

use guide_secrets::digest::{Argon2Params, Argon2Variant, SALT_LENGTH, ScryptParams};
use guide_secrets::{Algorithm, HashSteps, Params, Step, Verdict};

use super::Work;
use crate::protocol::{Reply, Request};

/// PBKDF2 iterations per slice of a hash. Between slices the worker reads the page's
/// messages, so a hash of a secret the reader has since changed stops within one slice.
/// 25 000 SHA-512 iterations take about 12 ms in Chromium on the machine of the README's
/// table (310 000 in about 140 ms): a newer secret waits at most that. Each yield cost
/// about 0.2–0.5 ms there, so slices of 10 000 (31 yields a hash) cost a few percent of
/// it; these 12 yields cost about 1 % (`scripts/bench`: worker against WebCrypto).
pub const SLICE_ITERATIONS: u32 = 25_000;

/// The work of a hashing request: a digest in slices, or a check at once.
pub fn start(request: Request) -> Work {
    match request {
        Request::Hash {
            algorithm,
            plaintext,
        } => {
            let Some(algorithm) = Algorithm::from_id(&algorithm) else {
                return Work::Done(Reply::Failed(format!(
                    "unknown digest algorithm {algorithm:?}"
                )));
            };
            match guide_secrets::hash_in_steps(&plaintext, &Params::default_for(algorithm)) {
                Ok(steps) => slices(steps),
                Err(err) => Work::Done(Reply::Failed(err.to_string())),
            }
        }
        Request::Verify { digest, plaintext } => {
            Work::Done(match guide_secrets::verify(&digest, &plaintext) {
                Ok(Verdict { matches, warnings }) => Reply::Verdict {
                    matches,
                    warnings: warnings.iter().map(ToString::to_string).collect(),
                },
                Err(err) => Reply::Failed(err.to_string()),
            })
        }
        Request::Parse { .. }
        | Request::Provider { .. }
        | Request::Check { .. }
        | Request::Explain { .. }
        | Request::Propose { .. } => Work::Done(Reply::Failed(
            "the hashing worker neither parses guides nor makes keys".into(),
        )),
    }
}

/// The rest of a digest, [`SLICE_ITERATIONS`] at a time.
fn slices(steps: HashSteps) -> Work {
    Work::Slice(Box::new(move || match steps.step(SLICE_ITERATIONS) {
        Step::Done(Ok(digest)) => Work::Done(Reply::Digest(digest)),
        Step::Done(Err(err)) => Work::Done(Reply::Failed(err.to_string())),
        Step::Pending(rest) => slices(rest),
    }))
}

/// How long the hashing worker stays idle after its warm-up before it says ready. The
/// warm-up sets the browser compiling the kernels with its optimising tier on background
/// threads; on a 2-core machine a first digest asked meanwhile shared the processor with
/// those compiles. Measured in A/B runs on the machine of the README's table: the first
/// digest after ready was 1.06–1.43× a later one without this wait, 1.02–1.07× with it.
pub const SETTLE_MS: i32 = 150;

/// The warm-up secret: never a reader's.
const WARM_UP_SECRET: &str = "warm-up";

/// The warm-up salt: as long as the salts Authelia draws.
const WARM_UP_SALT: [u8; SALT_LENGTH] = [7; SALT_LENGTH];

/// PBKDF2's warm-up: a whole hash at Authelia's default cost, in slices through the very
/// path a reader's digest takes. The baseline tier runs the first slices; the browser
/// compiles the loop with its optimising tier meanwhile, and later slices, each a new
/// call, switch to it. Measured on the machine of the README's table as the first digest
/// after load against a later one: 20 000 or 100 000 iterations left the first about
/// 1.25–1.3× a later one (the optimised code was not yet in); this, about 1.05–1.15×, for
/// about 0.15 s more before the worker says it is ready.
const WARM_UP_PBKDF2: Params = Params::default_for(Algorithm::Pbkdf2Sha512);

/// The light parameters the other kernels are warmed with: a few milliseconds each.
const WARM_UP: [Params; 2] = [
    Params::Argon2(Argon2Params {
        variant: Argon2Variant::Id,
        memory_kib: 1024,
        iterations: 1,
        parallelism: 1,
        key_length: 32,
    }),
    Params::Scrypt(ScryptParams {
        ln: 10,
        block_size: 8,
        parallelism: 1,
        key_length: 32,
    }),
];

/// Hashes once with every family's kernel, so the browser has compiled the kernels with
/// its optimising tier before the reader's first digest (WebAssembly functions start in a
/// quick baseline tier, and a function already running never switches tiers mid-call).
pub fn warm_up() {
    // Only the work matters: the digests are dropped.
    for params in &WARM_UP {
        let _ = guide_secrets::hash_with_salt(WARM_UP_SECRET, params, &WARM_UP_SALT);
    }
    if let Ok(steps) = guide_secrets::hash_in_steps(WARM_UP_SECRET, &WARM_UP_PBKDF2) {
        let _ = slices(steps).finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(request: Request) -> Reply {
        start(request).finish()
    }

    #[test]
    fn a_default_pbkdf2_hash_runs_in_slices_and_still_verifies() {
        let mut work = start(Request::Hash {
            algorithm: "pbkdf2-sha512".into(),
            plaintext: "s3cret".into(),
        });
        let mut slices = 0;
        let digest = loop {
            match work {
                Work::Slice(next) => {
                    slices += 1;
                    work = next();
                }
                Work::Done(Reply::Digest(digest)) => break digest,
                Work::Done(other) => panic!("no digest: {other:?}"),
                Work::Later(_) => panic!("a digest never waits on the browser"),
            }
        };
        // 310 000 iterations: U_1, then 309 999 more in slices of SLICE_ITERATIONS.
        assert_eq!(slices, 309_999_u32.div_ceil(SLICE_ITERATIONS));
        assert!(guide_secrets::verify(&digest, "s3cret").is_ok_and(|v| v.matches));
        assert!(guide_secrets::verify(&digest, "other").is_ok_and(|v| !v.matches));
    }

    #[test]
    fn a_family_that_cannot_stop_part_way_runs_in_one_slice() {
        let Work::Slice(next) = start(Request::Hash {
            algorithm: "sha512crypt".into(),
            plaintext: "s3cret".into(),
        }) else {
            panic!("a hash is worked out after the worker has read its messages");
        };
        assert!(matches!(next(), Work::Done(Reply::Digest(_))));
    }

    #[test]
    fn a_hash_verifies_and_a_wrong_secret_does_not() {
        // SHA-512 crypt at Authelia's 50000 rounds is the cheapest real algorithm to test with.
        let Reply::Digest(digest) = answer(Request::Hash {
            algorithm: "sha512crypt".into(),
            plaintext: "s3cret".into(),
        }) else {
            panic!("no digest");
        };
        assert!(digest.starts_with("$6$rounds=50000$"), "{digest}");
        let verify = |plaintext: &str| {
            answer(Request::Verify {
                digest: digest.clone(),
                plaintext: plaintext.into(),
            })
        };
        let said = |matches| Reply::Verdict {
            matches,
            warnings: Vec::new(),
        };
        assert_eq!(verify("s3cret"), said(true));
        assert_eq!(verify("other"), said(false));
    }

    #[test]
    fn an_unknown_algorithm_or_a_guide_fails_with_a_reason() {
        assert_eq!(
            answer(Request::Hash {
                algorithm: "md5".into(),
                plaintext: "x".into()
            }),
            Reply::Failed("unknown digest algorithm \"md5\"".into())
        );
        assert!(matches!(
            answer(Request::Parse {
                source: "# x".into()
            }),
            Reply::Failed(_)
        ));
    }

    #[test]
    fn a_labelled_digest_is_explained() {
        let digest = "Digest: $pbkdf2-sha512$1000$AAECAwQFBgcICQoLDA0ODw$bX02e1.4QCbRRSRFX2YNm37G2s41QKBPJglmAxCo.OT1TIovl53vt53hze/IWFrLP7esTBdJkDk0gR67apRgMg";
        let Reply::Failed(reason) = answer(Request::Verify {
            digest: digest.into(),
            plaintext: "insecure_secret".into(),
        }) else {
            panic!("a labelled digest was accepted");
        };
        assert!(reason.contains("Digest:"), "{reason}");
    }

    #[test]
    fn every_warm_up_hash_is_computed_not_refused() {
        let steps = guide_secrets::hash_in_steps(WARM_UP_SECRET, &WARM_UP_PBKDF2);
        let Ok(steps) = steps else {
            panic!("the PBKDF2 warm-up is refused");
        };
        assert!(matches!(slices(steps).finish(), Reply::Digest(_)));
        for params in &WARM_UP {
            let digest = guide_secrets::hash_with_salt(WARM_UP_SECRET, params, &WARM_UP_SALT);
            assert!(digest.is_ok(), "{params:?}: {digest:?}");
        }
        warm_up();
    }
}
