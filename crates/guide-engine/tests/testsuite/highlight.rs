//! Highlighted code: the tokens of each language the engine knows, for small blocks
//! written for this project; values inside tokens; tokens that tile a block exactly,
//! whatever it holds; and bounds on what a block of hostile size gets, in tokens and in
//! time.

use std::hint::black_box;
use std::time::{Duration, Instant};

use guide_engine::highlight::{
    MAX_BLOCK_TOKENS, MAX_TOKENS, Piece, Token, TokenKind, pieces, tokenize,
};
use guide_engine::walk::{Node, walk};
use guide_engine::{self as guide, Block, Format, Segment, VarRef};
use proptest::prelude::*;

use crate::support::linear;
use TokenKind::{Comment, Key, Keyword, Number, Plain, Punctuation as Punct, String as Str};

/// The tokens of `code` in `language`, as (kind, text) pairs.
fn tokens(language: &str, code: &str) -> Vec<(TokenKind, String)> {
    let segments = [Segment::Text(code.to_owned())];
    let tokens = tokenize(Some(language), &segments);
    pieces(&segments, &tokens)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(kind, text) => (kind, text.to_owned()),
            Piece::Slot(kind, _) => (kind, "<slot>".to_owned()),
        })
        .collect()
}

/// `(kind, text)` pairs, written briefly.
fn expect(pairs: &[(TokenKind, &str)]) -> Vec<(TokenKind, String)> {
    pairs.iter().map(|(k, t)| (*k, (*t).to_owned())).collect()
}

#[test]
fn yaml_keys_strings_keywords_numbers_comments_and_flow_punctuation() {
    let code = "clients:\n  - client_id: 'app' # ours\n    public: false\n    port: 8080\n    scopes: ['openid', groups]";
    assert_eq!(
        tokens("yaml", code),
        expect(&[
            (Key, "clients"),
            (Punct, ":"),
            (Plain, "\n  "),
            (Punct, "-"),
            (Plain, " "),
            (Key, "client_id"),
            (Punct, ":"),
            (Plain, " "),
            (Str, "'app'"),
            (Plain, " "),
            (Comment, "# ours"),
            (Plain, "\n    "),
            (Key, "public"),
            (Punct, ":"),
            (Plain, " "),
            (Keyword, "false"),
            (Plain, "\n    "),
            (Key, "port"),
            (Punct, ":"),
            (Plain, " "),
            (Number, "8080"),
            (Plain, "\n    "),
            (Key, "scopes"),
            (Punct, ":"),
            (Plain, " "),
            (Punct, "["),
            (Str, "'openid'"),
            (Punct, ","),
            (Plain, " groups"),
            (Punct, "]"),
        ])
    );
}

#[test]
fn a_yaml_address_value_is_no_key_and_a_block_scalar_is_one_string_a_line() {
    let code = "issuer: https://auth.example.com:8443/x\nkey: |\n  a: b\n\n  c\nnext: 1";
    assert_eq!(
        tokens("yml", code),
        expect(&[
            (Key, "issuer"),
            (Punct, ":"),
            (Plain, " https://auth.example.com:8443/x\n"),
            (Key, "key"),
            (Punct, ":"),
            (Plain, " "),
            (Punct, "|"),
            (Plain, "\n"),
            (Str, "  a: b"),
            (Plain, "\n\n"),
            (Str, "  c"),
            (Plain, "\n"),
            (Key, "next"),
            (Punct, ":"),
            (Plain, " "),
            (Number, "1"),
        ])
    );
}

