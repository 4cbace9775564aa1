//! Strings of the home screen.

use super::Text;
use crate::text;

pub const TITLE: Text = text!("Beranda", "Home");
pub const NEW_REGISTRATION: Text = text!("Daftar baru", "New registration");
pub const DRAFTS: Text = text!("Draf", "Drafts");
pub const WAITING: Text = text!("Menunggu dikirim", "Waiting to send");
pub const SENT: Text = text!("Terkirim", "Sent");
pub const NEEDS_FIX: Text = text!("Perlu diperbaiki", "Needs fixing");
pub const COUNTS: Text = text!("Pendaftaran di ponsel ini", "Registrations on this phone");
pub const LAST_SYNC: Text = text!("Terakhir terkirim", "Last sent");
pub const NEVER: Text = text!("Belum pernah", "Never");
pub const STORAGE_USED: Text = text!("Penyimpanan terpakai", "Storage used");
pub const OF_ABOUT: Text = text!("dari sekitar", "of about");
pub const QUARANTINED: Text = text!(
    "entri tidak terbaca dan disimpan terpisah. Jangan hapus data situs; buat cadangan di Pengaturan.",
    "entries could not be read and are kept aside. Do not clear site data; make a backup in Settings."
);
pub const CONTINUE_DRAFTS: Text = text!("Lanjutkan draf", "Continue a draft");
pub const ALL_REGISTRATIONS: Text = text!("Semua pendaftaran", "All registrations");
pub const SETTINGS: Text = text!("Pengaturan", "Settings");
pub const UNNAMED: Text = text!("(belum ada nama)", "(no name yet)");
pub const KOPERASI: Text = text!("Koperasi", "Koperasi");
pub const THROUGH_KOPERASI: Text = text!(
    "Pendaftaran baru lewat koperasi",
    "New registrations go through the koperasi"
);
pub const CHANGE_KOPERASI: Text = text!("Ganti", "Change");
pub const WORKLIST: Text = text!("Belum terdaftar", "Not yet registered");
