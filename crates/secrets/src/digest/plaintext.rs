//! The deprecated `$plaintext$` form: the secret itself, marked so Authelia does not take
//! it for a digest. Authelia needs it only for `client_secret_jwt`, where it must know the
//! secret to check the client's signature.

/// The marker Authelia reads as "what follows is the secret itself".
pub(crate) const PREFIX: &str = "$plaintext$";

pub(crate) fn encode(plaintext: &str) -> String {
    format!("{PREFIX}{plaintext}")
}
