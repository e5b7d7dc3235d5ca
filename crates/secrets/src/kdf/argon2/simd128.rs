//! Argon2's compression G (RFC 9106 §3.5) on WebAssembly SIMD: each `v128` holds two
//! 64-bit words, so one BlaMka round works on eight vectors, two G columns at a time, and
//! the diagonal step is a lane shuffle instead of re-indexing (the layout of the RFC's
//! reference "opt" implementation).

use core::arch::wasm32::{
    i8x16_shuffle, i32x4_shuffle, i64x2_add, i64x2_shuffle, u64x2_extmul_low_u32x4, u64x2_shr,
    v128, v128_load, v128_or, v128_store, v128_xor,
};

use super::{BLOCK_WORDS, Block};

/// Vectors in a block.
const VECTORS: usize = BLOCK_WORDS / 2;

/// `memory[current]` = G(`memory[previous]`, `memory[reference]`), or XORed into it when
/// not `overwrite` (version 1.3's later passes).
#[inline]
pub(super) fn fill_block(
    memory: &mut [Block],
    previous: usize,
    reference: usize,
    current: usize,
    overwrite: bool,
) {
    let (a, b) = (&memory[previous], &memory[reference]);
    let mut q: [v128; VECTORS] = core::array::from_fn(|k| v128_xor(load(a, k), load(b, k)));
    // What P's output is XORed with: R, and the old block too when not overwriting.
    let keep: [v128; VECTORS] = if overwrite {
        q
    } else {
        let old = &memory[current];
        core::array::from_fn(|k| v128_xor(q[k], load(old, k)))
    };
    permute(&mut q);
    let destination = &mut memory[current];
    for (k, (q, keep)) in q.into_iter().zip(keep).enumerate() {
        store(destination, k, v128_xor(q, keep));
    }
}

/// `out` = P(`input`) ⊕ `input`: G with a zero first argument, for address blocks.
pub(super) fn permute_xor(input: &Block, out: &mut Block) {
    let r: [v128; VECTORS] = core::array::from_fn(|k| load(input, k));
    let mut q = r;
    permute(&mut q);
    for (k, (q, r)) in q.into_iter().zip(r).enumerate() {
        store(out, k, v128_xor(q, r));
    }
}

/// Vector `k` (words 2k and 2k + 1) of `block`.
#[inline(always)]
fn load(block: &Block, k: usize) -> v128 {
    let pair = &block.0[2 * k..2 * k + 2];
    // SAFETY: `pair` is two initialised `u64`s, 16 readable bytes; `v128_load` has no
    // alignment requirement.
    unsafe { v128_load(pair.as_ptr().cast()) }
}

/// Writes vector `k` (words 2k and 2k + 1) of `block`.
#[inline(always)]
fn store(block: &mut Block, k: usize, vector: v128) {
    let pair = &mut block.0[2 * k..2 * k + 2];
    // SAFETY: `pair` is two `u64`s, 16 writable bytes borrowed mutably here; any bit
    // pattern is a valid `u64`; `v128_store` has no alignment requirement.
    unsafe { v128_store(pair.as_mut_ptr().cast(), vector) };
}

/// P on the eight rows (vectors 8i…8i+7), then the eight columns (vectors i, i+8, …, i+56)
/// (RFC 9106 §3.5). Each round's eight vectors are taken out as values so they stay in
/// registers.
#[inline(always)]
fn permute(q: &mut [v128; VECTORS]) {
    for i in 0..8 {
        let b = 8 * i;
        let v = round([
            q[b],
            q[b + 1],
            q[b + 2],
            q[b + 3],
            q[b + 4],
            q[b + 5],
            q[b + 6],
            q[b + 7],
        ]);
        for (k, vector) in v.into_iter().enumerate() {
            q[b + k] = vector;
        }
    }
    for i in 0..8 {
        let v = round([
            q[i],
            q[i + 8],
            q[i + 16],
            q[i + 24],
            q[i + 32],
            q[i + 40],
            q[i + 48],
            q[i + 56],
        ]);
        for (k, vector) in v.into_iter().enumerate() {
            q[i + 8 * k] = vector;
        }
    }
}

