//! The site's plain files, written as text: a redirect page for each alias and the
//! `sitemap.xml`. Neither runs a script or needs the app.

/// Text for HTML content and double-quoted attributes, and for XML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A page that sends the reader on to `to` (an address path, `/docs/playground/matomo/`)
/// without scripts: a refresh, a canonical link, and a link to follow by hand.
pub fn redirect(to: &str, title: &str) -> String {
    let to = escape(to);
    let title = escape(title);
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={to}\">\n\
         <link rel=\"canonical\" href=\"{to}\">\n\
         <title>{title} has moved</title>\n</head>\n<body>\n\
         <p>This guide is now at <a href=\"{to}\">{to}</a>.</p>\n</body>\n</html>\n"
    )
}

/// The sitemap of a site published at `site_url` (an absolute `https://…/` address, or
/// the public path when the build was given none) for the pages at `paths` (each
/// relative to the site's root; `""` is the index).
pub fn sitemap(site_url: &str, paths: &[String]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape(&format!("{site_url}{path}"))
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redirect_works_without_scripts_and_escapes_its_address() {
        let page = redirect("/docs/matomo/", "Matomo \"<b>\"");
        assert!(page.contains("http-equiv=\"refresh\" content=\"0; url=/docs/matomo/\""));
        assert!(page.contains("<a href=\"/docs/matomo/\">"));
        assert!(page.contains("Matomo &quot;&lt;b&gt;&quot; has moved"));
        assert!(!page.contains("<script"));
    }

    #[test]
    fn the_sitemap_lists_every_page_under_the_site_address() {
        let xml = sitemap(
            "https://docs.example.org/p/",
            &["".to_owned(), "a&b/".to_owned()],
        );
        assert!(xml.contains("<loc>https://docs.example.org/p/</loc>"));
        assert!(xml.contains("<loc>https://docs.example.org/p/a&amp;b/</loc>"));
        assert_eq!(xml.matches("<url>").count(), 2);
    }
}
