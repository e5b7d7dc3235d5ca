//! The page's Content-Security-Policy allows its inline scripts and its style element by
//! hash: the SHA-256 of every inline script the page runs (Trunk's start-up script and the
//! page's head script) goes in place of the policy's marker [`SCRIPT_MARKER`], and that of
//! the page's one style element (the app's rules and the site's, [`super::page`]) in
//! place of [`STYLE_MARKER`]; 'unsafe-inline' would allow any script or style. Data blocks
//! (the page's data, `type="text/plain"`) are not scripts, so they get no hash.
//!
//! The hashes are of the template's elements: every page of the site is filled in from it,
//! and what the build fills in holds no script or style (the page's data is
//! percent-encoded, and the guide's text escaped).

use base64::Engine as _;
use sha2::{Digest as _, Sha256};

use super::BuildError;
use super::page::{Page, attribute, inline_scripts, inline_styles};

/// Where index.html's policy takes the scripts' hashes (in `script-src`).
pub const SCRIPT_MARKER: &str = "'inline-script-hashes'";

/// Where index.html's policy takes the style element's hash (in `style-src`).
pub const STYLE_MARKER: &str = "'inline-style-hashes'";

/// The policy's source for an element's body: `'sha256-<base64 of its SHA-256>'`.
pub fn source_hash(body: &str) -> String {
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body.as_bytes()))
    )
}

/// Whether a script element's `type` makes it run: none, `module` or `text/javascript`.
fn runs(attributes: &str) -> bool {
    let kind = attribute(attributes, "type").unwrap_or_default();
    matches!(kind, "" | "module" | "text/javascript")
}

/// The page with the hashes of its inline scripts and its style element in its policy.
///
/// # Errors
/// [`BuildError::Page`] when the policy lacks either marker.
pub fn allow_inline_elements(page: Page) -> Result<Page, BuildError> {
    for marker in [SCRIPT_MARKER, STYLE_MARKER] {
        if !page.html.contains(marker) {
            return Err(BuildError::Page(format!(
                "has no {marker} marker in its Content-Security-Policy"
            )));
        }
    }
    let scripts: Vec<String> = inline_scripts(&page.html)
        .iter()
        .filter(|script| runs(script.attributes))
        .map(|script| source_hash(script.body))
        .collect();
    let styles: Vec<String> = inline_styles(&page.html)
        .into_iter()
        .map(source_hash)
        .collect();
    let html = page
        .html
        .replacen(SCRIPT_MARKER, &scripts.join(" "), 1)
        .replacen(STYLE_MARKER, &styles.join(" "), 1);
    Ok(Page {
        html,
        inline_scripts: scripts.len(),
        inline_styles: styles.len(),
        ..page
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
            inline_styles: 0,
        }
    }

    #[test]
    fn a_known_script_s_hash_is_its_base64_sha256() {
        // printf 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            source_hash("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }

    #[test]
    fn every_inline_script_that_runs_is_allowed_and_no_data_block() {
        let allowed = allow_inline_elements(page(
            "<meta content=\"script-src 'self' 'inline-script-hashes'; style-src 'inline-style-hashes'\"><style>a{b:c}</style><script>alert(1)</script><script type=\"module\">m</script><script type = \"text/javascript\">j</script><script type=\"text/plain\" id=\"data\">x</script><script src=\"a.js\"></script>",
        ))
        .expect("allowed");
        assert_eq!((allowed.inline_scripts, allowed.inline_styles), (3, 1));
        assert!(
            allowed.html.starts_with(&format!(
                "<meta content=\"script-src 'self' {} {} {}; style-src {}\">",
                source_hash("alert(1)"),
                source_hash("m"),
                source_hash("j"),
                source_hash("a{b:c}")
            )),
            "{}",
            allowed.html
        );
    }

    #[test]
    fn a_page_without_either_marker_is_refused() {
        let said = |html: &str| {
            allow_inline_elements(page(html))
                .expect_err("refused")
                .to_string()
        };
        assert!(said("'inline-style-hashes'<script>x</script>").contains("'inline-script-hashes'"));
        assert!(said("'inline-script-hashes'<style>a{}</style>").contains("'inline-style-hashes'"));
    }
}
