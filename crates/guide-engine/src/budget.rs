//! How much a guide may become, not only how large it may be.
//!
//! [`MAX_GUIDE_BYTES`](crate::MAX_GUIDE_BYTES) bounds what a guide is; this module
//! bounds what it turns into, because a few bytes can ask for a lot: pulldown-cmark
//! pads every short row of a table to the width of its head (ten 512-column tables of
//! one-cell rows, 31 kB, ask for 2.6 million cells), and an `oidc-common` list expands
//! each two-byte name into a line of markdown (200 kB of names become 11 MB).
//!
//! Each bound is kept while the document is built, never by cutting a finished one:
//!
//! - tables: before pulldown-cmark sees the text, `tables::guard` counts the cells each
//!   table could hold and breaks the delimiter row of any table past
//!   [`MAX_TABLE_CELLS`], so pulldown-cmark never pads it (its text stays, as text);
//! - snippets: the project's text for `oidc-common` stops growing at
//!   [`MAX_SNIPPET_BYTES`] (names past it are left out; a whole snippet that does not fit
//!   is shown as its shortcode);
//! - nodes: the markdown converter stops reading the guide once the document holds
//!   [`MAX_NODES`] nodes, and the credentials stage stops splitting text.
//!
//! Past each, the guide is shown as far as it got, and the document carries a
//! [`Warning`] naming the limit.

pub(crate) mod tables;

use super::document::Warning;

/// Most nodes a document may hold: blocks, inlines, code and address segments, list
/// items and table cells together, as [`Document::node_count`](crate::Document::node_count)
/// counts them, with every block charged [`BLOCK_COST`].
///
/// The bound is what the page's main thread can turn into elements at once: measured in
/// headless Chromium on a 2-core machine (`tests/browser/output-and-secrets.test.mjs`),
/// 100 000 nodes of one code block blocked the page's thread for 1.27 s, and 4 763 small
/// blocks for 354 ms: about 12 µs a node and 75 µs a block. The page may block for at
/// most 200 ms while it takes a document; 6 000 keeps the worst case near 80 ms here,
/// under half of that, for machines slower than this one. Authelia's largest client
/// guide (jellyfin) is 503 nodes in 95 blocks, 1 168 as charged: a real guide has five
/// times the room it needs.
pub const MAX_NODES: usize = 6_000;

/// What one block costs of [`MAX_NODES`]: itself and the markup the page wraps it in.
/// A block renders in about six times a text node's time (measured, see [`MAX_NODES`]),
/// so it is charged eight.
pub const BLOCK_COST: usize = 8;

/// Most table cells a document may hold, all its tables together, counting the cells
/// pulldown-cmark adds to pad short rows. A table that would pass it is shown as its
/// text, with a [`Warning::TooManyTableCells`].
///
/// Authelia's guides and the project's own hold none or a few dozen (the edge-case
/// fixture has 4); a table of 100 rows by 10 columns is 1 000. 10 000 is ten of those,
/// and keeps ten 512-column tables of one-cell rows (31 kB, 2.6 million padded cells)
/// from ever being built, by the engine or by pulldown-cmark.
pub const MAX_TABLE_CELLS: usize = 10_000;

/// Most bytes of markdown the project's own text for shortcodes (`oidc-common`, the
/// claims hydration escape hatch) may add to a guide, all occurrences together.
///
/// `oidc-common` naming every bug the project has a note for, a FAQ topic and three
/// settings is about 2.6 kB; Authelia's guides use it once. 16 KiB is six such notes,
/// and keeps 200 kB of names (`config="a,a,a,…"`), which would become 11 MB of
/// markdown, to 16 KiB.
pub const MAX_SNIPPET_BYTES: usize = 16 * 1024;

/// How many nodes a parsed guide may hold per byte of its source, whatever the source
/// (plus the one variables panel every document has). Not a limit of its own: a
/// consequence of the others, which the property tests check on arbitrary input.
///
/// Prose and code make well under one node per byte (the reference guide 0.07). The
/// densest input is a table padded by pulldown-cmark: `c` columns and `r` one-cell
/// rows cost about `4c + 2r` bytes and make `c × (r + 1)` cells, at most
/// [`MAX_TABLE_CELLS`] in all; a square table of 100 by 100 makes about 17 cells per
/// byte. An `oidc-common` list makes about 4 nodes per byte of names. 32 covers both
/// with room to spare.
pub const MAX_NODES_PER_BYTE: usize = 32;

/// Nodes the converter keeps in hand when it stops reading: what closing the open
/// containers and frames may still add, and the variables panel the facts stage
/// inserts. Each event adds a bounded number of nodes besides the runs of text and
/// code it splits, which charge as they go; nesting is at most
/// [`MAX_NESTING`](crate::depth::MAX_NESTING) containers and as many inline frames.
pub(crate) const NODE_RESERVE: usize = 8 * crate::depth::MAX_NESTING;

/// What a guide has used of each bound so far, shared by the guide and everything
/// nested in it (callouts, snippets) and by the credentials stage.
#[derive(Debug, Default)]
pub(crate) struct Budget {
    /// Nodes charged so far (an upper bound on those in the document).
    nodes: usize,
    /// Table cells pulldown-cmark may produce for the tables let through.
    pub cells: usize,
    /// Bytes of snippet markdown added.
    pub snippet_bytes: usize,
    /// The converter stopped reading at [`MAX_NODES`].
    pub nodes_cut: bool,
    /// A table was shown as text for [`MAX_TABLE_CELLS`].
    pub cells_cut: bool,
    /// Snippet text was left out for [`MAX_SNIPPET_BYTES`].
    pub snippets_cut: bool,
}

impl Budget {
    /// Counts `n` more nodes.
    pub fn charge(&mut self, n: usize) {
        self.nodes = self.nodes.saturating_add(n);
    }

    /// How many more nodes text may still be split into.
    pub fn room(&self) -> usize {
        MAX_NODES
            .saturating_sub(NODE_RESERVE)
            .saturating_sub(self.nodes)
    }

    /// Whether the document is as large as it may grow: no more text is split into
    /// nodes and no more events are read. Records the cut.
    pub fn full(&mut self) -> bool {
        let full = self.room() == 0;
        self.nodes_cut |= full;
        full
    }

    /// Snippet bytes still free.
    pub fn snippet_room(&self) -> usize {
        MAX_SNIPPET_BYTES.saturating_sub(self.snippet_bytes)
    }

    /// The warnings for the bounds the guide passed.
    pub fn warnings(&self) -> impl Iterator<Item = Warning> {
        [
            self.snippets_cut.then_some(Warning::SnippetsTooLong {
                limit: MAX_SNIPPET_BYTES,
            }),
            self.cells_cut.then_some(Warning::TooManyTableCells {
                limit: MAX_TABLE_CELLS,
            }),
            self.nodes_cut
                .then_some(Warning::TooManyNodes { limit: MAX_NODES }),
        ]
        .into_iter()
        .flatten()
    }
}
