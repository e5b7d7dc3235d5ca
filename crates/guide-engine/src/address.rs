//! The application's address as a value: a guide's "Application Root URL" becomes the
//! variable [`APPLICATION_URL`] wherever the guide writes that address, so a reader
//! whose application lives at `https://analytics.example.org/` or
//! `https://example.org/matomo/` gets their own redirect URI, settings and links.
//!
//! A guide states the address once, as an assumption
//! (``- __Application Root URL:__ `https://matomo.{{< sitevar name="domain" >}}/` ``):
//! the first inline code labelled "Application Root URL" (or "Application URL") that
//! is an address (see [`Root::from_code`]). Its default is that address at the guide's
//! defaults (`https://matomo.example.com/`).
//!
//! Then, in code blocks and inline code of any language, in prose and in web links and
//! images, every place the guide writes the address without its final `/`
//! (`https://matomo.` then the domain variable), alone or as the start of a longer
//! address (`…/index.php?module=LoginOIDC`), becomes an [`Override`]: the variable in
//! [`Format::Root`] (the reader's value without its final `/`, which the guide writes
//! itself), showing what the guide wrote until the reader sets a value. A page at its
//! defaults therefore reads exactly as the guide does, and typing a domain still
//! changes the address.
//!
//! The same address hard-coded at the guide's defaults (`https://matomo.example.com`)
//! becomes an override too, showing that text until the reader sets the variable.
//!
//! Only where the address ends: what follows it is nothing, a `/`, `?`, `#`, a quote,
//! a space or punctuation, never a character that would make it a longer host
//! (`https://matomo.example.com.evil/`, `…-staging`), credentials (`@`) or another
//! port (`:8443`, another origin: not the application's address). An address that
//! uses Authelia's subdomain names Authelia, not the application, and makes no
//! variable; nor does a guide that writes the variable itself.

use super::budget::Budget;
use super::document::{Block, Inline, Override, Segment, Source, Target, Url, UrlPart};
use super::label::labelled_code;
use super::variables::{self, APPLICATION_URL, Format, Kind, Registry, VarRef, validate_as};
use super::walk::{Node, NodeMut, walk, walk_mut};

/// The label words of the assumption (see [`crate::label::words`]): Authelia's
/// "Application Root URL", and the shorter "Application URL".
const LABELS: [&str; 2] = ["applicationrooturl", "applicationurl"];

/// Most pieces (runs of text and variables) the assumption's address may be written
/// in. Authelia's guides write three (`https://matomo.`, the domain, `/`); nine leaves
/// room for a host built from several values, and keeps the check of each place the
/// address could start short, so the stage stays linear in the guide.
const MAX_PIECES: usize = 9;

/// Authelia's own subdomain variable: an address written with it is Authelia's.
const AUTHELIA_SUBDOMAIN: &str = "subdomain-authelia";

/// Nodes one replacement may add at most, besides the pieces of the address: the
/// [`Override`] itself and the text a run is split into on either side of it.
const NODES_PER_REPLACEMENT: usize = 3;

/// Makes the application's address a variable (see the module documentation).
pub(crate) fn recognise(blocks: &mut Vec<Block>, registry: &mut Registry, budget: &mut Budget) {
    if registry.is_admitted(APPLICATION_URL) {
        // The guide writes the variable itself: its own text is what it means.
        return;
    }
    let Some((root, default)) = assumption(blocks, registry) else {
        return;
    };
    if !registry.define(APPLICATION_URL, Some(&default)) {
        return;
    }
    // The address as the guide writes it, then as it reads at the guide's defaults
    // when the guide hard-codes it somewhere (`https://dns.example.com/sso/callback`).
    let literal = root.at_defaults(registry);
    let roots: Vec<&Root> = std::iter::once(&root).chain(literal.as_ref()).collect();
    walk_mut(blocks, &mut |mut node| {
        for root in &roots {
            match &mut node {
                NodeMut::Segments(segments) => rewrite(segments, root, budget),
                NodeMut::Inlines(run) => {
                    rewrite(run, root, budget);
                    for inline in run.iter_mut() {
                        match inline {
                            Inline::Link {
                                target: Target::Web(url),
                                ..
                            }
                            | Inline::Image {
                                source: Source::Web(url),
                                ..
                            } => rewrite_url(url, root, budget),
                            _ => {}
                        }
                    }
                }
                NodeMut::Block(Block::Figure {
                    source: Source::Web(url),
                    ..
                }) => rewrite_url(url, root, budget),
                NodeMut::Block(_) | NodeMut::Blocks(_) => {}
            }
        }
    });
}

