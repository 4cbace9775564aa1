//! A hand-over list's columns as data: a header and how to fill the cell from a row.

use domain::Date;

/// A column: its header and how to fill it from a row of type `R`.
pub struct Column<R> {
    /// The header cell.
    pub header: &'static str,
    /// The cell of a row.
    pub value: fn(&R) -> String,
    /// Written to XLSX as a number (a count or rupiah) rather than text. Everything else is
    /// text, so a NIK or a phone number never loses its leading zero or turns into 3.57E+15.
    pub number: bool,
}

/// A text column.
pub const fn column<R>(header: &'static str, value: fn(&R) -> String) -> Column<R> {
    Column {
        header,
        value,
        number: false,
    }
}

/// A numeric column.
pub const fn number_column<R>(header: &'static str, value: fn(&R) -> String) -> Column<R> {
    Column {
        header,
        value,
        number: true,
    }
}

/// A column this file leaves empty (the branch fills it, or Lindungi does not ask for it).
pub fn empty<R>(_: &R) -> String {
    String::new()
}

/// `DD-MM-YYYY`, as Indonesian forms write dates.
pub fn date(d: Date) -> String {
    format!("{:02}-{:02}-{:04}", d.day(), d.month(), d.year())
}

/// `Y` or `N`, as the layout writes programs.
pub fn yes_no(b: bool) -> String {
    if b { "Y" } else { "N" }.to_owned()
}
