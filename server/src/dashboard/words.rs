//! Every visible string of the dashboard, in Bahasa Indonesia first and in English, and how each
//! language writes numbers. A missing translation is a compile error: both are one struct.

/// The dashboard's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Bahasa Indonesia (the default).
    Id,
    /// English.
    En,
}

impl Lang {
    /// From a `lang` query value or cookie: `en` is English, anything else Indonesian.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "id" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The BCP 47 code (`<html lang>`, the cookie).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// The strings.
    pub fn words(self) -> &'static Words {
        match self {
            Lang::Id => &ID,
            Lang::En => &EN,
        }
    }

    /// A whole number with thousands grouped as the language does (`32.051`, `32,051`).
    pub fn int(self, n: i64) -> String {
        let separator = match self {
            Lang::Id => '.',
            Lang::En => ',',
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(d);
        }
        if n < 0 { format!("-{out}") } else { out }
    }

    /// A percentage with one decimal (`38,5%`, `38.5%`).
    pub fn percent(self, p: f64) -> String {
        let text = format!("{p:.1}%");
        match self {
            Lang::Id => text.replace('.', ","),
            Lang::En => text,
        }
    }
}

/// The dashboard's strings. `{n}` and `{target}` are filled in where they appear.
pub struct Words {
    pub title: &'static str,
    pub sign_in_heading: &'static str,
    pub token_label: &'static str,
    pub sign_in_button: &'static str,
    pub sign_in_help: &'static str,
    pub wrong_token: &'static str,
    /// `{day}`: when it expired.
    pub token_expired: &'static str,
    /// `{n}`: minutes to wait.
    pub sign_in_held: &'static str,
    pub sign_out: &'static str,
    /// The link to the other language, written in that language.
    pub other_language: &'static str,
    pub progress_heading: &'static str,
    pub progress_label: &'static str,
    pub progress_of: &'static str,
    pub target_roster: &'static str,
    pub target_default: &'static str,
    pub figures_heading: &'static str,
    pub total: &'static str,
    pub covered: &'static str,
    pub not_covered: &'static str,
    pub not_on_roster: &'static str,
    pub outside_city: &'static str,
    pub workers: &'static str,
    pub by_kecamatan: &'static str,
    pub by_kelurahan: &'static str,
    pub chart_roster: &'static str,
    pub chart_address: &'static str,
    pub area: &'static str,
    pub on_roster: &'static str,
    pub registered: &'static str,
    pub not_yet: &'static str,
    pub registrations: &'static str,
    pub by_type: &'static str,
    pub business_type: &'static str,
    pub trend_heading: &'static str,
    pub trend_desc: &'static str,
    pub day: &'static str,
    pub daily_numbers: &'static str,
    pub nothing_yet: &'static str,
    pub by_officer: &'static str,
    pub officer: &'static str,
    pub by_koperasi: &'static str,
    pub koperasi: &'static str,
    pub kelurahan: &'static str,
    pub members: &'static str,
    pub handover_heading: &'static str,
    pub handover_help: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub all_kelurahan: &'static str,
    pub bpu_xlsx: &'static str,
    pub bpu_csv: &'static str,
    pub pu_xlsx: &'static str,
    pub pu_csv: &'static str,
    pub audit_heading: &'static str,
    pub audit_help: &'static str,
    pub audit_time: &'static str,
    pub audit_actor: &'static str,
    pub audit_action: &'static str,
    pub audit_address: &'static str,
    pub actor_cli: &'static str,
    /// `{label}`: the token's label.
    pub actor_admin: &'static str,
    /// `{id}`: the officer's id.
    pub actor_officer: &'static str,
    pub actor_nobody: &'static str,
    /// `{id}`, `{day}`.
    pub event_officer_created: &'static str,
    /// `{id}`, `{day}`.
    pub event_code_issued: &'static str,
    /// `{id}`.
    pub event_officer_revoked: &'static str,
    /// `{device}`, `{id}`.
    pub event_device_enrolled: &'static str,
    /// `{device}`.
    pub event_device_revoked: &'static str,
    pub event_area_assigned: &'static str,
    pub area_whole_city: &'static str,
    pub area_none: &'static str,
    /// `{label}`, `{day}`.
    pub event_token_created: &'static str,
    /// `{label}`.
    pub event_token_revoked: &'static str,
    pub event_signed_in: &'static str,
    pub event_signed_out: &'static str,
    /// `{file}`, `{filters}`, `{rows}`.
    pub event_hand_over: &'static str,
    /// `{from}`, `{to}` (a missing end is `…`).
    pub filter_days: &'static str,
    /// `{kelurahan}`.
    pub filter_kelurahan: &'static str,
    pub filter_none: &'static str,
    /// `{what}`, `{time}`.
    pub event_address_held: &'static str,
    pub held_enrollment: &'static str,
    pub held_sign_in: &'static str,
    /// `{action}`: the code of an entry this version cannot read.
    pub event_unknown: &'static str,
}