/// One BlaMka round on a 4×4 matrix of words held as [A0, A1, B0, B1, C0, C1, D0, D1]:
/// G down the columns, rotate rows B, C, D left by 1, 2, 3 words, G again (the
/// diagonals), rotate back (RFC 9106 §3.6).
#[inline(always)]
fn round(v: [v128; 8]) -> [v128; 8] {
    let [
        mut a0,
        mut a1,
        mut b0,
        mut b1,
        mut c0,
        mut c1,
        mut d0,
        mut d1,
    ] = v;
    g(&mut a0, &mut b0, &mut c0, &mut d0);
    g(&mut a1, &mut b1, &mut c1, &mut d1);

    // Diagonalise: B = (b1, b2, b3, b0), C = (c2, c3, c0, c1), D = (d3, d0, d1, d2).
    let (b0d, b1d) = (i64x2_shuffle::<1, 2>(b0, b1), i64x2_shuffle::<1, 2>(b1, b0));
    let (c0d, c1d) = (c1, c0);
    let (d0d, d1d) = (i64x2_shuffle::<1, 2>(d1, d0), i64x2_shuffle::<1, 2>(d0, d1));
    let (mut b0, mut b1, mut c0, mut c1, mut d0, mut d1) = (b0d, b1d, c0d, c1d, d0d, d1d);
    g(&mut a0, &mut b0, &mut c0, &mut d0);
    g(&mut a1, &mut b1, &mut c1, &mut d1);

    // Undo it.
    let (b0u, b1u) = (i64x2_shuffle::<1, 2>(b1, b0), i64x2_shuffle::<1, 2>(b0, b1));
    let (d0u, d1u) = (i64x2_shuffle::<1, 2>(d0, d1), i64x2_shuffle::<1, 2>(d1, d0));
    [a0, a1, b0u, b1u, c1, c0, d0u, d1u]
}

/// BLAKE2b's G on two columns at once, with `blamka` for the additions.
#[inline(always)]
fn g(a: &mut v128, b: &mut v128, c: &mut v128, d: &mut v128) {
    *a = blamka(*a, *b);
    *d = rotr32(v128_xor(*d, *a));
    *c = blamka(*c, *d);
    *b = rotr24(v128_xor(*b, *c));
    *a = blamka(*a, *b);
    *d = rotr16(v128_xor(*d, *a));
    *c = blamka(*c, *d);
    *b = rotr63(v128_xor(*b, *c));
}

/// x + y + 2 · (x mod 2^32) · (y mod 2^32) in each 64-bit lane (RFC 9106 §3.6): the low
/// halves gathered into lanes 0 and 1, then one widening 32×32→64 multiply.
#[inline(always)]
fn blamka(x: v128, y: v128) -> v128 {
    let low = i32x4_shuffle::<0, 2, 4, 6>(x, y);
    let product = u64x2_extmul_low_u32x4(low, i64x2_shuffle::<1, 0>(low, low));
    i64x2_add(i64x2_add(x, y), i64x2_add(product, product))
}

/// Rotations by whole 32-bit halves and bytes are shuffles; by 63 it is a shift pair.
#[inline(always)]
fn rotr32(x: v128) -> v128 {
    i32x4_shuffle::<1, 0, 3, 2>(x, x)
}

#[inline(always)]
fn rotr24(x: v128) -> v128 {
    i8x16_shuffle::<3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10>(x, x)
}

#[inline(always)]
fn rotr16(x: v128) -> v128 {
    i8x16_shuffle::<2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9>(x, x)
}

#[inline(always)]
fn rotr63(x: v128) -> v128 {
    v128_or(u64x2_shr(x, 63), i64x2_add(x, x))
}
