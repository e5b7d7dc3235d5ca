//! The reader's values: a name → value map with each variable's default behind it, and
//! the function that gives any segment its text for those values.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::document::{Document, Override, Segment, Url, UrlPart};
use super::variables::{self, VarRef, Variable};

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

/// The text of one segment for the given values and digest of the reader's secret.
pub fn resolve<'a>(segment: &'a Segment, values: &Values, digest: &'a str) -> Cow<'a, str> {
    match segment {
        Segment::Text(t) => Cow::Borrowed(t),
        Segment::Variable(v) => Cow::Owned(values.present(v)),
        Segment::Digest => Cow::Borrowed(digest),
        Segment::Override(o) => Cow::Owned(values.resolve_override(o)),
    }
}

/// The text of a run of segments (a code block).
pub fn resolve_all(segments: &[Segment], values: &Values, digest: &str) -> String {
    segments
        .iter()
        .map(|s| resolve(s, values, digest))
        .collect()
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
}
