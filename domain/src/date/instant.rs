//! An instant, to the millisecond, and the day it is in Mojokerto.

use serde::Deserialize;

use crate::errors::coded_error;

use super::civil::put_digits;
use super::{Date, number};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(try_from = "String")]
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

impl Timestamp {
    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` in ASCII, digit by digit (always 24 bytes: years are 1–9999).
    fn ascii(self) -> [u8; 24] {
        let mut out = *b"0000-00-00T00:00:00.000Z";
        out[..10].copy_from_slice(&self.date_utc().ascii());
        // In 0..MILLIS_PER_DAY, so it fits a u32.
        let of_day = self.unix_millis.rem_euclid(MILLIS_PER_DAY) as u32;
        let (seconds, millis) = (of_day / 1000, of_day % 1000);
        put_digits(&mut out[11..13], seconds / 3600);
        put_digits(&mut out[14..16], seconds / 60 % 60);
        put_digits(&mut out[17..19], seconds % 60);
        put_digits(&mut out[20..23], millis);
        out
    }
}

super::written_as_ascii!(Timestamp);

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
}
