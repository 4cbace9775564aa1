//! Strings of the list of registrations.

use super::Text;
use crate::text;

pub const TITLE: Text = text!("Semua pendaftaran", "All registrations");
pub const SEARCH: Text = text!("Cari nama atau NIK", "Search by name or NIK");
pub const EMPTY: Text = text!("Belum ada pendaftaran.", "No registrations yet.");
pub const NO_MATCH: Text = text!("Tidak ada yang cocok.", "Nothing matches.");
pub const RESULTS: Text = text!("Pendaftaran", "Registrations");
pub const RECEIPT: Text = text!("Tanda terima", "Receipt");
pub const BACK: Text = text!("Kembali", "Back");
pub const RECEIPT_TITLE: Text = text!("Tanda terima pendaftaran", "Registration receipt");
pub const NAME: Text = text!("Nama", "Name");
pub const KELURAHAN: Text = text!("Kelurahan", "Kelurahan");
pub const STATE: Text = text!("Status", "Status");
pub const STARTED: Text = text!("Dimulai", "Started");
pub const CONFIRMED: Text = text!("Diterima kota", "Received by the city");
pub const NOT_FOUND: Text = text!(
    "Pendaftaran ini tidak ada di ponsel ini.",
    "This registration is not on this phone."
);
pub const READ_ONLY: Text = text!(
    "Data pribadi sudah dihapus dari ponsel ini setelah diterima kota; yang tersisa hanya tanda terima.",
    "Personal data was removed from this phone once the city received it; only the receipt remains."
);
pub const CORRECTION: Text = text!(
    "Perlu koreksi? Pendaftaran ini sudah diterima kota dan tidak bisa diubah dari ponsel. Hubungi staf Dinas Koperasi, UKM, Perindustrian dan Perdagangan Kota Mojokerto atau BPJS Ketenagakerjaan Cabang Mojokerto, dengan menyebut nomor tanda terima",
    "Need a correction? The city already holds this registration; it cannot be changed from the phone. Ask the staff of Kota Mojokerto's Dinas Koperasi, UKM, Perindustrian dan Perdagangan or the BPJS Ketenagakerjaan Mojokerto branch, quoting receipt number"
);
pub const CORRECTION_END: Text = text!("Jangan didaftarkan ulang.", "Do not register it again.");
pub const EDIT_REFUSED: Text = text!(
    "Perubahan terakhir tidak disimpan: pendaftaran ini sudah dikirim ke kota.",
    "Your last change was not saved: this registration had already been sent to the city."
);
