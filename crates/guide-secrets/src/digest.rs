//! The digest families Authelia accepts: PBKDF2, Argon2, scrypt, bcrypt, SHA-crypt and the
//! deprecated `$plaintext$`.
//!
//! Each family is one file under `digest/` holding its parameters with their defaults and
//! bounds, its cost, its writer (`hash`), its reader (`parse`) and, where checking a secret
//! is more than deriving the key again, its `verify`: `digest/pbkdf2.rs`,
//! `digest/argon2.rs`, `digest/scrypt.rs`, `digest/bcrypt.rs`, `digest/sha_crypt.rs`,
//! `digest/plaintext.rs`. `digest/encoding.rs` holds the field encodings they share. This file holds what joins them: the [`Algorithm`] list for the
//! UI, the [`Params`] a reader picks, and [`hash`].

pub(crate) mod argon2;
pub(crate) mod bcrypt;
pub(crate) mod encoding;
pub(crate) mod pbkdf2;
pub(crate) mod plaintext;
pub(crate) mod scrypt;
pub(crate) mod sha_crypt;

use core::fmt;
use core::ops::RangeInclusive;

use self::argon2::MIN_MEMORY_KIB_PER_LANE;
use crate::limits::{SecretTooLong, TooCostly, WorkLimits};

pub use self::argon2::{
    ARGON2_DEFAULT_ITERATIONS, ARGON2_DEFAULT_KEY_LENGTH, ARGON2_DEFAULT_MEMORY_KIB,
    ARGON2_DEFAULT_PARALLELISM, Argon2Params, Argon2Variant,
};
pub use self::bcrypt::{BCRYPT_DEFAULT_COST, BCRYPT_MAX_PLAINTEXT_BYTES, BcryptParams};
pub use self::pbkdf2::{PBKDF2_MIN_ITERATIONS, Pbkdf2Hash, Pbkdf2Params};
pub use self::scrypt::{
    SCRYPT_DEFAULT_BLOCK_SIZE, SCRYPT_DEFAULT_KEY_LENGTH, SCRYPT_DEFAULT_LN,
    SCRYPT_DEFAULT_PARALLELISM, ScryptParams,
};
pub use self::sha_crypt::{SHA_CRYPT_DEFAULT_ROUNDS, ShaCryptParams, ShaCryptVariant};

/// Salt bytes drawn for PBKDF2, Argon2, scrypt and bcrypt: Authelia's default
/// `salt_length` (`DefaultPasswordConfig` in Authelia's
/// `internal/configuration/schema/authentication.go`), and the only length bcrypt has.
pub const SALT_LENGTH: usize = 16;

/// The largest Go `int32`, 2^31 − 1: Authelia's upper bound for PBKDF2 and Argon2
/// iterations. Authelia validates its settings against go-crypt (github.com/go-crypt/crypt,
/// `IterationsMax` in `algorithm/pbkdf2/const.go` and `algorithm/argon2/const.go`), which
/// sets these maxima to `math.MaxInt32`: the settings are Go `int`s, only 32 bits wide on
/// the 32-bit platforms Authelia also runs on, so one bound holds everywhere.
pub(crate) const GO_INT32_MAX: u32 = i32::MAX.unsigned_abs();

/// Longest salt or key, in bytes, read or written. Authelia's defaults write 16-byte salts
/// and keys of at most 64 bytes; 1024 is go-crypt's own salt maximum for scrypt
/// (`SaltLengthMax`, `algorithm/scrypt/const.go`) and keeps a pasted digest from asking for
/// absurd allocations.
pub(crate) const MAX_FIELD_BYTES: usize = 1024;

/// A digest algorithm, as the reader picks it from a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// PBKDF2-HMAC-SHA512: what Authelia's client guides use (`$pbkdf2-sha512$`).
    Pbkdf2Sha512,
    /// PBKDF2-HMAC-SHA384 (`$pbkdf2-sha384$`).
    Pbkdf2Sha384,
    /// PBKDF2-HMAC-SHA256 (`$pbkdf2-sha256$`).
    Pbkdf2Sha256,
    /// PBKDF2-HMAC-SHA224 (`$pbkdf2-sha224$`).
    Pbkdf2Sha224,
    /// PBKDF2-HMAC-SHA1 (`$pbkdf2$`).
    Pbkdf2Sha1,
    /// Argon2id (`$argon2id$`): Authelia's default for user passwords.
    Argon2id,
    /// Argon2i (`$argon2i$`).
    Argon2i,
    /// Argon2d (`$argon2d$`).
    Argon2d,
    /// scrypt (`$scrypt$`).
    Scrypt,
    /// bcrypt (`$2b$`).
    Bcrypt,
    /// SHA-512 crypt (`$6$`).
    Sha512Crypt,
    /// SHA-256 crypt (`$5$`).
    Sha256Crypt,
    /// No hashing at all (`$plaintext$`); deprecated, needed only for `client_secret_jwt`.
    Plaintext,
}

