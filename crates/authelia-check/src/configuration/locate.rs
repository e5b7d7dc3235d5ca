//! Lines for paths: which line of the pasted text holds `clients[2].redirect_uris`.
//!
//! The YAML crate's values carry no positions, so the checker reads the text's shape
//! itself, for block-style YAML as configurations are written: each line's indentation,
//! its `- ` item marker and its `key:`. Comments, blank lines, document markers and the
//! text of block scalars (`|`, `>`) are skipped. A path that cannot be followed (flow
//! style, `{a: 1}`, or a shape this reading does not know) gives the line of the deepest
//! part of it that was found, or none.
//!
//! Reading the text is one pass; a look-up is at most two passes over the lines per step
//! of its path (find the step, then where its value ends), and the checker looks up a
//! bounded number of paths (see `finding::MAX_FINDINGS`), so the whole stays linear.

/// One step of a path into the pasted YAML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// A mapping's key.
    Key(String),
    /// A list's item, 0-based.
    Index(usize),
}

impl Step {
    /// A key step.
    pub fn key(name: &str) -> Step {
        Step::Key(name.to_owned())
    }
}

/// What one line of block YAML holds, as far as paths go.
#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    /// 1-based line number in the text.
    number: u32,
    /// Column of the first character that is not a space (0-based).
    indent: usize,
    /// Column of a leading `- ` item marker.
    dash: Option<usize>,
    /// Column and text of a `key:` on the line (after the item marker, if any).
    key: Option<(usize, &'a str)>,
}

/// The lines of a pasted text, read for look-ups.
#[derive(Debug, Default)]
pub struct Locator<'a> {
    lines: Vec<Line<'a>>,
}

impl<'a> Locator<'a> {
    /// Reads the shape of `text`: one pass, one entry per line that holds YAML.
    pub fn new(text: &'a str) -> Locator<'a> {
        let mut lines = Vec::new();
        // Inside a block scalar: its text is every line indented more than this column.
        let mut block_above: Option<usize> = None;
        for (index, raw) in text.split('\n').enumerate() {
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            let rest = raw.trim_start_matches(' ');
            let indent = raw.len() - rest.len();
            if let Some(column) = block_above {
                if rest.trim().is_empty() || indent > column {
                    continue;
                }
                block_above = None;
            }
            if rest.is_empty() || rest.starts_with('#') || is_document_marker(raw) {
                continue;
            }
            let (dash, after_dash, key_column) = item_marker(rest, indent);
            let key = read_key(after_dash).map(|(name, value)| {
                if starts_block_scalar(value) {
                    block_above = Some(key_column);
                }
                (key_column, name)
            });
            if key.is_none()
                && let Some(column) = dash
                && starts_block_scalar(after_dash)
            {
                block_above = Some(column);
            }
            lines.push(Line {
                number: u32::try_from(index.saturating_add(1)).unwrap_or(u32::MAX),
                indent,
                dash,
                key,
            });
        }
        Locator { lines }
    }

    /// The line of the node at `path`, or of the deepest part of the path found; `None`
    /// when not even its first step is found.
    pub fn line(&self, path: &[Step]) -> Option<u32> {
        let mut found = None;
        let mut lo = 0;
        let mut hi = self.lines.len();
        // The line whose item marker opened the current list item: its key belongs to the
        // item, its marker does not.
        let mut item: Option<usize> = None;
        for step in path {
            let first = |j: usize| self.first_token(j, item);
            match step {
                Step::Key(name) => {
                    let Some(column) = (lo..hi).find_map(first).map(|(c, _)| c) else {
                        return found;
                    };
                    let Some(at) = (lo..hi).find(|&j| {
                        first(j) == Some((column, false))
                            && self
                                .lines
                                .get(j)
                                .and_then(|l| l.key)
                                .is_some_and(|(_, k)| k == name)
                    }) else {
                        return found;
                    };
                    found = self.lines.get(at).map(|l| l.number);
                    // Its value: the lines below, deeper than the key or items of a
                    // list written at the key's own column.
                    let end = (at + 1..hi)
                        .find(|&j| {
                            first(j).is_some_and(|(c, dash)| c < column || (c == column && !dash))
                        })
                        .unwrap_or(hi);
                    lo = at + 1;
                    hi = end;
                    item = None;
                }
                Step::Index(n) => {
                    let Some((column, true)) = (lo..hi).find_map(first) else {
                        return found;
                    };
                    let Some(at) = (lo..hi)
                        .filter(|&j| first(j) == Some((column, true)))
                        .nth(*n)
                    else {
                        return found;
                    };
                    found = self.lines.get(at).map(|l| l.number);
                    let end = (at + 1..hi)
                        .find(|&j| first(j).is_some_and(|(c, _)| c <= column))
                        .unwrap_or(hi);
                    lo = at;
                    hi = end;
                    item = Some(at);
                }
            }
        }
        found
    }

    /// The column of line `j`'s first token and whether it is an item marker; on the line
    /// that opened the current item, only its key counts.
    fn first_token(&self, j: usize, item: Option<usize>) -> Option<(usize, bool)> {
        let line = self.lines.get(j)?;
        if item == Some(j) {
            return line.key.map(|(c, _)| (c, false));
        }
        match (line.dash, line.key) {
            (Some(c), _) => Some((c, true)),
            (None, Some((c, _))) => Some((c, false)),
            (None, None) => Some((line.indent, false)),
        }
    }
}

/// `---` or `...` alone at the start of a line: between documents, not part of one.
fn is_document_marker(raw: &str) -> bool {
    let trimmed = raw.trim_end();
    trimmed == "---" || trimmed == "..." || raw.starts_with("--- ")
}

/// A leading `- ` (or `-` alone): its column, the text after it, and that text's column.
fn item_marker(rest: &str, indent: usize) -> (Option<usize>, &str, usize) {
    match rest.strip_prefix('-') {
        Some(after) if after.is_empty() || after.starts_with(' ') => {
            let text = after.trim_start_matches(' ');
            let column = indent + (rest.len() - text.len());
            (Some(indent), text, column)
        }
        _ => (None, rest, indent),
    }
}

/// A `key:` at the start of `text`: the key (without quotes) and the value's text.
fn read_key(text: &str) -> Option<(&str, &str)> {
    let quote = text.chars().next()?;
    if quote == '\'' || quote == '"' {
        let inner = text.get(1..)?;
        let close = inner.find(quote)?;
        let name = inner.get(..close)?;
        let after = inner.get(close + 1..)?.trim_start_matches(' ');
        let value = after.strip_prefix(':')?;
        return (value.is_empty() || value.starts_with([' ', '\t']))
            .then_some((name, value.trim()));
    }
    if text.starts_with(['[', '{', '#', '&', '*', '!', '|', '>', '%', '@', '`', '?']) {
        return None;
    }
    let mut search = 0;
    loop {
        let colon = search + text.get(search..)?.find(':')?;
        let before = text.get(..colon)?;
        if before.contains(" #") {
            return None;
        }
        let value = text.get(colon + 1..)?;
        if value.is_empty() || value.starts_with([' ', '\t']) {
            return Some((before.trim_end(), value.trim()));
        }
        search = colon + 1;
    }
}

/// Whether a value opens a block scalar: `|` or `>`, with optional indicators.
fn starts_block_scalar(value: &str) -> bool {
    let value = value.split(" #").next().unwrap_or_default().trim();
    let mut chars = value.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| c.is_ascii_digit() || c == '-' || c == '+')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Step {
        Step::key(k)
    }

