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
    "Berkas cadangan dikunci untuk server kota: hanya kota yang dapat membukanya. Serahkan berkas ini ke petugas kota bila pendaftaran tidak dapat dikirim dari ponsel ini.",
    "The backup file is locked for the city's server: only the city can open it. Hand it to the city's staff when registrations cannot be sent from this phone."
);
/// After the number of registrations in the file.
pub const BACKUP_DONE: Text = text!(
    "pendaftaran ada di berkas cadangan.",
    "registrations are in the backup file."
);
pub const BACKUP_EMPTY: Text = text!("Tidak ada yang belum terkirim.", "Nothing unsent.");
pub const BACKUP_NO_CITY_KEY: Text = text!(
    "Cadangan belum bisa dibuat: ponsel ini belum menerima kunci kota. Daftarkan ponsel ini, atau kirim sekali saat ada sinyal, lalu coba lagi.",
    "No backup yet: this phone has not received the city's key. Enroll this phone, or send once when there is signal, then try again."
);
pub const BACKUP_NOT_WRAPPED: Text = text!(
    "Cadangan belum bisa dibuat: kunci ponsel ini belum disiapkan untuk kota. Kirim sekali saat ada sinyal, lalu coba lagi.",
    "No backup yet: this phone's key is not yet prepared for the city. Send once when there is signal, then try again."
);
pub const BACKUP_FAILED: Text = text!(
    "Browser ini tidak dapat membuat berkas cadangan.",
    "This browser could not make the backup file."
);
/// Before the date the last backup was made.
pub const BACKUP_LAST: Text = text!("Cadangan terakhir:", "Last backup:");
pub const WIPE: Text = text!("Hapus data ponsel", "Erase phone data");
pub const WIPE_EXPLAIN: Text = text!(
    "Menghapus semua pendaftaran, koperasi, dan pendaftaran ponsel ini dari ponsel, misalnya sebelum ponsel dipinjamkan. Hanya bisa setelah semuanya terkirim atau ada di berkas cadangan.",
    "Removes every registration, the koperasi and this phone's enrollment from the phone, e.g. before lending it. Only possible once everything is sent or in a backup file."
);
/// After the number of registrations not backed up.
pub const WIPE_REFUSED: Text = text!(
    "pendaftaran belum terkirim dan tidak ada di cadangan terakhir (atau berubah sesudahnya). Cadangkan dulu, lalu hapus.",
    "registrations are unsent and not in the last backup (or changed since). Back up first, then erase."
);
pub const WIPE_CONFIRM: Text = text!(
    "Hapus semua data Lindungi di ponsel ini? Tidak dapat dibatalkan.",
    "Erase all Lindungi data on this phone? This cannot be undone."
);
pub const WIPE_YES: Text = text!("Ya, hapus semua", "Yes, erase everything");
pub const WIPE_NO: Text = text!("Batal", "Cancel");
pub const WIPE_FAILED: Text = text!(
    "Browser ini tidak dapat memeriksa cadangan: tidak ada yang dihapus.",
    "This browser could not check the backup: nothing was erased."
);
