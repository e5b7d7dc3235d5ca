//! Every digest in tests/fixtures/reference/digest-vectors.md, reproduced byte for byte
//! from its plaintext, salt and parameters, and verified: one table row per vector. The
//! fixture names the independent implementations that made each digest; a test here
//! checks that this table and the fixture hold the same digests.

// Helpers outside #[test] functions: a panic there is still a test failing with a reason.
#![allow(clippy::expect_used)]

use base64::Engine as _;
use base64ct::Encoding as _;
use guide_secrets::digest::{
    Argon2Params, Argon2Variant, BcryptParams, Pbkdf2Hash, Pbkdf2Params, ScryptParams,
    ShaCryptParams, ShaCryptVariant,
};
use guide_secrets::{Algorithm, Params, Verdict, VerifyError, hash_with_salt, parse, verify};

/// The plaintext of every vector.
const PLAINTEXT: &str = "insecure_secret";

/// The salt of the PBKDF2, Argon2 and scrypt vectors: the bytes 00 01 02 … 0f.
const SALT: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

/// Declares one test per row, each reproducing the digest from plaintext, parameters and
/// salt, then verifying it (and refusing a near miss) and reading its parameters back.
macro_rules! vectors {
    ($($name:ident: $params:expr, $salt:expr, $expected:literal;)*) => {
        $(
            #[test]
            fn $name() {
                assert_reproduces_and_verifies($params, &$salt, $expected);
            }
        )*

        /// Every digest of the table, in its order.
        pub const ALL: &[&str] = &[$($expected),*];
    };
}

mod reproduces_and_verifies {
    use super::*;

    vectors! {
        // The reference guide's own digest.
        guide_pbkdf2_sha512: default(Algorithm::Pbkdf2Sha512), adapted_base64("c8p78n7pUMln0jzvd4aK4Q"),
            "$pbkdf2-sha512$310000$c8p78n7pUMln0jzvd4aK4Q$JNRBzwAo0ek5qKn50cFzzvE9RXV88h1wJn5KGiHrD0YKtZaR/nCb2CJPOsKaPK0hjf.9yHxzQGZziziccp6Yng";

        pbkdf2_sha1: default(Algorithm::Pbkdf2Sha1), SALT,
            "$pbkdf2$1600000$AAECAwQFBgcICQoLDA0ODw$ssNXnxWTCTluVKAFLhYVlw4IzR0";
        pbkdf2_sha224: default(Algorithm::Pbkdf2Sha224), SALT,
            "$pbkdf2-sha224$900000$AAECAwQFBgcICQoLDA0ODw$czuEw9uzRaPi1zJqrsIl5uJPeYeUOY5k4ofFyA";
        pbkdf2_sha256: default(Algorithm::Pbkdf2Sha256), SALT,
            "$pbkdf2-sha256$700000$AAECAwQFBgcICQoLDA0ODw$1XnSgXG2w2Ult6y7d4AHQCOk6nG3ITHFhxNeEwImfeM";
        pbkdf2_sha384: default(Algorithm::Pbkdf2Sha384), SALT,
            "$pbkdf2-sha384$280000$AAECAwQFBgcICQoLDA0ODw$yq8EFnTz/VvuW4yJTVfYWhNI53bdXVQQboGS9JlkBv4FT1V6PutEnBkM4aIbrruE";
        pbkdf2_sha512: default(Algorithm::Pbkdf2Sha512), SALT,
            "$pbkdf2-sha512$310000$AAECAwQFBgcICQoLDA0ODw$9ZQrEYhdNLF1FIgDM7nE9r7NtzMoSGaPtyrao0oNAXa8odkuErgHfEJogXyzHFaoA3hKmZvOP2WKxkIY0mSRoQ";
        pbkdf2_sha512_1000_iterations: pbkdf2_with(Pbkdf2Hash::Sha512, 1_000), SALT,
            "$pbkdf2-sha512$1000$AAECAwQFBgcICQoLDA0ODw$bX02e1.4QCbRRSRFX2YNm37G2s41QKBPJglmAxCo.OT1TIovl53vt53hze/IWFrLP7esTBdJkDk0gR67apRgMg";

        argon2id: default(Algorithm::Argon2id), SALT,
            "$argon2id$v=19$m=65536,t=3,p=4$AAECAwQFBgcICQoLDA0ODw$B0mpg0LMF1bHh6JST3S+wssSppUigJ/4vRVxS5nKbTE";
        argon2i: default(Algorithm::Argon2i), SALT,
            "$argon2i$v=19$m=65536,t=3,p=4$AAECAwQFBgcICQoLDA0ODw$kRMKsg7zbg7Vmgc9Ei7fgV4EZMXvcRCC4dpxv7FmDGs";
        argon2d: default(Algorithm::Argon2d), SALT,
            "$argon2d$v=19$m=65536,t=3,p=4$AAECAwQFBgcICQoLDA0ODw$3O4fNBJ1Ryc5xb4S6RuMKsRl8Z2t0mM5wMjiybDRDGQ";
        argon2id_1_mib_1_pass_1_lane: argon2id_with(1_024, 1, 1), SALT,
            "$argon2id$v=19$m=1024,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$wVTuP01dnI2N8G1Wb1FpJKa9Q1WEX0H/Q+fG6xCZJBU";

        scrypt: default(Algorithm::Scrypt), SALT,
            "$scrypt$ln=16,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$sN5+Du3wIOIRJshyUxhTF5UhT9+D03rBKVf5TK+MEXw";
        scrypt_ln_10: scrypt_with(10), SALT,
            "$scrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$sa065z4bUeT1gEmrU1zJON3Y/KNvwH3NCFK/yfWXVjE";

        bcrypt_cost_12: default(Algorithm::Bcrypt), bcrypt_salt("abcdefghijklmnopqrstuu"),
            "$2b$12$abcdefghijklmnopqrstuu9zNJxFYpvCUUdI/CmwolyUayCkaU/V.";
        bcrypt_cost_4: bcrypt_with(4), bcrypt_salt("abcdefghijklmnopqrstuu"),
            "$2b$04$abcdefghijklmnopqrstuuetD7pPjMsPVYFWFIUUorW53cGfvCW.u";

        sha512_crypt: default(Algorithm::Sha512Crypt), sha_crypt_salt("abcdefghijklmnop"),
            "$6$rounds=50000$abcdefghijklmnop$L9iAh6cRPe9IFr.T6pk/jt8jwo.VpmPE56PeFbY2AwmtFBgfY9d/hDR3AtWGfaeysg5gyLwhpCoYFDy2r0NK9.";
        sha256_crypt: default(Algorithm::Sha256Crypt), sha_crypt_salt("abcdefghijklmnop"),
            "$5$rounds=50000$abcdefghijklmnop$OUC2noiywD9inja1zkmv2lneOOFFmI.Wxp4PPiygn19";
        sha512_crypt_1000_rounds: sha_crypt_with(ShaCryptVariant::Sha512, 1_000), sha_crypt_salt("abcdefghijklmnop"),
            "$6$rounds=1000$abcdefghijklmnop$r8j.kMCdMcdwW7EZMTgARMDnc4SHMFMy1s9K/T2awieppsjgSt6M.x5WkqfMF0pau2dyWdqyEwit6aSkrYTkr1";
    }
}