    const CONFIG: &str = "\
# a comment
identity_providers:
  oidc:
    jwks:
      - key_id: 'a'
        key: |
          -----BEGIN PRIVATE KEY-----
          clients: not a key
          -----END PRIVATE KEY-----
    clients:
    - client_id: 'one'
      redirect_uris:
        - 'https://one/'

    - client_id: \"two\"
      # public: true
      public: false
      redirect_uris: ['https://two/']
";

    #[test]
    fn finds_keys_and_items_through_lists() {
        let l = Locator::new(CONFIG);
        let oidc = [key("identity_providers"), key("oidc")];
        let at = |rest: &[Step]| l.line(&[oidc.to_vec(), rest.to_vec()].concat());
        assert_eq!(at(&[]), Some(3));
        assert_eq!(at(&[key("jwks"), Step::Index(0), key("key")]), Some(6));
        assert_eq!(at(&[key("clients")]), Some(10));
        assert_eq!(at(&[key("clients"), Step::Index(0)]), Some(11));
        assert_eq!(
            at(&[
                key("clients"),
                Step::Index(0),
                key("redirect_uris"),
                Step::Index(0)
            ]),
            Some(13)
        );
        assert_eq!(
            at(&[key("clients"), Step::Index(1), key("client_id")]),
            Some(15)
        );
        assert_eq!(
            at(&[key("clients"), Step::Index(1), key("public")]),
            Some(17)
        );
    }

    #[test]
    fn a_path_into_flow_style_gives_its_parent_s_line() {
        let l = Locator::new(CONFIG);
        let path = [
            key("identity_providers"),
            key("oidc"),
            key("clients"),
            Step::Index(1),
            key("redirect_uris"),
            Step::Index(0),
        ];
        assert_eq!(l.line(&path), Some(18));
        assert_eq!(l.line(&[key("nothing")]), None);
    }

    #[test]
    fn an_indented_client_is_found_from_its_own_indentation() {
        let l = Locator::new("      - client_id: 'x'\n        public: true\n");
        assert_eq!(l.line(&[Step::Index(0), key("public")]), Some(2));
    }
}
