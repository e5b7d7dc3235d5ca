//! The rest of Authelia's configuration, after the guide: "Provider" (a new
//! `hmac_secret` and signing key, `crate::provider_block`), "Check my configuration" (a
//! pasted configuration checked against the open guide's client,
//! `authelia_check::configuration`) and "Why did my login fail?" (a pasted log line,
//! error page or application log explained with that configuration and the reader's
//! values, `authelia_check::troubleshoot`). All run in the parser worker, started when the
//! reader asks; nothing here is stored, put in a link or sent to a parent frame, and a
//! pasted log, which may hold secrets and tokens, is no exception. Once
//! the reader has a provider block, the guide's `configuration.yml` block gives the whole
//! file: its Copy and Download merge the provider in ([`configuration_file`]).
//!
//! Like the index's list, the sections are markup of the build ([`ConfigurationTools`],
//! after the app's root) wired by a few listeners ([`show_for`]), not components the
//! page renders: as Leptos components the two cost the page 3.9 kB (gzip, measured on a
//! release build) of its 200 kB budget. They are shown while a guide with a client
//! block is open, and speak to that guide's session. Their elements are found by string
//! ids, and clicks reach them through one delegated listener on the section
//! ([`on_press`]), which tells buttons apart by id or, for a finding's line, by its label
//! (`finding_text::line_of`), and starts a section's worker when its summary is pressed.
//!
//! A finding ([`crate::protocol::Finding`]) is built as elements holding text nodes, never
//! as markup from text ([`show_findings`]): its words quote the paste. Its line is a
//! button that selects that line in the paste ([`select_line`]); its rule's id is a
//! `<samp>` element, and the `code` of its words (split in the worker,
//! `crate::finding_text::runs`) `<code>` elements.

use std::cell::{Cell, RefCell};

use authelia_check::configuration::MAX_CONFIGURATION_BYTES;
use authelia_check::troubleshoot::MAX_TROUBLESHOOT_BYTES;
use guide_secrets::escape::WrittenFor;
use leptos::prelude::*;
use leptos::task::spawn_local;

use wasm_bindgen::JsCast as _;

use super::browser::{self, markup};
use super::digest_check;
use super::fill_in;
use super::session::Session;
use super::workers::{self, Answered, JobError};

use crate::finding_text;
use crate::protocol::{FINDING_START, FindingList, Reply, Request, WorkerKind};
use crate::provider_block::KeyChoice;

/// The sections' container, hidden until a guide with a client block is open.
pub const TOOLS_ID: &str = "gp-tools";
const KEYS_ID: &str = "gp-provider-keys";
const GENERATE_ID: &str = "gp-provider-generate";
const PROVIDER_STATUS_ID: &str = "gp-provider-status";
const PROVIDER_BLOCK_ID: &str = "gp-provider-block";
const PROVIDER_CODE_ID: &str = "gp-provider-code";
const PROVIDER_SECTION_ID: &str = "gp-provider-section";
const CHECK_SECTION_ID: &str = "gp-config-section";
// The build's markup alone names it: its summary starts the checking worker as any
// paste-reading section's does (`opened`).
#[cfg(not(target_arch = "wasm32"))]
const EXPLAIN_SECTION_ID: &str = "gp-explain-section";
const PASTE_ID: &str = "gp-config-paste";
/// The pastes' line height in pixels, as style/main.css sets it for their boxes: with their
/// lines kept (white-space: pre), line `n` starts `(n - 1) × PASTE_LINE_PX` down, which is
/// how a pressed line is scrolled to without asking the browser to measure.
const PASTE_LINE_PX: u32 = 20;
const CHECK_ID: &str = "gp-config-check";
const CHECK_STATUS_ID: &str = "gp-config-status";
const FINDINGS_ID: &str = "gp-config-findings";
const EXPLAIN_PASTE_ID: &str = "gp-explain-paste";
const EXPLAIN_ID: &str = "gp-explain";
const EXPLAIN_STATUS_ID: &str = "gp-explain-status";
const EXPLANATION_ID: &str = "gp-explanation";

