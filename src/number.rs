//! Numbers the browser gives as floats (a time in milliseconds, a file's size), as the
//! whole numbers the page shows.

/// A number the browser gives as a float (a time in milliseconds, a file's size) as the
/// whole number the page shows: the nearest one, and 0 for what is not a positive number.
/// The page never formats a float: that brings Rust's float printer into its download
/// (docs/decisions/float-printer.md).
pub fn whole(x: f64) -> u64 {
    if x.is_finite() && x > 0.0 {
        // Rounded to the nearest, then converted: a float-to-int `as` saturates, so a
        // float past `u64::MAX` becomes `u64::MAX`, never a wrapped value.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let whole = x.round() as u64;
        whole
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::whole;

    #[test]
    fn a_positive_float_becomes_the_nearest_whole_number() {
        assert_eq!(whole(163.4), 163);
        assert_eq!(whole(163.5), 164);
        assert_eq!(whole(0.4), 0);
        assert_eq!(whole(4_096.0), 4_096);
    }

    #[test]
    fn what_is_not_a_positive_number_shows_as_zero() {
        assert_eq!(whole(0.0), 0);
        assert_eq!(whole(-1.0), 0);
        assert_eq!(whole(f64::NAN), 0);
        assert_eq!(whole(f64::INFINITY), 0);
        assert_eq!(whole(f64::NEG_INFINITY), 0);
    }

    #[test]
    fn a_float_past_the_largest_whole_number_saturates() {
        assert_eq!(whole(1e30), u64::MAX);
    }
}
