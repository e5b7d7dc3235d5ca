//! Markdown (with shortcodes already turned into placeholders) to the document model,
//! driven by pulldown-cmark's event stream.
//!
//! The converter keeps two stacks: block containers (root, quote, list, item, table)
//! and inline frames (paragraph, heading, cell, emphasis, link, …). Text is buffered
//! per frame and split on placeholders only when something else arrives, so a
//! placeholder is never cut in half by the parser splitting text events.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::budget::{Budget, tables};
use super::depth::MAX_NESTING;
use super::document::{
    Align, Block, Inline, Segment, Source, Target, Warning, plain_text, push_text,
};
use super::expand::{Piece, Slot, SlotKind, argument_segments, expand, pieces};
use super::fence::parse_info;
use super::link;
use super::oidc_common;
use super::safety::{is_comment, is_line_break_tag};
use super::slug::{Slugger, slugify};
use super::variables;

/// State shared by a guide and everything nested in it (callouts, snippets).
#[derive(Debug, Default)]
pub(crate) struct Ctx {
    /// Heading ids used so far.
    pub slugs: Slugger,
    /// The variables defined so far, with their `nojs` texts.
    pub registry: variables::Registry,
    /// How many containers (quotes, lists, callouts, snippets) the body being converted
    /// sits in: 0 for the guide, one more inside each callout or snippet.
    pub depth: usize,
    /// Limits the guide passed, each once.
    pub warnings: Vec<Warning>,
    /// How much of each bound on what the guide becomes it has used (see `budget`).
    pub budget: Budget,
    /// What the guide's shortcodes placed so far say about the claims the application
    /// needs in its ID token ([`crate::Document::id_token_claims_needed`]).
    pub id_token_claims: Option<Vec<String>>,
}

impl Ctx {
    /// Records that the guide passed a limit (once per kind).
    pub fn warn(&mut self, warning: Warning) {
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }

    /// The default text of a variable, for ids, alt text and titles.
    pub fn default_of(&self, name: &str) -> String {
        self.registry.describe(name).default
    }
}

/// Parses markdown with shortcodes into blocks, stopping once the document is as large
/// as [`crate::budget::MAX_NODES`] lets it grow.
pub(crate) fn parse_body(src: &str, ctx: &mut Ctx) -> Vec<Block> {
    let expanded = expand(src, &mut ctx.registry, &mut ctx.budget);
    // Tables past the cell budget are never built, by pulldown-cmark or by us.
    let text = tables::guard(&expanded.text, &mut ctx.budget);
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut conv = Converter {
        ctx,
        slots: &expanded.slots,
        containers: vec![Container {
            kind: ContainerKind::Root,
            blocks: Vec::new(),
        }],
        frames: Vec::new(),
        code: None,
        in_comment: false,
        skipped_blocks: 0,
        skipped_inlines: 0,
    };
    for event in Parser::new_ext(&text, options) {
        if conv.ctx.budget.full() {
            break;
        }
        conv.event(event);
    }
    conv.finish()
}

enum ContainerKind {
    Root,
    Quote,
    List {
        ordered: bool,
        start: u64,
        tight: bool,
        items: Vec<Vec<Block>>,
    },
    Item,
    Table {
        alignments: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        in_head: bool,
    },
}

struct Container {
    kind: ContainerKind,
    blocks: Vec<Block>,
}

#[derive(PartialEq)]
enum FrameKind {
    /// `implicit`: a tight list item's text, which has no paragraph events.
    Paragraph {
        implicit: bool,
    },
    Heading {
        level: u8,
        id: Option<String>,
    },
    Cell,
    Emphasis,
    Strong,
    Strike,
    Link {
        target: Target,
        title: String,
    },
    Image {
        source: Source,
        title: String,
    },
}

struct Frame {
    kind: FrameKind,
    items: Vec<Inline>,
    /// Text not yet split on placeholders.
    text: String,
    /// Block placeholders met in a paragraph: (position in `items`, slot index).
    splits: Vec<(usize, usize)>,
}

