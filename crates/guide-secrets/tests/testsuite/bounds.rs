//! A pasted digest and a pasted secret are hostile input: whatever they ask for, the answer
//! comes at once, and a refusal names the limit it hit.

use std::time::{Duration, Instant};

use guide_secrets::{
    Algorithm, DigestError, MAX_SECRET_BYTES, Params, Verdict, VerifyError, WorkLimits, hash,
    parse, verify,
};

/// "At once": far below the hours the work refused would take, with room for a slow,
/// shared test machine.
const AT_ONCE: Duration = Duration::from_millis(500);

/// `verify`, timed.
fn timed_verify(digest: &str, secret: &str) -> (Result<Verdict, VerifyError>, Duration) {
    let start = Instant::now();
    let verdict = verify(digest, secret);
    (verdict, start.elapsed())
}

/// SHA-512 crypt at 20 million rounds with a well-formed salt and hash.
fn sha512_crypt_20_million_rounds() -> String {
    format!("$6$rounds=20000000$abcdefgh${}", ".".repeat(86))
}

#[test]
fn sha_crypt_with_a_100000_character_secret_is_refused_at_once() {
    let (verdict, elapsed) = timed_verify(&sha512_crypt_20_million_rounds(), &"a".repeat(100_000));
    let Err(VerifyError::SecretTooLong(reason)) = &verdict else {
        panic!("not refused for its secret: {verdict:?}");
    };
    assert_eq!(reason.bytes, 100_000);
    let message = reason.to_string();
    assert!(
        message.contains(&format!("the {MAX_SECRET_BYTES} ")),
        "{message}"
    );
    assert!(elapsed < AT_ONCE, "took {elapsed:?}");
}

#[test]
fn sha_crypt_rounds_are_weighed_by_the_secrets_length() {
    // 20 million rounds are within the limit for a 72-character secret but not for one of
    // 1024, whose rounds each hash 17 blocks instead of 2.
    let (verdict, elapsed) = timed_verify(
        &sha512_crypt_20_million_rounds(),
        &"a".repeat(MAX_SECRET_BYTES),
    );
    let Err(VerifyError::TooCostly(reason)) = &verdict else {
        panic!("not refused for its cost: {verdict:?}");
    };
    assert_eq!(reason.limit, 100_000_000);
    assert!(reason.value > reason.limit);
    let message = reason.to_string();
    assert!(message.contains("more than the 100000000"), "{message}");
    assert!(elapsed < AT_ONCE, "took {elapsed:?}");
}

#[test]
fn secret_at_the_cap_is_hashed_and_one_byte_more_is_refused() {
    let params = Params::default_for(Algorithm::Sha256Crypt);
    let longest = "a".repeat(MAX_SECRET_BYTES);
    let digest = hash(&longest, &params).expect("the longest secret hashes");
    assert_eq!(verify(&digest, &longest).map(|v| v.matches), Ok(true));
    let too_long = "a".repeat(MAX_SECRET_BYTES + 1);
    let Err(DigestError::SecretTooLong(reason)) = hash(&too_long, &params) else {
        panic!("a secret over the cap was hashed");
    };
    assert_eq!(reason.bytes, MAX_SECRET_BYTES + 1);
    let Err(VerifyError::SecretTooLong(_)) = verify(&digest, &too_long) else {
        panic!("a secret over the cap was checked");
    };
}

#[test]
fn argon2_asking_for_more_memory_than_wasm32_can_allocate_is_refused_at_once() {
    // Authelia's "recommended" profile: 2 GiB, one allocation wasm32 can never make.
    let digest = "$argon2id$v=19$m=2097152,t=1,p=4$AAECAwQFBgcICQoLDA0ODw$B0mpg0LMF1bHh6JST3S+wssSppUigJ/4vRVxS5nKbTE";
    let (verdict, elapsed) = timed_verify(digest, "insecure_secret");
    let Err(VerifyError::TooCostly(reason)) = &verdict else {
        panic!("not refused for its memory: {verdict:?}");
    };
    assert_eq!((reason.value, reason.limit), (2_097_152, 1_048_576));
    let message = reason.to_string();
    assert!(
        message.contains("memory in KiB, more than the 1048576"),
        "{message}"
    );
    assert!(elapsed < AT_ONCE, "took {elapsed:?}");
}

#[test]
fn scrypt_whose_pbkdf2_passes_cover_a_gibibyte_is_refused_at_once() {
    // N = 2, r = 1, p = 8388605: N · r · p is within its ceiling and the memory, B
    // included, is exactly 1 GiB, but B is 1 GiB for the PBKDF2 passes to write and hash.
    let digest = "$scrypt$ln=1,r=1,p=8388605$AAECAwQFBgcICQoLDA0ODw$sa065z4bUeT1gEmrU1zJON3Y/KNvwH3NCFK/yfWXVjE";
    let (verdict, elapsed) = timed_verify(digest, "insecure_secret");
    let Err(VerifyError::TooCostly(reason)) = &verdict else {
        panic!("not refused for its passes: {verdict:?}");
    };
    assert_eq!(reason.limit, WorkLimits::BROWSER.scrypt_pbkdf2_compressions);
    assert!(reason.value > reason.limit, "{reason}");
    let message = reason.to_string();
    assert!(
        message.contains("SHA-256 compressions in its two PBKDF2 passes, more than the 16777216"),
        "{message}"
    );
    assert!(elapsed < AT_ONCE, "took {elapsed:?}");

    // Without that ceiling, the other two would have let it through.
    let passes_unbounded = WorkLimits {
        scrypt_pbkdf2_compressions: u64::MAX,
        ..WorkLimits::BROWSER
    };
    let params = parse(digest).expect("Authelia reads it").params();
    assert_eq!(
        passes_unbounded.admit(&params, "insecure_secret".len()),
        Ok(())
    );
}

#[test]
fn scrypt_asking_for_more_than_a_gibibyte_is_refused_at_once() {
    // ln=20, r=8: 128 · 8 · 2^20 bytes = 1 GiB of blocks, plus the state: just over.
    let digest =
        "$scrypt$ln=20,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$sN5+Du3wIOIRJshyUxhTF5UhT9+D03rBKVf5TK+MEXw";
    let (verdict, elapsed) = timed_verify(digest, "insecure_secret");
    let Err(VerifyError::TooCostly(reason)) = &verdict else {
        panic!("not refused for its memory: {verdict:?}");
    };
    assert_eq!(reason.limit, 1 << 30);
    assert!(reason.to_string().contains("memory in bytes"), "{reason}");
    assert!(elapsed < AT_ONCE, "took {elapsed:?}");
}
