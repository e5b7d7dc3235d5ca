//! Reading a `jwks` entry's `key`: the PEM armor, its base64, and just enough of the DER
//! inside to tell what the key is: PKCS#8 (`PRIVATE KEY`, RSA or EC by its algorithm's
//! identifier), PKCS#1 (`RSA PRIVATE KEY`) or SEC1 (`EC PRIVATE KEY`), with the RSA
//! modulus's size and the EC curve. Nothing is verified cryptographically: the checker
//! catches keys that are cut, mislabelled, public, encrypted or too small.
//!
//! The DER reader reads a fixed shape (no recursion), each length checked against what is
//! left, so any input is read in one pass.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::authelia::{CURVES, MIN_RSA_BITS, oid};
use super::read::excerpt;

/// What a readable private key is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// An RSA key with a modulus of this many bits.
    Rsa {
        /// The modulus's size.
        bits: usize,
    },
    /// An ECDSA key on this curve.
    Ec {
        /// `P-256`, `P-384` or `P-521`.
        curve: &'static str,
    },
}

/// Why a key cannot be used as a `jwks` signing key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// No `-----BEGIN …-----` line, or no matching `-----END …-----`.
    NoArmor,
    /// A PEM block of a kind that is not a private key: `PUBLIC KEY`, `CERTIFICATE`, ….
    NotPrivate {
        /// The PEM label (one of the few the checker knows, so short).
        label: String,
    },
    /// A private key encrypted with a passphrase.
    Encrypted,
    /// A PEM label the checker does not know.
    UnknownLabel {
        /// The PEM label as the finding quotes it: cut to
        /// [`MAX_QUOTED_CHARS`](super::MAX_QUOTED_CHARS) like every quoted value, since
        /// a pasted label can be a megabyte long and the page lays the finding out.
        label: String,
    },
    /// More than one PEM block in one `key`.
    SeveralBlocks,
    /// The text between the armor lines is not base64.
    Base64,
    /// The decoded bytes are not the structure the label names.
    Structure {
        /// What was wrong, for people.
        what: &'static str,
    },
    /// An algorithm `jwks` does not take (e.g. Ed25519).
    UnsupportedAlgorithm,
    /// An EC curve `jwks` does not take.
    UnsupportedCurve,
    /// An RSA key smaller than [`MIN_RSA_BITS`].
    RsaTooSmall {
        /// The modulus's size.
        bits: usize,
    },
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::NoArmor => f.write_str(
                "the key is not a PEM block: it needs a `-----BEGIN … PRIVATE KEY-----` line, \
                 the base64 text, and the matching `-----END … PRIVATE KEY-----` line",
            ),
            KeyError::NotPrivate { label } => write!(
                f,
                "the key is a `{label}`, but Authelia signs with the private key: a public \
                 key or a certificate cannot sign"
            ),
            KeyError::Encrypted => f.write_str(
                "the private key is encrypted with a passphrase, and Authelia has no way to \
                 be given the passphrase",
            ),
            KeyError::UnknownLabel { label } => write!(
                f,
                "the PEM block is a `{label}`, which is not a private key Authelia reads"
            ),
            KeyError::SeveralBlocks => {
                f.write_str("the key holds more than one PEM block; it must hold exactly one")
            }
            KeyError::Base64 => f.write_str(
                "the text between the BEGIN and END lines is not valid base64: part of the \
                 key may be missing or altered",
            ),
            KeyError::Structure { what } => write!(
                f,
                "the key's contents do not have the structure its BEGIN line names ({what}): \
                 part of it may be missing"
            ),
            KeyError::UnsupportedAlgorithm => f.write_str(
                "the key is of a kind Authelia's jwks does not take (it takes RSA, and ECDSA \
                 on P-256, P-384 or P-521)",
            ),
            KeyError::UnsupportedCurve => f.write_str(
                "the ECDSA key is on a curve Authelia's jwks does not take (it takes P-256, \
                 P-384 and P-521)",
            ),
            KeyError::RsaTooSmall { bits } => write!(
                f,
                "the RSA key has {bits} bits; Authelia needs at least {MIN_RSA_BITS}"
            ),
        }
    }
}

/// The PEM labels of things that are not private keys.
const PUBLIC_LABELS: &[&str] = &["PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE"];

