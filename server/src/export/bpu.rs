//! The BPU hand-over list: one row per registration, the columns as data.
//!
//! No official BPU bulk-upload template was found (docs/domain.md §9); the columns below follow the
//! "pendaftaran baru" layout a public HR tool lists for BPJS Ketenagakerjaan, then add what
//! Lindungi knows and that layout has no place for (receipt, KBLI, business name…). When the
//! branch supplies its real template, replace [`COLUMNS`]: nothing else changes.

use domain::{Address, Registration};

use super::columns::{Column, column, date, empty, number_column, yes_no};
use super::source::Received;

/// One registration as exported: the validated record and what the city added to it.
pub struct ExportRow {
    /// Position in the file, from 1.
    pub number: usize,
    /// The registration.
    pub registration: Registration,
    /// Its receipt number.
    pub receipt: String,
    /// When it was received (RFC 3339, UTC).
    pub received_at: String,
}

/// One row per registration, numbered from 1 in order.
pub fn rows(received: Vec<Received>) -> Vec<ExportRow> {
    received
        .into_iter()
        .enumerate()
        .map(|(i, r)| ExportRow {
            number: i + 1,
            registration: r.registration,
            receipt: r.receipt,
            received_at: r.received_at,
        })
        .collect()
}

/// The address as one line, as the hand-over's ALAMAT column writes it.
pub(super) fn address_line(registration: &Registration) -> String {
    match registration.address() {
        Address::InCity { street, rt, rw, .. } => format!("{street} RT {rt} RW {rw}"),
        Address::OutsideCity { street, .. } => street.to_string(),
    }
}

/// The kelurahan's name, empty outside the city.
pub(super) fn kelurahan_name(registration: &Registration) -> String {
    registration
        .address()
        .kelurahan()
        .map(|k| k.name().to_owned())
        .unwrap_or_default()
}

/// The kecamatan's name, empty outside the city.
pub(super) fn kecamatan_name(registration: &Registration) -> String {
    registration
        .address()
        .kecamatan()
        .map(|k| k.name().to_owned())
        .unwrap_or_default()
}

/// The city or regency.
pub(super) fn city(registration: &Registration) -> String {
    match registration.address() {
        Address::InCity { .. } => "Kota Mojokerto".to_owned(),
        Address::OutsideCity { city, .. } => city.to_string(),
    }
}

/// The columns of the export, in order.
pub const COLUMNS: &[Column<ExportRow>] = &[
    number_column("NO", |r| r.number.to_string()),
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
    column("ALAMAT", |r| address_line(&r.registration)),
    column("KELURAHAN", |r| kelurahan_name(&r.registration)),
    column("KECAMATAN", |r| kecamatan_name(&r.registration)),
    column("KOTA/KAB", |r| city(&r.registration)),
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
    // A BPU participant's wage is the declared monthly income.
    number_column("UPAH", |r| {
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
    column("NO TANDA TERIMA", |r| r.receipt.clone()),
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
    column("DITERIMA", |r| r.received_at.clone()),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_columns_start_with_the_bpjs_layout() {
        let headers: Vec<_> = COLUMNS.iter().map(|c| c.header).collect();
        assert_eq!(&headers[..4], ["NO", "NIK", "NO KPJ", "NAMA LENGKAP"]);
        assert!(headers.contains(&"NPWP PERUSAHAAN"));
    }
}
