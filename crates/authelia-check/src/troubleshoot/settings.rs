//! The reader's configuration as the explanation needs it: the client a message is
//! about, the provider, and `session.cookies`, each key with its value and its line. It is
//! read as "Check my configuration" reads it (`configuration::read`, with its nesting and
//! alias bounds, and the same shapes: the whole file, its `identity_providers` part, the
//! `oidc` mapping, a `clients` list, or one client), and lines come from the same
//! `Locator`.

use serde_yaml::{Mapping, Value};

use crate::configuration::client::{get, id_of};
use crate::configuration::finding::{At, Findings};
use crate::configuration::locate::{Locator, Step};
use crate::configuration::read::{self, scalar_text};
use crate::configuration::{MAX_CONFIGURATION_BYTES, Shape};

/// A pasted configuration, read.
pub(crate) struct Settings<'t> {
    value: Value,
    locator: Locator<'t>,
}

/// Why a configuration could not be read, in words, with its line.
pub(crate) struct Unreadable {
    /// What went wrong.
    pub problem: String,
    /// Where, when the reader says.
    pub line: Option<u32>,
}

impl<'t> Settings<'t> {
    /// Reads the pasted configuration.
    ///
    /// # Errors
    /// [`Unreadable`] when it is larger than [`MAX_CONFIGURATION_BYTES`] or is not YAML
    /// Authelia's checker reads.
    pub(crate) fn read(text: &'t str) -> Result<Settings<'t>, Unreadable> {
        if text.len() > MAX_CONFIGURATION_BYTES {
            return Err(Unreadable {
                problem: format!(
                    "The configuration is {} bytes; at most {MAX_CONFIGURATION_BYTES} are read.",
                    text.len()
                ),
                line: None,
            });
        }
        let value = read::read(text).map_err(|e| Unreadable {
            problem: e.problem,
            line: match e.at {
                At::Position { line, .. } => Some(line),
                _ => None,
            },
        })?;
        Ok(Settings {
            value,
            locator: Locator::new(text),
        })
    }

    /// The line of `path`.
    pub(crate) fn line(&self, path: &[Step]) -> Option<u32> {
        self.locator.line(path)
    }

    /// The clients, each with its path.
    pub(crate) fn clients(&self) -> Vec<Node<'_>> {
        let mut ignored = Findings::default();
        let shape = Shape::of(&self.value, &mut ignored);
        shape
            .clients(&mut ignored)
            .unwrap_or_default()
            .into_iter()
            .map(|(map, path)| Node {
                map,
                path,
                settings: self,
            })
            .collect()
    }

    /// The provider (`identity_providers.oidc`), when the paste reaches it.
    pub(crate) fn provider(&self) -> Option<Node<'_>> {
        let mut ignored = Findings::default();
        let (map, path) = Shape::of(&self.value, &mut ignored).provider?;
        Some(Node {
            map,
            path,
            settings: self,
        })
    }

    /// The root mapping, when the paste is the whole configuration (it then has
    /// `session`).
    pub(crate) fn root(&self) -> Option<Node<'_>> {
        match &self.value {
            Value::Mapping(map) if map.contains_key("identity_providers") => Some(Node {
                map,
                path: Vec::new(),
                settings: self,
            }),
            _ => None,
        }
    }

    /// The client with `id`; `None` when there is none.
    pub(crate) fn client(&self, id: &str) -> Option<Node<'_>> {
        self.clients()
            .into_iter()
            .find(|c| id_of(c.map).as_deref() == Some(id))
    }
}

/// A mapping of the configuration (a client, the provider, a cookie) with its path.
pub(crate) struct Node<'s> {
    map: &'s Mapping,
    path: Vec<Step>,
    settings: &'s Settings<'s>,
}

impl<'s> Node<'s> {
    /// The line of the mapping itself (a client's `- client_id:` line).
    pub(crate) fn own_line(&self) -> Option<u32> {
        self.settings.line(&self.path)
    }

    /// The client id, for a client.
    pub(crate) fn id(&self) -> Option<String> {
        id_of(self.map)
    }

    /// The value of `key` (or of its name before 4.38), when set and not null.
    fn value(&self, key: &'static str) -> Option<(&'s Value, &'static str)> {
        get(self.map, key)
    }

    /// Whether `key` is set.
    pub(crate) fn has(&self, key: &'static str) -> bool {
        self.value(key).is_some()
    }

