//! Heading ids: stable, unique slugs in the style Hugo generates, so `#web-gui` links
//! written for Authelia's site keep working.

use std::collections::{HashMap, HashSet};

use super::document::RESERVED_ID_PREFIX;

/// What a heading id starts with when its text would begin with the page's reserved
/// prefix.
const RENAMED_PREFIX: &str = "h-";

/// The id of a heading with no letters or digits.
const EMPTY_HEADING_ID: &str = "section";

/// Hands out unique slugs within one document.
#[derive(Debug, Default)]
pub(crate) struct Slugger {
    used: HashSet<String>,
    /// Next suffix to try per base slug, so many equal headings stay linear.
    next: HashMap<String, usize>,
}

impl Slugger {
    /// A unique id for a heading with this text (or this explicit id).
    pub fn unique(&mut self, text: &str) -> String {
        let mut base = slugify(text);
        if base.is_empty() {
            base = EMPTY_HEADING_ID.to_owned();
        }
        if base.starts_with(RESERVED_ID_PREFIX) {
            base = format!("{RENAMED_PREFIX}{base}");
        }
        let mut candidate = base.clone();
        let n = self.next.entry(base.clone()).or_insert(1);
        while self.used.contains(&candidate) {
            candidate = format!("{base}-{n}");
            *n += 1;
        }
        self.used.insert(candidate.clone());
        candidate
    }
}

/// Lower-cases, keeps letters, digits, `-` and `_`, turns spaces into `-`.
pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            out.push('-');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_match_hugo_style_and_are_unique() {
        let mut s = Slugger::default();
        assert_eq!(s.unique("Web GUI"), "web-gui");
        assert_eq!(s.unique("Web GUI"), "web-gui-1");
        assert_eq!(s.unique("OpenID Connect 1.0"), "openid-connect-10");
        assert_eq!(s.unique("!!!"), "section");
    }

    #[test]
    fn headings_never_take_the_pages_own_ids() {
        let mut s = Slugger::default();
        assert_eq!(s.unique("GP Secret"), "h-gp-secret");
        assert!(!s.unique("gp-").starts_with(RESERVED_ID_PREFIX));
    }
}