/// The longest line the configuration box takes from a paste or a drop, in characters.
/// The longest line a configuration needs is a key or a certificate chain written on one
/// line with `\n` escapes (a 16 384-bit RSA key is about 12 600 characters,
/// `MAX_KEY_PEM_BYTES`); this is four times that. The browser lays a pasted line out
/// before the page can look at it: one of 990 000 characters held the page's thread about
/// 250 ms the first time, this many about 10 ms. The build's markup carries it (the page's
/// head script applies it), so the page's WebAssembly does not.
#[cfg(not(target_arch = "wasm32"))]
pub const MAX_CONFIGURATION_LINE_CHARS: usize = 65_536;

thread_local! {
    /// The open guide's session, while the sections speak to it.
    static CURRENT: Cell<Option<Session>> = const { Cell::new(None) };
    /// The provider block the reader generated (`crate::provider_block`), empty until then:
    /// secrets, like the client secret in this page's memory only. Kept here rather than
    /// in a signal: nothing renders from it reactively, and a signal's reads cost the
    /// page 0.5 kB (measured).
    static PROVIDER: RefCell<String> = const { RefCell::new(String::new()) };
    /// How many guides' sections have closed: an answer asked for under an earlier count
    /// belongs to a guide no longer open, and is dropped ([`still_open`]).
    static GUIDES_CLOSED: Cell<u32> = const { Cell::new(0) };
}

/// The guide the sections speak to now, as [`still_open`] knows it.
pub(super) fn open_guide() -> u32 {
    GUIDES_CLOSED.get()
}

/// Whether the guide marked `guide` by [`open_guide`] is still the open one: a worker's
/// answer arriving after its guide closed would otherwise show the old guide's keys,
/// findings or verdict in the next guide's emptied sections.
pub(super) fn still_open(guide: u32) -> bool {
    GUIDES_CLOSED.get() == guide
}

/// `configuration.yml` as Authelia reads it: the client block (`yaml`, with the digest
/// in its YAML form) with the provider block merged in, once the reader has one
/// ([`crate::configuration_file`], pure and tested against Authelia's schema).
pub fn configuration_file(yaml: String) -> String {
    PROVIDER.with_borrow(|provider| crate::configuration_file::configuration_file(yaml, provider))
}

/// Shows the sections for `session`'s guide while the calling component lives (hidden
/// for a guide without a client block), and gives them their listeners once per page.
pub fn show_for(session: Session) {
    let has_block = session.document().authelia_block().is_some();
    markup::set_class(TOOLS_ID, "is-hidden", !has_block);
    CURRENT.set(has_block.then_some(session));
    digest_check::place(true);
    fill_in::place(has_block);
    markup::on_button_or_summary_click(TOOLS_ID, on_press);
    markup::on_button_or_summary_click(digest_check::DIGEST_CHECK_ID, on_press);
    markup::on_button_or_summary_click(fill_in::FILL_ID, on_press);
    on_cleanup(|| {
        // The next guide starts clean: no keys, findings or checked digest of this one
        // stay on show, nor arrive later.
        GUIDES_CLOSED.set(GUIDES_CLOSED.get().wrapping_add(1));
        digest_check::place(false);
        fill_in::place(false);
        CURRENT.set(None);
        PROVIDER.take();
        markup::set_class(TOOLS_ID, "is-hidden", true);
        markup::set_class(PROVIDER_BLOCK_ID, "is-hidden", true);
        for id in [
            PROVIDER_CODE_ID,
            PROVIDER_STATUS_ID,
            CHECK_STATUS_ID,
            FINDINGS_ID,
            EXPLAIN_STATUS_ID,
            EXPLANATION_ID,
        ] {
            markup::set_text(id, "");
        }
    });
}

/// The open guide's session, while the sections speak to it.
pub(super) fn current() -> Option<Session> {
    CURRENT.get()
}

/// The open guide's client block with the reader's values (the digest in its YAML
/// form: the file Authelia reads).
pub(super) fn client_block() -> String {
    let Some(session) = CURRENT.get() else {
        return String::new();
    };
    let document = session.document();
    let block = document.authelia_block().unwrap_or_default();
    untrack(|| session.resolve_for(block, WrittenFor::Yaml))
}

