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
/// no more than a third of `key`'s length (so short keys get only near misses). The
/// distance is Levenshtein's over characters (`strsim`); both keys are at most
/// [`MAX_COMPARED_KEY_CHARS`] long (the known keys are), so each comparison is small.
pub fn closest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let length = key.chars().take(MAX_COMPARED_KEY_CHARS + 1).count();
    if length > MAX_COMPARED_KEY_CHARS {
        return None;
    }
    let allowed = MAX_SUGGESTION_DISTANCE.min((length / 3).max(1));
    known
        .iter()
        .map(|k| (strsim::levenshtein(key, k), *k))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
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
    fn a_suggestion_is_at_most_three_character_edits_away() {
        let known = ["token_endpoint_auth_method"];
        // A dropped and a doubled letter: two edits; with a changed one, three.
        assert_eq!(
            closest("tokn_endpoint_auth_methodd", &known),
            Some("token_endpoint_auth_method")
        );
        assert_eq!(
            closest("tokn_endpoint_auth_methxdd", &known),
            Some("token_endpoint_auth_method")
        );
        // A fourth edit is too many, however long the key.
        assert_eq!(closest("tokn_endpoint_auth_mexhxdd", &known), None);
        // Edits count characters, not bytes: one accented letter is one edit, within the
        // one a five-letter key is allowed (in bytes it would be two).
        assert_eq!(closest("scöpe", &["scope"]), Some("scope"));
    }
}
