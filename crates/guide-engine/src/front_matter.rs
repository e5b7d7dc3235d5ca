//! The YAML front matter of a guide: split off the body and read into a typed struct.
//!
//! This module, `yaml_depth` and `yaml_error` are the engine's only ones that know about
//! the YAML crate (the `authelia-check` crate reads a pasted configuration with them). Unknown keys
//! are ignored; scalar fields accept numbers and booleans as text,
//! because real guides are not always consistent about quoting.
//!
//! YAML aliases repeat a node wherever they are used, so a few kilobytes of front
//! matter can stand for gigabytes (`a: &a <100 kB>` then `[*a, *a, …]`). Before the
//! front matter is read, its expanded size is counted without building it, and front
//! matter larger than [`MAX_EXPANDED_BYTES`] is refused.
//!
//! Nested flow collections (`[[[…`) cost the YAML reader time quadratic in their depth,
//! so before anything else the depth is measured in one pass ([`yaml_depth`]), and
//! front matter nested deeper than [`MAX_YAML_NESTING`](yaml_depth::MAX_YAML_NESTING) is refused unread.

use std::fmt;

use serde::de::{self, DeserializeSeed, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::yaml_depth;
use crate::yaml_error;

/// Most bytes a guide's front matter may stand for once its YAML aliases are expanded
/// (every scalar's text, plus one per node). Authelia's longest client guide front
/// matter is under 1 kB; 64 KiB leaves room for any real one, and bounds what the
/// worker allocates to read it, since aliased text is copied on every use.
pub const MAX_EXPANDED_BYTES: usize = 64 * 1024;

/// Everything a guide's front matter may say. Absent keys are `None`/empty.
///
/// This is the model, as the page receives it; [`split`] reads it leniently from YAML
/// (through `Lenient`), so the page's own copy of the model carries no YAML leniency.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FrontMatter {
    /// Page title, e.g. "Matomo".
    pub title: Option<String>,
    /// One line about the guide; the page's meta description when present.
    pub description: Option<String>,
    /// Summary (often empty).
    pub summary: Option<String>,
    /// Publication date as written (e.g. `2024-10-05T22:31:30+10:00`).
    pub date: Option<String>,
    /// Whether the page is a draft.
    pub draft: Option<bool>,
    /// Ordering weight in the site's menus (a quoted number is accepted).
    pub weight: Option<i64>,
    /// Whether the site shows a table of contents.
    pub toc: Option<bool>,
    /// Other paths the page is reachable at.
    pub aliases: Vec<String>,
    /// The `support` table, see [`Support`].
    pub support: Option<Support>,
    /// Search engine metadata.
    pub seo: Option<Seo>,
}

/// The `support` table: who maintains the integration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Support {
    /// `community`, `supported`, …
    pub level: Option<String>,
    /// Whether tested versions are listed.
    pub versions: Option<bool>,
    /// Whether this is an integration guide.
    pub integration: Option<bool>,
}

/// The `seo` table: what search engines are told, in place of the title and description.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seo {
    /// Title for search engines.
    pub title: Option<String>,
    /// Description for search engines, kept exactly as written (it may hold mojibake).
    pub description: Option<String>,
    /// Canonical URL, often empty.
    pub canonical: Option<String>,
    /// Whether search engines should skip the page.
    pub noindex: Option<bool>,
}

