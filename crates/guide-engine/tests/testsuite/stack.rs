//! Hostile nesting on a small stack: the engine runs in a Web Worker whose stack is
//! about 1 MB, and derived Drop, Clone and Serialize recurse into the tree. These
//! guides are parsed, walked, cloned, compared and dropped on a thread with a quarter
//! of that, so a regression overflows here first.

use std::thread;

use guide_engine::walk::deepest;
use guide_engine::{self as guide, depth};

/// A quarter of the worker's stack.
const SMALL_STACK: usize = 256 * 1024;

/// Parses `source` and uses the document the way the page does, on a small stack.
fn survives_on_a_small_stack(name: &str, source: String) {
    let outcome = thread::Builder::new()
        .name(name.to_owned())
        .stack_size(SMALL_STACK)
        .spawn(move || {
            let doc = guide::parse(&source).unwrap_or_else(|e| panic!("{e}"));
            let deepest = deepest(&doc.blocks);
            let copy = doc.clone();
            assert!(copy == doc);
            drop(copy);
            deepest
        })
        .map(|thread| thread.join());
    match outcome {
        Err(e) => panic!("{name}: no thread: {e}"),
        Ok(Ok(deepest)) => assert!(
            deepest <= depth::MAX_NODE_DEPTH,
            "{name}: nested {deepest} deep"
        ),
        Ok(Err(_)) => panic!("{name}: the engine failed on a small stack"),
    }
}

#[test]
fn a_heading_of_thirty_thousand_nested_emphases() {
    let source = format!("# {}x{}\n", "*a ".repeat(30_000), " b*".repeat(30_000));
    survives_on_a_small_stack("emphasis", source);
}

#[test]
fn links_nested_in_emphasis_in_strong() {
    let source = format!(
        "{}x{}\n",
        "**[*a ".repeat(10_000),
        "* b](#x)**".repeat(10_000)
    );
    survives_on_a_small_stack("links", source);
}

#[test]
fn quotes_nested_fifty_thousand_deep() {
    survives_on_a_small_stack("quotes", format!("{} deep\n", ">".repeat(50_000)));
}

#[test]
fn lists_nested_a_thousand_deep_by_indentation() {
    let source: String = (0..1_000)
        .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
        .collect();
    survives_on_a_small_stack("indented lists", source);
}

#[test]
fn lists_nested_fifty_thousand_deep_on_one_line() {
    // `- - - x` is a list whose item starts with a list.
    survives_on_a_small_stack("one-line lists", format!("{}x\n", "- ".repeat(50_000)));
}

#[test]
fn callouts_nested_ten_thousand_deep() {
    let source = "{{< callout >}}\n> - ".repeat(10_000) + &"{{< /callout >}}\n".repeat(10_000);
    survives_on_a_small_stack("callouts", source);
}
