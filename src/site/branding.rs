//! The marks a site configuration puts on every page (see [`super::config`]): the brand
//! above the app, the footer's links below it, and style rules of the site's own for the
//! accent colour and their layout, as text the build writes into each page.
//!
//! They stand outside the app's root, so the app never renders them (the page's download
//! does not grow) and its takeover leaves them in place; every value is escaped text or
//! an attribute. The rules join the page's one style element, after the app's own
//! (`crate::build::page`), so the page's Content-Security-Policy allows them by the same
//! hash and they cost no request. A site without a configuration gets none of it.

use super::config::SiteConfig;
use super::pages::escape;

/// What each page of a configured site gets: markup before the app's root and markup
/// after everything the page holds ([`style_rules`] gives its style).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chrome {
    /// Before the app's root: the brand.
    pub before: String,
    /// After the page's content: the footer.
    pub after: String,
}

/// The layout of the brand and the footer, in the page's own colours (style/main.css's
/// custom properties), hidden in embed mode as the page's own header is.
const LAYOUT: &str = ".site-brand{display:flex;align-items:center;padding:.5rem 1.25rem;border-bottom:1px solid var(--border);font-weight:600}\
.site-brand a,.site-brand span{display:inline-flex;align-items:center;gap:.5rem;color:var(--fg)}\
.site-brand img{height:2rem;width:auto}\
.site-footer{margin-top:2rem;padding:1rem 1.25rem;border-top:1px solid var(--border)}\
.site-footer ul{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:0;padding:0;list-style:none}\
:root[data-embed] .site-brand,:root[data-embed] .site-footer{display:none}\n";

/// The style rules of `config`'s marks: its accent colour, and the layout of its brand and
/// footer when it has either; none for a site that has neither.
pub fn style_rules(config: &SiteConfig) -> Option<String> {
    let mut rules = String::new();
    if let Some(accent) = &config.accent {
        // Colours are exactly `#rrggbb` (config::Colour's Display): nothing else reaches
        // the style element.
        rules.push_str(&format!(
            ":root{{--accent:light-dark({},{})}}\n",
            accent.light, accent.dark
        ));
    }
    if config.brand.is_some() || !config.footer_links.is_empty() {
        rules.push_str(LAYOUT);
    }
    (!rules.is_empty()).then_some(rules)
}

/// The marks of `config` on a page; `logo` is the brand's logo's published path (below
/// the site's root), once the build has named it.
pub fn chrome(config: &SiteConfig, logo: Option<&str>) -> Chrome {
    let mut chrome = Chrome::default();
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
    chrome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::config::parse;

    #[test]
    fn a_site_without_marks_gets_nothing_not_even_a_style_rule() {
        assert_eq!(chrome(&SiteConfig::default(), None), Chrome::default());
        assert_eq!(style_rules(&SiteConfig::default()), None);
        let titled = parse("title = \"Ours\"\n").expect("parses");
        assert_eq!(chrome(&titled, None), Chrome::default());
        assert_eq!(style_rules(&titled), None);
    }

    #[test]
    fn every_value_lands_escaped_and_the_accent_in_the_style_rules() {
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
        let rules = style_rules(&config).expect("style rules");
        assert!(
            rules.starts_with(":root{--accent:light-dark(#0b5394,#9fc5e8)}\n"),
            "{rules}"
        );
        assert!(rules.contains(".site-brand"), "{rules}");
    }

    #[test]
    fn an_accent_alone_brings_no_layout_and_a_footer_alone_brings_no_accent() {
        let accent = parse("[accent]\nlight = \"#0B5394\"\ndark = \"#9fc5e8\"\n").expect("parses");
        assert_eq!(
            style_rules(&accent).as_deref(),
            Some(":root{--accent:light-dark(#0b5394,#9fc5e8)}\n")
        );
        let footer =
            parse("[[footer_links]]\nlabel = \"Privacy\"\nurl = \"https://acme.test/p\"\n")
                .expect("parses");
        assert_eq!(style_rules(&footer).as_deref(), Some(LAYOUT));
    }
}
