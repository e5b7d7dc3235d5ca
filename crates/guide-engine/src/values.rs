//! The reader's values: a name → value map with each variable's default behind it, and
//! the function that gives any segment its text for those values.
//!
//! One function gives a run of segments its text, [`resolve_from`], whoever holds the
//! values: a [`Values`] map (native code: the `authelia-check` command, tests) or the
//! page's live fields (its `Session`), each a [`ValueSource`]. So the page's block and the
//! command line's block for the same values are the same text, by construction. One
//! rule, [`typed_value`], turns what a reader types into a value, for the page's fields
//! and the command line's `--value`; the addresses the reader's values give
//! ([`authelia_url`], [`live_default`]) are computed once here too, for both.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::document::{Document, Override, Segment, Url, UrlPart};
use super::variables::{self, Format, ValueError, VarRef, Variable};

/// Where a segment's text comes from: the reader's values and the digest of their secret.
/// [`Values`] with a digest is one ([`resolve_all`]); the page's session is another.
pub trait ValueSource {
    /// The text an occurrence shows: its variable's value in the occurrence's format.
    fn present(&self, occurrence: &VarRef) -> String;
    /// Whether the reader set this variable, so that an [`Override`] of it shows the
    /// reader's value rather than what the guide wrote.
    fn is_set(&self, name: &str) -> bool;
    /// The digest of the reader's secret as the block shows it (already written for the
    /// file the block is, e.g. `$` doubled for Docker Compose).
    fn digest(&self) -> String;
}

/// What a reader's text gives a variable, by the page's rule: the text is trimmed; blank,
/// or the variable's default, is no value of the reader's (`Ok(None)`: the default shows,
/// and an [`Override`] shows what the guide wrote); otherwise the trimmed text, once the
/// variable accepts it.
///
/// # Errors
/// The [`ValueError`] of [`Variable::validate`] when the variable refuses the text.
pub fn typed_value(variable: &Variable, typed: &str) -> Result<Option<String>, ValueError> {
    let trimmed = typed.trim();
    if trimmed.is_empty() || trimmed == variable.default {
        return Ok(None);
    }
    variable.validate(trimmed)?;
    Ok(Some(trimmed.to_owned()))
}

/// Values for a document's variables. Unset (or set-empty) names show their default,
/// as on Authelia's site, where an empty stored value means the default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values {
    defaults: BTreeMap<String, String>,
    set: BTreeMap<String, String>,
}

impl Values {
    /// Values holding only these variables' defaults.
    pub fn new(variables: &[Variable]) -> Values {
        let defaults = variables
            .iter()
            .map(|v| (v.name.clone(), v.default.clone()))
            .collect();
        Values {
            defaults,
            set: BTreeMap::new(),
        }
    }

    /// Values holding the document's defaults.
    pub fn for_document(document: &Document) -> Values {
        Values::new(document.variables())
    }

    /// Sets a value; an empty value restores the default.
    pub fn set(&mut self, name: &str, value: &str) {
        if value.is_empty() {
            self.set.remove(name);
        } else {
            self.set.insert(name.to_owned(), value.to_owned());
        }
    }

    /// The raw value of a variable: what was set, else its default, else the site
    /// default for a known name, else empty.
    pub fn get(&self, name: &str) -> Cow<'_, str> {
        match self.set.get(name).or_else(|| self.defaults.get(name)) {
            Some(v) => Cow::Borrowed(v.as_str()),
            None => Cow::Owned(variables::describe(name, None).default),
        }
    }

    /// Whether the reader set this name (as opposed to showing its default).
    pub fn is_set(&self, name: &str) -> bool {
        self.set.contains_key(name)
    }

    /// The text an occurrence shows: the value in the occurrence's format.
    pub fn present(&self, occurrence: &VarRef) -> String {
        variables::present(
            &occurrence.name,
            &self.get(&occurrence.name),
            occurrence.format,
        )
        .into_owned()
    }

    /// The text an [`Override`] shows: the reader's value of its variable once set,
    /// else what the guide wrote, with these values.
    pub fn resolve_override(&self, o: &Override) -> String {
        o.resolve(self.is_set(&o.variable.name), &|v| self.present(v))
    }
}