#[test]
fn shell_assignments_flags_variables_strings_and_comments() {
    let code = "export OIDC_CLIENT_ID=app # id\nkubectl --exec-arg=--issuer=https://x/?a=b \"$HOME\" | grep 'x' $PATH";
    assert_eq!(
        tokens("shell", code),
        expect(&[
            (Keyword, "export"),
            (Plain, " "),
            (Key, "OIDC_CLIENT_ID"),
            (Punct, "="),
            (Plain, "app "),
            (Comment, "# id"),
            (Plain, "\nkubectl "),
            (Key, "--exec-arg"),
            (Punct, "="),
            (Key, "--issuer"),
            (Punct, "="),
            (Plain, "https://x/?a=b "),
            (Str, "\"$HOME\""),
            (Plain, " "),
            (Punct, "|"),
            (Plain, " grep "),
            (Str, "'x'"),
            (Plain, " "),
            (Keyword, "$PATH"),
        ])
    );
    // bash, sh and console read the same.
    for language in ["bash", "sh", "console", "BASH"] {
        assert_eq!(tokens(language, code), tokens("shell", code), "{language}");
    }
}

#[test]
fn json_keys_are_the_strings_before_a_colon() {
    let code = r#"{"issuer": "https://x", "n": 1.5, "ok": true, "list": [null]}"#;
    assert_eq!(
        tokens("json", code),
        expect(&[
            (Punct, "{"),
            (Key, "\"issuer\""),
            (Punct, ":"),
            (Plain, " "),
            (Str, "\"https://x\""),
            (Punct, ","),
            (Plain, " "),
            (Key, "\"n\""),
            (Punct, ":"),
            (Plain, " "),
            (Number, "1.5"),
            (Punct, ","),
            (Plain, " "),
            (Key, "\"ok\""),
            (Punct, ":"),
            (Plain, " "),
            (Keyword, "true"),
            (Punct, ","),
            (Plain, " "),
            (Key, "\"list\""),
            (Punct, ":"),
            (Plain, " "),
            (Punct, "["),
            (Keyword, "null"),
            (Punct, "]}"),
        ])
    );
}

#[test]
fn ini_sections_comments_and_the_key_before_the_first_equals() {
    let code = "; note\n[server]\nroot_url = https://x/?a=b\nenabled=true";
    assert_eq!(
        tokens("ini", code),
        expect(&[
            (Comment, "; note"),
            (Plain, "\n"),
            (Keyword, "[server]"),
            (Plain, "\n"),
            (Key, "root_url"),
            (Plain, " "),
            (Punct, "="),
            (Plain, " https://x/?a=b\n"),
            (Key, "enabled"),
            (Punct, "="),
            (Keyword, "true"),
        ])
    );
}

#[test]
fn toml_tables_dotted_keys_strings_and_numbers() {
    let code = "[directory.\"authelia\"]\nendpoint.url = \"https://x\" # c\ntimeout = 15";
    assert_eq!(
        tokens("toml", code),
        expect(&[
            (Keyword, "[directory.\"authelia\"]"),
            (Plain, "\n"),
            (Key, "endpoint.url"),
            (Plain, " "),
            (Punct, "="),
            (Plain, " "),
            (Str, "\"https://x\""),
            (Plain, " "),
            (Comment, "# c"),
            (Plain, "\n"),
            (Key, "timeout"),
            (Plain, " "),
            (Punct, "="),
            (Plain, " "),
            (Number, "15"),
        ])
    );
}

#[test]
fn php_array_keys_before_an_arrow_variables_and_comments() {
    let code = "$CONFIG = array (\n  'client_id' => 'app', // id\n  'flag' => false,\n);";
    assert_eq!(
        tokens("php", code),
        expect(&[
            (Keyword, "$CONFIG"),
            (Plain, " "),
            (Punct, "="),
            (Plain, " "),
            (Keyword, "array"),
            (Plain, " "),
            (Punct, "("),
            (Plain, "\n  "),
            (Key, "'client_id'"),
            (Plain, " "),
            (Punct, "=>"),
            (Plain, " "),
            (Str, "'app'"),
            (Punct, ","),
            (Plain, " "),
            (Comment, "// id"),
            (Plain, "\n  "),
            (Key, "'flag'"),
            (Plain, " "),
            (Punct, "=>"),
            (Plain, " "),
            (Keyword, "false"),
            (Punct, ","),
            (Plain, "\n"),
            (Punct, ");"),
        ])
    );
}

