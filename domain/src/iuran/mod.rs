//! Contributions (iuran) of a BPU participant: JKK, JKM and optional JHT, month by month.
//!
//! - [`rupiah`]: whole-rupiah amounts and their Indonesian spelling.
//! - [`income`]: the declared monthly income as typed.
//! - [`brackets`]: the income → nominal-basis table (data, with its sources).
//! - [`discount`]: the PP 50/2025 discount windows (data).
//! - [`contribution`]: rates, rounding, and the month-by-month schedule of a payment period.

pub mod brackets;
pub mod contribution;
pub mod discount;
pub mod income;
pub mod rupiah;

pub use brackets::{BRACKETS, Bracket, BracketSource, MAX_BASIS, basis_for, bracket_for};
pub use contribution::{
    Coverage, JHT_PERCENT, JKK_PERCENT, JKM_MONTHLY, MonthlyContribution, PaymentPeriod,
    PaymentPeriodError, Schedule, jht_for, jkk_for,
};
pub use discount::{DISCOUNT_PERCENT, DISCOUNT_WINDOWS, DiscountWindow, discount_applies};
pub use income::{DeclaredIncome, IncomeError, MAX_DECLARED_INCOME};
pub use rupiah::Rupiah;