impl Algorithm {
    /// Every algorithm, in the order a `<select>` should list them: the guides' choice
    /// first, the deprecated plaintext last.
    pub const ALL: [Algorithm; 13] = [
        Algorithm::Pbkdf2Sha512,
        Algorithm::Pbkdf2Sha384,
        Algorithm::Pbkdf2Sha256,
        Algorithm::Pbkdf2Sha224,
        Algorithm::Pbkdf2Sha1,
        Algorithm::Argon2id,
        Algorithm::Argon2i,
        Algorithm::Argon2d,
        Algorithm::Scrypt,
        Algorithm::Bcrypt,
        Algorithm::Sha512Crypt,
        Algorithm::Sha256Crypt,
        Algorithm::Plaintext,
    ];

    /// A stable identifier, e.g. `"pbkdf2-sha512"`, for `<option value>` and storage.
    pub const fn id(self) -> &'static str {
        match self {
            Algorithm::Pbkdf2Sha512 => "pbkdf2-sha512",
            Algorithm::Pbkdf2Sha384 => "pbkdf2-sha384",
            Algorithm::Pbkdf2Sha256 => "pbkdf2-sha256",
            Algorithm::Pbkdf2Sha224 => "pbkdf2-sha224",
            Algorithm::Pbkdf2Sha1 => "pbkdf2-sha1",
            Algorithm::Argon2id => "argon2id",
            Algorithm::Argon2i => "argon2i",
            Algorithm::Argon2d => "argon2d",
            Algorithm::Scrypt => "scrypt",
            Algorithm::Bcrypt => "bcrypt",
            Algorithm::Sha512Crypt => "sha512crypt",
            Algorithm::Sha256Crypt => "sha256crypt",
            Algorithm::Plaintext => "plaintext",
        }
    }

    /// A name for people, e.g. `"PBKDF2-SHA512"`.
    pub const fn name(self) -> &'static str {
        match self {
            Algorithm::Pbkdf2Sha512 => "PBKDF2-SHA512",
            Algorithm::Pbkdf2Sha384 => "PBKDF2-SHA384",
            Algorithm::Pbkdf2Sha256 => "PBKDF2-SHA256",
            Algorithm::Pbkdf2Sha224 => "PBKDF2-SHA224",
            Algorithm::Pbkdf2Sha1 => "PBKDF2-SHA1",
            Algorithm::Argon2id => "Argon2id",
            Algorithm::Argon2i => "Argon2i",
            Algorithm::Argon2d => "Argon2d",
            Algorithm::Scrypt => "scrypt",
            Algorithm::Bcrypt => "bcrypt",
            Algorithm::Sha512Crypt => "SHA-512 crypt",
            Algorithm::Sha256Crypt => "SHA-256 crypt",
            Algorithm::Plaintext => "Plaintext (deprecated)",
        }
    }

    /// The algorithm whose [`id`](Algorithm::id) is `id`, if any.
    pub fn from_id(id: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|a| a.id() == id)
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An algorithm with its work factors: everything [`hash`] needs besides the secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Params {
    /// PBKDF2 with one of five hashes; the hash fixes the key length.
    Pbkdf2(Pbkdf2Params),
    /// Argon2 in one of three variants: memory, passes, lanes and key length.
    Argon2(Argon2Params),
    /// scrypt: N (as log2), block size, parallelism and key length.
    Scrypt(ScryptParams),
    /// bcrypt: its cost alone; salt and hash lengths are fixed.
    Bcrypt(BcryptParams),
    /// SHA-512 or SHA-256 crypt and its rounds.
    ShaCrypt(ShaCryptParams),
    /// `$plaintext$`, nothing to tune.
    Plaintext,
}

