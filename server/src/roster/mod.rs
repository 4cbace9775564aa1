//! The city's roster: reading its CSV file and replacing the stored list with it.
//!
//! The rules for a row are the domain crate's ([`domain::roster`]); this module only reads the
//! file the way the city's spreadsheets write it (a UTF-8 byte-order mark, `,` or `;` between
//! cells). [`replace`] stores the result in one transaction, so a refused or failed import
//! leaves the earlier roster exactly as it was, and records what changed for the officers'
//! worklists.

mod replace;

use std::fmt;

use domain::roster::{
    BadRow, RosterEntry, RosterRow, check_roster, locate_columns, locate_optional_columns,
};

pub use replace::{Imported, replace};

/// Why a roster file was refused. Never holds a cell's content: the report is printed and may
/// be mailed, and a NIK or a name is personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The file has no header row.
    Empty,
    /// Required columns are not in the header row.
    MissingColumns(Vec<&'static str>),
    /// The file cannot be read as CSV at this line (not UTF-8, a broken quote).
    Unreadable {
        /// Line number in the file.
        line: u64,
        /// What is wrong, without the content.
        reason: String,
    },
    /// Rows that break the rules: every one of them.
    BadRows(Vec<BadRow>),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Empty => write!(f, "the file is empty: no header row"),
            Refusal::MissingColumns(missing) => write!(
                f,
                "missing columns: {} (the header row must name nik, nama, kelurahan and jenis_usaha)",
                missing.join(", ")
            ),
            Refusal::Unreadable { line, reason } => write!(f, "line {line}: {reason}"),
            Refusal::BadRows(rows) => {
                for (i, row) in rows.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{row}")?;
                }
                Ok(())
            }
        }
    }
}

/// The cell separator of a file: `;` when the header row has more of them than commas
/// (Excel in an Indonesian locale saves "CSV" with semicolons, since the comma is the decimal
/// separator there), else `,`.
fn delimiter(text: &[u8]) -> u8 {
    let header = text.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |c: u8| header.iter().filter(|b| **b == c).count();
    if count(b';') > count(b',') {
        b';'
    } else {
        b','
    }
}

/// Reads and checks a roster file: every entry, or why the whole file is refused.
pub fn read(file: &[u8]) -> Result<Vec<RosterEntry>, Refusal> {
    let text = file.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(file);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        // A short row is read as it is; its missing cells are reported as empty.
        .flexible(true)
        .has_headers(false)
        .from_reader(text);
    let unreadable = |e: csv::Error| Refusal::Unreadable {
        line: e.position().map_or(0, |p| p.line()),
        reason: match e.kind() {
            csv::ErrorKind::Utf8 { .. } => {
                "not UTF-8 text; save the file as \"CSV UTF-8\"".to_owned()
            }
            _ => "not readable as CSV".to_owned(),
        },
    };
    let mut records = reader.records();
    let header = match records.next() {
        Some(header) => header.map_err(unreadable)?,
        None => return Err(Refusal::Empty),
    };
    let columns = locate_columns(header.iter()).map_err(Refusal::MissingColumns)?;
    let [address, market] = locate_optional_columns(header.iter());
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(unreadable)?;
        // Spreadsheets often save trailing rows of empty cells (`;;;`): nothing to check.
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line()) as usize;
        let at = |column: Option<usize>| {
            column
                .and_then(|c| record.get(c))
                .unwrap_or_default()
                .to_owned()
        };
        let cell = |i: usize| at(Some(columns[i]));
        rows.push((
            line,
            RosterRow {
                nik: cell(0),
                full_name: cell(1),
                kelurahan: cell(2),
                business_type: cell(3),
                address: at(address),
                market: at(market),
            },
        ));
    }
    check_roster(rows).map_err(Refusal::BadRows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_in_the_header_make_a_semicolon_file() {
        assert_eq!(delimiter(b"NIK;Nama;Kelurahan;Jenis Usaha\n1,2;3"), b';');
        assert_eq!(delimiter(b"nik,nama,kelurahan,jenis_usaha\n"), b',');
    }

    #[test]
    fn a_file_without_a_header_is_refused_as_empty() {
        assert_eq!(read(b""), Err(Refusal::Empty));
        assert_eq!(read(b"\xEF\xBB\xBF"), Err(Refusal::Empty));
    }

    #[test]
    fn a_file_that_is_not_utf8_names_its_line() {
        let file = b"nik,nama,kelurahan,jenis_usaha\n3576014506900001,Sri \xE9,Kauman,Kuliner\n";
        match read(file) {
            Err(Refusal::Unreadable { line, reason }) => {
                assert_eq!(line, 2);
                assert!(reason.contains("UTF-8"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }
}
