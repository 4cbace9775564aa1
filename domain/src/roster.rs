//! The city's roster: the micro-business actors it already knows (from its aid programmes), the
//! denominator of coverage.
//!
//! The city's staff load it from a CSV file with at least a NIK, a name, a kelurahan and a
//! business type per row, and optionally an address and a market or place of business (which
//! the officers' worklist shows). Every row is checked here, with the same parsers as a registration; a
//! file with any bad row is refused whole, with every bad row and why, so a roster is never
//! half-loaded. Registrations are matched to the roster by NIK.

use std::collections::HashMap;
use std::fmt;

use crate::business::Kbli;
use crate::errors::{ErrorCode, coded_error};
use crate::nik::Nik;
use crate::region::Kelurahan;
use crate::text::{BusinessLocation, PersonName, Street, text_newtype};

coded_error! {
    /// Rules across the roster's rows.
    pub enum RosterError {
        /// The NIK is on an earlier row too.
        DuplicateNik => "roster.duplicate_nik", "this NIK is already on an earlier row";
    }
}

/// A column of the roster file: its name in reports and the header spellings accepted for it
/// (compared without case, spaces, dots, dashes or underscores: `Jenis Usaha` = `jenis_usaha`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RosterColumn {
    /// The column's name in reports.
    pub name: &'static str,
    /// Accepted header spellings.
    pub headers: &'static [&'static str],
}

/// The four columns a roster must have, in [`RosterRow`] order. Other columns are ignored.
pub const ROSTER_COLUMNS: [RosterColumn; 4] = [
    RosterColumn {
        name: "nik",
        headers: &["nik", "no nik", "nomor induk kependudukan"],
    },
    RosterColumn {
        name: "nama",
        headers: &["nama", "nama lengkap", "name", "full name"],
    },
    RosterColumn {
        name: "kelurahan",
        headers: &["kelurahan", "desa/kelurahan", "kelurahan/desa"],
    },
    RosterColumn {
        name: "jenis_usaha",
        headers: &[
            "jenis usaha",
            "bidang usaha",
            "usaha",
            "business type",
            "kbli",
        ],
    },
];

/// Columns a roster may have, in [`RosterRow`] order after the required four: the address, and
/// the market or place of business. An empty cell (or no such column) is no value. Spellings are
/// tried in order, so `Alamat` is the address even when `Alamat Usaha` is there too.
pub const OPTIONAL_ROSTER_COLUMNS: [RosterColumn; 2] = [
    RosterColumn {
        name: "alamat",
        headers: &[
            "alamat",
            "alamat lengkap",
            "alamat rumah",
            "alamat ktp",
            "address",
        ],
    },
    RosterColumn {
        name: "pasar",
        headers: &[
            "pasar",
            "nama pasar",
            "lokasi usaha",
            "tempat usaha",
            "lokasi",
            "alamat usaha",
            "market",
            "location",
        ],
    },
];

/// Header text reduced to letters and digits, for comparing spellings.
fn header_key(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Where each of [`ROSTER_COLUMNS`] is in a header row, or the names of the missing ones.
pub fn locate_columns<'a>(
    header: impl IntoIterator<Item = &'a str>,
) -> Result<[usize; 4], Vec<&'static str>> {
    let keys: Vec<String> = header.into_iter().map(header_key).collect();
    let mut found = [0; 4];
    let mut missing = Vec::new();
    for (slot, column) in found.iter_mut().zip(ROSTER_COLUMNS) {
        match keys
            .iter()
            .position(|k| column.headers.iter().any(|h| header_key(h) == *k))
        {
            Some(index) => *slot = index,
            None => missing.push(column.name),
        }
    }
    if missing.is_empty() {
        Ok(found)
    } else {
        Err(missing)
    }
}

/// Where each of [`OPTIONAL_ROSTER_COLUMNS`] is in a header row, if it is there: the first
/// spelling found wins.
pub fn locate_optional_columns<'a>(
    header: impl IntoIterator<Item = &'a str>,
) -> [Option<usize>; 2] {
    let keys: Vec<String> = header.into_iter().map(header_key).collect();
    OPTIONAL_ROSTER_COLUMNS.map(|column| {
        column
            .headers
            .iter()
            .find_map(|h| keys.iter().position(|k| *k == header_key(h)))
    })
}

text_newtype! {
    /// A business type as the city's list writes it (`Kuliner`, `Warung makan`), 2–100
    /// characters. A KBLI code from [`crate::business::KBLI_LIST`] becomes its Indonesian label,
    /// so `56102` and `Warung makan / rumah makan` count together.
    RosterBusinessType, 2..=100
}

