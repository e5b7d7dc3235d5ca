//! The index's filter: which guides a reader's words keep in the list.

/// The words of a filter, lower-cased; empty keeps every guide.
pub fn words(query: &str) -> Vec<String> {
    query.split_whitespace().map(str::to_lowercase).collect()
}

/// What a guide is found by: its title, description and slug, lower-cased once.
pub fn haystack(title: &str, description: &str, slug: &str) -> String {
    format!("{title} {description} {slug}").to_lowercase()
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
        let hay = haystack("Home Assistant", "Smart home hub", "home-assistant");
        assert!(keeps(&words(""), &hay));
        assert!(keeps(&words("  HUB home "), &hay));
        assert!(keeps(&words("assist"), &hay));
        assert!(!keeps(&words("home grafana"), &hay));
    }

    #[test]
    fn the_count_says_how_many_are_left() {
        assert_eq!(count_text(150, 150), "150 guides");
        assert_eq!(count_text(3, 150), "3 of 150 guides");
        assert_eq!(count_text(0, 150), "No guide matches these words.");
    }
}
