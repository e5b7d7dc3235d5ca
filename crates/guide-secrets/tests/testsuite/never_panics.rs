//! Whatever is pasted, reading and checking it returns an answer and never panics; whatever
//! a digest or a secret asks for, the work done stays within the limits or is refused with
//! a reason that names the limit.

use guide_secrets::digest::{
    Argon2Params, Argon2Variant, BcryptParams, Pbkdf2Hash, Pbkdf2Params, ScryptParams,
    ShaCryptParams, ShaCryptVariant,
};
use guide_secrets::{MAX_SECRET_BYTES, Params, VerifyError, WorkLimits, parse, verify_with_limits};
use proptest::prelude::*;

/// Valid digests with the cheapest parameters, to mutate.
const SEEDS: &[&str] = &[
    "$pbkdf2-sha512$1000$AAECAwQFBgcICQoLDA0ODw$bX02e1.4QCbRRSRFX2YNm37G2s41QKBPJglmAxCo.OT1TIovl53vt53hze/IWFrLP7esTBdJkDk0gR67apRgMg",
    // Key computed independently with Python's hashlib.pbkdf2_hmac.
    "$pbkdf2$1000$AAECAwQFBgcICQoLDA0ODw$bv5wUJdo2yWLKcMPZBF/1bT7BbU",
    "$argon2id$v=19$m=1024,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$wVTuP01dnI2N8G1Wb1FpJKa9Q1WEX0H/Q+fG6xCZJBU",
    "$scrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$sa065z4bUeT1gEmrU1zJON3Y/KNvwH3NCFK/yfWXVjE",
    "$2b$04$abcdefghijklmnopqrstuuetD7pPjMsPVYFWFIUUorW53cGfvCW.u",
    "$6$rounds=1000$abcdefghijklmnop$r8j.kMCdMcdwW7EZMTgARMDnc4SHMFMy1s9K/T2awieppsjgSt6M.x5WkqfMF0pau2dyWdqyEwit6aSkrYTkr1",
    "$5$rounds=50000$abcdefghijklmnop$OUC2noiywD9inja1zkmv2lneOOFFmI.Wxp4PPiygn19",
    "$plaintext$insecure_secret",
];

/// Small ceilings so a mutation that raises a cost (`$2b$04$` → `$2b$24$`) is refused
/// rather than computed.
const CHEAP: WorkLimits = WorkLimits {
    pbkdf2_iterations: 10_000,
    argon2_memory_kib: 4_096,
    argon2_work: 40_000,
    scrypt_memory_bytes: 1 << 22,
    scrypt_work: 1 << 15,
    scrypt_pbkdf2_compressions: 1 << 16,
    bcrypt_cost: 6,
    sha_crypt_compressions: 250_000,
};

fn check(input: &str) {
    let _ = parse(input).map(|p| (p.params(), p.warnings()));
    match verify_with_limits(input, "insecure_secret", &CHEAP) {
        Ok(verdict) => assert!(!verdict.to_string().is_empty()),
        Err(reason) => assert!(!reason.to_string().is_empty()),
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, char),
    Delete(usize),
    Insert(usize, char),
    Truncate(usize),
}

fn mutate(seed: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for m in mutations {
        let len = chars.len().max(1);
        match *m {
            Mutation::Replace(i, c) => {
                if let Some(slot) = chars.get_mut(i % len) {
                    *slot = c;
                }
            }
            Mutation::Delete(i) if !chars.is_empty() => {
                chars.remove(i % len);
            }
            Mutation::Insert(i, c) => chars.insert(i % (chars.len() + 1), c),
            Mutation::Truncate(i) => chars.truncate(i % len),
            _ => {}
        }
    }
    chars.into_iter().collect()
}

fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(vec![
            '$', '=', ',', '.', '/', '+', '0', '9', 'a', ' ', '\'', 'é'
        ]),
        any::<char>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), interesting_char()).prop_map(|(i, c)| Mutation::Replace(i, c)),
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), interesting_char()).prop_map(|(i, c)| Mutation::Insert(i, c)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(input in any::<String>()) {
        check(&input);
    }

    #[test]
    fn dollar_shaped_text_never_panics(input in "\\$[a-z0-9$=,./+-]{0,120}") {
        check(&input);
    }

    #[test]
    fn mutated_valid_digests_never_panic(
        seed in prop::sample::select(SEEDS),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        check(&mutate(seed, &mutations));
    }

    #[test]
    fn secrets_of_any_length_are_checked_or_refused_naming_the_cap(
        seed in prop::sample::select(SEEDS),
        length in 0..3 * MAX_SECRET_BYTES,
    ) {
        let verdict = verify_with_limits(seed, &"a".repeat(length), &CHEAP);
        if length > MAX_SECRET_BYTES {
            let Err(VerifyError::SecretTooLong(reason)) = verdict else {
                panic!("a {length}-byte secret was checked: {verdict:?}");
            };
            prop_assert!(reason.to_string().contains(&MAX_SECRET_BYTES.to_string()));
        } else if let Err(reason) = verdict {
            prop_assert!(matches!(reason, VerifyError::TooCostly(_)), "{reason}");
        }
    }

    #[test]
    fn limits_weigh_any_parameters_without_overflowing(
        params in any_params(),
        secret_bytes in any::<usize>(),
    ) {
        for limits in [WorkLimits::BROWSER, CHEAP] {
            if let Err(refusal) = limits.admit(&params, secret_bytes) {
                prop_assert!(refusal.value > refusal.limit, "{refusal}");
                prop_assert!(refusal.to_string().contains(&refusal.limit.to_string()));
            }
        }
    }
}

