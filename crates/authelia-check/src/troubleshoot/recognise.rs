//! Finding the catalogue's message in a paste: each line of each view of the paste is
//! compared with each fragment once, so the work is the paste's size times the
//! catalogue's (fixed) size. The entry that wins is the first in the catalogue's order
//! that any line holds; the other entries found on other lines are reported beside it.

use super::catalogue::{ENTRIES, Entry, Fragment};
use super::paste::Piece;
use super::text::{folded, normalise};

/// Most bytes of a line kept before and after the fragment for reading values: the
/// longest of Authelia's lines (a debug text quoting two addresses) is under 2 kB, and a
/// pasted megabyte on one line is not read whole for every value.
const RECORD_BEFORE: usize = 4_096;
const RECORD_AFTER: usize = 8_192;

/// The line (or the part of it around the fragment) where a message was found.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Record<'p> {
    /// The text.
    pub text: &'p str,
    /// Its folded form (same offsets).
    pub folded: &'p str,
}

/// A recognised message.
#[derive(Debug)]
pub(crate) struct Found<'p> {
    /// The entry.
    pub entry: &'static Entry,
    /// The fragment that recognised it.
    pub fragment: &'static Fragment,
    /// The line it is on.
    pub record: Record<'p>,
    /// Other entries found on other lines, in the catalogue's order.
    pub others: Vec<&'static Entry>,
}

/// Where an entry was first found: the piece, its line's start and end, the match's
/// offset, and the fragment's index.
type Hit = (usize, usize, usize, usize, usize);

/// A fragment's text as it is searched.
fn needle(text: &str) -> String {
    folded(&normalise(text))
}

/// The first catalogue entry the paste's views hold, with the line it is on.
pub(crate) fn recognise(pieces: &[Piece]) -> Option<Found<'_>> {
    let needles: Vec<Vec<(String, Option<String>)>> = ENTRIES
        .iter()
        .map(|e| {
            e.fragments
                .iter()
                .map(|f| (needle(f.text), f.also.map(needle)))
                .collect()
        })
        .collect();
    let mut hits: Vec<Option<Hit>> = vec![None; ENTRIES.len()];
    for (p, piece) in pieces.iter().enumerate() {
        let mut start = 0;
        for line in piece.folded.split('\n') {
            let end = start + line.len();
            for (e, fragments) in needles.iter().enumerate() {
                if hits.get(e).is_some_and(Option::is_some) {
                    continue;
                }
                let hit = fragments.iter().enumerate().find_map(|(i, (text, also))| {
                    let at = line.find(text.as_str())?;
                    also.as_ref()
                        .is_none_or(|also| line.contains(also.as_str()))
                        .then_some((i, at))
                });
                if let (Some((i, at)), Some(slot)) = (hit, hits.get_mut(e)) {
                    *slot = Some((p, start, end, start + at, i));
                }
            }
            start = end + 1;
        }
    }
    let (e, hit) = hits
        .iter()
        .enumerate()
        .find_map(|(e, h)| h.map(|h| (e, h)))?;
    let entry = ENTRIES.get(e)?;
    let (p, start, end, at, i) = hit;
    let piece = pieces.get(p)?;
    let record = record(piece, start, end, at)?;
    let holds_any = |line: &str, entry: usize| {
        needles.get(entry).is_some_and(|fragments| {
            fragments
                .iter()
                .any(|(text, _)| line.contains(text.as_str()))
        })
    };
    let others = hits
        .iter()
        .enumerate()
        .filter_map(|(other, h)| h.map(|h| (other, h)))
        .filter(|(other, _)| *other != e)
        .filter_map(|(other, (p, start, end, _, _))| {
            // Found on the winner's line, or on a line that also holds the winner: part of
            // the same message (an application's line quoting Authelia's answer), not
            // another one.
            let line = pieces.get(p)?.folded.get(start..end)?;
            let same = holds_any(record.folded, other) || holds_any(line, e);
            (!same).then_some(ENTRIES.get(other)?)
        })
        .collect();
    Some(Found {
        entry,
        fragment: entry.fragments.get(i)?,
        record,
        others,
    })
}

/// The line from `start` to `end` of `piece`, cut to [`RECORD_BEFORE`] and
/// [`RECORD_AFTER`] bytes around `at`, on character boundaries.
fn record(piece: &Piece, start: usize, end: usize, at: usize) -> Option<Record<'_>> {
    let mut from = start.max(at.saturating_sub(RECORD_BEFORE));
    while !piece.text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = end.min(at.saturating_add(RECORD_AFTER));
    while !piece.text.is_char_boundary(to) {
        to -= 1;
    }
    Some(Record {
        text: piece.text.get(from..to)?,
        folded: piece.folded.get(from..to)?,
    })
}
