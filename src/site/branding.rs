//! The marks a site configuration puts on every page (see [`super::config`]): the brand
//! above the app, the footer's links below it, and a style sheet of the site's own for
//! the accent colour and their layout, as text the build writes into each page.
//!
//! They stand outside the app's root, so the app never renders them (the page's download
//! does not grow) and its takeover leaves them in place; every value is escaped text or
//! an attribute; the style sheet is a file of the site's (`style-src 'self'`), never an
//! inline `<style>`, so the page's Content-Security-Policy stays as strict as it is. A
//! site without a configuration gets none of it: not even the style sheet's request.

use super::config::SiteConfig;
use super::pages::escape;

/// The site's own style sheet, at the site's root beside the app's.
pub const STYLE_SHEET: &str = "site.css";

/// What each page of a configured site gets: a tag for its head, markup before the
/// app's root and markup after everything the page holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chrome {
    /// For the head: the link to [`STYLE_SHEET`], when there is one.
    pub head: String,
    /// Before the app's root: the brand.
    pub before: String,
    /// After the page's content: the footer.
    pub after: String,
    /// The style sheet's text, when the site has one to write.
    pub style_sheet: Option<String>,
}

/// The layout of the brand and the footer, in the page's own colours (style/main.css's
/// custom properties), hidden in embed mode as the page's own header is.
const LAYOUT: &str = ".site-brand{display:flex;align-items:center;padding:.5rem 1.25rem;border-bottom:1px solid var(--border);font-weight:600}\
.site-brand a,.site-brand span{display:inline-flex;align-items:center;gap:.5rem;color:var(--fg)}\
.site-brand img{height:2rem;width:auto}\
.site-footer{margin-top:2rem;padding:1rem 1.25rem;border-top:1px solid var(--border)}\
.site-footer ul{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:0;padding:0;list-style:none}\
:root[data-embed] .site-brand,:root[data-embed] .site-footer{display:none}\n";

/// The marks of `config` on a page; `logo` is the brand's logo's published path (below
/// the site's root), once the build has named it.
pub fn chrome(config: &SiteConfig, logo: Option<&str>) -> Chrome {
    let mut chrome = Chrome::default();
    let mut sheet = String::new();
    if let Some(accent) = &config.accent {
        // Colours are exactly `#rrggbb` (config::Colour's Display): nothing else reaches
        // the style sheet.
        sheet.push_str(&format!(
            ":root{{--accent:light-dark({},{})}}\n",
            accent.light, accent.dark
        ));
    }
    if let Some(brand) = &config.brand {
        let image = logo.map_or_else(String::new, |src| {
            format!("<img src=\"{}\" alt=\"\">", escape(src))
        });
        let name = escape(&brand.name);
        let inner = match &brand.link {
            Some(link) => format!("<a href=\"{}\">{image}{name}</a>", escape(link)),
            None => format!("<span>{image}{name}</span>"),
        };
        chrome.before =
            format!("<nav class=\"site-brand\" aria-label=\"{name}\">{inner}</nav>\n    ");
    }
    if !config.footer_links.is_empty() {
        let items: String = config
            .footer_links
            .iter()
            .map(|link| {
                format!(
                    "<li><a href=\"{}\">{}</a></li>",
                    escape(&link.url),
                    escape(&link.label)
                )
            })
            .collect();
        chrome.after = format!(
            "\n    <footer class=\"site-footer\"><nav aria-label=\"Footer links\"><ul>{items}</ul></nav></footer>"
        );
    }
    if !chrome.before.is_empty() || !chrome.after.is_empty() {
        sheet.push_str(LAYOUT);
    }
    if !sheet.is_empty() {
        chrome.head = format!("<link rel=\"stylesheet\" href=\"{STYLE_SHEET}\">\n  ");
        chrome.style_sheet = Some(sheet);
    }
    chrome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::config::parse;

    #[test]
    fn a_site_without_marks_gets_nothing_not_even_a_style_sheet() {
        assert_eq!(chrome(&SiteConfig::default(), None), Chrome::default());
        let titled = parse("title = \"Ours\"\n").expect("parses");
        assert_eq!(chrome(&titled, None), Chrome::default());
    }

    #[test]
    fn every_value_lands_escaped_and_the_accent_in_the_style_sheet() {
        let config = parse(
            "[brand]\nname = \"A&B <i>\"\nlink = \"/docs/?a=1&b=\\\"2\\\"\"\n[accent]\nlight = \"#0B5394\"\ndark = \"#9fc5e8\"\n[[footer_links]]\nlabel = \"<Privacy>\"\nurl = \"https://acme.test/p?x=1&y=2\"\n",
        );
        // A quote is refused in an address: the same file with a plain link.
        assert!(config.is_err());
        let config = parse(
            "[brand]\nname = \"A&B <i>\"\nlink = \"/docs/?a=1&b=2\"\n[accent]\nlight = \"#0B5394\"\ndark = \"#9fc5e8\"\n[[footer_links]]\nlabel = \"<Privacy>\"\nurl = \"https://acme.test/p?x=1&y=2\"\n",
        )
        .expect("parses");
        let marks = chrome(&config, Some("_images/ab.png"));
        assert_eq!(
            marks.before,
            "<nav class=\"site-brand\" aria-label=\"A&amp;B &lt;i&gt;\"><a href=\"/docs/?a=1&amp;b=2\"><img src=\"_images/ab.png\" alt=\"\">A&amp;B &lt;i&gt;</a></nav>\n    "
        );
        assert!(
            marks.after.contains(
                "<li><a href=\"https://acme.test/p?x=1&amp;y=2\">&lt;Privacy&gt;</a></li>"
            ),
            "{}",
            marks.after
        );
        let sheet = marks.style_sheet.expect("a style sheet");
        assert!(
            sheet.starts_with(":root{--accent:light-dark(#0b5394,#9fc5e8)}\n"),
            "{sheet}"
        );
        assert!(sheet.contains(".site-brand"), "{sheet}");
        assert_eq!(
            marks.head,
            format!("<link rel=\"stylesheet\" href=\"{STYLE_SHEET}\">\n  ")
        );
    }
}
