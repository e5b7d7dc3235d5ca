//! BlockMix over Salsa20/8 (RFC 7914 §3–4) on 32-bit words in their natural order: the
//! portable kernel, used natively and in WebAssembly builds without `simd128`.

use super::{SALSA_WORDS, SalsaBlock};

/// Where a 64-byte block's words 0 and 1 are kept: in place.
pub(super) const WORD_0: usize = 0;
pub(super) const WORD_1: usize = 1;

/// Natural order in, natural order kept.
#[inline(always)]
pub(super) fn to_layout(_block: &mut [u32; SALSA_WORDS]) {}

/// Natural order kept.
#[inline(always)]
pub(super) fn from_layout(_block: &mut [u32; SALSA_WORDS]) {}

/// `output` = BlockMix(`input` ⊕ `other`) (RFC 7914 §4): Salsa20/8 chained through the 2r
/// 64-byte blocks, even results first, then odd.
#[inline]
pub(super) fn block_mix(
    input: &[SalsaBlock],
    other: Option<&[SalsaBlock]>,
    output: &mut [SalsaBlock],
) {
    let half = input.len() / 2;
    let mut x = input.last().map_or([0; SALSA_WORDS], |last| last.0);
    if let Some(last) = other.and_then(<[SalsaBlock]>::last) {
        xor(&mut x, &last.0);
    }
    for (i, block) in input.iter().enumerate() {
        xor(&mut x, &block.0);
        if let Some(other) = other.and_then(|other| other.get(i)) {
            xor(&mut x, &other.0);
        }
        salsa20_8(&mut x);
        if let Some(out) = output.get_mut(i / 2 + (i % 2) * half) {
            out.0 = x;
        }
    }
}

#[inline(always)]
fn xor(x: &mut [u32; SALSA_WORDS], other: &[u32; SALSA_WORDS]) {
    for (word, other) in x.iter_mut().zip(other) {
        *word ^= other;
    }
}

/// Salsa20/8's core (RFC 7914 §3): four double rounds, then the input added back.
#[inline(always)]
fn salsa20_8(b: &mut [u32; SALSA_WORDS]) {
    let mut x = *b;
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
    for (word, x) in b.iter_mut().zip(x) {
        *word = word.wrapping_add(x);
    }
}

/// Salsa20's quarter-round with rotations 7, 9, 13, 18.
#[inline(always)]
fn quarter(x: &mut [u32; SALSA_WORDS], a: usize, b: usize, c: usize, d: usize) {
    x[b] ^= x[a].wrapping_add(x[d]).rotate_left(7);
    x[c] ^= x[b].wrapping_add(x[a]).rotate_left(9);
    x[d] ^= x[c].wrapping_add(x[b]).rotate_left(13);
    x[a] ^= x[d].wrapping_add(x[c]).rotate_left(18);
}
