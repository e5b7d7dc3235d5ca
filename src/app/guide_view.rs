//! The guide, drawn from the document model. Text is always a text node; every variable
//! occurrence is a text node bound to its signal, so a keystroke rewrites exactly the
//! occurrences of that variable.

use std::cell::Cell;

use leptos::prelude::*;

use super::browser;
use super::panel::VariablesPanel;
use super::secret_panel::SecretPanel;
use super::session::Session;
use crate::guide::variables::CLIENT_SECRET;
use crate::guide::{Align, Block, Inline, Segment, url_is_safe};

/// The title of the block that the "Download" button saves.
const CONFIG_FILE: &str = "configuration.yml";

/// Renders a guide's blocks. `panel` places the variables panel at the guide's marker.
#[component]
pub fn GuideView(
    /// The open guide's state.
    session: Session,
    /// Whether the variables panel goes where the guide marks it (false in embed mode,
    /// which shows its own compact bar).
    panel: bool,
) -> impl IntoView {
    let context = Context {
        session: session.clone(),
        panel,
        seen_digest: Cell::new(false),
        placed_panel: Cell::new(false),
    };
    let blocks = context.blocks(&session.document.blocks);
    // A guide without the marker still gets the panel, before its text.
    let leading_panel = (panel && !context.placed_panel.get()).then(|| panel_view(&session));
    view! {
        <article class="guide-body">
            {leading_panel}
            {blocks}
        </article>
    }
}

fn panel_view(session: &Session) -> AnyView {
    let secret = session
        .has_secret()
        .then(|| view! { <SecretPanel session=session.clone() /> });
    view! {
        <div class="side-panel">
            <VariablesPanel session=session.clone() compact=false />
            {secret}
        </div>
    }
    .into_any()
}

struct Context {
    session: Session,
    panel: bool,
    /// Set once the configuration block holding the digest is drawn: a plaintext secret
    /// after it is the application's setting.
    seen_digest: Cell<bool>,
    placed_panel: Cell<bool>,
}

impl Context {
    fn blocks(&self, blocks: &[Block]) -> Vec<AnyView> {
        blocks.iter().map(|b| self.block(b)).collect()
    }

    fn block(&self, block: &Block) -> AnyView {
        match block {
            Block::Heading { level, id, inlines } => {
                let id = id.clone();
                let kids = self.inlines(inlines);
                // The page's own title is the only h1; the guide's headings sit below it.
                match level {
                    0..=2 => view! { <h2 id=id>{kids}</h2> }.into_any(),
                    3 => view! { <h3 id=id>{kids}</h3> }.into_any(),
                    4 => view! { <h4 id=id>{kids}</h4> }.into_any(),
                    5 => view! { <h5 id=id>{kids}</h5> }.into_any(),
                    _ => view! { <h6 id=id>{kids}</h6> }.into_any(),
                }
            }
            Block::Paragraph(inlines) => view! { <p>{self.inlines(inlines)}</p> }.into_any(),
            Block::List {
                ordered,
                start,
                items,
                tight,
            } => {
                let items: Vec<AnyView> = items
                    .iter()
                    .map(|item| view! { <li>{self.item(item, *tight)}</li> }.into_any())
                    .collect();
                let list = if *ordered {
                    let start = i64::try_from(*start).unwrap_or(1);
                    view! { <ol start=start>{items}</ol> }.into_any()
                } else {
                    view! { <ul>{items}</ul> }.into_any()
                };
                let note = (self.seen_digest.get() && list_names_secret(block))
                    .then(|| self.plaintext_note());
                view! { {list} {note} }.into_any()
            }
            Block::CodeBlock {
                language,
                title,
                segments,
            } => self.code_block(language.clone(), title.clone(), segments),
            Block::BlockQuote(blocks) => {
                view! { <blockquote>{self.blocks(blocks)}</blockquote> }.into_any()
            }
            Block::Table {
                alignments,
                head,
                rows,
            } => {
                let align = |i: usize| match alignments.get(i) {
                    Some(Align::Left) => "left",
                    Some(Align::Center) => "center",
                    Some(Align::Right) => "right",
                    _ => "",
                };
                let head: Vec<AnyView> = head
                    .iter()
                    .enumerate()
                    .map(|(i, cell)| {
                        view! { <th class=align(i) scope="col">{self.inlines(cell)}</th> }
                            .into_any()
                    })
                    .collect();
                let rows: Vec<AnyView> = rows
                    .iter()
                    .map(|row| {
                        let cells: Vec<AnyView> = row
                            .iter()
                            .enumerate()
                            .map(|(i, cell)| {
                                view! { <td class=align(i)>{self.inlines(cell)}</td> }.into_any()
                            })
                            .collect();
                        view! { <tr>{cells}</tr> }.into_any()
                    })
                    .collect();
                view! {
                    <div class="table-wrap">
                        <table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>
                    </div>
                }
                .into_any()
            }
            Block::Callout {
                context,
                title,
                blocks,
                ..
            } => {
                let class = format!("callout callout-{}", css_token(context));
                let title = title
                    .clone()
                    .map(|t| view! { <p class="callout-title">{t}</p> });
                view! { <aside class=class role="note">{title}{self.blocks(blocks)}</aside> }
                    .into_any()
            }
            Block::Figure { src, alt, width } => {
                let session = self.session.clone();
                let src = src.clone();
                let href = move || safe_url(session.resolve(&src));
                let alt = alt.clone();
                let width = width.clone();
                view! { <figure class="figure"><img src=href alt=alt width=width /></figure> }
                    .into_any()
            }
            Block::Snippet { name, blocks } => {
                let class = format!("snippet snippet-{}", css_token(name));
                view! { <section class=class>{self.blocks(blocks)}</section> }.into_any()
            }
            Block::Notice(raw) => notice(raw.clone()),
            Block::VariablesPanel => {
                if self.panel && !self.placed_panel.replace(true) {
                    panel_view(&self.session)
                } else {
                    ().into_any()
                }
            }
            Block::Rule => view! { <hr /> }.into_any(),
        }
    }

