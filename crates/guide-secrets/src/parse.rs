//! Reading a digest string as Authelia would, with reasons a person can act on when it
//! cannot be read: most failures are paste accidents (a `Digest: ` label, YAML quotes,
//! Docker Compose's `$$`), so those are recognised first and named precisely. Then the
//! identifier between the first two `$` picks the family, whose module under `digest/`
//! reads the rest.

use core::fmt;

use crate::digest::encoding::excerpt;
use crate::digest::{
    Algorithm, Argon2Params, Argon2Variant, BcryptParams, DigestError, Params, Pbkdf2Hash,
    Pbkdf2Params, ScryptParams, ShaCryptParams, ShaCryptVariant, argon2, bcrypt, pbkdf2, plaintext,
    scrypt, sha_crypt,
};
use crate::warning::CheckWarning;

/// A digest read into its parts: the parameters to compute it again and what the result
/// must be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParsedDigest {
    /// `$pbkdf2-sha512$…` and the other PBKDF2 identifiers.
    Pbkdf2 {
        /// The hash named by the identifier, and the iteration count.
        params: Pbkdf2Params,
        /// The salt, decoded from adapted base64.
        salt: Vec<u8>,
        /// The key the secret must derive, decoded from adapted base64.
        key: Vec<u8>,
    },
    /// `$argon2id$v=19$…`, `$argon2i$…` or `$argon2d$…`.
    Argon2 {
        /// Variant and costs; `key_length` is `key`'s length.
        params: Argon2Params,
        /// The salt, decoded from standard base64.
        salt: Vec<u8>,
        /// The key the secret must derive, decoded from standard base64.
        key: Vec<u8>,
    },
    /// `$scrypt$ln=…`.
    Scrypt {
        /// Costs; `key_length` is `key`'s length.
        params: ScryptParams,
        /// The salt, decoded from standard base64.
        salt: Vec<u8>,
        /// The key the secret must derive, decoded from standard base64.
        key: Vec<u8>,
    },
    /// `$2b$`, `$2a$` or `$2y$`.
    Bcrypt {
        /// `"2a"`, `"2b"` or `"2y"`: the same computation for secrets under 256 bytes.
        version: &'static str,
        /// The cost written after the version.
        params: BcryptParams,
        /// The salt, decoded from its 22 characters of bcrypt base64.
        salt: [u8; bcrypt::SALT_BYTES],
        /// The 31-character hash, in bcrypt's base64, as written.
        hash: String,
    },
    /// `$6$…` or `$5$…`.
    ShaCrypt {
        /// Variant and rounds (5000 when `rounds=` is absent).
        params: ShaCryptParams,
        /// Whether `rounds=` was written: it enters the computation, so it is kept.
        rounds_explicit: bool,
        /// The salt text, 1 to 16 characters, as written: SHA-crypt hashes the text itself.
        salt: String,
        /// The hash, in SHA-crypt's base64, as written.
        hash: String,
    },
    /// `$plaintext$SECRET`, or a value without a leading `$`: the secret itself,
    /// unhashed (deprecated; see [`CheckWarning::Plaintext`]).
    Plaintext {
        /// The secret, compared as it is.
        secret: String,
        /// `true` for `$plaintext$SECRET`; `false` for a value without a leading `$`,
        /// which Authelia also reads as plaintext (deprecated).
        marked: bool,
    },
}

impl ParsedDigest {
    /// The algorithm the identifier names.
    pub fn algorithm(&self) -> Algorithm {
        self.params().algorithm()
    }

    /// The parameters, as [`hash`](crate::hash) would take them to produce this digest
    /// anew with another salt.
    pub fn params(&self) -> Params {
        match self {
            ParsedDigest::Pbkdf2 { params, .. } => Params::Pbkdf2(*params),
            ParsedDigest::Argon2 { params, .. } => Params::Argon2(*params),
            ParsedDigest::Scrypt { params, .. } => Params::Scrypt(*params),
            ParsedDigest::Bcrypt { params, .. } => Params::Bcrypt(*params),
            ParsedDigest::ShaCrypt { params, .. } => Params::ShaCrypt(*params),
            ParsedDigest::Plaintext { .. } => Params::Plaintext,
        }
    }

