//! Whatever is pasted, reading and checking it returns an answer and never panics.

use guide_secrets::{Verdict, WorkLimits, parse, verify_with_limits};
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
    bcrypt_cost: 6,
    sha_crypt_compressions: 250_000,
};

fn check(input: &str) {
    let _ = parse(input).map(|p| (p.params(), p.warning()));
    let verdict = verify_with_limits(input, "insecure_secret", &CHEAP);
    if let Verdict::Unreadable(reason) = verdict {
        assert!(!reason.to_string().is_empty());
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
}

#[test]
fn unmutated_seeds_all_match() {
    for seed in SEEDS {
        assert_eq!(
            verify_with_limits(seed, "insecure_secret", &CHEAP),
            Verdict::Match,
            "{seed}"
        );
    }
}
