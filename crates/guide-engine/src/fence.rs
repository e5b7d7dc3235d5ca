//! Reads a code fence's info string: `yaml {title="configuration.yml"}`.
//!
//! Hugo allows attributes in braces after the language, with or without a space.
//! Broken attributes (an unterminated `{title="x`) must not lose the language, so this
//! never fails: what cannot be read is ignored.

/// Language and title of a fence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FenceInfo {
    /// The language, if any.
    pub language: Option<String>,
    /// The `title` attribute, if present and well formed.
    pub title: Option<String>,
}

/// Parses a fence info string.
pub fn parse_info(info: &str) -> FenceInfo {
    let info = info.trim();
    let lang_end = info
        .find(|c: char| c.is_whitespace() || c == '{')
        .unwrap_or(info.len());
    let language = info
        .get(..lang_end)
        .filter(|l| !l.is_empty())
        .map(str::to_owned);
    let rest = info.get(lang_end..).unwrap_or_default().trim_start();
    let title = rest
        .strip_prefix('{')
        .and_then(attributes)
        .and_then(|attrs| {
            attrs
                .into_iter()
                .find(|(k, _)| k == "title")
                .map(|(_, v)| v)
        });
    FenceInfo { language, title }
}

/// Reads `key="value" key2=bare}`; `None` when the closing brace or a quote is missing.
fn attributes(s: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    loop {
        while chars
            .next_if(|(_, c)| c.is_whitespace() || *c == ',')
            .is_some()
        {}
        match chars.peek() {
            None => return None,
            Some((_, '}')) => return Some(out),
            _ => {}
        }
        let mut key = String::new();
        while let Some((_, c)) =
            chars.next_if(|(_, c)| !c.is_whitespace() && !matches!(c, '=' | '}'))
        {
            key.push(c);
        }
        if chars.next_if(|(_, c)| *c == '=').is_none() {
            out.push((key, String::new()));
            continue;
        }
        let mut value = String::new();
        match chars.peek().map(|(_, c)| *c) {
            Some(quote @ ('"' | '\'')) => {
                chars.next();
                loop {
                    match chars.next() {
                        None => return None,
                        Some((_, c)) if c == quote => break,
                        Some((_, c)) => value.push(c),
                    }
                }
            }
            _ => {
                while let Some((_, c)) = chars.next_if(|(_, c)| !c.is_whitespace() && *c != '}') {
                    value.push(c);
                }
            }
        }
        out.push((key, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(lang: &str, title: Option<&str>) -> FenceInfo {
        FenceInfo {
            language: Some(lang.to_owned()),
            title: title.map(str::to_owned),
        }
    }

    #[test]
    fn title_attribute_is_read() {
        assert_eq!(
            parse_info(r#"yaml {title="configuration.yml"}"#),
            info("yaml", Some("configuration.yml"))
        );
    }

    #[test]
    fn attributes_may_follow_without_space() {
        assert_eq!(parse_info(r#"yaml{title="x"}"#), info("yaml", Some("x")));
    }

    #[test]
    fn unterminated_fence_attribute_keeps_language_without_title() {
        assert_eq!(
            parse_info(r#"yaml {title="httproute.yaml"#),
            info("yaml", None)
        );
        assert_eq!(parse_info(r#"yaml {title="x""#), info("yaml", None));
    }

    #[test]
    fn empty_info_has_no_language() {
        assert_eq!(parse_info("  "), FenceInfo::default());
    }
}
