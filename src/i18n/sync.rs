//! Strings about sending to the city and enrolling this phone.

use super::Text;
use crate::text;

pub const SEND_NOW: Text = text!("Kirim sekarang", "Send now");
pub const SENDING: Text = text!("Mengirim", "Sending");
pub const OF: Text = text!("dari", "of");
pub const OTHER_TAB: Text = text!("Tab lain sedang mengirim.", "Another tab is sending.");
pub const RETRYING: Text = text!("Dicoba lagi otomatis.", "Retrying automatically.");
pub const NEEDS_ENROLLMENT: Text = text!(
    "Ponsel ini perlu kode pendaftaran petugas sebelum bisa mengirim. Data yang belum terkirim tetap aman di ponsel.",
    "This phone needs an officer's enrollment code before it can send. Unsent data stays safe on the phone."
);
pub const ENROLL_LINK: Text = text!("Masukkan kode pendaftaran", "Enter an enrollment code");
pub const OFFICER: Text = text!("Petugas", "Officer");

pub const ENROLL_TITLE: Text = text!("Daftarkan ponsel ini", "Enroll this phone");
pub const ENROLL_CODE: Text = text!("Kode pendaftaran", "Enrollment code");
pub const ENROLL_CODE_HINT: Text = text!(
    "Dari petugas dinas, misalnya 7KQ4M-XR2PD",
    "From the city office, e.g. 7KQ4M-XR2PD"
);
pub const DEVICE_NAME: Text = text!("Nama ponsel", "Phone name");
pub const DEVICE_NAME_HINT: Text = text!(
    "Supaya kantor tahu ponsel mana, misalnya HP Bu Sri",
    "So the office knows which phone, e.g. Sri's phone"
);
pub const ENROLL: Text = text!("Daftarkan", "Enroll");
pub const ENROLLED: Text = text!("Ponsel terdaftar untuk", "Phone enrolled for");
pub const ENROLL_OFFLINE: Text = text!(
    "Tidak ada sinyal. Coba lagi saat ada sinyal.",
    "No signal. Try again when there is a signal."
);
pub const ENROLL_BAD_CODE: Text = text!(
    "Kode tidak dikenal, sudah dipakai atau kedaluwarsa. Minta kode baru.",
    "The code is unknown, used or expired. Ask for a new one."
);
pub const ENROLL_BAD_NAME: Text = text!(
    "Isi nama ponsel (paling banyak 100 huruf).",
    "Fill in the phone name (at most 100 characters)."
);
pub const ENROLL_STORAGE_FULL: Text = text!(
    "Penyimpanan ponsel penuh, jadi kode belum dipakai. Kirim atau cadangkan data yang menunggu, lalu coba lagi dengan kode yang sama.",
    "The phone's storage is full, so the code was not used. Send or back up the waiting data, then try again with the same code."
);
pub const ENROLL_STORAGE_REFUSED: Text = text!(
    "Browser menolak menyimpan (mode penyamaran?), jadi kode belum dipakai.",
    "The browser refuses to store anything (private mode?), so the code was not used."
);
pub const ENROLLED_NOT_KEPT: Text = text!(
    "Penyimpanan ponsel penuh: pendaftaran ponsel ini hanya diingat selama aplikasi terbuka. Kosongkan ruang (kirim atau cadangkan data yang menunggu) agar tetap tersimpan.",
    "The phone's storage is full: this enrollment is only remembered while the app stays open. Free some space (send or back up the waiting data) so it is kept."
);
pub const ENROLL_FAILED: Text = text!(
    "Gagal mendaftar. Coba lagi sebentar lagi.",
    "Enrollment failed. Try again shortly."
);

/// The message for a failure of a whole request, by the code the engine stores.
pub fn failure(code: &str) -> Option<Text> {
    Some(match code {
        "sync.network" => text!(
            "Tidak ada sinyal atau koneksi terputus.",
            "No signal, or the connection dropped."
        ),
        "sync.timeout" => text!(
            "Sinyal terlalu lemah: tidak ada jawaban.",
            "Signal too weak: no answer."
        ),
        "sync.unauthorized" => text!(
            "Kode ponsel ditolak; perlu kode pendaftaran baru.",
            "This phone's code was refused; a new enrollment code is needed."
        ),
        "sync.too_large" => text!(
            "Kiriman terlalu besar; dikirim lebih sedikit.",
            "Too much at once; sending fewer."
        ),
        "sync.rate_limited" => text!(
            "Server sibuk; menunggu sebentar.",
            "The server is busy; waiting a moment."
        ),
        "sync.update_required" => text!(
            "Perbarui aplikasi: versi aplikasi ini dan server kota tidak cocok. Pendaftaran tetap menunggu di ponsel dan dikirim setelah pembaruan.",
            "Update the app: this version of the app and the city's server do not match. Registrations keep waiting on the phone and are sent after the update."
        ),
        "sync.server" => text!(
            "Server kota sedang bermasalah.",
            "The city's server has a problem."
        ),
        "rejected" => text!(
            "Ditolak kota: ada isian yang perlu diperbaiki.",
            "Refused by the city: an entry needs fixing."
        ),
        "id_conflict" => text!(
            "Kota sudah menerima pendaftaran ini dengan isi berbeda. Hubungi kantor dinas; jangan dibuat ulang.",
            "The city already has this registration with different content. Contact the office; do not re-enter it."
        ),
        "duplicate_nik" => text!(
            "NIK ini sudah terdaftar di kota (lihat nomor tanda terima).",
            "This NIK is already registered in the city (see the receipt number)."
        ),
        _ => return None,
    })
}
