//! The site configuration file, `guide-playground.toml`: what a documentation team sets
//! to make the site theirs (its title and description, where it is published, a brand, an
//! accent colour, footer links, and defaults for the guides' variables), read and checked
//! whole before the build writes anything.
//!
//! The file is untrusted input like a guide: it is bounded ([`MAX_CONFIG_BYTES`], each
//! text, the number of links and defaults), every key is known or refused naming it with
//! the closest known key, each value has one type, addresses are `http:`/`https:` or
//! relative to the site (never `javascript:`), colours are `#rrggbb` and must keep text
//! readable ([`MIN_CONTRAST`]) on the page's own backgrounds. Every problem found is said,
//! not only the first. Native only: the build reads it (`src/build/load.rs`), the page
//! never does.

use std::collections::BTreeMap;
use std::fmt;

use guide_engine::variables::{self, MAX_LABEL_LEN};
use serde::Deserialize;

/// The file's name in the folder of guides, where the build looks for it.
pub const CONFIG_FILE: &str = "guide-playground.toml";

/// The environment variable naming another file (a path, relative to where the build
/// runs): a team may keep its configuration beside, rather than inside, the guides.
pub const CONFIG_ENV: &str = "GUIDE_PLAYGROUND_CONFIG";

/// Largest file read, in bytes. A file setting every key with the longest texts and
/// every link is under 16 kB; 64 kB leaves room for comments, and a larger file is not a
/// site's configuration.
pub const MAX_CONFIG_BYTES: usize = 64 * 1024;

/// Longest title, in characters: it is the index's heading and its tab's title, where
/// more than a line is unreadable.
pub const MAX_TITLE_CHARS: usize = 120;

/// Longest description, in characters: a search engine shows about 160; 300 keeps a
/// sentence or two.
pub const MAX_DESCRIPTION_CHARS: usize = 300;

/// Longest brand name or footer link label, in characters: each is one line of the
/// page's chrome.
pub const MAX_NAME_CHARS: usize = 60;

/// Longest address, in characters: browsers and servers commonly refuse addresses past
/// about 2000 characters.
pub const MAX_URL_CHARS: usize = 2_000;

/// Most footer links: a footer is a line or two, not a second index.
pub const MAX_FOOTER_LINKS: usize = 12;

/// Most variable defaults: a guide has at most [`variables::MAX_VARIABLES`] variables,
/// so a site cannot use more defaults than that per guide.
pub const MAX_DEFAULTS: usize = variables::MAX_VARIABLES;

/// Least contrast ratio an accent colour must keep against each background it is shown
/// on: WCAG 2's level AA for normal text (links are text in the accent colour).
pub const MIN_CONTRAST: f64 = 4.5;

/// The backgrounds the accent colour is shown on in the light scheme, as style/main.css
/// sets them (`--bg` and `--panel`, their light values): a test holds them equal.
pub const LIGHT_BACKGROUNDS: [(&str, Colour); 2] = [
    ("page", Colour::rgb(0xff, 0xff, 0xff)),
    ("panel", Colour::rgb(0xf5, 0xf7, 0xfa)),
];

/// The backgrounds the accent colour is shown on in the dark scheme (`--bg` and
/// `--panel`, their dark values in style/main.css).
pub const DARK_BACKGROUNDS: [(&str, Colour); 2] = [
    ("page", Colour::rgb(0x16, 0x18, 0x1d)),
    ("panel", Colour::rgb(0x1e, 0x21, 0x28)),
];

/// A colour as the file writes it, `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour {
    red: u8,
    green: u8,
    blue: u8,
}

impl Colour {
    /// The colour of these channels.
    pub const fn rgb(red: u8, green: u8, blue: u8) -> Colour {
        Colour { red, green, blue }
    }

    /// Reads `#rrggbb` (either case), and nothing else: no names, no short form, no
    /// alpha, nothing around it, so the value written into a style sheet is exactly
    /// seven known characters.
    pub fn parse(text: &str) -> Option<Colour> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |at: usize| {
            hex.get(at..at + 2)
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
        };
        Some(Colour::rgb(channel(0)?, channel(2)?, channel(4)?))
    }

    /// WCAG 2's relative luminance: each sRGB channel linearised, then weighted.
    fn luminance(self) -> f64 {
        let linear = |channel: u8| {
            let c = f64::from(channel) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.red) + 0.7152 * linear(self.green) + 0.0722 * linear(self.blue)
    }

    /// WCAG 2's contrast ratio between two colours, from 1 (the same) to 21.
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.red, self.green, self.blue)
    }
}

/// A link of the page's chrome: what it says and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Its text.
    pub label: String,
    /// Its address: `http:`/`https:`, or relative to the site.
    pub url: String,
}

/// The team's brand, at the top of every page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Brand {
    /// Its name, shown as text.
    pub name: String,
    /// Its logo: an image file in the folder of guides, by its path there.
    pub logo: Option<String>,
    /// Where the brand leads (the team's own documentation).
    pub link: Option<String>,
}

/// The accent colour (links, the marks of the reader's values), per colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accent {
    /// In the light scheme.
    pub light: Colour,
    /// In the dark scheme.
    pub dark: Colour,
}

