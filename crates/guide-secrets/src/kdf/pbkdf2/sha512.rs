//! SHA-512's compression (FIPS 180-4 §6.4.2) specialised for PBKDF2's iteration block:
//! a SHA-512 or SHA-384 digest, then the fixed padding of a message one key block plus that
//! digest long. It exists because it is faster in WebAssembly than `sha2::compress512` on
//! the same block, and that block is compressed twice per iteration, 620000 times for
//! Authelia's default digest:
//!
//! - the digest goes in as words, with no big-endian bytes written and read back;
//! - the eight constant message words fold into the schedule steps they feed;
//! - Ch and Maj take three operations each, Maj reusing the previous round's a ⊕ b;
//! - the round constants stay loads from memory rather than 64-bit immediates.
//!
//! In Chromium 156 that made PBKDF2-SHA512 at 310000 iterations take 129 ms of CPU where
//! the same loop on `sha2::compress512` took 148 ms (WebCrypto: 121 ms). The tests hold it
//! to `sha2::compress512`'s output.

// A hot kernel over fixed-size arrays (the 16-word message schedule and the 80 round constants) indexed by loop counters that stay
// within them: `get` would add a branch per word to the innermost loop. Rust's own bounds
// checks remain, so a mistake still stops rather than reads out of bounds.
#![allow(clippy::indexing_slicing)]

/// SHA-512's round constants K (FIPS 180-4 §4.2.3).
#[rustfmt::skip]
const K: [u64; 80] = [
    0x428a_2f98_d728_ae22, 0x7137_4491_23ef_65cd, 0xb5c0_fbcf_ec4d_3b2f,
    0xe9b5_dba5_8189_dbbc, 0x3956_c25b_f348_b538, 0x59f1_11f1_b605_d019,
    0x923f_82a4_af19_4f9b, 0xab1c_5ed5_da6d_8118, 0xd807_aa98_a303_0242,
    0x1283_5b01_4570_6fbe, 0x2431_85be_4ee4_b28c, 0x550c_7dc3_d5ff_b4e2,
    0x72be_5d74_f27b_896f, 0x80de_b1fe_3b16_96b1, 0x9bdc_06a7_25c7_1235,
    0xc19b_f174_cf69_2694, 0xe49b_69c1_9ef1_4ad2, 0xefbe_4786_384f_25e3,
    0x0fc1_9dc6_8b8c_d5b5, 0x240c_a1cc_77ac_9c65, 0x2de9_2c6f_592b_0275,
    0x4a74_84aa_6ea6_e483, 0x5cb0_a9dc_bd41_fbd4, 0x76f9_88da_8311_53b5,
    0x983e_5152_ee66_dfab, 0xa831_c66d_2db4_3210, 0xb003_27c8_98fb_213f,
    0xbf59_7fc7_beef_0ee4, 0xc6e0_0bf3_3da8_8fc2, 0xd5a7_9147_930a_a725,
    0x06ca_6351_e003_826f, 0x1429_2967_0a0e_6e70, 0x27b7_0a85_46d2_2ffc,
    0x2e1b_2138_5c26_c926, 0x4d2c_6dfc_5ac4_2aed, 0x5338_0d13_9d95_b3df,
    0x650a_7354_8baf_63de, 0x766a_0abb_3c77_b2a8, 0x81c2_c92e_47ed_aee6,
    0x9272_2c85_1482_353b, 0xa2bf_e8a1_4cf1_0364, 0xa81a_664b_bc42_3001,
    0xc24b_8b70_d0f8_9791, 0xc76c_51a3_0654_be30, 0xd192_e819_d6ef_5218,
    0xd699_0624_5565_a910, 0xf40e_3585_5771_202a, 0x106a_a070_32bb_d1b8,
    0x19a4_c116_b8d2_d0c8, 0x1e37_6c08_5141_ab53, 0x2748_774c_df8e_eb99,
    0x34b0_bcb5_e19b_48a8, 0x391c_0cb3_c5c9_5a63, 0x4ed8_aa4a_e341_8acb,
    0x5b9c_ca4f_7763_e373, 0x682e_6ff3_d6b2_b8a3, 0x748f_82ee_5def_b2fc,
    0x78a5_636f_4317_2f60, 0x84c8_7814_a1f0_ab72, 0x8cc7_0208_1a64_39ec,
    0x90be_fffa_2363_1e28, 0xa450_6ceb_de82_bde9, 0xbef9_a3f7_b2c6_7915,
    0xc671_78f2_e372_532b, 0xca27_3ece_ea26_619c, 0xd186_b8c7_21c0_c207,
    0xeada_7dd6_cde0_eb1e, 0xf57d_4f7f_ee6e_d178, 0x06f0_67aa_7217_6fba,
    0x0a63_7dc5_a2c8_98a6, 0x113f_9804_bef9_0dae, 0x1b71_0b35_131c_471b,
    0x28db_77f5_2304_7d84, 0x32ca_ab7b_40c7_2493, 0x3c9e_be0a_15c9_bebc,
    0x431d_67c4_9c10_0d4c, 0x4cc5_d4be_cb3e_42b6, 0x597f_299c_fc65_7e2a,
    0x5fcb_6fab_3ad6_faec, 0x6c44_198c_4a47_5817,
];