#[test]
fn the_table_holds_exactly_the_fixtures_independently_made_digests() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/reference/digest-vectors.md"
    );
    let fixture = std::fs::read_to_string(path).expect("the digest vectors fixture");
    // The table's rows: `| name | `digest` |`.
    let from_fixture: Vec<&str> = fixture
        .lines()
        .filter_map(|line| line.strip_prefix("| "))
        .filter_map(|row| row.split_once(" | `"))
        .filter_map(|(_, rest)| rest.strip_suffix("` |"))
        .collect();
    assert_eq!(from_fixture, reproduces_and_verifies::ALL);
}

/// A verdict without warnings: every vector is a digest as Authelia writes it.
fn plain(matches: bool) -> Result<Verdict, VerifyError> {
    Ok(Verdict {
        matches,
        warnings: Vec::new(),
    })
}

/// Authelia's default parameters for `algorithm`: most vectors use them.
fn default(algorithm: Algorithm) -> Params {
    Params::default_for(algorithm)
}

fn pbkdf2_with(hash: Pbkdf2Hash, iterations: u32) -> Params {
    Params::Pbkdf2(Pbkdf2Params { hash, iterations })
}

fn argon2id_with(memory_kib: u32, iterations: u32, parallelism: u32) -> Params {
    Params::Argon2(Argon2Params {
        memory_kib,
        iterations,
        parallelism,
        ..Argon2Params::default_for(Argon2Variant::Id)
    })
}

fn scrypt_with(ln: u8) -> Params {
    Params::Scrypt(ScryptParams {
        ln,
        ..ScryptParams::DEFAULT
    })
}

fn bcrypt_with(cost: u32) -> Params {
    Params::Bcrypt(BcryptParams { cost })
}

fn sha_crypt_with(variant: ShaCryptVariant, rounds: u32) -> Params {
    Params::ShaCrypt(ShaCryptParams { variant, rounds })
}

/// A PBKDF2 salt as Authelia writes it (standard base64 with `.` for `+`) as its bytes.
fn adapted_base64(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(text.replace('.', "+"))
        .expect("valid adapted base64")
}

/// bcrypt's salt text ("abcdefghijklmnopqrstuu") as the 16 bytes it encodes.
fn bcrypt_salt(text: &str) -> Vec<u8> {
    ::bcrypt::BASE_64.decode(text).expect("valid bcrypt salt")
}

/// SHA-crypt's salt text ("abcdefghijklmnop") as the 12 bytes it encodes.
fn sha_crypt_salt(text: &str) -> Vec<u8> {
    base64ct::Base64ShaCrypt::decode_vec(text).expect("valid SHA-crypt salt")
}

fn assert_reproduces_and_verifies(params: Params, salt: &[u8], expected: &str) {
    let digest = hash_with_salt(PLAINTEXT, &params, salt).expect("hashes");
    assert_eq!(digest, expected);
    assert_eq!(verify(expected, PLAINTEXT), plain(true), "{expected}");
    assert_eq!(
        verify(expected, "insecure_secreT"),
        plain(false),
        "{expected}"
    );
    let parsed = parse(expected).expect("parses");
    assert_eq!(parsed.params(), params);
}

#[test]
fn bcrypt_2a_and_2y_prefixes_verify_like_2b() {
    let digest = "$2b$04$abcdefghijklmnopqrstuuetD7pPjMsPVYFWFIUUorW53cGfvCW.u";
    for prefix in ["2a", "2y"] {
        let other = digest.replacen("2b", prefix, 1);
        assert_eq!(verify(&other, PLAINTEXT), plain(true), "{other}");
        assert_eq!(verify(&other, "nope"), plain(false), "{other}");
    }
}

#[test]
fn sha_crypt_without_rounds_field_uses_5000_rounds() {
    let params = sha_crypt_with(ShaCryptVariant::Sha512, 5_000);
    let with_rounds =
        hash_with_salt(PLAINTEXT, &params, &sha_crypt_salt("abcdefghijklmnop")).expect("hashes");
    let without = with_rounds.replace("rounds=5000$", "");
    assert_eq!(verify(&without, PLAINTEXT), plain(true), "{without}");
}