/// What a click on one of the build's buttons does, `listened` the id of the section
/// whose listener heard it; a click on a section's summary starts the worker that section
/// asks (see [`opened`]).
fn on_press(pressed: web_sys::Element, listened: &str) {
    if pressed.tag_name() == "SUMMARY" {
        if let Some(section) = pressed.parent_element() {
            opened(&section.id());
        }
        return;
    }
    match pressed.id().as_str() {
        digest_check::RUN_ID => digest_check::run(),
        fill_in::READ_ID => fill_in::read(),
        fill_in::APPLY_ID => fill_in::apply(),
        GENERATE_ID => {
            let choice = KeyChoice::from_id(&markup::value_of(KEYS_ID));
            ask(Request::Provider { choice }, PROVIDER_STATUS_ID, "");
        }
        // Both send the paste of their section with the guide's client block and the
        // reader's values: a check reads the configuration, an explanation what the reader
        // saw, with the configuration pasted above when there is one.
        id @ (CHECK_ID | EXPLAIN_ID) => {
            let explain = id == EXPLAIN_ID;
            let (paste, max, status, list) = match explain {
                true => (
                    EXPLAIN_PASTE_ID,
                    MAX_TROUBLESHOOT_BYTES,
                    EXPLAIN_STATUS_ID,
                    EXPLANATION_ID,
                ),
                false => (
                    PASTE_ID,
                    MAX_CONFIGURATION_BYTES,
                    CHECK_STATUS_ID,
                    FINDINGS_ID,
                ),
            };
            markup::set_text(list, "");
            let (Some(pasted), Some(session)) = (pasted(paste, max, status), CURRENT.get()) else {
                return;
            };
            let guide_block = client_block();
            // Authelia's address only once the reader gave their domain, for a check as for
            // an explanation: on the guide's example domain (Authelia's subdomain alone
            // leaves it so) it would match no cookie of a real configuration, and is not
            // the address to tell the reader to set.
            let authelia_url = untrack(|| session.is_set("domain").then(|| session.authelia_url()));
            let request = match explain {
                true => Request::Explain {
                    pasted,
                    configuration: markup::value_of_at_most(PASTE_ID, MAX_CONFIGURATION_BYTES)
                        .unwrap_or_default(),
                    guide_block,
                    authelia_url,
                },
                false => Request::Check {
                    pasted,
                    guide_block,
                    secret: session.secret.value_untracked(),
                    authelia_url,
                    id_token_claims: session
                        .document()
                        .id_token_claims_needed()
                        .map(str::to_owned),
                },
            };
            ask(request, status, list);
        }
        _ => {
            // A finding's line: its label names it.
            if let Some(line) = pressed
                .text_content()
                .as_deref()
                .and_then(finding_text::line_of)
            {
                // In the paste it was read from: fill-in's own, else the configuration pasted
                // into "Check my configuration" (a check's findings, an explanation's keys).
                // One call site: select_line inlined at two cost the page 16 bytes.
                let (paste, section) = match listened == fill_in::FILL_ID {
                    true => (fill_in::PASTE_ID, fill_in::FILL_ID),
                    false => (PASTE_ID, CHECK_SECTION_ID),
                };
                select_line(line, paste, section);
            }
        }
    }
}

/// A section was opened (or closed): its worker starts now, so that its download (the
/// parser's 0.4 MB, about 2 s on a slow phone's network) runs while the reader pastes,
/// not after they press.
fn opened(section: &str) {
    // The summaries these sections hold: the provider's, the digest check's (whose
    // hashing worker the page starts on its own), and the three that read a paste (a
    // check, an explanation, a fill-in) with the checking worker.
    let kind = match section {
        PROVIDER_SECTION_ID => WorkerKind::Parsing,
        digest_check::DIGEST_CHECK_ID => return,
        _ => WorkerKind::Checking,
    };
    workers::start(kind);
}

/// The text of the paste with this id; `None`, the status saying why, when it is over
/// `max` bytes. The worker would refuse it too, but only once it was copied and posted.
/// The build's markup words the refusal (`data-refusal`, [`refusal`]): it is the same
/// sentence every time, so the page need not write it.
pub(super) fn pasted(id: &str, max: usize, status: &str) -> Option<String> {
    let text = markup::value_of_at_most(id, max);
    if text.is_none() {
        let refusal = browser::element(id).and_then(|paste| paste.get_attribute("data-refusal"));
        markup::set_text(status, &refusal.unwrap_or_default());
    }
    text
}

