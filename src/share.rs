//! What a shared link and the browser's storage may carry, decided without the DOM.
//!
//! Only the guide's non-secret variables travel (secret by meaning, whatever the guide
//! names them: the engine's [`Variable::is_secret`]): query parameters pre-fill them, "Copy
//! link" writes them, and `localStorage` keeps them under Authelia's own keys
//! (`site-variable-NAME`), so the playground and Authelia's site agree on one origin. The
//! client secret and its digest never appear in either.

use guide_engine::Variable;
use guide_engine::variables::{self, CLIENT_SECRET, ValueError};

/// The prefix Authelia's site uses for its stored variables.
/// Source: Authelia's documentation site script (`site-variable-` + name).
pub const STORAGE_PREFIX: &str = "site-variable-";

/// The query parameter that asks for the layout made for an iframe (`?embed=1`).
pub const EMBED_PARAM: &str = "embed";

/// The query parameter that sets the colours (`?theme=dark` or `light`).
pub const THEME_PARAM: &str = "theme";

/// Query parameters with a meaning of their own rather than a variable's. The page's
/// head script reads them before the first paint.
pub const PAGE_PARAMS: [&str; 2] = [EMBED_PARAM, THEME_PARAM];

/// Whether a variable may leave the page's memory (storage, links, embed code). A
/// secret never does, whatever the guide calls it.
pub fn is_shareable(variable: &Variable) -> bool {
    !variable.is_secret()
}

/// Whether a name alone says it is a secret's (for names that come from outside the
/// guide: a stored key, a link's parameter).
pub fn names_a_secret(name: &str) -> bool {
    name == CLIENT_SECRET || variables::is_secret(name, "")
}

/// The `localStorage` key of a variable.
pub fn storage_key(name: &str) -> String {
    format!("{STORAGE_PREFIX}{name}")
}

/// The variable a `localStorage` key belongs to, if it is one of ours.
pub fn name_from_storage_key(key: &str) -> Option<&str> {
    key.strip_prefix(STORAGE_PREFIX)
        .filter(|name| !names_a_secret(name) && !name.is_empty())
}

/// A query parameter that could not be used, and why, for a message on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejected {
    /// The guide has no variable of that name.
    Unknown(String),
    /// The secret is never taken from a link.
    Secret,
    /// The value is not valid for the variable.
    Invalid {
        /// The link parameter's name, the variable it would have set.
        name: String,
        /// Why the value was refused, in the words the field would show.
        reason: ValueError,
    },
}

impl core::fmt::Display for Rejected {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Unknown(name) => {
                write!(f, "the link names “{name}”, which this guide does not use")
            }
            Self::Secret => write!(
                f,
                "a secret is never taken from a link; type or generate it here"
            ),
            Self::Invalid { name, reason } => {
                write!(f, "the link's {name} is not usable: {reason}")
            }
        }
    }
}

/// Splits a link's query parameters into values to apply and parameters to report.
/// Parameters with a meaning of their own ([`PAGE_PARAMS`]) are neither.
pub fn prefill(
    params: &[(String, String)],
    variables: &[Variable],
) -> (Vec<(String, String)>, Vec<Rejected>) {
    let mut accepted = Vec::new();
    let mut rejected = Vec::new();
    for (name, value) in params {
        if PAGE_PARAMS.contains(&name.as_str()) {
            continue;
        }
        let variable = variables.iter().find(|v| &v.name == name);
        if variable.is_some_and(|v| !is_shareable(v)) || names_a_secret(name) {
            rejected.push(Rejected::Secret);
        } else if let Some(variable) = variable {
            match variable.validate(value) {
                Ok(()) => accepted.push((name.clone(), value.clone())),
                Err(reason) => rejected.push(Rejected::Invalid {
                    name: name.clone(),
                    reason,
                }),
            }
        } else {
            rejected.push(Rejected::Unknown(name.clone()));
        }
    }
    (accepted, rejected)
}

/// The query parameters of a link that reproduces the reader's values: every shareable
/// variable that differs from its default, in the guide's order.
pub fn link_params(
    variables: &[Variable],
    value_of: impl Fn(&str) -> String,
) -> Vec<(String, String)> {
    variables
        .iter()
        .filter(|v| is_shareable(v))
        .filter_map(|v| {
            let value = value_of(&v.name);
            (!value.is_empty() && value != v.default).then(|| (v.name.clone(), value))
        })
        .collect()
}

/// The id the embed code gives its iframe, for its listener to find it.
const FRAME_ID: &str = "guide-playground";

