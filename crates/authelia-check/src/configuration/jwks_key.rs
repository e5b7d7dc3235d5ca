//! Reading a `jwks` entry's `key`, with RustCrypto's readers: the PEM block
//! (`pem-rfc7468`: its label, its boundaries, its base64) and the DER inside, just far
//! enough to tell what the key is: PKCS#8 (`PRIVATE KEY`, `pkcs8`, RSA or EC by its
//! algorithm's identifier), PKCS#1 (`RSA PRIVATE KEY`, `pkcs1`) or SEC1
//! (`EC PRIVATE KEY`, `sec1`), with the RSA modulus's size and the EC curve. Nothing is
//! verified cryptographically: the checker catches keys that are cut, mislabelled,
//! public, encrypted or too small.
//!
//! Only the block's place in the pasted text and its BEGIN line's label are found here
//! (Authelia, like Go's PEM reader, takes text around the block, which RFC 7468's strict
//! grammar does not), and each line is trimmed as Go trims it. Bounded: a block over
//! [`MAX_KEY_PEM_BYTES`] is refused before its base64 is decoded, and the DER readers read
//! fixed shapes, each length checked against what is left.

use std::fmt;

use der::Decode as _;
use pkcs1::RsaPrivateKeyRef;
use pkcs8::PrivateKeyInfoRef;
use sec1::EcPrivateKey;

use super::authelia::{CURVES, MIN_RSA_BITS, oid};
use super::read::excerpt;

/// Most bytes of a `key`'s PEM block. An RSA key of 16384 bits, four times the largest
/// Authelia's documentation uses, is about 12 600 bytes of PKCS#8 PEM (OpenSSL's are
/// 1 704, 3 272 and 6 392 bytes at 2048, 4096 and 8192 bits); a longer block is not one
/// key, and is refused before its base64 is decoded.
pub const MAX_KEY_PEM_BYTES: usize = 16_384;

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
    /// A PEM block of more than [`MAX_KEY_PEM_BYTES`].
    TooLong {
        /// The block's length in bytes.
        bytes: usize,
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
            KeyError::TooLong { bytes } => write!(
                f,
                "the PEM block is {bytes} bytes long, and one private key is at most \
                 {MAX_KEY_PEM_BYTES} bytes of PEM (an RSA key of 16384 bits is about 12 600)"
            ),
        }
    }
}

/// The PEM labels of things that are not private keys.
const PUBLIC_LABELS: &[&str] = &["PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE"];

/// A PEM boundary's start, and its end.
const BEGIN: &str = "-----BEGIN ";
const END: &str = "-----END ";
const DASHES: &str = "-----";

/// Reads a PEM private key and says what it is.
///
/// # Errors
/// A [`KeyError`] naming what is wrong.
pub fn read(pem: &str) -> Result<KeyKind, KeyError> {
    let block = block(pem)?;
    // What the block says it is comes first, however long: a label of any length is
    // quoted cut (`excerpt`), and a public key is named as one.
    let label = written_label(block);
    if PUBLIC_LABELS.contains(&label) {
        return Err(KeyError::NotPrivate {
            label: label.to_owned(),
        });
    }
    if label == "ENCRYPTED PRIVATE KEY" {
        return Err(KeyError::Encrypted);
    }
    if !matches!(label, "PRIVATE KEY" | "RSA PRIVATE KEY" | "EC PRIVATE KEY") {
        return Err(KeyError::UnknownLabel {
            label: excerpt(label),
        });
    }
    if block.len() > MAX_KEY_PEM_BYTES {
        return Err(KeyError::TooLong { bytes: block.len() });
    }
    let der = decoded(block)?;
    let kind = match label {
        "PRIVATE KEY" => pkcs8(&der)?,
        "RSA PRIVATE KEY" => pkcs1(&der)?,
        _ => sec1(&der)?,
    };
    match kind {
        KeyKind::Rsa { bits } if bits < MIN_RSA_BITS => Err(KeyError::RsaTooSmall { bits }),
        kind => Ok(kind),
    }
}

/// The PEM block in the pasted text, from its BEGIN line to the end of its END line. Text
/// before and after it is allowed, as Authelia allows it, but not a second block.
fn block(pem: &str) -> Result<&str, KeyError> {
    let start = pem.find(BEGIN).ok_or(KeyError::NoArmor)?;
    let from_begin = pem.get(start..).unwrap_or_default();
    let end = from_begin.find(END).ok_or(KeyError::NoArmor)?;
    let after_end = from_begin.get(end + END.len()..).unwrap_or_default();
    let close = after_end.find(DASHES).ok_or(KeyError::NoArmor)?;
    let length = end + END.len() + close + DASHES.len();
    let (block, after) = from_begin
        .split_at_checked(length)
        .ok_or(KeyError::NoArmor)?;
    if after.contains(BEGIN) {
        return Err(KeyError::SeveralBlocks);
    }
    Ok(block)
}

