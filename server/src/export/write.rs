//! Writing a list of columns as CSV or XLSX: the same cells either way.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::columns::Column;

/// A cell made safe for spreadsheets: a text starting with `=`, `+`, `-` or `@` (or a tab or
/// carriage return) would be read as a formula by Excel or LibreOffice (CSV injection), so it
/// gets a leading apostrophe, which spreadsheets show as text and do not display.
pub fn safe_cell(value: String) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value
    }
}

/// The CSV of these rows, header first, every cell made [`safe_cell`].
pub fn to_csv<R>(columns: &[Column<R>], rows: &[R]) -> csv::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(columns.iter().map(|c| c.header))?;
    for row in rows {
        writer.write_record(columns.iter().map(|c| safe_cell((c.value)(row))))?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// The XLSX workbook of these rows: one sheet named `sheet`, a bold frozen header row.
///
/// Text is written as string cells, which a spreadsheet never evaluates, so unlike the CSV no
/// apostrophe is needed against formulas: the branch gets the values exactly. Empty cells are
/// left blank.
pub fn to_xlsx<R>(sheet: &str, columns: &[Column<R>], rows: &[R]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(sheet)?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (c, column) in columns.iter().enumerate() {
        let c = c as u16;
        worksheet.write_string_with_format(0, c, column.header, &bold)?;
        // Wide enough for the header and a NIK; no autofit, which would walk every cell again.
        worksheet.set_column_width(c, (column.header.len() + 2).clamp(10, 30) as f64)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, column) in columns.iter().enumerate() {
            let c = c as u16;
            let value = (column.value)(row);
            if value.is_empty() {
                continue;
            }
            match value.parse::<f64>() {
                Ok(number) if column.number => worksheet.write_number(r, c, number)?,
                _ => worksheet.write_string(r, c, &value)?,
            };
        }
    }
    worksheet.set_freeze_panes(1, 0)?;
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::columns::column;

    #[test]
    fn a_cell_that_a_spreadsheet_would_run_gets_an_apostrophe() {
        for formula in ["=1+1", "+62", "-2", "@SUM(A1)", "\tx"] {
            assert_eq!(safe_cell(formula.to_owned()), format!("'{formula}"));
        }
        assert_eq!(safe_cell("Siti Aminah".to_owned()), "Siti Aminah");
    }

    #[test]
    fn a_workbook_is_a_zip_file() {
        let columns = [column("A", |s: &String| s.clone())];
        let bytes = to_xlsx("Daftar", &columns, &["x".to_owned()]).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }
}
