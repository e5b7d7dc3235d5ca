//! Recognises the client credentials Authelia's guides hard-code and turns them into
//! the same nodes the project's own guides use.
//!
//! Authelia's pages write `client_id: 'matomo'` and
//! `client_secret: '$pbkdf2-…'  # The digest of 'insecure_secret'.` in YAML, and
//! ``Client ID: `matomo` `` in prose. Here those become the `client-id` variable, the
//! digest node and the `client-secret` variable, so the reader's values flow there too.
//! The digest comment is rewritten to name the reader's secret, so it stays true.

use super::document::{Block, Inline, Segment};
use super::variables::{CLIENT_ID, CLIENT_SECRET, Format, Registry, VarRef, is_unreserved};
use super::walk::{NodeMut, walk_mut};

/// What recognition learned while rewriting.
#[derive(Debug, Default)]
pub(crate) struct Learned {
    /// The first digest literal found in a code block.
    pub digest: Option<String>,
}

/// Rewrites hard-coded credentials everywhere in `blocks`; records the plaintext
/// defaults in `nojs` (first value wins).
pub(crate) fn recognise(blocks: &mut Vec<Block>, nojs: &mut Registry, learned: &mut Learned) {
    walk_mut(blocks, &mut |node| match node {
        NodeMut::Segments(segments) => rewrite_code(segments, nojs, learned),
        NodeMut::Inlines(inlines) => rewrite_prose(inlines, nojs),
        NodeMut::Blocks(_) | NodeMut::Block(_) => {}
    });
}

fn var(name: &str) -> Segment {
    Segment::Variable(VarRef {
        name: name.to_owned(),
        format: Format::Plain,
    })
}

/// Rewrites `client_id:` / `client_secret:` lines in code.
fn rewrite_code(segments: &mut Vec<Segment>, nojs: &mut Registry, learned: &mut Learned) {
    let mut out = Vec::with_capacity(segments.len());
    let mut at_line_start = true;
    for seg in segments.drain(..) {
        let Segment::Text(text) = seg else {
            at_line_start = false;
            out.push(seg);
            continue;
        };
        for line in text.split_inclusive('\n') {
            match at_line_start
                .then(|| rewrite_line(line, nojs, learned))
                .flatten()
            {
                Some(parts) => out.extend(parts),
                None => out.push(Segment::Text(line.to_owned())),
            }
            at_line_start = line.ends_with('\n');
        }
    }
    // Merge the per-line text back into runs.
    for seg in out {
        match (segments.last_mut(), seg) {
            (Some(Segment::Text(prev)), Segment::Text(t)) => prev.push_str(&t),
            (_, seg) => segments.push(seg),
        }
    }
}

/// One YAML line: `[- ]client_id: 'value'` or `[- ]client_secret: 'value'  # comment`.
fn rewrite_line(line: &str, nojs: &mut Registry, learned: &mut Learned) -> Option<Vec<Segment>> {
    let body = line.trim_start();
    let body = match body.strip_prefix('-') {
        Some(after) if after.starts_with([' ', '\t']) => after.trim_start(),
        _ => body,
    };
    let (is_id, after_key) = if let Some(r) = body.strip_prefix("client_id:") {
        (true, r)
    } else {
        (false, body.strip_prefix("client_secret:")?)
    };
    let value_start = after_key.trim_start();
    let quote = value_start
        .chars()
        .next()
        .filter(|c| matches!(c, '\'' | '"'));
    let (value, rest) = match quote {
        Some(q) => {
            let inner = value_start.get(1..)?;
            let end = inner.find(q)?;
            (inner.get(..end)?, inner.get(end + 1..)?)
        }
        None => {
            let end = value_start
                .find(|c: char| c.is_whitespace() || c == '#')
                .unwrap_or(value_start.len());
            (value_start.get(..end)?, value_start.get(end..)?)
        }
    };
    if value.is_empty() {
        return None;
    }
    let head_len = line.len() - value_start.len() + quote.map_or(0, char::len_utf8);
    let head = line.get(..head_len)?;
    let quote_str = quote.map(String::from).unwrap_or_default();
    let mut parts = vec![Segment::Text(head.to_owned())];
    if is_id {
        if !value.chars().all(is_unreserved) || !nojs.define(CLIENT_ID, Some(value)) {
            return None;
        }
        parts.push(var(CLIENT_ID));
        parts.push(Segment::Text(format!("{quote_str}{rest}")));
    } else if value.starts_with('$') {
        learned.digest.get_or_insert_with(|| value.to_owned());
        parts.push(Segment::Digest);
        parts.extend(rewrite_digest_comment(&quote_str, rest, nojs));
    } else {
        if !value.chars().all(is_unreserved) || !nojs.define(CLIENT_SECRET, Some(value)) {
            return None;
        }
        parts.push(var(CLIENT_SECRET));
        parts.push(Segment::Text(format!("{quote_str}{rest}")));
    }
    Some(parts)
}