    /// A list item; in a tight list its paragraphs are bare text, as markdown intends.
    fn item(&self, blocks: &[Block], tight: bool) -> Vec<AnyView> {
        blocks
            .iter()
            .map(|block| match block {
                Block::Paragraph(inlines) if tight => self.inlines(inlines).into_any(),
                other => self.block(other),
            })
            .collect()
    }

    fn code_block(
        &self,
        language: Option<String>,
        title: Option<String>,
        segments: &[Segment],
    ) -> AnyView {
        let session = self.session.clone();
        let has_digest = segments.iter().any(|s| matches!(s, Segment::Digest));
        if has_digest {
            self.seen_digest.set(true);
        }
        let code: Vec<AnyView> = segments.iter().map(|s| self.segment(s)).collect();
        let copied = RwSignal::new(None::<bool>);
        let copy_segments = segments.to_vec();
        let copy_session = session.clone();
        let copy = move |_| {
            let text = copy_session.resolve_untracked(&copy_segments);
            browser::copy_text(&text, move |ok| copied.set(Some(ok)));
        };
        let is_config = title.as_deref() == Some(CONFIG_FILE);
        let download = is_config.then(|| {
            let segments = segments.to_vec();
            let session = session.clone();
            let click = move |_| {
                let text = session.resolve_untracked(&segments);
                browser::download(CONFIG_FILE, &text, "application/yaml");
            };
            view! { <button type="button" class="small" on:click=click>"Download configuration.yml"</button> }
        });
        let caption = title
            .clone()
            .unwrap_or_else(|| language.clone().unwrap_or_default());
        let label = match &title {
            Some(t) => format!("Copy {t}"),
            None => "Copy code".to_owned(),
        };
        let note = has_digest.then(|| {
            view! {
                <p class="where-it-goes">
                    "This block belongs in Authelia's configuration. Its "
                    <code>"client_secret"</code>
                    " is the digest of your client secret, never the secret itself."
                </p>
            }
        });
        view! {
            <figure class="code-block" data-title=title.clone().unwrap_or_default()>
                <figcaption>
                    <span class="code-title">{caption}</span>
                    <span class="code-actions">
                        <button type="button" class="small" aria-label=label on:click=copy>"Copy"</button>
                        {download}
                        <span class="copy-state" aria-live="polite">
                            {move || match copied.get() {
                                Some(true) => "Copied",
                                Some(false) => "Copy failed: select the text instead",
                                None => "",
                            }}
                        </span>
                    </span>
                </figcaption>
                <pre data-lang=language.unwrap_or_default()><code>{code}</code></pre>
                {note}
            </figure>
        }
        .into_any()
    }

    fn plaintext_note(&self) -> AnyView {
        let app = self
            .session
            .document
            .front_matter
            .title
            .clone()
            .unwrap_or_else(|| "the application".to_owned());
        view! {
            <p class="where-it-goes">
                "The Client Secret above is the plaintext secret: it belongs in " {app}
                "'s settings. Authelia's configuration holds only its digest."
            </p>
        }
        .into_any()
    }

    fn segment(&self, segment: &Segment) -> AnyView {
        match segment {
            Segment::Text(text) => text.clone().into_any(),
            Segment::Variable(occurrence) => self.variable(occurrence.clone()),
            Segment::Digest => self.digest(),
        }
    }

