//! An owner's workers: wage earners (PU) handed to the BPJS branch, not BPU registrations.
//!
//! `docs/domain.md` §2: employees of a UMKM are wage earners; the employer registers the business for an
//! employer number (NPP) and then its workers. Lindungi only collects who they are and what they
//! earn, so the branch can start that registration; the worker list travels inside the owner's
//! registration and is validated with it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::errors::coded_error;
use crate::iuran::Rupiah;
use crate::iuran::rupiah::{AmountError, parse_amount};
use crate::nik::Nik;
use crate::phone::PhoneNumber;
use crate::text::PersonName;

/// Most workers one registration may list. A sanity bound \[I\]: a micro business rarely has more
/// than a handful, and the whole registration must stay well inside one batch's body
/// ([`crate::wire::MAX_BODY_BYTES`]).
pub const MAX_WORKERS: usize = 20;

/// The largest monthly wage accepted: a bound against typed extra zeros \[I\], far above any
/// micro-business wage (Kota Mojokerto's 2026 minimum wage is about Rp3 million).
pub const MAX_MONTHLY_WAGE: Rupiah = Rupiah(100_000_000);

coded_error! {
    /// Why a text is not a monthly wage.
    pub enum WageError {
        /// Nothing was entered.
        Empty => "required", "no wage entered";
        /// Not whole rupiah.
        NotANumber => "wage.not_a_number", "write the wage in whole rupiah, e.g. 2.000.000";
        /// Zero.
        Zero => "wage.zero", "the wage cannot be zero";
        /// Above [`MAX_MONTHLY_WAGE`].
        TooLarge => "wage.too_large", "the wage is implausibly large";
    }
}

coded_error! {
    /// Rules across a registration's workers.
    pub enum WorkerRuleError {
        /// A worker's NIK is the owner's own: the owner is registered as BPU, not as a worker.
        IsOwner => "worker.is_owner", "the owner cannot be listed as their own worker";
        /// Two workers share a NIK.
        DuplicateNik => "worker.duplicate_nik", "this NIK is already listed for another worker";
        /// More than [`MAX_WORKERS`] workers.
        TooMany => "workers.too_many", "too many workers in one registration";
        /// The number of employees is smaller than the workers listed.
        FewerEmployeesThanListed => "employees.fewer_than_workers", "the number of employees is smaller than the workers listed";
    }
}

/// A worker's monthly wage in whole rupiah, 1 to [`MAX_MONTHLY_WAGE`]. Serialized as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u64", into = "u64")]
pub struct MonthlyWage(Rupiah);

impl MonthlyWage {
    /// Parses what people type, with the same spellings as an income (`2.000.000`, `Rp 2.000.000`).
    pub fn parse(input: &str) -> Result<MonthlyWage, WageError> {
        match parse_amount(input) {
            Ok(amount) => MonthlyWage::new(amount),
            Err(AmountError::Empty) => Err(WageError::Empty),
            Err(AmountError::NotANumber) => Err(WageError::NotANumber),
            Err(AmountError::Overflow) => Err(WageError::TooLarge),
        }
    }

    /// A wage of exactly `amount`, if within bounds.
    pub fn new(amount: Rupiah) -> Result<MonthlyWage, WageError> {
        if amount == Rupiah::ZERO {
            Err(WageError::Zero)
        } else if amount > MAX_MONTHLY_WAGE {
            Err(WageError::TooLarge)
        } else {
            Ok(MonthlyWage(amount))
        }
    }

    /// The amount.
    pub const fn rupiah(self) -> Rupiah {
        self.0
    }
}

impl fmt::Display for MonthlyWage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl TryFrom<u64> for MonthlyWage {
    type Error = WageError;
    fn try_from(amount: u64) -> Result<Self, Self::Error> {
        MonthlyWage::new(Rupiah(amount))
    }
}

impl From<MonthlyWage> for u64 {
    fn from(wage: MonthlyWage) -> u64 {
        wage.0.0
    }
}

/// One worker of the owner's business, validated.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Worker {
    /// Full name as on the KTP.
    pub full_name: PersonName,
    /// NIK.
    pub nik: Nik,
    /// Mobile phone, if they have one.
    pub phone: Option<PhoneNumber>,
    /// Monthly wage.
    pub wage: MonthlyWage,
}

/// Only the masked NIK: debug output ends up in logs, and names and phones are personal data.
impl fmt::Debug for Worker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Worker")
            .field("nik", &self.nik)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wage_reads_like_an_income() {
        for input in ["2000000", "2.000.000", "Rp 2.000.000", "Rp2.000.000,-"] {
            assert_eq!(
                MonthlyWage::parse(input).unwrap().rupiah(),
                Rupiah(2_000_000)
            );
        }
    }

    #[test]
    fn a_wage_that_is_empty_zero_huge_or_not_a_number_is_refused() {
        assert_eq!(MonthlyWage::parse(" "), Err(WageError::Empty));
        assert_eq!(MonthlyWage::parse("0"), Err(WageError::Zero));
        assert_eq!(MonthlyWage::parse("1,5"), Err(WageError::NotANumber));
        assert_eq!(MonthlyWage::parse("100.000.001"), Err(WageError::TooLarge));
        assert_eq!(
            MonthlyWage::parse("99999999999999999999999"),
            Err(WageError::TooLarge)
        );
        assert!(MonthlyWage::parse("100.000.000").is_ok());
    }

    #[test]
    fn a_wage_deserializes_only_within_bounds() {
        assert!(serde_json::from_str::<MonthlyWage>("0").is_err());
        assert_eq!(
            serde_json::from_str::<MonthlyWage>("1500000").unwrap(),
            MonthlyWage(Rupiah(1_500_000))
        );
    }
}
