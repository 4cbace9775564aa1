//! Rates, rounding and the month-by-month schedule of a payment period.
//!
//! Rates for BPU participants (`docs/domain.md` §3):
//! - JKK (work accident): 1% of the nominal basis (Lampiran II PP 44/2015).
//! - JKM (death): Rp6.800 a month, flat.
//! - JHT (old-age savings), optional: 2% of the same basis (PP 46/2015 jo. PP 60/2015).
//!
//! Rounding, written down once: a percentage of a basis is rounded half up to whole rupiah; the
//! 50% discount leaves half of each of JKK and JKM to pay, rounded half up, so the discount is
//! the other half rounded down. Every basis in the table is a multiple of Rp50.000, so 1% and 2%
//! are whole multiples of Rp500 and half of them is whole too: no rounding ever happens with the
//! current table and JKM — the rule is there for a future table that needs it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::business::Sector;
use crate::date::YearMonth;
use crate::errors::coded_error;
use crate::iuran::brackets::basis_for;
use crate::iuran::discount::{DISCOUNT_PERCENT, discount_applies};
use crate::iuran::income::DeclaredIncome;
use crate::iuran::rupiah::Rupiah;

/// JKM, flat per month.
pub const JKM_MONTHLY: Rupiah = Rupiah(6_800);
/// JKK rate, in percent of the basis.
pub const JKK_PERCENT: u64 = 1;
/// JHT rate for BPU, in percent of the basis.
pub const JHT_PERCENT: u64 = 2;

/// `percent`% of `amount`, rounded half up to whole rupiah.
const fn percent_of(amount: Rupiah, percent: u64) -> Rupiah {
    Rupiah((amount.0 * percent + 50) / 100)
}

/// JKK for a month on this basis.
pub const fn jkk_for(basis: Rupiah) -> Rupiah {
    percent_of(basis, JKK_PERCENT)
}

/// JHT for a month on this basis.
pub const fn jht_for(basis: Rupiah) -> Rupiah {
    percent_of(basis, JHT_PERCENT)
}

/// How much the discount takes off `amount`: the amount left to pay is the discounted
/// percentage rounded half up, and the discount is the rest.
const fn discount_on(amount: Rupiah) -> Rupiah {
    let payable = percent_of(amount, 100 - DISCOUNT_PERCENT);
    Rupiah(amount.0 - payable.0)
}

coded_error! {
    /// Why a text is not a payment period.
    pub enum PaymentPeriodError {
        /// Nothing was chosen.
        Empty => "required", "no payment period chosen";
        /// Not 1, 3, 6 or 12 months.
        Unsupported => "period.unsupported", "BPU pay for 1, 3, 6 or 12 months";
    }
}

/// How many months a BPU pays for at once: 1, 3, 6 or 12 (`docs/domain.md` §3). Serialized as that number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum PaymentPeriod {
    /// Monthly.
    One,
    /// Three months.
    Three,
    /// Six months.
    Six,
    /// A year.
    Twelve,
}

impl PaymentPeriod {
    /// Every period, shortest first.
    pub const ALL: [PaymentPeriod; 4] = [
        PaymentPeriod::One,
        PaymentPeriod::Three,
        PaymentPeriod::Six,
        PaymentPeriod::Twelve,
    ];

    /// The number of months.
    pub const fn months(self) -> u8 {
        match self {
            PaymentPeriod::One => 1,
            PaymentPeriod::Three => 3,
            PaymentPeriod::Six => 6,
            PaymentPeriod::Twelve => 12,
        }
    }

    /// The period of this many months, if it is one.
    pub const fn from_months(months: u8) -> Result<PaymentPeriod, PaymentPeriodError> {
        match months {
            1 => Ok(PaymentPeriod::One),
            3 => Ok(PaymentPeriod::Three),
            6 => Ok(PaymentPeriod::Six),
            12 => Ok(PaymentPeriod::Twelve),
            _ => Err(PaymentPeriodError::Unsupported),
        }
    }

    /// Parses `1`, `3`, `6` or `12`.
    pub fn parse(input: &str) -> Result<PaymentPeriod, PaymentPeriodError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(PaymentPeriodError::Empty);
        }
        let months = input
            .parse::<u8>()
            .map_err(|_| PaymentPeriodError::Unsupported)?;
        PaymentPeriod::from_months(months)
    }
}

impl fmt::Display for PaymentPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.months())
    }
}

impl TryFrom<u8> for PaymentPeriod {
    type Error = PaymentPeriodError;
    fn try_from(months: u8) -> Result<Self, Self::Error> {
        PaymentPeriod::from_months(months)
    }
}

impl From<PaymentPeriod> for u8 {
    fn from(period: PaymentPeriod) -> u8 {
        period.months()
    }
}

