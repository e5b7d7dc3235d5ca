//! The guide, drawn from the document model: the page's one renderer, run in the
//! browser and natively at build time (the prerendered `index.html`).
//!
//! Text is always a text node; every variable occurrence is a text node bound to its
//! field, so a keystroke rewrites exactly the occurrences of that variable. What the
//! page says about a block (it is Authelia's configuration, it lists the application's
//! settings) comes from facts the engine computed, never from the order of rendering.

use guide_engine::{
    Align, Block, Inline, Override, Refusal, Segment, Source, Target, UrlPart, VarRef, url_is_safe,
};
use leptos::prelude::*;

use super::browser;
use super::code_block::CodeBlock;
use super::images::Images;
use super::session::{Session, use_session};
use super::side_panel::SidePanel;

/// The open guide's blocks, drawn from the session's document; the variables panel goes
/// where the document's [`Block::VariablesPanel`] stands.
#[component]
pub fn GuideView() -> impl IntoView {
    let session = use_session();
    let document = session.document();
    view! { <article class="guide-body">{blocks(session, &document.blocks)}</article> }
}

fn blocks(session: Session, blocks: &[Block]) -> Vec<AnyView> {
    blocks.iter().map(|b| block(session, b)).collect()
}

/// `<tag>` around `kids`: one element type for every tag given, so the page carries its
/// code once (a `view!` per tag is a type, and code, per tag).
fn wrapped(tag: &'static str, kids: Vec<AnyView>) -> AnyView {
    wrapped_with_id(tag, None, kids)
}

/// [`wrapped`], with an `id` when there is one (headings).
fn wrapped_with_id(tag: &'static str, id: Option<String>, kids: Vec<AnyView>) -> AnyView {
    leptos::html::custom(tag).id(id).child(kids).into_any()
}

fn block(session: Session, block: &Block) -> AnyView {
    match block {
        Block::Heading { level, id, inlines } => {
            let id = id.clone();
            let kids = self::inlines(session, inlines);
            // The page's own title is the only h1; the guide's headings sit below it. One
            // element type for the five levels: a view per level cost the page's download
            // five copies of the same code.
            let tag = match level {
                0..=2 => "h2",
                3 => "h3",
                4 => "h4",
                5 => "h5",
                _ => "h6",
            };
            wrapped_with_id(tag, Some(id), kids)
        }
        Block::Paragraph(inlines) => wrapped("p", self::inlines(session, inlines)),
        Block::List {
            ordered,
            start,
            tight,
            items,
            plaintext_secret,
        } => {
            let items: Vec<AnyView> = items
                .iter()
                .map(|item| wrapped("li", list_item(session, item, *tight)))
                .collect();
            let start = (*ordered && *start != 1).then(|| i64::try_from(*start).unwrap_or(1));
            let list = leptos::html::custom(if *ordered { "ol" } else { "ul" })
                .attr("start", start)
                .child(items);
            let note = plaintext_secret.then(|| plaintext_note(session));
            view! { {list} {note} }.into_any()
        }
        Block::CodeBlock {
            language,
            title,
            segments,
            holds_digest,
            digest_replaces_plaintext,
            tokens,
        } => view! {
            <CodeBlock language=language.clone() title=title.clone() code=segments.clone()
                tokens=tokens.clone() holds_digest=*holds_digest
                replaces_plaintext=*digest_replaces_plaintext />
        }
        .into_any(),
        Block::BlockQuote(children) => wrapped("blockquote", blocks(session, children)),
        Block::Table {
            alignments,
            head,
            rows,
        } => table(session, alignments, head, rows),
        Block::Callout {
            context,
            title,
            blocks: children,
        } => {
            let class = format!("callout callout-{}", css_token(context));
            let title = title
                .clone()
                .map(|t| view! { <p class="callout-title">{t}</p> });
            view! { <aside class=class role="note">{title}{blocks(session, children)}</aside> }
                .into_any()
        }
        Block::Figure { source, alt } => {
            view! { <figure class="figure">{image(session, source, alt)}</figure> }.into_any()
        }
        Block::Snippet {
            name,
            blocks: children,
        } => {
            let class = format!("snippet snippet-{}", css_token(name));
            view! { <section class=class>{blocks(session, children)}</section> }.into_any()
        }
        Block::Notice(raw) => view! {
            <div class="notice" role="note">
                <strong>"This guide uses a shortcode the playground does not know; here is its text: "</strong>
                <code>{raw.clone()}</code>
            </div>
        }
        .into_any(),
        Block::VariablesPanel => view! { <SidePanel /> }.into_any(),
        Block::Rule => view! { <hr /> }.into_any(),
    }
}

