//! How deeply a YAML text nests its flow collections (`[…]`, `{…}`), found in one pass
//! before the YAML reader sees the text.
//!
//! The YAML reader (libyaml, as unsafe-libyaml 0.2.11 under serde_yaml) spends time
//! quadratic in that depth before it reports its own recursion limit: ten thousand
//! nested `[` took a second, forty thousand a quarter of a minute, and a 2 MB guide
//! or paste of them would take hours. serde_yaml refuses more than
//! [`MAX_YAML_NESTING`] nested collections anyway, so text nested deeper is refused
//! here, in linear time, with the line where the limit is passed.
//!
//! Whether a `[` opens a collection depends on where it stands: inside a quoted
//! scalar, a comment, a block scalar (`|`, `>`) or the middle of a plain scalar in
//! block context (`title: a[b`) it is text. So this is libyaml's scanner reduced to
//! what decides the flow level (its indentation stack, its block-level simple key, the
//! extent of each scalar), rule for rule, without building tokens. Where libyaml would
//! stop with an error the scan goes on: the reader never reads past that point, so
//! counting on cannot let deeper nesting through, only refuse text the reader refuses.

/// Most flow collections (`[`, `{`) one YAML text may nest: serde_yaml's own recursion
/// limit, so nothing it would read is refused. Past it the text is refused before it is
/// read, because the reader's time grows with the square of the depth (see the module's
/// documentation); no real front matter or Authelia configuration nests more than a few.
pub const MAX_YAML_NESTING: usize = 128;

/// The text's flow collections nest deeper than the limit asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    /// Line of the text (from 1) where the collection past the limit opens.
    pub line: usize,
    /// Its column, from 1, in characters.
    pub column: usize,
    /// The limit that was passed.
    pub limit: usize,
}

/// The deepest flow nesting of `yaml` as the YAML reader would scan it, when it is at
/// most `limit`. Linear in the text's length, and never panics.
///
/// # Errors
/// [`TooDeep`] at the first collection that opens past `limit`, without scanning on.
pub fn deepest(yaml: &str, limit: usize) -> Result<usize, TooDeep> {
    let mut scan = Scan {
        text: yaml.as_bytes(),
        at: 0,
        line: 1,
        column: 0,
        index: 0,
        flow: 0,
        deepest: 0,
        limit,
        indent: -1,
        indents: Vec::new(),
        simple_key_allowed: true,
        key: None,
    };
    scan.run()?;
    Ok(scan.deepest)
}

/// [`deepest`] at [`MAX_YAML_NESTING`]: whether the YAML reader may be given `yaml`.
///
/// # Errors
/// [`TooDeep`] when its flow collections nest deeper than [`MAX_YAML_NESTING`].
pub fn check(yaml: &str) -> Result<(), TooDeep> {
    deepest(yaml, MAX_YAML_NESTING).map(|_| ())
}

/// Characters after a possible simple key within which its `:` must come (libyaml's
/// rule: a key is one line of at most 1024 characters).
const SIMPLE_KEY_REACH: usize = 1024;

/// Where a possible simple key of the block level starts (libyaml's `simple_key`), so
/// that the `:` that makes it a key rolls the indentation to its column.
#[derive(Clone, Copy)]
struct Key {
    line: usize,
    column: usize,
    index: usize,
}

/// libyaml's scanner state, as far as it decides the flow level.
struct Scan<'a> {
    text: &'a [u8],
    /// Byte offset of the cursor.
    at: usize,
    /// Line of the cursor, from 1.
    line: usize,
    /// Column of the cursor in characters, from 0 (libyaml counts characters).
    column: usize,
    /// Characters before the cursor.
    index: usize,
    /// Open flow collections.
    flow: usize,
    /// Most flow collections open at once so far.
    deepest: usize,
    /// Past it, the scan stops with [`TooDeep`].
    limit: usize,
    /// Column of the innermost block collection, -1 at the top.
    indent: isize,
    /// The enclosing block collections' columns. At most one per column of the widest
    /// line (each is deeper than the last), so bounded by the text's length.
    indents: Vec<isize>,
    /// Whether a simple key (and, in block context, a block entry) may start here.
    simple_key_allowed: bool,
    /// The block level's possible simple key.
    key: Option<Key>,
}