/// A site's configuration, checked: every value within its bounds and of its form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SiteConfig {
    /// The site's title, over the Hugo section's.
    pub title: Option<String>,
    /// The site's description, over the Hugo section's.
    pub description: Option<String>,
    /// Where the site is published (`https://docs.example.org/guides/`): the base of its
    /// canonical links and sitemap, unless `SITE_URL` says otherwise.
    pub base_url: Option<String>,
    /// The team's brand.
    pub brand: Option<Brand>,
    /// The accent colour.
    pub accent: Option<Accent>,
    /// The footer's links, in order.
    pub footer_links: Vec<Link>,
    /// Defaults for the guides' variables, by name, over the guides' and Authelia's.
    pub defaults: BTreeMap<String, String>,
}

/// Why the configuration file cannot be used. The build says every one it finds, each
/// naming its key.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigError {
    /// The file is larger than [`MAX_CONFIG_BYTES`].
    TooLarge {
        /// Its size, or at least how much of it was read.
        bytes: usize,
    },
    /// The file is not TOML.
    Syntax {
        /// The line, when the parser names one.
        line: Option<usize>,
        /// What the parser said.
        message: String,
    },
    /// A key the file may not hold.
    UnknownKey {
        /// The key, with the tables it is in (`brand.nmae`).
        key: String,
        /// The known key it is closest to, if any is close.
        suggestion: Option<String>,
    },
    /// A value of the wrong type.
    WrongType {
        /// The key.
        key: String,
        /// What it takes.
        expected: &'static str,
        /// What the file gives.
        found: &'static str,
    },
    /// A text that is empty, too long, or holds control characters.
    BadText {
        /// The key.
        key: String,
        /// Why.
        reason: String,
    },
    /// More footer links than [`MAX_FOOTER_LINKS`].
    TooManyLinks {
        /// How many the file gives.
        found: usize,
    },
    /// More defaults than [`MAX_DEFAULTS`].
    TooManyDefaults {
        /// How many the file gives.
        found: usize,
    },
    /// An address that may not be a link of the site.
    BadUrl {
        /// The key.
        key: String,
        /// Why.
        reason: String,
    },
    /// A colour that is not `#rrggbb`.
    BadColour {
        /// The key.
        key: String,
        /// The value as written (at most [`MAX_NAME_CHARS`] characters of it).
        value: String,
    },
    /// An accent colour too close to a background it is shown on.
    LowContrast {
        /// The key (`accent.light`).
        key: String,
        /// The colour.
        colour: Colour,
        /// Which background (`page`, `panel`).
        background: &'static str,
        /// Its colour.
        background_colour: Colour,
        /// The ratio between them.
        ratio: f64,
    },
    /// A default its variable refuses (as the page would refuse the reader's value).
    BadDefault {
        /// The variable's name.
        name: String,
        /// Why.
        reason: String,
    },
    /// The brand's logo is not an image of the folder the site may publish.
    Logo {
        /// The logo's path as written.
        path: String,
        /// Why.
        reason: String,
    },
}

/// A ratio as the build says it: rounded down to two decimals, so a ratio said to be
/// 4.50 is never one just under the bound.
fn ratio_text(ratio: f64) -> String {
    format!("{:.2}", (ratio * 100.0).floor() / 100.0)
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::TooLarge { bytes } => write!(
                f,
                "the file is {bytes} bytes or more; it may be at most {MAX_CONFIG_BYTES} bytes (MAX_CONFIG_BYTES)"
            ),
            ConfigError::Syntax {
                line: Some(line),
                message,
            } => write!(f, "line {line}: {message}"),
            ConfigError::Syntax {
                line: None,
                message,
            } => write!(f, "{message}"),
            ConfigError::UnknownKey {
                key,
                suggestion: Some(known),
            } => write!(f, "unknown key `{key}`: did you mean `{known}`?"),
            ConfigError::UnknownKey {
                key,
                suggestion: None,
            } => write!(f, "unknown key `{key}`"),
            ConfigError::WrongType {
                key,
                expected,
                found,
            } => write!(f, "`{key}` takes {expected}, not {found}"),
            ConfigError::BadText { key, reason } => write!(f, "`{key}` {reason}"),
            ConfigError::TooManyLinks { found } => write!(
                f,
                "`footer_links` has {found} links; a footer may have at most {MAX_FOOTER_LINKS} (MAX_FOOTER_LINKS)"
            ),
            ConfigError::TooManyDefaults { found } => write!(
                f,
                "`defaults` has {found} values; a site may give at most {MAX_DEFAULTS} (MAX_DEFAULTS)"
            ),
            ConfigError::BadUrl { key, reason } => write!(f, "`{key}` {reason}"),
            ConfigError::BadColour { key, value } => write!(
                f,
                "`{key}` is \"{value}\"; a colour is written #rrggbb (six hex digits)"
            ),
            ConfigError::LowContrast {
                key,
                colour,
                background,
                background_colour,
                ratio,
            } => write!(
                f,
                "`{key}` {colour} has a contrast of {}:1 against the {background} background {background_colour}; links need at least {MIN_CONTRAST}:1 (WCAG AA, MIN_CONTRAST)",
                ratio_text(*ratio)
            ),
            ConfigError::BadDefault { name, reason } => {
                write!(f, "`defaults.{name}`: {reason}")
            }
            ConfigError::Logo { path, reason } => write!(f, "`brand.logo` {path}: {reason}"),
        }
    }
}