/// Authelia's public address for the reader's values, `https://<subdomain-authelia>.<domain>/`,
/// each value given by `present` (the page's live fields, or [`Values::present`]).
pub fn authelia_url(present: &dyn Fn(&VarRef) -> String) -> String {
    let plain = |name: &str| {
        present(&VarRef {
            name: name.to_owned(),
            format: Format::Plain,
        })
    };
    format!(
        "https://{}.{}/",
        plain("subdomain-authelia"),
        plain("domain")
    )
}

/// What a variable whose default follows the reader's other values (the application's
/// address, `https://matomo.<domain>/`) stands for until the reader sets it: what the
/// guide wrote ([`Document::written_default`]) with the values `present` gives, then `/`
/// when the variable's default ends with one. `None` for every other variable.
pub fn live_default(
    document: &Document,
    name: &str,
    present: &dyn Fn(&VarRef) -> String,
) -> Option<String> {
    let written = document.written_default(name)?;
    let mut text = written.resolve(false, present);
    if document
        .variable(name)
        .is_some_and(|v| v.default.ends_with('/'))
    {
        text.push('/');
    }
    Some(text)
}

/// [`Values`] and the digest of the reader's secret: a [`ValueSource`].
struct WithDigest<'a> {
    values: &'a Values,
    digest: &'a str,
}

impl ValueSource for WithDigest<'_> {
    fn present(&self, occurrence: &VarRef) -> String {
        self.values.present(occurrence)
    }

    fn is_set(&self, name: &str) -> bool {
        self.values.is_set(name)
    }

    fn digest(&self) -> String {
        self.digest.to_owned()
    }
}

/// The text of one segment from `source`.
pub fn resolve_segment<'a>(segment: &'a Segment, source: &'a impl ValueSource) -> Cow<'a, str> {
    match segment {
        Segment::Text(t) => Cow::Borrowed(t),
        Segment::Variable(v) => Cow::Owned(source.present(v)),
        Segment::Digest => Cow::Owned(source.digest()),
        Segment::Override(o) => {
            Cow::Owned(o.resolve(source.is_set(&o.variable.name), &|v| source.present(v)))
        }
    }
}

/// The text of a run of segments (a code block) from `source`: the one function the
/// page and native code give a block its text with.
pub fn resolve_from(segments: &[Segment], source: &impl ValueSource) -> String {
    // Each segment's text owned and collected, as the page's own loop did: of the shapes
    // measured (borrowed text, one string pushed onto, a `dyn` source, closures), this
    // one adds least to the page's wasm.
    segments
        .iter()
        .map(|segment| match segment {
            Segment::Text(t) => t.clone(),
            Segment::Variable(v) => source.present(v),
            Segment::Digest => source.digest(),
            Segment::Override(o) => {
                o.resolve(source.is_set(&o.variable.name), &|v| source.present(v))
            }
        })
        .collect()
}

/// The text of one segment for the given values and digest of the reader's secret.
pub fn resolve<'a>(segment: &'a Segment, values: &Values, digest: &'a str) -> Cow<'a, str> {
    match segment {
        // Borrowed as they stand: no copy of a block's text.
        Segment::Text(t) => Cow::Borrowed(t),
        Segment::Digest => Cow::Borrowed(digest),
        other => Cow::Owned(resolve_segment(other, &WithDigest { values, digest }).into_owned()),
    }
}

/// The text of a run of segments (a code block).
pub fn resolve_all(segments: &[Segment], values: &Values, digest: &str) -> String {
    resolve_from(segments, &WithDigest { values, digest })
}

