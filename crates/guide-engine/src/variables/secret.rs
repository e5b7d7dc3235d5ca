//! Which variables are secrets, by what their names and labels say, not by one spelling.
//!
//! A guide may call its own variable `client_secret`, `clientSecret`, `api_key` or
//! "Access Token"; each is as secret as the project's `client-secret`, and no address
//! may carry it. The rule, written once here:
//!
//! 1. A name or label is cut into lower-case words at every character that is not a
//!    letter or digit (`-`, `_`, `.`, spaces) and between camel-case humps
//!    (`clientSecret` → `client secret`, `APIKey` → `api key`).
//! 2. It names a secret when one of its words is a secret term, or ends with one
//!    (`clientsecret`, `dbpassword`): `secret(s)`, `password(s)`, `passwd`,
//!    `passphrase`, `token(s)`, `credential(s)`, `apikey`, `privatekey`; or when two
//!    words in a row are `api key`, `private key`, `secret key`, `signing key`,
//!    `encryption key`, `access key`, `master key`, `session key` or `hmac key`.
//! 3. Unless a word after the last such term says the value is *about* the secret, not
//!    the secret itself: `secret-length`, `password_file`, `token_url`,
//!    `token_endpoint_auth_method`, `api_key_id`, `client_secret_digest`, … (see
//!    [`DESCRIBERS`]).
//!
//! A variable is secret when its name or its label is. `client-id`, `domain` and
//! `secret-length` are not. The bias is towards secret: calling a value secret only
//! keeps it out of addresses and shared links, while missing one would leak it.

/// Words that name a secret, alone or as the end of a joined word (`clientsecret`).
const SECRET_WORDS: [&str; 14] = [
    "secret",
    "secrets",
    "password",
    "passwords",
    "passwd",
    "passphrase",
    "token",
    "tokens",
    "credential",
    "credentials",
    "apikey",
    "privatekey",
    "secretkey",
    "accesskey",
];

/// Words that, before `key`, make it a secret key.
const KEY_QUALIFIERS: [&str; 9] = [
    "api",
    "private",
    "secret",
    "signing",
    "encryption",
    "access",
    "master",
    "session",
    "hmac",
];

/// Words that, after a secret term, make the value something about the secret rather
/// than the secret: its size, where it is kept, its name, how it is checked or when it
/// expires.
const DESCRIBERS: [&str; 30] = [
    "length",
    "len",
    "size",
    "bits",
    "bytes",
    "file",
    "path",
    "dir",
    "url",
    "uri",
    "endpoint",
    "name",
    "id",
    "type",
    "kind",
    "format",
    "method",
    "algorithm",
    "alg",
    "hash",
    "digest",
    "policy",
    "ttl",
    "lifespan",
    "lifetime",
    "expiry",
    "expiration",
    "age",
    "timeout",
    "env",
];

/// Whether a variable named `name` and labelled `label` holds a secret (see the module
/// documentation for the rule).
pub fn is_secret(name: &str, label: &str) -> bool {
    names_secret(name) || names_secret(label)
}

/// Whether one name or label names a secret.
fn names_secret(text: &str) -> bool {
    let words = words(text);
    let mut last_term = None;
    for (i, word) in words.iter().enumerate() {
        let term = SECRET_WORDS.iter().any(|s| word.ends_with(s))
            || (word == "key"
                && i.checked_sub(1)
                    .and_then(|p| words.get(p))
                    .is_some_and(|before| KEY_QUALIFIERS.contains(&before.as_str())));
        if term {
            last_term = Some(i);
        }
    }
    let Some(last) = last_term else {
        return false;
    };
    !words
        .get(last + 1..)
        .unwrap_or_default()
        .iter()
        .any(|w| DESCRIBERS.contains(&w.as_str()))
}

/// Lower-case words: cut at anything but ASCII letters and digits, and between
/// camel-case humps (`clientSecret`, `APIKey`, `OAuth2ClientSecret`). ASCII only: the
/// words that mean a secret are English, and Unicode's case tables cost the page's
/// download 9 kB (gzip), measured with `label_for`'s; another script's letters separate words.
fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for part in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let chars: Vec<char> = part.chars().collect();
        let mut word = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).and_then(|p| chars.get(p));
            let next = chars.get(i + 1);
            // A hump: `tS` in `clientSecret`, or `IK` before `e` in `APIKey`.
            let hump = c.is_ascii_uppercase()
                && prev.is_some_and(|p| {
                    p.is_ascii_lowercase()
                        || p.is_ascii_digit()
                        || (p.is_ascii_uppercase() && next.is_some_and(char::is_ascii_lowercase))
                });
            if hump && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            word.push(c.to_ascii_lowercase());
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cut_into_words_at_separators_and_humps() {
        assert_eq!(words("client-secret"), ["client", "secret"]);
        assert_eq!(words("clientSecret"), ["client", "secret"]);
        assert_eq!(words("APIKey"), ["api", "key"]);
        assert_eq!(
            words("OAuth2ClientSecret"),
            ["o", "auth2", "client", "secret"]
        );
        assert_eq!(words("Access Token"), ["access", "token"]);
        assert_eq!(words("API_KEY"), ["api", "key"]);
    }

    #[test]
    fn secrets_are_known_by_any_spelling() {
        for name in [
            "client-secret",
            "client_secret",
            "clientSecret",
            "CLIENT_SECRET",
            "clientsecret",
            "secret",
            "password",
            "db-password",
            "passwd",
            "passphrase",
            "token",
            "access_token",
            "refresh-token",
            "api_key",
            "apikey",
            "ApiKey",
            "private_key",
            "privateKey",
            "secret_key_base",
            "signing-key",
            "credentials",
            "Client Secret",
        ] {
            assert!(is_secret(name, ""), "{name}");
        }
    }

    #[test]
    fn values_about_a_secret_and_other_values_are_not_secrets() {
        for name in [
            "client-id",
            "domain",
            "secret-length",
            "password_file",
            "token_url",
            "token_endpoint_auth_method",
            "api_key_id",
            "client_secret_digest",
            "privateKeyPath",
            "passwordless",
            "key",
            "monkey",
            "tokenizer",
        ] {
            assert!(!is_secret(name, ""), "{name}");
        }
    }

    #[test]
    fn a_label_that_names_a_secret_makes_the_variable_secret() {
        assert!(is_secret("x1", "Client Secret"));
        assert!(!is_secret("x1", "Client ID"));
    }
}