/// The guide's assumption, in reading order: the first labelled inline code that is an
/// address, with the variable's default.
fn assumption(blocks: &[Block], registry: &Registry) -> Option<(Root, String)> {
    walk(blocks).find_map(|node| match node {
        Node::Block(Block::Paragraph(inlines) | Block::Heading { inlines, .. }) => {
            labelled_code(inlines)
                .into_iter()
                .filter(|(words, _)| LABELS.iter().any(|l| words.ends_with(l)))
                .find_map(|(_, code)| Root::from_code(code, registry))
        }
        _ => None,
    })
}

/// A piece of the address as the guide writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Atom {
    /// Text, never empty, never beside another text.
    Text(String),
    /// A variable occurrence.
    Variable(VarRef),
}

/// The application's address as the guide writes it, without its final `/`: a text
/// that starts with the scheme, then texts and variables.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Root {
    /// The first text, starting with `https://` or `http://`.
    head: String,
    /// The pieces after it.
    rest: Vec<Atom>,
}

impl Root {
    /// The address inline code holds, with its text at the guide's defaults; `None`
    /// when the code is not an address the reader's value may stand for: not an
    /// absolute web address with no query at its defaults (see
    /// [`variables::validate_as`]), holding a space, a secret, the digest or Authelia's
    /// subdomain, or written in more than [`MAX_PIECES`] pieces.
    fn from_code(code: &[Segment], registry: &Registry) -> Option<(Root, String)> {
        let mut atoms: Vec<Atom> = Vec::new();
        let mut default = String::new();
        for segment in code {
            match segment {
                Segment::Text(t) => {
                    default.push_str(t);
                    match atoms.last_mut() {
                        Some(Atom::Text(previous)) => previous.push_str(t),
                        _ if t.is_empty() => {}
                        _ => atoms.push(Atom::Text(t.clone())),
                    }
                }
                Segment::Variable(v)
                    if !v.is_secret()
                        && v.name != AUTHELIA_SUBDOMAIN
                        && v.name != APPLICATION_URL =>
                {
                    let value = registry.describe(&v.name).default;
                    default.push_str(&variables::present(&v.name, &value, v.format));
                    atoms.push(Atom::Variable(v.clone()));
                }
                Segment::Variable(_) | Segment::Digest | Segment::Override(_) => return None,
            }
        }
        if atoms.len() > MAX_PIECES || validate_as(APPLICATION_URL, Kind::Url, &default).is_err() {
            return None;
        }
        let spaced = atoms
            .iter()
            .any(|a| matches!(a, Atom::Text(t) if t.contains(char::is_whitespace)));
        if spaced {
            return None;
        }
        // The root: the guide writes its own `/` after it.
        if let Some(Atom::Text(last)) = atoms.last_mut()
            && last.ends_with('/')
        {
            last.pop();
            if last.is_empty() {
                atoms.pop();
            }
        }
        let mut atoms = atoms.into_iter();
        let Some(Atom::Text(head)) = atoms.next() else {
            return None;
        };
        let scheme = head.get(..8).unwrap_or(&head).to_ascii_lowercase();
        if !(scheme.starts_with("https://") || scheme.starts_with("http://")) {
            return None;
        }
        Some((
            Root {
                head,
                rest: atoms.collect(),
            },
            default,
        ))
    }

    /// The address as it reads at the guide's defaults, in one piece
    /// (`https://matomo.example.com`), when the guide writes it with variables: a guide
    /// that hard-codes its own address somewhere means the same address there. What
    /// stands there shows that text until the reader sets the variable, as before.
    fn at_defaults(&self, registry: &Registry) -> Option<Root> {
        if self.rest.is_empty() {
            return None;
        }
        let mut head = self.head.clone();
        for atom in &self.rest {
            match atom {
                Atom::Text(t) => head.push_str(t),
                Atom::Variable(v) => {
                    let value = registry.describe(&v.name).default;
                    head.push_str(&variables::present(&v.name, &value, v.format));
                }
            }
        }
        Some(Root {
            head,
            rest: Vec::new(),
        })
    }