proptest! {
    // Each case may compute a (cheap) SHA-crypt or Argon2 hash: fewer of them.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn sha_crypt_is_computed_only_within_its_compression_limit(
        sha512 in any::<bool>(),
        rounds in prop_oneof![1_000..4_000u32, 1_000..=999_999_999u32],
        length in 1..=MAX_SECRET_BYTES,
    ) {
        let (identifier, hash_chars) = if sha512 { ("6", 86) } else { ("5", 43) };
        let digest = format!("${identifier}$rounds={rounds}$abcdefgh${}", ".".repeat(hash_chars));
        match verify_with_limits(&digest, &"a".repeat(length), &CHEAP) {
            Ok(verdict) if !verdict.matches => {}
            Err(VerifyError::TooCostly(reason)) => {
                prop_assert_eq!(reason.limit, CHEAP.sha_crypt_compressions);
                prop_assert!(reason.value > reason.limit);
            }
            other => prop_assert!(false, "{digest}: {other:?}"),
        }
    }

    #[test]
    fn argon2_memory_is_allocated_only_within_its_limit(
        memory_kib in prop_oneof![8..8_192u32, any::<u32>()],
        iterations in 1..4u32,
    ) {
        let digest = format!(
            "$argon2id$v=19$m={memory_kib},t={iterations},p=1$AAECAwQFBgcICQoLDA0ODw$AAECAwQFBgcICQoLDA0ODw"
        );
        match verify_with_limits(&digest, "insecure_secret", &CHEAP) {
            Ok(verdict) if !verdict.matches => {
                prop_assert!(memory_kib <= CHEAP.argon2_memory_kib);
            }
            Err(VerifyError::TooCostly(reason)) => {
                prop_assert!(reason.value > reason.limit, "{reason}");
            }
            // Under Argon2's 8 KiB minimum: Authelia would not read it either.
            Err(VerifyError::Parse(_)) => prop_assert!(memory_kib < 8),
            other => prop_assert!(false, "{digest}: {other:?}"),
        }
    }
}

/// Parameters of every family with any values, checked or not.
fn any_params() -> impl Strategy<Value = Params> {
    let pbkdf2 = any::<u32>().prop_map(|iterations| {
        Params::Pbkdf2(Pbkdf2Params {
            hash: Pbkdf2Hash::Sha512,
            iterations,
        })
    });
    let argon2 = any::<(u32, u32, u32, u32)>().prop_map(|(m, t, p, key_length)| {
        Params::Argon2(Argon2Params {
            variant: Argon2Variant::Id,
            memory_kib: m,
            iterations: t,
            parallelism: p,
            key_length,
        })
    });
    let scrypt =
        any::<(u8, u32, u32, u32)>().prop_map(|(ln, block_size, parallelism, key_length)| {
            Params::Scrypt(ScryptParams {
                ln,
                block_size,
                parallelism,
                key_length,
            })
        });
    let bcrypt = any::<u32>().prop_map(|cost| Params::Bcrypt(BcryptParams { cost }));
    let sha_crypt = (any::<bool>(), any::<u32>()).prop_map(|(sha512, rounds)| {
        let variant = if sha512 {
            ShaCryptVariant::Sha512
        } else {
            ShaCryptVariant::Sha256
        };
        Params::ShaCrypt(ShaCryptParams { variant, rounds })
    });
    prop_oneof![
        pbkdf2,
        argon2,
        scrypt,
        bcrypt,
        sha_crypt,
        Just(Params::Plaintext)
    ]
}

#[test]
fn unmutated_seeds_all_match() {
    for seed in SEEDS {
        assert_eq!(
            verify_with_limits(seed, "insecure_secret", &CHEAP).map(|v| v.matches),
            Ok(true),
            "{seed}"
        );
    }
}
