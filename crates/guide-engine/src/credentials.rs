//! Recognises the client credentials Authelia's guides hard-code and turns them into
//! the same nodes the project's own guides use, so the reader's values flow there too.
//!
//! A guide declares its example secret once: its "Client Secret:" assumption
//! (``Client Secret: `insecure_secret` ``) or the comment beside the digest
//! (`# The digest of 'insecure_secret'.`). Its example client id likewise: a YAML
//! `client_id:` line or ``Client ID: `matomo` ``. Then, in every code block of any
//! language, in inline code and in settings lists:
//!
//! - the example secret, wherever it stands as a whole value, becomes the
//!   `client-secret` variable (`client_secret = x`, `"clientSecret": "x"`,
//!   `X_CLIENT_SECRET=x`, `'…_client_secret' => 'x'`, `--clientsecret="x"`, …);
//! - the example client id becomes the `client-id` variable only where it stands as
//!   the value of a key that names the client id (`client_id`, `CLIENT_ID=`,
//!   `--clientid=`, `"clientId":`, "Client ID:"), never where the same word is part of
//!   something else (`https://grafana.example.com`);
//! - neither inside an address (a URL in code keeps its text), except as the address's
//!   own credentials, `https://ID:SECRET@host/`, which are the reader's.
//!
//! In Authelia's own configuration (a block titled `configuration.yml`, or one that
//! holds `identity_providers:`), the secret is a digest: a digest literal becomes the
//! digest node, its comment is rewritten so it quotes no plaintext, and a plaintext
//! secret written there (the example secret, `$plaintext$…`, or the `client-secret`
//! variable itself) becomes the digest node too, with the block marked so the page can
//! say it changed. That block never shows the plaintext secret.

use super::budget::Budget;
use super::document::{Block, Inline, Segment, push_text};
use super::variables::{
    CLIENT_ID, CLIENT_SECRET, Format, REFERENCE_SECRET, Registry, VarRef, is_unreserved,
};
use super::walk::{Node, NodeMut, walk, walk_mut};

/// What recognition learned while rewriting.
#[derive(Debug, Default)]
pub(crate) struct Learned {
    /// The first complete digest literal found in Authelia's configuration.
    pub digest: Option<String>,
}

/// The example credentials a guide declares, and whether each may become a variable.
#[derive(Debug, Default)]
struct Examples {
    /// The example client secret (`insecure_secret`).
    secret: Option<String>,
    /// The example client id (`matomo`).
    id: Option<String>,
}

/// How far back from a value the key naming it is looked for, in bytes. Real keys are
/// a few dozen characters (`GF_AUTH_GENERIC_OAUTH_CLIENT_ID`); the bound keeps the
/// look linear on hostile lines.
const MAX_KEY_LEN: usize = 96;

/// How far back from a value an address holding it is looked for, in bytes. Addresses
/// in guides are well under this; the bound keeps the look linear on hostile lines.
const MAX_ADDRESS_LOOKBACK: usize = 512;

/// What the digest comment says instead of quoting the example plaintext.
pub const SAFE_DIGEST_COMMENT: &str = "# The digest of the client secret, never the secret itself.";

/// Authelia's comment beside a digest, naming its plaintext.
const DIGEST_COMMENT: &str = "# The digest of '";

/// The prefix of Authelia's deprecated plaintext "digest".
const PLAINTEXT_DIGEST: &str = "$plaintext$";

/// Rewrites hard-coded credentials everywhere in `blocks`; records the examples as the
/// variables' defaults in `registry`.
pub(crate) fn recognise(
    blocks: &mut Vec<Block>,
    registry: &mut Registry,
    learned: &mut Learned,
    budget: &mut Budget,
) {
    let mut declared = declared(blocks);
    // Authelia's guides all use its reference secret; one that names it nowhere a label
    // or comment can be read (ocis lists it under "Web Application:") still means it.
    declared
        .secret
        .get_or_insert_with(|| REFERENCE_SECRET.to_owned());
    // A name the registry refuses (the guide passed the variable limit) stays text.
    let examples = Examples {
        secret: declared
            .secret
            .filter(|s| registry.define(CLIENT_SECRET, Some(s))),
        id: declared.id.filter(|s| registry.define(CLIENT_ID, Some(s))),
    };
    walk_mut(blocks, &mut |node| match node {
        NodeMut::Block(Block::CodeBlock {
            segments,
            title,
            digest_replaces_plaintext,
            ..
        }) => {
            let authelia = is_authelia_configuration(title.as_deref(), segments);
            *digest_replaces_plaintext =
                rewrite_code(segments, authelia, &examples, learned, budget);
        }
        NodeMut::Inlines(inlines) => rewrite_inlines(inlines, &examples, budget),
        NodeMut::Block(_) | NodeMut::Blocks(_) | NodeMut::Segments(_) => {}
    });
}