impl Params {
    /// Whether [`hash_in_steps`] can stop this family's hash part-way (PBKDF2), rather
    /// than only before it starts.
    pub const fn hashes_in_slices(&self) -> bool {
        matches!(self, Params::Pbkdf2(_))
    }

    /// Authelia's default parameters for `algorithm`.
    pub const fn default_for(algorithm: Algorithm) -> Params {
        match algorithm {
            Algorithm::Pbkdf2Sha512 => {
                Params::Pbkdf2(Pbkdf2Params::default_for(Pbkdf2Hash::Sha512))
            }
            Algorithm::Pbkdf2Sha384 => {
                Params::Pbkdf2(Pbkdf2Params::default_for(Pbkdf2Hash::Sha384))
            }
            Algorithm::Pbkdf2Sha256 => {
                Params::Pbkdf2(Pbkdf2Params::default_for(Pbkdf2Hash::Sha256))
            }
            Algorithm::Pbkdf2Sha224 => {
                Params::Pbkdf2(Pbkdf2Params::default_for(Pbkdf2Hash::Sha224))
            }
            Algorithm::Pbkdf2Sha1 => Params::Pbkdf2(Pbkdf2Params::default_for(Pbkdf2Hash::Sha1)),
            Algorithm::Argon2id => Params::Argon2(Argon2Params::default_for(Argon2Variant::Id)),
            Algorithm::Argon2i => Params::Argon2(Argon2Params::default_for(Argon2Variant::I)),
            Algorithm::Argon2d => Params::Argon2(Argon2Params::default_for(Argon2Variant::D)),
            Algorithm::Scrypt => Params::Scrypt(ScryptParams::DEFAULT),
            Algorithm::Bcrypt => Params::Bcrypt(BcryptParams::DEFAULT),
            Algorithm::Sha512Crypt => {
                Params::ShaCrypt(ShaCryptParams::default_for(ShaCryptVariant::Sha512))
            }
            Algorithm::Sha256Crypt => {
                Params::ShaCrypt(ShaCryptParams::default_for(ShaCryptVariant::Sha256))
            }
            Algorithm::Plaintext => Params::Plaintext,
        }
    }

    /// The algorithm these parameters are for, as the reader's list names it.
    pub const fn algorithm(&self) -> Algorithm {
        match self {
            Params::Pbkdf2(p) => p.hash.algorithm(),
            Params::Argon2(p) => p.variant.algorithm(),
            Params::Scrypt(_) => Algorithm::Scrypt,
            Params::Bcrypt(_) => Algorithm::Bcrypt,
            Params::ShaCrypt(p) => p.variant.algorithm(),
            Params::Plaintext => Algorithm::Plaintext,
        }
    }

    /// Whether Authelia's configuration would accept these parameters; the reason if not.
    ///
    /// [`hash`] applies this check. [`hash_with_salt`] applies only the looser limits of
    /// what Authelia can *read*, since it reproduces existing digests.
    ///
    /// # Errors
    /// [`DigestError::OutOfRange`] naming the first parameter outside its bounds.
    pub fn check(&self) -> Result<(), DigestError> {
        match self {
            Params::Pbkdf2(p) => p.check(),
            Params::Argon2(p) => p.check(),
            Params::Scrypt(p) => p.check(),
            Params::Bcrypt(p) => p.check(),
            Params::ShaCrypt(p) => p.check(),
            Params::Plaintext => Ok(()),
        }
    }

    /// The limits for reading a digest with these parameters (see [`Params::check`]).
    pub(crate) fn check_readable(&self) -> Result<(), DigestError> {
        match self {
            Params::Pbkdf2(p) => p.check_readable(),
            Params::Argon2(p) => p.check(),
            Params::Scrypt(p) => p.check(),
            Params::Bcrypt(p) => p.check_readable(),
            Params::ShaCrypt(p) => p.check(),
            Params::Plaintext => Ok(()),
        }
    }
}

