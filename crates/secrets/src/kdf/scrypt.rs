//! scrypt (RFC 7914) with its ROMix owned here, laid out for WebAssembly.
//!
//! PBKDF2-HMAC-SHA256 with one iteration wraps ROMix (RFC 7914 §6) and comes from
//! [`super::pbkdf2`]. ROMix's vector V, 128 · r · N bytes (64 MiB at Authelia's defaults),
//! is reserved fallibly: a pasted digest may ask for more than a wasm32 tab can have.

// A memory-hard fill: V is indexed by Integerify mod N, below the N blocks reserved, and words by 4-byte chunks.
// `get` would turn a mistake into a wrong digest; Rust's bounds checks stop it instead.
#![allow(clippy::indexing_slicing)]

use super::KdfError;
use crate::digest::ScryptParams;

// One kernel for every target. A WebAssembly SIMD Salsa20/8 (four words per v128) once
// measured faster, but with the worker's kernels warm before the first digest it was not:
// SIMD / scalar build 1.04× and 1.05× (medians of two scripts/bench runs); removed.
mod salsa;

/// 32-bit words in one Salsa20 block of 64 bytes (RFC 7914 §3).
const SALSA_WORDS: usize = 16;

/// One 64-byte Salsa20 block as 16 little-endian words (in the kernel's layout), aligned
/// to a cache line so that none straddles two (measured 6 % faster in Chromium, with the
/// SIMD kernel of the time).
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct SalsaBlock([u32; SALSA_WORDS]);

impl SalsaBlock {
    const ZERO: SalsaBlock = SalsaBlock([0; SALSA_WORDS]);
}

/// The algorithm, as errors name it.
const NAME: &str = "scrypt";

/// Fills `out` with scrypt(`password`, `salt`, N = 2^ln, r, p) (RFC 7914 §6).
///
/// # Errors
/// [`KdfError::Undefined`] for parameters outside RFC 7914, [`KdfError::OutOfMemory`]
/// when V or B cannot be reserved.
pub(crate) fn derive(
    params: &ScryptParams,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), KdfError> {
    let undefined = |what| {
        Err(KdfError::Undefined {
            algorithm: NAME,
            what,
        })
    };
    // N = 2^ln must exceed 1 (RFC 7914 §2) and its index fit the 64 bits Integerify reads.
    if !(1..64).contains(&params.ln) {
        return undefined("a cost ln outside 1 to 63");
    }
    let (r, p) = (u64::from(params.block_size), u64::from(params.parallelism));
    if r == 0 || p == 0 || r * p >= 1 << 30 {
        return undefined("r or p of zero, or r · p of 2^30 or more");
    }
    if out.is_empty() || out.len() as u64 / 32 > u64::from(u32::MAX) {
        return undefined("a key of 0 bytes or of more than (2^32 − 1) · 32");
    }
    let n = 1u64 << params.ln;
    let bytes = 128 * u128::from(r) * (u128::from(n) + u128::from(p));
    let too_big = || KdfError::OutOfMemory {
        algorithm: NAME,
        bytes,
    };
    // Salsa20 blocks in one 128 · r-byte block and in V, and bytes in B.
    let blocks = usize::try_from(2 * r).map_err(|_| too_big())?;
    let v_blocks = usize::try_from(n)
        .ok()
        .and_then(|n| n.checked_mul(blocks))
        .ok_or_else(too_big)?;
    let b_bytes = usize::try_from(128 * r * p).map_err(|_| too_big())?;

    let mut b: Vec<u8> = Vec::new();
    b.try_reserve_exact(b_bytes).map_err(|_| too_big())?;
    b.resize(b_bytes, 0);
    let mut v: Vec<SalsaBlock> = Vec::new();
    v.try_reserve_exact(v_blocks).map_err(|_| too_big())?;
    let mut x: Vec<SalsaBlock> = Vec::new();
    x.try_reserve_exact(2 * blocks).map_err(|_| too_big())?;
    x.resize(2 * blocks, SalsaBlock::ZERO);
    let (x, y) = x.split_at_mut(blocks);

    super::pbkdf2::sha256_once(password, salt, &mut b);
    for chunk in b.chunks_exact_mut(64 * blocks) {
        ro_mix(chunk, &mut v, x, y, n);
    }
    super::pbkdf2::sha256_once(password, &b, out);
    Ok(())
}

/// ROMix (RFC 7914 §5) on one 128 · r-byte block of B, in place. `v` has room for N blocks
/// and is refilled here; `x` and `y` are one block each.
fn ro_mix(
    block: &mut [u8],
    v: &mut Vec<SalsaBlock>,
    x: &mut [SalsaBlock],
    y: &mut [SalsaBlock],
    n: u64,
) {
    for (salsa, bytes) in x.iter_mut().zip(block.chunks_exact(64)) {
        for (word, bytes) in salsa.0.iter_mut().zip(bytes.chunks_exact(4)) {
            *word = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        }
    }
    let blocks = x.len();

    // V_i = X; X = BlockMix(X), N times. Pushed, not indexed: the reservation was made.
    v.clear();
    let (mut x, mut y) = (x, y);
    for _ in 0..n {
        v.extend_from_slice(x);
        block_mix(x, None, y);
        core::mem::swap(&mut x, &mut y);
    }
    // X = BlockMix(X ⊕ V_j), j = Integerify(X) mod N, N times.
    for _ in 0..n {
        let j = integerify(x) & (n - 1);
        // Below N, whose V the reservation above held in memory: the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation)]
        let start = j as usize * blocks;
        block_mix(x, Some(&v[start..start + blocks]), y);
        core::mem::swap(&mut x, &mut y);
    }

    for (bytes, salsa) in block.chunks_exact_mut(64).zip(x.iter_mut()) {
        for (bytes, word) in bytes.chunks_exact_mut(4).zip(salsa.0) {
            bytes.copy_from_slice(&word.to_le_bytes());
        }
    }
}

