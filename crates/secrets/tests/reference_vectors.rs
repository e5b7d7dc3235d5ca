//! Every digest in shared/reference/test-vectors.md, reproduced byte for byte from its
//! plaintext, salt and parameters, and verified.

// Helpers outside #[test] functions: a panic there is still a test failing with a reason.
#![allow(clippy::expect_used)]

use base64ct::Encoding as _;
use guide_secrets::digest::{
    Argon2Params, Argon2Variant, BcryptParams, Pbkdf2Hash, Pbkdf2Params, ScryptParams,
    ShaCryptParams, ShaCryptVariant,
};
use guide_secrets::{Params, Verdict, hash_with_salt, parse, verify};

const PLAINTEXT: &str = "insecure_secret";
const SALT: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

const GUIDE_DIGEST: &str = "$pbkdf2-sha512$310000$c8p78n7pUMln0jzvd4aK4Q$JNRBzwAo0ek5qKn50cFzzvE9RXV88h1wJn5KGiHrD0YKtZaR/nCb2CJPOsKaPK0hjf.9yHxzQGZziziccp6Yng";

fn pbkdf2(hash: Pbkdf2Hash, iterations: u32) -> Params {
    Params::Pbkdf2(Pbkdf2Params { hash, iterations })
}

fn argon2(variant: Argon2Variant, memory_kib: u32, iterations: u32, parallelism: u32) -> Params {
    Params::Argon2(Argon2Params {
        variant,
        memory_kib,
        iterations,
        parallelism,
        key_length: 32,
    })
}

fn scrypt(ln: u8) -> Params {
    Params::Scrypt(ScryptParams {
        ln,
        ..ScryptParams::DEFAULT
    })
}

fn sha_crypt(variant: ShaCryptVariant, rounds: u32) -> Params {
    Params::ShaCrypt(ShaCryptParams { variant, rounds })
}

/// bcrypt's salt text ("abcdefghijklmnopqrstuu") as the 16 bytes it encodes.
fn bcrypt_salt(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    bcrypt::BASE_64.decode(text).expect("valid bcrypt salt")
}

/// SHA-crypt's salt text ("abcdefghijklmnop") as the 12 bytes it encodes.
fn sha_crypt_salt(text: &str) -> Vec<u8> {
    base64ct::Base64ShaCrypt::decode_vec(text).expect("valid SHA-crypt salt")
}

fn assert_reproduces(params: Params, salt: &[u8], expected: &str) {
    let digest = hash_with_salt(PLAINTEXT, &params, salt).expect("hashes");
    assert_eq!(digest, expected);
    assert_eq!(verify(expected, PLAINTEXT), Verdict::Match, "{expected}");
    assert_eq!(
        verify(expected, "insecure_secreT"),
        Verdict::NoMatch,
        "{expected}"
    );
    let parsed = parse(expected).expect("parses");
    assert_eq!(parsed.params(), params);
}

#[test]
fn pbkdf2_sha512_matches_reference_guide_digest() {
    let salt = parse(GUIDE_DIGEST).map(|p| match p {
        guide_secrets::ParsedDigest::Pbkdf2 { salt, .. } => salt,
        other => panic!("not PBKDF2: {other:?}"),
    });
    let salt = salt.expect("parses");
    assert_eq!(salt.len(), 16);
    assert_reproduces(pbkdf2(Pbkdf2Hash::Sha512, 310_000), &salt, GUIDE_DIGEST);
}

#[test]
fn pbkdf2_sha1_matches_reference_vector() {
    assert_reproduces(
        pbkdf2(Pbkdf2Hash::Sha1, 1_600_000),
        &SALT,
        "$pbkdf2$1600000$AAECAwQFBgcICQoLDA0ODw$ssNXnxWTCTluVKAFLhYVlw4IzR0",
    );
}

#[test]
fn pbkdf2_sha224_matches_reference_vector() {
    assert_reproduces(
        pbkdf2(Pbkdf2Hash::Sha224, 900_000),
        &SALT,
        "$pbkdf2-sha224$900000$AAECAwQFBgcICQoLDA0ODw$czuEw9uzRaPi1zJqrsIl5uJPeYeUOY5k4ofFyA",
    );
}

#[test]
fn pbkdf2_sha256_matches_reference_vector() {
    assert_reproduces(
        pbkdf2(Pbkdf2Hash::Sha256, 700_000),
        &SALT,
        "$pbkdf2-sha256$700000$AAECAwQFBgcICQoLDA0ODw$1XnSgXG2w2Ult6y7d4AHQCOk6nG3ITHFhxNeEwImfeM",
    );
}

#[test]
fn pbkdf2_sha384_matches_reference_vector() {
    assert_reproduces(
        pbkdf2(Pbkdf2Hash::Sha384, 280_000),
        &SALT,
        "$pbkdf2-sha384$280000$AAECAwQFBgcICQoLDA0ODw$yq8EFnTz/VvuW4yJTVfYWhNI53bdXVQQboGS9JlkBv4FT1V6PutEnBkM4aIbrruE",
    );
}

#[test]
fn pbkdf2_sha512_matches_reference_vector() {
    assert_reproduces(
        pbkdf2(Pbkdf2Hash::Sha512, 310_000),
        &SALT,
        "$pbkdf2-sha512$310000$AAECAwQFBgcICQoLDA0ODw$9ZQrEYhdNLF1FIgDM7nE9r7NtzMoSGaPtyrao0oNAXa8odkuErgHfEJogXyzHFaoA3hKmZvOP2WKxkIY0mSRoQ",
    );
}

