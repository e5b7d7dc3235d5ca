//! The hashing worker's service: digests with Authelia's default parameters, and checks
//! of a pasted digest against a secret. Pure; tested natively.

use guide_secrets::digest::{
    Argon2Params, Argon2Variant, Pbkdf2Hash, Pbkdf2Params, SALT_LENGTH, ScryptParams,
};
use guide_secrets::{Algorithm, Params, Verdict};

use crate::protocol::{Reply, Request};

/// Answers a hashing request. A guide is not this worker's to parse.
pub fn answer(request: Request) -> Reply {
    match request {
        Request::Hash {
            algorithm,
            plaintext,
        } => {
            let Some(algorithm) = Algorithm::from_id(&algorithm) else {
                return Reply::Failed(format!("unknown digest algorithm {algorithm:?}"));
            };
            match guide_secrets::hash(&plaintext, &Params::default_for(algorithm)) {
                Ok(digest) => Reply::Digest(digest),
                Err(err) => Reply::Failed(err.to_string()),
            }
        }
        Request::Verify { digest, plaintext } => match guide_secrets::verify(&digest, &plaintext) {
            Verdict::Match => Reply::Verdict(true),
            Verdict::NoMatch => Reply::Verdict(false),
            Verdict::Unreadable(err) => Reply::Failed(err.to_string()),
        },
        Request::Parse { .. } => Reply::Failed("the hashing worker does not parse guides".into()),
    }
}

/// The warm-up secret: never a reader's.
const WARM_UP_SECRET: &str = "warm-up";

/// The warm-up salt: as long as the salts Authelia draws.
const WARM_UP_SALT: [u8; SALT_LENGTH] = [7; SALT_LENGTH];

/// The light parameters each kernel is warmed with: a few milliseconds each, enough for
/// the browser to mark the kernels hot (measured in scripts/bench as the first digest
/// after load against a later one).
const WARM_UP: [Params; 3] = [
    Params::Pbkdf2(Pbkdf2Params {
        hash: Pbkdf2Hash::Sha512,
        iterations: 20_000,
    }),
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

/// Hashes once with every family's kernel at light parameters, so the browser has
/// compiled the kernels with its optimising tier before the reader's first digest
/// (WebAssembly functions start in a quick baseline tier, and a function already
/// running never switches tiers mid-call).
pub fn warm_up() {
    for params in &WARM_UP {
        // Only the work matters: the digest is dropped.
        let _ = guide_secrets::hash_with_salt(WARM_UP_SECRET, params, &WARM_UP_SALT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(verify("s3cret"), Reply::Verdict(true));
        assert_eq!(verify("other"), Reply::Verdict(false));
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
        for params in &WARM_UP {
            let digest = guide_secrets::hash_with_salt(WARM_UP_SECRET, params, &WARM_UP_SALT);
            assert!(digest.is_ok(), "{params:?}: {digest:?}");
        }
        warm_up();
    }
}