/// Reads a PEM private key and says what it is.
///
/// # Errors
/// A [`KeyError`] naming what is wrong.
pub fn read(pem: &str) -> Result<KeyKind, KeyError> {
    let (label, body, after) = armor(pem)?;
    if after.contains("-----BEGIN ") {
        return Err(KeyError::SeveralBlocks);
    }
    if PUBLIC_LABELS.contains(&label) {
        return Err(KeyError::NotPrivate {
            label: label.to_owned(),
        });
    }
    if label == "ENCRYPTED PRIVATE KEY" || body.contains("ENCRYPTED") {
        return Err(KeyError::Encrypted);
    }
    let base64: String = body
        .lines()
        .filter(|line| !line.contains(':'))
        .flat_map(|line| line.chars().filter(|c| !c.is_ascii_whitespace()))
        .collect();
    let der = STANDARD.decode(base64).map_err(|_| KeyError::Base64)?;
    let kind = match label {
        "PRIVATE KEY" => pkcs8(&der)?,
        "RSA PRIVATE KEY" => pkcs1(&der)?,
        "EC PRIVATE KEY" => sec1(&der)?,
        other => {
            return Err(KeyError::UnknownLabel {
                label: excerpt(other),
            });
        }
    };
    match kind {
        KeyKind::Rsa { bits } if bits < MIN_RSA_BITS => Err(KeyError::RsaTooSmall { bits }),
        kind => Ok(kind),
    }
}

/// The label, the text between the armor lines, and the text after the END line.
fn armor(pem: &str) -> Result<(&str, &str, &str), KeyError> {
    let start = pem.find("-----BEGIN ").ok_or(KeyError::NoArmor)?;
    let rest = pem
        .get(start + "-----BEGIN ".len()..)
        .ok_or(KeyError::NoArmor)?;
    let label_end = rest.find("-----").ok_or(KeyError::NoArmor)?;
    let label = rest.get(..label_end).ok_or(KeyError::NoArmor)?;
    let rest = rest
        .get(label_end + "-----".len()..)
        .ok_or(KeyError::NoArmor)?;
    let end_line = format!("-----END {label}-----");
    let body_end = rest.find(&end_line).ok_or(KeyError::NoArmor)?;
    let body = rest.get(..body_end).ok_or(KeyError::NoArmor)?;
    let after = rest.get(body_end + end_line.len()..).unwrap_or_default();
    Ok((label, body, after))
}

/// DER tags the shapes below use.
mod tag {
    pub const INTEGER: u8 = 0x02;
    pub const OCTET_STRING: u8 = 0x04;
    pub const OID: u8 = 0x06;
    pub const SEQUENCE: u8 = 0x30;
    /// `[0]`, constructed: SEC1's curve parameters.
    pub const CONTEXT_0: u8 = 0xa0;
}

/// Most bytes a DER length may be written in: four give lengths up to 4 GiB, more than
/// any paste holds; longer forms are refused rather than read into an overflowing number.
const MAX_LENGTH_BYTES: usize = 4;

/// A DER reader over a slice: each element's length is checked against what is left.
struct Der<'a> {
    rest: &'a [u8],
}

