//! Salsa20/8 (RFC 7914 §3) for BlockMix on WebAssembly SIMD. Each 64-byte block is
//! kept with its words on the diagonals — rows (x0, x5, x10, x15), (x4, x9, x14, x3),
//! (x8, x13, x2, x7), (x12, x1, x6, x11) — so that both Salsa20's column and row rounds
//! work on whole vectors, with only lane rotations between them (the layout of Percival's
//! SSE2 scrypt).

use core::arch::wasm32::{
    i32x4_add, i32x4_shl, i32x4_shuffle, u32x4, u32x4_shr, v128, v128_load, v128_or, v128_store,
    v128_xor,
};

use super::{SALSA_WORDS, SalsaBlock};

/// Which natural word each position of the diagonal layout holds.
const LAYOUT: [usize; SALSA_WORDS] = [0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11];

/// Where a 64-byte block's words 0 and 1 are kept in this layout.
pub(super) const WORD_0: usize = 0;
pub(super) const WORD_1: usize = 13;

/// Natural order to the diagonal layout.
pub(super) fn to_layout(block: &mut [u32; SALSA_WORDS]) {
    let natural = *block;
    for (word, from) in block.iter_mut().zip(LAYOUT) {
        *word = natural[from];
    }
}

/// The diagonal layout back to natural order.
pub(super) fn from_layout(block: &mut [u32; SALSA_WORDS]) {
    let diagonal = *block;
    for (word, to) in diagonal.into_iter().zip(LAYOUT) {
        block[to] = word;
    }
}

/// A Salsa20 block being worked on: its four diagonal rows.
pub(super) type Rows = [v128; 4];

/// The all-zero block.
pub(super) const ZERO: Rows = [u32x4(0, 0, 0, 0); 4];

/// The block's four rows.
#[inline(always)]
pub(super) fn load(block: &SalsaBlock) -> Rows {
    core::array::from_fn(|row| {
        let four = &block.0[4 * row..4 * row + 4];
        // SAFETY: `four` is four initialised `u32`s, 16 readable bytes; `v128_load` has
        // no alignment requirement.
        unsafe { v128_load(four.as_ptr().cast()) }
    })
}

/// Writes the four rows over the block.
#[inline(always)]
pub(super) fn store(rows: Rows, block: &mut SalsaBlock) {
    for (four, row) in block.0.chunks_exact_mut(4).zip(rows) {
        // SAFETY: `four` is four `u32`s, 16 writable bytes borrowed mutably here; any bit
        // pattern is a valid `u32`; `v128_store` has no alignment requirement.
        unsafe { v128_store(four.as_mut_ptr().cast(), row) };
    }
}

/// Row-wise XOR.
#[inline(always)]
pub(super) fn xor(a: Rows, b: Rows) -> Rows {
    [
        v128_xor(a[0], b[0]),
        v128_xor(a[1], b[1]),
        v128_xor(a[2], b[2]),
        v128_xor(a[3], b[3]),
    ]
}

/// Salsa20/8's core (RFC 7914 §3) on the diagonal rows: four double rounds, then the
/// input added back.
#[inline(always)]
pub(super) fn salsa20_8(input: Rows) -> Rows {
    let [mut a, mut b, mut c, mut d] = input;
    for _ in 0..4 {
        // Columns: (x0, x4, x8, x12), (x5, x9, x13, x1), … are lanes of a, b, c, d.
        b = v128_xor(b, rotl::<7>(i32x4_add(a, d)));
        c = v128_xor(c, rotl::<9>(i32x4_add(b, a)));
        d = v128_xor(d, rotl::<13>(i32x4_add(c, b)));
        a = v128_xor(a, rotl::<18>(i32x4_add(d, c)));
        // Rows: turn b, c, d so the rows' words line up with a's, round, turn back.
        b = i32x4_shuffle::<3, 0, 1, 2>(b, b);
        c = i32x4_shuffle::<2, 3, 0, 1>(c, c);
        d = i32x4_shuffle::<1, 2, 3, 0>(d, d);
        d = v128_xor(d, rotl::<7>(i32x4_add(a, b)));
        c = v128_xor(c, rotl::<9>(i32x4_add(d, a)));
        b = v128_xor(b, rotl::<13>(i32x4_add(c, d)));
        a = v128_xor(a, rotl::<18>(i32x4_add(b, c)));
        b = i32x4_shuffle::<1, 2, 3, 0>(b, b);
        c = i32x4_shuffle::<2, 3, 0, 1>(c, c);
        d = i32x4_shuffle::<3, 0, 1, 2>(d, d);
    }
    [
        i32x4_add(a, input[0]),
        i32x4_add(b, input[1]),
        i32x4_add(c, input[2]),
        i32x4_add(d, input[3]),
    ]
}

/// Rotates each 32-bit lane left by `K`.
#[inline(always)]
fn rotl<const K: u32>(x: v128) -> v128 {
    v128_or(i32x4_shl(x, K), u32x4_shr(x, 32 - K))
}
