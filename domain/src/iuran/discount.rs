//! The PP 50/2025 discount windows, as data.
//!
//! PP 50/2025 (in force from 22 December 2025) gives BPU participants working outside an
//! employment relationship 50% off JKK and JKM — never JHT — for these contribution months:
//! transport sector January 2026 – March 2027, all other sectors April – December 2026. Not for
//! participants whose JKK/JKM is paid by the state or regional budget (APBN/APBD). \[V, `docs/domain.md` §3\]
//!
//! The discount goes by contribution month, so a period paid in advance that straddles a window's
//! edge is discounted only for the months inside it \[I\].

use crate::business::Sector;
use crate::date::YearMonth;

/// Percentage taken off JKK and JKM inside a window.
pub const DISCOUNT_PERCENT: u64 = 50;

/// The contribution months of one sector's discount, inclusive at both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DiscountWindow {
    /// The sector it applies to.
    pub sector: Sector,
    /// First discounted contribution month.
    pub first: YearMonth,
    /// Last discounted contribution month.
    pub last: YearMonth,
}

impl DiscountWindow {
    /// Whether `month` lies inside the window.
    pub fn contains(&self, month: YearMonth) -> bool {
        self.first <= month && month <= self.last
    }
}

/// PP 50/2025's windows, one per sector.
pub const DISCOUNT_WINDOWS: [DiscountWindow; 2] = [
    DiscountWindow {
        sector: Sector::Transport,
        first: YearMonth::from_parts_unchecked(2026, 1),
        last: YearMonth::from_parts_unchecked(2027, 3),
    },
    DiscountWindow {
        sector: Sector::Other,
        first: YearMonth::from_parts_unchecked(2026, 4),
        last: YearMonth::from_parts_unchecked(2026, 12),
    },
];

/// Whether contribution `month` of a participant in `sector` gets the discount.
pub fn discount_applies(month: YearMonth, sector: Sector, paid_by_government: bool) -> bool {
    !paid_by_government
        && DISCOUNT_WINDOWS
            .iter()
            .any(|w| w.sector == sector && w.contains(month))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(s: &str) -> YearMonth {
        YearMonth::parse(s).unwrap()
    }

    #[test]
    fn the_windows_are_real_months() {
        for window in DISCOUNT_WINDOWS {
            assert!(YearMonth::new(window.first.year(), window.first.month()).is_ok());
            assert!(YearMonth::new(window.last.year(), window.last.month()).is_ok());
            assert!(window.first <= window.last);
        }
    }

    #[test]
    fn a_trader_gets_the_discount_from_april_to_december_2026() {
        assert!(!discount_applies(month("2026-03"), Sector::Other, false));
        assert!(discount_applies(month("2026-04"), Sector::Other, false));
        assert!(discount_applies(month("2026-12"), Sector::Other, false));
        assert!(!discount_applies(month("2027-01"), Sector::Other, false));
    }

    #[test]
    fn an_ojek_driver_gets_the_discount_from_january_2026_to_march_2027() {
        assert!(!discount_applies(
            month("2025-12"),
            Sector::Transport,
            false
        ));
        assert!(discount_applies(month("2026-01"), Sector::Transport, false));
        assert!(discount_applies(month("2027-03"), Sector::Transport, false));
        assert!(!discount_applies(
            month("2027-04"),
            Sector::Transport,
            false
        ));
    }

    #[test]
    fn contributions_paid_by_the_government_budget_get_no_discount() {
        assert!(!discount_applies(month("2026-06"), Sector::Other, true));
        assert!(!discount_applies(month("2026-06"), Sector::Transport, true));
    }
}
