//! Strings of the settings screen.

use super::Text;
use crate::text;

pub const TITLE: Text = text!("Pengaturan", "Settings");
pub const PERSISTENT: Text = text!("Penyimpanan tetap", "Persistent storage");
pub const PERSIST_GRANTED: Text = text!(
    "Diizinkan: browser tidak akan menghapus data ini saat ruang penuh.",
    "Granted: the browser will not clear this data when space runs low."
);
pub const PERSIST_NOT_GRANTED: Text = text!(
    "Belum diizinkan: pasang aplikasi ke layar utama dan kirim data sesering mungkin.",
    "Not granted: install the app to the home screen and send data as often as you can."
);
pub const PERSIST_UNKNOWN: Text = text!(
    "Belum diminta (diminta saat simpan pertama).",
    "Not asked yet (asked at the first save)."
);
pub const BACKUP: Text = text!("Cadangkan yang belum terkirim", "Back up unsent");
pub const BACKUP_WARNING: Text = text!(
    "Berkas cadangan berisi data pribadi (NIK, nama, nomor HP). Simpan hanya di tempat aman dan hapus setelah diunggah.",
    "The backup file holds personal data (NIK, names, phone numbers). Keep it somewhere safe and delete it once uploaded."
);
pub const BACKUP_DONE: Text = text!("Berkas cadangan dibuat.", "Backup file created.");
pub const BACKUP_EMPTY: Text = text!("Tidak ada yang belum terkirim.", "Nothing unsent.");
