//! A long unbroken word in a pasted configuration: a `jwks` key whose PEM label
//! is hundreds of kilobytes long is quoted cut to [`MAX_QUOTED_CHARS`], so the page never
//! lays out the label whole. The fixture is `tests/fixtures/hostile/long-pem-label.yml`;
//! the browser side is `tests/browser/long-words.test.mjs`.

use authelia_check::configuration::{self, Expected, MAX_QUOTED_CHARS};

/// The project's root, where tests/fixtures/ lives.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn hostile(name: &str) -> String {
    let path = format!("{ROOT}/tests/fixtures/hostile/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `long-pem-label.yml` with its key's PEM label (`AV` in the file) written as `label`.
fn with_label(label: &str) -> String {
    hostile("long-pem-label.yml")
        .replace("-----BEGIN AV-----", &format!("-----BEGIN {label}-----"))
        .replace("-----END AV-----", &format!("-----END {label}-----"))
}

/// The findings' problems for a pasted configuration, checked against a guide that
/// expects the client `matomo`.
fn problems(pasted: &str) -> Vec<(Option<u32>, String)> {
    configuration::check(
        pasted,
        &Expected {
            client_id: "matomo",
            guide_block: "",
            ..Expected::default()
        },
    )
    .findings
    .into_iter()
    .map(|f| (f.line, f.problem))
    .collect()
}

#[test]
fn a_short_unknown_pem_label_is_quoted_whole() {
    let found = problems(&with_label("AV"));
    assert!(
        found.contains(&(
            Some(42),
            "This `jwks` key cannot be used: the PEM block is a `AV`, which is not a private \
             key Authelia reads."
                .to_owned()
        )),
        "{found:#?}"
    );
}

#[test]
fn a_200_000_character_pem_label_is_quoted_cut_to_max_quoted_chars() {
    for chars in [200_000, 990_000] {
        let label = "AV".repeat(chars / 2);
        let found = problems(&with_label(&label));
        let cut: String = label.chars().take(MAX_QUOTED_CHARS).collect();
        assert!(
            found.contains(&(
                Some(42),
                format!(
                    "This `jwks` key cannot be used: the PEM block is a `{cut}…`, which is not \
                     a private key Authelia reads."
                )
            )),
            "{chars} characters: {:?}",
            found
                .iter()
                .map(|(line, p)| (line, p.chars().take(300).collect::<String>()))
                .collect::<Vec<_>>()
        );
        // Nothing else quotes it either: every finding is short.
        for (line, problem) in &found {
            assert!(
                problem.chars().count() < 2 * MAX_QUOTED_CHARS + 200,
                "{chars} characters: the finding on line {line:?} is {} characters",
                problem.chars().count()
            );
        }
    }
}