struct Code {
    info: Option<String>,
    text: String,
}

struct Converter<'a> {
    ctx: &'a mut Ctx,
    slots: &'a [Slot],
    containers: Vec<Container>,
    frames: Vec<Frame>,
    code: Option<Code>,
    /// Inside an HTML comment that spans several lines (one `Html` event per line).
    in_comment: bool,
    /// Quotes, lists and items open past [`MAX_NESTING`], not opened as containers: their
    /// content joins the innermost open one. Events nest properly, so while this is
    /// above zero every container end closes one of these.
    skipped_blocks: usize,
    /// Inline frames (emphasis, strong, strikethrough, link, image) open past
    /// [`MAX_NESTING`], likewise.
    skipped_inlines: usize,
}

impl Converter<'_> {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => match &mut self.code {
                Some(code) => code.text.push_str(&t),
                None => self.push_text(&t),
            },
            Event::Code(t) => {
                let segs = self.segments(&t);
                self.push_inline(Inline::Code(segs));
            }
            Event::Html(t) | Event::InlineHtml(t) => self.html(&t),
            Event::SoftBreak => self.push_inline(Inline::SoftBreak),
            Event::HardBreak => self.push_inline(Inline::LineBreak),
            Event::Rule => {
                self.close_implicit();
                self.push_block(Block::Rule);
            }
            Event::FootnoteReference(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.push_text(&t)
            }
            Event::TaskListMarker(done) => self.push_text(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.close_implicit();
                self.mark_loose();
                self.open(FrameKind::Paragraph { implicit: false });
            }
            Tag::HtmlBlock => {
                self.close_implicit();
                self.open(FrameKind::Paragraph { implicit: false });
            }
            Tag::Heading { level, id, .. } => {
                self.close_implicit();
                self.open(FrameKind::Heading {
                    level: heading_level(level),
                    id: id.map(|i| i.to_string()),
                });
            }
            Tag::BlockQuote(_) => {
                self.close_implicit();
                if self.skip_container() {
                    return;
                }
                self.containers.push(Container {
                    kind: ContainerKind::Quote,
                    blocks: Vec::new(),
                });
            }
            Tag::CodeBlock(kind) => {
                self.close_implicit();
                let info = match kind {
                    CodeBlockKind::Fenced(info) => Some(info.to_string()),
                    CodeBlockKind::Indented => None,
                };
                self.code = Some(Code {
                    info,
                    text: String::new(),
                });
            }
            Tag::List(start) => {
                self.close_implicit();
                if self.skip_container() {
                    return;
                }
                let kind = ContainerKind::List {
                    ordered: start.is_some(),
                    start: start.unwrap_or(1),
                    tight: true,
                    items: Vec::new(),
                };
                self.containers.push(Container {
                    kind,
                    blocks: Vec::new(),
                });
            }
            Tag::Item => {
                self.close_implicit();
                if self.skipped_blocks > 0 {
                    self.skipped_blocks += 1;
                    return;
                }
                self.containers.push(Container {
                    kind: ContainerKind::Item,
                    blocks: Vec::new(),
                });
            }
            Tag::Table(aligns) => {
                self.close_implicit();
                let alignments = aligns.into_iter().map(align).collect();
                let kind = ContainerKind::Table {
                    alignments,
                    head: Vec::new(),
                    rows: Vec::new(),
                    in_head: false,
                };
                self.containers.push(Container {
                    kind,
                    blocks: Vec::new(),
                });
            }
            Tag::TableHead => self.with_table(|in_head, _| *in_head = true),
            Tag::TableRow => self.with_table(|_, rows| rows.push(Vec::new())),
            Tag::TableCell => self.open(FrameKind::Cell),
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
                if self.skip_inline() => {}
            Tag::Emphasis => self.open_inline(FrameKind::Emphasis),
            Tag::Strong => self.open_inline(FrameKind::Strong),
            Tag::Strikethrough => self.open_inline(FrameKind::Strike),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                let dest = if link_type == LinkType::Email && !dest_url.starts_with("mailto:") {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                let segments = self.segments(&dest);
                let target = link::target(segments, self.flat_text(&dest));
                if matches!(target, Target::Relative { .. }) {
                    // Its address on the guide's site, which the link stage adds.
                    self.ctx.budget.charge(1);
                }
                let title = self.flat_text(&title);
                self.open_inline(FrameKind::Link { target, title });
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                let segments = self.segments(&dest_url);
                let source = link::source(segments, self.flat_text(&dest_url));
                let title = self.flat_text(&title);
                self.open_inline(FrameKind::Image { source, title });
            }
            // Not enabled in the parser options; their content still arrives as text.
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock => {
                if let Some(frame) = self.pop_frame(|k| matches!(k, FrameKind::Paragraph { .. })) {
                    self.finish_paragraph(frame);
                }
            }
            TagEnd::Heading(_) => {
                if let Some(frame) = self.pop_frame(|k| matches!(k, FrameKind::Heading { .. })) {
                    let FrameKind::Heading { level, id } = frame.kind else {
                        return;
                    };
                    let text = match id {
                        Some(explicit) => slugify(&explicit),
                        None => plain_text(&frame.items, &|n| self.ctx.default_of(n)),
                    };
                    let id = self.ctx.slugs.unique(&text);
                    self.push_block(Block::Heading {
                        level,
                        id,
                        inlines: frame.items,
                    });
                }
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item if self.skipped_blocks > 0 => {
                self.close_implicit();
                self.skipped_blocks -= 1;
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
                if self.skipped_inlines > 0 =>
            {
                self.skipped_inlines -= 1;
            }
            TagEnd::BlockQuote(_) => {
                self.close_implicit();
                if let Some(c) = self.pop_container(|k| matches!(k, ContainerKind::Quote)) {
                    self.close_container(c);
                }
            }
            TagEnd::CodeBlock => self.finish_code(),
            TagEnd::List(_) => {
                self.close_implicit();
                if let Some(c) = self.pop_container(|k| matches!(k, ContainerKind::List { .. })) {
                    self.close_container(c);
                }
            }
            TagEnd::Item => {
                self.close_implicit();
                if let Some(c) = self.pop_container(|k| matches!(k, ContainerKind::Item)) {
                    self.close_container(c);
                }
            }
            TagEnd::Table => {
                if let Some(c) = self.pop_container(|k| matches!(k, ContainerKind::Table { .. })) {
                    self.close_container(c);
                }
            }
            TagEnd::TableHead => self.with_table(|in_head, _| *in_head = false),
            TagEnd::TableRow => {}
            TagEnd::TableCell => {
                if let Some(frame) = self.pop_frame(|k| *k == FrameKind::Cell) {
                    let cell = frame.items;
                    self.ctx.budget.charge(1);
                    self.with_table(move |in_head, rows| {
                        if *in_head {
                            rows.push(vec![cell]);
                        } else if let Some(row) = rows.last_mut() {
                            row.push(cell);
                        }
                    });
                }
            }
            TagEnd::Emphasis => self.close_inline(|k| *k == FrameKind::Emphasis, Inline::Emphasis),
            TagEnd::Strong => self.close_inline(|k| *k == FrameKind::Strong, Inline::Strong),
            TagEnd::Strikethrough => {
                self.close_inline(|k| *k == FrameKind::Strike, Inline::Strikethrough)
            }
            TagEnd::Link => {
                if let Some(frame) = self.pop_frame(|k| matches!(k, FrameKind::Link { .. }))
                    && let FrameKind::Link { target, title } = frame.kind
                {
                    self.push_inline(Inline::Link {
                        target,
                        title,
                        children: frame.items,
                    });
                }
            }
            TagEnd::Image => {
                if let Some(frame) = self.pop_frame(|k| matches!(k, FrameKind::Image { .. }))
                    && let FrameKind::Image { source, title } = frame.kind
                {
                    let alt = plain_text(&frame.items, &|n| self.ctx.default_of(n));
                    self.push_inline(Inline::Image { source, alt, title });
                }
            }
            TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::MetadataBlock(_) => {}
        }
    }

    /// Turns a container taken off the stack into what it makes in its parent: a quote,
    /// a list, a list item, a table. Its end event calls this, and so does the end of
    /// the guide, for containers left open (by a guide cut at the node limit, or by
    /// malformed input).
    fn close_container(&mut self, c: Container) {
        match c.kind {
            ContainerKind::Root => c.blocks.into_iter().for_each(|b| self.move_block(b)),
            ContainerKind::Quote => self.push_block(Block::BlockQuote(c.blocks)),
            ContainerKind::List {
                ordered,
                start,
                tight,
                items,
            } => {
                self.push_block(Block::List {
                    ordered,
                    start,
                    tight,
                    items,
                    // Settled by the facts stage, once the whole guide is known.
                    plaintext_secret: false,
                });
                // Blocks a list holds outside its items (none from well-formed events).
                c.blocks.into_iter().for_each(|b| self.move_block(b));
            }
            ContainerKind::Item => match self.containers.last_mut() {
                Some(Container {
                    kind: ContainerKind::List { items, .. },
                    ..
                }) => {
                    items.push(c.blocks);
                    self.ctx.budget.charge(1);
                }
                _ => c.blocks.into_iter().for_each(|b| self.move_block(b)),
            },
            ContainerKind::Table {
                alignments,
                head,
                rows,
                ..
            } => {
                self.push_block(Block::Table {
                    alignments,
                    head,
                    rows,
                });
                c.blocks.into_iter().for_each(|b| self.move_block(b));
            }
        }
    }

    /// Table heads arrive as cells without a row; the closure gets (in_head, rows) and
    /// head cells are collected through a one-cell row which is then moved to `head`.
    fn with_table(&mut self, f: impl FnOnce(&mut bool, &mut Vec<Vec<Vec<Inline>>>)) {
        if let Some(Container {
            kind:
                ContainerKind::Table {
                    head,
                    rows,
                    in_head,
                    ..
                },
            ..
        }) = self.containers.last_mut()
        {
            if *in_head {
                let mut staging = Vec::new();
                f(in_head, &mut staging);
                head.extend(staging.into_iter().flatten());
            } else {
                f(in_head, rows);
            }
        }
    }

    fn html(&mut self, html: &str) {
        if self.in_comment {
            self.in_comment = !html.contains("-->");
            return;
        }
        if is_comment(html) {
            return;
        }
        if html.trim_start().starts_with("<!--") && !html.contains("-->") {
            self.in_comment = true;
            return;
        }
        if is_line_break_tag(html) {
            self.push_inline(Inline::LineBreak);
            return;
        }
        // Raw HTML is data: shown as the text it is, never as markup.
        let text = if self.frames.is_empty() {
            html.trim_end_matches('\n')
        } else {
            html
        };
        self.push_text(text);
    }

    /// How many containers the blocks being added now sit in.
    fn block_depth(&self) -> usize {
        let open = self
            .containers
            .iter()
            .filter(|c| matches!(c.kind, ContainerKind::Quote | ContainerKind::List { .. }))
            .count();
        self.ctx.depth + open
    }

    /// Whether a quote or list starting now must not be opened, because its content
    /// would sit deeper than [`MAX_NESTING`]; counts it as skipped if so.
    fn skip_container(&mut self) -> bool {
        if self.skipped_blocks == 0 && self.block_depth() < MAX_NESTING {
            return false;
        }
        self.skipped_blocks += 1;
        self.ctx.warn(Warning::NestedTooDeep { limit: MAX_NESTING });
        true
    }

    /// Whether an inline frame starting now must not be opened (its content would sit
    /// inside more than [`MAX_NESTING`] inlines); counts it as skipped if so.
    fn skip_inline(&mut self) -> bool {
        self.ensure_frame();
        // The first frame is the block's own (paragraph, heading, cell).
        if self.skipped_inlines == 0 && self.frames.len() <= MAX_NESTING {
            return false;
        }
        self.skipped_inlines += 1;
        self.ctx.warn(Warning::NestedTooDeep { limit: MAX_NESTING });
        true
    }

    fn open(&mut self, kind: FrameKind) {
        self.frames.push(Frame {
            kind,
            items: Vec::new(),
            text: String::new(),
            splits: Vec::new(),
        });
    }

    /// Opens an inline frame, inside an implicit paragraph when no frame is open.
    fn open_inline(&mut self, kind: FrameKind) {
        self.ensure_frame();
        self.flush_top();
        self.open(kind);
    }

    fn ensure_frame(&mut self) {
        if self.frames.is_empty() {
            self.open(FrameKind::Paragraph { implicit: true });
        }
    }

    fn push_text(&mut self, text: &str) {
        self.ensure_frame();
        if let Some(frame) = self.frames.last_mut() {
            frame.text.push_str(text);
        }
    }

    fn push_inline(&mut self, inline: Inline) {
        self.ensure_frame();
        self.flush_top();
        self.ctx.budget.charge(1);
        if let Some(frame) = self.frames.last_mut() {
            frame.items.push(inline);
        }
    }

    /// Splits the top frame's buffered text on placeholders into inlines, each new one
    /// charged to the budget; once it is spent, the rest joins the text as the text it
    /// shows by default.
    fn flush_top(&mut self) {
        let depth = self.frames.len();
        let Some(frame) = self.frames.last_mut() else {
            return;
        };
        if frame.text.is_empty() {
            return;
        }
        let text = std::mem::take(&mut frame.text);
        let in_paragraph = depth == 1 && matches!(frame.kind, FrameKind::Paragraph { .. });
        let mut room = self.ctx.budget.room();
        let budget = &mut self.ctx.budget;
        let registry = &self.ctx.registry;
        for piece in pieces(&text) {
            if room == 0 {
                budget.nodes_cut = true;
                let flat = match piece {
                    Piece::Text(t) => std::borrow::Cow::Borrowed(t),
                    Piece::Slot(i) => flat_slot(self.slots.get(i), registry),
                };
                if push_merged(&mut frame.items, &flat) {
                    budget.charge(1);
                }
                continue;
            }
            let before = frame.items.len() + 2 * frame.splits.len();
            match piece {
                // Text right after a block shortcode starts a new inline, so the
                // paragraph can be cut between them.
                Piece::Text(t)
                    if frame
                        .splits
                        .last()
                        .is_some_and(|(at, _)| *at == frame.items.len()) =>
                {
                    if !t.is_empty() {
                        frame.items.push(Inline::Text(t.to_owned()));
                    }
                }
                Piece::Text(t) => {
                    push_merged(&mut frame.items, t);
                }
                Piece::Slot(i) => match self.slots.get(i) {
                    None => {}
                    Some(slot) => match &slot.kind {
                        SlotKind::Variable(v) => frame.items.push(Inline::Variable(v.clone())),
                        SlotKind::Digest => frame.items.push(Inline::Digest),
                        SlotKind::Literal(lit) => {
                            push_merged(&mut frame.items, lit);
                        }
                        SlotKind::Notice if in_paragraph => {
                            frame.splits.push((frame.items.len(), i))
                        }
                        _ if in_paragraph && slot.is_block() => {
                            frame.splits.push((frame.items.len(), i))
                        }
                        _ => frame.items.push(Inline::Notice(slot.raw.clone())),
                    },
                },
            }
            // A split may become a notice and cuts the paragraph in two: two nodes.
            let added = (frame.items.len() + 2 * frame.splits.len()).saturating_sub(before);
            budget.charge(added);
            room = room.saturating_sub(added);
        }
    }

    fn pop_frame(&mut self, is: impl Fn(&FrameKind) -> bool) -> Option<Frame> {
        if !self.frames.last().is_some_and(|f| is(&f.kind)) {
            return None;
        }
        self.flush_top();
        self.frames.pop()
    }

    fn close_inline(&mut self, is: impl Fn(&FrameKind) -> bool, wrap: fn(Vec<Inline>) -> Inline) {
        if let Some(frame) = self.pop_frame(is) {
            self.push_inline(wrap(frame.items));
        }
    }

    /// Ends a tight list item's text before a block starts.
    fn close_implicit(&mut self) {
        // Inline frames left open by malformed nesting are folded into their parents.
        while self.frames.len() > 1 {
            self.flush_top();
            if let Some(frame) = self.frames.pop()
                && let Some(parent) = self.frames.last_mut()
            {
                parent.items.extend(frame.items);
            }
        }
        if self
            .frames
            .last()
            .is_some_and(|f| f.kind == FrameKind::Paragraph { implicit: true })
        {
            self.flush_top();
            if let Some(frame) = self.frames.pop() {
                self.finish_paragraph(frame);
            }
        }
    }

    /// An explicit paragraph directly in a list item makes the list loose.
    fn mark_loose(&mut self) {
        if self.skipped_blocks > 0 {
            // The paragraph is in a list that was not opened, not in the open one.
            return;
        }
        let n = self.containers.len();
        if let Some(
            [
                Container {
                    kind: ContainerKind::List { tight, .. },
                    ..
                },
                Container {
                    kind: ContainerKind::Item,
                    ..
                },
            ],
        ) = self.containers.get_mut(n.saturating_sub(2)..)
        {
            *tight = false;
        }
    }

    /// Emits a paragraph, cut where block shortcodes sat.
    fn finish_paragraph(&mut self, frame: Frame) {
        if frame.splits.is_empty() {
            if !frame.items.is_empty() {
                self.push_block(Block::Paragraph(trim(frame.items)));
            }
            return;
        }
        let only_shortcodes = frame.items.iter().all(is_blank);
        let mut items = frame.items.into_iter().enumerate().peekable();
        let mut run = Vec::new();
        for (pos, slot) in frame.splits {
            while let Some((_, item)) = items.next_if(|(i, _)| *i < pos) {
                run.push(item);
            }
            let is_notice = self
                .slots
                .get(slot)
                .is_some_and(|s| s.kind == SlotKind::Notice);
            if is_notice && !only_shortcodes {
                // Charged when the split was met.
                if let Some(s) = self.slots.get(slot) {
                    run.push(Inline::Notice(s.raw.clone()));
                }
                continue;
            }
            self.emit_run(&mut run);
            let block = self.slot_block(slot);
            self.push_block(block);
        }
        run.extend(items.map(|(_, item)| item));
        self.emit_run(&mut run);
    }

    fn emit_run(&mut self, run: &mut Vec<Inline>) {
        let items = std::mem::take(run);
        if !items.iter().all(is_blank) {
            self.push_block(Block::Paragraph(trim(items)));
        }
    }

    /// The block a block-level placeholder stands for; nested content is parsed here,
    /// in document order, so heading ids stay in order.
    fn slot_block(&mut self, index: usize) -> Block {
        let Some(slot) = self.slots.get(index) else {
            return Block::Notice(String::new());
        };
        let too_deep = self.block_depth() >= MAX_NESTING;
        match &slot.kind {
            SlotKind::Panel => Block::VariablesPanel,
            // Its content would sit deeper than the limit: shown as the text it is,
            // without parsing it (which would recurse once more).
            SlotKind::Snippet { source: text, .. } | SlotKind::Callout { inner: text, .. }
                if too_deep =>
            {
                self.record_claims(&slot.kind);
                self.ctx.warn(Warning::NestedTooDeep { limit: MAX_NESTING });
                self.ctx.budget.charge(1);
                Block::Paragraph(vec![Inline::Text(text.trim().to_owned())])
            }
            SlotKind::Snippet { name, source, .. } => {
                self.record_claims(&slot.kind);
                let blocks = self.nested(source);
                Block::Snippet {
                    name: name.clone(),
                    blocks,
                }
            }
            SlotKind::Callout {
                context,
                title,
                inner,
            } => {
                let blocks = self.nested(inner);
                Block::Callout {
                    context: context.clone(),
                    title: title.clone(),
                    blocks,
                }
            }
            SlotKind::Figure { src, alt } => {
                let segments = argument_segments(src, &mut self.ctx.registry, &mut self.ctx.budget);
                self.ctx.budget.charge(segments.len());
                let written = segments.iter().map(|s| self.flat_segment(s)).collect();
                Block::Figure {
                    source: link::source(segments, written),
                    alt: alt.clone(),
                }
            }
            SlotKind::Notice | SlotKind::Variable(_) | SlotKind::Digest | SlotKind::Literal(_) => {
                Block::Notice(slot.raw.clone())
            }
        }
    }

    /// Records what a snippet placed in the guide says about the ID token: placed as a
    /// block, it is the guide's own word (the same shortcode inside code is only text).
    fn record_claims(&mut self, kind: &SlotKind) {
        if let SlotKind::Snippet {
            id_token_claims: Some(claims),
            ..
        } = kind
        {
            oidc_common::merge_id_token_claims(&mut self.ctx.id_token_claims, claims);
        }
    }

    /// Parses a callout's or snippet's content, one container deeper than here. This
    /// is the converter's only recursion, and [`MAX_NESTING`] bounds it.
    fn nested(&mut self, src: &str) -> Vec<Block> {
        let outer = self.ctx.depth;
        self.ctx.depth = self.block_depth() + 1;
        let blocks = parse_body(src, self.ctx);
        self.ctx.depth = outer;
        blocks
    }

    fn finish_code(&mut self) {
        let Some(code) = self.code.take() else { return };
        let info = parse_info(&code.info.map(|i| self.flat_text(&i)).unwrap_or_default());
        let text = code.text.strip_suffix('\n').unwrap_or(&code.text);
        let segments = self.segments(text);
        self.push_block(Block::CodeBlock {
            language: info.language,
            title: info.title,
            segments,
            // Settled by the facts stage, once the whole guide is known.
            holds_digest: false,
            // Settled by the credentials stage.
            digest_replaces_plaintext: false,
            // Given by the highlight stage, once the segments are final.
            tokens: Vec::new(),
        });
    }

    /// Adds a new block, charged to the budget.
    fn push_block(&mut self, block: Block) {
        self.ctx.budget.charge(crate::budget::BLOCK_COST);
        self.move_block(block);
    }

    /// Adds a block built and charged already (a container's, moved to its parent).
    fn move_block(&mut self, block: Block) {
        if let Some(c) = self.containers.last_mut() {
            c.blocks.push(block);
        }
    }

    fn pop_container(&mut self, is: impl Fn(&ContainerKind) -> bool) -> Option<Container> {
        // The root is never popped.
        if self.containers.len() > 1 && self.containers.last().is_some_and(|c| is(&c.kind)) {
            self.containers.pop()
        } else {
            None
        }
    }

    /// Text with placeholders as segments, each charged to the budget; block shortcodes
    /// show their raw text. Once the budget is spent, the rest is the text it shows by
    /// default.
    fn segments(&mut self, text: &str) -> Vec<Segment> {
        let room = self.ctx.budget.room();
        let out = split_segments(text, self.slots, &self.ctx.registry, room);
        if out.len() >= room {
            self.ctx.budget.nodes_cut = true;
        }
        self.ctx.budget.charge(out.len());
        out
    }

    /// Text with placeholders resolved to default values (for titles and info strings).
    fn flat_text(&self, text: &str) -> String {
        split_segments(text, self.slots, &self.ctx.registry, usize::MAX)
            .iter()
            .map(|s| self.flat_segment(s))
            .collect()
    }

    /// A segment's text at its default value.
    fn flat_segment(&self, segment: &Segment) -> String {
        match segment {
            Segment::Text(t) => t.clone(),
            Segment::Variable(v) => {
                variables::present(&v.name, &self.ctx.default_of(&v.name), v.format).into_owned()
            }
            Segment::Digest => variables::REFERENCE_DIGEST.to_owned(),
            Segment::Override(o) => o.resolve(false, &|v| {
                variables::present(&v.name, &self.ctx.default_of(&v.name), v.format).into_owned()
            }),
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.close_implicit();
        if let Some(frame) = self.frames.pop() {
            self.finish_paragraph(frame);
        }
        if self.code.is_some() {
            self.finish_code();
        }
        while self.containers.len() > 1 {
            if let Some(c) = self.containers.pop() {
                self.close_container(c);
            }
        }
        self.containers.pop().map(|c| c.blocks).unwrap_or_default()
    }
}

