//! "Did you mean …?": the known key closest to an unknown one, by edit distance, when it
//! is close enough to be the likely intent.

/// Longest key compared, in characters. Authelia's longest key has 54
/// (`pushed_authorization_request_endpoint_auth_signing_alg`); a longer unknown key is no
/// misspelling of one, and the bound keeps each comparison's work small (a pasted key
/// may be thousands of characters).
pub const MAX_COMPARED_KEY_CHARS: usize = 64;

/// Most edits (insert, delete, replace a character) between an unknown key and the
/// suggestion: three covers a doubled, a dropped and a swapped letter; more suggests
/// keys the reader did not mean.
pub const MAX_SUGGESTION_DISTANCE: usize = 3;

/// The known key closest to `key`, if it is within [`MAX_SUGGESTION_DISTANCE`] edits and
/// no more than a third of `key`'s length (so short keys get only near misses).
pub fn closest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let key: Vec<char> = key.chars().take(MAX_COMPARED_KEY_CHARS + 1).collect();
    if key.len() > MAX_COMPARED_KEY_CHARS {
        return None;
    }
    let allowed = MAX_SUGGESTION_DISTANCE.min((key.len() / 3).max(1));
    known
        .iter()
        .map(|k| (distance(&key, k), *k))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance between `a` and `b`, over characters; both are at most
/// [`MAX_COMPARED_KEY_CHARS`] long (the known keys are), so one row of that length.
fn distance(a: &[char], b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = i;
        let mut left = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let cost = diagonal + usize::from(ca != cb);
            let next = cost.min(up.saturating_add(1)).min(left + 1);
            diagonal = up;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = next;
            }
            left = next;
        }
        if let Some(first) = row.get_mut(0) {
            *first = i + 1;
        }
    }
    row.last().copied().unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_are_suggested_and_far_ones_not() {
        let known = ["redirect_uris", "public", "client_secret"];
        assert_eq!(closest("redirect_uri", &known), Some("redirect_uris"));
        assert_eq!(closest("pubic", &known), Some("public"));
        assert_eq!(closest("client_secert", &known), Some("client_secret"));
        assert_eq!(closest("colour", &known), None);
        assert_eq!(closest(&"x".repeat(1000), &known), None);
    }

    #[test]
    fn distance_counts_edits() {
        let d = |a: &str, b: &str| distance(&a.chars().collect::<Vec<_>>(), b);
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("abc", "abc"), 0);
    }
}