/// Why no digest was produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DigestError {
    /// A parameter is outside the range allowed.
    OutOfRange {
        /// What it is, for people: `"PBKDF2 iterations"`.
        param: &'static str,
        /// The value given, saturated at `u64::MAX`.
        value: u64,
        /// The smallest value allowed, saturated like `value`.
        min: u64,
        /// The largest value allowed, saturated like `value`.
        max: u64,
    },
    /// Argon2 needs at least 8 KiB of memory per lane, and `m` is less than 8·`p`.
    Argon2MemoryPerLane {
        /// `m`, in KiB.
        memory_kib: u32,
        /// `p`, the number of lanes.
        parallelism: u32,
    },
    /// The secret is longer than bcrypt reads, so bcrypt would silently ignore its end.
    BcryptTooLong {
        /// The secret's length in bytes.
        bytes: usize,
    },
    /// The secret is empty.
    EmptyPlaintext,
    /// The secret is longer than [`MAX_SECRET_BYTES`](crate::MAX_SECRET_BYTES).
    SecretTooLong(SecretTooLong),
    /// The parameters ask for more work than a browser tab should do.
    TooCostly(TooCostly),
    /// The memory the computation needs could not be had: in a browser, the worker's
    /// memory could not grow that far.
    OutOfMemory {
        /// The algorithm that needed it.
        algorithm: Algorithm,
        /// How much it asked for, in bytes.
        bytes: u64,
    },
    /// The system's random number generator failed while drawing a salt.
    Random(getrandom::Error),
    /// The hashing library refused the input; should not happen once checks pass.
    Backend {
        /// The algorithm whose library refused.
        algorithm: Algorithm,
        /// The library's own error message.
        message: String,
    },
}

impl DigestError {
    /// The reader's words for a kernel that produced no key for `algorithm`.
    pub(crate) fn from_kdf(algorithm: Algorithm, error: crate::kdf::KdfError) -> DigestError {
        match error {
            crate::kdf::KdfError::OutOfMemory { bytes, .. } => DigestError::OutOfMemory {
                algorithm,
                bytes: u64::try_from(bytes).unwrap_or(u64::MAX),
            },
            undefined @ crate::kdf::KdfError::Undefined { .. } => DigestError::Backend {
                algorithm,
                message: undefined.to_string(),
            },
        }
    }
}

impl fmt::Display for DigestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DigestError::OutOfRange {
                param,
                value,
                min,
                max,
            } => write!(f, "{param} must be between {min} and {max}, not {value}"),
            DigestError::Argon2MemoryPerLane {
                memory_kib,
                parallelism,
            } => write!(
                f,
                "Argon2 needs at least {MIN_MEMORY_KIB_PER_LANE} KiB of memory per lane: with \
                 parallelism {parallelism} memory must be at least {} KiB, not {memory_kib}",
                u64::from(*parallelism) * u64::from(MIN_MEMORY_KIB_PER_LANE)
            ),
            DigestError::BcryptTooLong { bytes } => write!(
                f,
                "bcrypt uses only the first {BCRYPT_MAX_PLAINTEXT_BYTES} bytes of a secret and \
                 this one has {bytes}: choose another algorithm or a secret of at most \
                 {BCRYPT_MAX_PLAINTEXT_BYTES} characters"
            ),
            DigestError::TooCostly(e) => e.fmt(f),
            DigestError::SecretTooLong(e) => e.fmt(f),
            DigestError::EmptyPlaintext => f.write_str("there is no secret to hash"),
            DigestError::OutOfMemory { algorithm, bytes } => write!(
                f,
                "{algorithm} needs {} MiB of memory for this digest and the browser would \
                 not give that much; close other tabs and try again, or check it with \
                 `authelia crypto hash validate`",
                bytes.div_ceil(1 << 20)
            ),
            DigestError::Random(e) => {
                write!(f, "the system's random number generator failed: {e}")
            }
            DigestError::Backend { algorithm, message } => {
                write!(f, "{algorithm} could not hash this secret: {message}")
            }
        }
    }
}

impl std::error::Error for DigestError {}

/// `Ok` if `value` lies in `range`, else [`DigestError::OutOfRange`] naming `param` and
/// the bounds: one check for counts, costs and byte lengths alike.
pub(crate) fn within<T>(
    param: &'static str,
    value: T,
    range: RangeInclusive<T>,
) -> Result<(), DigestError>
where
    T: Copy + PartialOrd + TryInto<u64>,
{
    if range.contains(&value) {
        Ok(())
    } else {
        Err(DigestError::out_of_range(param, value, range))
    }
}

