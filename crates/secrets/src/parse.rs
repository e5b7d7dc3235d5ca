//! Reading a digest string as Authelia would, with reasons a person can act on when it
//! cannot be read: most failures are paste accidents (a `Digest: ` label, YAML quotes,
//! Docker Compose's `$$`), so those are recognised first and named precisely.

use core::fmt;

use crate::digest::encoding::Base64;
use crate::digest::{
    Algorithm, Argon2Params, Argon2Variant, BcryptParams, DigestError, MAX_FIELD_BYTES, Params,
    Pbkdf2Hash, Pbkdf2Params, SHA_CRYPT_SALT_ALPHABET, ScryptParams, ShaCryptParams,
    ShaCryptVariant,
};

/// A digest read into its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParsedDigest {
    /// `$pbkdf2-sha512$…` and friends.
    Pbkdf2 {
        /// Hash and iterations.
        params: Pbkdf2Params,
        /// Salt bytes.
        salt: Vec<u8>,
        /// Derived key bytes.
        key: Vec<u8>,
    },
    /// `$argon2id$v=19$…` and friends; `params.key_length` is `key`'s length.
    Argon2 {
        /// Variant and costs.
        params: Argon2Params,
        /// Salt bytes.
        salt: Vec<u8>,
        /// Derived key bytes.
        key: Vec<u8>,
    },
    /// `$scrypt$ln=…`; `params.key_length` is `key`'s length.
    Scrypt {
        /// Costs.
        params: ScryptParams,
        /// Salt bytes.
        salt: Vec<u8>,
        /// Derived key bytes.
        key: Vec<u8>,
    },
    /// `$2b$`, `$2a$` or `$2y$`.
    Bcrypt {
        /// `"2a"`, `"2b"` or `"2y"`: the same computation for secrets under 256 bytes.
        version: &'static str,
        /// Cost.
        params: BcryptParams,
        /// Salt bytes.
        salt: [u8; 16],
        /// The 31-character hash, in bcrypt's base64.
        hash: String,
    },
    /// `$6$…` or `$5$…`.
    ShaCrypt {
        /// Variant and rounds.
        params: ShaCryptParams,
        /// Whether `rounds=` was written (when absent SHA-crypt uses 5000).
        rounds_explicit: bool,
        /// The salt text, 1 to 16 characters.
        salt: String,
        /// The hash, in SHA-crypt's base64.
        hash: String,
    },
    /// The secret itself.
    Plaintext {
        /// The secret.
        secret: String,
        /// `true` for `$plaintext$SECRET`; `false` for a value without a leading `$`,
        /// which Authelia also reads as plaintext (deprecated).
        marked: bool,
    },
}

impl ParsedDigest {
    /// The algorithm.
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

    /// Advice about a digest that reads fine but is probably not what was meant.
    pub fn warning(&self) -> Option<&'static str> {
        match self {
            ParsedDigest::Plaintext { marked: false, .. } => Some(
                "This does not start with `$`, so Authelia reads it as the secret itself, \
                 stored in plain text (deprecated). If it is the client secret, hash it and \
                 paste the digest instead; if it should be plain text, write it as \
                 `$plaintext$…`.",
            ),
            ParsedDigest::Plaintext { marked: true, .. } => Some(
                "`$plaintext$` stores the secret unhashed; Authelia needs that only for \
                 `client_secret_jwt`. For any other client, use a digest.",
            ),
            _ => None,
        }
    }
}

