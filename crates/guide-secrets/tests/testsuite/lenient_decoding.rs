//! Digests read as leniently as Authelia reads them: Go's base64 decoders, which Authelia
//! uses without their `Strict` mode, ignore the unused bits of a field's last character.
//! Each test takes a valid digest, sets unused bits in the last character of its salt or
//! key, and checks the verdict Authelia would give.
//!
//! bcrypt's and SHA-crypt's hashes are the exception: Authelia keeps them as text and
//! compares text, so an altered last character matches no secret, and the verdict says why.

// Helpers outside #[test] functions: a panic there is still a test failing with a reason.
#![allow(clippy::expect_used)]

use guide_secrets::{Algorithm, CheckWarning, Verdict, VerifyError, verify};

const PLAINTEXT: &str = "insecure_secret";

/// `digest` with the last character of its `$`-separated field `field` (counted from the
/// end: 0 is the last field) replaced by `with`.
fn with_last_char(digest: &str, field_from_end: usize, with: char) -> String {
    let mut fields: Vec<String> = digest.split('$').map(str::to_owned).collect();
    let field = fields
        .iter_mut()
        .rev()
        .nth(field_from_end)
        .expect("the digest has that field");
    field.pop();
    field.push(with);
    fields.join("$")
}

fn plain(matches: bool) -> Result<Verdict, VerifyError> {
    Ok(Verdict {
        matches,
        warnings: Vec::new(),
    })
}

/// Checks that `digest` verifies as written and still does with each alteration, given as
/// (field counted from the end, new last character).
fn still_verifies(digest: &str, alterations: &[(usize, char)]) {
    assert_eq!(verify(digest, PLAINTEXT), plain(true), "{digest}");
    for &(field, with) in alterations {
        let altered = with_last_char(digest, field, with);
        assert_ne!(altered, digest);
        assert_eq!(verify(&altered, PLAINTEXT), plain(true), "{altered}");
        assert_eq!(
            verify(&altered, "insecure_secreT"),
            plain(false),
            "{altered}"
        );
    }
}

#[test]
fn pbkdf2_salt_and_key_with_unused_bits_set_still_verify() {
    // Salt: 16 bytes in 22 characters, 4 bits unused (`w` = 110000 → `x`, `/`).
    // Key: 64 bytes in 86 characters, 4 bits unused (`g` = 100000 → `h`, `v`).
    let digest = "$pbkdf2-sha512$1000$AAECAwQFBgcICQoLDA0ODw$bX02e1.4QCbRRSRFX2YNm37G2s41QKBPJglmAxCo.OT1TIovl53vt53hze/IWFrLP7esTBdJkDk0gR67apRgMg";
    still_verifies(digest, &[(1, 'x'), (1, '/'), (0, 'h'), (0, 'v')]);
}

#[test]
fn argon2_salt_and_key_with_unused_bits_set_still_verify() {
    // Key: 32 bytes in 43 characters, 2 bits unused (`U` = 010100 → `V`, `X`).
    let digest = "$argon2id$v=19$m=1024,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$wVTuP01dnI2N8G1Wb1FpJKa9Q1WEX0H/Q+fG6xCZJBU";
    still_verifies(digest, &[(1, 'x'), (1, '/'), (0, 'V'), (0, 'X')]);
}

#[test]
fn scrypt_salt_and_key_with_unused_bits_set_still_verify() {
    // Key: 32 bytes in 43 characters, 2 bits unused (`E` = 000100 → `F`, `H`).
    let digest =
        "$scrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$sa065z4bUeT1gEmrU1zJON3Y/KNvwH3NCFK/yfWXVjE";
    still_verifies(digest, &[(1, 'x'), (1, '/'), (0, 'F'), (0, 'H')]);
}

#[test]
fn bcrypt_salt_with_unused_bits_set_still_verifies() {
    // The reference vector's salt ends `…stuu`; here `…stuv`: in bcrypt's alphabet `u` is
    // 110000 and `v` 110001, and of the 22 characters' 132 bits only 128 are the salt.
    let digest = "$2b$04$abcdefghijklmnopqrstuvetD7pPjMsPVYFWFIUUorW53cGfvCW.u";
    assert_eq!(verify(digest, PLAINTEXT), plain(true));
    assert_eq!(verify(digest, "insecure_secreT"), plain(false));
}

#[test]
fn bcrypt_hash_with_unused_bits_set_matches_nothing_and_says_so() {
    // The hash's 31 characters carry 23 bytes and 2 unused bits: `u` = 110000 → `v`.
    let digest = "$2b$04$abcdefghijklmnopqrstuuetD7pPjMsPVYFWFIUUorW53cGfvCW.v";
    let verdict = verify(digest, PLAINTEXT);
    assert_eq!(
        verdict,
        Ok(Verdict {
            matches: false,
            warnings: vec![CheckWarning::AlteredHash {
                algorithm: Algorithm::Bcrypt
            }],
        })
    );
    let text = verdict.map(|v| v.to_string()).unwrap_or_default();
    assert!(
        text.starts_with("No match — and the last character"),
        "{text}"
    );
}

#[test]
fn sha_crypt_hash_with_unused_bits_set_matches_nothing_and_says_so() {
    // SHA-crypt's base64 is little-endian: a last character's unused bits are its high
    // ones. SHA-512's 64 bytes leave 4 unused (`1` = 000011 → `5`, 000111); SHA-256's 32
    // leave 2 (`9` = 001011 → `P`, 011011).
    for (digest, with, algorithm) in [
        (
            "$6$rounds=1000$abcdefghijklmnop$r8j.kMCdMcdwW7EZMTgARMDnc4SHMFMy1s9K/T2awieppsjgSt6M.x5WkqfMF0pau2dyWdqyEwit6aSkrYTkr1",
            '5',
            Algorithm::Sha512Crypt,
        ),
        (
            "$5$rounds=50000$abcdefghijklmnop$OUC2noiywD9inja1zkmv2lneOOFFmI.Wxp4PPiygn19",
            'P',
            Algorithm::Sha256Crypt,
        ),
    ] {
        assert_eq!(verify(digest, PLAINTEXT), plain(true), "{digest}");
        let altered = with_last_char(digest, 0, with);
        assert_eq!(
            verify(&altered, PLAINTEXT),
            Ok(Verdict {
                matches: false,
                warnings: vec![CheckWarning::AlteredHash { algorithm }],
            }),
            "{altered}"
        );
    }
}

#[test]
fn a_character_outside_the_alphabet_is_still_refused_by_name() {
    for digest in [
        "$pbkdf2-sha512$1000$AAECAwQFBgcICQoLDA0OD!$bX02e1.4QCbRRSRFX2YNm37G2s41QKBPJglmAxCo.OT1TIovl53vt53hze/IWFrLP7esTBdJkDk0gR67apRgMg",
        "$2b$04$abcdefghijklmnopqrstu+etD7pPjMsPVYFWFIUUorW53cGfvCW.u",
        "$2b$04$abcdefghijklmnopqrstuuetD7pPjMsPVYFWFIUUorW53cGfvCW.+",
        "$5$rounds=50000$abcdefghijklmnop$OUC2noiywD9inja1zkmv2lneOOFFmI.Wxp4PPiygn1+",
    ] {
        let Err(VerifyError::Parse(reason)) = verify(digest, PLAINTEXT) else {
            panic!("read: {digest}");
        };
        assert!(reason.to_string().contains("not valid base64"), "{reason}");
    }
}