#[test]
fn nginx_directives_open_statements() {
    let code = "server {\n  listen 443 ssl; # tls\n  proxy_set_header Host $host;\n}";
    assert_eq!(
        tokens("nginx", code),
        expect(&[
            (Key, "server"),
            (Plain, " "),
            (Punct, "{"),
            (Plain, "\n  "),
            (Key, "listen"),
            (Plain, " "),
            (Number, "443"),
            (Plain, " ssl"),
            (Punct, ";"),
            (Plain, " "),
            (Comment, "# tls"),
            (Plain, "\n  "),
            (Key, "proxy_set_header"),
            (Plain, " Host "),
            (Keyword, "$host"),
            (Punct, ";"),
            (Plain, "\n"),
            (Punct, "}"),
        ])
    );
}

#[test]
fn another_language_or_none_is_plain_text() {
    let segments = [Segment::Text("def f(): return 'x'".to_owned())];
    assert!(tokenize(Some("python"), &segments).is_empty());
    assert!(tokenize(None, &segments).is_empty());
    assert_eq!(
        pieces(&segments, &[]),
        [Piece::Text(Plain, "def f(): return 'x'")]
    );
}

/// The code blocks of a parsed guide, with their tokens laid over their segments.
fn highlighted(doc: &guide::Document) -> Vec<Vec<(TokenKind, String)>> {
    walk(&doc.blocks)
        .filter_map(|node| match node {
            Node::Block(Block::CodeBlock {
                segments, tokens, ..
            }) => Some(
                pieces(segments, tokens)
                    .into_iter()
                    .map(|piece| match piece {
                        Piece::Text(kind, text) => (kind, text.to_owned()),
                        Piece::Slot(kind, Segment::Variable(v)) => {
                            (kind, format!("{{{}}}", v.name))
                        }
                        Piece::Slot(kind, Segment::Digest) => (kind, "{digest}".to_owned()),
                        Piece::Slot(kind, _) => (kind, "{override}".to_owned()),
                    })
                    .collect(),
            ),
            _ => None,
        })
        .collect()
}

#[test]
fn a_value_in_a_quoted_string_is_a_slot_inside_the_string() {
    let doc = guide::parse(
        "```yaml\nissuer: 'https://{{< sitevar name=\"domain\" nojs=\"example.com\" >}}/x'\nsecret: '{{< client-secret-digest >}}'\n```\n",
    )
    .expect("parses");
    assert_eq!(
        highlighted(&doc),
        [expect(&[
            (Key, "issuer"),
            (Punct, ":"),
            (Plain, " "),
            (Str, "'https://"),
            (Str, "{domain}"),
            (Str, "/x'"),
            (Plain, "\n"),
            (Key, "secret"),
            (Punct, ":"),
            (Plain, " "),
            (Str, "'"),
            (Str, "{digest}"),
            (Str, "'"),
        ])]
    );
}

#[test]
fn a_value_ending_an_unquoted_value_stays_in_its_token() {
    let doc = guide::parse(
        "```ini\ndomain = auth.{{< sitevar name=\"domain\" nojs=\"example.com\" >}}\n```\n",
    )
    .expect("parses");
    assert_eq!(
        highlighted(&doc),
        [expect(&[
            (Key, "domain"),
            (Plain, " "),
            (Punct, "="),
            (Plain, " auth."),
            (Plain, "{domain}"),
        ])]
    );
}

