//! Lower case as the browser folds it (`String.prototype.toLowerCase`): Unicode's default
//! case mapping, the same as Rust's `str::to_lowercase`, without shipping Rust's tables
//! in the page (10.7 kB of its download, gzip; see `crate::site::filter`).

/// `text` in lower case.
pub fn lower_case(text: &str) -> String {
    js_sys::JsString::from(text).to_lower_case().into()
}