/// `output` = BlockMix(`input` ⊕ `other`) (RFC 7914 §4): Salsa20/8 chained through the 2r
/// 64-byte blocks, even results first, then odd. XORing V_j in here saves ROMix a pass.
#[inline]
fn block_mix(input: &[SalsaBlock], other: Option<&[SalsaBlock]>, output: &mut [SalsaBlock]) {
    let half = input.len() / 2;
    let mut x = input.last().map_or(salsa::ZERO, salsa::load);
    if let Some(last) = other.and_then(<[SalsaBlock]>::last) {
        x = salsa::xor(x, salsa::load(last));
    }
    for (i, block) in input.iter().enumerate() {
        x = salsa::xor(x, salsa::load(block));
        if let Some(other) = other.and_then(|other| other.get(i)) {
            x = salsa::xor(x, salsa::load(other));
        }
        x = salsa::salsa20_8(x);
        if let Some(out) = output.get_mut(i / 2 + (i % 2) * half) {
            salsa::store(x, out);
        }
    }
}

/// The last 64-byte block's first 8 bytes as a little-endian integer (RFC 7914 §5): its
/// words 0 and 1.
fn integerify(x: &[SalsaBlock]) -> u64 {
    x.last()
        .map_or(0, |last| u64::from(last.0[0]) | u64::from(last.0[1]) << 32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn params(ln: u8, block_size: u32, parallelism: u32) -> ScryptParams {
        ScryptParams {
            ln,
            block_size,
            parallelism,
            key_length: 32,
        }
    }

    fn kernel(
        p: &ScryptParams,
        password: &[u8],
        salt: &[u8],
        len: usize,
    ) -> Result<Vec<u8>, KdfError> {
        let mut out = vec![0u8; len];
        derive(p, password, salt, &mut out).map(|()| out)
    }

    fn oracle(p: &ScryptParams, password: &[u8], salt: &[u8], len: usize) -> Vec<u8> {
        let backend = ::scrypt::Params::new(p.ln, p.block_size, p.parallelism).expect("valid");
        let mut out = vec![0u8; len];
        ::scrypt::scrypt(password, salt, &backend, &mut out).expect("hashes");
        out
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn rfc_7914_vectors_are_reproduced() {
        // RFC 7914 §12, the first two vectors.
        type Case<'a> = (&'a [u8], &'a [u8], u8, u32, u32, &'a str);
        let cases: [Case; 2] = [
            (
                b"",
                b"",
                4,
                1,
                1,
                "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906",
            ),
            (
                b"password",
                b"NaCl",
                10,
                8,
                16,
                "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640",
            ),
        ];
        for (password, salt, ln, r, p, expected) in cases {
            let out = kernel(&params(ln, r, p), password, salt, 64);
            assert_eq!(out.map(|k| hex(&k)), Ok(expected.to_owned()));
        }
    }

    #[test]
    fn memory_that_cannot_be_reserved_is_an_error_with_its_size() {
        // ln = 50, r = 8: an exbibyte for V, beyond any address space.
        let p = params(50, 8, 1);
        let bytes = 128 * 8 * ((1u128 << 50) + 1);
        assert_eq!(
            kernel(&p, b"pw", b"salt", 32),
            Err(KdfError::OutOfMemory {
                algorithm: NAME,
                bytes
            })
        );
    }

    #[test]
    fn parameters_outside_rfc_7914_are_refused_not_computed() {
        for (p, len) in [
            (params(0, 8, 1), 32),
            (params(64, 1, 1), 32),
            (params(4, 0, 1), 32),
            (params(4, 1, 0), 32),
            (params(4, 1 << 15, 1 << 15), 32),
            (params(4, 1, 1), 0),
        ] {
            assert!(
                matches!(
                    kernel(&p, b"pw", b"salt", len),
                    Err(KdfError::Undefined { .. })
                ),
                "{p:?}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn generated_parameters_give_the_scrypt_crates_key(
            ln in 1u8..9,
            block_size in 1u32..9,
            parallelism in 1u32..4,
            password in proptest::collection::vec(any::<u8>(), 0..80),
            salt in proptest::collection::vec(any::<u8>(), 0..80),
            len in 1usize..140,
        ) {
            let p = params(ln, block_size, parallelism);
            prop_assert_eq!(kernel(&p, &password, &salt, len), Ok(oracle(&p, &password, &salt, len)));
        }
    }
}
