//! Civil dates, contribution months and instants, hand-rolled.
//!
//! Why not chrono or time: the crate stays serde + thiserror only, and the few calendar rules
//! needed here (leap years, days since the epoch, month arithmetic) fit in a page. Nothing here
//! reads a clock — `SystemTime::now()` panics on wasm32 — so "today" and "now" always come in as
//! arguments. The app gets them from `Date.now()` through [`Timestamp::from_unix_millis`] and
//! [`Timestamp::date_wib`].
//!
//! One file per type: [`Date`] (a calendar day), [`YearMonth`] (a contribution month),
//! [`Timestamp`] (an instant).

/// `Display` and `Serialize` for a type written by its `ascii()` (fixed-width ASCII digits, no
/// formatting machinery: the endpoint writes several per registration it keeps).
macro_rules! written_as_ascii {
    ($type:ty) => {
        impl std::fmt::Display for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let ascii = self.ascii();
                f.pad(std::str::from_utf8(&ascii).map_err(|_| std::fmt::Error)?)
            }
        }

        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let ascii = self.ascii();
                let text = std::str::from_utf8(&ascii).map_err(serde::ser::Error::custom)?;
                serializer.serialize_str(text)
            }
        }
    };
}
use written_as_ascii;

mod civil;
mod instant;
mod month;

pub use civil::{Date, DateError};
pub use instant::{Timestamp, TimestampError, WIB_OFFSET_MINUTES};
pub use month::{YearMonth, YearMonthError};

/// Whether `year` is a leap year in the Gregorian calendar.
pub const fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Number of days in `month` (1–12) of `year`; 0 for a month outside 1–12.
pub const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Parses ASCII digits only (no sign, no spaces) into a number.
pub(super) fn number<T: TryFrom<u32>>(digits: &str) -> Option<T> {
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = digits
        .bytes()
        .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'));
    T::try_from(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn dates_serialize_as_strings_through_the_parser() {
        let json = serde_json::to_string(&date("1990-07-05")).unwrap();
        assert_eq!(json, r#""1990-07-05""#);
        assert!(serde_json::from_str::<Date>(r#""1990-02-30""#).is_err());
        let month: YearMonth = serde_json::from_str(r#""2026-04""#).unwrap();
        assert_eq!(month, YearMonth::new(2026, 4).unwrap());
    }
}
