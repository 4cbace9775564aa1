//! How numbers are written for people, in one place (the app, the dashboard and the hand-over
//! files all show rupiah and counts).

/// The digits of `n` grouped by thousands with `separator`: `group_thousands(32051, '.')` is
/// `32.051` (Indonesian), with `','` it is `32,051` (English).
pub fn group_thousands(n: u64, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A signed count grouped by thousands, the minus sign in front: `-1.234`.
pub fn group_thousands_signed(n: i64, separator: char) -> String {
    let grouped = group_thousands(n.unsigned_abs(), separator);
    if n < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_from_the_right() {
        assert_eq!(group_thousands(0, '.'), "0");
        assert_eq!(group_thousands(999, '.'), "999");
        assert_eq!(group_thousands(1_000, '.'), "1.000");
        assert_eq!(group_thousands(32_051, ','), "32,051");
        assert_eq!(group_thousands(20_700_000, '.'), "20.700.000");
        assert_eq!(group_thousands_signed(-1_234, '.'), "-1.234");
    }
}
