//! What a reader pastes goes wrong in known ways; each gets a message that says what to
//! remove or change.

// Helpers outside #[test] functions: a panic there is still a test failing with a reason.
#![allow(clippy::expect_used)]

use guide_secrets::digest::Pbkdf2Hash;
use guide_secrets::{Algorithm, CheckWarning, ParseError, ParsedDigest, escape, parse, verify};

const DIGEST: &str = "$pbkdf2-sha512$1000$AAECAwQFBgcICQoLDA0ODw$bX02e1.4QCbRRSRFX2YNm37G2s41QKBPJglmAxCo.OT1TIovl53vt53hze/IWFrLP7esTBdJkDk0gR67apRgMg";

fn message(input: &str) -> String {
    parse(input).expect_err("refused").to_string()
}

#[test]
fn clean_digest_parses_to_its_parts() {
    let parsed = parse(DIGEST).expect("parses");
    assert_eq!(parsed.algorithm(), Algorithm::Pbkdf2Sha512);
    let ParsedDigest::Pbkdf2 { params, salt, key } = parsed else {
        panic!("not PBKDF2");
    };
    assert_eq!(params.hash, Pbkdf2Hash::Sha512);
    assert_eq!(params.iterations, 1000);
    assert_eq!(salt, (0u8..16).collect::<Vec<_>>());
    assert_eq!(key.len(), 64);
}

#[test]
fn digest_label_is_named_and_explained() {
    assert_eq!(
        message(&format!("Digest: {DIGEST}")),
        "Remove the leading `Digest: ` label — paste only the part starting with `$`."
    );
    assert_eq!(
        parse(&format!("digest:{DIGEST}")),
        Err(ParseError::DigestLabel)
    );
}

#[test]
fn surrounding_quotes_are_named() {
    for quote in ['\'', '"'] {
        let quoted = format!("{quote}{DIGEST}{quote}");
        assert_eq!(parse(&quoted), Err(ParseError::Quoted { quote }));
        assert!(message(&quoted).starts_with("Remove the surrounding quotes"));
        assert_eq!(
            parse(&format!("{quote}{DIGEST}")),
            Err(ParseError::StrayQuote { quote })
        );
        assert_eq!(
            parse(&format!("{DIGEST}{quote}")),
            Err(ParseError::StrayQuote { quote })
        );
    }
}

#[test]
fn surrounding_white_space_is_named() {
    for input in [
        format!(" {DIGEST}"),
        format!("{DIGEST}\n"),
        format!("\t{DIGEST} "),
    ] {
        assert_eq!(parse(&input), Err(ParseError::SurroundingWhitespace));
    }
    assert!(message(&format!("{DIGEST} ")).starts_with("Remove the white space"));
}

#[test]
fn docker_compose_doubled_dollars_are_detected_and_explained() {
    let doubled = DIGEST.replace('$', "$$");
    assert_eq!(parse(&doubled), Err(ParseError::DoubledDollars));
    assert!(message(&doubled).contains("replace every `$$` with `$`"));
}

#[test]
fn value_without_dollar_is_read_as_deprecated_plaintext_with_a_warning() {
    let parsed = parse("my-client-secret").expect("Authelia reads it");
    assert_eq!(parsed.algorithm(), Algorithm::Plaintext);
    let warnings = parsed.warnings();
    assert_eq!(warnings, [CheckWarning::Plaintext { marked: false }]);
    let advice = warnings
        .first()
        .map(CheckWarning::advice)
        .unwrap_or_default();
    assert!(advice.contains("plain text (deprecated)"), "{advice}");
}

#[test]
fn marked_plaintext_may_contain_dollars() {
    let parsed = parse("$plaintext$a$$b").expect("parses");
    assert_eq!(
        parsed,
        ParsedDigest::Plaintext {
            secret: "a$$b".to_owned(),
            marked: true
        }
    );
    assert_eq!(
        verify("$plaintext$a$$b", "a$$b").map(|v| v.matches),
        Ok(true)
    );
}

#[test]
fn unknown_algorithm_is_named() {
    let err = message("$md5$salt$hash");
    assert!(err.contains("`$md5$`"), "{err}");
    assert_eq!(
        parse("$2x$04$abcdefghijklmnopqrstuuetD7pPjMsPVYFWFIUUorW53cGfvCW.u"),
        Err(ParseError::UnsupportedBcryptVersion {
            version: "2x".to_owned()
        })
    );
}

