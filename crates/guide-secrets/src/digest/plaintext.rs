//! The deprecated `$plaintext$` form: the secret itself, marked so Authelia does not take
//! it for a digest. Authelia needs it only for `client_secret_jwt`, where it must know the
//! secret to check the client's signature.

use super::Algorithm;
use crate::parse::{ParseError, ParsedDigest};

/// The identifier between the first two `$`.
pub(crate) const IDENTIFIER: &str = "plaintext";

/// Writes the marked form of `plaintext`.
pub(crate) fn encode(plaintext: &str) -> String {
    format!("${IDENTIFIER}${plaintext}")
}

/// Reads what follows `$plaintext$`: the secret, which may contain anything, `$` included.
pub(crate) fn parse(secret: &str) -> Result<ParsedDigest, ParseError> {
    if secret.is_empty() {
        return Err(ParseError::Malformed {
            algorithm: Algorithm::Plaintext,
            expected: encode("SECRET"),
        });
    }
    Ok(ParsedDigest::Plaintext {
        secret: secret.to_owned(),
        marked: true,
    })
}