    /// What the reader should know about this digest whatever the secret: Authelia's
    /// plaintext form, a key shorter than its family writes, a hash altered so that it
    /// matches nothing. Empty for a digest as Authelia writes it. [`verify`](crate::verify()) returns these with its outcome.
    pub fn warnings(&self) -> Vec<CheckWarning> {
        let warning = match self {
            ParsedDigest::Pbkdf2 { params, key, .. } => pbkdf2::short_key(params.hash, key),
            ParsedDigest::Argon2 { params, key, .. } => argon2::short_key(params.variant, key),
            ParsedDigest::Scrypt { key, .. } => scrypt::short_key(key),
            ParsedDigest::Bcrypt { hash, .. } => bcrypt::altered_hash(hash),
            ParsedDigest::ShaCrypt { params, hash, .. } => {
                sha_crypt::altered_hash(params.variant, hash)
            }
            ParsedDigest::Plaintext { marked, .. } => {
                Some(CheckWarning::Plaintext { marked: *marked })
            }
        };
        warning.into_iter().collect()
    }
}

/// Why a digest could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// The input is empty.
    Empty,
    /// White space (spaces, tabs, line breaks) before or after the digest.
    SurroundingWhitespace,
    /// The digest is wrapped in quotes, e.g. copied from YAML.
    Quoted {
        /// `'` or `"`.
        quote: char,
    },
    /// A quote glued to one end of a digest only.
    StrayQuote {
        /// `'` or `"`.
        quote: char,
    },
    /// The `Digest: ` label that `authelia crypto hash generate` prints was copied too.
    DigestLabel,
    /// `$$` where Authelia expects `$`: escaped for a Docker Compose file.
    DoubledDollars,
    /// `$ID$…` with an identifier Authelia does not know.
    UnknownAlgorithm {
        /// The identifier between the first two `$`, shortened for quoting.
        identifier: String,
    },
    /// bcrypt's `$2x$` (or another letter): a variant Authelia does not read.
    UnsupportedBcryptVersion {
        /// The two characters between the first two `$`.
        version: String,
    },
    /// Argon2 other than version 1.3 (`v=19`).
    UnsupportedArgon2Version {
        /// What was found after `$argon2…$`.
        found: String,
    },
    /// The digest does not have its algorithm's shape.
    Malformed {
        /// The algorithm its identifier names.
        algorithm: Algorithm,
        /// The layout expected, with field names in capitals:
        /// `$pbkdf2-sha512$ITERATIONS$SALT$KEY`.
        expected: String,
    },
    /// A number field is not a decimal number.
    BadNumber {
        /// The algorithm its identifier names.
        algorithm: Algorithm,
        /// The field, for people: `"iteration count"`, `"memory (m)"`.
        field: &'static str,
        /// The field's text, shortened for quoting.
        found: String,
    },
    /// The salt, key or hash is not valid base64 of the kind its family uses.
    BadEncoding {
        /// The algorithm its identifier names.
        algorithm: Algorithm,
        /// `"salt"`, `"key"` or `"hash"`.
        field: &'static str,
    },
    /// A field has the wrong length.
    WrongLength {
        /// The algorithm its identifier names.
        algorithm: Algorithm,
        /// `"salt"`, `"key"`, `"hash"` or `"salt and hash"`.
        field: &'static str,
        /// Its length, in the unit `expected` names (bytes or characters).
        found: usize,
        /// What is allowed, for people, built from the bounds the reader applies.
        expected: String,
    },
    /// A parameter outside the range Authelia reads.
    OutOfRange(DigestError),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str("Paste a digest: it starts with `$`."),
            ParseError::SurroundingWhitespace => f.write_str(
                "Remove the white space before or after the digest: it is part of the value \
                 Authelia would read.",
            ),
            ParseError::Quoted { quote } => write!(
                f,
                "Remove the surrounding quotes ({quote}…{quote}): they belong to the YAML, \
                 not to the digest. Paste only the part starting with `$`."
            ),
            ParseError::StrayQuote { quote } => write!(
                f,
                "Remove the stray `{quote}` at one end: the digest itself contains no quotes."
            ),
            ParseError::DigestLabel => f.write_str(
                "Remove the leading `Digest: ` label — paste only the part starting with `$`.",
            ),
            ParseError::DoubledDollars => f.write_str(
                "Every `$` is doubled (`$$`), as Docker Compose files need to stop variable \
                 expansion. Authelia's own configuration wants each `$` once: replace every \
                 `$$` with `$` here.",
            ),
            ParseError::UnknownAlgorithm { identifier } => write!(
                f,
                "Authelia does not know the algorithm `${identifier}$`. It reads pbkdf2, \
                 pbkdf2-sha224/256/384/512, argon2id/i/d, scrypt, bcrypt ($2b$, $2a$, $2y$), \
                 SHA-crypt ($6$, $5$) and $plaintext$."
            ),
            ParseError::UnsupportedBcryptVersion { version } => write!(
                f,
                "bcrypt `${version}$` is not read by Authelia; it reads $2b$, $2a$ and $2y$."
            ),
            ParseError::UnsupportedArgon2Version { found } => write!(
                f,
                "Authelia reads Argon2 version 1.3 only, written `v=19`; this digest has \
                 `{found}` there."
            ),
            ParseError::Malformed {
                algorithm,
                expected,
            } => write!(
                f,
                "This is not a complete {algorithm} digest: expected `{expected}`."
            ),
            ParseError::BadNumber {
                algorithm,
                field,
                found,
            } => write!(
                f,
                "The {algorithm} {field} should be a whole number, not `{found}`."
            ),
            ParseError::BadEncoding { algorithm, field } => write!(
                f,
                "The {algorithm} {field} is not valid base64 of the kind {algorithm} uses; \
                 part of the digest may be missing or altered."
            ),
            ParseError::WrongLength {
                algorithm,
                field,
                found,
                expected,
            } => write!(
                f,
                "The {algorithm} {field} is {found} long; it should be {expected}. Part of \
                 the digest may be missing."
            ),
            ParseError::OutOfRange(e) => write!(f, "Authelia would refuse this digest: {e}."),
        }
    }
}