/// What a participant is covered for and pays: the coverage part of a registration.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Coverage {
    /// Declared monthly income, which picks the basis.
    pub income: DeclaredIncome,
    /// Whether JHT (old-age savings) is taken on top of JKK + JKM.
    pub jht: bool,
    /// How many months are paid at once.
    pub period: PaymentPeriod,
    /// The first contribution month.
    pub start_month: YearMonth,
    /// JKK/JKM paid by the state or regional budget (APBN/APBD): no PP 50/2025 discount.
    pub paid_by_government: bool,
}

impl Coverage {
    /// The nominal income basis.
    pub fn basis(&self) -> Rupiah {
        basis_for(self.income.rupiah())
    }

    /// The contributions of one month of this coverage.
    pub fn month(&self, month: YearMonth, sector: Sector) -> MonthlyContribution {
        let basis = self.basis();
        let jkk = jkk_for(basis);
        let jkm = JKM_MONTHLY;
        let jht = if self.jht {
            jht_for(basis)
        } else {
            Rupiah::ZERO
        };
        let discount = if discount_applies(month, sector, self.paid_by_government) {
            // JKK and JKM only; JHT is never discounted.
            discount_on(jkk) + discount_on(jkm)
        } else {
            Rupiah::ZERO
        };
        MonthlyContribution {
            month,
            jkk,
            jkm,
            jht,
            discount,
            total: jkk + jkm + jht - discount,
        }
    }

    /// The contributions of every month of the payment period, from the start month. A month
    /// past December 9999 is left out (it cannot be written as a `YearMonth`).
    pub fn schedule(&self, sector: Sector) -> Schedule {
        let months = (0..i64::from(self.period.months()))
            .filter_map(|offset| self.start_month.checked_add_months(offset))
            .map(|month| self.month(month, sector))
            .collect();
        Schedule {
            basis: self.basis(),
            months,
        }
    }
}

/// One contribution month. `total = jkk + jkm + jht − discount`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MonthlyContribution {
    /// The contribution month.
    pub month: YearMonth,
    /// JKK before discount.
    pub jkk: Rupiah,
    /// JKM before discount.
    pub jkm: Rupiah,
    /// JHT (zero when not chosen).
    pub jht: Rupiah,
    /// PP 50/2025 discount taken off JKK and JKM (zero outside the window).
    pub discount: Rupiah,
    /// What is paid for this month.
    pub total: Rupiah,
}

/// The contributions of a payment period, month by month.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Schedule {
    basis: Rupiah,
    months: Vec<MonthlyContribution>,
}

impl Schedule {
    /// The nominal income basis used.
    pub fn basis(&self) -> Rupiah {
        self.basis
    }

    /// Each month, in order.
    pub fn months(&self) -> &[MonthlyContribution] {
        &self.months
    }

    /// What is paid for the whole period: the sum of the months.
    pub fn total(&self) -> Rupiah {
        self.months.iter().map(|m| m.total).sum()
    }