    /// The node that stands where the guide wrote the address.
    fn replacement(&self) -> Override {
        let written = std::iter::once(UrlPart::Text(self.head.clone()))
            .chain(self.rest.iter().map(|a| match a {
                Atom::Text(t) => UrlPart::Text(t.clone()),
                Atom::Variable(v) => UrlPart::Variable(v.clone()),
            }))
            .collect();
        Override {
            variable: VarRef {
                name: APPLICATION_URL.to_owned(),
                format: Format::Root,
            },
            written,
        }
    }

    /// Nodes one replacement may add.
    fn cost(&self) -> usize {
        1 + self.rest.len() + NODES_PER_REPLACEMENT
    }
}

/// What a run's member is to the search.
enum Piece<'a> {
    Text(&'a str),
    Variable(&'a VarRef),
    /// A line break in prose: the address ends before it.
    Space,
    /// Anything else (the digest, markup, an override already made).
    Other,
}

/// A run the address is searched in: code segments, prose inlines or address parts.
trait Run: Sized {
    /// What this member is to the search.
    fn piece(&self) -> Piece<'_>;
    /// A member of text.
    fn text(text: String) -> Self;
    /// The member that stands for the address.
    fn standing(o: Override) -> Self;
    /// The member's text, or the member when it is not text.
    fn into_text(self) -> Result<String, Self>;
}

impl Run for Segment {
    fn piece(&self) -> Piece<'_> {
        match self {
            Segment::Text(t) => Piece::Text(t),
            Segment::Variable(v) => Piece::Variable(v),
            Segment::Digest | Segment::Override(_) => Piece::Other,
        }
    }
    fn text(text: String) -> Self {
        Segment::Text(text)
    }
    fn standing(o: Override) -> Self {
        Segment::Override(o)
    }
    fn into_text(self) -> Result<String, Self> {
        match self {
            Segment::Text(t) => Ok(t),
            other => Err(other),
        }
    }
}

impl Run for Inline {
    fn piece(&self) -> Piece<'_> {
        match self {
            Inline::Text(t) => Piece::Text(t),
            Inline::Variable(v) => Piece::Variable(v),
            Inline::SoftBreak | Inline::LineBreak => Piece::Space,
            _ => Piece::Other,
        }
    }
    fn text(text: String) -> Self {
        Inline::Text(text)
    }
    fn standing(o: Override) -> Self {
        Inline::Override(o)
    }
    fn into_text(self) -> Result<String, Self> {
        match self {
            Inline::Text(t) => Ok(t),
            other => Err(other),
        }
    }
}

impl Run for UrlPart {
    fn piece(&self) -> Piece<'_> {
        match self {
            UrlPart::Text(t) => Piece::Text(t),
            UrlPart::Variable(v) => Piece::Variable(v),
            UrlPart::Override(_) => Piece::Other,
        }
    }
    fn text(text: String) -> Self {
        UrlPart::Text(text)
    }
    fn standing(o: Override) -> Self {
        UrlPart::Override(o)
    }
    fn into_text(self) -> Result<String, Self> {
        match self {
            UrlPart::Text(t) => Ok(t),
            other => Err(other),
        }
    }
}

/// Where the address was found in a run: from byte `cut` of member `first` (text) to
/// byte `end` of member `last` (text), or through the whole of `last` (a variable) when
/// `end` is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    first: usize,
    cut: usize,
    last: usize,
    end: Option<usize>,
}

impl Found {
    /// The earliest place the next one may start.
    fn after(self) -> (usize, usize) {
        match self.end {
            Some(end) => (self.last, end),
            None => (self.last.saturating_add(1), 0),
        }
    }
}

