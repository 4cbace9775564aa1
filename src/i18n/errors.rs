//! The message for every error code the domain crate can produce, in both languages.
//! A test checks that every code in `domain::ALL_ERROR_CODES` has one.

use domain::{nik::NikWarning, pin::PinError};

use super::Text;
use crate::text;

/// The message for a hint about a NIK that parsed: shown beside the field, never a refusal.
pub fn nik_warning(warning: NikWarning) -> Text {
    match warning {
        NikWarning::UnknownRegion => text!(
            "Empat angka pertama NIK ini bukan kode kabupaten/kota yang dikenal: mungkin salah ketik, periksa lagi dengan KTP. Bila memang begitu di KTP, tetap bisa disimpan.",
            "The first four digits of this NIK are not a known regency or city code: maybe a typo, check it against the ID card. If the card says so, it can still be saved."
        ),
    }
}

/// The message for a field error's code; `None` only for a code this app version does
/// not know (a newer endpoint), which the field shows as a generic error.
pub fn message(code: &str) -> Option<Text> {
    // A PIN's refusals have their messages with the PIN's other strings.
    if let Some(&refusal) = PinError::ALL.iter().find(|e| e.code() == code) {
        return Some(super::pin::refused(refusal));
    }
    Some(match code {
        "required" => text!("Wajib diisi.", "Required."),
        "nik.not_digits" => text!("NIK hanya berisi angka.", "A NIK has digits only."),
        "nik.length" => text!("NIK harus 16 angka.", "A NIK has 16 digits."),
        "nik.month_out_of_range" => text!(
            "Bulan lahir di NIK tidak ada (angka ke-9–10).",
            "The birth month in this NIK does not exist (digits 9–10)."
        ),
        "nik.day_out_of_range" => text!(
            "Tanggal lahir di NIK tidak mungkin (angka ke-7–8).",
            "The birth day in this NIK is impossible (digits 7–8)."
        ),
        "nik.impossible_date" => text!(
            "Tanggal lahir di NIK tidak ada di kalender.",
            "The birth date in this NIK is not on the calendar."
        ),
        "nik.serial_zero" => text!(
            "Nomor urut NIK (4 angka terakhir) tidak boleh 0000.",
            "A NIK's serial (last 4 digits) cannot be 0000."
        ),
        "phone.invalid_character" => text!(
            "Nomor HP hanya berisi angka, spasi, tanda hubung atau +.",
            "A phone number has only digits, spaces, dashes or +."
        ),
        "phone.not_indonesian" => text!(
            "Gunakan nomor Indonesia (08… atau +62…).",
            "Use an Indonesian number (08… or +62…)."
        ),
        "phone.not_mobile" => text!(
            "Ini bukan nomor HP (harus 08…).",
            "This is not a mobile number (must be 08…)."
        ),
        "phone.too_short" => text!("Nomor HP terlalu pendek.", "The phone number is too short."),
        "phone.too_long" => text!("Nomor HP terlalu panjang.", "The phone number is too long."),
        "sex.unknown" => text!("Pilih laki-laki atau perempuan.", "Choose male or female."),
        "date.format" => text!(
            "Tulis tanggal seperti 31-12-1980.",
            "Write the date like 31-12-1980."
        ),
        "date.impossible" => text!(
            "Tanggal ini tidak ada di kalender.",
            "This date is not on the calendar."
        ),
        "year_month.format" => text!("Pilih bulan dan tahun.", "Choose a month and year."),
        "year_month.impossible" => text!("Bulan ini tidak ada.", "This month does not exist."),
        "timestamp.format" | "timestamp.impossible" => text!("Waktu tidak valid.", "Invalid time."),
        "kecamatan.unknown" => text!("Kecamatan tidak dikenal.", "Unknown kecamatan."),
        "kelurahan.unknown" => text!(
            "Pilih kelurahan dari daftar.",
            "Choose a kelurahan from the list."
        ),
        "business_type.unknown" => text!(
            "Pilih jenis usaha dari daftar.",
            "Choose a business type from the list."
        ),
        "employees.not_a_number" => text!(
            "Tulis jumlah pekerja dengan angka.",
            "Write the number of workers in digits."
        ),
        "employees.too_many" => text!(
            "Jumlah pekerja terlalu besar untuk usaha mikro.",
            "Too many workers for a micro business."
        ),
        "text.too_short" => text!("Terlalu pendek.", "Too short."),
        "text.too_long" => text!("Terlalu panjang.", "Too long."),
        "text.control_character" => text!(
            "Ada karakter yang tidak bisa dipakai.",
            "Contains a character that cannot be used."
        ),
        "person_name.too_short" => text!("Nama terlalu pendek.", "The name is too short."),
        "person_name.too_long" => text!("Nama terlalu panjang.", "The name is too long."),
        "person_name.invalid_character" => text!(
            "Nama hanya berisi huruf, spasi, titik, koma, tanda petik atau tanda hubung.",
            "A name has only letters, spaces, dots, commas, apostrophes or dashes."
        ),
        "email.missing_at" => text!("Email harus berisi @.", "An email address contains @."),
        "email.invalid_local_part" => text!(
            "Bagian sebelum @ tidak valid.",
            "The part before @ is not valid."
        ),
        "email.invalid_domain" => text!(
            "Bagian setelah @ tidak valid.",
            "The part after @ is not valid."
        ),
        "email.too_long" => text!("Email terlalu panjang.", "The email address is too long."),
        "nib.not_digits" => text!("NIB hanya berisi angka.", "A NIB has digits only."),
        "nib.length" => text!("NIB harus 13 angka.", "A NIB has 13 digits."),
        "rt_rw.not_digits" => text!(
            "Tulis dengan angka, misalnya 3.",
            "Write it in digits, e.g. 3."
        ),
        "rt_rw.too_long" => text!("Paling banyak 3 angka.", "At most 3 digits."),
        "rt_rw.zero" => text!("Tidak boleh 0.", "Cannot be 0."),
        "id.format" => text!(
            "Nomor pendaftaran rusak; buat pendaftaran baru.",
            "The registration id is damaged; start a new registration."
        ),
        "receipt.format" | "receipt.sequence_out_of_range" => {
            text!("Nomor tanda terima tidak valid.", "Invalid receipt number.")
        }
        "income.not_a_number" => text!(
            "Tulis penghasilan dengan angka, misalnya 1.500.000.",
            "Write the income in digits, e.g. 1.500.000."
        ),
        "income.zero" => text!(
            "Penghasilan harus lebih dari 0.",
            "The income must be more than 0."
        ),
        "income.too_large" => text!(
            "Penghasilan terlalu besar; periksa lagi.",
            "The income is too large; check it again."
        ),
        "period.unsupported" => text!(
            "Pilih 1, 3, 6 atau 12 bulan.",
            "Choose 1, 3, 6 or 12 months."
        ),
        "birth_date.in_future" => text!(
            "Tanggal lahir tidak boleh di masa depan.",
            "The birth date cannot be in the future."
        ),
        "birth_date.nik_mismatch" => text!(
            "Tanggal lahir tidak sama dengan NIK.",
            "The birth date does not match the NIK."
        ),
        "birth_date.too_young" => text!(
            "Peserta terlalu muda (minimal 15 tahun).",
            "The participant is too young (at least 15)."
        ),
        "birth_date.too_old" => text!(
            "Umur lebih dari 100 tahun; periksa tanggal lahir.",
            "Over 100 years old; check the birth date."
        ),
        "sex.nik_mismatch" => text!(
            "Jenis kelamin tidak sama dengan NIK.",
            "The sex does not match the NIK."
        ),
        "start_month.too_early" => text!(
            "Bulan mulai terlalu jauh ke belakang.",
            "The start month is too far back."
        ),
        "start_month.too_late" => text!(
            "Bulan mulai terlalu jauh ke depan.",
            "The start month is too far ahead."
        ),
        "consent.not_given" => text!(
            "Peserta harus menyetujui dulu.",
            "The participant must agree first."
        ),
        "updated_at.before_created_at" => text!(
            "Waktu pendaftaran tidak masuk akal; periksa jam ponsel.",
            "The registration's times make no sense; check the phone's clock."
        ),
        "schema_version.unsupported" => text!(
            "Versi data tidak dikenal; perbarui aplikasi.",
            "Unknown data version; update the app."
        ),
        "wage.not_a_number" => text!(
            "Tulis upah dalam rupiah utuh, mis. 2.000.000.",
            "Write the wage in whole rupiah, e.g. 2.000.000."
        ),
        "wage.zero" => text!("Upah tidak boleh nol.", "The wage cannot be zero."),
        "wage.too_large" => text!(
            "Upah terlalu besar; periksa angka nolnya.",
            "The wage is implausibly large; check the zeros."
        ),
        "worker.is_owner" => text!(
            "Ini NIK pemilik usaha sendiri; pemilik didaftarkan sebagai peserta, bukan pekerja.",
            "This is the owner's own NIK; the owner is the participant, not a worker."
        ),
        "worker.duplicate_nik" => text!(
            "NIK ini sudah ada di pekerja lain.",
            "This NIK is already listed for another worker."
        ),
        "workers.too_many" => text!(
            "Terlalu banyak pekerja dalam satu pendaftaran (paling banyak 20).",
            "Too many workers in one registration (at most 20)."
        ),
        "employees.fewer_than_workers" => text!(
            "Jumlah pekerja lebih kecil dari daftar pekerja di bawah.",
            "The number of workers is smaller than the list below."
        ),
        "roster.duplicate_nik" => text!(
            "NIK ini sudah ada di baris sebelumnya.",
            "This NIK is already on an earlier row."
        ),
        _ => return None,
    })
}

/// Shown for a code this version does not know.
pub const UNKNOWN: Text = text!("Isian ini tidak diterima.", "This entry was not accepted.");