    /// The discount over the whole period.
    pub fn total_discount(&self) -> Rupiah {
        self.months.iter().map(|m| m.discount).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coverage(income: u64, jht: bool, period: PaymentPeriod, start: &str) -> Coverage {
        Coverage {
            income: DeclaredIncome::new(Rupiah(income)).unwrap(),
            jht,
            period,
            start_month: YearMonth::parse(start).unwrap(),
            paid_by_government: false,
        }
    }

    /// A month before any discount window.
    const UNDISCOUNTED: &str = "2025-12";

    #[test]
    fn an_income_of_one_million_pays_16_800_a_month() {
        let month = coverage(1_000_000, false, PaymentPeriod::One, UNDISCOUNTED)
            .month(YearMonth::parse(UNDISCOUNTED).unwrap(), Sector::Other);
        assert_eq!(month.jkk, Rupiah(10_000));
        assert_eq!(month.jkm, Rupiah(6_800));
        assert_eq!(month.total, Rupiah(16_800));
    }

    #[test]
    fn an_income_of_one_million_with_jht_pays_36_800_a_month() {
        let schedule =
            coverage(1_000_000, true, PaymentPeriod::One, UNDISCOUNTED).schedule(Sector::Other);
        assert_eq!(schedule.months()[0].jht, Rupiah(20_000));
        assert_eq!(schedule.total(), Rupiah(36_800));
    }

    #[test]
    fn an_income_of_1_100_000_to_1_299_000_pays_jkk_12_000() {
        for income in [1_100_000, 1_200_000, 1_299_000] {
            let schedule =
                coverage(income, false, PaymentPeriod::One, UNDISCOUNTED).schedule(Sector::Other);
            assert_eq!(schedule.months()[0].jkk, Rupiah(12_000), "{income}");
        }
    }

    #[test]
    fn the_highest_jkk_is_207_000() {
        let schedule =
            coverage(100_000_000, false, PaymentPeriod::One, UNDISCOUNTED).schedule(Sector::Other);
        assert_eq!(schedule.months()[0].jkk, Rupiah(207_000));
    }

    #[test]
    fn the_discount_halves_16_800_to_8_400() {
        let schedule =
            coverage(1_000_000, false, PaymentPeriod::One, "2026-04").schedule(Sector::Other);
        assert_eq!(schedule.months()[0].discount, Rupiah(8_400));
        assert_eq!(schedule.total(), Rupiah(8_400));
    }

    #[test]
    fn the_discount_halves_jkk_12_000_to_6_000() {
        let month = coverage(1_200_000, false, PaymentPeriod::One, "2026-04")
            .month(YearMonth::parse("2026-04").unwrap(), Sector::Other);
        assert_eq!(month.total, Rupiah(6_000 + 3_400));
        assert_eq!(month.discount, Rupiah(6_000 + 3_400));
    }

    #[test]
    fn the_discount_never_touches_jht() {
        let schedule =
            coverage(1_000_000, true, PaymentPeriod::One, "2026-04").schedule(Sector::Other);
        // 8.400 for JKK + JKM, 20.000 JHT in full.
        assert_eq!(schedule.total(), Rupiah(8_400 + 20_000));
    }

    #[test]
    fn a_period_straddling_the_window_is_discounted_only_inside_it() {
        // Twelve months from October 2026: October–December discounted, January–September not.
        let schedule =
            coverage(1_000_000, false, PaymentPeriod::Twelve, "2026-10").schedule(Sector::Other);
        let discounted: Vec<_> = schedule
            .months()
            .iter()
            .filter(|m| m.discount > Rupiah::ZERO)
            .map(|m| m.month.to_string())
            .collect();
        assert_eq!(discounted, ["2026-10", "2026-11", "2026-12"]);
        assert_eq!(schedule.total(), Rupiah(3 * 8_400 + 9 * 16_800));
    }

    #[test]
    fn an_ojek_driver_is_still_discounted_in_early_2027() {
        let schedule =
            coverage(1_000_000, false, PaymentPeriod::Six, "2027-01").schedule(Sector::Transport);
        let totals: Vec<_> = schedule.months().iter().map(|m| m.total.0).collect();
        assert_eq!(totals, [8_400, 8_400, 8_400, 16_800, 16_800, 16_800]);
    }

    #[test]
    fn contributions_paid_by_the_government_are_never_discounted() {
        let mut paid = coverage(1_000_000, false, PaymentPeriod::Three, "2026-05");
        paid.paid_by_government = true;
        assert_eq!(paid.schedule(Sector::Other).total(), Rupiah(3 * 16_800));
    }

    #[test]
    fn a_schedule_has_one_line_per_month_of_the_period() {
        for period in PaymentPeriod::ALL {
            let schedule = coverage(2_000_000, true, period, "2026-11").schedule(Sector::Other);
            assert_eq!(schedule.months().len(), usize::from(period.months()));
            assert_eq!(schedule.months()[0].month.to_string(), "2026-11");
        }
    }

    #[test]
    fn percentages_round_half_up_and_the_discount_leaves_the_larger_half_to_pay() {
        assert_eq!(percent_of(Rupiah(1_050), 1), Rupiah(11)); // 10.5 -> 11
        assert_eq!(percent_of(Rupiah(1_049), 1), Rupiah(10));
        assert_eq!(discount_on(Rupiah(6_801)), Rupiah(3_400)); // pays 3.401
        assert_eq!(discount_on(Rupiah(6_800)), Rupiah(3_400));
    }

    #[test]
    fn every_basis_in_the_table_gives_whole_rupiah_without_rounding() {
        for bracket in crate::iuran::BRACKETS {
            assert_eq!(bracket.basis.0 % 100, 0);
            assert_eq!(jkk_for(bracket.basis).0 % 2, 0, "half of JKK is whole");
        }
        assert_eq!(JKM_MONTHLY.0 % 2, 0);
    }

    #[test]
    fn a_payment_period_is_1_3_6_or_12_months() {
        assert_eq!(PaymentPeriod::parse("12"), Ok(PaymentPeriod::Twelve));
        assert_eq!(PaymentPeriod::parse(" 3 "), Ok(PaymentPeriod::Three));
        assert_eq!(
            PaymentPeriod::parse("2"),
            Err(PaymentPeriodError::Unsupported)
        );
        assert_eq!(
            PaymentPeriod::parse("satu"),
            Err(PaymentPeriodError::Unsupported)
        );
        assert_eq!(PaymentPeriod::parse(""), Err(PaymentPeriodError::Empty));
        assert_eq!(serde_json::to_string(&PaymentPeriod::Six).unwrap(), "6");
        assert!(serde_json::from_str::<PaymentPeriod>("4").is_err());
    }
}