/// A list item; in a tight list its paragraphs are bare text, as markdown intends.
fn list_item(session: Session, blocks: &[Block], tight: bool) -> Vec<AnyView> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(inlines) if tight => self::inlines(session, inlines).into_any(),
            other => block(session, other),
        })
        .collect()
}

fn table(
    session: Session,
    alignments: &[Align],
    head: &[Vec<Inline>],
    rows: &[Vec<Vec<Inline>>],
) -> AnyView {
    let align = |i: usize| match alignments.get(i) {
        Some(Align::Left) => "left",
        Some(Align::Center) => "center",
        Some(Align::Right) => "right",
        _ => "",
    };
    // Header and body cells share one element type (see `wrapped`).
    let cell = |tag: &'static str, i: usize, cell: &[Inline]| {
        leptos::html::custom(tag)
            .attr("class", align(i))
            .attr("scope", (tag == "th").then_some("col"))
            .child(inlines(session, cell))
            .into_any()
    };
    let head: Vec<AnyView> = head
        .iter()
        .enumerate()
        .map(|(i, c)| cell("th", i, c))
        .collect();
    let rows: Vec<AnyView> = rows
        .iter()
        .map(|row| {
            let cells: Vec<AnyView> = row
                .iter()
                .enumerate()
                .map(|(i, c)| cell("td", i, c))
                .collect();
            wrapped("tr", cells)
        })
        .collect();
    view! {
        // Focusable and named, so a table wider than the screen scrolls from the keyboard.
        <div class="table-wrap" role="group" tabindex="0" aria-label="Table">
            <table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>
        </div>
    }
    .into_any()
}