/// Every place the address stands in `items`, in order, none overlapping.
///
/// Linear in the run: each text member is looked at as a start once (an address in one
/// piece with `match_indices`, which is linear), and a start is checked against at most
/// [`MAX_PIECES`] members and four characters around it.
fn find<P: Run>(items: &[P], root: &Root) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut next = (0, 0);
    for (i, item) in items.iter().enumerate() {
        let Piece::Text(s) = item.piece() else {
            continue;
        };
        if root.rest.is_empty() {
            for (cut, _) in s.match_indices(root.head.as_str()) {
                let end = cut + root.head.len();
                if (i, cut) >= next
                    && starts_alone(items, i, s, cut)
                    && ends_alone(items, i, s, end)
                {
                    let f = Found {
                        first: i,
                        cut,
                        last: i,
                        end: Some(end),
                    };
                    next = f.after();
                    found.push(f);
                }
            }
        } else if let Some(cut) = s.strip_suffix(root.head.as_str()).map(str::len)
            && (i, cut) >= next
            && starts_alone(items, i, s, cut)
            && let Some(f) = rest_follows(items, i, cut, &root.rest)
        {
            next = f.after();
            found.push(f);
        }
    }
    found
}

/// Whether the pieces after the head follow member `first`, the address ending there.
fn rest_follows<P: Run>(items: &[P], first: usize, cut: usize, rest: &[Atom]) -> Option<Found> {
    let mut at = first;
    for (n, atom) in rest.iter().enumerate() {
        at += 1;
        let last = n + 1 == rest.len();
        match (atom, items.get(at)?.piece()) {
            (Atom::Variable(v), Piece::Variable(w)) if v == w => {
                if last {
                    let end = ends_alone(items, at, "", 0);
                    return end.then_some(Found {
                        first,
                        cut,
                        last: at,
                        end: None,
                    });
                }
            }
            (Atom::Text(t), Piece::Text(s)) if last => {
                let end = t.len();
                let ends = s.starts_with(t.as_str()) && ends_alone(items, at, s, end);
                return ends.then_some(Found {
                    first,
                    cut,
                    last: at,
                    end: Some(end),
                });
            }
            (Atom::Text(t), Piece::Text(s)) if s == t => {}
            _ => return None,
        }
    }
    None
}

/// Whether nothing before byte `cut` of member `i` (text `s`) makes the address part of
/// another word: a letter, digit or scheme character (`git+https://`) right before it.
fn starts_alone<P: Run>(items: &[P], i: usize, s: &str, cut: usize) -> bool {
    let before = match s.get(..cut).and_then(|b| b.chars().next_back()) {
        Some(c) => Some(c),
        None => match i.checked_sub(1).and_then(|p| items.get(p)).map(Run::piece) {
            Some(Piece::Text(t)) => t.chars().next_back(),
            Some(Piece::Variable(_)) => Some('x'),
            Some(Piece::Space | Piece::Other) | None => None,
        },
    };
    !before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Whether the address ends at byte `end` of member `i` (text `s`; `""` and 0 for a
/// variable): see the module documentation.
fn ends_alone<P: Run>(items: &[P], i: usize, s: &str, end: usize) -> bool {
    let own = s.get(end..).unwrap_or_default().chars().take(2);
    // What the next member starts with; a variable or markup goes on with the address.
    let next: Vec<char> = match items.get(i + 1).map(Run::piece) {
        Some(Piece::Text(t)) => t.chars().take(2).collect(),
        Some(Piece::Space) => vec![' '],
        Some(Piece::Variable(_) | Piece::Other) => vec!['x'],
        None => Vec::new(),
    };
    let mut after = own.chain(next);
    let (first, second) = (after.next(), after.next());
    match first {
        None => true,
        // A longer host, a longer path word, or credentials.
        Some(c) if c.is_alphanumeric() || matches!(c, '-' | '_' | '~' | '%' | '@' | '+') => false,
        // A longer host (`.evil`), or the end of a sentence.
        Some('.') => !second.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '_')),
        // Another port: another origin, not the application's address.
        Some(':') => !second.is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    }
}