/// The examples a guide declares: the first of each in reading order.
fn declared(blocks: &[Block]) -> Examples {
    let mut found = Examples::default();
    let offer = |slot: &mut Option<String>, value: &str| {
        if slot.is_none() && !value.is_empty() && value.chars().all(is_unreserved) {
            *slot = Some(value.to_owned());
        }
    };
    for node in walk(blocks) {
        match node {
            Node::Segment(Segment::Text(text)) => {
                for line in text.lines() {
                    if let Some(plaintext) = digest_comment(line).map(|(_, p, _)| p) {
                        offer(&mut found.secret, plaintext);
                    }
                    match yaml_credential(line) {
                        Some(c) if c.is_id => offer(&mut found.id, c.value),
                        Some(c) => {
                            if let Some(plaintext) = c.value.strip_prefix(PLAINTEXT_DIGEST) {
                                offer(&mut found.secret, plaintext);
                            }
                        }
                        None => {}
                    }
                }
            }
            Node::Block(Block::Paragraph(inlines) | Block::Heading { inlines, .. }) => {
                for (label, segments) in labelled_code(inlines) {
                    if let [Segment::Text(value)] = segments {
                        match label {
                            Label::ClientId => offer(&mut found.id, value),
                            Label::ClientSecret => offer(&mut found.secret, value),
                            Label::Other => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// Authelia's configuration file, as its guides title the block that configures the
/// client.
const AUTHELIA_CONFIGURATION: &str = "configuration.yml";

/// Whether a code block is Authelia's configuration of its clients: titled with
/// Authelia's configuration file (`configuration.yml`, in any folder), or holding its
/// `identity_providers:` key.
fn is_authelia_configuration(title: Option<&str>, segments: &[Segment]) -> bool {
    let titled = title.is_some_and(|t| {
        t.trim()
            .rsplit(['/', '\\'])
            .next()
            .is_some_and(|file| file == AUTHELIA_CONFIGURATION)
    });
    titled
        || segments.iter().any(|s| match s {
            Segment::Text(t) => t.contains("identity_providers:"),
            _ => false,
        })
}

fn var(name: &str) -> Segment {
    Segment::Variable(VarRef {
        name: name.to_owned(),
        format: Format::Plain,
    })
}

/// Rewrites a code block; `true` when a plaintext secret in Authelia's configuration
/// became the digest node.
fn rewrite_code(
    segments: &mut Vec<Segment>,
    authelia: bool,
    examples: &Examples,
    learned: &mut Learned,
    budget: &mut Budget,
) -> bool {
    let mut out = Vec::with_capacity(segments.len());
    let mut replaced_plaintext = false;
    // The current line's text so far (variables as a neutral letter), for looking back
    // from a value to its key or to an address that holds it. Each piece is appended
    // before it is searched, so a look back is a slice of this one string.
    let mut line = String::new();
    let mut cut = false;
    for seg in segments.drain(..) {
        if cut {
            break;
        }
        let Segment::Text(text) = seg else {
            line.push('x');
            out.push(seg);
            continue;
        };
        for piece in text.split_inclusive('\n') {
            // The line becomes three segments instead of one.
            let credential = if line.is_empty() && authelia && budget.room() >= 2 {
                authelia_secret_line(piece, examples, learned)
            } else {
                None
            };
            let from = line.len();
            line.push_str(piece);
            match credential {
                Some((parts, plaintext)) => {
                    budget.charge(2);
                    replaced_plaintext |= plaintext;
                    parts.into_iter().for_each(|p| match p {
                        Segment::Text(t) => push_text(&mut out, &t),
                        other => out.push(other),
                    });
                }
                None => cut = substitute(&line, from, examples, &mut out, budget),
            }
            if cut {
                break;
            }
            if piece.ends_with('\n') {
                line.clear();
            }
        }
    }
    if authelia {
        replaced_plaintext |= digest_for_plaintext_variable(&mut out);
    }
    *segments = out;
    replaced_plaintext
}

/// In Authelia's configuration, the client secret variable (written by the guide, or
/// made from its example secret) becomes the digest node, and a `$plaintext$` before
/// it goes: Authelia's configuration holds the digest, never the plaintext, whoever
/// wrote it. `true` when one did.
fn digest_for_plaintext_variable(segments: &mut [Segment]) -> bool {
    let mut replaced = false;
    let mut previous_text: Option<usize> = None;
    for i in 0..segments.len() {
        let is_secret =
            matches!(segments.get(i), Some(Segment::Variable(v)) if v.name == CLIENT_SECRET);
        match segments.get_mut(i) {
            Some(segment) if is_secret => {
                *segment = Segment::Digest;
                replaced = true;
                if let Some(Segment::Text(before)) = previous_text.and_then(|p| segments.get_mut(p))
                    && before.ends_with(PLAINTEXT_DIGEST)
                {
                    before.truncate(before.len() - PLAINTEXT_DIGEST.len());
                }
                previous_text = None;
            }
            Some(Segment::Text(_)) => previous_text = Some(i),
            _ => previous_text = None,
        }
    }
    replaced
}

/// A YAML `client_id:` / `client_secret:` line: the key, the value and where they are.
struct YamlCredential<'a> {
    is_id: bool,
    /// The line up to the value (with its opening quote).
    head: &'a str,
    /// The value, without quotes.
    value: &'a str,
    /// The closing quote and what follows.
    rest: &'a str,
}

/// Reads `[- ]client_id: 'value'` or `[- ]client_secret: 'value'  # comment`.
fn yaml_credential(line: &str) -> Option<YamlCredential<'_>> {
    let body = line.trim_start();
    let body = match body.strip_prefix('-') {
        Some(after) if after.starts_with([' ', '\t']) => after.trim_start(),
        _ => body,
    };
    let (is_id, after_key) = match body.strip_prefix("client_id:") {
        Some(r) => (true, r),
        None => (false, body.strip_prefix("client_secret:")?),
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
            (inner.get(..end)?, inner.get(end..)?)
        }
        None => {
            let end = value_start
                .find(|c: char| c.is_whitespace() || c == '#')
                .unwrap_or(value_start.len());
            (value_start.get(..end)?, value_start.get(end..)?)
        }
    };
    let head_len = line.len() - value_start.len() + quote.map_or(0, char::len_utf8);
    Some(YamlCredential {
        is_id,
        head: line.get(..head_len)?,
        value,
        rest,
    })
    .filter(|c| !c.value.is_empty())
}

/// A `client_secret:` line of Authelia's configuration as segments, and whether it held
/// a plaintext secret; `None` for any other line.
fn authelia_secret_line(
    line: &str,
    examples: &Examples,
    learned: &mut Learned,
) -> Option<(Vec<Segment>, bool)> {
    let c = yaml_credential(line).filter(|c| !c.is_id)?;
    let plaintext = match c.value.strip_prefix(PLAINTEXT_DIGEST) {
        Some(_) => true,
        None if c.value.starts_with('$') => false,
        None if examples.secret.as_deref() == Some(c.value) => true,
        // Another client's secret (a native app's published one): not the reader's.
        None => return None,
    };
    if !plaintext && is_complete_digest(c.value) {
        learned.digest.get_or_insert_with(|| c.value.to_owned());
    }
    let mut parts = vec![Segment::Text(c.head.to_owned()), Segment::Digest];
    let rest = match digest_comment(c.rest) {
        // Keep whatever followed the comment's closing `'.` (the line break).
        Some((before, _, after)) => format!("{before}{SAFE_DIGEST_COMMENT}{after}"),
        None => c.rest.to_owned(),
    };
    parts.push(Segment::Text(rest));
    Some((parts, plaintext))
}

/// Whether a digest literal is a whole one (not `$pbkdf2-sha512$310000$...`), fit to
/// be shown before the reader sets a secret.
fn is_complete_digest(value: &str) -> bool {
    value.starts_with('$') && !value.contains("...") && value.matches('$').count() >= 3
}

/// Splits `… # The digest of 'plaintext'. …` into the text before the comment, the
/// plaintext and what follows the comment's closing `'.`.
fn digest_comment(text: &str) -> Option<(&str, &str, &str)> {
    let at = text.find(DIGEST_COMMENT)?;
    let after = text.get(at + DIGEST_COMMENT.len()..)?;
    let end = after.find('\'')?;
    let tail = after.get(end + 1..)?;
    Some((
        text.get(..at)?,
        after.get(..end)?,
        tail.strip_prefix('.').unwrap_or(tail),
    ))
}

/// Appends `line[from..]` to `out` with the example secret (wherever it is a whole
/// value) and the example client id (where a key names it) as variables. `line[..from]`
/// is the line's text before it, looked back into but not appended.
///
/// Linear in the line: each match looks back at most [`MAX_ADDRESS_LOOKBACK`] bytes,
/// through a slice of `line`; nothing is copied per match. `true` when the node budget
/// ran out here: the rest of the block is then left out.
fn substitute(
    line: &str,
    from: usize,
    examples: &Examples,
    out: &mut Vec<Segment>,
    budget: &mut Budget,
) -> bool {
    let text = line.get(from..).unwrap_or_default();
    let mut hits: Vec<(usize, &str, &str)> = Vec::new();
    for (example, name) in [(&examples.secret, CLIENT_SECRET), (&examples.id, CLIENT_ID)] {
        let Some(example) = example.as_deref() else {
            continue;
        };
        for (at, _) in text.match_indices(example) {
            let head = line.get(..from + at).unwrap_or_default();
            let after = text.get(at + example.len()..).unwrap_or_default();
            let last = head.chars().next_back();
            let whole = !last.is_some_and(is_unreserved) && !after.starts_with(is_unreserved);
            let context = Context { head };
            let stands = whole
                && (context.in_userinfo(name, after)
                    || (!context.in_address()
                        && (name == CLIENT_SECRET || context.key_names_client_id())));
            if stands {
                hits.push((at, example, name));
            }
        }
    }
    hits.sort_unstable_by_key(|(at, ..)| *at);
    let mut done = 0;
    for (at, example, name) in hits {
        if at < done {
            continue;
        }
        // The variable and the text after it: two segments more. Past the budget the
        // rest of the block is left out, not kept as one run of text: a megabyte line
        // would take the page's thread longer to lay out than every node before it
        // (measured in Chromium: 366 ms for the 1.9 MB credential line kept whole, 70 ms
        // with it left out).
        if budget.room() < 2 {
            budget.nodes_cut = true;
            push_text(out, text.get(done..at).unwrap_or_default());
            return true;
        }
        budget.charge(2);
        push_text(out, text.get(done..at).unwrap_or_default());
        out.push(var(name));
        done = at + example.len();
    }
    push_text(out, text.get(done..).unwrap_or_default());
    false
}

/// What stands before a value on its line.
struct Context<'a> {
    /// The line's text up to the value.
    head: &'a str,
}

impl<'a> Context<'a> {
    /// The last `limit` bytes before the value (fewer at the line's start): a slice,
    /// never a copy.
    fn tail(&self, limit: usize) -> &'a str {
        let cut = self.head.len().saturating_sub(limit);
        let cut = self.head.ceil_char_boundary(cut);
        self.head.get(cut..).unwrap_or_default()
    }

    /// Whether the value sits inside an address (`https://x/?s=value`): `://` before it
    /// with nothing that ends an address in between.
    fn in_address(&self) -> bool {
        self.word().contains("://")
    }

    /// The address-like word the value ends: the tail back to the last character that
    /// ends an address.
    fn word(&self) -> &'a str {
        self.tail(MAX_ADDRESS_LOOKBACK)
            .rsplit(|c: char| c.is_whitespace() || "\"'<>()[]{},`".contains(c))
            .next()
            .unwrap_or_default()
    }

    /// Whether the value is an address's credentials (`https://ID:SECRET@host/`), which
    /// is where an application such as a mail server's token check wants the reader's
    /// own client id and secret. This is code text, never a link: the page shows it and
    /// nothing follows it.
    fn in_userinfo(&self, name: &str, after: &str) -> bool {
        let Some((_, authority)) = self.word().rsplit_once("://") else {
            return false;
        };
        if authority.contains(['/', '?', '#', '@']) {
            return false;
        }
        if name == CLIENT_SECRET {
            // `://user:` before, `@` after.
            after.starts_with('@')
                && authority
                    .strip_suffix(':')
                    .is_some_and(|user| !user.is_empty() && !user.contains(':'))
        } else {
            // Right after `://`, then `:secret@`.
            authority.is_empty()
                && after.starts_with(':')
                && after
                    .split(|c: char| c.is_whitespace() || matches!(c, '/' | '?' | '#'))
                    .next()
                    .is_some_and(|userinfo| userinfo.contains('@'))
        }
    }

    /// Whether a key naming the client id stands right before the value:
    /// `client_id: '`, `CLIENT_ID=`, `"clientId": "`, `'…_client_id' => '`,
    /// `$config['oauth_client_id'] = '`, `--clientid="`, `--client-id `,
    /// `process.env.CLIENT_ID || '`, `<OidClientId>`.
    fn key_names_client_id(&self) -> bool {
        let tail = self.tail(MAX_KEY_LEN);
        let rest = tail.trim_end_matches(['\'', '"']);
        let trimmed = rest.trim_end();
        let key = if let Some(k) = trimmed
            .strip_suffix("=>")
            .or_else(|| trimmed.strip_suffix("||"))
            .or_else(|| trimmed.strip_suffix([':', '=']))
        {
            k
        } else if let Some(k) = trimmed.strip_suffix('>') {
            // An XML element: `<OidClientId>value`.
            match k.rfind('<') {
                Some(open) => k.get(open..).unwrap_or_default(),
                None => return false,
            }
        } else if trimmed.len() < rest.len() {
            // A command's argument: `--client-id value`, `set oidc.client.id value`.
            trimmed
        } else {
            return false;
        };
        let key =
            key.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '\'' | '"' | ']'));
        let word: String = key
            .chars()
            .rev()
            // Spaces too: a label such as `Client ID: value` in inline code.
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' '))
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        // Read backwards: "clientid".
        word.starts_with("ditneilc")
    }
}

