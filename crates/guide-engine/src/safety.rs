//! What a guide may not smuggle into the page: live markup and script URLs.
//!
//! Guides are data. Raw HTML is shown as text (only `<br>` is honoured, as a line
//! break) and a URL whose scheme could run code or embed content is made inert.

/// Schemes a link or image may use. Anything else with a scheme is refused; relative
/// URLs and fragments have no scheme and are allowed.
const ALLOWED_SCHEMES: [&str; 4] = ["http", "https", "mailto", "ftp"];

/// What an address's scheme says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// No scheme: a fragment or a relative path.
    None,
    /// `//host/…`: another site, reached with the page's own scheme.
    NetworkPath,
    /// One of [`ALLOWED_SCHEMES`].
    Allowed,
    /// Any other scheme (`javascript:`, `data:`, …).
    Refused,
}

/// Longest scheme looked at. Registered schemes are far shorter; a colon further in is
/// part of a path, and the bound keeps the check cheap on a hostile address.
const MAX_SCHEME_LEN: usize = 64;

/// The scheme of an address.
///
/// Browsers ignore ASCII whitespace and control characters inside a scheme
/// (`java\tscript:`), so those are removed before looking.
pub(crate) fn scheme(url: &str) -> Scheme {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take(MAX_SCHEME_LEN)
        .collect();
    if cleaned.starts_with("//") || cleaned.starts_with("\\\\") {
        return Scheme::NetworkPath;
    }
    let Some(colon) = cleaned.find(':') else {
        return Scheme::None;
    };
    let before = cleaned.get(..colon).unwrap_or_default();
    // A `/`, `?` or `#` before the colon means the colon is in a path, query or fragment.
    if before.contains(['/', '?', '#']) {
        return Scheme::None;
    }
    if ALLOWED_SCHEMES.contains(&before.to_ascii_lowercase().as_str()) {
        Scheme::Allowed
    } else {
        Scheme::Refused
    }
}

/// Whether a URL is safe to put in `href`/`src`: no scheme, or an allowed one.
///
/// The engine classifies every address once ([`crate::Target`]); a page checks again
/// after filling in the reader's values, since a variable may start an address.
pub fn url_is_safe(url: &str) -> bool {
    scheme(url) != Scheme::Refused
}

/// Whether raw HTML is a line break tag, the only markup a guide keeps.
pub(crate) fn is_line_break_tag(html: &str) -> bool {
    let tag: String = html
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(tag.as_str(), "<br>" | "<br/>")
}

/// Whether raw HTML is only a comment (dropped: it is invisible on the real site too).
pub(crate) fn is_comment(html: &str) -> bool {
    let t = html.trim();
    t.starts_with("<!--") && t.ends_with("-->") && t.len() >= 7
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_urls_are_unsafe() {
        for url in [
            "javascript:alert(1)",
            " JaVaScRiPt:x",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(!url_is_safe(url), "{url}");
        }
    }

    #[test]
    fn web_and_relative_urls_are_safe() {
        for url in [
            "https://a.b/",
            "http://x",
            "mailto:a@b",
            "../x.md",
            "#web-gui",
            "/p?q=a:b",
            "",
        ] {
            assert!(url_is_safe(url), "{url}");
        }
    }
}