/// The front matter as YAML holds it: real guides are not always consistent about
/// quoting, so text fields take numbers and booleans as text, and the weight a quoted
/// number. Unknown keys are ignored.
#[derive(Default, Deserialize)]
#[serde(default)]
struct Lenient {
    #[serde(deserialize_with = "text")]
    title: Option<String>,
    #[serde(deserialize_with = "text")]
    description: Option<String>,
    #[serde(deserialize_with = "text")]
    summary: Option<String>,
    #[serde(deserialize_with = "text")]
    date: Option<String>,
    draft: Option<bool>,
    #[serde(deserialize_with = "number")]
    weight: Option<i64>,
    toc: Option<bool>,
    aliases: Vec<String>,
    support: Option<LenientSupport>,
    seo: Option<LenientSeo>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct LenientSupport {
    #[serde(deserialize_with = "text")]
    level: Option<String>,
    versions: Option<bool>,
    integration: Option<bool>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct LenientSeo {
    #[serde(deserialize_with = "text")]
    title: Option<String>,
    #[serde(deserialize_with = "text")]
    description: Option<String>,
    #[serde(deserialize_with = "text")]
    canonical: Option<String>,
    noindex: Option<bool>,
}

impl From<Lenient> for FrontMatter {
    fn from(raw: Lenient) -> FrontMatter {
        FrontMatter {
            title: raw.title,
            description: raw.description,
            summary: raw.summary,
            date: raw.date,
            draft: raw.draft,
            weight: raw.weight,
            toc: raw.toc,
            aliases: raw.aliases,
            support: raw.support.map(|s| Support {
                level: s.level,
                versions: s.versions,
                integration: s.integration,
            }),
            seo: raw.seo.map(|s| Seo {
                title: s.title,
                description: s.description,
                canonical: s.canonical,
                noindex: s.noindex,
            }),
        }
    }
}

/// Why the front matter could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrontMatterError {
    /// The opening `---` has no closing `---`.
    Unclosed {
        /// Line of the opening `---` (1-based, in the file).
        line: usize,
    },
    /// Expanded, the front matter would be larger than [`MAX_EXPANDED_BYTES`] (YAML
    /// aliases repeat their text wherever they are used).
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// Its flow collections (`[`, `{`) nest deeper than [`MAX_YAML_NESTING`](yaml_depth::MAX_YAML_NESTING): the YAML
    /// reader would take time quadratic in the depth to refuse it.
    TooDeep {
        /// Line in the file (1-based) of the collection past the limit.
        line: usize,
        /// The limit, in levels.
        limit: usize,
    },
    /// The YAML is malformed or has a value of the wrong type.
    Yaml {
        /// Line in the file (1-based), when the YAML reader knows it.
        line: Option<usize>,
        /// What the YAML reader said.
        message: String,
    },
}

impl fmt::Display for FrontMatterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrontMatterError::Unclosed { line } => {
                write!(
                    f,
                    "line {line}: front matter starts with --- but has no closing ---"
                )
            }
            FrontMatterError::TooLarge { limit } => write!(
                f,
                "the front matter is refused: with its YAML aliases expanded it would be \
                 larger than {limit} bytes, the most a guide's front matter may hold"
            ),
            FrontMatterError::TooDeep { line, limit } => write!(
                f,
                "line {line}: the front matter is refused: its [ and {{ nest more than \
                 {limit} levels deep, the most a guide's front matter may nest"
            ),
            FrontMatterError::Yaml {
                line: Some(line),
                message,
            } => {
                write!(f, "line {line}: front matter is not valid: {message}")
            }
            FrontMatterError::Yaml {
                line: None,
                message,
            } => {
                write!(f, "front matter is not valid: {message}")
            }
        }
    }
}

impl std::error::Error for FrontMatterError {}

/// A source split into its front matter and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    /// The parsed front matter (default when the guide has none).
    pub front_matter: FrontMatter,
    /// The markdown after the front matter.
    pub body: &'a str,
}

/// Splits `source` into front matter and body, and parses the front matter.
///
/// # Errors
/// [`FrontMatterError::Unclosed`] when an opening `---` has no closing line;
/// [`FrontMatterError::TooDeep`] when its `[` and `{` nest deeper than
/// [`MAX_YAML_NESTING`](yaml_depth::MAX_YAML_NESTING); [`FrontMatterError::TooLarge`] when the YAML's aliases would expand past
/// [`MAX_EXPANDED_BYTES`]; [`FrontMatterError::Yaml`] when it is not valid YAML of the
/// expected shape, with the file's line where the reader can tell.
pub fn split(source: &str) -> Result<Split<'_>, FrontMatterError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut lines = source.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != "---" {
        return Ok(Split {
            front_matter: FrontMatter::default(),
            body: source,
        });
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for line in lines {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = source.get(yaml_start..offset).unwrap_or_default();
            let body = source.get(offset + line.len()..).unwrap_or_default();
            return Ok(Split {
                front_matter: parse_yaml(yaml)?,
                body,
            });
        }
        offset += line.len();
    }
    Err(FrontMatterError::Unclosed { line: 1 })
}

