//! Strings of the worklist screen ("Belum terdaftar").

use super::Text;
use crate::text;

pub const TITLE: Text = text!("Belum terdaftar", "Not yet registered");
pub const LEFT: Text = text!(
    "orang di wilayah Anda belum terdaftar",
    "people in your area are not registered yet"
);
pub const SEARCH: Text = text!(
    "Cari nama atau angka terakhir NIK",
    "Search by name or the last digits of the NIK"
);
pub const FOUND: Text = text!("ditemukan", "found");
pub const NO_MATCH: Text = text!("Tidak ada yang cocok.", "Nothing matches.");
pub const ALL_DONE: Text = text!(
    "Semua orang di daftar wilayah Anda sudah terdaftar.",
    "Everyone on your area's list is registered."
);
pub const NO_PLACE: Text = text!("Tanpa pasar atau alamat", "No market or address");
pub const ENTRIES: Text = text!("Daftar", "List");
pub const DRAFT: Text = text!("Draf di ponsel ini", "Draft on this phone");
pub const UPDATED: Text = text!("Diperbarui", "Updated");
pub const REFRESH: Text = text!("Perbarui sekarang", "Update now");
pub const REFRESHING: Text = text!("Memperbarui…", "Updating…");
pub const REFRESH_FAILED: Text = text!(
    "Gagal memperbarui (tidak ada sinyal atau server sibuk). Daftar ini per waktu di atas; dicoba lagi saat sinkron berikutnya.",
    "Could not update (no signal, or the server is busy). This list is as of the time above; tried again at the next sync."
);
pub const STALE: Text = text!(
    "Daftar ini sudah lebih dari sehari: mungkin ada yang sudah didaftarkan petugas lain. Sinkronkan saat ada sinyal.",
    "This list is more than a day old: colleagues may have registered some of these people. Sync when there is signal."
);
pub const DROPPED: Text = text!(
    "Memori ponsel penuh: daftar ini dihapus dari ponsel untuk memberi ruang bagi pendaftaran, jadi mungkin sudah usang. Daftar diambil lagi saat sinkron bila ada ruang.",
    "The phone's storage is full: this list was removed from the phone to make room for registrations, so it may be out of date. It is fetched again at a sync when there is room."
);
pub const MEMORY_ONLY: Text = text!(
    "Memori ponsel penuh: daftar ini tidak tersimpan di ponsel dan hilang saat aplikasi ditutup.",
    "The phone's storage is full: this list is not kept on the phone and is lost when the app is closed."
);
pub const NOT_FETCHED: Text = text!(
    "Daftar wilayah Anda belum diambil. Daftar datang bersama sinkron berikutnya (perlu sinyal).",
    "Your area's list has not been fetched yet. It comes with the next sync (needs signal)."
);
pub const NOT_ENROLLED: Text = text!(
    "Daftarkan ponsel ini dulu: daftar wilayah Anda datang dari kota setelah itu.",
    "Enroll this phone first: your area's list comes from the city after that."
);
pub const UNASSIGNED: Text = text!(
    "Kota belum menetapkan wilayah (kelurahan) Anda. Minta staf Dinas menetapkannya; daftarnya datang di sinkron berikutnya.",
    "The city has not assigned you an area (kelurahan) yet. Ask the city's staff to assign one; its list comes at the next sync."
);
pub const WHOLE_CITY: Text = text!("Seluruh kota", "The whole city");
pub const AREA: Text = text!("Wilayah", "Area");
pub const CHECK_KTP: Text = text!(
    "Ketuk nama untuk mulai mendaftar: nama, NIK, kelurahan dan jenis usaha sudah terisi. Cocokkan dengan KTP.",
    "Tap a name to start registering: name, NIK, kelurahan and business type are filled in. Check them against the ID card."
);
pub const BACK: Text = text!("Kembali", "Back");
