//! Civil dates, contribution months and instants, hand-rolled.
//!
//! Why not chrono or time: the crate stays serde + thiserror only, and the few calendar rules
//! needed here (leap years, days since the epoch, month arithmetic) fit in a page. Nothing here
//! reads a clock — `SystemTime::now()` panics on wasm32 — so "today" and "now" always come in as
//! arguments. The app gets them from `Date.now()` through [`Timestamp::from_unix_millis`] and
//! [`Timestamp::date_wib`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::errors::coded_error;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
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

/// Parses ASCII digits only (no sign, no spaces) into a number.
fn number<T: TryFrom<u32>>(digits: &str) -> Option<T> {
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = digits
        .bytes()
        .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'));
    T::try_from(value).ok()
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

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

coded_error! {
    /// Why a text is not a contribution month.
    pub enum YearMonthError {
        /// Nothing was entered.
        Empty => "required", "no month entered";
        /// Not `YYYY-MM` (what `<input type="month">` gives) or `MM/YYYY`.
        Format => "year_month.format", "a month is written YYYY-MM";
        /// Month 00 or above 12, or year 0.
        Impossible => "year_month.impossible", "this month does not exist";
    }
}

/// A calendar month, e.g. a contribution month. Serialized as `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct YearMonth {
    year: u16,
    month: u8,
}

impl YearMonth {
    /// The month `year-month`, if it exists (years 1–9999).
    pub const fn new(year: u16, month: u8) -> Result<YearMonth, YearMonthError> {
        if year == 0 || year > 9999 || month == 0 || month > 12 {
            return Err(YearMonthError::Impossible);
        }
        Ok(YearMonth { year, month })
    }

    /// Builds a month the caller has already checked; used for constant tables.
    pub(crate) const fn from_parts_unchecked(year: u16, month: u8) -> YearMonth {
        YearMonth { year, month }
    }

    /// Parses `YYYY-MM` or `MM/YYYY` / `MM-YYYY` (month may have one digit).
    pub fn parse(input: &str) -> Result<YearMonth, YearMonthError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(YearMonthError::Empty);
        }
        let (first, second) = input.split_once(['-', '/']).ok_or(YearMonthError::Format)?;
        let (year, month) = if first.len() == 4 && second.len() == 2 {
            (first, second)
        } else if (1..=2).contains(&first.len()) && second.len() == 4 {
            (second, first)
        } else {
            return Err(YearMonthError::Format);
        };
        let year = number(year).ok_or(YearMonthError::Format)?;
        let month = number(month).ok_or(YearMonthError::Format)?;
        YearMonth::new(year, month)
    }

    /// The year.
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The month (1–12).
    pub const fn month(self) -> u8 {
        self.month
    }

    /// Months since January of year 0: makes month arithmetic plain integer arithmetic.
    const fn index(self) -> i64 {
        self.year as i64 * 12 + self.month as i64 - 1
    }

    const fn from_index(index: i64) -> Option<YearMonth> {
        let year = index.div_euclid(12);
        let month = index.rem_euclid(12) + 1;
        if year < 1 || year > 9999 {
            return None;
        }
        Some(YearMonth {
            year: year as u16,
            month: month as u8,
        })
    }

    /// The month `months` later (negative: earlier), if it lies in years 1–9999.
    pub const fn checked_add_months(self, months: i64) -> Option<YearMonth> {
        YearMonth::from_index(self.index() + months)
    }

    /// How many months `self` is after `earlier` (negative if before).
    pub const fn months_since(self, earlier: YearMonth) -> i64 {
        self.index() - earlier.index()
    }

    /// The first day of this month.
    pub const fn first_day(self) -> Date {
        Date::from_parts_unchecked(self.year, self.month, 1)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl std::str::FromStr for YearMonth {
    type Err = YearMonthError;
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        YearMonth::parse(input)
    }
}

impl TryFrom<String> for YearMonth {
    type Error = YearMonthError;
    fn try_from(input: String) -> Result<Self, Self::Error> {
        YearMonth::parse(&input)
    }
}

impl From<YearMonth> for String {
    fn from(month: YearMonth) -> String {
        month.to_string()
    }
}

coded_error! {
    /// Why a text is not an instant.
    pub enum TimestampError {
        /// Nothing was given.
        Empty => "required", "no time given";
        /// Not RFC 3339 `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`.
        Format => "timestamp.format", "a time is written like 2026-04-01T08:30:00.000Z";
        /// The shape is right but the date or time does not exist, or lies outside years 1–9999.
        Impossible => "timestamp.impossible", "this time does not exist";
    }
}

