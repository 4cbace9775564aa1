//! The worklist's cursor: how far a phone's copy of its area goes, in two clocks.
//!
//! - The **roster clock**: every roster row carries the change number of its current content
//!   and every removal has its own (`worklist_clock`, `roster_removed`); numbers are given in
//!   commit order because each import first updates the clock's row. `roster` says "every row
//!   numbered up to here was sent as it is now"; `removals_after` says "removals numbered up to
//!   here concern nothing the phone holds" (on a first sync: every removal before it started).
//! - The **receipt clock**: registrations are committed in receipt order within a year (each
//!   batch holds the ingest lock and takes the next numbers of a gapless counter), so
//!   `receipts` — the last sequence seen for each year — says "every registration of that
//!   year up to here was considered"; a year not listed was not looked at yet.
//!
//! Plus the area the copy is of, as a bit set of `Kelurahan::ALL` (a phone whose officer was
//! given another area starts over). A cursor holds no personal data and no secret: it only
//! narrows what the device's own area already allows, so a forged one can make a phone fetch
//! more, never see more.
//!
//! Written `1.<area hex>.<roster>.<removals_after>[.<year>_<sequence>…]`: URL-safe as it is.

use domain::{Kelurahan, wire::worklist::Area};

/// The cursor format's version, its first field.
const VERSION: &str = "1";
/// The area bit of "the whole city" (above the 18 kelurahan bits).
const WHOLE_CITY_BIT: u32 = 1 << 30;

/// Where a phone's copy stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cursor {
    /// The area the copy is of ([`area_bits`]).
    pub area: u32,
    /// Roster rows with a change number up to this were sent as they are now.
    pub roster: i64,
    /// Removals numbered up to this concern nothing the phone holds.
    pub removals_after: i64,
    /// For each year seen, the last receipt sequence considered; ascending by year.
    pub receipts: Vec<(i64, i64)>,
}

/// An area as the cursor's bit set.
pub fn area_bits(area: &Area) -> u32 {
    match area {
        Area::Kelurahan { kelurahan } => kelurahan
            .iter()
            .map(|k| 1 << Kelurahan::ALL.iter().position(|a| a == k).unwrap_or(0))
            .fold(0, |bits, bit| bits | bit),
        Area::WholeCity => WHOLE_CITY_BIT,
        Area::Unassigned => 0,
    }
}

impl Cursor {
    /// The cursor as sent to the phone.
    pub fn encode(&self) -> String {
        let mut text = format!(
            "{VERSION}.{:x}.{}.{}",
            self.area, self.roster, self.removals_after
        );
        for (year, sequence) in &self.receipts {
            text.push_str(&format!(".{year}_{sequence}"));
        }
        text
    }

    /// A cursor as the phone sent it back; `None` if it is not one this endpoint wrote.
    pub fn decode(text: &str) -> Option<Cursor> {
        if text.len() > domain::wire::worklist::MAX_CURSOR_CHARS {
            return None;
        }
        let mut fields = text.split('.');
        if fields.next()? != VERSION {
            return None;
        }
        let area = u32::from_str_radix(fields.next()?, 16).ok()?;
        let number = |field: Option<&str>| -> Option<i64> {
            let field = field?;
            // Digits only: no sign, no spaces, no leading `+`.
            (!field.is_empty() && field.bytes().all(|b| b.is_ascii_digit()))
                .then(|| field.parse().ok())
                .flatten()
        };
        let roster = number(fields.next())?;
        let removals_after = number(fields.next())?;
        let mut receipts: Vec<(i64, i64)> = Vec::new();
        for field in fields {
            let (year, sequence) = field.split_once('_')?;
            let year = number(Some(year))?;
            // Ascending years only: each year once.
            if receipts.last().is_some_and(|(last, _)| *last >= year) {
                return None;
            }
            receipts.push((year, number(Some(sequence))?));
        }
        Some(Cursor {
            area,
            roster,
            removals_after,
            receipts,
        })
    }

    /// The last receipt sequence considered for `year` (0: none).
    pub fn receipt_mark(&self, year: i64) -> i64 {
        self.receipts
            .iter()
            .find(|(y, _)| *y == year)
            .map_or(0, |(_, s)| *s)
    }

    /// Records that receipts of `year` up to `sequence` were considered.
    pub fn mark_receipt(&mut self, year: i64, sequence: i64) {
        match self.receipts.iter_mut().find(|(y, _)| *y == year) {
            Some((_, s)) => *s = (*s).max(sequence),
            None => {
                self.receipts.push((year, sequence));
                self.receipts.sort_unstable();
            }
        }
    }

    /// Whether roster removals numbered `seq` still matter to this copy.
    pub fn wants_removal(&self, seq: i64) -> bool {
        seq > self.roster.max(self.removals_after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_as_it_was_written() {
        let cursor = Cursor {
            area: area_bits(&Area::of_kelurahan([Kelurahan::Kauman, Kelurahan::Miji])),
            roster: 32_051,
            removals_after: 40_000,
            receipts: vec![(2026, 1_204), (2027, 5)],
        };
        let text = cursor.encode();
        assert_eq!(text, "1.2002.32051.40000.2026_1204.2027_5");
        assert_eq!(Cursor::decode(&text), Some(cursor));
        let first = Cursor::default();
        assert_eq!(Cursor::decode(&first.encode()), Some(first));
    }

    #[test]
    fn areas_have_distinct_bits() {
        let one = area_bits(&Area::of_kelurahan([Kelurahan::Mentikan]));
        let all = area_bits(&Area::of_kelurahan(Kelurahan::ALL));
        assert_eq!(one, 1);
        assert_eq!(all, (1 << 18) - 1);
        assert_ne!(area_bits(&Area::WholeCity), all);
        assert_eq!(area_bits(&Area::Unassigned), 0);
    }

    #[test]
    fn anything_but_a_cursor_of_this_endpoint_is_refused() {
        for text in [
            "",
            "2.0.0.0",
            "1.zz.0.0",
            "1.0.-1.0",
            "1.0.+1.0",
            "1.0.1",
            "1.0.1.2.2026",
            "1.0.1.2.2027_1.2026_1",
            "1.0.1.2.2026_1.2026_2",
            "1.0.99999999999999999999.0",
        ] {
            assert_eq!(Cursor::decode(text), None, "{text:?}");
        }
        assert_eq!(
            Cursor::decode(&format!("1.0.1.2{}", ".2026_1".repeat(40))),
            None
        );
    }

    #[test]
    fn receipts_are_marked_per_year() {
        let mut cursor = Cursor::default();
        cursor.mark_receipt(2027, 3);
        cursor.mark_receipt(2026, 90);
        cursor.mark_receipt(2026, 80);
        assert_eq!(cursor.receipts, [(2026, 90), (2027, 3)]);
        assert_eq!(cursor.receipt_mark(2026), 90);
        assert_eq!(cursor.receipt_mark(2028), 0);
    }
}
