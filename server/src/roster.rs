//! The city's roster: reading its CSV file and replacing the stored list with it.
//!
//! The rules for a row are the domain crate's ([`domain::roster`]); this module only reads the
//! file the way the city's spreadsheets write it (a UTF-8 byte-order mark, `,` or `;` between
//! cells) and stores the result in one transaction, so a refused or failed import leaves the
//! earlier roster exactly as it was.

use std::fmt;

use domain::roster::{BadRow, RosterEntry, RosterRow, check_roster, locate_columns};

use crate::db::Db;

/// Rows per INSERT statement: 5 parameters each keeps a statement far below SQLite's 32,766 and
/// PostgreSQL's 65,535 bound parameters, and 32,051 rows take 33 round trips instead of 32,051.
const ROWS_PER_INSERT: usize = 1_000;

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
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(unreadable)?;
        // Spreadsheets often save trailing rows of empty cells (`;;;`): nothing to check.
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line()) as usize;
        let cell = |i: usize| record.get(columns[i]).unwrap_or_default().to_owned();
        rows.push((
            line,
            RosterRow {
                nik: cell(0),
                full_name: cell(1),
                kelurahan: cell(2),
                business_type: cell(3),
            },
        ));
    }
    check_roster(rows).map_err(Refusal::BadRows)
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    /// Entries now on the roster.
    pub entries: usize,
    /// Of those, how many already have a registration (matched by NIK).
    pub registered: i64,
}

/// Replaces the whole roster with `entries` in one transaction: the city's list is the current
/// list, and a failure half-way leaves the earlier one in place.
pub async fn replace(db: &Db, entries: &[RosterEntry]) -> anyhow::Result<Imported> {
    let mut tx = db.pool.begin().await?;
    sqlx::query("DELETE FROM roster").execute(&mut *tx).await?;
    for chunk in entries.chunks(ROWS_PER_INSERT) {
        let placeholders: Vec<String> = (0..chunk.len())
            .map(|i| {
                let n = i * 5;
                format!(
                    "(${}, ${}, ${}, ${}, ${})",
                    n + 1,
                    n + 2,
                    n + 3,
                    n + 4,
                    n + 5
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO roster (nik, full_name, kelurahan_code, kecamatan_code, business_type) \
             VALUES {}",
            placeholders.join(", ")
        );
        // Only placeholders are formatted into the statement; every value is bound.
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for entry in chunk {
            query = query
                .bind(entry.nik.as_str().to_owned())
                .bind(entry.full_name.as_str().to_owned())
                .bind(entry.kelurahan.code())
                .bind(entry.kelurahan.kecamatan().code())
                .bind(entry.business_type.as_str().to_owned());
        }
        query.execute(&mut *tx).await?;
    }
    let (registered,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM roster r JOIN registrations g ON g.nik = r.nik")
            .fetch_one(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(Imported {
        entries: entries.len(),
        registered,
    })
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
