//! The shortcode lexer on any input: it never panics, its tokens tile the source, and
//! its time grows linearly with the input, whatever the input repeats.

use std::hint::black_box;
use std::time::Duration;

use guide_engine::shortcode::{TokenKind, tokenize};
use proptest::prelude::*;

/// Pieces of shortcode syntax, so random input is mostly near-miss tags.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{{<".to_owned()),
        Just("{{%".to_owned()),
        Just("{{".to_owned()),
        Just(">}}".to_owned()),
        Just("%}}".to_owned()),
        Just("/*".to_owned()),
        Just("*/".to_owned()),
        Just("\"".to_owned()),
        Just("\\\"".to_owned()),
        Just("\\".to_owned()),
        Just("`".to_owned()),
        Just("=".to_owned()),
        Just(" ".to_owned()),
        Just("/".to_owned()),
        Just("a".to_owned()),
        Just("é".to_owned()),
        Just("\u{a0}".to_owned()),
    ]
}

use crate::support::linear;

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn tokens_tile_the_source_in_order(parts in prop::collection::vec(piece(), 0..40)) {
        let src: String = parts.concat();
        let tokens = tokenize(&src);
        let mut at = 0;
        for token in &tokens {
            prop_assert_eq!(token.span.start, at);
            prop_assert!(token.span.end > token.span.start);
            let text = &src[token.span.clone()];
            match &token.kind {
                TokenKind::Text => {}
                TokenKind::Shortcode(_) | TokenKind::Literal(_) => {
                    prop_assert!(text.starts_with("{{<") || text.starts_with("{{%"), "{}", text);
                    prop_assert!(text.ends_with(">}}") || text.ends_with("%}}"), "{}", text);
                }
            }
            at = token.span.end;
        }
        prop_assert_eq!(at, src.len());
    }
}

proptest! {
    // Each case times fourteen runs over up to 256 kB: a few cases suffice.
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn doubling_the_input_at_most_triples_the_time(unit in prop::collection::vec(piece(), 1..8)) {
        let unit: String = unit.concat();
        let small = unit.repeat(64 * 1024 / unit.len() + 1);
        let large = small.repeat(2);
        // A quadratic lexer quadruples; a linear one doubles. The absolute slack covers
        // timer noise on inputs that take microseconds, and a case measured in a busy
        // moment of the shared machine is measured again: noise passes, a slope stays.
        let lex = |src: &str| {
            black_box(tokenize(black_box(src)));
        };
        let (linear, times) = linear::at_most_triples(&lex, 9, Duration::from_millis(2), &small, &large);
        prop_assert!(linear, "{} bytes of {:?}, then twice that: {:?}", small.len(), unit, times);
    }
}