/// Said once, beside the innermost list that gives the application the plaintext secret.
fn plaintext_note(session: Session) -> AnyView {
    let app = session
        .document()
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

/// One piece of code, every variable and the digest live.
pub(super) fn segment(session: Session, segment: &Segment) -> AnyView {
    match segment {
        Segment::Text(text) => text.clone().into_any(),
        Segment::Variable(occurrence) => variable(session, occurrence.clone()),
        Segment::Digest => digest(session),
        Segment::Override(o) => overridden(session, o),
    }
}

/// The application's address where the guide wrote it: what the guide wrote (with the
/// reader's other values) until the reader sets the address, then the reader's.
fn overridden(session: Session, o: &Override) -> AnyView {
    let o = o.clone();
    let name = o.variable.name.clone();
    (move || {
        if session.is_set(&name) {
            variable(session, o.variable.clone())
        } else {
            let parts: Vec<AnyView> = o
                .written
                .iter()
                .map(|part| match part {
                    UrlPart::Text(text) => text.clone().into_any(),
                    UrlPart::Variable(v) => variable(session, v.clone()),
                    UrlPart::Override(inner) => variable(session, inner.variable.clone()),
                })
                .collect();
            parts.into_any()
        }
    })
    .into_any()
}

fn variable(session: Session, occurrence: VarRef) -> AnyView {
    let name = occurrence.name.clone();
    // Read by the page's first module, which follows the reader's typing before the app
    // is there (`early`): plain occurrences, most of them, carry none.
    let format = occurrence.format.marker();
    // The reader's own values are highlighted, the defaults are not.
    let mine = {
        let name = name.clone();
        move || session.is_set(&name)
    };
    view! {
        <span class="var" class:mine=mine data-var=name data-format=format>{move || session.present(&occurrence)}</span>
    }
    .into_any()
}

fn digest(session: Session) -> AnyView {
    let mine = move || session.secret.is_set();
    view! {
        <span class="var digest" class:mine=mine data-var="digest">{move || session.digest_text()}</span>
    }
    .into_any()
}

fn inlines(session: Session, inlines: &[Inline]) -> Vec<AnyView> {
    inlines.iter().map(|i| inline(session, i)).collect()
}

fn inline(session: Session, inline: &Inline) -> AnyView {
    match inline {
        Inline::Text(text) => text.clone().into_any(),
        Inline::Code(code) => {
            let code: Vec<AnyView> = code.iter().map(|s| segment(session, s)).collect();
            view! { <code>{code}</code> }.into_any()
        }
        // One element type for the three wrappers, as for headings.
        Inline::Emphasis(kids) => wrapped("em", inlines(session, kids)),
        Inline::Strong(kids) => wrapped("strong", inlines(session, kids)),
        Inline::Strikethrough(kids) => wrapped("del", inlines(session, kids)),
        Inline::Link {
            target,
            title,
            children,
        } => link(session, target, title, children),
        Inline::Image { source, alt, .. } => image(session, source, alt),
        Inline::Variable(occurrence) => variable(session, occurrence.clone()),
        Inline::Override(o) => overridden(session, o),
        Inline::Digest => digest(session),
        Inline::LineBreak => view! { <br /> }.into_any(),
        Inline::SoftBreak => " ".into_any(),
        Inline::WordBreak => view! { <wbr /> }.into_any(),
        Inline::Notice(raw) => view! {
            <span class="notice" role="note">
                <strong>"Shortcode not supported here: "</strong>
                <code>{raw.clone()}</code>
            </span>
        }
        .into_any(),
    }
}

fn link(session: Session, target: &Target, title: &str, children: &[Inline]) -> AnyView {
    let title = (!title.is_empty()).then(|| title.to_owned());
    let text = inlines(session, children);
    match target {
        Target::Fragment(id) => {
            let href = format!("#{id}");
            let id = id.clone();
            let go = move |ev: leptos::ev::MouseEvent| {
                ev.prevent_default();
                browser::location::go_to_fragment(&id);
            };
            view! { <a href=href title=title on:click=go>{text}</a> }.into_any()
        }
        Target::Web(url) => {
            let url = url.clone();
            // Checked again with the reader's values: a variable may start the address.
            let href = move || Some(session.resolve_url(&url)).filter(|u| url_is_safe(u));
            view! {
                <a href=href title=title target="_blank" rel="noopener noreferrer">{text}</a>
            }
            .into_any()
        }
        Target::Relative { path, site: None } => view! {
            <span class="site-link" title=format!("A page of the guide's own site: {path}")>{text}</span>
        }
        .into_any(),
        Target::Relative {
            site: Some(url), ..
        } => {
            let url = url.clone();
            let href = move || Some(session.resolve_url(&url)).filter(|u| url_is_safe(u));
            view! {
                <a href=href title=title target="_blank" rel="noopener noreferrer">{text}</a>
            }
            .into_any()
        }
        Target::Refused { written, refusal } => refused(text, written, *refusal),
        // Another guide of this site: its page, in place, relative to the site's root
        // (the page's `<base>`).
        Target::Guide(page) => view! { <a href=page.clone() title=title>{text}</a> }.into_any(),
    }
}

/// A link that is not one: its text, then why, with the address as written.
fn refused(text: Vec<AnyView>, written: &str, refusal: Refusal) -> AnyView {
    view! {
        <span class="refused-link">
            {text}
            <span class="refusal">" (" {refusal.message()} ": " <code>{written.to_owned()}</code> ")"</span>
        </span>
    }
    .into_any()
}

/// An image. The page fetches no image from elsewhere: a web image becomes a labelled
/// link to it; an image the site build published beside the page shows from there; a
/// file beside the guide shows from the reader's own copy if they opened the guide's
/// folder, and is a labelled placeholder otherwise.
fn image(session: Session, source: &Source, alt: &str) -> AnyView {
    let alt = if alt.trim().is_empty() {
        "an image without a description".to_owned()
    } else {
        alt.to_owned()
    };
    match source {
        Source::Web(url) => {
            let url = url.clone();
            let href = move || Some(session.resolve_url(&url)).filter(|u| url_is_safe(u));
            view! {
                <a class="image-placeholder" href=href target="_blank" rel="noopener noreferrer">
                    "Image: " {alt} " (opens the image from its site)"
                </a>
            }
            .into_any()
        }
        Source::Relative(path) => match use_context::<Images>().and_then(|i| i.url(path)) {
            Some(url) => view! { <img class="guide-image" src=url alt=alt /> }.into_any(),
            None => view! {
                <span class="image-placeholder" role="img" aria-label=format!("Image not shown: {alt}")>
                    "Image: " {alt.clone()} " (" <code>{path.clone()}</code>
                    ", a file beside the guide: open the guide's folder to see it)"
                </span>
            }
            .into_any(),
        },
        // Published beside the page by the site build: one of the site's own files.
        Source::Site(path) => {
            view! { <img class="guide-image" src=path.clone() alt=alt loading="lazy" /> }
                .into_any()
        }
        Source::Refused { written, refusal } => view! {
            <span class="image-placeholder refused-link">
                "Image: " {alt} " (" {refusal.image_message()} ": " <code>{written.clone()}</code> ")"
            </span>
        }
        .into_any(),
    }
}

/// A guide's word, made safe to use inside a class name.
fn css_token(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(32)
        .collect()
}