/// The text of an address for the given values.
pub fn resolve_url(url: &Url, values: &Values) -> String {
    url.parts()
        .iter()
        .map(|part| match part {
            UrlPart::Text(t) => Cow::Borrowed(t.as_str()),
            UrlPart::Variable(v) => Cow::Owned(values.present(v)),
            UrlPart::Override(o) => Cow::Owned(values.resolve_override(o)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::variables::{Format, describe};

    #[test]
    fn empty_value_restores_default() {
        let mut values = Values::new(&[describe("domain", None)]);
        values.set("domain", "example.co.uk");
        assert_eq!(values.get("domain"), "example.co.uk");
        values.set("domain", "");
        assert_eq!(values.get("domain"), "example.com");
    }

    #[test]
    fn segments_resolve_with_format_and_digest() {
        let mut values = Values::new(&[describe("domain", None)]);
        values.set("domain", "a.b.c");
        let dn = Segment::Variable(VarRef {
            name: "domain".into(),
            format: Format::Dn,
        });
        assert_eq!(resolve(&dn, &values, ""), "DC=a,DC=b,DC=c");
        assert_eq!(resolve(&Segment::Digest, &values, "$d"), "$d");
        let tls = Segment::Variable(VarRef {
            name: "tls".into(),
            format: Format::Plain,
        });
        assert_eq!(resolve(&tls, &values, ""), "http");
    }

    #[test]
    fn a_typed_value_is_trimmed_and_the_default_or_blank_is_no_value() {
        let domain = describe("domain", None);
        assert_eq!(
            typed_value(&domain, " example.org "),
            Ok(Some("example.org".into()))
        );
        assert_eq!(typed_value(&domain, "example.com"), Ok(None), "the default");
        assert_eq!(typed_value(&domain, "  \t"), Ok(None), "blank");
        assert!(typed_value(&domain, "exa mple.org").is_err());
        assert!(typed_value(&describe("port", None), "70000").is_err());
    }

    /// A source of its own: what the page's session is to [`resolve_from`].
    struct Fixed;

    impl ValueSource for Fixed {
        fn present(&self, occurrence: &VarRef) -> String {
            format!("<{}>", occurrence.name)
        }
        fn is_set(&self, _: &str) -> bool {
            false
        }
        fn digest(&self) -> String {
            "$$d".to_owned()
        }
    }

    #[test]
    fn any_source_gives_a_block_its_text_as_values_do() {
        let segments = vec![
            Segment::Text("a: ".into()),
            Segment::Variable(VarRef {
                name: "domain".into(),
                format: Format::Plain,
            }),
            Segment::Text("\nb: ".into()),
            Segment::Digest,
        ];
        assert_eq!(resolve_from(&segments, &Fixed), "a: <domain>\nb: $$d");
        let mut values = Values::new(&[describe("domain", None)]);
        values.set("domain", "example.org");
        assert_eq!(
            resolve_all(&segments, &values, "$d"),
            "a: example.org\nb: $d"
        );
    }

    #[test]
    fn authelia_s_address_follows_the_domain_and_subdomain() {
        let mut values = Values::new(&[describe("domain", None)]);
        values.set("domain", "example.org");
        values.set("subdomain-authelia", "login");
        assert_eq!(
            authelia_url(&|v| values.present(v)),
            "https://login.example.org/"
        );
    }

    #[test]
    fn the_application_s_address_follows_the_domain_until_it_is_set() {
        let guide = include_str!("../../../guides/matomo.md");
        let document = crate::parse(guide).unwrap_or_else(|e| panic!("{e}"));
        let mut values = Values::for_document(&document);
        values.set("domain", "example.org");
        let live = live_default(&document, variables::APPLICATION_URL, &|v| {
            values.present(v)
        });
        assert_eq!(live.as_deref(), Some("https://matomo.example.org/"));
        assert_eq!(
            live_default(&document, "domain", &|v| values.present(v)),
            None
        );
    }
}