/// The HTML that embeds the playground in another page: an iframe at `link` (the page
/// with `embed=1` and the reader's non-secret values) and the few lines that fit the
/// frame to the height the playground posts. `title` names the frame for screen readers.
pub fn embed_code(link: &str, title: &str) -> String {
    format!(
        "<iframe id=\"{FRAME_ID}\" src=\"{}\" title=\"{}\"\n        \
         style=\"width: 100%; height: 900px; border: 0\" loading=\"lazy\" allow=\"clipboard-write\"\n        \
         sandbox=\"allow-scripts allow-same-origin allow-downloads\"></iframe>\n\
         <script>\n  \
         addEventListener(\"message\", (event) => {{\n    \
         const frame = document.getElementById(\"{FRAME_ID}\");\n    \
         if (event.source !== frame.contentWindow) return;\n    \
         if (event.data && event.data.type === \"guide-playground:height\" && Number.isFinite(event.data.height)) {{\n      \
         frame.style.height = `${{Math.ceil(event.data.height)}}px`;\n    \
         }}\n  \
         }});\n\
         </script>\n",
        attribute(link),
        attribute(title)
    )
}

/// Text safe inside a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use guide_engine::variables::describe;

    fn vars() -> Vec<Variable> {
        ["domain", "subdomain-authelia", "client-id", "client-secret"]
            .into_iter()
            .map(|n| describe(n, None))
            .collect()
    }

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn valid_parameters_prefill_their_variables() {
        let (ok, bad) = prefill(
            &pairs(&[("domain", "example.org"), ("subdomain-authelia", "login")]),
            &vars(),
        );
        assert_eq!(
            ok,
            pairs(&[("domain", "example.org"), ("subdomain-authelia", "login")])
        );
        assert!(bad.is_empty());
    }

    #[test]
    fn secret_in_a_link_is_refused() {
        let (ok, bad) = prefill(&pairs(&[("client-secret", "hunter2hunter2")]), &vars());
        assert!(ok.is_empty());
        assert_eq!(bad, vec![Rejected::Secret]);
    }

    #[test]
    fn invalid_and_unknown_parameters_are_reported_not_applied() {
        let (ok, bad) = prefill(
            &pairs(&[
                ("domain", "<script>"),
                ("colour", "red"),
                ("embed", "1"),
                ("theme", "dark"),
            ]),
            &vars(),
        );
        assert!(ok.is_empty());
        assert_eq!(bad.len(), 2);
        assert!(matches!(&bad[0], Rejected::Invalid { name, .. } if name == "domain"));
        assert_eq!(bad[1], Rejected::Unknown("colour".into()));
    }

    #[test]
    fn a_secret_by_any_name_stays_out_of_links_and_storage() {
        let lookalike = guide_engine::Variable {
            name: "client_secret".to_owned(),
            label: "Client Secret".to_owned(),
            kind: guide_engine::Kind::Text,
            default: String::new(),
        };
        let mut variables = vars();
        variables.push(lookalike.clone());
        assert!(!is_shareable(&lookalike));
        let (ok, bad) = prefill(
            &pairs(&[("client_secret", "abc"), ("api_key", "k")]),
            &variables,
        );
        assert!(ok.is_empty());
        assert_eq!(bad, vec![Rejected::Secret, Rejected::Secret]);
        let params = link_params(&variables, |name| match name {
            "client_secret" => "typed-secret".into(),
            _ => String::new(),
        });
        assert!(params.is_empty(), "{params:?}");
        assert_eq!(name_from_storage_key("site-variable-client_secret"), None);
        assert_eq!(name_from_storage_key("site-variable-api-token"), None);
    }

    #[test]
    fn link_carries_changed_values_but_never_the_secret() {
        let variables = vars();
        let params = link_params(&variables, |name| match name {
            "domain" => "example.org".into(),
            "client-secret" => "s3cr3t-s3cr3t".into(),
            "subdomain-authelia" => "auth".into(),
            _ => String::new(),
        });
        assert_eq!(
            params,
            vec![("domain".to_owned(), "example.org".to_owned())]
        );
    }

    #[test]
    fn embed_code_frames_the_link_and_fits_the_height_it_is_sent() {
        let code = embed_code(
            "https://docs.example.org/playground/?embed=1&domain=a\"b",
            "Matomo <x>",
        );
        assert!(
            code.contains(
                "src=\"https://docs.example.org/playground/?embed=1&amp;domain=a&quot;b\""
            )
        );
        assert!(code.contains("title=\"Matomo &lt;x&gt;\""));
        assert!(code.contains("event.data.type === \"guide-playground:height\""));
        assert!(code.contains("frame.style.height = `${Math.ceil(event.data.height)}px`;"));
        assert_eq!(code.matches("<script>").count(), 1);
    }

    #[test]
    fn storage_keys_follow_authelia_and_exclude_the_secret() {
        assert_eq!(storage_key("domain"), "site-variable-domain");
        assert_eq!(
            name_from_storage_key("site-variable-domain"),
            Some("domain")
        );
        assert_eq!(name_from_storage_key("site-variable-client-secret"), None);
        assert_eq!(name_from_storage_key("theme"), None);
    }
}
