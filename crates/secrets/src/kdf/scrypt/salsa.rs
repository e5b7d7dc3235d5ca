//! Salsa20/8 (RFC 7914 §3) for BlockMix on 32-bit words in their natural order, for every
//! target.

// A hot kernel over fixed-size arrays (the 16-word Salsa20 state) indexed by loop counters that stay
// within them: `get` would add a branch per word to the innermost loop. Rust's own bounds
// checks remain, so a mistake still stops rather than reads out of bounds.
#![allow(clippy::indexing_slicing)]

use super::{SALSA_WORDS, SalsaBlock};

/// A Salsa20 block being worked on.
pub(super) type Rows = [u32; SALSA_WORDS];

/// The all-zero block.
pub(super) const ZERO: Rows = [0; SALSA_WORDS];

/// The block's words.
#[inline(always)]
pub(super) fn load(block: &SalsaBlock) -> Rows {
    block.0
}

/// Writes the words over the block.
#[inline(always)]
pub(super) fn store(x: Rows, block: &mut SalsaBlock) {
    block.0 = x;
}

/// Word-wise XOR.
#[inline(always)]
pub(super) fn xor(mut x: Rows, other: Rows) -> Rows {
    for (word, other) in x.iter_mut().zip(other) {
        *word ^= other;
    }
    x
}

/// Salsa20/8's core (RFC 7914 §3): four double rounds, then the input added back.
#[inline(always)]
pub(super) fn salsa20_8(b: Rows) -> Rows {
    let mut x = b;
    for _ in 0..4 {
        // Columns.
        quarter(&mut x, 0, 4, 8, 12);
        quarter(&mut x, 5, 9, 13, 1);
        quarter(&mut x, 10, 14, 2, 6);
        quarter(&mut x, 15, 3, 7, 11);
        // Rows.
        quarter(&mut x, 0, 1, 2, 3);
        quarter(&mut x, 5, 6, 7, 4);
        quarter(&mut x, 10, 11, 8, 9);
        quarter(&mut x, 15, 12, 13, 14);
    }
    for (x, b) in x.iter_mut().zip(b) {
        *x = x.wrapping_add(b);
    }
    x
}

/// Salsa20's quarter-round with rotations 7, 9, 13, 18.
#[inline(always)]
fn quarter(x: &mut [u32; SALSA_WORDS], a: usize, b: usize, c: usize, d: usize) {
    x[b] ^= x[a].wrapping_add(x[d]).rotate_left(7);
    x[c] ^= x[b].wrapping_add(x[a]).rotate_left(9);
    x[d] ^= x[c].wrapping_add(x[b]).rotate_left(13);
    x[a] ^= x[d].wrapping_add(x[c]).rotate_left(18);
}