impl DigestError {
    /// [`DigestError::OutOfRange`] for `param`, whose `value` lies outside `range`.
    pub(crate) fn out_of_range<T: TryInto<u64>>(
        param: &'static str,
        value: T,
        range: RangeInclusive<T>,
    ) -> DigestError {
        // Every value here fits in a u64; saturating keeps the message truthful if not.
        let wide = |v: T| v.try_into().unwrap_or(u64::MAX);
        let (min, max) = range.into_inner();
        DigestError::OutOfRange {
            param,
            value: wide(value),
            min: wide(min),
            max: wide(max),
        }
    }
}

/// Hashes `plaintext` with a fresh random salt into the digest string Authelia stores.
///
/// The secret must be 1 to [`MAX_SECRET_BYTES`](crate::MAX_SECRET_BYTES) bytes long, and
/// the parameters must pass [`Params::check`] (Authelia's configuration bounds) and stay
/// within [`WorkLimits::BROWSER`].
///
/// # Errors
/// See [`DigestError`].
pub fn hash(plaintext: &str, params: &Params) -> Result<String, DigestError> {
    let mut steps = hash_in_steps(plaintext, params)?;
    loop {
        match steps.step(u32::MAX) {
            Step::Done(digest) => return digest,
            Step::Pending(rest) => steps = rest,
        }
    }
}

/// [`hash`], worked out a slice at a time, for a caller that must stay responsive between
/// slices: the browser's hashing worker listens for a newer secret between them, and
/// drops a stale hash after one slice instead of finishing it.
///
/// PBKDF2, whose cost is its iteration count, runs at most the iterations each
/// [`HashSteps::step`] allows. The other families run whole in the first step.
///
/// # Usage
///
/// ```
/// use guide_secrets::digest::{Step, hash_in_steps};
/// use guide_secrets::{Algorithm, Params};
///
/// let params = Params::default_for(Algorithm::Pbkdf2Sha512);
/// let mut steps = hash_in_steps("a client secret", &params)?;
/// let digest = loop {
///     match steps.step(50_000) {
///         Step::Done(digest) => break digest?,
///         // A caller that no longer needs the digest simply drops `rest`.
///         Step::Pending(rest) => steps = rest,
///     }
/// };
/// assert!(digest.starts_with("$pbkdf2-sha512$310000$"));
/// # Ok::<(), guide_secrets::DigestError>(())
/// ```
///
/// # Errors
/// The same as [`hash`]'s, for everything that can be checked before the work starts.
pub fn hash_in_steps(plaintext: &str, params: &Params) -> Result<HashSteps, DigestError> {
    check_plaintext(plaintext)?;
    params.check()?;
    WorkLimits::BROWSER
        .admit(params, plaintext.len())
        .map_err(DigestError::TooCostly)?;
    let mut salt = [0u8; SALT_LENGTH];
    let salt = match params {
        // 12 bytes become the 16 salt characters Authelia writes (its maximum).
        Params::ShaCrypt(_) => &mut salt[..sha_crypt::MAX_SALT_BYTES],
        Params::Plaintext => &mut salt[..0],
        _ => &mut salt[..],
    };
    getrandom::fill(salt).map_err(DigestError::Random)?;
    Ok(HashSteps(match params {
        Params::Pbkdf2(p) => Steps::Pbkdf2(Box::new(pbkdf2::Slices::start(
            plaintext.as_bytes(),
            p,
            salt,
        )?)),
        _ => Steps::Whole {
            plaintext: plaintext.to_owned(),
            params: *params,
            salt: salt.to_vec(),
        },
    }))
}

/// A digest being worked out; see [`hash_in_steps`].
pub struct HashSteps(Steps);

enum Steps {
    /// Boxed: the keyed states are large, and the steps move with every slice.
    Pbkdf2(Box<pbkdf2::Slices>),
    /// Worked out whole at the first step.
    Whole {
        plaintext: String,
        params: Params,
        salt: Vec<u8>,
    },
}

/// What one [`HashSteps::step`] came to.
pub enum Step {
    /// The digest, or why it could not be written.
    Done(Result<String, DigestError>),
    /// More work is left: step again to go on, or drop it to stop.
    Pending(HashSteps),
}

