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

impl Rupiah {
    /// Zero rupiah.
    pub const ZERO: Rupiah = Rupiah(0);

    /// The amount in rupiah.
    pub const fn amount(self) -> u64 {
        self.0
    }

    /// The digits grouped by thousands with dots, without the `Rp`: `16.800`.
    pub fn grouped(self) -> String {
        let digits = self.0.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push('.');
            }
            out.push(c);
        }
        out
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
