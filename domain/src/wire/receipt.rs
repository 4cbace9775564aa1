//! The city's receipt number for a registration.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::errors::coded_error;

coded_error! {
    /// Why a text is not a receipt number.
    pub enum ReceiptError {
        /// Nothing was given.
        Empty => "required", "no receipt number given";
        /// Not `MJK-YYYY-NNNNNN`, or a year outside 1000–9999.
        Format => "receipt.format", "a receipt number looks like MJK-2026-000123";
        /// Sequence 0 or above 999999.
        SequenceOutOfRange => "receipt.sequence_out_of_range", "the sequence is 1 to 999999";
    }
}

/// The city's receipt number for a registration: `MJK-2026-000123` — city prefix, year of
/// receipt, six-digit sequence within the year (the whole city target, 32,051, fits easily).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ReceiptNumber {
    year: u16,
    sequence: u32,
}

impl ReceiptNumber {
    /// Prefix of every receipt: Mojokerto.
    pub const PREFIX: &'static str = "MJK";
    /// Largest sequence number in a year.
    pub const MAX_SEQUENCE: u32 = 999_999;

    /// The receipt for `sequence` (1–999999) in `year` (1000–9999).
    pub fn new(year: u16, sequence: u32) -> Result<ReceiptNumber, ReceiptError> {
        if !(1000..=9999).contains(&year) {
            return Err(ReceiptError::Format);
        }
        if !(1..=Self::MAX_SEQUENCE).contains(&sequence) {
            return Err(ReceiptError::SequenceOutOfRange);
        }
        Ok(ReceiptNumber { year, sequence })
    }

    /// Parses `MJK-YYYY-NNNNNN`.
    pub fn parse(input: &str) -> Result<ReceiptNumber, ReceiptError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(ReceiptError::Empty);
        }
        let mut parts = input.split('-');
        let (Some(prefix), Some(year), Some(sequence), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(ReceiptError::Format);
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if prefix != Self::PREFIX || !digits(year, 4) || !digits(sequence, 6) {
            return Err(ReceiptError::Format);
        }
        let year = year.parse().map_err(|_| ReceiptError::Format)?;
        let sequence = sequence.parse().map_err(|_| ReceiptError::Format)?;
        ReceiptNumber::new(year, sequence)
    }

    /// The year of receipt.
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The sequence within the year.
    pub const fn sequence(self) -> u32 {
        self.sequence
    }
}

impl fmt::Display for ReceiptNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:04}-{:06}", Self::PREFIX, self.year, self.sequence)
    }
}

impl std::str::FromStr for ReceiptNumber {
    type Err = ReceiptError;
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        ReceiptNumber::parse(input)
    }
}

impl TryFrom<String> for ReceiptNumber {
    type Error = ReceiptError;
    fn try_from(input: String) -> Result<Self, Self::Error> {
        ReceiptNumber::parse(&input)
    }
}

impl From<ReceiptNumber> for String {
    fn from(receipt: ReceiptNumber) -> String {
        receipt.to_string()
    }
}

/// In the OpenAPI document a receipt is a string of its one shape.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ReceiptNumber {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some("^MJK-[0-9]{4}-[0-9]{6}$"))
            .description(Some(
                "The city's receipt: city prefix, year of receipt, sequence within the year.",
            ))
            .examples(["MJK-2026-000123"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for ReceiptNumber {}

#[cfg(test)]
mod tests {
    use super::*;

    fn receipt() -> ReceiptNumber {
        ReceiptNumber::new(2026, 123).unwrap()
    }

    #[test]
    fn a_receipt_is_mjk_year_and_six_digit_sequence() {
        assert_eq!(receipt().to_string(), "MJK-2026-000123");
        assert_eq!(ReceiptNumber::parse("MJK-2026-000123"), Ok(receipt()));
        assert_eq!(receipt().year(), 2026);
        assert_eq!(receipt().sequence(), 123);
    }

    #[test]
    fn a_malformed_receipt_is_rejected() {
        for input in [
            "MJK-2026-123",
            "MJK2026000123",
            "XYZ-2026-000123",
            "MJK-26-000123",
            "MJK-2026-000123-1",
        ] {
            assert_eq!(
                ReceiptNumber::parse(input),
                Err(ReceiptError::Format),
                "{input}"
            );
        }
        assert_eq!(
            ReceiptNumber::parse("MJK-2026-000000"),
            Err(ReceiptError::SequenceOutOfRange)
        );
        assert_eq!(
            ReceiptNumber::new(2026, 1_000_000),
            Err(ReceiptError::SequenceOutOfRange)
        );
        assert_eq!(ReceiptNumber::parse(""), Err(ReceiptError::Empty));
    }
}
