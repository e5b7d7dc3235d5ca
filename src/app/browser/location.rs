//! The page's address: the query it was opened with, links that carry the reader's
//! values, and moves to a heading that keep both.

use super::window;

/// The page's query parameters, decoded as the browser decodes a form: `+` is a space,
/// and an escape that is not one stays as it was written.
pub fn query_pairs() -> Vec<(String, String)> {
    let Some(params) = window()
        .and_then(|w| w.location().search().ok())
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
    else {
        return Vec::new();
    };
    // Each entry is a `[name, value]` array.
    js_sys::Array::from(&params)
        .iter()
        .map(|entry| {
            let entry = js_sys::Array::from(&entry);
            let text = |i| entry.get(i).as_string().unwrap_or_default();
            (text(0), text(1))
        })
        .collect()
}

fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

/// The page's address without query or fragment.
fn page_address() -> String {
    window()
        .map(|w| {
            let location = w.location();
            format!(
                "{}{}",
                location.origin().unwrap_or_default(),
                location.pathname().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

/// A link to this page with these query parameters.
pub fn link_with(params: &[(String, String)]) -> String {
    let query: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    if query.is_empty() {
        page_address()
    } else {
        format!("{}?{}", page_address(), query.join("&"))
    }
}

/// Goes to a heading of the guide: the URL's fragment changes and the page scrolls, but
/// its query (embed mode, the reader's values) stays and nothing reloads. A plain
/// `href="#id"` would resolve against the page's `<base>` and load the app anew.
pub fn go_to_fragment(id: &str) {
    if let Some(window) = window() {
        let _ = window.location().set_hash(id);
    }
}
