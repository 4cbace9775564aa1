//! A calendar day.

use serde::Deserialize;

use crate::errors::coded_error;

use super::{YearMonth, days_in_month, number};

coded_error! {
    /// Why a text is not a calendar date.
    pub enum DateError {
        /// Nothing was entered.
        Empty => "required", "no date entered";
        /// Not `YYYY-MM-DD`, `DD-MM-YYYY`, `DD/MM/YYYY` or `DD.MM.YYYY`.
        Format => "date.format", "a date is written YYYY-MM-DD or DD-MM-YYYY";
        /// The shape is right but the day does not exist (31 April, 29 February 2023, month 13, year 0).
        Impossible => "date.impossible", "this day does not exist in the calendar";
    }
}

/// A calendar day (proleptic Gregorian, years 1–9999), without time or zone.
///
/// Field order makes the derived `Ord` chronological. Serialized as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(try_from = "String")]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date `year-month-day`, if it exists.
    pub const fn new(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        if year == 0 || year > 9999 || month == 0 || month > 12 {
            return Err(DateError::Impossible);
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::Impossible);
        }
        Ok(Date { year, month, day })
    }

    /// Builds a date the caller has already checked; used for constant tables.
    pub(crate) const fn from_parts_unchecked(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// Parses `YYYY-MM-DD` (what `<input type="date">` gives) or the Indonesian order
    /// `DD-MM-YYYY`, `DD/MM/YYYY`, `DD.MM.YYYY` (day and month may have one digit).
    /// Surrounding whitespace is ignored.
    pub fn parse(input: &str) -> Result<Date, DateError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(DateError::Empty);
        }
        let (year, month, day) = split_date(input).ok_or(DateError::Format)?;
        Date::new(year, month, day)
    }

    /// The year (1–9999).
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The month (1–12).
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The day of the month (1–31).
    pub const fn day(self) -> u8 {
        self.day
    }

    /// The month this day falls in.
    pub const fn year_month(self) -> YearMonth {
        YearMonth::from_parts_unchecked(self.year, self.month)
    }

    /// Days since 1970-01-01 (negative before it).
    pub const fn days_since_unix_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil: exact for the whole proleptic Gregorian calendar.
        let month = self.month as i64;
        let year = self.year as i64 - if month <= 2 { 1 } else { 0 };
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let shifted_month = if month > 2 { month - 3 } else { month + 9 };
        let day_of_year = (153 * shifted_month + 2) / 5 + self.day as i64 - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` after 1970-01-01, if it lies in years 1–9999.
    pub const fn from_days_since_unix_epoch(days: i64) -> Option<Date> {
        // Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = year_of_era + era * 400 + if month <= 2 { 1 } else { 0 };
        if year < 1 || year > 9999 {
            return None;
        }
        Some(Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// Completed years of someone born on `self`, on `today`; 0 if `today` is before `self`.
    ///
    /// Someone born on 29 February turns a year older on 1 March in non-leap years.
    pub fn age_on(self, today: Date) -> u16 {
        if today < self {
            return 0;
        }
        let years = today.year - self.year;
        if (today.month, today.day) < (self.month, self.day) {
            years - 1
        } else {
            years
        }
    }
}

/// Splits `YYYY-MM-DD` or `D[D]{-,/,.}M[M]{-,/,.}YYYY` into numbers, or `None`.
fn split_date(input: &str) -> Option<(u16, u8, u8)> {
    let separator = input.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = input.split(separator).collect();
    let [first, second, third] = parts.as_slice() else {
        return None;
    };
    if first.len() == 4 && separator == '-' && second.len() == 2 && third.len() == 2 {
        Some((number(first)?, number(second)?, number(third)?))
    } else if (1..=2).contains(&first.len()) && (1..=2).contains(&second.len()) && third.len() == 4
    {
        Some((number(third)?, number(second)?, number(first)?))
    } else {
        None
    }
}

impl Date {
    /// `YYYY-MM-DD` in ASCII, written digit by digit (years are 1–9999, so always ten bytes):
    /// every registration the endpoint keeps is serialized with several dates, and the
    /// formatting machinery was most of that (BENCHMARKS.md, "Where ingest time goes").
    pub(crate) fn ascii(self) -> [u8; 10] {
        let mut out = *b"0000-00-00";
        put_digits(&mut out[0..4], u32::from(self.year));
        put_digits(&mut out[5..7], u32::from(self.month));
        put_digits(&mut out[8..10], u32::from(self.day));
        out
    }
}

/// Writes `value` into `out` as decimal digits, zero-padded to its length (the value fits).
pub(crate) fn put_digits(out: &mut [u8], mut value: u32) {
    for digit in out.iter_mut().rev() {
        *digit = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

super::written_as_ascii!(Date);

impl std::str::FromStr for Date {
    type Err = DateError;
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Date::parse(input)
    }
}

impl TryFrom<String> for Date {
    type Error = DateError;
    fn try_from(input: String) -> Result<Self, Self::Error> {
        Date::parse(&input)
    }
}

impl From<Date> for String {
    fn from(date: Date) -> String {
        date.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn an_iso_date_parses_and_prints_the_same() {
        assert_eq!(date("1990-07-05").to_string(), "1990-07-05");
    }

    #[test]
    fn an_indonesian_day_month_year_date_is_accepted() {
        assert_eq!(date("5/7/1990"), date("1990-07-05"));
        assert_eq!(date("05-07-1990"), date("1990-07-05"));
        assert_eq!(date("05.07.1990"), date("1990-07-05"));
    }

    #[test]
    fn the_thirty_first_of_april_does_not_exist() {
        assert_eq!(Date::parse("2024-04-31"), Err(DateError::Impossible));
    }

    #[test]
    fn the_twenty_ninth_of_february_exists_only_in_leap_years() {
        assert!(Date::parse("2024-02-29").is_ok());
        assert_eq!(Date::parse("2023-02-29"), Err(DateError::Impossible));
        assert_eq!(Date::parse("1900-02-29"), Err(DateError::Impossible));
        assert!(Date::parse("2000-02-29").is_ok());
    }

    #[test]
    fn a_date_in_another_shape_is_a_format_error() {
        for input in [
            "1990/07/05",
            "19900705",
            "90-07-05",
            "1990-7-5",
            "a-b-c",
            "1990-07-05-01",
        ] {
            assert_eq!(Date::parse(input), Err(DateError::Format), "{input}");
        }
    }

    #[test]
    fn an_empty_date_is_required() {
        assert_eq!(Date::parse("  "), Err(DateError::Empty));
    }

    #[test]
    fn days_since_the_epoch_round_trip() {
        for days in [-719_162, -1, 0, 1, 10_957, 20_000, 2_932_896] {
            let date = Date::from_days_since_unix_epoch(days).unwrap();
            assert_eq!(date.days_since_unix_epoch(), days);
        }
        assert_eq!(date("1970-01-01").days_since_unix_epoch(), 0);
        assert_eq!(date("2000-03-01").days_since_unix_epoch(), 11_017);
    }

    #[test]
    fn age_counts_completed_years() {
        let born = date("1990-07-05");
        assert_eq!(born.age_on(date("2026-07-04")), 35);
        assert_eq!(born.age_on(date("2026-07-05")), 36);
        assert_eq!(born.age_on(date("1980-01-01")), 0);
    }

    #[test]
    fn someone_born_on_the_twenty_ninth_of_february_ages_on_the_first_of_march() {
        let born = date("2000-02-29");
        assert_eq!(born.age_on(date("2023-02-28")), 22);
        assert_eq!(born.age_on(date("2023-03-01")), 23);
    }
}
