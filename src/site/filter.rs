//! The index's filter: which guides a reader's words keep in the list.
//!
//! Case is folded by the caller's `lower`: natively `str::to_lowercase`, in the page the
//! browser's own `String.prototype.toLowerCase`. Both apply Unicode's default case
//! mapping; Rust's carries its tables (10.7 kB of the page's download, gzip, measured on
//! the release build) which the browser already has, so the page passes the browser's.

/// How a filter folds case: the whole string, lower-cased.
pub type Lower = fn(&str) -> String;

/// The words of a filter, lower-cased; empty keeps every guide.
pub fn words(query: &str, lower: Lower) -> Vec<String> {
    lower(query).split_whitespace().map(str::to_owned).collect()
}

/// What a guide is found by: its title, description and slug, lower-cased once.
pub fn haystack(title: &str, description: &str, slug: &str, lower: Lower) -> String {
    lower(&format!("{title} {description} {slug}"))
}

/// Whether a guide stays in the list: its haystack holds every word, anywhere.
pub fn keeps(words: &[String], haystack: &str) -> bool {
    words.iter().all(|word| haystack.contains(word.as_str()))
}

/// What the index says under the filter: how many guides are left of `total`.
pub fn count_text(shown: usize, total: usize) -> String {
    match shown {
        0 => "No guide matches these words.".to_owned(),
        n if n == total => format!("{total} guides"),
        n => format!("{n} of {total} guides"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_must_be_found_in_any_order_and_case() {
        let lower: Lower = str::to_lowercase;
        let hay = haystack("Home Assistant", "Smart home hub", "home-assistant", lower);
        assert!(keeps(&words("", lower), &hay));
        assert!(keeps(&words("  HUB home ", lower), &hay));
        assert!(keeps(&words("assist", lower), &hay));
        assert!(!keeps(&words("home grafana", lower), &hay));
    }

    #[test]
    fn case_is_folded_beyond_ascii() {
        let lower: Lower = str::to_lowercase;
        let hay = haystack("Überwachung", "Σύστημα", "ueberwachung", lower);
        assert!(keeps(&words("ÜBERWACHUNG σύστημα", lower), &hay));
    }

    #[test]
    fn the_count_says_how_many_are_left() {
        assert_eq!(count_text(150, 150), "150 guides");
        assert_eq!(count_text(3, 150), "3 of 150 guides");
        assert_eq!(count_text(0, 150), "No guide matches these words.");
    }
}