/// Bahasa Indonesia.
pub const ID: Words = Words {
    title: "Dasbor cakupan Lindungi",
    sign_in_heading: "Masuk sebagai staf kota",
    token_label: "Token admin",
    sign_in_button: "Masuk",
    sign_in_help: "Token admin dibuat dengan perintah lindungi-server create-admin-token.",
    wrong_token: "Token admin tidak dikenal atau sudah dicabut.",
    token_expired: "Token admin ini sudah kedaluwarsa pada {day}. Buat token baru dengan lindungi-server create-admin-token.",
    sign_in_held: "Terlalu banyak token salah dari alamat ini. Coba lagi dalam {n} menit.",
    sign_out: "Keluar",
    other_language: "English",
    progress_heading: "Kemajuan menuju target",
    progress_label: "Kemajuan",
    progress_of: "dari",
    target_roster: "Target: daftar pelaku usaha kota ({n} orang); yang dihitung adalah yang terdaftar dari daftar itu.",
    target_default: "Target: {n} pelaku usaha (daftar kota belum dimuat); semua registrasi dihitung.",
    figures_heading: "Angka utama",
    total: "Registrasi diterima",
    covered: "Dari daftar kota, sudah terdaftar",
    not_covered: "Dari daftar kota, belum terdaftar",
    not_on_roster: "Registrasi di luar daftar kota",
    outside_city: "Peserta tinggal di luar kota",
    workers: "Pekerja (PU) dicatat pemilik usaha",
    by_kecamatan: "Cakupan per kecamatan",
    by_kelurahan: "Cakupan per kelurahan",
    chart_roster: "Batang gelap: sudah terdaftar; batang terang: jumlah dalam daftar kota.",
    chart_address: "Registrasi menurut kelurahan alamat peserta (daftar kota belum dimuat).",
    area: "Wilayah",
    on_roster: "Dalam daftar",
    registered: "Terdaftar",
    not_yet: "Belum",
    registrations: "Registrasi",
    by_type: "Cakupan per jenis usaha (daftar kota)",
    business_type: "Jenis usaha",
    trend_heading: "Registrasi per hari",
    trend_desc: "Registrasi per hari diterima (WIB), {n} hari terakhir.",
    day: "Tanggal",
    daily_numbers: "Angka harian",
    nothing_yet: "Belum ada data.",
    by_officer: "Per petugas",
    officer: "Petugas",
    by_koperasi: "Per koperasi",
    koperasi: "Koperasi",
    kelurahan: "Kelurahan",
    members: "Anggota terdaftar",
    handover_heading: "Berkas serah terima untuk BPJS",
    handover_help: "Berkas berisi data pribadi: simpan dan kirim dengan aman. Tanggal adalah hari registrasi diterima (WIB).",
    from: "Diterima dari tanggal",
    to: "Diterima sampai tanggal",
    all_kelurahan: "Semua kelurahan",
    bpu_xlsx: "Unduh BPU (XLSX)",
    bpu_csv: "Unduh BPU (CSV)",
    pu_xlsx: "Unduh pekerja PU (XLSX)",
    pu_csv: "Unduh pekerja PU (CSV)",
    audit_heading: "Jejak audit",
    audit_help: "Siapa membuat atau mencabut petugas, perangkat dan token admin, siapa masuk ke dasbor, dan siapa mengunduh berkas serah terima; tanpa data pribadi. Terbaru di atas.",
    audit_time: "Waktu (WIB)",
    audit_actor: "Oleh",
    audit_action: "Tindakan",
    audit_address: "Alamat IP",
    actor_cli: "Baris perintah server",
    actor_admin: "Token admin \u{201c}{label}\u{201d}",
    actor_officer: "Kode petugas #{id}",
    actor_nobody: "\u{2014}",
    event_officer_created: "Petugas #{id} dibuat; kode pendaftaran berlaku sampai {day}",
    event_code_issued: "Kode pendaftaran baru untuk petugas #{id}, berlaku sampai {day}",
    event_officer_revoked: "Petugas #{id} dicabut, dengan semua perangkatnya",
    event_device_enrolled: "Perangkat #{device} didaftarkan untuk petugas #{id}",
    event_device_revoked: "Perangkat #{device} dicabut",
    event_area_assigned: "Wilayah petugas #{id}: {area}",
    area_whole_city: "seluruh kota",
    area_none: "tanpa wilayah",
    event_token_created: "Token admin \u{201c}{label}\u{201d} dibuat, berlaku sampai {day}",
    event_token_revoked: "Token admin \u{201c}{label}\u{201d} dicabut",
    event_signed_in: "Masuk ke dasbor",
    event_signed_out: "Keluar dari dasbor",
    event_hand_over: "Berkas {file} diunduh ({filters}): {rows} baris",
    filter_days: "diterima {from} sampai {to}",
    filter_kelurahan: "kelurahan {kelurahan}",
    filter_none: "semua",
    event_address_held: "Alamat ditahan sampai {time}: terlalu banyak {what} yang salah",
    held_enrollment: "kode pendaftaran",
    held_sign_in: "token admin",
    event_unknown: "Tindakan {action}",
};

