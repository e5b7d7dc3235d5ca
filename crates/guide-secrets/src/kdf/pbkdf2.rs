//! PBKDF2-HMAC (RFC 8018 §5.2 over HMAC, RFC 2104) on the raw SHA compression functions.
//!
//! Each of the c − 1 iterations after the first is exactly two compressions: the HMAC's
//! inner and outer keyed states are computed once, and the previous `U` is written into a
//! block whose padding (FIPS 180-4 §5.1) never changes, since every message hashed there is
//! one key block plus one digest long. Nothing is allocated, buffered or finalised per
//! iteration, which is where a generic HMAC spends its time in WebAssembly.

use crate::digest::Pbkdf2Hash;

mod sha512;

/// A SHA compression function with the constants PBKDF2 needs around it.
trait Sha: Sized {
    /// The chaining state: eight (SHA-2) or five (SHA-1) words.
    type State: Copy + AsRef<[Self::Word]> + AsMut<[Self::Word]>;
    /// A state word.
    type Word: Copy + core::ops::BitXorAssign;
    /// One message block: 64 or 128 bytes.
    type Block: Copy + AsRef<[u8]> + AsMut<[u8]>;
    /// The initial hash value (FIPS 180-4 §5.3).
    const IV: Self::State;
    /// An all-zero block, to build blocks from.
    const ZERO_BLOCK: Self::Block;
    /// Block length in bytes (FIPS 180-4 §1, "block size"): the HMAC's B (RFC 2104 §2).
    const BLOCK_LEN: usize;
    /// Digest length in bytes: the leading words of the state (FIPS 180-4 §6.5, §6.7).
    const OUTPUT_LEN: usize;
    /// Bytes in a word: the digest is the state's words written big-endian.
    const WORD_LEN: usize;
    /// Bytes of the message-length field that closes the padding: 8 for the 64-byte
    /// blocks, 16 for the 128-byte ones (FIPS 180-4 §5.1.1, §5.1.2).
    const LENGTH_LEN: usize;

    /// Compresses one block into `state`.
    fn compress(state: &mut Self::State, block: &Self::Block);
    /// `word` big-endian into `out`, which is `WORD_LEN` bytes long.
    fn word_to_bytes(word: Self::Word, out: &mut [u8]);

    /// Compresses the iteration block: `digest`'s digest, then the fixed padding already in
    /// `block` (from [`padded_block`]).
    #[inline(always)]
    fn compress_digest(state: &mut Self::State, digest: &Self::State, block: &mut Self::Block) {
        write_digest::<Self>(digest, block.as_mut());
        Self::compress(state, block);
    }
}