/// The label as written on the block's BEGIN line.
fn written_label(block: &str) -> &str {
    let after = block.get(BEGIN.len()..).unwrap_or_default();
    after.split(DASHES).next().unwrap_or_default()
}

/// The DER bytes between the boundaries, read by `pem-rfc7468`: the END line's label must
/// be the BEGIN line's, and the base64 lines may be of any one width (Go and OpenSSL write
/// 64, some tools 76). First, as Go's reader does, each line is trimmed, blank ones are
/// left out, and so are RFC 1421's headers (`Name: value`), which RFC 7468 does not
/// allow: the only ones a key carries say it is encrypted (`Proc-Type: 4,ENCRYPTED`).
fn decoded(block: &str) -> Result<Vec<u8>, KeyError> {
    let mut lines = Vec::new();
    for line in block.lines().map(str::trim).filter(|line| !line.is_empty()) {
        if !line.contains(':') {
            lines.push(line);
        } else if line.contains("ENCRYPTED") {
            return Err(KeyError::Encrypted);
        }
    }
    let block = lines.join("\n");
    let failed = |error| match error {
        pem_rfc7468::Error::Base64(_) => KeyError::Base64,
        _ => KeyError::NoArmor,
    };
    let mut decoder = pem_rfc7468::Decoder::new_detect_wrap(block.as_bytes()).map_err(failed)?;
    let mut der = Vec::with_capacity(decoder.remaining_len());
    decoder.decode_to_end(&mut der).map_err(failed)?;
    Ok(der)
}

/// PKCS#8 `PrivateKeyInfo` (RFC 5208): version, algorithm identifier, the key.
fn pkcs8(der: &[u8]) -> Result<KeyKind, KeyError> {
    let info = PrivateKeyInfoRef::from_der(der).map_err(|_| KeyError::Structure {
        what: "a PKCS#8 private key",
    })?;
    let algorithm = info.algorithm.oid.as_bytes();
    let inner = info.private_key.as_bytes();
    if algorithm == oid::RSA {
        pkcs1(inner)
    } else if algorithm == oid::EC {
        let curve = info
            .algorithm
            .parameters_oid()
            .map_err(|_| KeyError::Structure {
                what: "the EC curve's identifier",
            })?;
        let kind = curve_named(curve.as_bytes()).map(|curve| KeyKind::Ec { curve })?;
        // The key inside is SEC1's, its curve named once already.
        sec1(inner).map(|_| kind)
    } else {
        Err(KeyError::UnsupportedAlgorithm)
    }
}

/// PKCS#1 `RSAPrivateKey` (RFC 8017 A.1.2): version, modulus, public and private
/// exponents, primes and the rest. A public key (`n`, `e`) stops short of it.
fn pkcs1(der: &[u8]) -> Result<KeyKind, KeyError> {
    let key = RsaPrivateKeyRef::from_der(der).map_err(|_| KeyError::Structure {
        what: "an RSA private key",
    })?;
    Ok(KeyKind::Rsa {
        bits: bits(key.modulus.as_bytes()),
    })
}