/// Parses the YAML between the `---` lines; line numbers are shifted to the file's.
fn parse_yaml(yaml: &str) -> Result<FrontMatter, FrontMatterError> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    // First, as it is linear: the reader itself, even only measuring, is quadratic in it.
    if let Err(deep) = yaml_depth::check(yaml) {
        return Err(FrontMatterError::TooDeep {
            // The YAML starts on the file's second line, after the opening `---`.
            line: deep.line + 1,
            limit: deep.limit,
        });
    }
    if expands_beyond(yaml, MAX_EXPANDED_BYTES) {
        return Err(FrontMatterError::TooLarge {
            limit: MAX_EXPANDED_BYTES,
        });
    }
    serde_yaml::from_str::<Option<Lenient>>(yaml)
        .map(|raw| raw.map(FrontMatter::from).unwrap_or_default())
        .map_err(|err| match yaml_error::locate(yaml, &err) {
            // The YAML starts on the file's second line, after the opening `---`.
            Some(mistake) => FrontMatterError::Yaml {
                line: Some(mistake.line + 1),
                message: mistake.message,
            },
            None => FrontMatterError::Yaml {
                line: None,
                message: err.to_string(),
            },
        })
}

/// Whether the YAML, with its aliases expanded, stands for more than `limit` bytes.
/// Counted while the YAML reader replays aliases, without keeping anything, and
/// stopped as soon as the count passes the limit, so the work is bounded by `limit`
/// whatever the aliases multiply. Malformed YAML counts as within the limit: the real
/// reading reports it, with its line. The pasted configuration's check uses it too
/// (`authelia-check`'s `configuration::read`), with its own limit.
pub fn expands_beyond(yaml: &str, limit: usize) -> bool {
    let mut left = limit;
    let measured =
        Measure { left: &mut left }.deserialize(serde_yaml::Deserializer::from_str(yaml));
    measured.is_err() && left == 0
}

/// Counts the bytes of a YAML node into `left`, failing once they exceed it.
struct Measure<'a> {
    left: &'a mut usize,
}

impl Measure<'_> {
    /// Takes `bytes` from the budget; an error once it is spent.
    fn charge<E: de::Error>(&mut self, bytes: usize) -> Result<(), E> {
        match self.left.checked_sub(bytes.saturating_add(1)) {
            Some(rest) => {
                *self.left = rest;
                Ok(())
            }
            None => {
                *self.left = 0;
                Err(E::custom("YAML too large once its aliases are expanded"))
            }
        }
    }

    fn again(&mut self) -> Measure<'_> {
        Measure {
            left: &mut *self.left,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Measure<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Measure<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(mut self, _: bool) -> Result<(), E> {
        self.charge(0)
    }
    fn visit_i64<E: de::Error>(mut self, _: i64) -> Result<(), E> {
        self.charge(0)
    }
    fn visit_u64<E: de::Error>(mut self, _: u64) -> Result<(), E> {
        self.charge(0)
    }
    fn visit_f64<E: de::Error>(mut self, _: f64) -> Result<(), E> {
        self.charge(0)
    }
    fn visit_str<E: de::Error>(mut self, text: &str) -> Result<(), E> {
        self.charge(text.len())
    }
    fn visit_bytes<E: de::Error>(mut self, bytes: &[u8]) -> Result<(), E> {
        self.charge(bytes.len())
    }
    fn visit_unit<E: de::Error>(mut self) -> Result<(), E> {
        self.charge(0)
    }
    fn visit_none<E: de::Error>(mut self) -> Result<(), E> {
        self.charge(0)
    }
    fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<(), D::Error> {
        self.deserialize(inner)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, inner: D) -> Result<(), D::Error> {
        self.deserialize(inner)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.charge(0)?;
        while seq.next_element_seed(self.again())?.is_some() {}
        Ok(())
    }
    fn visit_map<A: de::MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        self.charge(0)?;
        while map.next_key_seed(self.again())?.is_some() {
            map.next_value_seed(self.again())?;
        }
        Ok(())
    }
    fn visit_enum<A: de::EnumAccess<'de>>(mut self, data: A) -> Result<(), A::Error> {
        // A tagged node (`!tag value`): its tag, then its value.
        let ((), variant) = data.variant_seed(self.again())?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }
}

/// Accepts a string, number or boolean as text; `null` as absent.
fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Scalar {
        Text(String),
        Int(i64),
        Float(f64),
        Bool(bool),
    }
    Ok(
        Option::<Scalar>::deserialize(deserializer)?.map(|s| match s {
            Scalar::Text(t) => t,
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(x) => x.to_string(),
            Scalar::Bool(b) => b.to_string(),
        }),
    )
}