impl std::error::Error for ConfigError {}

/// What a key holds, for the walk that names unknown keys and wrong types.
enum Shape {
    /// A string.
    Text,
    /// A table of these keys.
    Table(&'static [(&'static str, Shape)]),
    /// An array of tables of these keys.
    Tables(&'static [(&'static str, Shape)]),
    /// A table of strings under any keys (the variables' defaults).
    TextMap,
}

const BRAND_KEYS: &[(&str, Shape)] = &[
    ("name", Shape::Text),
    ("logo", Shape::Text),
    ("link", Shape::Text),
];
const ACCENT_KEYS: &[(&str, Shape)] = &[("light", Shape::Text), ("dark", Shape::Text)];
const LINK_KEYS: &[(&str, Shape)] = &[("label", Shape::Text), ("url", Shape::Text)];

/// Every key the file may hold, and what each holds.
const KEYS: &[(&str, Shape)] = &[
    ("title", Shape::Text),
    ("description", Shape::Text),
    ("base_url", Shape::Text),
    ("brand", Shape::Table(BRAND_KEYS)),
    ("accent", Shape::Table(ACCENT_KEYS)),
    ("footer_links", Shape::Tables(LINK_KEYS)),
    ("defaults", Shape::TextMap),
];

/// The file as serde reads it, once [`KEYS`] has admitted its every key and type.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    brand: Option<RawBrand>,
    accent: Option<RawAccent>,
    footer_links: Option<Vec<RawLink>>,
    defaults: Option<BTreeMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBrand {
    name: String,
    logo: Option<String>,
    link: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAccent {
    light: String,
    dark: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLink {
    label: String,
    url: String,
}

/// The TOML type of a value, as an error says it.
fn type_of(value: &toml::Value) -> &'static str {
    match value {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "an integer",
        toml::Value::Float(_) => "a number",
        toml::Value::Boolean(_) => "true or false",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "an array",
        toml::Value::Table(_) => "a table",
    }
}

/// Most characters of a key said in an error: a key is the file's, and a long one is
/// not a misspelling.
const MAX_KEY_SAID_CHARS: usize = 64;

/// `key` cut to [`MAX_KEY_SAID_CHARS`] characters, for an error.
fn said(key: &str) -> String {
    let mut cut: String = key.chars().take(MAX_KEY_SAID_CHARS).collect();
    if cut.len() < key.len() {
        cut.push('…');
    }
    cut
}

/// Checks every key of `table` (at `path`, `""` for the file's root) against `keys`.
fn walk(table: &toml::Table, keys: &[(&str, Shape)], path: &str, errors: &mut Vec<ConfigError>) {
    let at = |key: &str| {
        if path.is_empty() {
            said(key)
        } else {
            format!("{path}.{}", said(key))
        }
    };
    for (key, value) in table {
        let Some((_, shape)) = keys.iter().find(|(known, _)| known == key) else {
            let names: Vec<&str> = keys.iter().map(|(known, _)| *known).collect();
            errors.push(ConfigError::UnknownKey {
                key: at(key),
                suggestion: closest(key, &names).map(&at),
            });
            continue;
        };
        let wrong = |expected| ConfigError::WrongType {
            key: at(key),
            expected,
            found: type_of(value),
        };
        match (shape, value) {
            (Shape::Text, toml::Value::String(_)) => {}
            (Shape::Text, _) => errors.push(wrong("a string")),
            (Shape::Table(inner), toml::Value::Table(t)) => walk(t, inner, &at(key), errors),
            (Shape::Table(_), _) => errors.push(wrong("a table")),
            (Shape::Tables(inner), toml::Value::Array(items)) => {
                for (number, item) in items.iter().enumerate() {
                    let item_path = format!("{}[{number}]", at(key));
                    match item {
                        toml::Value::Table(t) => walk(t, inner, &item_path, errors),
                        other => errors.push(ConfigError::WrongType {
                            key: item_path,
                            expected: "a table",
                            found: type_of(other),
                        }),
                    }
                }
            }
            (Shape::Tables(_), _) => errors.push(wrong("an array of tables")),
            (Shape::TextMap, toml::Value::Table(t)) => {
                for (name, inner) in t {
                    if !inner.is_str() {
                        errors.push(ConfigError::WrongType {
                            key: format!("{}.{}", at(key), said(name)),
                            expected: "a string",
                            found: type_of(inner),
                        });
                    }
                }
            }
            (Shape::TextMap, _) => errors.push(wrong("a table of strings")),
        }
    }
}

/// Most edits (insert, delete, replace a character) between an unknown key and the key
/// suggested for it: a doubled, a dropped and a swapped letter; more suggests keys that
/// were not meant.
pub const MAX_SUGGESTION_DISTANCE: usize = 3;

/// The known key closest to `key` by edit distance (Levenshtein's, over characters),
/// within [`MAX_SUGGESTION_DISTANCE`] edits and a third of `key`'s length (two edits at
/// least: a swapped pair, `titel`, is two), so a short key gets only near misses. Keys past [`MAX_KEY_SAID_CHARS`] characters are no
/// misspelling, and are not compared (which keeps each comparison small).
pub fn closest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let key: Vec<char> = key.chars().take(MAX_KEY_SAID_CHARS + 1).collect();
    if key.len() > MAX_KEY_SAID_CHARS {
        return None;
    }
    let allowed = MAX_SUGGESTION_DISTANCE.min((key.len() / 3).max(2));
    known
        .iter()
        .map(|k| (distance(&key, k), *k))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein's distance between `a` and `b`, one row at a time.
fn distance(a: &[char], b: &str) -> usize {
    let mut row: Vec<usize> = (0..=a.len()).collect();
    for (j, cb) in b.chars().enumerate() {
        let mut diagonal = j;
        let mut previous = j + 1;
        let mut next = Vec::with_capacity(row.len());
        next.push(previous);
        for (i, ca) in a.iter().enumerate() {
            let above = row.get(i + 1).copied().unwrap_or(usize::MAX);
            let cost = usize::from(*ca != cb);
            let value = (diagonal + cost)
                .min(above.saturating_add(1))
                .min(previous + 1);
            next.push(value);
            diagonal = above;
            previous = value;
        }
        row = next;
    }
    row.last().copied().unwrap_or(0)
}

/// A text value: trimmed, not empty, within `most` characters, no control characters.
fn text_value(key: &str, value: String, most: usize, errors: &mut Vec<ConfigError>) -> String {
    let trimmed = value.trim();
    let bad = |reason: String| ConfigError::BadText {
        key: key.to_owned(),
        reason,
    };
    let chars = trimmed.chars().count();
    if trimmed.is_empty() {
        errors.push(bad("is empty".to_owned()));
    } else if chars > most {
        errors.push(bad(format!(
            "is {chars} characters; it may be at most {most}"
        )));
    } else if trimmed.chars().any(char::is_control) {
        errors.push(bad(
            "holds a control character (a tab or a line break, say)".to_owned(),
        ));
    }
    trimmed.to_owned()
}

/// Why `url` may not be a link of the site, if it may not: it must be `http:` or
/// `https:` with a host, or a path relative to the site (`/privacy/`, `../`, `about/`),
/// within [`MAX_URL_CHARS`], with no white space, control characters, quotes, angle
/// brackets or backslashes (which browsers read as `/`). With `absolute`, only
/// `http(s)://host/…/` ending in `/`, with no query or fragment: the base of every
/// page's address.
pub fn url_problem(url: &str, absolute: bool) -> Option<String> {
    let chars = url.chars().count();
    if url.is_empty() {
        return Some("is empty".to_owned());
    }
    if chars > MAX_URL_CHARS {
        return Some(format!(
            "is {chars} characters; an address may be at most {MAX_URL_CHARS} (MAX_URL_CHARS)"
        ));
    }
    if url.chars().any(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
    }) {
        return Some(
            "holds white space, a quote, an angle bracket or a backslash: write it percent-encoded"
                .to_owned(),
        );
    }
    let scheme_end = url.find(':').filter(|&colon| {
        url.get(..colon)
            .is_some_and(|before| !before.contains(['/', '?', '#']))
    });
    let rest = match scheme_end {
        Some(colon) => {
            let scheme = url.get(..colon).unwrap_or_default().to_ascii_lowercase();
            if scheme != "http" && scheme != "https" {
                return Some(format!(
                    "is a {scheme}: address; a link may be http: or https:, or a path on the site"
                ));
            }
            let Some(rest) = url.get(colon + 1..).and_then(|r| r.strip_prefix("//")) else {
                return Some("has no host: write http(s)://host/…".to_owned());
            };
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            if host.is_empty() || host.contains('@') {
                return Some(
                    "has no host, or names a user before it: write http(s)://host/…".to_owned(),
                );
            }
            Some(rest)
        }
        None if url.starts_with("//") => {
            return Some(
                "starts with //, another host without its scheme: write https:// before it"
                    .to_owned(),
            );
        }
        None => None,
    };
    if absolute {
        let Some(rest) = rest else {
            return Some(
                "is not an absolute address: write https://host/path/ where the site is published"
                    .to_owned(),
            );
        };
        if rest.contains(['?', '#']) || !rest.contains('/') || !url.ends_with('/') {
            return Some(
                "must end in / with no ? or #: every page's address is built on it".to_owned(),
            );
        }
    }
    None
}

