//! Argon2 (RFC 9106), version 1.3, all three variants, with its memory fill owned here.
//!
//! The hashing around the fill (H0, H' and the final tag, RFC 9106 §3.2–3.3) is BLAKE2b
//! from the `blake2` crate; the fill itself (§3.4–3.6) is the time: 64 MiB three times over
//! at Authelia's defaults. Memory is reserved fallibly: a pasted digest may ask for more
//! than a wasm32 tab can have, and that must come back as an error, not an abort.

// A memory-hard fill: its memory is indexed by block positions RFC 9106's indexing keeps within the lanes.
// `get` would turn a mistake into a wrong digest; Rust's bounds checks stop it instead.
#![allow(clippy::indexing_slicing)]

use blake2::Blake2bVarCore;
use blake2::digest::block_api::{UpdateCore, VariableOutputCore};
use blake2::digest::block_buffer::LazyBuffer;

use super::KdfError;
use crate::digest::{Argon2Params, Argon2Variant};

// One kernel for every target. A WebAssembly SIMD one (two words per v128, BlaMka's
// 32×32→64 product as i64x2.extmul_low_i32x4_u) lost to this scalar one in Chromium 156;
// the commit that removed it has the figures.
mod permutation;

/// Words in a memory block: 1024 bytes (RFC 9106 §3.1).
pub(crate) const BLOCK_WORDS: usize = 128;
/// Bytes in a memory block.
const BLOCK_BYTES: usize = BLOCK_WORDS * 8;
/// Slices per pass, the synchronisation points between lanes (RFC 9106 §3.4, SL = 4).
const SYNC_POINTS: usize = 4;
/// Pseudo-random values in one address block for data-independent addressing (§3.4.1.2).
const ADDRESSES_IN_BLOCK: usize = BLOCK_WORDS;
/// Version 1.3, `v=19` (RFC 9106 §3.2, "v"): the only one this kernel computes, and so
/// the only one `digest::argon2` writes or reads.
pub(crate) const VERSION: u32 = 0x13;
/// Longest BLAKE2b output (RFC 7693 §2.1): H' chains past it.
const BLAKE2B_MAX: usize = 64;

/// One 1 KiB memory block as 128 little-endian words, on whole cache lines.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
pub(crate) struct Block(pub(crate) [u64; BLOCK_WORDS]);

impl Block {
    const ZERO: Block = Block([0; BLOCK_WORDS]);

    fn from_bytes(bytes: &[u8; BLOCK_BYTES]) -> Block {
        let mut block = Block::ZERO;
        for (word, chunk) in block.0.iter_mut().zip(bytes.chunks_exact(8)) {
            let mut le = [0u8; 8];
            le.copy_from_slice(chunk);
            *word = u64::from_le_bytes(le);
        }
        block
    }