/// What a label before inline code says the code is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    ClientId,
    ClientSecret,
    Other,
}

/// Each inline code of a run, with what the text just before it labels it as
/// (``Client ID: `x` ``, ``__Client Secret:__ `y` ``).
fn labelled_code(inlines: &[Inline]) -> Vec<(Label, &[Segment])> {
    super::label::labelled_code(inlines)
        .into_iter()
        .map(|(words, code)| (label(&words), code))
        .collect()
}

/// Reads a label from its words (see [`super::label::words`]).
fn label(words: &str) -> Label {
    if words.ends_with("clientid") {
        Label::ClientId
    } else if words.ends_with("clientsecret") {
        Label::ClientSecret
    } else {
        Label::Other
    }
}

/// Inline code in a run of prose: a labelled client id, and whatever code holds.
fn rewrite_inlines(inlines: &mut [Inline], examples: &Examples, budget: &mut Budget) {
    let labels: Vec<Label> = labelled_code(inlines).into_iter().map(|(l, _)| l).collect();
    let codes = inlines.iter_mut().filter_map(|i| match i {
        Inline::Code(segments) => Some(segments),
        _ => None,
    });
    for (segments, label) in codes.zip(labels) {
        let id = examples.id.as_deref();
        if label == Label::ClientId
            && id.is_some()
            && matches!(segments.as_slice(), [Segment::Text(v)] if Some(v.as_str()) == id)
        {
            *segments = vec![var(CLIENT_ID)];
            continue;
        }
        let mut out = Vec::with_capacity(segments.len());
        let mut line = String::new();
        for seg in segments.drain(..) {
            match seg {
                Segment::Text(text) => {
                    let from = line.len();
                    line.push_str(&text);
                    substitute(&line, from, examples, &mut out, budget);
                }
                other => {
                    line.push('x');
                    out.push(other);
                }
            }
        }
        *segments = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn examples() -> Examples {
        Examples {
            secret: Some("insecure_secret".to_owned()),
            id: Some("grafana".to_owned()),
        }
    }

    /// Code text with the variables shown as `<name>` and the digest as `<digest>`.
    fn shown(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| match s {
                Segment::Text(t) => t.clone(),
                Segment::Variable(v) => format!("<{}>", v.name),
                Segment::Digest => "<digest>".to_owned(),
                Segment::Override(o) => format!("<{}>", o.variable.name),
            })
            .collect()
    }

    fn code(text: &str, authelia: bool) -> (String, bool, Learned) {
        code_segments(vec![Segment::Text(text.to_owned())], authelia)
    }

    fn code_segments(mut segs: Vec<Segment>, authelia: bool) -> (String, bool, Learned) {
        let mut learned = Learned::default();
        let plaintext = rewrite_code(
            &mut segs,
            authelia,
            &examples(),
            &mut learned,
            &mut Budget::default(),
        );
        (shown(&segs), plaintext, learned)
    }

    #[test]
    fn the_example_secret_becomes_the_variable_in_any_language() {
        for (written, expected) in [
            (
                "client_secret = insecure_secret",
                "client_secret = <client-secret>",
            ),
            (
                "\"client_secret\": \"insecure_secret\",",
                "\"client_secret\": \"<client-secret>\",",
            ),
            (
                "GF_CLIENT_SECRET=insecure_secret",
                "GF_CLIENT_SECRET=<client-secret>",
            ),
            (
                "'oidc_login_client_secret' => 'insecure_secret',",
                "'oidc_login_client_secret' => '<client-secret>',",
            ),
            (
                "occ x --clientsecret=\"insecure_secret\"",
                "occ x --clientsecret=\"<client-secret>\"",
            ),
            (
                "<OidSecret>insecure_secret</OidSecret>",
                "<OidSecret><client-secret></OidSecret>",
            ),
        ] {
            assert_eq!(code(written, false).0, expected);
        }
    }

    #[test]
    fn the_example_client_id_becomes_the_variable_only_as_a_client_id() {
        for (written, expected) in [
            ("client_id = grafana", "client_id = <client-id>"),
            (
                "GF_AUTH_GENERIC_OAUTH_CLIENT_ID=grafana",
                "GF_AUTH_GENERIC_OAUTH_CLIENT_ID=<client-id>",
            ),
            (
                "  \"clientId\": \"grafana\"",
                "  \"clientId\": \"<client-id>\"",
            ),
            ("--clientid=\"grafana\"", "--clientid=\"<client-id>\""),
            (
                "'oidc_login_client_id' => 'grafana',",
                "'oidc_login_client_id' => '<client-id>',",
            ),
            (
                "      - client_id: 'grafana'",
                "      - client_id: '<client-id>'",
            ),
            (
                "root_url = https://grafana.example.com",
                "root_url = https://grafana.example.com",
            ),
            ("name: grafana", "name: grafana"),
            ("client_id = grafana-staging", "client_id = grafana-staging"),
            (
                "$config['oauth_client_id'] = 'grafana';",
                "$config['oauth_client_id'] = '<client-id>';",
            ),
            (
                "app config set oidc.client.id grafana",
                "app config set oidc.client.id <client-id>",
            ),
            (
                "id: process.env.CLIENT_ID || 'grafana',",
                "id: process.env.CLIENT_ID || '<client-id>',",
            ),
            ("docker run grafana grafana", "docker run grafana grafana"),
            ("Client ID: grafana", "Client ID: <client-id>"),
        ] {
            assert_eq!(code(written, false).0, expected);
        }
    }

    #[test]
    fn neither_is_replaced_inside_an_address() {
        let (text, ..) = code(
            "url: https://x.example/cb?client_id=grafana&s=insecure_secret",
            false,
        );
        assert_eq!(
            text,
            "url: https://x.example/cb?client_id=grafana&s=insecure_secret"
        );
    }

    #[test]
    fn an_addresss_credentials_are_the_readers() {
        let (text, ..) = code(
            "introspection_url = https://grafana:insecure_secret@auth.example.com/api/oidc/introspection",
            false,
        );
        assert_eq!(
            text,
            "introspection_url = https://<client-id>:<client-secret>@auth.example.com/api/oidc/introspection"
        );
        // Elsewhere in an address, the same words stay.
        let (text, ..) = code("https://auth.example.com/grafana:insecure_secret@x", false);
        assert_eq!(text, "https://auth.example.com/grafana:insecure_secret@x");
    }

    #[test]
    fn one_long_line_of_secrets_is_searched_in_linear_time() {
        use std::time::{Duration, Instant};
        // Each match used to copy the whole line before it: ten times the line cost a
        // hundred times the time. Now it costs ten times; 40 leaves room for noise.
        let time = |bytes: usize| {
            let line = "insecure_secret ".repeat(bytes / 16);
            (0..3)
                .map(|_| {
                    let start = Instant::now();
                    let (_, _, _) = code(&line, false);
                    start.elapsed()
                })
                .min()
                .unwrap_or(Duration::MAX)
        };
        let small = time(100_000);
        let large = time(1_000_000);
        assert!(
            large < small * 40 + Duration::from_millis(20),
            "100 kB: {small:?}, 1 MB: {large:?}"
        );
    }

    #[test]
    fn a_digest_in_authelias_block_becomes_the_node_and_its_comment_quotes_no_plaintext() {
        let (text, plaintext, learned) = code(
            "      client_secret: '$pbkdf2-sha512$310000$a$b'  # The digest of 'insecure_secret'.\n",
            true,
        );
        assert_eq!(
            text,
            format!("      client_secret: '<digest>'  {SAFE_DIGEST_COMMENT}\n")
        );
        assert!(!plaintext);
        assert_eq!(learned.digest.as_deref(), Some("$pbkdf2-sha512$310000$a$b"));
    }

    #[test]
    fn a_plaintext_secret_in_authelias_block_becomes_the_digest_and_is_marked() {
        for written in [
            "        client_secret: 'insecure_secret'\n",
            "        client_secret: '$plaintext$insecure_secret'\n",
        ] {
            let (text, plaintext, learned) = code(written, true);
            assert_eq!(text, "        client_secret: '<digest>'\n");
            assert!(plaintext);
            assert_eq!(learned.digest, None, "a plaintext is no digest to show");
        }
    }

    #[test]
    fn the_client_secret_variable_in_authelias_block_becomes_the_digest_and_is_marked() {
        let text = |t: &str| Segment::Text(t.to_owned());
        for (before, after) in [
            ("        client_secret: '", "'\n"),
            ("        client_secret: '$plaintext$", "'\n"),
        ] {
            let (shown, plaintext, _) =
                code_segments(vec![text(before), var(CLIENT_SECRET), text(after)], true);
            assert_eq!(shown, "        client_secret: '<digest>'\n");
            assert!(plaintext);
        }
        // Outside Authelia's configuration the application gets the plaintext.
        let (shown, plaintext, _) = code_segments(
            vec![text("CLIENT_SECRET="), var(CLIENT_SECRET), text("\n")],
            false,
        );
        assert_eq!(shown, "CLIENT_SECRET=<client-secret>\n");
        assert!(!plaintext);
    }

    #[test]
    fn a_block_titled_configuration_yml_is_authelias() {
        let fragment = [Segment::Text("      - client_id: 'x'\n".to_owned())];
        assert!(is_authelia_configuration(
            Some("configuration.yml"),
            &fragment
        ));
        assert!(is_authelia_configuration(
            Some("/config/configuration.yml"),
            &fragment
        ));
        assert!(!is_authelia_configuration(
            Some("configuration.yaml"),
            &fragment
        ));
        assert!(!is_authelia_configuration(None, &fragment));
    }

    #[test]
    fn another_clients_secret_in_authelias_block_stays() {
        let line = "        client_secret: 'UBntmLjC2yYCeHwsyj73Uwo9'\n";
        let (text, plaintext, learned) = code(line, true);
        assert_eq!(text, line);
        assert!(!plaintext);
        assert_eq!(learned.digest, None);
    }

    #[test]
    fn an_elided_digest_is_not_taken_as_the_default() {
        let (text, _, learned) = code("client_secret: '$pbkdf2-sha512$310000$...'\n", true);
        assert_eq!(text, "client_secret: '<digest>'\n");
        assert_eq!(learned.digest, None);
    }

    #[test]
    fn labels_name_the_client_id_and_secret() {
        use crate::label::words;
        assert_eq!(label(&words("__Client ID:__ ")), Label::ClientId);
        assert_eq!(label(&words("OIDC Client ID: ")), Label::ClientId);
        assert_eq!(label(&words("Client Secret: ")), Label::ClientSecret);
        assert_eq!(label(&words("Client Key: ")), Label::Other);
    }
}