    /// The text of `key`, when it is a scalar.
    pub(crate) fn text(&self, key: &'static str) -> Option<String> {
        self.value(key).and_then(|(v, _)| scalar_text(v))
    }

    /// `key` as true or false.
    pub(crate) fn boolean(&self, key: &'static str) -> Option<bool> {
        self.value(key).and_then(|(v, _)| v.as_bool())
    }

    /// The items of `key` when it is a list of text (or one text, as `redirect_uris`
    /// may be), each with its line.
    pub(crate) fn list(&self, key: &'static str) -> Option<Vec<(String, Option<u32>)>> {
        let (value, name) = self.value(key)?;
        let at = self.child(name);
        match value {
            Value::Sequence(items) => Some(
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| {
                        let mut path = at.clone();
                        path.push(Step::Index(i));
                        scalar_text(item).map(|t| (t, self.settings.line(&path)))
                    })
                    .collect(),
            ),
            other => scalar_text(other).map(|t| vec![(t, self.settings.line(&at))]),
        }
    }

    /// The line of `key` when it is set, else of the mapping.
    pub(crate) fn line(&self, key: &'static str) -> Option<u32> {
        match self.value(key) {
            Some((_, name)) => self.settings.line(&self.child(name)),
            None => self.own_line(),
        }
    }

    /// The mapping under `key`.
    pub(crate) fn mapping(&self, key: &str) -> Option<Node<'s>> {
        match self.map.get(key)? {
            Value::Mapping(map) => Some(Node {
                map,
                path: self.child(key),
                settings: self.settings,
            }),
            _ => None,
        }
    }

    /// The names this mapping gives (its keys that are text), in order.
    pub(crate) fn keys(&self) -> Vec<String> {
        self.map.keys().filter_map(scalar_text).collect()
    }

    /// The mappings listed under `key`.
    pub(crate) fn mappings(&self, key: &'static str) -> Vec<Node<'s>> {
        match self.map.get(key) {
            Some(Value::Sequence(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    let mut path = self.child(key);
                    path.push(Step::Index(i));
                    item.as_mapping().map(|map| Node {
                        map,
                        path,
                        settings: self.settings,
                    })
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The path of `key` under this mapping.
    fn child(&self, key: &str) -> Vec<Step> {
        let mut path = self.path.clone();
        path.push(Step::key(key));
        path
    }

    /// The dotted path of `key` for a sentence: `session.cookies[0].domain`.
    pub(crate) fn dotted(&self, key: &str) -> String {
        let mut out = String::new();
        for step in &self.path {
            match step {
                Step::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(key);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "\
session:
  cookies:
    - domain: 'example.com'
      authelia_url: 'https://auth.example.com'
identity_providers:
  oidc:
    enforce_pkce: 'always'
    clients:
      - client_id: 'other'
      - id: 'matomo'
        redirect_uris:
          - 'https://matomo.example.com/cb'
        token_endpoint_auth_method: 'client_secret_post'
";

    #[test]
    fn a_client_s_keys_are_read_with_their_lines() {
        let Ok(settings) = Settings::read(CONFIG) else {
            panic!("readable")
        };
        let Some(client) = settings.client("matomo") else {
            panic!("the client")
        };
        assert_eq!(client.own_line(), Some(10));
        assert_eq!(
            client.text("token_endpoint_auth_method").as_deref(),
            Some("client_secret_post")
        );
        assert_eq!(client.line("token_endpoint_auth_method"), Some(13));
        assert_eq!(client.line("scopes"), Some(10));
        assert_eq!(
            client.list("redirect_uris"),
            Some(vec![("https://matomo.example.com/cb".to_owned(), Some(12))])
        );
        let provider = settings.provider();
        assert_eq!(
            provider
                .as_ref()
                .and_then(|p| p.text("enforce_pkce"))
                .as_deref(),
            Some("always")
        );
        let cookies = settings
            .root()
            .and_then(|r| r.mapping("session"))
            .map(|s| s.mappings("cookies"))
            .unwrap_or_default();
        let Some(cookie) = cookies.first() else {
            panic!("a cookie")
        };
        assert_eq!(cookie.line("domain"), Some(3));
        assert_eq!(cookie.dotted("domain"), "session.cookies[0].domain");
    }
}