    fn to_bytes(self) -> [u8; BLOCK_BYTES] {
        let mut bytes = [0u8; BLOCK_BYTES];
        for (chunk, word) in bytes.chunks_exact_mut(8).zip(self.0) {
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        bytes
    }
}

/// The algorithm, as errors name it.
pub(super) const NAME: &str = "Argon2";

/// The sizes of the memory matrix (RFC 9106 §3.4).
#[derive(Clone, Copy)]
struct Geometry {
    lanes: usize,
    lane_length: usize,
    segment_length: usize,
    /// m' = 4 · p · ⌊m / 4p⌋ blocks.
    blocks: usize,
    passes: u32,
    /// The variant's number y (RFC 9106 §3.2): 0 for d, 1 for i, 2 for id.
    kind: u64,
    variant: Argon2Variant,
}

/// Fills `out` with the Argon2 tag of `password` and `salt` (no secret, no associated data).
///
/// # Errors
/// [`KdfError::Undefined`] for parameters outside RFC 9106, [`KdfError::OutOfMemory`]
/// when the blocks cannot be reserved.
pub(crate) fn derive(
    params: &Argon2Params,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), KdfError> {
    let geometry = geometry(params, password, salt, out)?;
    let h0 = initial_hash(params, password, salt, out.len());
    let mut memory = zeroed_blocks(geometry.blocks)?;

    first_blocks(&mut memory, &geometry, &h0);
    for pass in 0..geometry.passes {
        for slice in 0..SYNC_POINTS {
            // Lanes only read other lanes' finished slices, so this order gives the RFC's
            // result as a parallel fill would.
            for lane in 0..geometry.lanes {
                fill_segment(&mut memory, &geometry, pass, slice, lane);
            }
        }
    }

    // RFC 9106 §3.2 step 7–8: XOR the last block of every lane, hash it to the tag.
    let mut last = Block::ZERO;
    for lane in memory.chunks_exact(geometry.lane_length) {
        if let Some(block) = lane.last() {
            for (acc, word) in last.0.iter_mut().zip(block.0) {
                *acc ^= word;
            }
        }
    }
    h_prime(&[&last.to_bytes()], out);
    Ok(())
}

/// `count` zeroed blocks, or the error naming their size if they cannot be reserved.
fn zeroed_blocks(count: usize) -> Result<Vec<Block>, KdfError> {
    let mut memory = Vec::new();
    memory
        .try_reserve_exact(count)
        .map_err(|_| KdfError::OutOfMemory {
            bytes: count as u128 * BLOCK_BYTES as u128,
        })?;
    memory.resize(count, Block::ZERO);
    Ok(memory)
}

/// Checks the parameters against RFC 9106 §3.1 and derives the matrix's sizes.
fn geometry(
    params: &Argon2Params,
    password: &[u8],
    salt: &[u8],
    out: &[u8],
) -> Result<Geometry, KdfError> {
    let undefined = |what| Err(KdfError::Undefined { what });
    if !(1..=0x00ff_ffff).contains(&params.parallelism) {
        return undefined("a parallelism outside 1 to 2^24 − 1");
    }
    if params.iterations == 0 {
        return undefined("zero passes");
    }
    if u64::from(params.memory_kib) < 8 * u64::from(params.parallelism) {
        return undefined("less than 8 KiB of memory per lane");
    }
    if out.len() < 4 || u32::try_from(out.len()).is_err() {
        return undefined("a tag shorter than 4 bytes or longer than 2^32 − 1 bytes");
    }
    if salt.len() < 8 || u32::try_from(salt.len()).is_err() {
        return undefined("a salt shorter than 8 bytes or longer than 2^32 − 1 bytes");
    }
    if u32::try_from(password.len()).is_err() {
        return undefined("a password longer than 2^32 − 1 bytes");
    }
    let lanes = u64::from(params.parallelism);
    let segment_length = u64::from(params.memory_kib) / (4 * lanes);
    let blocks = segment_length * 4 * lanes;
    let too_big = KdfError::OutOfMemory {
        bytes: u128::from(blocks) * BLOCK_BYTES as u128,
    };
    let blocks = usize::try_from(blocks).map_err(|_| too_big.clone())?;
    let segment_length = usize::try_from(segment_length).map_err(|_| too_big.clone())?;
    let lanes = usize::try_from(lanes).map_err(|_| too_big)?;
    Ok(Geometry {
        lanes,
        lane_length: segment_length * SYNC_POINTS,
        segment_length,
        blocks,
        passes: params.iterations,
        kind: match params.variant {
            Argon2Variant::D => 0,
            Argon2Variant::I => 1,
            Argon2Variant::Id => 2,
        },
        variant: params.variant,
    })
}

/// H0 (RFC 9106 §3.2 step 1): BLAKE2b-512 over the parameters, password and salt, each
/// length as a 32-bit little-endian word; no secret K and no associated data X.
fn initial_hash(params: &Argon2Params, password: &[u8], salt: &[u8], tag_len: usize) -> [u8; 64] {
    let le = |n: usize| u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes();
    let kind: u32 = match params.variant {
        Argon2Variant::D => 0,
        Argon2Variant::I => 1,
        Argon2Variant::Id => 2,
    };
    let mut h0 = [0u8; 64];
    blake2b(
        &[
            &params.parallelism.to_le_bytes(),
            &le(tag_len),
            &params.memory_kib.to_le_bytes(),
            &params.iterations.to_le_bytes(),
            &VERSION.to_le_bytes(),
            &kind.to_le_bytes(),
            &le(password.len()),
            password,
            &le(salt.len()),
            salt,
            &0u32.to_le_bytes(),
            &0u32.to_le_bytes(),
        ],
        &mut h0,
    );
    h0
}

/// `B[i][0] = H'(H0 ‖ 0 ‖ i)` and `B[i][1] = H'(H0 ‖ 1 ‖ i)`, 1024 bytes each (§3.2 steps 3–4).
fn first_blocks(memory: &mut [Block], geometry: &Geometry, h0: &[u8; 64]) {
    for (lane, blocks) in memory.chunks_exact_mut(geometry.lane_length).enumerate() {
        let lane = u32::try_from(lane).unwrap_or(u32::MAX).to_le_bytes();
        for (index, block) in blocks.iter_mut().take(2).enumerate() {
            let index = u32::try_from(index).unwrap_or(u32::MAX).to_le_bytes();
            let mut bytes = [0u8; BLOCK_BYTES];
            h_prime(&[h0, &index, &lane], &mut bytes);
            *block = Block::from_bytes(&bytes);
        }
    }
}

/// Computes one segment of one lane (RFC 9106 §3.4): each block from its predecessor and a
/// reference block chosen from the previous block's first word (Argon2d, the second half
/// of Argon2id's first pass, all later passes of Argon2id) or from a counter-driven address
/// stream (Argon2i, the first half of Argon2id's first pass).
fn fill_segment(memory: &mut [Block], g: &Geometry, pass: u32, slice: usize, lane: usize) {
    let data_independent = match g.variant {
        Argon2Variant::I => true,
        Argon2Variant::Id => pass == 0 && slice < SYNC_POINTS / 2,
        Argon2Variant::D => false,
    };
    let mut addresses = Block::ZERO;
    // Z = pass, lane, slice, m', t, y, then the counter (§3.4.1.2).
    let mut input = Block::ZERO;
    if data_independent {
        input.0[..6].copy_from_slice(&[
            u64::from(pass),
            lane as u64,
            slice as u64,
            g.blocks as u64,
            u64::from(g.passes),
            g.kind,
        ]);
    }
    // The first two blocks of every lane were set from H0.
    let first = if pass == 0 && slice == 0 { 2 } else { 0 };
    if data_independent && first != 0 {
        next_addresses(&mut addresses, &mut input);
    }

    let segment_start = lane * g.lane_length + slice * g.segment_length;
    // A lane's first block follows its last, from the second pass on.
    let mut previous = if slice == 0 && first == 0 {
        segment_start + g.lane_length - 1
    } else {
        segment_start + first - 1
    };
    for index in first..g.segment_length {
        let current = segment_start + index;
        let pseudo_random = if data_independent {
            if index % ADDRESSES_IN_BLOCK == 0 {
                next_addresses(&mut addresses, &mut input);
            }
            addresses.0[index % ADDRESSES_IN_BLOCK]
        } else {
            memory[previous].0[0]
        };
        let reference = reference_index(g, pass, slice, lane, index, pseudo_random);
        // Version 1.3 XORs later passes over the old block (§3.5).
        permutation::fill_block(memory, previous, reference, current, pass == 0);
        previous = current;
    }
}

/// The reference block's index for block `index` of the segment (RFC 9106 §3.4.1.1–2):
/// J2 picks the lane, J1 maps non-uniformly onto the blocks that lane may reference.
fn reference_index(
    g: &Geometry,
    pass: u32,
    slice: usize,
    lane: usize,
    index: usize,
    pseudo_random: u64,
) -> usize {
    let j1 = pseudo_random & 0xffff_ffff;
    let j2 = pseudo_random >> 32;
    let ref_lane = if pass == 0 && slice == 0 {
        lane
    } else {
        (j2 % g.lanes as u64) as usize
    };
    let same_lane = ref_lane == lane;
    // Blocks finished and not the previous one: W in §3.4.1.2.
    let area = match (pass, same_lane) {
        (0, true) => slice * g.segment_length + index - 1,
        (0, false) => slice * g.segment_length - usize::from(index == 0),
        (_, true) => g.lane_length - g.segment_length + index - 1,
        (_, false) => g.lane_length - g.segment_length - usize::from(index == 0),
    };
    let x = (j1 * j1) >> 32;
    let y = (area as u64 * x) >> 32;
    let relative = area as u64 - 1 - y;
    // Later passes start after the current segment, wrapping around the lane.
    let start = if pass != 0 && slice != SYNC_POINTS - 1 {
        (slice + 1) * g.segment_length
    } else {
        0
    };
    let position = (start as u64 + relative) % g.lane_length as u64;
    // Below `lane_length`, itself a usize: the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation)]
    let position = position as usize;
    ref_lane * g.lane_length + position
}

/// The next block of addresses: G(0, G(0, Z)) after bumping Z's counter (§3.4.1.2).
fn next_addresses(addresses: &mut Block, input: &mut Block) {
    input.0[6] = input.0[6].wrapping_add(1);
    permutation::permute_xor(input, addresses);
    let first = *addresses;
    permutation::permute_xor(&first, addresses);
}

/// H' (RFC 9106 §3.3): BLAKE2b of LE32(T) ‖ input, chained 32 bytes at a time when the
/// `out.len()` = T exceeds 64.
fn h_prime(input: &[&[u8]], out: &mut [u8]) {
    let length = u32::try_from(out.len()).unwrap_or(u32::MAX).to_le_bytes();
    let mut parts: [&[u8]; 4] = [&length, &[], &[], &[]];
    for (slot, part) in parts.iter_mut().skip(1).zip(input) {
        *slot = part;
    }
    if out.len() <= BLAKE2B_MAX {
        blake2b(&parts, out);
        return;
    }
    // V_1 = H^64(LE32(T) ‖ input); V_i = H^64(V_{i−1}); each gives its first 32 bytes,
    // and the last 33 to 64 bytes are a BLAKE2b of exactly that length over the last V.
    let half = BLAKE2B_MAX / 2;
    let mut v = [0u8; BLAKE2B_MAX];
    blake2b(&parts, &mut v);
    let (head, mut rest) = out.split_at_mut(half);
    head.copy_from_slice(&v[..half]);
    while rest.len() > BLAKE2B_MAX {
        let previous = v;
        blake2b(&[&previous], &mut v);
        let (head, tail) = rest.split_at_mut(half);
        head.copy_from_slice(&v[..half]);
        rest = tail;
    }
    let previous = v;
    blake2b(&[&previous], rest);
}

/// BLAKE2b with an `out.len()`-byte digest (1 to 64; the length is part of its parameter
/// block, RFC 7693 §2.5) over the concatenated `parts`.
fn blake2b(parts: &[&[u8]], out: &mut [u8]) {
    let Ok(mut core) = Blake2bVarCore::new(out.len()) else {
        return;
    };
    let mut buffer = LazyBuffer::default();
    for part in parts {
        buffer.digest_blocks(part, |blocks| core.update_blocks(blocks));
    }
    let mut full = Default::default();
    core.finalize_variable_core(&mut buffer, &mut full);
    for (dst, src) in out.iter_mut().zip(full.iter()) {
        *dst = *src;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const VARIANTS: [Argon2Variant; 3] = [Argon2Variant::Id, Argon2Variant::I, Argon2Variant::D];

    fn params(
        variant: Argon2Variant,
        memory_kib: u32,
        iterations: u32,
        parallelism: u32,
    ) -> Argon2Params {
        Argon2Params {
            variant,
            memory_kib,
            iterations,
            parallelism,
            key_length: 32,
        }
    }

    fn kernel(
        p: &Argon2Params,
        password: &[u8],
        salt: &[u8],
        len: usize,
    ) -> Result<Vec<u8>, KdfError> {
        let mut out = vec![0u8; len];
        derive(p, password, salt, &mut out).map(|()| out)
    }

    fn oracle(p: &Argon2Params, password: &[u8], salt: &[u8], len: usize) -> Vec<u8> {
        let algorithm = match p.variant {
            Argon2Variant::Id => ::argon2::Algorithm::Argon2id,
            Argon2Variant::I => ::argon2::Algorithm::Argon2i,
            Argon2Variant::D => ::argon2::Algorithm::Argon2d,
        };
        let backend = ::argon2::Params::new(p.memory_kib, p.iterations, p.parallelism, Some(len))
            .expect("valid parameters");
        let mut out = vec![0u8; len];
        ::argon2::Argon2::new(algorithm, ::argon2::Version::V0x13, backend)
            .hash_password_into(password, salt, &mut out)
            .expect("hashes");
        out
    }

    #[test]
    fn every_variant_matches_the_argon2_crate_across_passes_lanes_and_tag_lengths() {
        // Tags of 4, 64 and 65 bytes (H' direct, at its edge, chained) and 200 (several
        // links); memory not a multiple of 4p rounds down; 1 to 3 passes.
        for variant in VARIANTS {
            for (memory_kib, iterations, parallelism) in
                [(8, 1, 1), (64, 2, 2), (100, 3, 3), (256, 1, 4)]
            {
                for len in [4, 32, 64, 65, 200] {
                    let p = params(variant, memory_kib, iterations, parallelism);
                    assert_eq!(
                        kernel(&p, b"password", b"somesalt", len),
                        Ok(oracle(&p, b"password", b"somesalt", len)),
                        "{p:?}, {len}-byte tag"
                    );
                }
            }
        }
    }

    #[test]
    fn argon2i_address_blocks_renew_past_128_blocks_per_segment() {
        // m = 1024, p = 1: segments of 256 blocks use two address blocks each.
        for variant in VARIANTS {
            let p = params(variant, 1024, 2, 1);
            assert_eq!(
                kernel(&p, b"pw", b"saltsalt", 32),
                Ok(oracle(&p, b"pw", b"saltsalt", 32))
            );
        }
    }

    #[test]
    fn memory_that_cannot_be_reserved_is_an_error_with_its_size() {
        // 2^63 bytes: refused before any allocation on every target, whatever the
        // system's overcommit policy (a real 4 TiB request might be granted lazily).
        let blocks = 1usize << 53;
        assert!(matches!(
            zeroed_blocks(blocks),
            Err(KdfError::OutOfMemory { bytes }) if bytes == 1 << 63
        ));
        assert!(
            KdfError::OutOfMemory { bytes: 5 }
                .to_string()
                .starts_with("Argon2 needs 5 bytes of memory")
        );
    }

    #[test]
    fn parameters_outside_rfc_9106_are_refused_not_computed() {
        let cases = [
            (params(Argon2Variant::Id, 8, 1, 0), 32, 8),
            (params(Argon2Variant::Id, 8, 0, 1), 32, 8),
            (params(Argon2Variant::Id, 15, 1, 2), 32, 8),
            (params(Argon2Variant::Id, 8, 1, 1), 3, 8),
            (params(Argon2Variant::Id, 8, 1, 1), 32, 7),
        ];
        for (p, len, salt_len) in cases {
            let result = kernel(&p, b"pw", &vec![0; salt_len], len);
            assert!(matches!(result, Err(KdfError::Undefined { .. })), "{p:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        #[test]
        fn generated_parameters_give_the_argon2_crates_tag(
            variant in proptest::sample::select(VARIANTS.to_vec()),
            parallelism in 1u32..6,
            extra_kib in 0u32..120,
            iterations in 1u32..4,
            password in proptest::collection::vec(any::<u8>(), 0..80),
            salt in proptest::collection::vec(any::<u8>(), 8..40),
            len in 4usize..140,
        ) {
            let p = params(variant, 8 * parallelism + extra_kib, iterations, parallelism);
            prop_assert_eq!(kernel(&p, &password, &salt, len), Ok(oracle(&p, &password, &salt, len)));
        }
    }
}