#[test]
fn pbkdf2_sha512_fast_vector_with_1000_iterations_matches() {
    assert_reproduces(
        pbkdf2(Pbkdf2Hash::Sha512, 1_000),
        &SALT,
        "$pbkdf2-sha512$1000$AAECAwQFBgcICQoLDA0ODw$bX02e1.4QCbRRSRFX2YNm37G2s41QKBPJglmAxCo.OT1TIovl53vt53hze/IWFrLP7esTBdJkDk0gR67apRgMg",
    );
}

#[test]
fn argon2id_matches_reference_vector() {
    assert_reproduces(
        argon2(Argon2Variant::Id, 65_536, 3, 4),
        &SALT,
        "$argon2id$v=19$m=65536,t=3,p=4$AAECAwQFBgcICQoLDA0ODw$B0mpg0LMF1bHh6JST3S+wssSppUigJ/4vRVxS5nKbTE",
    );
}

#[test]
fn argon2i_matches_reference_vector() {
    assert_reproduces(
        argon2(Argon2Variant::I, 65_536, 3, 4),
        &SALT,
        "$argon2i$v=19$m=65536,t=3,p=4$AAECAwQFBgcICQoLDA0ODw$kRMKsg7zbg7Vmgc9Ei7fgV4EZMXvcRCC4dpxv7FmDGs",
    );
}

#[test]
fn argon2d_matches_reference_vector() {
    assert_reproduces(
        argon2(Argon2Variant::D, 65_536, 3, 4),
        &SALT,
        "$argon2d$v=19$m=65536,t=3,p=4$AAECAwQFBgcICQoLDA0ODw$3O4fNBJ1Ryc5xb4S6RuMKsRl8Z2t0mM5wMjiybDRDGQ",
    );
}

#[test]
fn argon2id_fast_vector_matches() {
    assert_reproduces(
        argon2(Argon2Variant::Id, 1_024, 1, 1),
        &SALT,
        "$argon2id$v=19$m=1024,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$wVTuP01dnI2N8G1Wb1FpJKa9Q1WEX0H/Q+fG6xCZJBU",
    );
}

#[test]
fn scrypt_matches_reference_vector() {
    assert_reproduces(
        scrypt(16),
        &SALT,
        "$scrypt$ln=16,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$sN5+Du3wIOIRJshyUxhTF5UhT9+D03rBKVf5TK+MEXw",
    );
}

#[test]
fn scrypt_fast_vector_matches() {
    assert_reproduces(
        scrypt(10),
        &SALT,
        "$scrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$sa065z4bUeT1gEmrU1zJON3Y/KNvwH3NCFK/yfWXVjE",
    );
}

#[test]
fn bcrypt_cost_12_matches_reference_vector() {
    assert_reproduces(
        Params::Bcrypt(BcryptParams { cost: 12 }),
        &bcrypt_salt("abcdefghijklmnopqrstuu"),
        "$2b$12$abcdefghijklmnopqrstuu9zNJxFYpvCUUdI/CmwolyUayCkaU/V.",
    );
}

#[test]
fn bcrypt_cost_4_fast_vector_matches() {
    assert_reproduces(
        Params::Bcrypt(BcryptParams { cost: 4 }),
        &bcrypt_salt("abcdefghijklmnopqrstuu"),
        "$2b$04$abcdefghijklmnopqrstuuetD7pPjMsPVYFWFIUUorW53cGfvCW.u",
    );
}

#[test]
fn sha512_crypt_matches_reference_vector() {
    assert_reproduces(
        sha_crypt(ShaCryptVariant::Sha512, 50_000),
        &sha_crypt_salt("abcdefghijklmnop"),
        "$6$rounds=50000$abcdefghijklmnop$L9iAh6cRPe9IFr.T6pk/jt8jwo.VpmPE56PeFbY2AwmtFBgfY9d/hDR3AtWGfaeysg5gyLwhpCoYFDy2r0NK9.",
    );
}

#[test]
fn sha256_crypt_matches_reference_vector() {
    assert_reproduces(
        sha_crypt(ShaCryptVariant::Sha256, 50_000),
        &sha_crypt_salt("abcdefghijklmnop"),
        "$5$rounds=50000$abcdefghijklmnop$OUC2noiywD9inja1zkmv2lneOOFFmI.Wxp4PPiygn19",
    );
}

#[test]
fn sha512_crypt_fast_vector_matches() {
    assert_reproduces(
        sha_crypt(ShaCryptVariant::Sha512, 1_000),
        &sha_crypt_salt("abcdefghijklmnop"),
        "$6$rounds=1000$abcdefghijklmnop$r8j.kMCdMcdwW7EZMTgARMDnc4SHMFMy1s9K/T2awieppsjgSt6M.x5WkqfMF0pau2dyWdqyEwit6aSkrYTkr1",
    );
}

#[test]
fn bcrypt_2a_and_2y_prefixes_verify_like_2b() {
    let digest = "$2b$04$abcdefghijklmnopqrstuuetD7pPjMsPVYFWFIUUorW53cGfvCW.u";
    for prefix in ["$2a$", "$2y$"] {
        let other = format!("{prefix}{}", &digest[4..]);
        assert_eq!(verify(&other, PLAINTEXT), Verdict::Match, "{other}");
        assert_eq!(verify(&other, "nope"), Verdict::NoMatch, "{other}");
    }
}

#[test]
fn sha_crypt_without_rounds_field_uses_5000_rounds() {
    let params = sha_crypt(ShaCryptVariant::Sha512, 5_000);
    let with_rounds =
        hash_with_salt(PLAINTEXT, &params, &sha_crypt_salt("abcdefghijklmnop")).expect("hashes");
    let without = with_rounds.replace("rounds=5000$", "");
    assert_eq!(verify(&without, PLAINTEXT), Verdict::Match, "{without}");
}