/// English.
pub const EN: Words = Words {
    title: "Lindungi coverage dashboard",
    sign_in_heading: "Sign in as city staff",
    token_label: "Admin token",
    sign_in_button: "Sign in",
    sign_in_help: "Admin tokens are made with lindungi-server create-admin-token.",
    wrong_token: "The admin token is unknown or has been revoked.",
    token_expired: "This admin token expired on {day}. Make a new one with lindungi-server create-admin-token.",
    sign_in_held: "Too many wrong tokens from this address. Try again in {n} minutes.",
    sign_out: "Sign out",
    other_language: "Bahasa Indonesia",
    progress_heading: "Progress toward the target",
    progress_label: "Progress",
    progress_of: "of",
    target_roster: "Target: the city's roster of micro-business actors ({n} people); registrations of people on it count.",
    target_default: "Target: {n} micro-business actors (no roster loaded); every registration counts.",
    figures_heading: "Key figures",
    total: "Registrations received",
    covered: "On the roster, registered",
    not_covered: "On the roster, not yet registered",
    not_on_roster: "Registrations not on the roster",
    outside_city: "Participants living outside the city",
    workers: "Workers (PU) listed by owners",
    by_kecamatan: "Coverage by kecamatan",
    by_kelurahan: "Coverage by kelurahan",
    chart_roster: "Dark bar: registered; light bar: on the roster.",
    chart_address: "Registrations by the kelurahan of the participant's address (no roster loaded).",
    area: "Area",
    on_roster: "On roster",
    registered: "Registered",
    not_yet: "Not yet",
    registrations: "Registrations",
    by_type: "Coverage by business type (roster)",
    business_type: "Business type",
    trend_heading: "Registrations per day",
    trend_desc: "Registrations per day received (WIB), last {n} days.",
    day: "Date",
    daily_numbers: "Daily numbers",
    nothing_yet: "No data yet.",
    by_officer: "By officer",
    officer: "Officer",
    by_koperasi: "By koperasi",
    koperasi: "Koperasi",
    kelurahan: "Kelurahan",
    members: "Members registered",
    handover_heading: "Hand-over files for BPJS",
    handover_help: "The files hold personal data: keep and send them safely. Dates are the days registrations were received (WIB).",
    from: "Received from",
    to: "Received until",
    all_kelurahan: "All kelurahan",
    bpu_xlsx: "Download BPU (XLSX)",
    bpu_csv: "Download BPU (CSV)",
    pu_xlsx: "Download PU workers (XLSX)",
    pu_csv: "Download PU workers (CSV)",
    audit_heading: "Audit trail",
    audit_help: "Who created or revoked officers, devices and admin tokens, who signed in to the dashboard, and who downloaded hand-over files; no personal data. Newest first.",
    audit_time: "Time (WIB)",
    audit_actor: "By",
    audit_action: "Action",
    audit_address: "IP address",
    actor_cli: "Server command line",
    actor_admin: "Admin token \u{201c}{label}\u{201d}",
    actor_officer: "Officer #{id}'s code",
    actor_nobody: "\u{2014}",
    event_officer_created: "Officer #{id} created; enrollment code valid until {day}",
    event_code_issued: "New enrollment code for officer #{id}, valid until {day}",
    event_officer_revoked: "Officer #{id} revoked, with all their devices",
    event_device_enrolled: "Device #{device} enrolled for officer #{id}",
    event_device_revoked: "Device #{device} revoked",
    event_area_assigned: "Area of officer #{id}: {area}",
    area_whole_city: "the whole city",
    area_none: "no area",
    event_token_created: "Admin token \u{201c}{label}\u{201d} created, valid until {day}",
    event_token_revoked: "Admin token \u{201c}{label}\u{201d} revoked",
    event_signed_in: "Signed in to the dashboard",
    event_signed_out: "Signed out of the dashboard",
    event_hand_over: "File {file} downloaded ({filters}): {rows} rows",
    filter_days: "received {from} to {to}",
    filter_kelurahan: "kelurahan {kelurahan}",
    filter_none: "everything",
    event_address_held: "Address held until {time}: too many wrong {what}",
    held_enrollment: "enrollment codes",
    held_sign_in: "admin tokens",
    event_unknown: "Action {action}",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_as_each_language_writes_them() {
        assert_eq!(Lang::Id.int(32_051), "32.051");
        assert_eq!(Lang::En.int(32_051), "32,051");
        assert_eq!(Lang::Id.int(1_234_567), "1.234.567");
        assert_eq!(Lang::En.int(999), "999");
        assert_eq!(Lang::Id.percent(38.46), "38,5%");
        assert_eq!(Lang::En.percent(38.46), "38.5%");
    }
}