/// Why a paste over `max` bytes is refused, naming the limit: `what` it is, and what to
/// paste instead. The page refuses a paste as soon as its box holds a character past the
/// limit (its `maxlength`), so the sentence names that size.
#[cfg(not(target_arch = "wasm32"))]
fn refusal(what: &str, max: usize, advice: &str) -> String {
    format!(
        "The paste is {} bytes or more; {what} may be at most {max} bytes here. {advice}",
        max + 1
    )
}

/// Selects line `line` (1-based) of the pasted configuration (the paste `paste_id` of the
/// section `section_id`), as far as it still has one: the reader pressed the line
/// number of a finding, of an explanation's key or of a value to fill in.
/// Its section is opened, the paste focused, so that the browser shows the selection,
/// and scrolled to the line.
fn select_line(line: u32, paste_id: &str, section_id: &str) {
    // The build's markup gives this id to the paste's textarea only.
    let Some(paste) = browser::element(paste_id) else {
        return;
    };
    let paste: web_sys::HtmlTextAreaElement = paste.unchecked_into();
    let Some((start, end)) = finding_text::line_span(&paste.value(), line) else {
        return;
    };
    if let Some(section) = browser::element(section_id) {
        let _ = section.set_attribute("open", "");
    }
    let _ = paste.focus();
    paste.unchecked_ref::<Paste>().select_range(start, end);
    // A selection made by script is not scrolled to (Chromium leaves the paste where it
    // was; focusing the box after selecting scrolls to it only when the box was laid out
    // already, not in a section opened just now). The box keeps its lines (white-space:
    // pre) at a fixed height, so a line's place is known: it is scrolled to two lines
    // below the top (the browser stops at the top for the first lines). The line is one
    // of the paste's, which holds at most MAX_CONFIGURATION_BYTES + 1 characters, so the
    // product fits in an i32 by far: wrapped rather than checked, which cost the page more.
    paste.set_scroll_top(
        line.saturating_sub(3)
            .wrapping_mul(PASTE_LINE_PX)
            .cast_signed(),
    );
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// A paste's textarea, as [`select_line`] selects in it.
    type Paste;
    /// `setSelectionRange(start, end)`, bound here without web-sys's exception handling:
    /// a textarea's never throws (only an input of a type without a selection does), and
    /// the handling cost the page 8 bytes (gzip).
    #[wasm_bindgen(method, js_name = setSelectionRange)]
    fn select_range(this: &Paste, start: u32, end: u32);
}

/// Shows the findings (or an explanation's parts) in the list with this id, each an
/// item: its place as a button ([`select_line`]), its rule's id as `samp`, then its words,
/// their code runs as code elements. Every value becomes an element's text: a finding
/// quotes the paste, which is never markup.
fn show_findings(list: &str, findings: &FindingList) {
    let (Some(list), Some(document)) = (browser::element(list), browser::document()) else {
        return;
    };
    list.set_text_content(None);
    // The item of the finding being read, and where its run is in it.
    let (mut item, mut at) = (None, 0);
    for run in findings.runs() {
        if run == FINDING_START {
            (item, at) = (add(&document, &list, "li", ""), 0);
            continue;
        }
        // Its place as a button, its rule's id as `samp` (the checker's output, told
        // from the words' code by its tag rather than a class: one attribute call less
        // on the page), then its words: a later run at an odd index is code
        // (`Finding::runs`). An empty run (no place, no rule) shows nothing.
        if let Some(item) = &item
            && !run.is_empty()
        {
            let tag = match at {
                0 => "button",
                1 => "samp",
                _ if at % 2 == 1 => "code",
                _ => "span",
            };
            add(&document, item, tag, run);
        }
        at += 1;
    }
}

/// Adds a `tag` element holding `text` (a text node) to `parent`.
pub(super) fn add(
    document: &web_sys::Document,
    parent: &web_sys::Element,
    tag: &str,
    text: &str,
) -> Option<web_sys::Element> {
    let child = document.create_element(tag).ok()?;
    child.set_text_content(Some(text));
    parent.append_child(&child).ok()?;
    Some(child)
}