#[test]
fn truncated_digest_reports_the_missing_part() {
    let truncated = &DIGEST[..DIGEST.rfind('$').expect("has $")];
    let err = message(truncated);
    assert!(err.contains("not a complete PBKDF2-SHA512 digest"), "{err}");
}

#[test]
fn incomplete_digest_message_spells_out_its_familys_layout() {
    for (incomplete, layout) in [
        ("$pbkdf2$1000", "$pbkdf2$ITERATIONS$SALT$KEY"),
        (
            "$argon2id$v=19$m=1024,t=1,p=1$AAECAwQFBgcICQoLDA0ODw",
            "$argon2id$v=19$m=MEMORY,t=ITERATIONS,p=PARALLELISM$SALT$KEY",
        ),
        (
            "$argon2id$v=19$m=1024,t=1$AAECAwQFBgcICQoLDA0ODw$AAECAwQFBgcICQoLDA0ODw",
            "$argon2id$v=19$m=MEMORY,t=ITERATIONS,p=PARALLELISM$SALT$KEY",
        ),
        (
            "$scrypt$ln=10,r=8,p=1",
            "$scrypt$ln=LN,r=BLOCK_SIZE,p=PARALLELISM$SALT$KEY",
        ),
        ("$2a$04", "$2a$COST$SALTHASH"),
        ("$6$rounds=1000", "$6$rounds=ROUNDS$SALT$HASH"),
        ("$5$x$y$z$w", "$5$rounds=ROUNDS$SALT$HASH"),
        ("$plaintext$", "$plaintext$SECRET"),
    ] {
        let err = message(incomplete);
        assert!(
            err.ends_with(&format!("expected `{layout}`.")),
            "{incomplete}: {err}"
        );
    }
}

#[test]
fn bad_base64_is_reported_per_field() {
    let bad = DIGEST.replace("AAECAwQFBgcICQoLDA0ODw", "AAECAwQF+gcICQoLDA0ODw");
    assert!(matches!(
        parse(&bad),
        Err(ParseError::BadEncoding { field: "salt", .. })
    ));
}

#[test]
fn out_of_range_parameters_are_refused_with_bounds() {
    let err = message("$2b$03$abcdefghijklmnopqrstuuetD7pPjMsPVYFWFIUUorW53cGfvCW.u");
    assert_eq!(
        err,
        "Authelia would refuse this digest: bcrypt cost must be between 4 and 31, not 3."
    );
    let err = message(
        "$6$rounds=999$abcdefghijklmnop$r8j.kMCdMcdwW7EZMTgARMDnc4SHMFMy1s9K/T2awieppsjgSt6M.x5WkqfMF0pau2dyWdqyEwit6aSkrYTkr1",
    );
    assert!(
        err.contains("SHA-crypt rounds must be between 1000 and 999999999"),
        "{err}"
    );
}

#[test]
fn argon2_without_version_19_is_refused() {
    let err = message(
        "$argon2id$v=16$m=1024,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$wVTuP01dnI2N8G1Wb1FpJKa9Q1WEX0H/Q+fG6xCZJBU",
    );
    assert!(err.contains("`v=19`"), "{err}");
    let err = message("$argon2i$m=1024,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$AAECAwQFBgcICQoLDA0ODw");
    assert!(err.contains("`no version`"), "{err}");
}

#[test]
fn too_costly_digest_is_unreadable_with_a_reason_not_computed() {
    let verdict = verify(
        "$2b$31$abcdefghijklmnopqrstuuetD7pPjMsPVYFWFIUUorW53cGfvCW.u",
        "x",
    );
    let Err(reason) = verdict else {
        panic!("computed 2^31 rounds?");
    };
    assert!(reason.to_string().contains("authelia crypto hash validate"));
}

#[test]
fn escaped_forms_round_trip_through_the_file_formats() {
    // YAML single quotes: strip the quotes, undouble `''`.
    let yaml = escape::yaml_single_quoted(DIGEST);
    assert_eq!(yaml[1..yaml.len() - 1].replace("''", "'"), DIGEST);
    // Compose: the YAML value with `$$` undone is the digest.
    let compose = escape::docker_compose(DIGEST);
    assert_eq!(compose[1..compose.len() - 1].replace("$$", "$"), DIGEST);
    assert_eq!(escape::dotenv(DIGEST), format!("'{DIGEST}'"));
}