/// `  # The digest of 'insecure_secret'.` becomes a comment that names no plaintext: the
/// digest node shows the digest of whatever secret the reader chose, and this block is
/// Authelia's configuration, where the plaintext secret must never be written.
fn rewrite_digest_comment(quote: &str, rest: &str, nojs: &mut Registry) -> Vec<Segment> {
    const MARKER: &str = "# The digest of '";
    let unchanged = || vec![Segment::Text(format!("{quote}{rest}"))];
    let Some(at) = rest.find(MARKER) else {
        return unchanged();
    };
    let after = rest.get(at + MARKER.len()..).unwrap_or_default();
    let Some(end) = after.find('\'') else {
        return unchanged();
    };
    let plaintext = after.get(..end).unwrap_or_default();
    if !plaintext.is_empty() {
        nojs.define(CLIENT_SECRET, Some(plaintext));
    }
    let before = rest.get(..at).unwrap_or_default();
    // Keep whatever followed the comment's closing `'.` (the line break).
    let tail = after.get(end + 1..).unwrap_or_default();
    let tail = tail.strip_prefix('.').unwrap_or(tail);
    vec![Segment::Text(format!(
        "{quote}{before}{SAFE_DIGEST_COMMENT}{tail}"
    ))]
}

/// What the digest comment says instead of quoting the example plaintext.
pub const SAFE_DIGEST_COMMENT: &str = "# The digest of the client secret, never the secret itself.";

/// ``Client ID: `matomo` `` and ``Client Secret: `insecure_secret` `` in prose.
fn rewrite_prose(inlines: &mut [Inline], nojs: &mut Registry) {
    let mut context = String::new();
    for inline in inlines.iter_mut() {
        match inline {
            Inline::Code(segs) => {
                if let [Segment::Text(value)] = segs.as_slice()
                    && !value.is_empty()
                    && value.chars().all(is_unreserved)
                {
                    let label = context
                        .trim_end()
                        .trim_end_matches(':')
                        .trim_end()
                        .to_lowercase();
                    let name = if label.ends_with("client id") {
                        Some(CLIENT_ID)
                    } else if label.ends_with("client secret") {
                        Some(CLIENT_SECRET)
                    } else {
                        None
                    };
                    if let Some(name) = name
                        && nojs.define(name, Some(value))
                    {
                        *segs = vec![var(name)];
                    }
                }
                context.clear();
            }
            Inline::SoftBreak | Inline::LineBreak => context.clear(),
            other => push_label_text(other, &mut context),
        }
    }
}

fn push_label_text(inline: &Inline, out: &mut String) {
    match inline {
        Inline::Text(t) => out.push_str(t),
        Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
            c.iter().for_each(|i| push_label_text(i, out))
        }
        _ => out.clear(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> (Vec<Segment>, Registry, Learned) {
        let mut segs = vec![Segment::Text(text.to_owned())];
        let mut nojs = Registry::default();
        let mut learned = Learned::default();
        rewrite_code(&mut segs, &mut nojs, &mut learned);
        (segs, nojs, learned)
    }

    #[test]
    fn hard_coded_client_id_becomes_variable() {
        let (segs, nojs, _) =
            code("    clients:\n      - client_id: 'matomo'\n        public: false\n");
        assert_eq!(
            segs,
            vec![
                Segment::Text("    clients:\n      - client_id: '".to_owned()),
                var(CLIENT_ID),
                Segment::Text("'\n        public: false\n".to_owned()),
            ]
        );
        assert_eq!(nojs.nojs(CLIENT_ID), Some("matomo"));
    }

    #[test]
    fn digest_comment_never_quotes_a_plaintext() {
        let (segs, nojs, learned) =
            code("client_secret: '$pbkdf2-sha512$1$a$b'  # The digest of 'insecure_secret'.\n");
        assert_eq!(
            segs,
            vec![
                Segment::Text("client_secret: '".to_owned()),
                Segment::Digest,
                Segment::Text(format!("'  {SAFE_DIGEST_COMMENT}\n")),
            ]
        );
        assert_eq!(nojs.nojs(CLIENT_SECRET), Some("insecure_secret"));
        assert_eq!(learned.digest.as_deref(), Some("$pbkdf2-sha512$1$a$b"));
    }

    #[test]
    fn plaintext_client_secret_in_yaml_becomes_variable() {
        let (segs, _, _) = code("client_secret: insecure_secret\n");
        assert_eq!(segs.get(1), Some(&var(CLIENT_SECRET)));
    }
}