impl RosterBusinessType {
    /// A listed KBLI code as its label; anything else as cleaned text.
    pub fn read(input: &str) -> Result<RosterBusinessType, crate::text::TextError> {
        match Kbli::from_code(input) {
            Some(kbli) => RosterBusinessType::parse(kbli.label_id()),
            None => RosterBusinessType::parse(input),
        }
    }
}

/// One row of the roster file as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RosterRow {
    /// NIK.
    pub nik: String,
    /// Full name.
    pub full_name: String,
    /// Kelurahan code or name.
    pub kelurahan: String,
    /// Business type in words or a KBLI code.
    pub business_type: String,
    /// Address; empty when the roster has none.
    pub address: String,
    /// Market or place of business; empty when the roster has none.
    pub market: String,
}

/// One known micro-business actor. `Debug` shows only the masked NIK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    /// NIK: how registrations are matched to the roster.
    pub nik: Nik,
    /// Full name.
    pub full_name: PersonName,
    /// Kelurahan.
    pub kelurahan: Kelurahan,
    /// Business type.
    pub business_type: RosterBusinessType,
    /// Address, when the roster has one.
    pub address: Option<Street>,
    /// Market or place of business, when the roster has one.
    pub market: Option<BusinessLocation>,
}

/// What is wrong with one cell of a row: the column, the stable code and an English message.
/// Never the cell's content: the report may be printed or mailed, and a NIK is personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    /// The column's name (see [`ROSTER_COLUMNS`]).
    pub column: &'static str,
    /// The rule's code, one of [`crate::ALL_ERROR_CODES`].
    pub code: &'static str,
    /// What the rule says, in English.
    pub message: String,
}

/// A bad row: its line in the file (the header is line 1) and every problem in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// Line number in the file.
    pub line: usize,
    /// Every problem, in column order.
    pub problems: Vec<CellProblem>,
}

impl fmt::Display for BadRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}:", self.line)?;
        for (i, p) in self.problems.iter().enumerate() {
            let sep = if i == 0 { " " } else { "; " };
            write!(f, "{sep}{}: {} ({})", p.column, p.message, p.code)?;
        }
        Ok(())
    }
}

/// Parses a cell, recording a problem when it does not parse.
fn cell<T, E: ErrorCode + fmt::Display>(
    problems: &mut Vec<CellProblem>,
    column: &'static str,
    result: Result<T, E>,
) -> Option<T> {
    result
        .map_err(|e| {
            problems.push(CellProblem {
                column,
                code: e.code(),
                message: e.to_string(),
            })
        })
        .ok()
}

/// An optional cell: none when blank, else parsed like any other.
fn optional_cell<T, E: ErrorCode + fmt::Display>(
    problems: &mut Vec<CellProblem>,
    column: &'static str,
    text: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<Option<T>, ()> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    cell(problems, column, parse(text)).map(Some).ok_or(())
}

impl RosterRow {
    /// Checks one row on its own: the entry, or every problem in it.
    pub fn validate(&self) -> Result<RosterEntry, Vec<CellProblem>> {
        let [nik, name, kelurahan, business] = ROSTER_COLUMNS.map(|c| c.name);
        let [address, market] = OPTIONAL_ROSTER_COLUMNS.map(|c| c.name);
        let mut problems = Vec::new();
        let entry = (
            cell(&mut problems, nik, Nik::parse(&self.nik)),
            cell(&mut problems, name, PersonName::parse(&self.full_name)),
            cell(&mut problems, kelurahan, Kelurahan::parse(&self.kelurahan)),
            cell(
                &mut problems,
                business,
                RosterBusinessType::read(&self.business_type),
            ),
            optional_cell(&mut problems, address, &self.address, Street::parse),
            optional_cell(&mut problems, market, &self.market, BusinessLocation::parse),
        );
        match entry {
            (
                Some(nik),
                Some(full_name),
                Some(kelurahan),
                Some(business_type),
                Ok(address),
                Ok(market),
            ) => Ok(RosterEntry {
                nik,
                full_name,
                kelurahan,
                business_type,
                address,
                market,
            }),
            _ => Err(problems),
        }
    }
}

