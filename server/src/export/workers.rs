//! The PU hand-over list: one row per worker an owner listed, the columns as data.
//!
//! Workers are wage earners (docs/domain.md §2): the employer registers the business first for an
//! employer number (NPP), then its workers. So every row carries its employer — the owner's
//! NIK, name, business and address — and the branch can group the rows by employer. Which
//! programmes a worker gets (micro: JKK + JKM; small: JKK + JHT + JKM) depends on the business's
//! size, which the branch decides; the file does not guess it. When the branch supplies its
//! template, replace [`WORKER_COLUMNS`]: nothing else changes.

use domain::{Registration, Worker};

use super::bpu::{address_line, city, kecamatan_name, kelurahan_name};
use super::columns::{Column, column, empty, number_column};
use super::source::Received;

/// One worker as exported, with the owner's registration they were listed in.
pub struct WorkerRow {
    /// Position in the file, from 1.
    pub number: usize,
    /// The worker.
    pub worker: Worker,
    /// The owner's registration (the employer).
    pub owner: Registration,
    /// The owner's receipt number.
    pub receipt: String,
    /// When the owner's registration was received (RFC 3339, UTC).
    pub received_at: String,
}

/// The columns of the worker list, in order.
pub const WORKER_COLUMNS: &[Column<WorkerRow>] = &[
    number_column("NO", |r| r.number.to_string()),
    column("NIK", |r| r.worker.nik.to_string()),
    column("NO KPJ", empty),
    column("NAMA LENGKAP", |r| r.worker.full_name.to_string()),
    // National form (08…), as in the BPU list.
    column("NO HP", |r| {
        r.worker
            .phone
            .as_ref()
            .map(|p| p.national())
            .unwrap_or_default()
    }),
    number_column("UPAH", |r| r.worker.wage.rupiah().0.to_string()),
    column("STATUS KEPESERTAAN", |_| "PU".to_owned()),
    // The employer number the branch gives when the owner registers the business.
    column("KODE PERUSAHAAN", empty),
    column("NIK PEMBERI KERJA", |r| {
        r.owner.participant().nik().to_string()
    }),
    column("NAMA PEMBERI KERJA", |r| {
        r.owner.participant().full_name().to_string()
    }),
    column("NO HP PEMBERI KERJA", |r| {
        r.owner.participant().phone().national()
    }),
    column("NAMA PERUSAHAAN", |r| r.owner.business().name.to_string()),
    column("KBLI", |r| r.owner.business().kind.kind().to_owned()),
    column("LOKASI USAHA", |r| r.owner.business().location.to_string()),
    column("ALAMAT PEMBERI KERJA", |r| address_line(&r.owner)),
    column("KELURAHAN", |r| kelurahan_name(&r.owner)),
    column("KECAMATAN", |r| kecamatan_name(&r.owner)),
    column("KOTA/KAB", |r| city(&r.owner)),
    number_column("JUMLAH PEKERJA", |r| {
        r.owner.business().employees.to_string()
    }),
    column("NO TANDA TERIMA PEMBERI KERJA", |r| r.receipt.clone()),
    column("ID REGISTRASI PEMBERI KERJA", |r| r.owner.id().to_string()),
    column("DITERIMA", |r| r.received_at.clone()),
];

/// One row per worker of each registration, numbered from 1 in order.
pub fn rows(owners: Vec<Received>) -> Vec<WorkerRow> {
    let mut rows = Vec::new();
    for owner in owners {
        for worker in owner.registration.workers() {
            rows.push(WorkerRow {
                number: rows.len() + 1,
                worker: worker.clone(),
                owner: owner.registration.clone(),
                receipt: owner.receipt.clone(),
                received_at: owner.received_at.clone(),
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_worker_row_names_its_employer() {
        let headers: Vec<_> = WORKER_COLUMNS.iter().map(|c| c.header).collect();
        for needed in [
            "NIK",
            "NAMA LENGKAP",
            "UPAH",
            "NIK PEMBERI KERJA",
            "NAMA PEMBERI KERJA",
            "NAMA PERUSAHAAN",
            "ALAMAT PEMBERI KERJA",
        ] {
            assert!(headers.contains(&needed), "{needed}");
        }
    }
}