impl std::error::Error for ParseError {}

/// Reads a digest as Authelia would.
///
/// # Errors
/// A [`ParseError`] whose message says what to change.
pub fn parse(input: &str) -> Result<ParsedDigest, ParseError> {
    check_paste(input)?;
    let Some(body) = input.strip_prefix('$') else {
        return Ok(ParsedDigest::Plaintext {
            secret: input.to_owned(),
            marked: false,
        });
    };
    // Before looking for `$$`: a plain-text secret may contain anything.
    if let Some(secret) = body
        .strip_prefix(plaintext::IDENTIFIER)
        .and_then(|rest| rest.strip_prefix('$'))
    {
        return plaintext::parse(secret);
    }
    if body.starts_with('$') || body.contains("$$") {
        return Err(ParseError::DoubledDollars);
    }
    let mut fields = body.split('$');
    let identifier = fields.next().unwrap_or_default();
    let fields: Vec<&str> = fields.collect();
    if let Some(hash) = Pbkdf2Hash::from_identifier(identifier) {
        pbkdf2::parse(hash, &fields)
    } else if let Some(variant) = Argon2Variant::from_identifier(identifier) {
        argon2::parse(variant, &fields)
    } else if identifier == scrypt::IDENTIFIER {
        scrypt::parse(&fields)
    } else if let Some(version) = bcrypt::version_from_identifier(identifier) {
        bcrypt::parse(version, &fields)
    } else if bcrypt::looks_like_version(identifier) {
        Err(ParseError::UnsupportedBcryptVersion {
            version: identifier.to_owned(),
        })
    } else if let Some(variant) = ShaCryptVariant::from_identifier(identifier) {
        sha_crypt::parse(variant, &fields)
    } else {
        Err(ParseError::UnknownAlgorithm {
            identifier: excerpt(identifier),
        })
    }
}

/// Recognises the usual paste accidents.
fn check_paste(input: &str) -> Result<(), ParseError> {
    if input.is_empty() {
        return Err(ParseError::Empty);
    }
    if input.trim() != input {
        return Err(ParseError::SurroundingWhitespace);
    }
    for quote in ['\'', '"'] {
        let starts = input.starts_with(quote);
        let ends = input.ends_with(quote);
        if starts && ends && input.len() >= 2 {
            return Err(ParseError::Quoted { quote });
        }
        // Only a quote glued to a digest is stray; a plain-text secret may hold quotes.
        let glued_before = input
            .strip_prefix(quote)
            .is_some_and(|rest| rest.starts_with('$'));
        if glued_before || (ends && input.starts_with('$')) {
            return Err(ParseError::StrayQuote { quote });
        }
    }
    let label = input
        .get(..DIGEST_LABEL.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(DIGEST_LABEL));
    if label {
        return Err(ParseError::DigestLabel);
    }
    Ok(())
}

/// The label `authelia crypto hash generate` prints before the digest, in any case.
const DIGEST_LABEL: &str = "digest:";
