//! The `configuration.yml` that Authelia's block gives on the page: what its "Download
//! configuration.yml" saves and its Copy copies. It is the guide's client block for the
//! reader's values (the digest in its YAML form), with the provider block merged in once
//! the reader has generated one (`provider::merge`).
//!
//! Pure, tested natively: the page (`app::code_block`, through `app::configuration_tools`,
//! which keeps the reader's provider block) resolves the block and calls
//! [`configuration_file`]; the tests below build the same file for the project's Matomo
//! guide and validate it against Authelia's published JSON schema of `configuration.yml`
//! (tests/fixtures/authelia-schema/), so that what the page hands the reader is a file
//! Authelia's own schema accepts.

use crate::provider_block;

/// `configuration.yml` as Authelia reads it: `client_block` (the guide's block for the
/// reader's values, the digest written for YAML) with `provider_block` merged in. An
/// empty `provider_block` (none generated yet), or one that cannot be merged, leaves the
/// client block as it is.
pub fn configuration_file(client_block: String, provider_block: &str) -> String {
    provider_block::merge(&client_block, provider_block).unwrap_or(client_block)
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use guide_engine::{Document, Values, resolve_all};
    use guide_secrets::digest::{
        Algorithm, Argon2Params, BcryptParams, PBKDF2_MIN_ITERATIONS, Params, Pbkdf2Params,
        ScryptParams, ShaCryptParams,
    };
    use guide_secrets::escape::WrittenFor;

    use super::*;
    use crate::digest_state::DigestState;
    use crate::provider_block::{HMAC_SECRET_LENGTH, Provider, SigningKey};

    /// The schema's `$id`, under which the validator holds it.
    const SCHEMA_ID: &str = "https://www.authelia.com/schemas/v4.39/json-schema/configuration.json";

    /// Authelia v4.39's schema of `configuration.yml`, compiled once for all the tests.
    fn schema() -> &'static (boon::Schemas, boon::SchemaIndex) {
        static SCHEMA: OnceLock<(boon::Schemas, boon::SchemaIndex)> = OnceLock::new();
        SCHEMA.get_or_init(|| {
            let text = include_str!("../tests/fixtures/authelia-schema/v4.39/configuration.json");
            let json: serde_json::Value = serde_json::from_str(text).expect("the schema is JSON");
            let mut compiler = boon::Compiler::new();
            // Formats too (`uri` for the redirect URIs): 2020-12 makes them annotations
            // unless asked, and Authelia checks its addresses at start-up.
            compiler.enable_format_assertions();
            compiler
                .add_resource(SCHEMA_ID, json)
                .expect("the schema is added");
            let mut schemas = boon::Schemas::new();
            let index = compiler
                .compile(SCHEMA_ID, &mut schemas)
                .unwrap_or_else(|e| panic!("the schema compiles: {e:#}"));
            (schemas, index)
        })
    }

    /// Every error Authelia's schema finds in a `configuration.yml`, one line each; empty
    /// when it accepts the file. YAML becomes JSON as Authelia's schema tools read it.
    fn schema_errors(file: &str) -> Vec<String> {
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(file).unwrap_or_else(|e| panic!("not YAML ({e}):\n{file}"));
        let json = serde_json::to_value(yaml).expect("YAML maps to JSON");
        let (schemas, index) = schema();
        match schemas.validate(&json, *index) {
            Ok(()) => Vec::new(),
            Err(error) => format!("{error:#}")
                .lines()
                .skip(1)
                .map(str::to_owned)
                .collect(),
        }
    }

    fn matomo() -> Document {
        guide_engine::parse(include_str!("../guides/matomo.md")).expect("the guide parses")
    }

    /// The Matomo guide's download at its default values and example digest, with
    /// `provider` (a provider block, or empty).
    fn matomo_download(provider: &str) -> String {
        let document = matomo();
        download(
            &document,
            &Values::for_document(&document),
            &DigestState::Example,
            provider,
        )
    }

    /// The file the page's Download gives for `values` and the digest as the page shows it
    /// (`digest`), with `provider_block` (empty before the reader generates one).
    fn download(
        document: &Document,
        values: &Values,
        digest: &DigestState,
        provider_block: &str,
    ) -> String {
        let block = document.authelia_block().expect("Authelia's block");
        let digest = digest.text(WrittenFor::Yaml, document.default_digest());
        configuration_file(resolve_all(block, values, &digest), provider_block)
    }

    /// A provider block as the page's Provider section writes it (an RSA key and a P-256
    /// key beside it, PKCS#8 as WebCrypto exports them), with the test keys of
    /// tests/fixtures/configuration/.
    fn provider_block() -> String {
        let rsa = include_str!("../tests/fixtures/configuration/correct-whole.yml");
        let ec =
            include_str!("../tests/fixtures/configuration/correct-identity-providers-part.yml");
        let pkcs8 = |fixture: &str| -> Vec<String> {
            pems_in(fixture)
                .into_iter()
                .filter(|pem| pem.starts_with("-----BEGIN PRIVATE KEY-----\n"))
                .collect()
        };
        let key = |key_id: &str, algorithm, pem: Option<&String>| SigningKey {
            key_id: key_id.to_owned(),
            algorithm,
            pem: pem.expect("the fixture's PKCS#8 key").clone(),
        };
        Provider {
            hmac_secret: "a".repeat(HMAC_SECRET_LENGTH),
            keys: vec![
                key("abcdef0-rs256", "RS256", pkcs8(rsa).first()),
                key("1234567-es256", "ES256", pkcs8(ec).first()),
            ],
        }
        .block()
    }

    /// The PEM blocks of a YAML fixture, unindented.
    fn pems_in(text: &str) -> Vec<String> {
        let mut pems = Vec::new();
        let mut current: Option<String> = None;
        for line in text.lines().map(str::trim) {
            if line.starts_with("-----BEGIN ") {
                current = Some(String::new());
            }
            if let Some(pem) = current.as_mut() {
                pem.push_str(line);
                pem.push('\n');
            }
            if line.starts_with("-----END ") {
                pems.extend(current.take());
            }
        }
        pems
    }

    #[test]
    fn authelia_s_schema_accepts_the_matomo_guide_s_download_at_its_default_values() {
        let file = matomo_download("");
        assert!(file.contains("client_secret: '$pbkdf2-sha512$"), "{file}");
        assert_eq!(schema_errors(&file), Vec::<String>::new(), "{file}");
    }

    #[test]
    fn authelia_s_schema_accepts_the_download_with_the_generated_provider_merged_in() {
        let file = matomo_download(&provider_block());
        assert!(
            file.contains("    hmac_secret: '") && file.contains("    jwks:\n"),
            "{file}"
        );
        assert_eq!(schema_errors(&file), Vec::<String>::new(), "{file}");
    }

    /// Authelia's default parameters for `algorithm` with the work cut to little: the
    /// digest is written in the same shape, which is all the schema checks, and the test
    /// takes a fraction of the time.
    fn cheap(algorithm: Algorithm) -> Params {
        match Params::default_for(algorithm) {
            Params::Pbkdf2(p) => Params::Pbkdf2(Pbkdf2Params {
                iterations: PBKDF2_MIN_ITERATIONS,
                ..p
            }),
            Params::Argon2(p) => Params::Argon2(Argon2Params {
                memory_kib: 64,
                iterations: 1,
                ..p
            }),
            Params::Scrypt(p) => Params::Scrypt(ScryptParams { ln: 4, ..p }),
            // The least cost guide-secrets takes.
            Params::Bcrypt(_) => Params::Bcrypt(BcryptParams { cost: 10 }),
            Params::ShaCrypt(p) => Params::ShaCrypt(ShaCryptParams { rounds: 1000, ..p }),
            Params::Plaintext => Params::Plaintext,
        }
    }

    #[test]
    fn authelia_s_schema_accepts_the_reader_s_values_and_a_digest_of_each_algorithm() {
        let document = matomo();
        let mut values = Values::for_document(&document);
        values.set("client-id", "my-matomo.example_1");
        values.set("domain", "example.co.uk");
        // A `'` in the secret: a `$plaintext$` digest carries it into the block.
        for algorithm in Algorithm::ALL {
            let digest = guide_secrets::hash("a reader's secret", &cheap(algorithm))
                .unwrap_or_else(|e| panic!("{algorithm:?}: {e}"));
            let state = DigestState::Ready {
                algorithm,
                digest,
                ms: 0.0,
            };
            let file = download(&document, &values, &state, "");
            assert!(file.contains("client_id: 'my-matomo.example_1'"), "{file}");
            assert_eq!(
                schema_errors(&file),
                Vec::<String>::new(),
                "{algorithm:?}:\n{file}"
            );
        }
    }

    #[test]
    fn a_download_the_schema_refuses_is_reported_at_the_client_s_key() {
        // The validator is live: a wrong value, an address without its scheme (a `uri`
        // format) and an unknown key in the same download are each an error naming it.
        let file = matomo_download("");
        let broken = file.replace("'client_secret_post'", "'client_secret_posted'");
        let errors = schema_errors(&broken);
        assert!(
            errors.iter().any(
                |e| e.contains("/identity_providers/oidc/clients/0/token_endpoint_auth_method")
            ),
            "{errors:#?}"
        );
        let no_scheme = file.replace("'https://matomo.", "'matomo.");
        let errors = schema_errors(&no_scheme);
        assert!(
            errors
                .iter()
                .any(|e| e.contains("/identity_providers/oidc/clients/0/redirect_uris")),
            "{errors:#?}"
        );
        let unknown = file.replace(
            "        public: false\n",
            "        public: false\n        colour: 'blue'\n",
        );
        let errors = schema_errors(&unknown);
        assert!(errors.iter().any(|e| e.contains("'colour'")), "{errors:#?}");
    }

    #[test]
    fn without_a_provider_block_the_file_is_the_client_block() {
        let block = "identity_providers:\n  oidc:\n    clients:\n      - client_id: 'x'\n";
        assert_eq!(configuration_file(block.to_owned(), ""), block);
        let merged = configuration_file(block.to_owned(), &provider_block());
        assert!(
            merged.starts_with("identity_providers:\n  oidc:\n    hmac_secret: '"),
            "{merged}"
        );
        assert!(
            merged.ends_with("    clients:\n      - client_id: 'x'\n"),
            "{merged}"
        );
    }
}