/// Appends text, merging with a preceding text inline; whether that made a new inline.
fn push_merged(items: &mut Vec<Inline>, text: &str) -> bool {
    if text.is_empty() {
        return false;
    }
    match items.last_mut() {
        Some(Inline::Text(prev)) => {
            prev.push_str(text);
            false
        }
        _ => {
            items.push(Inline::Text(text.to_owned()));
            true
        }
    }
}

/// Text with placeholders as segments, at most `room` of them: past that, the rest
/// joins the last text as the text it shows by default.
fn split_segments(
    text: &str,
    slots: &[Slot],
    registry: &variables::Registry,
    room: usize,
) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for piece in pieces(text) {
        if out.len() >= room {
            let flat = match piece {
                Piece::Text(t) => std::borrow::Cow::Borrowed(t),
                Piece::Slot(i) => flat_slot(slots.get(i), registry),
            };
            match out.last_mut() {
                Some(Segment::Text(prev)) => prev.push_str(&flat),
                // The last is a variable: one text more, past the room by one.
                _ => push_text(&mut out, &flat),
            }
            continue;
        }
        match piece {
            Piece::Text(t) => push_text(&mut out, t),
            Piece::Slot(i) => match slots.get(i).map(|s| (&s.kind, s)) {
                Some((SlotKind::Variable(v), _)) => out.push(Segment::Variable(v.clone())),
                Some((SlotKind::Digest, _)) => out.push(Segment::Digest),
                Some((SlotKind::Literal(lit), _)) => push_text(&mut out, lit),
                Some((_, slot)) => push_text(&mut out, &slot.raw),
                None => {}
            },
        }
    }
    out
}