/// Western Indonesia Time (WIB, UTC+7), the zone of Jawa Timur, in minutes east of UTC.
pub const WIB_OFFSET_MINUTES: i64 = 7 * 60;

const MILLIS_PER_DAY: i64 = 86_400_000;

/// An instant, to the millisecond, in UTC.
///
/// Serialized as `YYYY-MM-DDTHH:MM:SS.mmmZ`, exactly what JavaScript's `Date.toISOString()` gives,
/// so the app's timestamps keep one canonical spelling. Parsing accepts any RFC 3339 offset and
/// converts it to UTC; digits beyond the millisecond are dropped (truncated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Timestamp {
    unix_millis: i64,
}

/// Milliseconds from 1970 to the first instant of year 1 and past the last of year 9999.
const MIN_MILLIS: i64 =
    Date::from_parts_unchecked(1, 1, 1).days_since_unix_epoch() * MILLIS_PER_DAY;
const END_MILLIS: i64 =
    (Date::from_parts_unchecked(9999, 12, 31).days_since_unix_epoch() + 1) * MILLIS_PER_DAY;

impl Timestamp {
    /// The instant `unix_millis` milliseconds after 1970-01-01T00:00:00Z (JavaScript's `Date.now()`),
    /// if it lies in years 1–9999.
    pub const fn from_unix_millis(unix_millis: i64) -> Result<Timestamp, TimestampError> {
        if unix_millis < MIN_MILLIS || unix_millis >= END_MILLIS {
            return Err(TimestampError::Impossible);
        }
        Ok(Timestamp { unix_millis })
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub const fn unix_millis(self) -> i64 {
        self.unix_millis
    }

    /// Parses an RFC 3339 instant: `YYYY-MM-DDTHH:MM:SS`, optional fraction, then `Z` or `±HH:MM`.
    /// A space may stand for the `T`.
    pub fn parse(input: &str) -> Result<Timestamp, TimestampError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(TimestampError::Empty);
        }
        let bytes = input.as_bytes();
        let fixed = |range: std::ops::Range<usize>| -> Result<u32, TimestampError> {
            bytes
                .get(range)
                .and_then(|b| std::str::from_utf8(b).ok())
                .and_then(number::<u32>)
                .ok_or(TimestampError::Format)
        };
        let punctuation = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
        if bytes.len() < 20
            || punctuation.iter().any(|&(i, c)| bytes[i] != c)
            || !matches!(bytes[10], b'T' | b't' | b' ')
        {
            return Err(TimestampError::Format);
        }
        let (year, month, day) = (fixed(0..4)?, fixed(5..7)?, fixed(8..10)?);
        let (hour, minute, second) = (fixed(11..13)?, fixed(14..16)?, fixed(17..19)?);

        // Optional fraction: keep the first three digits as milliseconds.
        let mut rest = &input[19..];
        let mut millis = 0;
        if let Some(fraction) = rest.strip_prefix('.') {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return Err(TimestampError::Format);
            }
            let kept = &fraction[..digits.min(3)];
            millis = number::<u32>(kept).ok_or(TimestampError::Format)?
                * 10u32.pow(3 - kept.len() as u32);
            rest = &fraction[digits..];
        }

        let offset_minutes: i64 = match rest {
            "Z" | "z" => 0,
            _ => {
                let sign = match rest.as_bytes().first() {
                    Some(b'+') => 1,
                    Some(b'-') => -1,
                    _ => return Err(TimestampError::Format),
                };
                let (hours, minutes) = rest[1..].split_once(':').ok_or(TimestampError::Format)?;
                if hours.len() != 2 || minutes.len() != 2 {
                    return Err(TimestampError::Format);
                }
                let hours: i64 = number(hours).ok_or(TimestampError::Format)?;
                let minutes: i64 = number(minutes).ok_or(TimestampError::Format)?;
                if hours > 23 || minutes > 59 {
                    return Err(TimestampError::Impossible);
                }
                sign * (hours * 60 + minutes)
            }
        };

        if hour > 23 || minute > 59 || second > 59 {
            return Err(TimestampError::Impossible);
        }
        let year = u16::try_from(year).map_err(|_| TimestampError::Impossible)?;
        let date =
            Date::new(year, month as u8, day as u8).map_err(|_| TimestampError::Impossible)?;
        let local_millis = date.days_since_unix_epoch() * MILLIS_PER_DAY
            + (i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second)) * 1000
            + i64::from(millis);
        Timestamp::from_unix_millis(local_millis - offset_minutes * 60_000)
    }

    /// The calendar day of this instant in UTC.
    pub fn date_utc(self) -> Date {
        self.date_at_offset(0)
    }

    /// The calendar day of this instant in Mojokerto (WIB, UTC+7): the "today" the rules mean.
    pub fn date_wib(self) -> Date {
        self.date_at_offset(WIB_OFFSET_MINUTES)
    }

    fn date_at_offset(self, offset_minutes: i64) -> Date {
        let local = self.unix_millis + offset_minutes * 60_000;
        // The range check in from_unix_millis keeps this inside years 1–9999, give or take the
        // offset; clamp to the end dates rather than fail for the last hours of 9999.
        Date::from_days_since_unix_epoch(local.div_euclid(MILLIS_PER_DAY)).unwrap_or(if local < 0 {
            Date::from_parts_unchecked(1, 1, 1)
        } else {
            Date::from_parts_unchecked(9999, 12, 31)
        })
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = self.date_utc();
        let of_day = self.unix_millis.rem_euclid(MILLIS_PER_DAY);
        let (seconds, millis) = (of_day / 1000, of_day % 1000);
        write!(
            f,
            "{date}T{:02}:{:02}:{:02}.{millis:03}Z",
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60
        )
    }
}