/// An address checked by [`url_problem`].
fn url(key: &str, value: String, absolute: bool, errors: &mut Vec<ConfigError>) -> String {
    let value = value.trim().to_owned();
    if let Some(reason) = url_problem(&value, absolute) {
        errors.push(ConfigError::BadUrl {
            key: key.to_owned(),
            reason,
        });
    }
    value
}

/// A colour checked by [`Colour::parse`] and, on each of `backgrounds`, for
/// [`MIN_CONTRAST`].
fn colour(
    key: &str,
    value: &str,
    backgrounds: &[(&'static str, Colour)],
    errors: &mut Vec<ConfigError>,
) -> Colour {
    let Some(colour) = Colour::parse(value.trim()) else {
        errors.push(ConfigError::BadColour {
            key: key.to_owned(),
            value: value.chars().take(MAX_NAME_CHARS).collect(),
        });
        return Colour::rgb(0, 0, 0);
    };
    // The lowest ratio only: one error per colour.
    let worst = backgrounds
        .iter()
        .map(|(name, background)| (colour.contrast(*background), *name, *background))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((ratio, name, background)) = worst
        && ratio < MIN_CONTRAST
    {
        errors.push(ConfigError::LowContrast {
            key: key.to_owned(),
            colour,
            background: name,
            background_colour: background,
            ratio,
        });
    }
    colour
}

/// Whether `name` can be a variable's name in a guide: letters, digits, `-` and `_`,
/// within the length of a field's label.
fn is_variable_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_LABEL_LEN
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A variable's default, held to the rules the page holds the reader's value to, by the
/// variable's name (Authelia's names and the engine's own have their kinds; any other
/// is text, unless a guide declares it otherwise: see [`check_defaults_used`]). A secret
/// has no default a site could publish.
fn default_problem(name: &str, value: &str) -> Option<String> {
    if !is_variable_name(name) {
        return Some(format!(
            "is not a variable's name: letters, digits, - and _, at most {MAX_LABEL_LEN} characters"
        ));
    }
    let variable = variables::describe(name, None);
    if variable.is_secret() {
        return Some(
            "holds a secret, which a published page may not carry as its example".to_owned(),
        );
    }
    variable.validate(value).err().map(|e| e.to_string())
}

/// Reads and checks the configuration file's text.
///
/// # Errors
/// Every [`ConfigError`] found: the file's size or syntax alone when it cannot be read,
/// else every unknown key and wrong type, and else every value out of bounds or form.
pub fn parse(text: &str) -> Result<SiteConfig, Vec<ConfigError>> {
    if text.len() > MAX_CONFIG_BYTES {
        return Err(vec![ConfigError::TooLarge { bytes: text.len() }]);
    }
    let table: toml::Table = toml::from_str(text).map_err(|e| vec![syntax(text, &e)])?;
    let mut errors = Vec::new();
    walk(&table, KEYS, "", &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    // Every key and type admitted: serde reads the same table into the types (its own
    // refusal, were the two to disagree, is still an error and never a panic).
    let raw: RawConfig = toml::from_str(text).map_err(|e| vec![syntax(text, &e)])?;
    let mut config = SiteConfig {
        title: raw
            .title
            .map(|t| text_value("title", t, MAX_TITLE_CHARS, &mut errors)),
        description: raw
            .description
            .map(|d| text_value("description", d, MAX_DESCRIPTION_CHARS, &mut errors)),
        base_url: raw.base_url.map(|u| url("base_url", u, true, &mut errors)),
        ..SiteConfig::default()
    };
    if let Some(brand) = raw.brand {
        config.brand = Some(Brand {
            name: text_value("brand.name", brand.name, MAX_NAME_CHARS, &mut errors),
            logo: brand.logo.map(|l| l.trim().to_owned()),
            link: brand.link.map(|l| url("brand.link", l, false, &mut errors)),
        });
    }
    if let Some(accent) = raw.accent {
        config.accent = Some(Accent {
            light: colour(
                "accent.light",
                &accent.light,
                &LIGHT_BACKGROUNDS,
                &mut errors,
            ),
            dark: colour("accent.dark", &accent.dark, &DARK_BACKGROUNDS, &mut errors),
        });
    }
    let links = raw.footer_links.unwrap_or_default();
    if links.len() > MAX_FOOTER_LINKS {
        errors.push(ConfigError::TooManyLinks { found: links.len() });
    } else {
        for (number, link) in links.into_iter().enumerate() {
            let at = format!("footer_links[{number}]");
            config.footer_links.push(Link {
                label: text_value(
                    &format!("{at}.label"),
                    link.label,
                    MAX_NAME_CHARS,
                    &mut errors,
                ),
                url: url(&format!("{at}.url"), link.url, false, &mut errors),
            });
        }
    }
    let defaults = raw.defaults.unwrap_or_default();
    if defaults.len() > MAX_DEFAULTS {
        errors.push(ConfigError::TooManyDefaults {
            found: defaults.len(),
        });
    } else {
        for (name, value) in defaults {
            let value = value.trim().to_owned();
            if let Some(reason) = default_problem(&name, &value) {
                errors.push(ConfigError::BadDefault {
                    name: said(&name),
                    reason,
                });
            }
            config.defaults.insert(name, value);
        }
    }
    if errors.is_empty() {
        Ok(config)
    } else {
        Err(errors)
    }
}

/// The parser's error, with its line.
fn syntax(text: &str, error: &toml::de::Error) -> ConfigError {
    let line = error.span().map(|span| {
        text.get(..span.start)
            .map_or(0, |before| before.matches('\n').count())
            + 1
    });
    ConfigError::Syntax {
        line,
        message: error.message().trim().to_owned(),
    }
}

/// Checks the brand's logo against the images the site may publish (`images`: the
/// folder's image files, each within the bound on an image, by path).
///
/// # Errors
/// [`ConfigError::Logo`] when the logo is not one of them (no such file, not an image,
/// or past the bound on an image, which the plan refused).
pub fn check_logo(config: &SiteConfig, images: &[String]) -> Result<(), ConfigError> {
    let Some(logo) = config.brand.as_ref().and_then(|b| b.logo.as_ref()) else {
        return Ok(());
    };
    if images.iter().any(|image| image == logo) {
        return Ok(());
    }
    Err(ConfigError::Logo {
        path: said(logo),
        reason: format!(
            "is no image file in the folder of guides (a path within it, ending as a guide's images do: .png, .jpg, .jpeg, .gif, .webp, .avif or .bmp, at most {} bytes)",
            crate::folder::MAX_IMAGE_BYTES
        ),
    })
}

/// The word a guide's `sitevar` declares `kind` with ([`variables::Kind::from_arg`]).
fn kind_word(kind: variables::Kind) -> &'static str {
    match kind {
        variables::Kind::Text => "text",
        variables::Kind::Number => "port",
        variables::Kind::Boolean => "boolean",
        variables::Kind::Url => "url",
        variables::Kind::Host => "host",
    }
}

/// Checks that every default names a variable some guide uses (`used`: each guide's
/// variables, with the default the guide got), and that each guide took it.
///
/// # Errors
/// A [`ConfigError::BadDefault`] for a name no guide uses (with the closest name one
/// does), and for a guide whose own kind for the name refuses the default.
pub fn check_defaults_used(
    config: &SiteConfig,
    used: &[(&str, &[variables::Variable])],
) -> Vec<ConfigError> {
    let mut errors = Vec::new();
    let mut names: Vec<&str> = used
        .iter()
        .flat_map(|(_, vars)| vars.iter().map(|v| v.name.as_str()))
        .collect();
    names.sort_unstable();
    names.dedup();
    for (name, value) in &config.defaults {
        if !names.contains(&name.as_str()) {
            let reason = match closest(name, &names) {
                Some(known) => format!("no guide uses this variable: did you mean `{known}`?"),
                None => "no guide uses this variable".to_owned(),
            };
            errors.push(ConfigError::BadDefault {
                name: said(name),
                reason,
            });
            continue;
        }
        for (file, vars) in used {
            if let Some(variable) = vars.iter().find(|v| &v.name == name)
                && &variable.default != value
            {
                let why = variable
                    .validate(value)
                    .err()
                    .map_or_else(String::new, |e| format!(": {e}"));
                errors.push(ConfigError::BadDefault {
                    name: said(name),
                    reason: format!(
                        "{file} declares it kind=\"{}\", which refuses this default{why}",
                        kind_word(variable.kind)
                    ),
                });
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EVERY_KEY: &str = r##"
title = "Acme guides"
description = "Acme's sign-in guides."
base_url = "https://docs.acme.test/guides/"

[brand]
name = "Acme"
logo = "brand/acme.png"
link = "https://acme.test/docs/"

[accent]
light = "#0B5394"
dark = "#9fc5e8"

[[footer_links]]
label = "Privacy"
url = "https://acme.test/privacy/"

[[footer_links]]
label = "About"
url = "../about/"

[defaults]
domain = "acme.test"
team = "platform"
"##;

    fn said(text: &str) -> Vec<String> {
        match parse(text) {
            Ok(config) => vec![format!("parsed: {config:?}")],
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn a_file_setting_every_key_is_read_whole() {
        let config = parse(EVERY_KEY).expect("parses");
        assert_eq!(config.title.as_deref(), Some("Acme guides"));
        assert_eq!(
            config.description.as_deref(),
            Some("Acme's sign-in guides.")
        );
        assert_eq!(
            config.base_url.as_deref(),
            Some("https://docs.acme.test/guides/")
        );
        assert_eq!(
            config.brand,
            Some(Brand {
                name: "Acme".to_owned(),
                logo: Some("brand/acme.png".to_owned()),
                link: Some("https://acme.test/docs/".to_owned()),
            })
        );
        let accent = config.accent.expect("accent");
        assert_eq!(accent.light.to_string(), "#0b5394");
        assert_eq!(accent.dark.to_string(), "#9fc5e8");
        assert_eq!(
            config.footer_links,
            vec![
                Link {
                    label: "Privacy".to_owned(),
                    url: "https://acme.test/privacy/".to_owned()
                },
                Link {
                    label: "About".to_owned(),
                    url: "../about/".to_owned()
                },
            ]
        );
        assert_eq!(
            config.defaults.get("domain").map(String::as_str),
            Some("acme.test")
        );
        assert_eq!(
            config.defaults.get("team").map(String::as_str),
            Some("platform")
        );
        assert_eq!(parse("").expect("empty"), SiteConfig::default());
    }

    #[test]
    fn an_unknown_key_is_named_with_the_key_it_is_closest_to() {
        assert_eq!(
            said(
                "titel = \"x\"\n[brand]\nnmae = \"A\"\nname = \"A\"\n[[footer_links]]\nlabel = \"a\"\nurl = \"/\"\nhref = \"/\"\n[colours]\n"
            ),
            vec![
                "unknown key `brand.nmae`: did you mean `brand.name`?",
                "unknown key `colours`",
                "unknown key `footer_links[0].href`",
                "unknown key `titel`: did you mean `title`?",
            ]
        );
        assert_eq!(
            said("[accent]\nlihgt = \"#000000\"\n"),
            vec!["unknown key `accent.lihgt`: did you mean `accent.light`?"]
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_is_named_with_what_the_key_takes() {
        assert_eq!(
            said("title = 3\nbrand = \"Acme\"\nfooter_links = [\"a\"]\n[defaults]\nport = 9091\n"),
            vec![
                "`brand` takes a table, not a string",
                "`defaults.port` takes a string, not an integer",
                "`footer_links[0]` takes a table, not a string",
                "`title` takes a string, not an integer",
            ]
        );
        assert_eq!(
            said("accent = [1]\n"),
            vec!["`accent` takes a table, not an array"]
        );
    }

    #[test]
    fn a_missing_required_key_and_broken_toml_say_their_line() {
        let [missing] = said("[brand]\nlogo = \"a.png\"\n").try_into().expect("one");
        assert!(missing.contains("name"), "{missing}");
        let [broken] = said("title = \"a\"\ntitle = \"b\"\n")
            .try_into()
            .expect("one");
        assert!(broken.starts_with("line 2: "), "{broken}");
    }

    #[test]
    fn an_accent_too_close_to_a_background_fails_with_its_ratio() {
        assert_eq!(
            said("[accent]\nlight = \"#777777\"\ndark = \"#333333\"\n"),
            vec![
                "`accent.light` #777777 has a contrast of 4.17:1 against the panel background #f5f7fa; links need at least 4.5:1 (WCAG AA, MIN_CONTRAST)",
                "`accent.dark` #333333 has a contrast of 1.27:1 against the panel background #1e2128; links need at least 4.5:1 (WCAG AA, MIN_CONTRAST)",
            ]
        );
        // The page's own accent passes on every background it is shown on.
        let ours = parse("[accent]\nlight = \"#1f5fbf\"\ndark = \"#7fb0ff\"\n").expect("ours");
        assert!(ours.accent.is_some());
        // WCAG's own extremes.
        let black = Colour::rgb(0, 0, 0);
        let white = Colour::rgb(255, 255, 255);
        assert!((black.contrast(white) - 21.0).abs() < 1e-9);
        assert!((white.contrast(white) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_colour_is_six_hex_digits_and_nothing_else() {
        for bad in [
            "red",
            "#fff",
            "#12345g",
            "#1234567",
            " #123456x",
            "#12345\u{e9}",
            "rgb(0,0,0)",
        ] {
            assert_eq!(Colour::parse(bad), None, "{bad}");
        }
        assert_eq!(
            said("[accent]\nlight = \"red\"\ndark = \"#ffffff\"\n"),
            vec!["`accent.light` is \"red\"; a colour is written #rrggbb (six hex digits)"]
        );
    }

    #[test]
    fn a_link_is_http_or_relative_and_never_a_script() {
        for (url, why) in [
            ("javascript:alert(1)", "is a javascript: address"),
            ("JavaScript:alert(1)", "is a javascript: address"),
            ("data:text/html,x", "is a data: address"),
            ("//evil.test/", "starts with //"),
            ("/\\evil.test/", "backslash"),
            ("https://", "has no host"),
            ("https://user@evil.test/", "names a user"),
            ("http:evil.test", "has no host"),
            ("a b", "white space"),
            ("", "is empty"),
        ] {
            let problem = url_problem(url, false).unwrap_or_default();
            assert!(problem.contains(why), "{url}: {problem}");
        }
        for fine in [
            "https://acme.test/",
            "http://x.test",
            "/privacy/",
            "../about/",
            "about/",
            "#top",
            "?q=1",
            // A colon after the first `/` is part of the path, not a scheme.
            "docs/a:b",
        ] {
            assert_eq!(url_problem(fine, false), None, "{fine}");
        }
        assert_eq!(
            said("[[footer_links]]\nlabel = \"x\"\nurl = \"javascript:alert(1)\"\n"),
            vec![
                "`footer_links[0].url` is a javascript: address; a link may be http: or https:, or a path on the site"
            ]
        );
    }

    #[test]
    fn the_base_url_is_an_absolute_address_ending_in_a_slash() {
        assert_eq!(url_problem("https://docs.acme.test/guides/", true), None);
        assert_eq!(url_problem("https://docs.acme.test/", true), None);
        for bad in [
            "/guides/",
            "https://docs.acme.test/guides",
            "https://docs.acme.test/?a=/",
            "https://docs.acme.test",
        ] {
            assert!(url_problem(bad, true).is_some(), "{bad}");
        }
    }

    #[test]
    fn texts_are_bounded_and_single_line() {
        let long = "x".repeat(MAX_TITLE_CHARS + 1);
        assert_eq!(
            said(&format!(
                "title = \"{long}\"\ndescription = \"  \"\n[brand]\nname = \"a\\nb\"\n"
            )),
            vec![
                format!(
                    "`title` is {} characters; it may be at most {MAX_TITLE_CHARS}",
                    MAX_TITLE_CHARS + 1
                ),
                "`description` is empty".to_owned(),
                "`brand.name` holds a control character (a tab or a line break, say)".to_owned(),
            ]
        );
    }

    #[test]
    fn too_many_links_or_defaults_and_a_too_large_file_are_refused_naming_the_bound() {
        let links = "[[footer_links]]\nlabel = \"a\"\nurl = \"/\"\n".repeat(MAX_FOOTER_LINKS + 1);
        assert_eq!(
            said(&links),
            vec![format!(
                "`footer_links` has {} links; a footer may have at most {MAX_FOOTER_LINKS} (MAX_FOOTER_LINKS)",
                MAX_FOOTER_LINKS + 1
            )]
        );
        let mut defaults = String::from("[defaults]\n");
        for i in 0..=MAX_DEFAULTS {
            defaults.push_str(&format!("v{i} = \"x\"\n"));
        }
        assert!(said(&defaults)[0].contains("MAX_DEFAULTS"));
        let large = format!("# {}\n", "x".repeat(MAX_CONFIG_BYTES));
        assert_eq!(
            said(&large),
            vec![format!(
                "the file is {} bytes or more; it may be at most {MAX_CONFIG_BYTES} bytes (MAX_CONFIG_BYTES)",
                large.len()
            )]
        );
    }

    #[test]
    fn a_default_is_held_to_the_rules_of_a_reader_s_value() {
        let errors = said(
            "[defaults]\ndomain = \"not a domain\"\nclient-secret = \"s3cret\"\n\"bad name\" = \"x\"\nport = \"99999\"\n",
        );
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(
            errors.iter().any(|e| e.starts_with("`defaults.domain`: ")),
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.contains("`defaults.client-secret`: holds a secret")),
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.contains("`defaults.bad name`: is not a variable's name")),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|e| e.starts_with("`defaults.port`: ")),
            "{errors:?}"
        );
    }

    #[test]
    fn a_default_no_guide_uses_is_named_with_the_closest_one_used() {
        let config = parse("[defaults]\ndomian = \"acme.test\"\n").expect("parses");
        let used = [variables::describe("domain", None)];
        let errors: Vec<String> = check_defaults_used(&config, &[("a.md", &used)])
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            errors,
            vec!["`defaults.domian`: no guide uses this variable: did you mean `domain`?"]
        );
        let config = parse("[defaults]\ndomain = \"acme.test\"\n").expect("parses");
        let mut took = variables::describe("domain", None);
        took.default = "acme.test".to_owned();
        assert!(check_defaults_used(&config, &[("a.md", &[took])]).is_empty());
    }

    #[test]
    fn a_logo_must_be_an_image_of_the_folder() {
        let config = parse("[brand]\nname = \"A\"\nlogo = \"brand/acme.png\"\n").expect("parses");
        assert_eq!(check_logo(&config, &["brand/acme.png".to_owned()]), Ok(()));
        let missing = check_logo(&config, &["other.png".to_owned()]).expect_err("missing");
        assert!(
            missing.to_string().starts_with(
                "`brand.logo` brand/acme.png: is no image file in the folder of guides"
            ),
            "{missing}"
        );
    }

    #[test]
    fn suggestions_are_near_misses_only() {
        let known = ["title", "description", "base_url"];
        assert_eq!(closest("titel", &known), Some("title"));
        assert_eq!(closest("baseurl", &known), Some("base_url"));
        assert_eq!(closest("colour", &known), None);
        assert_eq!(closest(&"x".repeat(500), &known), None);
        assert_eq!(distance(&['a', 'b', 'c'], "abc"), 0);
        assert_eq!(distance(&['k', 'i', 't', 't', 'e', 'n'], "sitting"), 3);
        assert_eq!(distance(&[], "abc"), 3);
    }

    #[test]
    fn the_backgrounds_checked_are_the_style_sheet_s() {
        let css = include_str!("../../style/main.css");
        let value = |name: &str| {
            css.lines()
                .find_map(|l| l.trim().strip_prefix(&format!("--{name}: light-dark(")))
                .and_then(|rest| rest.strip_suffix(");"))
                .map(|pair| pair.split(", ").map(str::to_owned).collect::<Vec<_>>())
                .unwrap_or_else(|| panic!("--{name} in style/main.css"))
        };
        for (name, at) in [("bg", 0), ("panel", 1)] {
            let pair = value(name);
            assert_eq!(pair[0], LIGHT_BACKGROUNDS[at].1.to_string(), "--{name}");
            assert_eq!(pair[1], DARK_BACKGROUNDS[at].1.to_string(), "--{name}");
        }
    }

    proptest! {
        #[test]
        fn any_text_is_read_or_refused_without_a_panic(text in "(?s).{0,400}") {
            let _ = parse(&text);
        }

        #[test]
        fn any_toml_shaped_text_is_read_or_refused_without_a_panic(
            lines in proptest::collection::vec(
                "(title|brand|accent|footer_links|defaults|\\[brand\\]|\\[\\[footer_links\\]\\]|\\[defaults\\]|name|url|label|light|dark|domain) ?= ?(\"[^\"\\\\]{0,20}\"|[0-9]{1,3}|\\[\\]|\\{\\}|true)",
                0..12,
            )
        ) {
            let text = lines.join("\n");
            let _ = parse(&text);
        }
    }
}
