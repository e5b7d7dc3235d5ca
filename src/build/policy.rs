//! The page's Content-Security-Policy allows its inline scripts by hash: the SHA-256 of
//! every inline script the page runs (Trunk's start-up script and the page's head script)
//! goes in place of the policy's marker, [`SCRIPT_MARKER`]; 'unsafe-inline' would allow
//! any script. Data blocks (the page's data, `type="text/plain"`) are not scripts, so they
//! get no hash. The page never has an inline style sheet: the site shares one file.
//!
//! The hashes are of the template's scripts: every page of the site is filled in from it,
//! and what the build fills in holds no script (the page's data is percent-encoded).

use base64::Engine as _;
use sha2::{Digest as _, Sha256};

use super::BuildError;
use super::page::{Page, inline_scripts};

/// Where index.html's policy takes the hashes.
pub const SCRIPT_MARKER: &str = "'inline-script-hashes'";

/// The policy's source for `script`: `'sha256-<base64 of its SHA-256>'`.
pub fn script_hash(script: &str) -> String {
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()))
    )
}

/// Whether a script element's `type` makes it run: none, `module` or `text/javascript`.
fn runs(attributes: &str) -> bool {
    let kind = type_attribute(attributes).unwrap_or_default();
    matches!(kind, "" | "module" | "text/javascript")
}

/// The value of the first `type="…"` in `attributes` whose `type` starts a word (spaces
/// allowed around `=`).
fn type_attribute(attributes: &str) -> Option<&str> {
    attributes.match_indices("type").find_map(|(at, _)| {
        let before = attributes.get(..at).and_then(|b| b.chars().next_back());
        // The attributes follow `<script`, a word: `type` at their very start is not a
        // word's start.
        if at == 0 || before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        let rest = attributes.get(at + "type".len()..)?.trim_start();
        let rest = rest.strip_prefix('=')?.trim_start().strip_prefix('"')?;
        rest.get(..rest.find('"')?)
    })
}

/// The page with the hashes of its inline scripts in its policy.
///
/// # Errors
/// [`BuildError::Page`] when the policy has no [`SCRIPT_MARKER`] or the page holds an
/// inline style sheet.
pub fn allow_inline_scripts(page: Page) -> Result<Page, BuildError> {
    if !page.html.contains(SCRIPT_MARKER) {
        return Err(BuildError::Page(format!(
            "has no {SCRIPT_MARKER} marker in its Content-Security-Policy"
        )));
    }
    let hashes: Vec<String> = inline_scripts(&page.html)
        .iter()
        .filter(|script| runs(script.attributes))
        .map(|script| script_hash(script.body))
        .collect();
    if has_style_element(&page.html) {
        return Err(BuildError::Page(
            "has an inline style sheet; the site shares one style sheet file".to_owned(),
        ));
    }
    Ok(Page {
        html: page.html.replacen(SCRIPT_MARKER, &hashes.join(" "), 1),
        inline_scripts: hashes.len(),
        ..page
    })
}

/// Whether `html` holds `<style` followed by no word character.
fn has_style_element(html: &str) -> bool {
    html.match_indices("<style").any(|(at, _)| {
        !html
            .get(at + "<style".len()..)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> Page {
        Page {
            html: html.to_owned(),
            rewritten: Vec::new(),
            live_reload: None,
            inline_scripts: 0,
        }
    }

    #[test]
    fn a_known_script_s_hash_is_its_base64_sha256() {
        // printf 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            script_hash("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }

    #[test]
    fn every_inline_script_that_runs_is_allowed_and_no_data_block() {
        let allowed = allow_inline_scripts(page(
            "<meta content=\"script-src 'self' 'inline-script-hashes'\"><script>alert(1)</script><script type=\"module\">m</script><script type = \"text/javascript\">j</script><script type=\"text/plain\" id=\"data\">x</script><script src=\"a.js\"></script>",
        ))
        .expect("allowed");
        assert_eq!(allowed.inline_scripts, 3);
        assert!(
            allowed.html.starts_with(&format!(
                "<meta content=\"script-src 'self' {} {} {}\">",
                script_hash("alert(1)"),
                script_hash("m"),
                script_hash("j")
            )),
            "{}",
            allowed.html
        );
    }

    #[test]
    fn a_page_without_the_marker_or_with_an_inline_style_is_refused() {
        let said = |html: &str| {
            allow_inline_scripts(page(html))
                .expect_err("refused")
                .to_string()
        };
        assert!(said("<script>x</script>").contains("'inline-script-hashes'"));
        assert!(said("'inline-script-hashes'<style>a{}</style>").contains("inline style sheet"));
        assert_eq!(
            allow_inline_scripts(page("'inline-script-hashes'<styles>"))
                .expect("not a style element")
                .html,
            "<styles>"
        );
    }
}