/// Replaces every place the address stands in `items`; past the node budget the rest
/// stay as written and the guide says it passed the limit.
fn rewrite<P: Run>(items: &mut Vec<P>, root: &Root, budget: &mut Budget) {
    let mut found = find(items, root);
    if found.is_empty() {
        return;
    }
    let fits = budget.room() / root.cost();
    if found.len() > fits {
        found.truncate(fits);
        budget.nodes_cut = true;
    }
    budget.charge(found.len() * root.cost());
    let mut found = found.into_iter().peekable();
    let old = std::mem::take(items);
    let mut out: Vec<P> = Vec::with_capacity(old.len() + 2 * found.len());
    let mut members = old.into_iter().enumerate();
    while let Some((start, item)) = members.next() {
        if found.peek().is_none_or(|f| f.first != start) {
            out.push(item);
            continue;
        }
        let mut text = match item.into_text() {
            Ok(text) => text,
            // Never: `find` starts each address in text. Were it not, the member
            // stays and so do the addresses starting there.
            Err(item) => {
                out.push(item);
                while found.next_if(|f| f.first == start).is_some() {}
                continue;
            }
        };
        let (mut at, mut from) = (start, 0);
        while let Some(f) = found.next_if(|f| f.first == at) {
            push_text(&mut out, text.get(from..f.cut).unwrap_or_default());
            out.push(P::standing(root.replacement()));
            if f.last == at {
                from = f.end.unwrap_or(text.len());
                continue;
            }
            // The members the address spans: the last keeps what follows it.
            let last = members.by_ref().find(|(j, _)| *j == f.last).map(|(_, m)| m);
            at = f.last;
            // `find` saw text there when it ends in text; a variable it ends with is
            // the override's.
            (text, from) = match (f.end, last.map(Run::into_text)) {
                (Some(end), Some(Ok(t))) => (t, end),
                _ => (String::new(), 0),
            };
        }
        push_text(&mut out, text.get(from..).unwrap_or_default());
    }
    *items = out;
}

/// Appends a member of text, unless it is empty.
fn push_text<P: Run>(out: &mut Vec<P>, text: &str) {
    if !text.is_empty() {
        out.push(P::text(text.to_owned()));
    }
}