#[test]
fn a_guide_past_its_token_budget_shows_its_later_blocks_plain() {
    // Each block is as many tokens as a block may have; the guide's budget runs out
    // after MAX_TOKENS / MAX_BLOCK_TOKENS of them.
    let block = format!("```json\n{}\n```\n\n", "[1]".repeat(MAX_BLOCK_TOKENS));
    let blocks = MAX_TOKENS / MAX_BLOCK_TOKENS + 2;
    let doc = guide::parse(&block.repeat(blocks)).expect("parses");
    let counts: Vec<usize> = walk(&doc.blocks)
        .filter_map(|node| match node {
            Node::Block(Block::CodeBlock { tokens, .. }) => Some(tokens.len()),
            _ => None,
        })
        .collect();
    assert_eq!(counts.len(), blocks);
    assert!(
        counts.iter().sum::<usize>() <= MAX_TOKENS + blocks,
        "{counts:?}"
    );
    assert_eq!(counts.last(), Some(&0), "{counts:?}");
    assert!(
        counts
            .first()
            .is_some_and(|&n| n > MAX_BLOCK_TOKENS / 2 && n <= MAX_BLOCK_TOKENS + 1)
    );
}

#[test]
fn the_hostile_corpus_s_highlight_bomb_is_highlighted_within_the_guide_s_budget() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/hostile/highlight-bomb.md"
    );
    let source = std::fs::read_to_string(path).expect("the corpus file");
    let doc = guide::parse(&source).expect("parses");
    let counts: Vec<usize> = walk(&doc.blocks)
        .filter_map(|node| match node {
            Node::Block(Block::CodeBlock { tokens, .. }) => Some(tokens.len()),
            _ => None,
        })
        .collect();
    assert_eq!(counts.len(), 4);
    assert!(
        counts.iter().all(|&n| n <= MAX_BLOCK_TOKENS + 1),
        "{counts:?}"
    );
    assert!(
        counts.iter().sum::<usize>() <= MAX_TOKENS + counts.len(),
        "{counts:?}"
    );
    // The first block reached its own cap; the last found the guide's spent.
    assert!(
        counts.first().is_some_and(|&n| n >= MAX_BLOCK_TOKENS),
        "{counts:?}"
    );
    assert_eq!(counts.last(), Some(&0), "{counts:?}");
}

#[test]
fn a_block_of_a_megabyte_gets_at_most_its_cap_of_tokens_and_its_rest_plain() {
    for (language, unit) in [
        ("yaml", "- a: 'b' # c\n"),
        ("shell", "A=b \"$C\" | d\n"),
        ("php", "'k' => [1, $v],\n"),
        ("nginx", "a b;{}"),
        ("json", "{\"a\":[1,true]},"),
    ] {
        let code = unit.repeat(1_000_000 / unit.len());
        let segments = [Segment::Text(code.clone())];
        let start = Instant::now();
        let tokens = tokenize(Some(language), &segments);
        let took = start.elapsed();
        assert!(
            tokens.len() <= MAX_BLOCK_TOKENS + 1,
            "{language}: {}",
            tokens.len()
        );
        assert_eq!(tokens.last().map(|t| t.kind), Some(Plain), "{language}");
        let units: usize = tokens.iter().map(|t| t.len as usize).sum();
        assert_eq!(units, code.len(), "{language}");
        assert!(took < Duration::from_secs(1), "{language}: {took:?}");
    }
}

/// Pieces of the languages' syntax, so random blocks are mostly near-misses of it.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "a", "key", ":", ": ", "=", "=>", "-", " ", "  ", "\n", "\t", "'", "\"", "\\", "#", "//",
        "/*", "*/", ";", "[", "]", "{", "}", ",", "$", "${", "|", ">", "1", "-2.5", "true", "é",
        "&x", "\r\n", "--f=", "\u{a0}",
    ])
}

/// A piece of a block: its text or a value slot.
fn part() -> impl Strategy<Value = Option<&'static str>> {
    prop_oneof![8 => piece().prop_map(Some), 1 => Just(None)]
}

