//! The strings of the dashboard's field cards — officers' areas and the phones — in Bahasa
//! Indonesia first and in English, beside the rest of the page's words ([`super::words`]). A
//! missing translation is a compile error: both are one struct.

use super::words::Lang;

/// The field cards' strings. `{name}`, `{n}` are filled in where they appear.
pub struct FieldWords {
    pub areas_heading: &'static str,
    pub areas_help: &'static str,
    pub area: &'static str,
    pub whole_city: &'static str,
    pub unassigned: &'static str,
    pub on_roster: &'static str,
    pub covered: &'static str,
    pub no_officers: &'static str,
    pub change_area: &'static str,
    pub kelurahan_of: &'static str,
    pub whole_city_choice: &'static str,
    pub save_area: &'static str,
    pub both_chosen: &'static str,
    pub bad_form: &'static str,
    pub no_such_officer: &'static str,
    pub back: &'static str,
    pub phones_heading: &'static str,
    pub phones_help: &'static str,
    pub officer: &'static str,
    pub phone: &'static str,
    pub last_seen: &'static str,
    pub waiting: &'static str,
    pub oldest_waiting: &'static str,
    pub app_version: &'static str,
    pub storage: &'static str,
    pub never: &'static str,
    pub unknown: &'static str,
    pub waits_too_long: &'static str,
    pub outdated: &'static str,
    pub no_phones: &'static str,
    pub minutes: &'static str,
    pub hours: &'static str,
    pub days: &'static str,
}

impl Lang {
    /// The field cards' strings.
    pub fn field(self) -> &'static FieldWords {
        match self {
            Lang::Id => &FIELD_ID,
            Lang::En => &FIELD_EN,
        }
    }
}

/// Bahasa Indonesia.
pub const FIELD_ID: FieldWords = FieldWords {
    areas_heading: "Petugas dan wilayah kerja",
    areas_help: "Wilayah menentukan daftar \"belum terdaftar\" di HP petugas. Petugas tanpa kelurahan tidak menerima daftar, kecuali diberi seluruh kota.",
    area: "Wilayah",
    whole_city: "Seluruh kota",
    unassigned: "Belum ditetapkan",
    on_roster: "Dalam daftar",
    covered: "Sudah terdaftar",
    no_officers: "Belum ada petugas.",
    change_area: "Ubah wilayah: {name}",
    kelurahan_of: "Kelurahan untuk {name}",
    whole_city_choice: "Seluruh kota (tanpa kelurahan)",
    save_area: "Simpan wilayah",
    both_chosen: "Pilih kelurahan atau seluruh kota, tidak keduanya.",
    bad_form: "Isian formulir tidak dapat dibaca.",
    no_such_officer: "Petugas itu tidak ada atau sudah dicabut.",
    back: "Kembali ke dasbor",
    phones_heading: "HP petugas",
    phones_help: "Data yang belum terkirim di tiap HP, menurut laporan terakhirnya. Ditandai bila ada yang menunggu lebih dari 3 hari atau versi aplikasinya bukan versi terbaru.",
    officer: "Petugas",
    phone: "HP",
    last_seen: "Terakhir terhubung",
    waiting: "Menunggu dikirim",
    oldest_waiting: "Terlama menunggu",
    app_version: "Versi aplikasi",
    storage: "Penyimpanan",
    never: "Belum pernah",
    unknown: "Tidak diketahui",
    waits_too_long: "lebih dari 3 hari",
    outdated: "versi lama",
    no_phones: "Belum ada HP terdaftar.",
    minutes: "{n} menit",
    hours: "{n} jam",
    days: "{n} hari",
};

/// English.
pub const FIELD_EN: FieldWords = FieldWords {
    areas_heading: "Officers and their areas",
    areas_help: "The area decides the \"not yet registered\" list on the officer's phones. An officer without kelurahan gets no list, unless given the whole city.",
    area: "Area",
    whole_city: "Whole city",
    unassigned: "Not assigned",
    on_roster: "On the roster",
    covered: "Registered",
    no_officers: "No officers yet.",
    change_area: "Change area: {name}",
    kelurahan_of: "Kelurahan for {name}",
    whole_city_choice: "Whole city (no kelurahan)",
    save_area: "Save area",
    both_chosen: "Choose kelurahan or the whole city, not both.",
    bad_form: "The form could not be read.",
    no_such_officer: "That officer does not exist or has been revoked.",
    back: "Back to the dashboard",
    phones_heading: "Officers' phones",
    phones_help: "Unsent data on each phone, as it last reported. Flagged when something has waited more than 3 days or the app is not the latest version.",
    officer: "Officer",
    phone: "Phone",
    last_seen: "Last seen",
    waiting: "Waiting to send",
    oldest_waiting: "Oldest waiting",
    app_version: "App version",
    storage: "Storage",
    never: "Never",
    unknown: "Unknown",
    waits_too_long: "over 3 days",
    outdated: "old version",
    no_phones: "No phones enrolled yet.",
    minutes: "{n} min",
    hours: "{n} h",
    days: "{n} days",
};