/// Accepts an integer, or text holding one; `null` as absent.
fn number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    match text(deserializer)? {
        None => Ok(None),
        Some(t) => {
            t.trim().parse().map(Some).map_err(|_| {
                serde::de::Error::custom(format!("expected a whole number, got {t:?}"))
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guide_without_front_matter_has_default_front_matter() {
        let split = split("# Hi\n").ok();
        assert_eq!(split.map(|s| s.body), Some("# Hi\n"));
    }

    #[test]
    fn unknown_keys_are_tolerated() {
        let fm =
            split("---\ntitle: X\nimages: []\nextra: {a: 1}\n---\nbody").map(|s| s.front_matter);
        assert_eq!(fm.ok().and_then(|f| f.title), Some("X".to_owned()));
    }

    #[test]
    fn bad_yaml_names_the_file_line() {
        let err = split("---\ntitle: ok\nweight: [1\n---\n").err();
        let Some(FrontMatterError::Yaml { line, message }) = err else {
            panic!("expected a YAML error, got {err:?}")
        };
        // The file's line of the unclosed `[`, and no position counted from the YAML's
        // own first line in the message.
        assert_eq!(line, Some(3));
        assert!(!message.contains(" at line "), "{message}");
    }

    #[test]
    fn aliases_that_would_expand_past_the_limit_are_refused_unexpanded() {
        let anchor = "x".repeat(100_000);
        let uses = vec!["*a"; 50_000].join(", ");
        let source = format!("---\na: &a {anchor}\ntitle: [{uses}]\n---\nbody");
        let started = std::time::Instant::now();
        let err = split(&source).err();
        assert_eq!(
            err,
            Some(FrontMatterError::TooLarge {
                limit: MAX_EXPANDED_BYTES
            })
        );
        assert!(
            err.is_some_and(|e| e.to_string().contains(&MAX_EXPANDED_BYTES.to_string())),
            "the message names the limit"
        );
        // A hang detector, not a benchmark: expanding would take minutes and gigabytes.
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }

    #[test]
    fn nested_aliases_are_counted_node_by_node() {
        // Billion laughs with empty strings: the nodes themselves multiply.
        let mut yaml = String::from("---\nl0: &l0 ['', '', '', '', '', '', '', '', '', '']\n");
        for level in 1..9 {
            let uses = vec![format!("*l{}", level - 1); 10].join(", ");
            yaml.push_str(&format!("l{level}: &l{level} [{uses}]\n"));
        }
        yaml.push_str("---\n");
        assert_eq!(
            split(&yaml).err(),
            Some(FrontMatterError::TooLarge {
                limit: MAX_EXPANDED_BYTES
            })
        );
    }

    #[test]
    fn ordinary_aliases_within_the_limit_are_read() {
        let fm = split("---\nname: &n Matomo\ntitle: *n\n---\n").map(|s| s.front_matter);
        assert_eq!(fm.ok().and_then(|f| f.title), Some("Matomo".to_owned()));
    }

    #[test]
    fn front_matter_nested_past_the_limit_is_refused_at_its_line() {
        let deep = yaml_depth::MAX_YAML_NESTING + 1;
        let source = format!("---\ntitle: x\nweight: {}\n---\nbody", "[".repeat(deep));
        let err = split(&source).err();
        assert_eq!(
            err,
            Some(FrontMatterError::TooDeep {
                line: 3,
                limit: yaml_depth::MAX_YAML_NESTING
            })
        );
        assert!(
            err.is_some_and(|e| e
                .to_string()
                .contains(&yaml_depth::MAX_YAML_NESTING.to_string())),
            "the message names the limit"
        );
    }

    #[test]
    fn front_matter_nested_to_the_limit_is_read() {
        let depth = yaml_depth::MAX_YAML_NESTING - 1;
        let source = format!(
            "---\ntitle: x\nextra: {}{}\n---\nbody",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let fm = split(&source).map(|s| s.front_matter);
        assert_eq!(fm.ok().and_then(|f| f.title), Some("x".to_owned()));
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert_eq!(
            split("---\ntitle: x\n").err(),
            Some(FrontMatterError::Unclosed { line: 1 })
        );
    }
}