impl std::str::FromStr for Timestamp {
    type Err = TimestampError;
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Timestamp::parse(input)
    }
}

impl TryFrom<String> for Timestamp {
    type Error = TimestampError;
    fn try_from(input: String) -> Result<Self, Self::Error> {
        Timestamp::parse(&input)
    }
}

impl From<Timestamp> for String {
    fn from(timestamp: Timestamp) -> String {
        timestamp.to_string()
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

    #[test]
    fn a_month_parses_in_both_orders_and_prints_iso() {
        assert_eq!(YearMonth::parse("2026-04").unwrap().to_string(), "2026-04");
        assert_eq!(YearMonth::parse("4/2026").unwrap().to_string(), "2026-04");
        assert_eq!(YearMonth::parse("2026-13"), Err(YearMonthError::Impossible));
        assert_eq!(YearMonth::parse("2026-4"), Err(YearMonthError::Format));
        assert_eq!(YearMonth::parse(""), Err(YearMonthError::Empty));
    }

    #[test]
    fn month_arithmetic_crosses_years() {
        let december = YearMonth::new(2026, 12).unwrap();
        assert_eq!(december.checked_add_months(1), YearMonth::new(2027, 1).ok());
        assert_eq!(
            december.checked_add_months(-12),
            YearMonth::new(2025, 12).ok()
        );
        assert_eq!(YearMonth::new(2027, 3).unwrap().months_since(december), 3);
        assert_eq!(
            YearMonth::new(9999, 12).unwrap().checked_add_months(1),
            None
        );
    }

    #[test]
    fn a_timestamp_prints_like_javascript_to_iso_string() {
        let t = Timestamp::parse("2026-04-01T08:30:00.123Z").unwrap();
        assert_eq!(t.to_string(), "2026-04-01T08:30:00.123Z");
        assert_eq!(
            Timestamp::from_unix_millis(0).unwrap().to_string(),
            "1970-01-01T00:00:00.000Z"
        );
    }

    #[test]
    fn a_timestamp_with_an_offset_is_converted_to_utc() {
        let wib = Timestamp::parse("2026-04-01T07:00:00+07:00").unwrap();
        assert_eq!(wib.to_string(), "2026-04-01T00:00:00.000Z");
        let fraction = Timestamp::parse("2026-04-01 00:00:00.1234567z").unwrap();
        assert_eq!(fraction.to_string(), "2026-04-01T00:00:00.123Z");
    }

    #[test]
    fn a_malformed_timestamp_is_rejected() {
        assert_eq!(Timestamp::parse(""), Err(TimestampError::Empty));
        assert_eq!(Timestamp::parse("2026-04-01"), Err(TimestampError::Format));
        assert_eq!(
            Timestamp::parse("2026-04-01T08:30:00"),
            Err(TimestampError::Format)
        );
        assert_eq!(
            Timestamp::parse("2026-04-01T08:30:00.Z"),
            Err(TimestampError::Format)
        );
        assert_eq!(
            Timestamp::parse("2026-04-31T08:30:00Z"),
            Err(TimestampError::Impossible)
        );
        assert_eq!(
            Timestamp::parse("2026-04-01T24:00:00Z"),
            Err(TimestampError::Impossible)
        );
    }

    #[test]
    fn late_evening_utc_is_already_tomorrow_in_mojokerto() {
        let t = Timestamp::parse("2026-03-31T18:00:00Z").unwrap();
        assert_eq!(t.date_utc(), date("2026-03-31"));
        assert_eq!(t.date_wib(), date("2026-04-01"));
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