impl Scan<'_> {
    /// The byte `ahead` bytes past the cursor; 0 past the end (libyaml's NUL).
    fn peek(&self, ahead: usize) -> u8 {
        self.text
            .get(self.at.saturating_add(ahead))
            .copied()
            .unwrap_or(0)
    }

    fn at_end(&self) -> bool {
        self.at >= self.text.len()
    }

    /// Bytes of the line break at byte offset `at`, 0 when none: `\r\n`, `\r`, `\n`, and
    /// NEL, LS and PS, which libyaml also reads as line breaks.
    fn break_len_at(&self, at: usize) -> usize {
        let byte = |i: usize| self.text.get(at.saturating_add(i)).copied().unwrap_or(0);
        match (byte(0), byte(1), byte(2)) {
            (b'\r', b'\n', _) => 2,
            (b'\r' | b'\n', _, _) => 1,
            (0xC2, 0x85, _) => 2,
            (0xE2, 0x80, 0xA8 | 0xA9) => 3,
            _ => 0,
        }
    }

    fn is_break(&self) -> bool {
        self.break_len_at(self.at) > 0
    }

    /// libyaml's `IS_BLANK`: a space or a tab.
    fn is_blank_at(&self, ahead: usize) -> bool {
        matches!(self.peek(ahead), b' ' | b'\t')
    }

    /// libyaml's `IS_BLANKZ` `ahead` bytes on, used after ASCII characters only: a
    /// space, a tab, a line break or the end.
    fn is_blankz_at(&self, ahead: usize) -> bool {
        let at = self.at.saturating_add(ahead);
        at >= self.text.len() || self.is_blank_at(ahead) || self.break_len_at(at) > 0
    }

    /// Steps over one character (not a line break).
    fn skip(&mut self) {
        let Some(&first) = self.text.get(self.at) else {
            return;
        };
        let width = match first {
            0xF0..=0xFF => 4,
            0xE0..=0xEF => 3,
            0xC0..=0xDF => 2,
            _ => 1,
        };
        self.at = self.at.saturating_add(width).min(self.text.len());
        self.column += 1;
        self.index += 1;
    }

    /// Steps over the line break at the cursor (or one character, if there is none).
    fn skip_break(&mut self) {
        match self.break_len_at(self.at) {
            0 => self.skip(),
            width => {
                self.at += width;
                self.line += 1;
                self.column = 0;
                self.index += 1;
            }
        }
    }

    fn skip_line_rest(&mut self) {
        while !self.at_end() && !self.is_break() {
            self.skip();
        }
    }

    /// A document marker (`---` or `...` then a blank) at the start of a line.
    fn at_document_marker(&self) -> bool {
        self.column == 0
            && matches!(
                (self.peek(0), self.peek(1), self.peek(2)),
                (b'-', b'-', b'-') | (b'.', b'.', b'.')
            )
            && self.is_blankz_at(3)
    }

    /// libyaml's `roll_indent`: a block collection starts at `column`.
    fn roll(&mut self, column: usize) {
        let column = isize::try_from(column).unwrap_or(isize::MAX);
        if self.flow == 0 && self.indent < column {
            self.indents.push(self.indent);
            self.indent = column;
        }
    }

    /// libyaml's `unroll_indent`: block collections deeper than `column` end.
    fn unroll(&mut self, column: isize) {
        if self.flow == 0 {
            while self.indent > column {
                self.indent = self.indents.pop().unwrap_or(-1);
            }
        }
    }

    /// libyaml's `save_simple_key`, for the block level.
    fn save_key(&mut self) {
        if self.flow == 0 && self.simple_key_allowed {
            self.key = Some(Key {
                line: self.line,
                column: self.column,
                index: self.index,
            });
        }
    }

    /// libyaml's `remove_simple_key`, for the block level.
    fn remove_key(&mut self) {
        if self.flow == 0 {
            self.key = None;
        }
    }

    /// libyaml's `fetch_next_token`, until the end of the text.
    fn run(&mut self) -> Result<(), TooDeep> {
        loop {
            self.skip_to_next_token();
            if self
                .key
                .is_some_and(|k| k.line < self.line || k.index + SIMPLE_KEY_REACH < self.index)
            {
                self.key = None;
            }
            self.unroll(isize::try_from(self.column).unwrap_or(isize::MAX));
            if self.at_end() {
                return Ok(());
            }
            let c = self.peek(0);
            if self.column == 0 && c == b'%' {
                // A directive takes its line.
                self.unroll(-1);
                self.remove_key();
                self.simple_key_allowed = false;
                self.skip_line_rest();
                continue;
            }
            if self.at_document_marker() {
                self.unroll(-1);
                self.remove_key();
                self.simple_key_allowed = false;
                for _ in 0..3 {
                    self.skip();
                }
                continue;
            }
            let flow = self.flow > 0;
            match c {
                b'[' | b'{' => {
                    self.save_key();
                    self.flow += 1;
                    if self.flow > self.limit {
                        return Err(TooDeep {
                            line: self.line,
                            column: self.column + 1,
                            limit: self.limit,
                        });
                    }
                    self.deepest = self.deepest.max(self.flow);
                    self.simple_key_allowed = true;
                    self.skip();
                }
                b']' | b'}' => {
                    self.remove_key();
                    self.flow = self.flow.saturating_sub(1);
                    self.simple_key_allowed = false;
                    self.skip();
                }
                b',' => {
                    self.remove_key();
                    self.simple_key_allowed = true;
                    self.skip();
                }
                b'-' if self.is_blankz_at(1) => {
                    self.roll(self.column);
                    self.remove_key();
                    self.simple_key_allowed = true;
                    self.skip();
                }
                b'?' if flow || self.is_blankz_at(1) => {
                    self.roll(self.column);
                    self.remove_key();
                    self.simple_key_allowed = !flow;
                    self.skip();
                }
                b':' if flow || self.is_blankz_at(1) => {
                    // Inside a flow collection the `:` belongs to its own level's key;
                    // the block level's stays possible.
                    let key = if flow { None } else { self.key.take() };
                    match key {
                        Some(key) => {
                            self.roll(key.column);
                            self.simple_key_allowed = false;
                        }
                        None => {
                            self.roll(self.column);
                            self.simple_key_allowed = !flow;
                        }
                    }
                    self.skip();
                }
                b'*' | b'&' => {
                    self.save_key();
                    self.simple_key_allowed = false;
                    self.skip();
                    while self.peek(0).is_ascii_alphanumeric()
                        || matches!(self.peek(0), b'_' | b'-')
                    {
                        self.skip();
                    }
                }
                b'!' => {
                    self.save_key();
                    self.simple_key_allowed = false;
                    self.skip();
                    // A tag runs to a blank (or a `,` in a flow collection); libyaml
                    // refuses a tag that ends any other way.
                    while !(self.is_blankz_at(0) || (flow && self.peek(0) == b',')) {
                        self.skip();
                    }
                }
                b'|' | b'>' if !flow => {
                    self.remove_key();
                    self.simple_key_allowed = true;
                    self.block_scalar();
                }
                b'\'' | b'"' => {
                    self.save_key();
                    self.simple_key_allowed = false;
                    self.quoted(c);
                }
                _ if self.starts_plain(c, flow) => {
                    self.save_key();
                    self.simple_key_allowed = false;
                    self.plain();
                }
                // libyaml stops here ("found character that cannot start any token").
                _ => self.skip(),
            }
        }
    }

    /// libyaml's `scan_to_next_token`: blanks, comments and line breaks.
    fn skip_to_next_token(&mut self) {
        loop {
            if self.column == 0
                && self
                    .text
                    .get(self.at..)
                    .is_some_and(|rest| rest.starts_with("\u{feff}".as_bytes()))
            {
                self.skip();
            }
            // libyaml refuses a tab here in some places; skipping it is as good.
            while self.is_blank_at(0) {
                self.skip();
            }
            if self.peek(0) == b'#' {
                self.skip_line_rest();
            }
            if !self.is_break() {
                return;
            }
            self.skip_break();
            if self.flow == 0 {
                self.simple_key_allowed = true;
            }
        }
    }

    /// Whether `c` starts a plain scalar (libyaml's last test in `fetch_next_token`).
    fn starts_plain(&self, c: u8, flow: bool) -> bool {
        let indicator = self.is_blankz_at(0) || b"-?:,[]{}#&*!|>'\"%@`".contains(&c);
        !indicator
            || (c == b'-' && !self.is_blank_at(1))
            || (!flow && matches!(c, b'?' | b':') && !self.is_blankz_at(1))
    }

    /// libyaml's `scan_plain_scalar`: a plain scalar goes on over blanks and, in block
    /// context, onto lines indented deeper than its block collection.
    fn plain(&mut self) {
        let indent = self.indent + 1;
        let mut leading_blanks = false;
        loop {
            if self.at_document_marker() || self.peek(0) == b'#' {
                break;
            }
            while !self.is_blankz_at(0) {
                let c = self.peek(0);
                let flow = self.flow > 0;
                if (c == b':' && self.is_blankz_at(1))
                    || (flow && b",[]{}".contains(&c))
                    || (flow && c == b':' && b",?[]{}".contains(&self.peek(1)))
                {
                    // The scalar ends (or libyaml stops, for the last case).
                    break;
                }
                self.skip();
            }
            if !(self.is_blank_at(0) || self.is_break()) {
                break;
            }
            while self.is_blank_at(0) || self.is_break() {
                if self.is_break() {
                    self.skip_break();
                    leading_blanks = true;
                } else {
                    self.skip();
                }
            }
            if self.flow == 0 && isize::try_from(self.column).unwrap_or(isize::MAX) < indent {
                break;
            }
        }
        if leading_blanks {
            self.simple_key_allowed = true;
        }
    }

    /// libyaml's `scan_flow_scalar`: `'…'` (`''` inside) or `"…"` (`\` escapes).
    fn quoted(&mut self, quote: u8) {
        self.skip();
        loop {
            // libyaml stops at a document marker or the end inside a quoted scalar.
            if self.at_end() || self.at_document_marker() {
                return;
            }
            let c = self.peek(0);
            if quote == b'\'' && c == b'\'' && self.peek(1) == b'\'' {
                self.skip();
                self.skip();
            } else if c == quote {
                self.skip();
                return;
            } else if quote == b'"' && c == b'\\' {
                self.skip();
                self.skip_break();
            } else {
                self.skip_break();
            }
        }
    }

    /// libyaml's `scan_block_scalar`: its header, then every line indented at least as
    /// deep as its first.
    fn block_scalar(&mut self) {
        self.skip();
        let mut increment = 0;
        let digit = |c: u8| match c {
            b'1'..=b'9' => Some(isize::from(c - b'0')),
            _ => None,
        };
        if matches!(self.peek(0), b'+' | b'-') {
            self.skip();
            if let Some(d) = digit(self.peek(0)) {
                increment = d;
                self.skip();
            }
        } else if let Some(d) = digit(self.peek(0)) {
            increment = d;
            self.skip();
            if matches!(self.peek(0), b'+' | b'-') {
                self.skip();
            }
        }
        while self.is_blank_at(0) {
            self.skip();
        }
        if self.peek(0) == b'#' {
            self.skip_line_rest();
        }
        if !self.at_end() && !self.is_break() {
            // libyaml stops: the header is not followed by a line break.
            return;
        }
        self.skip_break();
        let mut indent = match increment {
            0 => 0,
            d if self.indent >= 0 => self.indent + d,
            d => d,
        };
        if !self.block_breaks(&mut indent) {
            return;
        }
        while isize::try_from(self.column).unwrap_or(isize::MAX) == indent && !self.at_end() {
            self.skip_line_rest();
            if !self.block_breaks(&mut indent) {
                return;
            }
        }
    }

    /// libyaml's `scan_block_scalar_breaks`: empty lines and indentation, working out the
    /// block scalar's indentation from its first lines when its header did not give it.
    /// `false` where libyaml stops (a tab in the indentation).
    fn block_breaks(&mut self, indent: &mut isize) -> bool {
        let mut max_indent = 0;
        loop {
            let column = |scan: &Scan<'_>| isize::try_from(scan.column).unwrap_or(isize::MAX);
            while (*indent == 0 || column(self) < *indent) && self.peek(0) == b' ' {
                self.skip();
            }
            max_indent = max_indent.max(column(self));
            if (*indent == 0 || column(self) < *indent) && self.peek(0) == b'\t' {
                return false;
            }
            if !self.is_break() {
                break;
            }
            self.skip_break();
        }
        if *indent == 0 {
            *indent = max_indent.max(self.indent + 1).max(1);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(yaml: &str) -> usize {
        deepest(yaml, usize::MAX).unwrap_or(usize::MAX)
    }

    #[test]
    fn flow_collections_count_where_they_open() {
        assert_eq!(depth("a: [1, {b: [2]}]\n"), 3);
        assert_eq!(depth("[[[]]]"), 3);
        assert_eq!(depth("- [a]\n- {b: [c, [d]]}\n"), 3);
    }

    #[test]
    fn brackets_in_text_are_text() {
        assert_eq!(depth("a: 'x[[[' \nb: \"[[\\\"[\"\n"), 0);
        assert_eq!(depth("a: x[[[\nb: y [[ {{\n"), 0);
        assert_eq!(depth("a: 1 # [[[\n# {{{\n"), 0);
        assert_eq!(depth("a: |\n  [[[\n  {{{\nb: >-\n  [[\n"), 0);
        assert_eq!(depth("a: x\n  [[[ continued\n"), 0);
        assert_eq!(depth("a: it's\nb: [x]\n"), 1);
        assert_eq!(depth("a: !<tag:[[[> x\n"), 0);
    }

    #[test]
    fn a_flow_collection_ends_plain_text_inside_another() {
        assert_eq!(depth("[a[b]]"), 2);
        assert_eq!(depth("{a: b{c: [d]}}"), 3);
    }

    #[test]
    fn a_line_that_does_not_continue_the_scalar_opens_a_collection() {
        // Indented no deeper than its key, the line is a new key whose value is a list.
        assert_eq!(depth("a: x\nb: [[1]]\n"), 2);
        // A block scalar ends at the first line indented less than its own.
        assert_eq!(depth("a: |\n  text\nb: [[1]]\n"), 2);
        // LS is a line break to libyaml, so the comment ends there.
        assert_eq!(depth("a: 1 # c\u{2028}b: [[1]]\n"), 2);
    }

    #[test]
    fn deeper_than_the_limit_is_refused_at_its_line() {
        let yaml = format!("a: 1\nb: {}{}\n", "[".repeat(5), "]".repeat(5));
        assert_eq!(deepest(&yaml, 5), Ok(5));
        assert_eq!(
            deepest(&yaml, 4),
            Err(TooDeep {
                line: 2,
                column: 8,
                limit: 4
            })
        );
    }
}