/// Asks the parser worker, saying so in the section's status line, and shows its answer
/// (findings in the list with the id `list`).
pub(super) fn ask(request: Request, status: &'static str, list: &'static str) {
    markup::set_text(status, "Working…");
    let guide = open_guide();
    spawn_local(async move {
        let answer = workers::configuration(request).await;
        if !still_open(guide) {
            return;
        }
        let said = match answer {
            Ok(Answered {
                value: Reply::Provider(block),
                ..
            }) => {
                markup::set_text(PROVIDER_CODE_ID, &block);
                PROVIDER.set(block);
                markup::set_class(PROVIDER_BLOCK_ID, "is-hidden", false);
                "Generated: a new HMAC secret and signing key, in this page only.".to_owned()
            }
            Ok(Answered {
                value: Reply::Findings { summary, findings },
                ..
            }) => {
                show_findings(list, &findings);
                summary
            }
            Ok(Answered {
                value:
                    Reply::Proposals {
                        summary,
                        findings,
                        values,
                    },
                ..
            }) => {
                show_findings(list, &findings);
                fill_in::offer(values);
                summary
            }
            Ok(_) => "The worker sent an answer of the wrong kind.".to_owned(),
            Err(JobError::Superseded) => return,
            Err(err) => err.to_string(),
        };
        markup::set_text(status, &said);
    });
}

/// The three sections, closed; shown by the page while a guide with a client block is
/// open. Rendered at build time only, after the app's root.
#[cfg(not(target_arch = "wasm32"))]
#[component]
pub fn ConfigurationTools() -> impl IntoView {
    let options: Vec<AnyView> = KeyChoice::ALL
        .into_iter()
        .map(|c| view! { <option value=c.id()>{c.label()}</option> }.into_any())
        .collect();
    view! {
        <section id=TOOLS_ID class="configuration-tools needs-script is-hidden"
            aria-label="The rest of Authelia's configuration">
            <details class="provider" id=PROVIDER_SECTION_ID>
                <summary>"Provider: HMAC secret and signing key"</summary>
                <p class="help">
                    "Setting up OpenID Connect in Authelia for the first time? Beside the client, its configuration needs an "
                    <code>"hmac_secret"</code>" and at least one RSA signing key in "<code>"jwks"</code>
                    ". Generate makes both here, in your browser; they are never stored or sent."
                </p>
                <div class="field">
                    <label for=KEYS_ID>"Signing keys"</label>
                    <select id=KEYS_ID>{options}</select>
                </div>
                <button type="button" id=GENERATE_ID>"Generate"</button>
                <p class="tool-status" id=PROVIDER_STATUS_ID role="status" aria-live="polite"></p>
                <figure class="code-block is-hidden" id=PROVIDER_BLOCK_ID>
                    <figcaption>
                        <span class="code-title">"Provider block"</span>
                    </figcaption>
                    <pre role="group" tabindex="0" aria-label="Code: provider block">
                        <code id=PROVIDER_CODE_ID></code>
                    </pre>
                    <p class="where-it-goes">
                        "The guide's configuration.yml block now gives the whole file: its Copy and Download merge this block in, under oidc, before the clients."
                    </p>
                </figure>
            </details>
            <details class="config-check" id=CHECK_SECTION_ID>
                <summary>"Check my configuration"</summary>
                <p class="help">
                    "Paste your Authelia configuration: the whole configuration.yml, its "
                    <code>"identity_providers"</code>
                    " part, or one client. It is checked against this guide with your values, in your browser; nothing is stored or sent."
                </p>
                <ConfigurationPaste id=PASTE_ID rows=10 status=CHECK_STATUS_ID
                    what="a configuration"
                    advice="Paste only the identity_providers part of the configuration." />
                <button type="button" id=CHECK_ID>"Check my configuration"</button>
                <p class="tool-status" id=CHECK_STATUS_ID role="status" aria-live="polite"></p>
                <ol class="findings" id=FINDINGS_ID></ol>
            </details>
            <details class="explain" id=EXPLAIN_SECTION_ID>
                <summary>"Why did my login fail?"</summary>
                <p class="help">
                    "Paste what you saw when signing in failed: Authelia's log line, its error page (the text, or its address), or the application's log with the token endpoint's answer. It is explained with your values and, when you pasted it above, your configuration, in your browser; nothing is stored or sent. A log may hold secrets and tokens: it stays on this page."
                </p>
                // Out of the browser's form restoration, as the configuration's paste.
                <form class="field" autocomplete="off">
                    <label for=EXPLAIN_PASTE_ID>"What you saw"</label>
                    // One character past the limit at most, as the configuration's paste.
                    <textarea id=EXPLAIN_PASTE_ID rows="6" spellcheck="false" autocomplete="off"
                        maxlength={(MAX_TROUBLESHOOT_BYTES + 1).to_string()}
                        data-refusal=refusal(
                            "a paste to explain",
                            MAX_TROUBLESHOOT_BYTES,
                            "Paste only the lines around the failed sign-in.",
                        )></textarea>
                </form>
                <button type="button" id=EXPLAIN_ID>"Explain"</button>
                <p class="tool-status" id=EXPLAIN_STATUS_ID role="status" aria-live="polite"></p>
                <ol class="findings" id=EXPLANATION_ID></ol>
            </details>
        </section>
    }
}

