//! The hand-over file for the BPJS branch: the CSV columns, as data.
//!
//! No official BPU bulk-upload template was found (DOMAIN.md §9); the columns below follow the
//! "pendaftaran baru" layout a public HR tool lists for BPJS Ketenagakerjaan, then add what
//! Lindungi knows and that layout has no place for (receipt, KBLI, business name…). When the
//! branch supplies its real template, replace [`COLUMNS`]: nothing else changes.

use domain::{Address, Date, Registration};

/// One registration as exported: the validated record and what the city added to it.
pub struct ExportRow<'a> {
    /// Position in the file, from 1.
    pub number: usize,
    /// The registration.
    pub registration: &'a Registration,
    /// Its receipt number.
    pub receipt: &'a str,
    /// When it was received (RFC 3339, UTC).
    pub received_at: &'a str,
}

/// A column: its header and how to fill it.
pub struct Column {
    /// The header cell.
    pub header: &'static str,
    /// The cell of a row.
    pub value: fn(&ExportRow<'_>) -> String,
}

const fn column(header: &'static str, value: fn(&ExportRow<'_>) -> String) -> Column {
    Column { header, value }
}

fn empty(_: &ExportRow<'_>) -> String {
    String::new()
}

/// `DD-MM-YYYY`, as Indonesian forms write dates.
fn date(d: Date) -> String {
    format!("{:02}-{:02}-{:04}", d.day(), d.month(), d.year())
}

fn yes_no(b: bool) -> String {
    if b { "Y" } else { "N" }.to_owned()
}

/// The columns of the export, in order.
pub const COLUMNS: &[Column] = &[
    column("NO", |r| r.number.to_string()),
    column("NIK", |r| r.registration.participant().nik().to_string()),
    // The KPJ number is given by BPJS on registration: empty in a registration file.
    column("NO KPJ", empty),
    column("NAMA LENGKAP", |r| {
        r.registration.participant().full_name().to_string()
    }),
    column("TEMPAT LAHIR", |r| {
        r.registration.participant().place_of_birth().to_string()
    }),
    column("TANGGAL LAHIR", |r| {
        date(r.registration.participant().birth_date())
    }),
    column("JENIS KELAMIN (L/P)", |r| {
        r.registration.participant().sex().code().to_owned()
    }),
    // Not asked by the form (BPU registration does not need it).
    column("STATUS PERKAWINAN", empty),
    column("ALAMAT", |r| match r.registration.address() {
        Address::InCity { street, rt, rw, .. } => format!("{street} RT {rt} RW {rw}"),
        Address::OutsideCity { street, .. } => street.to_string(),
    }),
    column("KELURAHAN", |r| {
        r.registration
            .address()
            .kelurahan()
            .map(|k| k.name().to_owned())
            .unwrap_or_default()
    }),
    column("KECAMATAN", |r| {
        r.registration
            .address()
            .kecamatan()
            .map(|k| k.name().to_owned())
            .unwrap_or_default()
    }),
    column("KOTA/KAB", |r| match r.registration.address() {
        Address::InCity { .. } => "Kota Mojokerto".to_owned(),
        Address::OutsideCity { city, .. } => city.to_string(),
    }),
    column("PROVINSI", |r| match r.registration.address() {
        Address::InCity { .. } => "Jawa Timur".to_owned(),
        Address::OutsideCity { .. } => String::new(),
    }),
    column("KODE POS", empty),
    // National form (08…): what BPJS forms expect, and no leading "+" for spreadsheets.
    column("NO HP", |r| r.registration.participant().phone().national()),
    column("EMAIL", |r| {
        r.registration
            .participant()
            .email()
            .map(ToString::to_string)
            .unwrap_or_default()
    }),
    column("NAMA IBU KANDUNG", |r| {
        r.registration
            .participant()
            .mother_maiden_name()
            .map(ToString::to_string)
            .unwrap_or_default()
    }),
    // A wage earner's start date; a BPU participant has none.
    column("TGL MULAI BEKERJA", empty),
    column("UPAH", |r| {
        r.registration.coverage().income.rupiah().0.to_string()
    }),
    column("STATUS KEPESERTAAN", |_| "BPU".to_owned()),
    column("JHT", |r| yes_no(r.registration.coverage().jht)),
    column("JKK", |_| "Y".to_owned()),
    column("JKM", |_| "Y".to_owned()),
    // BPU participants have no pension program (JP).
    column("JP (Y/N)", |_| "N".to_owned()),
    column("KODE PERUSAHAAN", empty),
    // The wadah: the koperasi the participant registered through.
    column("NAMA PERUSAHAAN", |r| {
        r.registration
            .koperasi()
            .map(|k| k.wadah.name.to_string())
            .unwrap_or_default()
    }),
    column("NPWP PERUSAHAAN", empty),
    // Lindungi's own columns.
    column("NO TANDA TERIMA", |r| r.receipt.to_owned()),
    column("ID REGISTRASI", |r| r.registration.id().to_string()),
    column("KBLI", |r| r.registration.business().kind.kind().to_owned()),
    column("NAMA USAHA", |r| r.registration.business().name.to_string()),
    column("NO ANGGOTA KOPERASI", |r| {
        r.registration
            .koperasi()
            .and_then(|k| k.member_number.as_ref())
            .map(ToString::to_string)
            .unwrap_or_default()
    }),
    column("BULAN MULAI IURAN", |r| {
        r.registration.coverage().start_month.to_string()
    }),
    column("PERIODE BAYAR (BULAN)", |r| {
        r.registration.coverage().period.months().to_string()
    }),
    column("DITERIMA", |r| r.received_at.to_owned()),
];

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

/// The CSV of these rows, header first.
pub fn to_csv<'a>(rows: impl IntoIterator<Item = ExportRow<'a>>) -> csv::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS.iter().map(|c| c.header))?;
    for row in rows {
        writer.write_record(COLUMNS.iter().map(|c| safe_cell((c.value)(&row))))?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_that_a_spreadsheet_would_run_gets_an_apostrophe() {
        for formula in ["=1+1", "+62", "-2", "@SUM(A1)", "\tx"] {
            assert_eq!(safe_cell(formula.to_owned()), format!("'{formula}"));
        }
        assert_eq!(safe_cell("Siti Aminah".to_owned()), "Siti Aminah");
    }

    #[test]
    fn the_columns_start_with_the_bpjs_layout() {
        let headers: Vec<_> = COLUMNS.iter().map(|c| c.header).collect();
        assert_eq!(&headers[..4], ["NO", "NIK", "NO KPJ", "NAMA LENGKAP"]);
        assert!(headers.contains(&"NPWP PERUSAHAAN"));
    }
}