/// Checks a whole roster, given each row with its line number: every entry, or every bad row
/// (including a NIK that an earlier row already has).
pub fn check_roster(
    rows: impl IntoIterator<Item = (usize, RosterRow)>,
) -> Result<Vec<RosterEntry>, Vec<BadRow>> {
    let mut entries = Vec::new();
    let mut bad = Vec::new();
    let mut first_line: HashMap<Nik, usize> = HashMap::new();
    for (line, row) in rows {
        match row.validate() {
            Ok(entry) => {
                if first_line.insert(entry.nik, line).is_some() {
                    let e = RosterError::DuplicateNik;
                    bad.push(BadRow {
                        line,
                        problems: vec![CellProblem {
                            column: ROSTER_COLUMNS[0].name,
                            code: e.code(),
                            message: e.to_string(),
                        }],
                    });
                } else {
                    entries.push(entry);
                }
            }
            Err(problems) => bad.push(BadRow { line, problems }),
        }
    }
    if bad.is_empty() {
        Ok(entries)
    } else {
        Err(bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NIK_A: &str = "3576014506900001";
    const NIK_B: &str = "3576011203850002";

    fn row(nik: &str, name: &str, kelurahan: &str, business: &str) -> RosterRow {
        RosterRow {
            nik: nik.into(),
            full_name: name.into(),
            kelurahan: kelurahan.into(),
            business_type: business.into(),
            ..RosterRow::default()
        }
    }

    #[test]
    fn headers_are_found_in_any_order_and_spelling() {
        let header = [
            "No",
            "Nama Lengkap",
            "NIK",
            "Jenis_Usaha",
            "KELURAHAN",
            "Alamat",
        ];
        assert_eq!(locate_columns(header), Ok([2, 1, 4, 3]));
    }

    #[test]
    fn the_address_and_market_columns_are_found_in_the_spellings_city_lists_use() {
        assert_eq!(
            locate_optional_columns(["NIK", "Nama", "ALAMAT", "Nama Pasar"]),
            [Some(2), Some(3)]
        );
        assert_eq!(
            locate_optional_columns(["Lokasi Usaha", "Alamat Usaha", "Alamat"]),
            [Some(2), Some(0)],
            "the first spelling listed wins"
        );
        assert_eq!(locate_optional_columns(["NIK", "Nama"]), [None, None]);
    }

    #[test]
    fn an_address_and_market_are_kept_when_given_and_checked_like_any_cell() {
        let mut with = row(NIK_A, "Siti Aminah", "Kauman", "Kuliner");
        with.address = " Jl. Mawar No. 3 ".into();
        with.market = "Pasar Tanjung Anyar".into();
        let entry = with.validate().unwrap();
        assert_eq!(entry.address.unwrap().as_str(), "Jl. Mawar No. 3");
        assert_eq!(entry.market.unwrap().as_str(), "Pasar Tanjung Anyar");
        let without = row(NIK_A, "Siti Aminah", "Kauman", "Kuliner")
            .validate()
            .unwrap();
        assert_eq!((without.address, without.market), (None, None));
        with.market = "x".repeat(101);
        let problems = with.validate().unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].column, "pasar");
    }

    #[test]
    fn missing_columns_are_all_named() {
        assert_eq!(
            locate_columns(["nik", "alamat"]),
            Err(vec!["nama", "kelurahan", "jenis_usaha"])
        );
    }

    #[test]
    fn a_good_roster_gives_every_entry() {
        let entries = check_roster([
            (2, row(NIK_A, "Siti Aminah", "Kauman", "Kuliner")),
            (3, row(NIK_B, "Budi", "35.76.01.1006", "56102")),
        ])
        .unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].kelurahan.name(), "Prajuritkulon");
        assert_eq!(
            entries[1].business_type.as_str(),
            "Warung makan / rumah makan"
        );
    }

    #[test]
    fn every_bad_row_is_reported_with_every_problem_and_no_personal_data() {
        let bad = check_roster([
            (2, row(NIK_A, "Siti Aminah", "Kauman", "Kuliner")),
            (3, row("12345", "", "Atlantis", "Kuliner")),
            (4, row(NIK_A, "Sri", "Kauman", "Jahit")),
        ])
        .unwrap_err();
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0].line, 3);
        let codes: Vec<_> = bad[0].problems.iter().map(|p| (p.column, p.code)).collect();
        assert_eq!(
            codes,
            [
                ("nik", "nik.length"),
                ("nama", "required"),
                ("kelurahan", "kelurahan.unknown")
            ]
        );
        assert_eq!(bad[1].line, 4);
        assert_eq!(bad[1].problems[0].code, "roster.duplicate_nik");
        let report = bad
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(report.starts_with("line 3: nik: "), "{report}");
        assert!(
            !report.contains(NIK_A) && !report.contains("12345"),
            "{report}"
        );
    }
}
