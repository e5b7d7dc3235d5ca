//! A verdict carries what would fool a reader who saw only "Match": a key shorter than its
//! family writes, which a wrong secret can match by chance. (Plaintext digests: the unit
//! tests of `src/verify.rs`.)

// Helpers outside #[test] functions: a panic there is still a test failing with a reason.
#![allow(clippy::expect_used)]

use guide_secrets::digest::{Argon2Params, Argon2Variant, ScryptParams};
use guide_secrets::{Algorithm, CheckWarning, Params, Verdict, hash_with_salt, verify};

const PLAINTEXT: &str = "insecure_secret";

/// The salt of the reference vectors: the bytes 00 01 02 … 0f.
const SALT: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

fn checked(digest: &str, secret: &str) -> Verdict {
    verify(digest, secret).expect("checked")
}

#[test]
fn a_one_byte_pbkdf2_key_is_checked_and_warned_about_match_or_not() {
    let digest = "$pbkdf2-sha512$1000$AAAAAAAAAAAAAAAAAAAAAA$5w";
    let warning = CheckWarning::ShortKey {
        algorithm: Algorithm::Pbkdf2Sha512,
        bytes: 1,
        written: 64,
    };
    for secret in ["insecure_secret", "hunter2", "a"] {
        let verdict = checked(digest, secret);
        assert_eq!(verdict.warnings, std::slice::from_ref(&warning), "{secret}");
    }
    assert_eq!(
        warning.to_string(),
        "this digest's key is 1 byte; PBKDF2-SHA512 writes 64: it may have been cut short"
    );
}

#[test]
fn a_wrong_secret_matching_a_cut_short_key_gets_match_with_the_warning() {
    // The 1000-iteration reference vector's key cut to its first byte (0x6d, `bQ`).
    let digest = "$pbkdf2-sha512$1000$AAECAwQFBgcICQoLDA0ODw$bQ";
    assert!(checked(digest, PLAINTEXT).matches);
    // About one wrong secret in 256 matches too: the first of these that does.
    let (wrong, verdict) = (0..4096)
        .map(|i| format!("wrong-{i}"))
        .map(|secret| {
            let verdict = checked(digest, &secret);
            (secret, verdict)
        })
        .find(|(_, verdict)| verdict.matches)
        .expect("one in 256 matches");
    assert_ne!(wrong, PLAINTEXT);
    assert_eq!(
        verdict.to_string(),
        "Match — but this digest's key is 1 byte; PBKDF2-SHA512 writes 64: it may have been \
         cut short"
    );
}

#[test]
fn pbkdf2_keys_of_the_hashs_length_or_longer_are_not_warned_about() {
    // 20 bytes for SHA-1, as Authelia writes it (a reference vector), and 40.
    let written = "$pbkdf2$1000$AAECAwQFBgcICQoLDA0ODw$bv5wUJdo2yWLKcMPZBF/1bT7BbU";
    assert_eq!(checked(written, PLAINTEXT).warnings, []);
    let longer = format!("$pbkdf2$1000$AAECAwQFBgcICQoLDA0ODw${}", "A".repeat(54));
    assert_eq!(checked(&longer, PLAINTEXT).warnings, []);
}

#[test]
fn argon2_and_scrypt_keys_shorter_than_32_bytes_are_warned_about() {
    let argon2 = Params::Argon2(Argon2Params {
        memory_kib: 1_024,
        iterations: 1,
        parallelism: 1,
        key_length: 16,
        ..Argon2Params::default_for(Argon2Variant::Id)
    });
    let scrypt = Params::Scrypt(ScryptParams {
        ln: 10,
        key_length: 16,
        ..ScryptParams::DEFAULT
    });
    for (params, algorithm) in [(argon2, Algorithm::Argon2id), (scrypt, Algorithm::Scrypt)] {
        let digest = hash_with_salt(PLAINTEXT, &params, &SALT).expect("hashes");
        let verdict = checked(&digest, PLAINTEXT);
        assert!(verdict.matches, "{digest}");
        assert_eq!(
            verdict.warnings,
            [CheckWarning::ShortKey {
                algorithm,
                bytes: 16,
                written: 32
            }],
            "{digest}"
        );
        assert!(
            verdict
                .to_string()
                .contains(&format!("16 bytes; {algorithm} writes 32")),
            "{verdict}"
        );
    }
}