/// A box for a pasted Authelia configuration, labelled "Your configuration", bounded as
/// the checker reads one: "Check my configuration" and "Fill in from my configuration"
/// (`super::fill_in`) each have one. Rendered at build time only.
#[cfg(not(target_arch = "wasm32"))]
#[component]
pub fn ConfigurationPaste(
    /// The box's id.
    id: &'static str,
    /// Its height in lines.
    rows: u32,
    /// The id of the status that says why a paste was refused.
    status: &'static str,
    /// What the paste is, in the refusal ("a configuration").
    what: &'static str,
    /// What to paste instead, in the refusal.
    advice: &'static str,
) -> impl IntoView {
    view! {
        // The form keeps the paste out of the browser's form restoration: Chromium reads
        // a textarea's autocomplete from its form only.
        <form class="field" autocomplete="off">
            <label for=id>"Your configuration"</label>
            // The browser keeps at most one character past the limit of a paste, so a
            // huge one never fills the page's memory (the worker refuses it). A paste or a
            // drop over either limit is refused before the browser inserts it
            // (index.html's head script reads these attributes), with why in the status;
            // text that reaches the box another way is refused with `data-refusal` when
            // the reader presses the section's button ([`pasted`]).
            <textarea id=id rows=rows.to_string() spellcheck="false" autocomplete="off"
                maxlength={(MAX_CONFIGURATION_BYTES + 1).to_string()}
                data-paste-most=MAX_CONFIGURATION_BYTES.to_string()
                data-paste-line-most=MAX_CONFIGURATION_LINE_CHARS.to_string()
                data-paste-status=status
                data-refusal=refusal(what, MAX_CONFIGURATION_BYTES, advice)></textarea>
        </form>
    }
}

// The wiring above finds these sections' elements by id only; the build's markup is their
// one source. A test renders it as the build does and finds every id the wiring uses.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_build_s_markup_holds_every_id_the_wiring_looks_for() {
        let html = crate::app::render_configuration_tools(true, true);
        crate::app::assert_ids_once(
            &html,
            &[
                TOOLS_ID,
                KEYS_ID,
                GENERATE_ID,
                PROVIDER_STATUS_ID,
                PROVIDER_BLOCK_ID,
                PROVIDER_CODE_ID,
                PASTE_ID,
                CHECK_ID,
                CHECK_STATUS_ID,
                FINDINGS_ID,
                PROVIDER_SECTION_ID,
                CHECK_SECTION_ID,
                EXPLAIN_SECTION_ID,
                EXPLAIN_PASTE_ID,
                EXPLAIN_ID,
                EXPLAIN_STATUS_ID,
                EXPLANATION_ID,
                digest_check::DIGEST_CHECK_ID,
                digest_check::RUN_ID,
            ],
        );
        // The paste box's guard reads its status by the id the markup names.
        assert!(html.contains(&format!("data-paste-status=\"{CHECK_STATUS_ID}\"")));
        // Each paste carries the sentence that refuses it, naming its limit.
        for (what, max) in [
            ("a configuration", MAX_CONFIGURATION_BYTES),
            ("a paste to explain", MAX_TROUBLESHOOT_BYTES),
        ] {
            let said = format!("{what} may be at most {max} bytes here.");
            assert_eq!(html.matches(&said).count(), 1, "{said}");
        }
    }
}