    fn variable(&self, occurrence: crate::guide::VarRef) -> AnyView {
        let session = self.session.clone();
        let name = occurrence.name.clone();
        let field = session.field(&name).cloned();
        let secret = session.secret;
        let is_secret = name == CLIENT_SECRET;
        // Highlight the reader's own values, not the defaults.
        let mine = move || match (&field, is_secret) {
            (Some(field), _) => !field.value.get().is_empty(),
            (None, true) => !secret.value.get().is_empty(),
            _ => false,
        };
        view! {
            <span class="var" class:mine=mine data-var=name>{move || session.present(&occurrence)}</span>
        }
        .into_any()
    }

    fn digest(&self) -> AnyView {
        let session = self.session.clone();
        let secret = session.secret;
        let mine = move || !secret.value.get().is_empty();
        view! { <span class="var digest" class:mine=mine data-var="digest">{move || session.digest_text()}</span> }
            .into_any()
    }

    fn inlines(&self, inlines: &[Inline]) -> Vec<AnyView> {
        inlines.iter().map(|i| self.inline(i)).collect()
    }

    fn inline(&self, inline: &Inline) -> AnyView {
        match inline {
            Inline::Text(text) => text.clone().into_any(),
            Inline::Code(segments) => {
                let code: Vec<AnyView> = segments.iter().map(|s| self.segment(s)).collect();
                view! { <code>{code}</code> }.into_any()
            }
            Inline::Emphasis(kids) => view! { <em>{self.inlines(kids)}</em> }.into_any(),
            Inline::Strong(kids) => view! { <strong>{self.inlines(kids)}</strong> }.into_any(),
            Inline::Strikethrough(kids) => view! { <del>{self.inlines(kids)}</del> }.into_any(),
            Inline::Link {
                href,
                title,
                children,
            } => {
                let session = self.session.clone();
                let href = href.clone();
                let url = move || safe_url(session.resolve(&href));
                let title = (!title.is_empty()).then(|| title.clone());
                view! { <a href=url title=title rel="noopener noreferrer">{self.inlines(children)}</a> }.into_any()
            }
            Inline::Image { src, alt, title } => {
                let session = self.session.clone();
                let src = src.clone();
                let url = move || safe_url(session.resolve(&src));
                let title = (!title.is_empty()).then(|| title.clone());
                view! { <img src=url alt=alt.clone() title=title /> }.into_any()
            }
            Inline::Variable(occurrence) => self.variable(occurrence.clone()),
            Inline::Digest => self.digest(),
            Inline::LineBreak => view! { <br /> }.into_any(),
            Inline::SoftBreak => " ".into_any(),
            Inline::Notice(raw) => view! {
                <span class="notice" role="note">
                    <strong>"Shortcode not supported here: "</strong>
                    <code>{raw.clone()}</code>
                </span>
            }
            .into_any(),
        }
    }
}

fn notice(raw: String) -> AnyView {
    view! {
        <div class="notice" role="note">
            <strong>"This guide uses a shortcode the playground does not know; here is its text: "</strong>
            <code>{raw}</code>
        </div>
    }
    .into_any()
}

/// A variable may start a URL (`{{< sitevar >}}://…`), so a resolved URL is checked again.
fn safe_url(url: String) -> String {
    if url_is_safe(&url) {
        url
    } else {
        String::new()
    }
}

/// A guide's word, made safe to use inside a class name.
fn css_token(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(32)
        .collect()
}

/// Whether a list names the client secret in its own items. A list that holds such a
/// list gets no note of its own: the note stands once, beside the innermost list.
fn list_names_secret(block: &Block) -> bool {
    match block {
        Block::List { items, .. } => items
            .iter()
            .flatten()
            .any(|b| !matches!(b, Block::List { .. }) && mentions_secret(b)),
        _ => false,
    }
}

/// Whether a block mentions the client secret outside a code block (a settings list).
fn mentions_secret(block: &Block) -> bool {
    fn in_inlines(inlines: &[Inline]) -> bool {
        inlines.iter().any(|inline| match inline {
            Inline::Variable(v) => v.name == CLIENT_SECRET,
            Inline::Code(segments) => segments
                .iter()
                .any(|s| matches!(s, Segment::Variable(v) if v.name == CLIENT_SECRET)),
            Inline::Emphasis(k) | Inline::Strong(k) | Inline::Strikethrough(k) => in_inlines(k),
            Inline::Link { children, .. } => in_inlines(children),
            _ => false,
        })
    }
    match block {
        Block::Paragraph(inlines) | Block::Heading { inlines, .. } => in_inlines(inlines),
        Block::List { items, .. } => items.iter().flatten().any(mentions_secret),
        Block::BlockQuote(blocks)
        | Block::Callout { blocks, .. }
        | Block::Snippet { blocks, .. } => blocks.iter().any(mentions_secret),
        _ => false,
    }
}
