//! Counts, over a folder of client guides, how many state the application's address
//! ("Application Root URL"), in how many it became the `application-url` variable, and
//! in how many the reader's address then stands everywhere the guide's default address
//! stood in code. Lines where the default address is left are printed, to be judged:
//! another port or a longer host is not the application's address.
//!
//! ```text
//! cargo run -p guide-engine --example app_url_counts -- /path/to/clients
//! ```
//!
//! The folder holds guides as `<name>/index.md` (Authelia's layout) or `<name>.md`
//! (beside the section's `_index.md`, which is not one).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use guide_engine::variables::APPLICATION_URL;
use guide_engine::walk::{Node, walk};
use guide_engine::{self as guide, Block, Document, Inline, Segment, Values};

/// The label a guide states its application's address with.
const LABEL: &str = "Application Root URL";

/// The reader's address the counts are taken with: a path, so the guide's own paths
/// after it are seen to follow.
const READER_URL: &str = "https://reader-app.test/sub/";

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: app_url_counts <folder of guides>");
        return ExitCode::FAILURE;
    };
    let paths = guides(Path::new(&dir));
    if paths.is_empty() {
        eprintln!("{dir}: no guides found");
        return ExitCode::FAILURE;
    }
    let mut counts = Counts::default();
    for path in &paths {
        let name = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(source) => counts.add(&name, &source),
            Err(e) => println!("{name}: unreadable: {e}"),
        }
    }
    println!(
        "guides: {}; state the application's address: {}; it became a variable: {}; \
         every default address in code replaced: {} (of those with the variable); \
         occurrences replaced: {} in code, {} in prose, {} in links",
        paths.len(),
        counts.stated,
        counts.variable,
        counts.complete,
        counts.in_code,
        counts.in_prose,
        counts.in_links
    );
    ExitCode::SUCCESS
}

/// What the guides added up to.
#[derive(Debug, Default)]
struct Counts {
    stated: usize,
    variable: usize,
    complete: usize,
    in_code: usize,
    in_prose: usize,
    in_links: usize,
}

impl Counts {
    fn add(&mut self, name: &str, source: &str) {
        let stated = source.contains(LABEL);
        self.stated += usize::from(stated);
        let doc = match guide::parse(source) {
            Ok(doc) => doc,
            Err(e) => {
                println!("{name}: does not parse: {e}");
                return;
            }
        };
        let Some(default) = doc.variable(APPLICATION_URL).map(|v| v.default.clone()) else {
            if stated {
                println!("{name}: states the address, no variable");
            }
            return;
        };
        self.variable += 1;
        for node in walk(&doc.blocks) {
            match node {
                Node::Segment(Segment::Override(_)) => self.in_code += 1,
                Node::Inline(Inline::Override(_)) => self.in_prose += 1,
                Node::UrlPart(guide::UrlPart::Override(_)) => self.in_links += 1,
                _ => {}
            }
        }
        let root = default.strip_suffix('/').unwrap_or(&default);
        let mut values = Values::for_document(&doc);
        values.set(APPLICATION_URL, READER_URL);
        let left: Vec<String> = code_lines(&doc, &values)
            .into_iter()
            .filter(|line| line.contains(root))
            .collect();
        if left.is_empty() {
            self.complete += 1;
        } else {
            println!("{name}: {root} left in code: {left:?}");
        }
    }
}

/// Every line of code (blocks and inline), for these values.
fn code_lines(doc: &Document, values: &Values) -> Vec<String> {
    let mut out = Vec::new();
    for node in walk(&doc.blocks) {
        let segments = match node {
            Node::Block(Block::CodeBlock { segments, .. })
            | Node::Inline(Inline::Code(segments)) => segments,
            _ => continue,
        };
        let text = guide::resolve_all(segments, values, doc.default_digest());
        out.extend(text.lines().map(str::to_owned));
    }
    out
}

/// The guides of a folder, in name order.
fn guides(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter_map(|p| {
            if p.is_dir() {
                Some(p.join("index.md")).filter(|i| i.is_file())
            } else {
                // `_index.md` is the section's own page, not a guide.
                let section = p.file_name().is_some_and(|n| n == "_index.md");
                Some(p).filter(|p| !section && p.extension().is_some_and(|e| e == "md"))
            }
        })
        .collect();
    out.sort();
    out
}
