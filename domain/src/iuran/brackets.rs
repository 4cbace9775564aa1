//! Declared income → nominal income basis, the table BPU contributions are computed from.
//!
//! Source: Lampiran II PP 44/2015 (BPU income brackets), as reproduced in `docs/domain.md` §3. Only the
//! first two rows and the maximum are confirmed by a named source; the rest follow the
//! third-party table, and the top rows are this project's reading (see [`BracketSource`]). The
//! table is data, in this one place, so an official correction is a one-line change; the tests
//! below pin its shape, not its numbers.
//!
//! How an income finds its row: rows are contiguous. The published table writes its ranges in
//! thousands ("1.100.000 – 1.299.000"), which leaves gaps like 1.099.001–1.099.999; here each row
//! runs from its own `from` up to the next row's `from`, so 1.099.500 falls in the first row.

use crate::iuran::rupiah::Rupiah;

/// How sure we are of a row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BracketSource {
    /// Stated by a named source (BPJS Ketenagakerjaan examples).
    Verified,
    /// From a third-party reproduction of the table, consistent with its pattern.
    ThirdParty,
    /// The project's inference where sources disagree; see the row's comment.
    Inferred,
}

/// One row: incomes from `from` (inclusive) up to the next row's `from` have this basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bracket {
    /// Lowest declared monthly income in this row.
    pub from: Rupiah,
    /// The nominal income basis the percentages apply to.
    pub basis: Rupiah,
    /// How sure we are of this row.
    pub source: BracketSource,
}

const fn row(from: u64, basis: u64, source: BracketSource) -> Bracket {
    Bracket {
        from: Rupiah(from),
        basis: Rupiah(basis),
        source,
    }
}

/// The highest basis: the documented maximum JKK is Rp207.000, 1% of Rp20.700.000.
pub const MAX_BASIS: Rupiah = Rupiah(20_700_000);

/// The bracket table, ascending by `from`.
///
/// Above 18.199.000 the sources disagree: one lists 18.200.000–19.199.000 → 18.200.000 and
/// 19.200.000–20.199.000 → 19.200.000, which breaks the midpoint pattern of every row below and
/// cannot reach the verified maximum. This table continues the pattern (bases at the midpoint of
/// 1.000.000-wide rows: 18.700.000, 19.700.000) and puts every income from 20.200.000 up in the
/// last row, whose basis is the verified maximum 20.700.000. Those three rows are marked
/// [`BracketSource::Inferred`]; check them with the BPJS branch before quoting a top-row amount.
pub const BRACKETS: &[Bracket] = {
    use BracketSource::{Inferred, ThirdParty, Verified};
    &[
        // Up to 1.099.000.
        row(0, 1_000_000, Verified),
        // 1.100.000 – 2.699.000 in steps of 200.000, basis at the midpoint.
        row(1_100_000, 1_200_000, Verified),
        row(1_300_000, 1_400_000, ThirdParty),
        row(1_500_000, 1_600_000, ThirdParty),
        row(1_700_000, 1_800_000, ThirdParty),
        row(1_900_000, 2_000_000, ThirdParty),
        row(2_100_000, 2_200_000, ThirdParty),
        row(2_300_000, 2_400_000, ThirdParty),
        row(2_500_000, 2_600_000, ThirdParty),
        // 2.700.000 – 8.199.000 in steps of 500.000.
        row(2_700_000, 2_950_000, ThirdParty),
        row(3_200_000, 3_450_000, ThirdParty),
        row(3_700_000, 3_950_000, ThirdParty),
        row(4_200_000, 4_450_000, ThirdParty),
        row(4_700_000, 4_950_000, ThirdParty),
        row(5_200_000, 5_450_000, ThirdParty),
        row(5_700_000, 5_950_000, ThirdParty),
        row(6_200_000, 6_450_000, ThirdParty),
        row(6_700_000, 6_950_000, ThirdParty),
        row(7_200_000, 7_450_000, ThirdParty),
        row(7_700_000, 7_950_000, ThirdParty),
        // 8.200.000 – 18.199.000 in steps of 1.000.000.
        row(8_200_000, 8_700_000, ThirdParty),
        row(9_200_000, 9_700_000, ThirdParty),
        row(10_200_000, 10_700_000, ThirdParty),
        row(11_200_000, 11_700_000, ThirdParty),
        row(12_200_000, 12_700_000, ThirdParty),
        row(13_200_000, 13_700_000, ThirdParty),
        row(14_200_000, 14_700_000, ThirdParty),
        row(15_200_000, 15_700_000, ThirdParty),
        row(16_200_000, 16_700_000, ThirdParty),
        row(17_200_000, 17_700_000, ThirdParty),
        // The unverified top: see the doc comment above.
        row(18_200_000, 18_700_000, Inferred),
        row(19_200_000, 19_700_000, Inferred),
        row(20_200_000, MAX_BASIS.0, Inferred),
    ]
};