/// SEC1 `ECPrivateKey` (RFC 5915): version, the private scalar, the curve (optional).
fn sec1(der: &[u8]) -> Result<KeyKind, KeyError> {
    let key = EcPrivateKey::from_der(der).map_err(|_| KeyError::Structure {
        what: "an EC private key",
    })?;
    if let Some(parameters) = key.parameters {
        let curve = parameters.named_curve().ok_or(KeyError::Structure {
            what: "the EC curve's identifier",
        })?;
        return curve_named(curve.as_bytes()).map(|curve| KeyKind::Ec { curve });
    }
    CURVES
        .iter()
        .find(|(_, _, length)| *length == key.private_key.len())
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
        for der in [
            &[0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x00][..],
            &[0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        ] {
            assert!(matches!(pkcs8(der), Err(KeyError::Structure { .. })));
            assert!(matches!(pkcs1(der), Err(KeyError::Structure { .. })));
            assert!(matches!(sec1(der), Err(KeyError::Structure { .. })));
        }
    }

    #[test]
    fn text_without_armor_is_not_a_key() {
        assert_eq!(read("MIIEvQIBADANBg"), Err(KeyError::NoArmor));
    }

    /// The PEM blocks of a configuration fixture, unindented, in order.
    fn pems(fixture: &str) -> Vec<String> {
        let mut pems = Vec::new();
        let mut current: Option<String> = None;
        for line in fixture.lines().map(str::trim) {
            if line.starts_with(BEGIN) {
                current = Some(String::new());
            }
            if let Some(pem) = current.as_mut() {
                pem.push_str(line);
                pem.push('\n');
            }
            if line.starts_with(END) {
                pems.extend(current.take());
            }
        }
        pems
    }

    const EC_KEYS: &str =
        include_str!("../../../../tests/fixtures/configuration/correct-ec-p384-p521.yml");

    #[test]
    fn p384_and_p521_keys_are_read_with_their_curves_in_sec1_and_pkcs8() {
        let pems = pems(EC_KEYS);
        let kinds: Vec<_> = pems.iter().map(|pem| read(pem)).collect();
        assert_eq!(
            kinds,
            [
                Ok(KeyKind::Rsa { bits: 2048 }),
                Ok(KeyKind::Ec { curve: "P-384" }),
                Ok(KeyKind::Ec { curve: "P-521" }),
            ]
        );
        assert!(pems[1].starts_with("-----BEGIN EC PRIVATE KEY-----\n"));
        assert!(pems[2].starts_with("-----BEGIN PRIVATE KEY-----\n"));
    }

    #[test]
    fn a_sec1_key_without_its_curve_is_named_by_its_scalar_s_length() {
        // SEQUENCE { INTEGER 1, OCTET STRING scalar }: RFC 5915 makes the curve optional.
        for (length, curve) in [(32u8, "P-256"), (48, "P-384"), (66, "P-521")] {
            let mut der = vec![0x30, length + 5, 0x02, 0x01, 0x01, 0x04, length];
            der.extend(std::iter::repeat_n(0x11, usize::from(length)));
            assert_eq!(sec1(&der), Ok(KeyKind::Ec { curve }), "{length} bytes");
        }
        let mut der = vec![0x30, 45, 0x02, 0x01, 0x01, 0x04, 40];
        der.extend([0x11; 40]);
        assert_eq!(sec1(&der), Err(KeyError::UnsupportedCurve));
    }

    #[test]
    fn the_block_is_found_in_text_around_it_with_its_lines_trimmed_and_any_width() {
        let pem = &pems(EC_KEYS)[2];
        let want = Ok(KeyKind::Ec { curve: "P-521" });
        assert_eq!(read(&format!("a note\n{pem}and another\n")), want);
        let spaced: String = pem.lines().map(|l| format!("  {l}  \n\n")).collect();
        assert_eq!(read(&spaced), want);
        // The same base64 wrapped at 76 characters, as some tools write it.
        let lines: Vec<&str> = pem.lines().collect();
        let body: String = lines[1..lines.len() - 1].concat();
        let wrapped: Vec<String> = body
            .as_bytes()
            .chunks(76)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        let at_76 = format!(
            "{}\n{}\n{}\n",
            lines[0],
            wrapped.join("\n"),
            lines[lines.len() - 1]
        );
        assert_eq!(read(&at_76), want);
    }

    #[test]
    fn an_end_line_with_another_label_or_glued_to_the_base64_is_no_armor() {
        let pem = &pems(EC_KEYS)[2];
        let other = pem.replace("-----END PRIVATE KEY-----", "-----END EC PRIVATE KEY-----");
        assert_eq!(read(&other), Err(KeyError::NoArmor));
        let glued = pem.replace("\n-----END", "-----END");
        assert_eq!(read(&glued), Err(KeyError::NoArmor));
    }

    #[test]
    fn a_legacy_encrypted_header_is_reported_as_encryption() {
        let pem = &pems(EC_KEYS)[1];
        let encrypted = pem.replacen(
            "-----\n",
            "-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n",
            1,
        );
        assert_eq!(read(&encrypted), Err(KeyError::Encrypted));
    }

    #[test]
    fn a_block_over_the_bound_is_refused_before_it_is_decoded() {
        // Base64 of zero bytes under a private key's label, padded with spaces (which the
        // reader trims) to `length` bytes.
        let block = |length: usize| {
            let body = "A".repeat(12_000);
            let lines: Vec<&str> = body
                .as_bytes()
                .chunks(64)
                .map(|c| std::str::from_utf8(c).unwrap_or_default())
                .collect();
            let block = format!(
                "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----",
                lines.join("\n")
            );
            let padding = " ".repeat(length - block.len());
            block.replacen("-----\n", &format!("-----\n{padding}"), 1)
        };
        let at_bound = block(MAX_KEY_PEM_BYTES);
        assert_eq!(at_bound.len(), MAX_KEY_PEM_BYTES);
        assert_eq!(
            read(&at_bound),
            Err(KeyError::Structure {
                what: "a PKCS#8 private key"
            })
        );
        assert_eq!(
            read(&block(MAX_KEY_PEM_BYTES + 1)),
            Err(KeyError::TooLong {
                bytes: MAX_KEY_PEM_BYTES + 1
            })
        );
        let message = KeyError::TooLong { bytes: 20_000 }.to_string();
        assert!(
            message.contains("20000 bytes") && message.contains("16384"),
            "{message}"
        );
    }
}
