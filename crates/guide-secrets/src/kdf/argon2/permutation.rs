//! Argon2's compression G (RFC 9106 §3.5) with the BlaMka permutation P (§3.6) on 64-bit
//! words, on every target.

// A hot kernel over fixed-size arrays (the 1 KiB block's words and its 16-word rows) indexed by loop counters that stay
// within them: `get` would add a branch per word to the innermost loop. Rust's own bounds
// checks remain, so a mistake still stops rather than reads out of bounds.
#![allow(clippy::indexing_slicing)]

use super::{BLOCK_WORDS, Block};

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
    let mut r = memory[previous];
    for (word, other) in r.0.iter_mut().zip(memory[reference].0) {
        *word ^= other;
    }
    let mut q = r;
    permute(&mut q);
    let destination = &mut memory[current].0;
    if overwrite {
        for ((d, q), r) in destination.iter_mut().zip(q.0).zip(r.0) {
            *d = q ^ r;
        }
    } else {
        for ((d, q), r) in destination.iter_mut().zip(q.0).zip(r.0) {
            *d ^= q ^ r;
        }
    }
}

/// `out` = P(`input`) ⊕ `input`: G with a zero first argument, for address blocks.
pub(super) fn permute_xor(input: &Block, out: &mut Block) {
    let mut q = *input;
    permute(&mut q);
    for ((o, q), r) in out.0.iter_mut().zip(q.0).zip(input.0) {
        *o = q ^ r;
    }
}

/// P applied to the block's eight rows of 16 words, then to its eight columns of word
/// pairs (RFC 9106 §3.5).
#[inline(always)]
fn permute(q: &mut Block) {
    for row in q.0.chunks_exact_mut(16) {
        let mut v = [0u64; 16];
        v.copy_from_slice(row);
        round(&mut v);
        row.copy_from_slice(&v);
    }
    for column in 0..BLOCK_WORDS / 16 {
        let mut v = [0u64; 16];
        for (k, pair) in v.chunks_exact_mut(2).enumerate() {
            pair.copy_from_slice(&q.0[2 * column + 16 * k..][..2]);
        }
        round(&mut v);
        for (k, pair) in v.chunks_exact(2).enumerate() {
            q.0[2 * column + 16 * k..][..2].copy_from_slice(pair);
        }
    }
}

/// One BLAKE2b round with BlaMka's multiplication: G on the columns, then the diagonals
/// of the 4×4 word matrix (RFC 9106 §3.6).
#[inline(always)]
fn round(v: &mut [u64; 16]) {
    g(v, 0, 4, 8, 12);
    g(v, 1, 5, 9, 13);
    g(v, 2, 6, 10, 14);
    g(v, 3, 7, 11, 15);
    g(v, 0, 5, 10, 15);
    g(v, 1, 6, 11, 12);
    g(v, 2, 7, 8, 13);
    g(v, 3, 4, 9, 14);
}

/// BLAKE2b's G with additions replaced by `blamka`, rotations 32, 24, 16, 63 (RFC 9106 §3.6).
#[inline(always)]
fn g(v: &mut [u64; 16], a: usize, b: usize, c: usize, d: usize) {
    v[a] = blamka(v[a], v[b]);
    v[d] = (v[d] ^ v[a]).rotate_right(32);
    v[c] = blamka(v[c], v[d]);
    v[b] = (v[b] ^ v[c]).rotate_right(24);
    v[a] = blamka(v[a], v[b]);
    v[d] = (v[d] ^ v[a]).rotate_right(16);
    v[c] = blamka(v[c], v[d]);
    v[b] = (v[b] ^ v[c]).rotate_right(63);
}

/// x + y + 2 · (x mod 2^32) · (y mod 2^32), modulo 2^64 (RFC 9106 §3.6).
#[inline(always)]
fn blamka(x: u64, y: u64) -> u64 {
    let product = (x & 0xffff_ffff) * (y & 0xffff_ffff);
    x.wrapping_add(y).wrapping_add(product.wrapping_mul(2))
}