/// Replaces the address in a link's or image's address.
fn rewrite_url(url: &mut Url, root: &Root, budget: &mut Budget) {
    if find(url.parts(), root).is_empty() {
        return;
    }
    let mut parts = url.parts().to_vec();
    rewrite(&mut parts, root, budget);
    // Never refused: the override holds the guide's own non-secret parts.
    if let Ok(rewritten) = Url::from_parts(parts) {
        *url = rewritten;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn domain() -> VarRef {
        VarRef {
            name: "domain".to_owned(),
            format: Format::Plain,
        }
    }

    fn text(t: &str) -> Segment {
        Segment::Text(t.to_owned())
    }

    /// The assumption `https://matomo.{domain}/`.
    fn matomo() -> Root {
        let mut registry = Registry::default();
        registry.define("domain", Some("example.com"));
        let code = [
            text("https://matomo."),
            Segment::Variable(domain()),
            text("/"),
        ];
        let (root, default) = Root::from_code(&code, &registry).expect("an address");
        assert_eq!(default, "https://matomo.example.com/");
        root
    }

    /// Code with the domain as `{d}`, rewritten, shown with `<app>` for the override.
    fn rewritten(code: &str) -> String {
        let mut segments = Vec::new();
        for (i, piece) in code.split("{d}").enumerate() {
            if i > 0 {
                segments.push(Segment::Variable(domain()));
            }
            if !piece.is_empty() {
                segments.push(text(piece));
            }
        }
        rewrite(&mut segments, &matomo(), &mut Budget::default());
        segments
            .iter()
            .map(|s| match s {
                Segment::Text(t) => t.clone(),
                Segment::Variable(v) => format!("{{{}}}", v.name.get(..1).unwrap_or_default()),
                Segment::Override(o) => {
                    assert_eq!(o.written, matomo().replacement().written);
                    "<app>".to_owned()
                }
                Segment::Digest => "<digest>".to_owned(),
            })
            .collect()
    }

    #[test]
    fn the_address_is_replaced_alone_or_as_the_start_of_a_longer_one() {
        for (code, expected) in [
            ("https://matomo.{d}/", "<app>/"),
            ("https://matomo.{d}", "<app>"),
            (
                "  - 'https://matomo.{d}/index.php?module=LoginOIDC'\n",
                "  - '<app>/index.php?module=LoginOIDC'\n",
            ),
            ("root_url = https://matomo.{d}\n", "root_url = <app>\n"),
            ("URL=\"https://matomo.{d}\"", "URL=\"<app>\""),
            (
                "https://matomo.{d}?x=1 https://matomo.{d}#top",
                "<app>?x=1 <app>#top",
            ),
            ("see https://matomo.{d}.", "see <app>."),
            (
                "(https://matomo.{d}), https://matomo.{d}: done",
                "(<app>), <app>: done",
            ),
        ] {
            assert_eq!(rewritten(code), expected, "{code}");
        }
    }

    #[test]
    fn a_longer_host_another_port_or_credentials_are_not_the_address() {
        for code in [
            "https://matomo.{d}.evil/",
            "https://matomo.{d}-staging/",
            "https://matomo.{d}:8443/",
            "https://matomo.{d}@evil.example/",
            "https://matomo.{d}{d}",
            "https://analytics-matomo.{d}/",
            "git+https://matomo.{d}/",
            "http://matomo.{d}/",
            "https://auth.{d}/",
        ] {
            assert_eq!(rewritten(code), code, "{code}");
        }
        // The address holds the host whole: a prefix of it is not one.
        assert_eq!(rewritten("xhttps://matomo.{d}/"), "xhttps://matomo.{d}/");
    }

    #[test]
    fn an_assumption_that_is_not_an_applications_address_makes_no_variable() {
        let mut registry = Registry::default();
        registry.define("domain", Some("example.com"));
        registry.define(AUTHELIA_SUBDOMAIN, Some("auth"));
        let sub = VarRef {
            name: AUTHELIA_SUBDOMAIN.to_owned(),
            format: Format::Plain,
        };
        for code in [
            vec![
                text("incus config set oidc.audience https://incus."),
                Segment::Variable(domain()),
            ],
            vec![
                text("https://"),
                Segment::Variable(sub),
                text("."),
                Segment::Variable(domain()),
                text("/"),
            ],
            vec![text("matomo."), Segment::Variable(domain())],
            vec![text("https://matomo.example.com/?a=b")],
            vec![text("https://matomo."), Segment::Digest],
        ] {
            assert_eq!(Root::from_code(&code, &registry), None, "{code:?}");
        }
    }

    #[test]
    fn the_address_hard_coded_at_the_defaults_is_the_same_address() {
        let mut registry = Registry::default();
        registry.define("domain", Some("example.com"));
        let literal = matomo()
            .at_defaults(&registry)
            .expect("written with a variable");
        assert_eq!(literal.head, "https://matomo.example.com");
        assert!(literal.rest.is_empty());
        let mut segments = vec![text(
            "- 'https://matomo.example.com/cb'\n- 'https://matomo.example.com.evil/'\n",
        )];
        rewrite(&mut segments, &literal, &mut Budget::default());
        let written: Vec<&Vec<UrlPart>> = segments
            .iter()
            .filter_map(|s| match s {
                Segment::Override(o) => Some(&o.written),
                _ => None,
            })
            .collect();
        assert_eq!(
            written,
            [&vec![UrlPart::Text(
                "https://matomo.example.com".to_owned()
            )]]
        );
    }

    #[test]
    fn an_address_without_variables_is_found_in_its_text() {
        let registry = Registry::default();
        let (root, default) =
            Root::from_code(&[text("https://app.example.net/")], &registry).expect("an address");
        assert_eq!(default, "https://app.example.net/");
        let mut segments = vec![text(
            "a=https://app.example.net/cb b=https://app.example.net.evil/ c=https://app.example.net",
        )];
        rewrite(&mut segments, &root, &mut Budget::default());
        let overrides = segments
            .iter()
            .filter(|s| matches!(s, Segment::Override(_)))
            .count();
        assert_eq!(overrides, 2);
        assert_eq!(
            segments.first(),
            Some(&text("a=")),
            "the text before it stays"
        );
    }
}