const LANGUAGES: [&str; 8] = [
    "yaml", "shell", "json", "ini", "toml", "php", "nginx", "text",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn tokens_tile_the_block_exactly_values_included(
        parts in prop::collection::vec(part(), 0..60),
        language in prop::sample::select(LANGUAGES.to_vec()),
    ) {
        // Text next to text is one segment, as the engine builds them.
        let mut segments: Vec<Segment> = Vec::new();
        for part in &parts {
            match (part, segments.last_mut()) {
                (Some(text), Some(Segment::Text(last))) => last.push_str(text),
                (Some(text), _) => segments.push(Segment::Text((*text).to_owned())),
                (None, _) => segments.push(Segment::Variable(VarRef {
                    name: "domain".to_owned(),
                    format: Format::from_arg(None),
                })),
            }
        }
        let tokens: Vec<Token> = tokenize(Some(language), &segments);
        let units: usize = segments
            .iter()
            .map(|s| match s { Segment::Text(t) => t.len(), _ => 1 })
            .sum();
        if language == "text" {
            prop_assert!(tokens.is_empty());
        } else {
            prop_assert_eq!(tokens.iter().map(|t| t.len as usize).sum::<usize>(), units);
        }
        prop_assert!(tokens.iter().all(|t| t.len > 0));
        prop_assert!(tokens.windows(2).all(|w| w[0].kind != w[1].kind), "{:?}", tokens);
        // Laid over the segments, every character and value once, in order.
        let mut shown: Vec<Segment> = Vec::new();
        for piece in pieces(&segments, &tokens) {
            match (piece, shown.last_mut()) {
                (Piece::Text(_, text), Some(Segment::Text(last))) => last.push_str(text),
                (Piece::Text(_, text), _) => shown.push(Segment::Text(text.to_owned())),
                (Piece::Slot(_, segment), _) => shown.push(segment.clone()),
            }
        }
        prop_assert_eq!(shown, segments);
    }

    #[test]
    fn tokens_that_do_not_fit_lose_no_text(
        text in "[a-zé' :\n]{0,40}",
        lens in prop::collection::vec(0u32..8, 0..12),
    ) {
        // Tokens from elsewhere (too long, too short, ending inside a character): what
        // is shown is still the block, once.
        let segments = [Segment::Text(text.clone())];
        let tokens: Vec<Token> = lens.iter().map(|&len| Token { kind: Key, len }).collect();
        let shown: String = pieces(&segments, &tokens)
            .into_iter()
            .map(|p| match p { Piece::Text(_, t) => t, Piece::Slot(..) => "" })
            .collect();
        prop_assert_eq!(shown, text);
    }
}

proptest! {
    // Each case times runs over up to 256 kB: a few cases suffice.
    #![proptest_config(ProptestConfig { cases: 16, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn doubling_a_block_at_most_triples_the_time(
        unit in prop::collection::vec(piece(), 1..8),
        language in prop::sample::select(LANGUAGES[..7].to_vec()),
    ) {
        // The lexer reads all of both blocks when the unit makes long tokens (one string,
        // one comment, one word) and stops at its cap when it makes many: either way, no
        // byte may be read over and over. Both blocks stay under 128 kB, where the
        // allocator would map fresh pages for each copy and time the system, not the
        // lexer.
        let unit: String = unit.concat();
        let small = unit.repeat(32 * 1024 / unit.len() + 1);
        let large = small.repeat(2);
        let lex = |src: &str| {
            black_box(tokenize(Some(language), &[Segment::Text(black_box(src).to_owned())]));
        };
        // The slack covers a busy shared machine's noise on a block lexed in a few
        // milliseconds; a lexer that read the rest of a line again a token would take
        // seconds here, and one that did so up to its cap hundreds of milliseconds.
        let (linear, times) = linear::at_most_triples(&lex, 9, Duration::from_millis(5), &small, &large);
        prop_assert!(linear, "{} bytes of {:?}, then twice that: {:?}", small.len(), unit, times);
    }
}