/// The row a declared monthly income falls in: the last one whose `from` is not above it.
pub fn bracket_for(income: Rupiah) -> &'static Bracket {
    // BRACKETS is non-empty and starts at 0, so some row always matches.
    BRACKETS
        .iter()
        .rev()
        .find(|b| b.from <= income)
        .unwrap_or(&BRACKETS[0])
}

/// The nominal income basis for a declared monthly income.
pub fn basis_for(income: Rupiah) -> Rupiah {
    bracket_for(income).basis
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_starts_at_zero_and_rises() {
        assert_eq!(BRACKETS[0].from, Rupiah(0));
        for pair in BRACKETS.windows(2) {
            assert!(pair[0].from < pair[1].from);
            assert!(pair[0].basis < pair[1].basis);
        }
    }

    #[test]
    fn every_basis_lies_in_its_own_row_except_the_first_and_last() {
        // The first row's basis (1.000.000) is below 1.099.000 as published; the last is capped.
        for pair in BRACKETS[1..].windows(2) {
            assert!(pair[0].from <= pair[0].basis && pair[0].basis < pair[1].from);
        }
    }

    #[test]
    fn the_highest_basis_is_twenty_million_seven_hundred_thousand() {
        assert_eq!(BRACKETS.last().unwrap().basis, MAX_BASIS);
        assert_eq!(MAX_BASIS, Rupiah(20_700_000));
        assert_eq!(basis_for(Rupiah(u64::MAX)), MAX_BASIS);
    }

    #[test]
    fn an_income_up_to_1_099_000_has_basis_1_000_000() {
        assert_eq!(basis_for(Rupiah(0)), Rupiah(1_000_000));
        assert_eq!(basis_for(Rupiah(1_000_000)), Rupiah(1_000_000));
        assert_eq!(basis_for(Rupiah(1_099_000)), Rupiah(1_000_000));
    }

    #[test]
    fn an_income_in_the_gap_between_published_rows_takes_the_lower_row() {
        assert_eq!(basis_for(Rupiah(1_099_500)), Rupiah(1_000_000));
        assert_eq!(basis_for(Rupiah(1_299_999)), Rupiah(1_200_000));
    }

    #[test]
    fn an_income_of_1_100_000_to_1_299_000_has_basis_1_200_000() {
        assert_eq!(basis_for(Rupiah(1_100_000)), Rupiah(1_200_000));
        assert_eq!(basis_for(Rupiah(1_299_000)), Rupiah(1_200_000));
        assert_eq!(basis_for(Rupiah(1_300_000)), Rupiah(1_400_000));
    }

    #[test]
    fn the_middle_rows_have_midpoint_bases() {
        assert_eq!(basis_for(Rupiah(2_600_000)), Rupiah(2_600_000));
        assert_eq!(basis_for(Rupiah(2_700_000)), Rupiah(2_950_000));
        assert_eq!(basis_for(Rupiah(8_199_000)), Rupiah(7_950_000));
        assert_eq!(basis_for(Rupiah(8_200_000)), Rupiah(8_700_000));
        assert_eq!(basis_for(Rupiah(18_199_000)), Rupiah(17_700_000));
    }

    #[test]
    fn incomes_above_18_199_000_follow_the_midpoint_pattern_up_to_the_cap() {
        assert_eq!(basis_for(Rupiah(18_200_000)), Rupiah(18_700_000));
        assert_eq!(basis_for(Rupiah(19_200_000)), Rupiah(19_700_000));
        assert_eq!(basis_for(Rupiah(20_200_000)), Rupiah(20_700_000));
        assert_eq!(basis_for(Rupiah(50_000_000)), Rupiah(20_700_000));
    }

    #[test]
    fn the_table_has_the_published_number_of_rows() {
        // 1 + 8 rows of 200.000 + 11 of 500.000 + 10 of 1.000.000 + 3 top rows.
        assert_eq!(BRACKETS.len(), 33);
    }
}
