//! The declared monthly income, as a trader says it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::errors::coded_error;
use crate::iuran::rupiah::{AmountError, Rupiah, parse_amount};

coded_error! {
    /// Why a text is not a declared monthly income.
    pub enum IncomeError {
        /// Nothing was entered.
        Empty => "required", "no income entered";
        /// Not a whole number of rupiah written with optional `Rp` and thousands separators.
        NotANumber => "income.not_a_number", "write the income in whole rupiah, e.g. 1.500.000";
        /// Zero: a participant declares some income (the lowest bracket covers everything up to
        /// Rp1.099.000).
        Zero => "income.zero", "the income cannot be zero";
        /// Above [`MAX_DECLARED_INCOME`]: almost certainly a typo.
        TooLarge => "income.too_large", "the income is implausibly large";
    }
}

/// The largest monthly income accepted. A sanity bound against typed extra zeros, not a rule
/// from a regulation \[I\]: a micro business has annual sales of at most Rp2 billion (PP 7/2021), so
/// Rp1 billion a month is already far beyond the people this tool registers.
pub const MAX_DECLARED_INCOME: Rupiah = Rupiah(1_000_000_000);

/// A declared monthly income in whole rupiah, 1 to [`MAX_DECLARED_INCOME`].
///
/// Serialized as a plain number; deserializing checks the bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u64", into = "u64")]
pub struct DeclaredIncome(Rupiah);

impl DeclaredIncome {
    /// Parses what people type: `1500000`, `1.500.000`, `Rp 1.500.000`, `Rp1.500.000,-`,
    /// `1.500.000,00`, `1,500,000`, `1 500 000`.
    ///
    /// Separators (`.`, `,`, space) must split the digits into groups of three, so `1.5` or
    /// `1,5` — which could mean 1.5 million — are rejected rather than read as 15.
    pub fn parse(input: &str) -> Result<DeclaredIncome, IncomeError> {
        match parse_amount(input) {
            Ok(amount) => DeclaredIncome::new(amount),
            Err(AmountError::Empty) => Err(IncomeError::Empty),
            Err(AmountError::NotANumber) => Err(IncomeError::NotANumber),
            Err(AmountError::Overflow) => Err(IncomeError::TooLarge),
        }
    }

    /// A declared income of exactly `amount`, if within bounds.
    pub fn new(amount: Rupiah) -> Result<DeclaredIncome, IncomeError> {
        if amount == Rupiah::ZERO {
            return Err(IncomeError::Zero);
        }
        if amount > MAX_DECLARED_INCOME {
            return Err(IncomeError::TooLarge);
        }
        Ok(DeclaredIncome(amount))
    }

    /// The amount.
    pub const fn rupiah(self) -> Rupiah {
        self.0
    }
}

impl fmt::Display for DeclaredIncome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl TryFrom<u64> for DeclaredIncome {
    type Error = IncomeError;
    fn try_from(amount: u64) -> Result<Self, Self::Error> {
        DeclaredIncome::new(Rupiah(amount))
    }
}

impl From<DeclaredIncome> for u64 {
    fn from(income: DeclaredIncome) -> u64 {
        income.0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(input: &str) -> u64 {
        DeclaredIncome::parse(input).unwrap().rupiah().0
    }

    #[test]
    fn an_income_is_read_with_or_without_rp_and_separators() {
        for input in [
            "1500000",
            "1.500.000",
            "Rp 1.500.000",
            "rp1.500.000",
            "Rp. 1.500.000",
            "Rp1.500.000,-",
            "1.500.000,00",
            "1,500,000",
            "1 500 000",
        ] {
            assert_eq!(amount(input), 1_500_000, "{input}");
        }
    }

    #[test]
    fn an_income_with_a_decimal_looking_separator_is_not_a_number() {
        for input in [
            "1.5",
            "1,5",
            "1.5 juta",
            "satu juta",
            "-1000",
            "1..000",
            "Rp",
        ] {
            assert_eq!(
                DeclaredIncome::parse(input),
                Err(IncomeError::NotANumber),
                "{input}"
            );
        }
    }

    #[test]
    fn an_income_of_zero_is_rejected() {
        assert_eq!(DeclaredIncome::parse("0"), Err(IncomeError::Zero));
    }

    #[test]
    fn an_income_above_a_billion_a_month_is_too_large() {
        assert!(DeclaredIncome::parse("1.000.000.000").is_ok());
        assert_eq!(
            DeclaredIncome::parse("1.000.000.001"),
            Err(IncomeError::TooLarge)
        );
        assert_eq!(
            DeclaredIncome::parse(&"9".repeat(40)),
            Err(IncomeError::TooLarge)
        );
    }

    #[test]
    fn an_empty_income_is_required() {
        assert_eq!(DeclaredIncome::parse("  "), Err(IncomeError::Empty));
    }

    #[test]
    fn an_income_serializes_as_a_number_and_deserializes_within_bounds() {
        let income = DeclaredIncome::parse("1.500.000").unwrap();
        assert_eq!(serde_json::to_string(&income).unwrap(), "1500000");
        assert!(serde_json::from_str::<DeclaredIncome>("0").is_err());
    }
}