/// Every round written out, so each one's index, constant and message word are known.
macro_rules! rounds {
    ($s:ident, $bc:ident, $w:ident, $k:ident; $($i:literal)*) => {
        $( round(&mut $s, &mut $bc, &mut $w, $k, $i); )*
    };
}

/// Compresses into `state` the block holding `digest`'s first `N` words (8 for SHA-512, 6
/// for SHA-384), then a 1 bit, zeros and the length of a (128 + 8·N)-byte message in bits
/// (FIPS 180-4 §5.1.2). Out of line: it is large, and both calls in the loop share it.
#[inline(never)]
pub(super) fn compress_digest<const N: usize>(state: &mut [u64; 8], digest: &[u64; 8]) {
    let mut w = [0u64; 16];
    for (word, digest) in w.iter_mut().zip(digest).take(N) {
        *word = *digest;
    }
    if let Some(word) = w.get_mut(N) {
        *word = 1 << 63;
    }
    w[15] = (128 + 8 * N as u64) * 8;
    // Opaque to the optimiser, so each round loads its constant instead of materialising
    // a 64-bit immediate: 4 % faster in Chromium.
    let k = core::hint::black_box(&K);
    let mut s = *state;
    let mut bc = s[1] ^ s[2];
    rounds!(s, bc, w, k; 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27
        28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55
        56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 79);
    for (word, s) in state.iter_mut().zip(s) {
        *word = word.wrapping_add(s);
    }
}

/// Round `i` (FIPS 180-4 §6.4.2 step 3), computing W_i in the 16-word ring first when
/// i ≥ 16 (step 1).
#[inline(always)]
fn round(s: &mut [u64; 8], bc: &mut u64, w: &mut [u64; 16], k: &[u64; 80], i: usize) {
    let wi = if i < 16 {
        w[i]
    } else {
        let w15 = w[(i - 15) % 16];
        let w2 = w[(i - 2) % 16];
        // σ0 and σ1 (FIPS 180-4 §4.1.3, (4.12) and (4.13)).
        let sigma0 = w15.rotate_right(1) ^ w15.rotate_right(8) ^ (w15 >> 7);
        let sigma1 = w2.rotate_right(19) ^ w2.rotate_right(61) ^ (w2 >> 6);
        let next = w[i % 16]
            .wrapping_add(sigma0)
            .wrapping_add(w[(i - 7) % 16])
            .wrapping_add(sigma1);
        w[i % 16] = next;
        next
    };
    let [a, b, c, d, e, f, g, h] = *s;
    // Σ1, Ch, Σ0 and Maj (FIPS 180-4 §4.1.3, (4.8)–(4.11)), Ch and Maj in equivalent
    // forms with fewer operations: Maj(a, b, c) = b ⊕ ((a ⊕ b) ∧ (b ⊕ c)), and this
    // round's a ⊕ b is the next round's b ⊕ c.
    let big_sigma1 = e.rotate_right(14) ^ e.rotate_right(18) ^ e.rotate_right(41);
    let ch = g ^ (e & (f ^ g));
    let t1 = h
        .wrapping_add(big_sigma1)
        .wrapping_add(ch)
        .wrapping_add(k[i])
        .wrapping_add(wi);
    let big_sigma0 = a.rotate_right(28) ^ a.rotate_right(34) ^ a.rotate_right(39);
    let ab = a ^ b;
    let maj = b ^ (ab & *bc);
    *bc = ab;
    let t2 = big_sigma0.wrapping_add(maj);
    *s = [t1.wrapping_add(t2), a, b, c, d.wrapping_add(t1), e, f, g];
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `sha2::compress512` makes of the same block written out in bytes.
    fn reference<const N: usize>(state: &[u64; 8], digest: &[u64; 8]) -> [u64; 8] {
        let mut block = [0u8; 128];
        for (chunk, word) in block.chunks_exact_mut(8).zip(digest).take(N) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        block[8 * N] = 0x80;
        block[120..].copy_from_slice(&((128 + 8 * N as u64) * 8).to_be_bytes());
        let mut state = *state;
        sha2::block_api::compress512(&mut state, &[block]);
        state
    }

    proptest! {
        #[test]
        fn iteration_block_compresses_as_sha2_does(
            state in any::<[u64; 8]>(),
            digest in any::<[u64; 8]>(),
        ) {
            let mut sha512 = state;
            compress_digest::<8>(&mut sha512, &digest);
            prop_assert_eq!(sha512, reference::<8>(&state, &digest));
            let mut sha384 = state;
            compress_digest::<6>(&mut sha384, &digest);
            prop_assert_eq!(sha384, reference::<6>(&state, &digest));
        }
    }
}