/// Implements [`Sha`] for a unit type; the SHA-2 pairs differ only in IV and output length.
macro_rules! sha {
    ($(#[$doc:meta])* $name:ident, $word:ty, $words:literal, $block:literal, $length:literal,
     $output:literal, $compress:expr, $iv:expr $(, iteration: $iteration:path)?) => {
        $(#[$doc])*
        struct $name;

        impl Sha for $name {
            type State = [$word; $words];
            type Word = $word;
            type Block = [u8; $block];
            const IV: Self::State = $iv;
            const ZERO_BLOCK: Self::Block = [0; $block];
            const BLOCK_LEN: usize = $block;
            const OUTPUT_LEN: usize = $output;
            const WORD_LEN: usize = core::mem::size_of::<$word>();
            const LENGTH_LEN: usize = $length;

            #[inline(always)]
            fn compress(state: &mut Self::State, block: &Self::Block) {
                $compress(state, core::slice::from_ref(block));
            }

            #[inline(always)]
            fn word_to_bytes(word: $word, out: &mut [u8]) {
                out.copy_from_slice(&word.to_be_bytes());
            }

            $(
                #[inline(always)]
                fn compress_digest(
                    state: &mut Self::State,
                    digest: &Self::State,
                    _block: &mut Self::Block,
                ) {
                    $iteration(state, digest);
                }
            )?
        }
    };
}

sha!(
    /// SHA-1 (FIPS 180-4 §6.1); IV from §5.3.1.
    Sha1, u32, 5, 64, 8, 20, sha1::block_api::compress,
    [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476, 0xc3d2_e1f0]
);
sha!(
    /// SHA-224 (FIPS 180-4 §6.3); IV from §5.3.2.
    Sha224, u32, 8, 64, 8, 28, sha2::block_api::compress256,
    [
        0xc105_9ed8, 0x367c_d507, 0x3070_dd17, 0xf70e_5939,
        0xffc0_0b31, 0x6858_1511, 0x64f9_8fa7, 0xbefa_4fa4,
    ]
);
sha!(
    /// SHA-256 (FIPS 180-4 §6.2); IV from §5.3.3.
    Sha256, u32, 8, 64, 8, 32, sha2::block_api::compress256,
    [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
        0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
);
sha!(
    /// SHA-384 (FIPS 180-4 §6.5); IV from §5.3.4.
    Sha384, u64, 8, 128, 16, 48, sha2::block_api::compress512,
    [
        0xcbbb_9d5d_c105_9ed8, 0x629a_292a_367c_d507, 0x9159_015a_3070_dd17,
        0x152f_ecd8_f70e_5939, 0x6733_2667_ffc0_0b31, 0x8eb4_4a87_6858_1511,
        0xdb0c_2e0d_64f9_8fa7, 0x47b5_481d_befa_4fa4,
    ],
    iteration: sha512::compress_digest::<6>
);
sha!(
    /// SHA-512 (FIPS 180-4 §6.4); IV from §5.3.5.
    Sha512, u64, 8, 128, 16, 64, sha2::block_api::compress512,
    [
        0x6a09_e667_f3bc_c908, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b,
        0xa54f_f53a_5f1d_36f1, 0x510e_527f_ade6_82d1, 0x9b05_688c_2b3e_6c1f,
        0x1f83_d9ab_fb41_bd6b, 0x5be0_cd19_137e_2179,
    ],
    iteration: sha512::compress_digest::<8>
);

/// HMAC's inner and outer pad bytes (RFC 2104 §2).
const IPAD: u8 = 0x36;
const OPAD: u8 = 0x5c;

/// Fills `out` with PBKDF2-HMAC-`hash` of `password` and `salt` after `iterations` rounds.
///
/// The same bytes as the `pbkdf2` crate's `pbkdf2_hmac` (checked in the tests); an
/// iteration count of 0 is treated as 1, as there.
pub(crate) fn derive(
    hash: Pbkdf2Hash,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    out: &mut [u8],
) {
    match hash {
        Pbkdf2Hash::Sha1 => pbkdf2::<Sha1>(password, salt, iterations, out),
        Pbkdf2Hash::Sha224 => pbkdf2::<Sha224>(password, salt, iterations, out),
        Pbkdf2Hash::Sha256 => pbkdf2::<Sha256>(password, salt, iterations, out),
        Pbkdf2Hash::Sha384 => pbkdf2::<Sha384>(password, salt, iterations, out),
        Pbkdf2Hash::Sha512 => pbkdf2::<Sha512>(password, salt, iterations, out),
    }
}

/// RFC 8018 §5.2: `out` is T_1 ‖ T_2 ‖ …, truncated, with T_i = F(P, S, c, i).
fn pbkdf2<H: Sha>(password: &[u8], salt: &[u8], iterations: u32, out: &mut [u8]) {
    let (inner, outer) = keyed_states::<H>(password);
    let mut t_bytes = H::ZERO_BLOCK;
    for (index, chunk) in out.chunks_mut(H::OUTPUT_LEN).enumerate() {
        // INT(i), 1-based. Never near RFC 8018's limit of 2^32 − 1 blocks: keys are at most
        // 1 KiB. Saturate rather than wrap anyway.
        let block_index = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let t = f::<H>(&inner, &outer, salt, iterations, block_index);
        write_digest::<H>(&t, t_bytes.as_mut());
        for (dst, src) in chunk.iter_mut().zip(t_bytes.as_ref()) {
            *dst = *src;
        }
    }
}

/// The states after compressing K ⊕ ipad and K ⊕ opad (RFC 2104 §2), a key longer than a
/// block being hashed first.
fn keyed_states<H: Sha>(password: &[u8]) -> (H::State, H::State) {
    let mut key = H::ZERO_BLOCK;
    if password.len() > H::BLOCK_LEN {
        let digest = hash_message::<H>(H::IV, 0, &[password]);
        write_digest::<H>(&digest, key.as_mut());
    } else {
        for (dst, src) in key.as_mut().iter_mut().zip(password) {
            *dst = *src;
        }
    }
    let keyed = |pad: u8| {
        let mut block = key;
        for byte in block.as_mut() {
            *byte ^= pad;
        }
        let mut state = H::IV;
        H::compress(&mut state, &block);
        state
    };
    (keyed(IPAD), keyed(OPAD))
}

/// F(P, S, c, i) = U_1 ⊕ U_2 ⊕ … ⊕ U_c (RFC 8018 §5.2 step 3), as a state whose leading
/// words are the digest.
fn f<H: Sha>(
    inner: &H::State,
    outer: &H::State,
    salt: &[u8],
    iterations: u32,
    block_index: u32,
) -> H::State {
    let mut progress = Progress::<H>::start(inner, outer, salt, iterations, block_index);
    progress.advance(u32::MAX);
    progress.t
}

/// F(P, S, c, i) part-way: `U_j` and `T = U_1 ⊕ … ⊕ U_j` after some iterations, so the
/// work can stop between slices and go on later with the same result.
struct Progress<H: Sha> {
    inner: H::State,
    outer: H::State,
    u: H::State,
    t: H::State,
    /// Iterations still to run.
    left: u32,
}

impl<H: Sha> Progress<H> {
    /// After U_1 = PRF(P, S ‖ INT(i)).
    fn start(
        inner: &H::State,
        outer: &H::State,
        salt: &[u8],
        iterations: u32,
        block_index: u32,
    ) -> Self {
        // The salt has any length, so hash it the long way, once.
        let inner_1 = hash_message::<H>(*inner, H::BLOCK_LEN, &[salt, &block_index.to_be_bytes()]);
        let mut block = H::ZERO_BLOCK;
        write_digest::<H>(&inner_1, block.as_mut());
        let output = block.as_ref().get(..H::OUTPUT_LEN).unwrap_or_default();
        let u = hash_message::<H>(*outer, H::BLOCK_LEN, &[output]);
        Progress {
            inner: *inner,
            outer: *outer,
            u,
            t: u,
            // An iteration count of 0 is treated as 1, as the `pbkdf2` crate does.
            left: iterations.saturating_sub(1),
        }
    }

    /// Runs up to `max` more iterations; true once all are done.
    ///
    /// Never inlined: every caller (a whole hash, a hash in slices, the worker's warm-up)
    /// then runs this one function, so the browser's optimised compile of it, which the
    /// warm-up brings about, serves them all.
    #[inline(never)]
    fn advance(&mut self, max: u32) -> bool {
        let run = self.left.min(max);
        // Locals, not fields, in the loop: the state stays in registers.
        let (inner, outer) = (self.inner, self.outer);
        let (mut u, mut t) = (self.u, self.t);
        // U_j = PRF(P, U_{j−1}) for j ≥ 2. Both hashes inside it see a key block and then
        // one digest, so both use this one block: the digest's bytes, then fixed padding.
        let mut block = padded_block::<H>();
        for _ in 0..run {
            let mut inner_u = inner;
            H::compress_digest(&mut inner_u, &u, &mut block);
            u = outer;
            H::compress_digest(&mut u, &inner_u, &mut block);
            for (acc, word) in t.as_mut().iter_mut().zip(u.as_ref()) {
                *acc ^= *word;
            }
        }
        self.u = u;
        self.t = t;
        self.left -= run;
        self.left == 0
    }

    /// T's bytes, as many as `out` holds (at most one digest).
    fn write(&self, out: &mut [u8]) {
        let mut bytes = H::ZERO_BLOCK;
        write_digest::<H>(&self.t, bytes.as_mut());
        for (dst, src) in out.iter_mut().zip(bytes.as_ref()) {
            *dst = *src;
        }
    }
}

/// PBKDF2 with a key no longer than one digest (T_1 alone, as every PBKDF2 digest this
/// crate writes), computed a slice of iterations at a time: see [`Slices::advance`].
pub(crate) struct Slices(SlicesOf);

enum SlicesOf {
    Sha1(Progress<Sha1>),
    Sha224(Progress<Sha224>),
    Sha256(Progress<Sha256>),
    Sha384(Progress<Sha384>),
    Sha512(Progress<Sha512>),
}

/// Calls the same method on whichever hash's progress `$slices` holds.
macro_rules! on_progress {
    ($slices:expr, $p:ident => $call:expr) => {
        match $slices {
            SlicesOf::Sha1($p) => $call,
            SlicesOf::Sha224($p) => $call,
            SlicesOf::Sha256($p) => $call,
            SlicesOf::Sha384($p) => $call,
            SlicesOf::Sha512($p) => $call,
        }
    };
}

impl Slices {
    /// Starts PBKDF2-HMAC-`hash` of `password` and `salt`: the keyed states and U_1.
    pub(crate) fn start(hash: Pbkdf2Hash, password: &[u8], salt: &[u8], iterations: u32) -> Self {
        fn first<H: Sha>(password: &[u8], salt: &[u8], iterations: u32) -> Progress<H> {
            let (inner, outer) = keyed_states::<H>(password);
            Progress::start(&inner, &outer, salt, iterations, 1)
        }
        Slices(match hash {
            Pbkdf2Hash::Sha1 => SlicesOf::Sha1(first(password, salt, iterations)),
            Pbkdf2Hash::Sha224 => SlicesOf::Sha224(first(password, salt, iterations)),
            Pbkdf2Hash::Sha256 => SlicesOf::Sha256(first(password, salt, iterations)),
            Pbkdf2Hash::Sha384 => SlicesOf::Sha384(first(password, salt, iterations)),
            Pbkdf2Hash::Sha512 => SlicesOf::Sha512(first(password, salt, iterations)),
        })
    }

    /// Runs up to `max` more iterations; true once all are done, when [`Slices::write`]
    /// gives the key.
    pub(crate) fn advance(&mut self, max: u32) -> bool {
        on_progress!(&mut self.0, p => p.advance(max))
    }

    /// The key so far (the derived key once [`Slices::advance`] said done), truncated to
    /// `out`'s length.
    pub(crate) fn write(&self, out: &mut [u8]) {
        on_progress!(&self.0, p => p.write(out))
    }
}

/// A block holding a digest's place at the front, then the padding of a message one block
/// plus one digest long (FIPS 180-4 §5.1): a 1 bit, zeros, and the length in bits.
fn padded_block<H: Sha>() -> H::Block {
    let mut block = H::ZERO_BLOCK;
    pad::<H>(
        block.as_mut(),
        H::OUTPUT_LEN,
        (H::BLOCK_LEN + H::OUTPUT_LEN) as u64,
    );
    block
}

/// Writes FIPS 180-4 §5.1 padding into `block` after its first `filled` bytes (the rest are
/// zero): the 0x80 byte, then the message length in bits, big-endian, in the last bytes.
/// The length field is 8 or 16 bytes; a byte count below 2^61 fills only its last 8.
fn pad<H: Sha>(block: &mut [u8], filled: usize, message_len: u64) {
    if let Some(byte) = block.get_mut(filled) {
        *byte = 0x80;
    }
    let bits = message_len.wrapping_mul(8).to_be_bytes();
    let tail = block.len().saturating_sub(bits.len());
    for (dst, src) in block.iter_mut().skip(tail).zip(bits) {
        *dst = src;
    }
}

/// The state after hashing `parts` (concatenated) onto `state`, which has already absorbed
/// `prefix_len` bytes in whole blocks, padding included: a complete hash, the digest being
/// the state's leading words. Byte by byte: it runs a handful of times per derivation.
fn hash_message<H: Sha>(mut state: H::State, prefix_len: usize, parts: &[&[u8]]) -> H::State {
    let mut block = H::ZERO_BLOCK;
    let mut filled = 0;
    let mut total = prefix_len as u64;
    for &byte in parts.iter().flat_map(|part| part.iter()) {
        if let Some(slot) = block.as_mut().get_mut(filled) {
            *slot = byte;
        }
        filled += 1;
        total = total.wrapping_add(1);
        if filled == H::BLOCK_LEN {
            H::compress(&mut state, &block);
            block = H::ZERO_BLOCK;
            filled = 0;
        }
    }
    // The 0x80 byte and the length field must fit after the message, else one more block.
    if filled + 1 + H::LENGTH_LEN > H::BLOCK_LEN {
        if let Some(byte) = block.as_mut().get_mut(filled) {
            *byte = 0x80;
        }
        H::compress(&mut state, &block);
        block = H::ZERO_BLOCK;
        pad::<H>(block.as_mut(), H::BLOCK_LEN, total);
    } else {
        pad::<H>(block.as_mut(), filled, total);
    }
    H::compress(&mut state, &block);
    state
}

/// The digest, the state's leading `OUTPUT_LEN` bytes big-endian, into `out`'s front.
#[inline(always)]
fn write_digest<H: Sha>(state: &H::State, out: &mut [u8]) {
    let words = H::OUTPUT_LEN / H::WORD_LEN;
    for (chunk, word) in out
        .chunks_exact_mut(H::WORD_LEN)
        .zip(state.as_ref())
        .take(words)
    {
        H::word_to_bytes(*word, chunk);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn oracle(
        hash: Pbkdf2Hash,
        password: &[u8],
        salt: &[u8],
        iterations: u32,
        len: usize,
    ) -> Vec<u8> {
        let mut out = vec![0u8; len];
        match hash {
            Pbkdf2Hash::Sha1 => {
                ::pbkdf2::pbkdf2_hmac::<::sha1::Sha1>(password, salt, iterations, &mut out)
            }
            Pbkdf2Hash::Sha224 => {
                ::pbkdf2::pbkdf2_hmac::<::sha2::Sha224>(password, salt, iterations, &mut out)
            }
            Pbkdf2Hash::Sha256 => {
                ::pbkdf2::pbkdf2_hmac::<::sha2::Sha256>(password, salt, iterations, &mut out)
            }
            Pbkdf2Hash::Sha384 => {
                ::pbkdf2::pbkdf2_hmac::<::sha2::Sha384>(password, salt, iterations, &mut out)
            }
            Pbkdf2Hash::Sha512 => {
                ::pbkdf2::pbkdf2_hmac::<::sha2::Sha512>(password, salt, iterations, &mut out)
            }
        }
        out
    }

    fn kernel(
        hash: Pbkdf2Hash,
        password: &[u8],
        salt: &[u8],
        iterations: u32,
        len: usize,
    ) -> Vec<u8> {
        let mut out = vec![0u8; len];
        derive(hash, password, salt, iterations, &mut out);
        out
    }

    const HASHES: [Pbkdf2Hash; 5] = [
        Pbkdf2Hash::Sha1,
        Pbkdf2Hash::Sha224,
        Pbkdf2Hash::Sha256,
        Pbkdf2Hash::Sha384,
        Pbkdf2Hash::Sha512,
    ];

    #[test]
    fn rfc_6070_sha1_vectors_are_reproduced() {
        // RFC 6070 §2, test vectors 1, 2 and 5.
        let cases: [(&[u8], &[u8], u32, &str); 3] = [
            (
                b"password",
                b"salt",
                1,
                "0c60c80f961f0e71f3a9b524af6012062fe037a6",
            ),
            (
                b"password",
                b"salt",
                2,
                "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957",
            ),
            (
                b"passwordPASSWORDpassword",
                b"saltSALTsaltSALTsaltSALTsaltSALTsalt",
                4096,
                "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038",
            ),
        ];
        for (password, salt, iterations, hex) in cases {
            let out = kernel(Pbkdf2Hash::Sha1, password, salt, iterations, hex.len() / 2);
            let got: String = out.iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(got, hex);
        }
    }

    #[test]
    fn block_and_padding_boundaries_agree_with_the_pbkdf2_crate() {
        // Passwords around the block length (hashed first when longer) and salts whose
        // S ‖ INT(i) ends just before, at and after where the length field must move on.
        for hash in HASHES {
            for password_len in [0, 1, 63, 64, 65, 111, 112, 127, 128, 129, 300] {
                let password = vec![0xa5u8; password_len];
                let out = hash.output_len() * 2 + 3;
                assert_eq!(
                    kernel(hash, &password, b"salt", 3, out),
                    oracle(hash, &password, b"salt", 3, out),
                    "{hash:?} password of {password_len} bytes"
                );
            }
            for salt_len in [
                0, 1, 50, 51, 52, 55, 56, 59, 60, 64, 107, 108, 111, 112, 124, 128, 1024,
            ] {
                let salt = vec![0x3cu8; salt_len];
                assert_eq!(
                    kernel(hash, b"pw", &salt, 2, 40),
                    oracle(hash, b"pw", &salt, 2, 40),
                    "{hash:?} salt of {salt_len} bytes"
                );
            }
        }
    }

    #[test]
    fn zero_iterations_give_what_the_pbkdf2_crate_gives() {
        for hash in HASHES {
            assert_eq!(
                kernel(hash, b"pw", b"salt", 0, 20),
                oracle(hash, b"pw", b"salt", 0, 20)
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn any_input_gives_the_pbkdf2_crates_bytes(
            hash in proptest::sample::select(HASHES.to_vec()),
            password in proptest::collection::vec(any::<u8>(), 0..300),
            salt in proptest::collection::vec(any::<u8>(), 0..300),
            iterations in 1u32..40,
            len in 1usize..300,
        ) {
            prop_assert_eq!(
                kernel(hash, &password, &salt, iterations, len),
                oracle(hash, &password, &salt, iterations, len)
            );
        }

        #[test]
        fn slices_of_any_size_give_the_pbkdf2_crates_bytes(
            hash in proptest::sample::select(HASHES.to_vec()),
            password in proptest::collection::vec(any::<u8>(), 0..200),
            salt in proptest::collection::vec(any::<u8>(), 0..40),
            iterations in 0u32..60,
            slice in 1u32..25,
        ) {
            let mut slices = Slices::start(hash, &password, &salt, iterations);
            let mut calls = 1;
            while !slices.advance(slice) {
                calls += 1;
            }
            // c − 1 iterations after U_1, in slices of at most `slice`.
            prop_assert_eq!(calls, iterations.saturating_sub(1).div_ceil(slice).max(1));
            let mut key = vec![0u8; hash.output_len()];
            slices.write(&mut key);
            prop_assert_eq!(key, oracle(hash, &password, &salt, iterations.max(1), hash.output_len()));
        }
    }
}