impl HashSteps {
    /// Does the next slice of work: at most `max_iterations` PBKDF2 iterations, or the
    /// whole of another family's hash.
    pub fn step(self, max_iterations: u32) -> Step {
        match self.0 {
            Steps::Pbkdf2(mut slices) => match slices.advance(max_iterations) {
                Some(digest) => Step::Done(Ok(digest)),
                None => Step::Pending(HashSteps(Steps::Pbkdf2(slices))),
            },
            Steps::Whole {
                plaintext,
                params,
                salt,
            } => Step::Done(write(&plaintext, &params, &salt)),
        }
    }
}

/// Hashes `plaintext` with the given salt: for reproducing a known digest.
///
/// `salt` is raw bytes for every family. For bcrypt it must be exactly 16 bytes. For
/// SHA-crypt, whose salt is text, it is the bytes whose SHA-crypt base64 is that text
/// (12 bytes for the usual 16 characters). It is ignored for plaintext.
///
/// Only the limits of what Authelia can read apply here, not [`Params::check`]'s
/// configuration bounds nor [`WorkLimits`], so fast test vectors (PBKDF2 with 1000
/// iterations, bcrypt cost 4) can be reproduced. The secret's length is bounded as for
/// [`hash`].
///
/// # Errors
/// See [`DigestError`].
pub fn hash_with_salt(
    plaintext: &str,
    params: &Params,
    salt: &[u8],
) -> Result<String, DigestError> {
    check_plaintext(plaintext)?;
    params.check_readable()?;
    write(plaintext, params, salt)
}

/// A secret with something in it, and not more than
/// [`MAX_SECRET_BYTES`](crate::MAX_SECRET_BYTES).
fn check_plaintext(plaintext: &str) -> Result<(), DigestError> {
    if plaintext.is_empty() {
        return Err(DigestError::EmptyPlaintext);
    }
    SecretTooLong::check(plaintext).map_err(DigestError::SecretTooLong)
}

/// The digest of `plaintext` with `params` and `salt`, written by its family.
fn write(plaintext: &str, params: &Params, salt: &[u8]) -> Result<String, DigestError> {
    let password = plaintext.as_bytes();
    match params {
        Params::Pbkdf2(p) => pbkdf2::hash(password, p, salt),
        Params::Argon2(p) => argon2::hash(password, p, salt),
        Params::Scrypt(p) => scrypt::hash(password, p, salt),
        Params::Bcrypt(p) => bcrypt::hash(password, p, salt),
        Params::ShaCrypt(p) => sha_crypt::hash(password, p, salt),
        Params::Plaintext => Ok(plaintext::encode(plaintext)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn algorithm_ids_round_trip_and_are_unique() {
        for algorithm in Algorithm::ALL {
            assert_eq!(Algorithm::from_id(algorithm.id()), Some(algorithm));
            assert_eq!(Params::default_for(algorithm).algorithm(), algorithm);
        }
        assert_eq!(Algorithm::from_id("md5"), None);
    }

    #[test]
    fn default_params_pass_authelias_bounds() {
        for algorithm in Algorithm::ALL {
            assert_eq!(
                Params::default_for(algorithm).check(),
                Ok(()),
                "{algorithm}"
            );
        }
    }

    #[test]
    fn argon2_and_scrypt_key_lengths_follow_authelias_minimums() {
        let argon2 = |key_length| {
            Params::Argon2(Argon2Params {
                key_length,
                ..Argon2Params::default_for(Argon2Variant::Id)
            })
        };
        assert_eq!(argon2(4).check(), Ok(()));
        assert!(argon2(3).check().is_err());
        let scrypt = |key_length| {
            Params::Scrypt(ScryptParams {
                key_length,
                ..ScryptParams::DEFAULT
            })
        };
        assert_eq!(scrypt(1).check(), Ok(()));
        assert!(scrypt(0).check().is_err());
    }

    #[test]
    fn empty_plaintext_is_refused() {
        let params = Params::default_for(Algorithm::Plaintext);
        assert_eq!(hash("", &params), Err(DigestError::EmptyPlaintext));
    }

    #[test]
    fn out_of_range_message_names_the_parameter_and_bounds() {
        let err = within("PBKDF2 iterations", 1000u32, 100_000..=GO_INT32_MAX).unwrap_err();
        assert_eq!(
            err.to_string(),
            "PBKDF2 iterations must be between 100000 and 2147483647, not 1000"
        );
    }
}
