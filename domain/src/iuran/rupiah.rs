//! Whole-rupiah amounts.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};

use serde::{Deserialize, Serialize};

/// An amount in whole rupiah. Integers only: every rate in the regulations gives whole rupiah on
/// the bases in the table, and where a rule could give a fraction the rounding is written down
/// next to it (see [`crate::iuran::contribution`]).
///
/// `Display` is the Indonesian spelling with dots between thousands: `Rp16.800`. Serialized as a
/// plain JSON number.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Rupiah(pub u64);

/// Why a text is not an amount of rupiah (see [`parse_amount`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AmountError {
    /// Nothing was entered.
    Empty,
    /// Not whole rupiah with optional `Rp` and thousands separators.
    NotANumber,
    /// More than `u64` holds.
    Overflow,
}

/// Reads an amount as people type it: `1500000`, `1.500.000`, `Rp 1.500.000`, `Rp1.500.000,-`,
/// `1.500.000,00`, `1,500,000`, `1 500 000`. One reader for every amount (income, wage), so they
/// accept the same spellings.
///
/// Separators (`.`, `,`, space) must split the digits into groups of three, so `1.5` or `1,5` —
/// which could mean 1.5 million — are rejected rather than read as 15.
pub(crate) fn parse_amount(input: &str) -> Result<Rupiah, AmountError> {
    let mut text = input.trim();
    if text.is_empty() {
        return Err(AmountError::Empty);
    }
    if text.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("rp")) {
        text = text[2..].trim_start_matches('.').trim_start();
    }
    for suffix in [",-", ".-", ",00"] {
        if let Some(stripped) = text.strip_suffix(suffix) {
            text = stripped;
            break;
        }
    }
    let groups: Vec<&str> = text.split(['.', ',', ' ']).collect();
    let digits_only = |g: &&str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !groups.iter().all(digits_only) || groups[1..].iter().any(|g| g.len() != 3) {
        return Err(AmountError::NotANumber);
    }
    let mut amount: u64 = 0;
    for digit in groups.concat().bytes() {
        amount = amount
            .checked_mul(10)
            .and_then(|a| a.checked_add(u64::from(digit - b'0')))
            .ok_or(AmountError::Overflow)?;
    }
    Ok(Rupiah(amount))
}

impl Rupiah {
    /// Zero rupiah.
    pub const ZERO: Rupiah = Rupiah(0);

    /// The amount in rupiah.
    pub const fn amount(self) -> u64 {
        self.0
    }

    /// The digits grouped by thousands with dots, without the `Rp`: `16.800`.
    pub fn grouped(self) -> String {
        crate::format::group_thousands(self.0, '.')
    }
}

impl fmt::Display for Rupiah {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rp{}", self.grouped())
    }
}

impl Add for Rupiah {
    type Output = Rupiah;
    fn add(self, other: Rupiah) -> Rupiah {
        Rupiah(self.0 + other.0)
    }
}

/// Subtraction saturates at zero: an amount of money owed is never negative.
impl Sub for Rupiah {
    type Output = Rupiah;
    fn sub(self, other: Rupiah) -> Rupiah {
        Rupiah(self.0.saturating_sub(other.0))
    }
}

impl Sum for Rupiah {
    fn sum<I: Iterator<Item = Rupiah>>(iter: I) -> Rupiah {
        iter.fold(Rupiah::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rupiah_are_written_with_dots_between_thousands() {
        assert_eq!(Rupiah(16_800).to_string(), "Rp16.800");
        assert_eq!(Rupiah(20_700_000).to_string(), "Rp20.700.000");
        assert_eq!(Rupiah(800).to_string(), "Rp800");
        assert_eq!(Rupiah(0).to_string(), "Rp0");
        assert_eq!(Rupiah(100_000).to_string(), "Rp100.000");
    }

    #[test]
    fn rupiah_serialize_as_a_plain_number() {
        assert_eq!(serde_json::to_string(&Rupiah(16_800)).unwrap(), "16800");
    }
}
