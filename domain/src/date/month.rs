//! A calendar month, such as a contribution month.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::errors::coded_error;

use super::{Date, number};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