/// Why a digest could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Nothing was given.
    Empty,
    /// White space (spaces, tabs, line breaks) before or after the digest.
    SurroundingWhitespace,
    /// The digest is wrapped in quotes, e.g. copied from YAML.
    Quoted {
        /// `'` or `"`.
        quote: char,
    },
    /// A quote on one end only.
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
        /// The identifier found.
        identifier: String,
    },
    /// bcrypt's `$2x$` (or another letter): a variant Authelia does not read.
    UnsupportedBcryptVersion {
        /// The version found.
        version: String,
    },
    /// Argon2 other than version 1.3 (`v=19`).
    UnsupportedArgon2Version {
        /// What was found after `$argon2…$`.
        found: String,
    },
    /// The digest does not have its algorithm's shape.
    Malformed {
        /// The algorithm.
        algorithm: Algorithm,
        /// The shape expected.
        expected: &'static str,
    },
    /// A number field is not a decimal number.
    BadNumber {
        /// The algorithm.
        algorithm: Algorithm,
        /// The field's name.
        field: &'static str,
        /// What was found.
        found: String,
    },
    /// The salt or key is not valid base64 of the right kind.
    BadEncoding {
        /// The algorithm.
        algorithm: Algorithm,
        /// `"salt"`, `"key"` or `"hash"`.
        field: &'static str,
    },
    /// A field has the wrong length.
    WrongLength {
        /// The algorithm.
        algorithm: Algorithm,
        /// The field.
        field: &'static str,
        /// Its length.
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
                "This is not a complete {algorithm} digest: expected {expected}."
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
    if let Some(secret) = body.strip_prefix("plaintext$") {
        if secret.is_empty() {
            return Err(ParseError::Malformed {
                algorithm: Algorithm::Plaintext,
                expected: "`$plaintext$` followed by the secret",
            });
        }
        return Ok(ParsedDigest::Plaintext {
            secret: secret.to_owned(),
            marked: true,
        });
    }
    if body.starts_with('$') || body.contains("$$") {
        return Err(ParseError::DoubledDollars);
    }
    let fields: Vec<&str> = body.split('$').collect();
    let identifier = fields.first().copied().unwrap_or_default();
    if let Some(hash) = Pbkdf2Hash::from_identifier(identifier) {
        parse_pbkdf2(hash, &fields)
    } else if let Some(variant) = Argon2Variant::from_identifier(identifier) {
        parse_argon2(variant, &fields)
    } else if identifier == "scrypt" {
        parse_scrypt(&fields)
    } else if let Some(version) = bcrypt_version(identifier) {
        parse_bcrypt(version, &fields)
    } else if identifier.starts_with('2') && identifier.len() == 2 {
        Err(ParseError::UnsupportedBcryptVersion {
            version: identifier.to_owned(),
        })
    } else if identifier == "6" {
        parse_sha_crypt(ShaCryptVariant::Sha512, &fields)
    } else if identifier == "5" {
        parse_sha_crypt(ShaCryptVariant::Sha256, &fields)
    } else {
        Err(ParseError::UnknownAlgorithm {
            identifier: identifier.chars().take(40).collect(),
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
        if (starts && input[1..].starts_with('$')) || (ends && input.starts_with('$')) {
            return Err(ParseError::StrayQuote { quote });
        }
    }
    let label = input
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("digest:"));
    if label {
        return Err(ParseError::DigestLabel);
    }
    Ok(())
}

/// A decimal number of at most ten digits, as Authelia writes them (no sign, no spaces).
fn number<T: TryFrom<u64>>(
    algorithm: Algorithm,
    field: &'static str,
    text: &str,
) -> Result<T, ParseError> {
    let bad = || ParseError::BadNumber {
        algorithm,
        field,
        found: text.chars().take(20).collect(),
    };
    if text.is_empty() || text.len() > 10 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let value: u64 = text.parse().map_err(|_| bad())?;
    T::try_from(value).map_err(|_| bad())
}

fn decode(
    algorithm: Algorithm,
    field: &'static str,
    base64: Base64,
    text: &str,
) -> Result<Vec<u8>, ParseError> {
    let bytes = base64
        .decode(text)
        .map_err(|_| ParseError::BadEncoding { algorithm, field })?;
    if bytes.is_empty() || bytes.len() > MAX_FIELD_BYTES {
        return Err(ParseError::WrongLength {
            algorithm,
            field,
            found: bytes.len(),
            expected: format!("between 1 and {MAX_FIELD_BYTES} bytes"),
        });
    }
    Ok(bytes)
}

fn parse_pbkdf2(hash: Pbkdf2Hash, fields: &[&str]) -> Result<ParsedDigest, ParseError> {
    let algorithm = hash.algorithm();
    let [_, iterations, salt, key] = fields else {
        return Err(ParseError::Malformed {
            algorithm,
            expected: "`$pbkdf2-…$ITERATIONS$SALT$KEY`",
        });
    };
    let params = Pbkdf2Params {
        hash,
        iterations: number(algorithm, "iteration count", iterations)?,
    };
    params.check_readable().map_err(ParseError::OutOfRange)?;
    Ok(ParsedDigest::Pbkdf2 {
        params,
        salt: decode(algorithm, "salt", Base64::Adapted, salt)?,
        key: decode(algorithm, "key", Base64::Adapted, key)?,
    })
}

/// Reads `k=v,k=v` with exactly the keys `names`, in any order.
fn key_values<'a, const N: usize>(
    algorithm: Algorithm,
    text: &'a str,
    names: [&'static str; N],
    expected: &'static str,
) -> Result<[&'a str; N], ParseError> {
    let malformed = || ParseError::Malformed {
        algorithm,
        expected,
    };
    let mut values: [Option<&'a str>; N] = [None; N];
    for pair in text.split(',') {
        let (name, value) = pair.split_once('=').ok_or_else(malformed)?;
        let slot = names
            .iter()
            .position(|n| *n == name)
            .ok_or_else(malformed)?;
        if values[slot].replace(value).is_some() {
            return Err(malformed());
        }
    }
    let mut out = [""; N];
    for (o, v) in out.iter_mut().zip(values) {
        *o = v.ok_or_else(malformed)?;
    }
    Ok(out)
}

fn parse_argon2(variant: Argon2Variant, fields: &[&str]) -> Result<ParsedDigest, ParseError> {
    const SHAPE: &str = "`$argon2id$v=19$m=MEMORY,t=ITERATIONS,p=PARALLELISM$SALT$KEY`";
    let algorithm = variant.algorithm();
    let [_, version, costs, salt, key] = fields else {
        if fields.len() == 4 {
            // `$argon2i$m=…` without `v=`: version 1.0, which Authelia does not read.
            return Err(ParseError::UnsupportedArgon2Version {
                found: "no version".to_owned(),
            });
        }
        return Err(ParseError::Malformed {
            algorithm,
            expected: SHAPE,
        });
    };
    if *version != "v=19" {
        return Err(ParseError::UnsupportedArgon2Version {
            found: version.chars().take(20).collect(),
        });
    }
    let [m, t, p] = key_values(algorithm, costs, ["m", "t", "p"], SHAPE)?;
    let salt = decode(algorithm, "salt", Base64::Standard, salt)?;
    let key = decode(algorithm, "key", Base64::Standard, key)?;
    let params = Argon2Params {
        variant,
        memory_kib: number(algorithm, "memory (m)", m)?,
        iterations: number(algorithm, "iterations (t)", t)?,
        parallelism: number(algorithm, "parallelism (p)", p)?,
        key_length: u32::try_from(key.len()).unwrap_or(u32::MAX),
    };
    params.check_readable().map_err(ParseError::OutOfRange)?;
    if salt.len() < ::argon2::MIN_SALT_LEN {
        return Err(ParseError::WrongLength {
            algorithm,
            field: "salt",
            found: salt.len(),
            expected: format!("at least {} bytes", ::argon2::MIN_SALT_LEN),
        });
    }
    Ok(ParsedDigest::Argon2 { params, salt, key })
}

fn parse_scrypt(fields: &[&str]) -> Result<ParsedDigest, ParseError> {
    const SHAPE: &str = "`$scrypt$ln=LN,r=BLOCK_SIZE,p=PARALLELISM$SALT$KEY`";
    let algorithm = Algorithm::Scrypt;
    let [_, costs, salt, key] = fields else {
        return Err(ParseError::Malformed {
            algorithm,
            expected: SHAPE,
        });
    };
    let [ln, r, p] = key_values(algorithm, costs, ["ln", "r", "p"], SHAPE)?;
    let salt = decode(algorithm, "salt", Base64::Standard, salt)?;
    let key = decode(algorithm, "key", Base64::Standard, key)?;
    let params = ScryptParams {
        ln: number(algorithm, "ln", ln)?,
        block_size: number(algorithm, "block size (r)", r)?,
        parallelism: number(algorithm, "parallelism (p)", p)?,
        key_length: u32::try_from(key.len()).unwrap_or(u32::MAX),
    };
    params.check_readable().map_err(ParseError::OutOfRange)?;
    Ok(ParsedDigest::Scrypt { params, salt, key })
}

fn bcrypt_version(identifier: &str) -> Option<&'static str> {
    match identifier {
        "2a" => Some("2a"),
        "2b" => Some("2b"),
        "2y" => Some("2y"),
        _ => None,
    }
}

fn parse_bcrypt(version: &'static str, fields: &[&str]) -> Result<ParsedDigest, ParseError> {
    let algorithm = Algorithm::Bcrypt;
    let [_, cost, rest] = fields else {
        return Err(ParseError::Malformed {
            algorithm,
            expected: "`$2b$COST$` followed by 53 characters",
        });
    };
    if cost.len() != 2 {
        return Err(ParseError::BadNumber {
            algorithm,
            field: "cost (two digits)",
            found: cost.chars().take(20).collect(),
        });
    }
    let params = BcryptParams {
        cost: number(algorithm, "cost", cost)?,
    };
    params.check_readable().map_err(ParseError::OutOfRange)?;
    if rest.len() != 53 || !rest.is_ascii() {
        return Err(ParseError::WrongLength {
            algorithm,
            field: "salt and hash",
            found: rest.chars().count(),
            expected: "53 characters (22 of salt, 31 of hash)".to_owned(),
        });
    }
    let (salt_text, hash) = rest.split_at(22);
    let mut salt = [0u8; 16];
    let mut hash_bytes = [0u8; 23];
    use base64::Engine as _;
    let salt_ok = ::bcrypt::BASE_64.decode_slice(salt_text, &mut salt) == Ok(16);
    if !salt_ok {
        return Err(ParseError::BadEncoding {
            algorithm,
            field: "salt",
        });
    }
    if ::bcrypt::BASE_64.decode_slice(hash, &mut hash_bytes) != Ok(23) {
        return Err(ParseError::BadEncoding {
            algorithm,
            field: "hash",
        });
    }
    Ok(ParsedDigest::Bcrypt {
        version,
        params,
        salt,
        hash: hash.to_owned(),
    })
}

fn parse_sha_crypt(variant: ShaCryptVariant, fields: &[&str]) -> Result<ParsedDigest, ParseError> {
    let algorithm = variant.algorithm();
    let malformed = || ParseError::Malformed {
        algorithm,
        expected: if variant == ShaCryptVariant::Sha512 {
            "`$6$rounds=ROUNDS$SALT$HASH`"
        } else {
            "`$5$rounds=ROUNDS$SALT$HASH`"
        },
    };
    let (rounds, salt, hash) = match fields {
        [_, rounds, salt, hash] => {
            let rounds = rounds.strip_prefix("rounds=").ok_or_else(malformed)?;
            (Some(rounds), *salt, *hash)
        }
        [_, salt, hash] => (None, *salt, *hash),
        _ => return Err(malformed()),
    };
    let params = ShaCryptParams {
        variant,
        // SHA-crypt's rule: no `rounds=` means 5000.
        rounds: rounds.map_or(Ok(5_000), |r| number(algorithm, "rounds", r))?,
    };
    params.check().map_err(ParseError::OutOfRange)?;
    if salt.is_empty()
        || salt.len() > 16
        || !salt.bytes().all(|b| SHA_CRYPT_SALT_ALPHABET.contains(&b))
    {
        return Err(ParseError::WrongLength {
            algorithm,
            field: "salt",
            found: salt.chars().count(),
            expected: "1 to 16 characters from `./0-9A-Za-z`".to_owned(),
        });
    }
    if hash.len() != variant.hash_chars() {
        return Err(ParseError::WrongLength {
            algorithm,
            field: "hash",
            found: hash.chars().count(),
            expected: format!("{} characters", variant.hash_chars()),
        });
    }
    use base64ct::Encoding as _;
    if base64ct::Base64ShaCrypt::decode_vec(hash).is_err() {
        return Err(ParseError::BadEncoding {
            algorithm,
            field: "hash",
        });
    }
    Ok(ParsedDigest::ShaCrypt {
        params,
        rounds_explicit: rounds.is_some(),
        salt: salt.to_owned(),
        hash: hash.to_owned(),
    })
}