/// The text a placeholder shows by default: a variable's default (in its format), the
/// reference digest, a literal, or a shortcode's own text.
fn flat_slot<'a>(
    slot: Option<&'a Slot>,
    registry: &variables::Registry,
) -> std::borrow::Cow<'a, str> {
    use std::borrow::Cow;
    match slot.map(|s| (&s.kind, s)) {
        Some((SlotKind::Variable(v), _)) => Cow::Owned(
            variables::present(&v.name, &registry.describe(&v.name).default, v.format).into_owned(),
        ),
        Some((SlotKind::Digest, _)) => Cow::Borrowed(variables::REFERENCE_DIGEST),
        Some((SlotKind::Literal(lit), _)) => Cow::Borrowed(lit),
        Some((_, slot)) => Cow::Borrowed(&slot.raw),
        None => Cow::Borrowed(""),
    }
}

/// Whether an inline is only whitespace.
fn is_blank(inline: &Inline) -> bool {
    match inline {
        Inline::Text(t) => t.trim().is_empty(),
        Inline::SoftBreak | Inline::LineBreak => true,
        _ => false,
    }
}

/// Drops leading and trailing whitespace left by cut paragraphs.
fn trim(mut items: Vec<Inline>) -> Vec<Inline> {
    while items.last().is_some_and(is_blank) {
        items.pop();
    }
    let lead = items.iter().take_while(|i| is_blank(i)).count();
    items.drain(..lead);
    if let Some(Inline::Text(last)) = items.last_mut() {
        last.truncate(last.trim_end().len());
    }
    if let Some(Inline::Text(first)) = items.first_mut() {
        *first = first.trim_start().to_owned();
    }
    items
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn align(a: pulldown_cmark::Alignment) -> Align {
    match a {
        pulldown_cmark::Alignment::None => Align::None,
        pulldown_cmark::Alignment::Left => Align::Left,
        pulldown_cmark::Alignment::Center => Align::Center,
        pulldown_cmark::Alignment::Right => Align::Right,
    }
}