impl<'a> Der<'a> {
    fn new(bytes: &'a [u8]) -> Der<'a> {
        Der { rest: bytes }
    }

    /// The next element's tag, without reading it.
    fn peek(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// The next element, which must have tag `want`: its contents.
    fn take(&mut self, want: u8, what: &'static str) -> Result<&'a [u8], KeyError> {
        let bad = KeyError::Structure { what };
        let (&tag, rest) = self.rest.split_first().ok_or(bad.clone())?;
        if tag != want {
            return Err(bad);
        }
        let (&first, mut rest) = rest.split_first().ok_or(bad.clone())?;
        let length = if first < 0x80 {
            usize::from(first)
        } else {
            let count = usize::from(first & 0x7f);
            if count == 0 || count > MAX_LENGTH_BYTES {
                return Err(bad);
            }
            let (digits, after) = rest.split_at_checked(count).ok_or(bad.clone())?;
            rest = after;
            digits
                .iter()
                .try_fold(0usize, |n, &d| {
                    n.checked_mul(256)?.checked_add(usize::from(d))
                })
                .ok_or(bad.clone())?
        };
        let (contents, after) = rest.split_at_checked(length).ok_or(bad)?;
        self.rest = after;
        Ok(contents)
    }

    /// Whether every byte was read.
    fn done(&self) -> bool {
        self.rest.is_empty()
    }
}

/// PKCS#8 `PrivateKeyInfo` (RFC 5208): version, algorithm identifier, the key.
fn pkcs8(der: &[u8]) -> Result<KeyKind, KeyError> {
    let mut outer = Der::new(der);
    let mut info = Der::new(outer.take(tag::SEQUENCE, "a PKCS#8 private key")?);
    if !outer.done() {
        return Err(KeyError::Structure {
            what: "bytes after the PKCS#8 private key",
        });
    }
    info.take(tag::INTEGER, "the PKCS#8 version")?;
    let mut algorithm = Der::new(info.take(tag::SEQUENCE, "the PKCS#8 algorithm")?);
    let id = algorithm.take(tag::OID, "the PKCS#8 algorithm's identifier")?;
    let curve = if id == oid::EC {
        Some(algorithm.take(tag::OID, "the EC curve's identifier")?)
    } else {
        None
    };
    let inner = info.take(tag::OCTET_STRING, "the PKCS#8 key itself")?;
    match curve {
        Some(curve) => curve_named(curve).map(|curve| KeyKind::Ec { curve }),
        None if id == oid::RSA => pkcs1(inner),
        None => Err(KeyError::UnsupportedAlgorithm),
    }
}

/// PKCS#1 `RSAPrivateKey` (RFC 8017 A.1.2): version, modulus, public and private
/// exponents, and the rest.
fn pkcs1(der: &[u8]) -> Result<KeyKind, KeyError> {
    let mut outer = Der::new(der);
    let mut key = Der::new(outer.take(tag::SEQUENCE, "an RSA private key")?);
    key.take(tag::INTEGER, "the RSA key's version")?;
    let modulus = key.take(tag::INTEGER, "the RSA modulus")?;
    key.take(tag::INTEGER, "the RSA public exponent")?;
    // A public key (`n`, `e`) stops here; a private one goes on.
    key.take(tag::INTEGER, "the RSA private exponent")?;
    Ok(KeyKind::Rsa {
        bits: bits(modulus),
    })
}

/// SEC1 `ECPrivateKey` (RFC 5915): version, the private scalar, the curve (optional).
fn sec1(der: &[u8]) -> Result<KeyKind, KeyError> {
    let mut outer = Der::new(der);
    let mut key = Der::new(outer.take(tag::SEQUENCE, "an EC private key")?);
    key.take(tag::INTEGER, "the EC key's version")?;
    let scalar = key.take(tag::OCTET_STRING, "the EC private key itself")?;
    if key.peek() == Some(tag::CONTEXT_0) {
        let mut parameters = Der::new(key.take(tag::CONTEXT_0, "the EC curve")?);
        let curve = parameters.take(tag::OID, "the EC curve's identifier")?;
        return curve_named(curve).map(|curve| KeyKind::Ec { curve });
    }
    CURVES
        .iter()
        .find(|(_, _, length)| *length == scalar.len())
        .map(|(_, name, _)| KeyKind::Ec { curve: name })
        .ok_or(KeyError::UnsupportedCurve)
}

/// The name of the curve with this OID, among those `jwks` takes.
fn curve_named(id: &[u8]) -> Result<&'static str, KeyError> {
    CURVES
        .iter()
        .find(|(curve, _, _)| *curve == id)
        .map(|(_, name, _)| *name)
        .ok_or(KeyError::UnsupportedCurve)
}

/// The size in bits of a DER INTEGER's value (leading zero bytes are padding).
fn bits(integer: &[u8]) -> usize {
    let start = integer
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(integer.len());
    let significant = integer.get(start..).unwrap_or_default();
    match significant.first() {
        None => 0,
        Some(&top) => {
            (significant.len() - 1) * 8 + usize::try_from(8 - top.leading_zeros()).unwrap_or(8)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_skip_padding() {
        assert_eq!(bits(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(bits(&[0x01]), 1);
        assert_eq!(bits(&[]), 0);
    }

    #[test]
    fn lengths_past_the_end_are_refused() {
        let mut der = Der::new(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x00]);
        assert!(der.take(tag::SEQUENCE, "x").is_err());
        let mut der = Der::new(&[0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert!(der.take(tag::SEQUENCE, "x").is_err());
    }

    #[test]
    fn text_without_armor_is_not_a_key() {
        assert_eq!(read("MIIEvQIBADANBg"), Err(KeyError::NoArmor));
    }
}
