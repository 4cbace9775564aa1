//! Strings about the officer's PIN: why a chosen PIN is refused. The screens that choose and
//! type it add theirs here.

use domain::pin::PinError;

use super::Text;
use crate::text;

/// Why a chosen PIN is refused, in both languages (the rule and its codes are `domain::pin`).
pub fn refused(error: PinError) -> Text {
    match error {
        PinError::NotDigits => text!("PIN hanya berisi angka.", "A PIN has digits only."),
        PinError::TooShort => text!(
            "PIN paling sedikit 6 angka.",
            "A PIN has at least 6 digits."
        ),
        PinError::TooLong => text!(
            "PIN paling banyak 12 angka.",
            "A PIN has at most 12 digits."
        ),
        PinError::OneDigit => text!(
            "PIN dengan satu angka berulang (seperti 000000) paling dulu dicoba orang. Pilih yang lain.",
            "A PIN of one digit repeated (like 000000) is the first one tried. Choose another."
        ),
        PinError::Sequence => text!(
            "PIN yang berurutan naik atau turun (seperti 123456) paling dulu dicoba orang. Pilih yang lain.",
            "A PIN that counts up or down (like 123456) is the first one tried. Choose another."
        ),
        PinError::Repeated => text!(
            "PIN yang mengulang pola pendek (seperti 121212) mudah ditebak. Pilih yang lain.",
            "A PIN that repeats a short block (like 121212) is easy to guess. Choose another."
        ),
        PinError::Common => text!(
            "PIN ini termasuk yang paling sering dipakai orang. Pilih yang lain.",
            "This is one of the PINs people choose most often. Choose another."
        ),
        PinError::Mismatch => text!(
            "Kedua PIN tidak sama. Ketik ulang.",
            "The two PINs differ. Type them again."
        ),
    }
}

pub const CHOOSE_TITLE: Text = text!("Pilih PIN", "Choose a PIN");
pub const CHOOSE_WHY: Text = text!(
    "PIN ini mengunci data warga di ponsel ini. Tanpa PIN tidak ada yang dapat membacanya, juga bila ponsel dipinjam atau hilang. Jika PIN terlupa, kota tetap dapat memulihkan data dari berkas cadangan.",
    "This PIN locks the residents' data on this phone. Without it nobody can read it, even when the phone is lent or lost. If the PIN is forgotten, the city can still recover the data from a backup file."
);
pub const NEW_PIN: Text = text!("PIN baru", "New PIN");
pub const NEW_PIN_HINT: Text = text!(
    "Paling sedikit 6 angka. Jangan pakai tanggal lahir atau 123456.",
    "At least 6 digits. Not a birth date, not 123456."
);
pub const AGAIN: Text = text!("Ulangi PIN", "PIN again");
pub const SAVE_PIN: Text = text!("Simpan PIN", "Save PIN");
pub const UNLOCK_TITLE: Text = text!("Buka Lindungi", "Open Lindungi");
pub const UNLOCK_WHY: Text = text!(
    "Ketik PIN Anda untuk membuka data di ponsel ini. Pengiriman tetap berjalan selama terkunci.",
    "Type your PIN to open the data on this phone. Sending goes on while it is locked."
);
pub const PIN: Text = text!("PIN", "PIN");
pub const OPEN: Text = text!("Buka", "Open");
pub const CHECKING: Text = text!("Memeriksa PIN…", "Checking the PIN…");
pub const WRONG: Text = text!("PIN salah.", "Wrong PIN.");
/// Before the number of seconds.
pub const WAIT: Text = text!("Demi keamanan, coba lagi dalam", "For safety, try again in");
/// After the number of seconds.
pub const SECONDS: Text = text!("detik.", "seconds.");
pub const NOTHING_WIPED: Text = text!(
    "Tidak ada data yang dihapus karena PIN salah.",
    "No data is ever erased for a wrong PIN."
);
/// Before "n of N".
pub const OPENING: Text = text!("Membuka data…", "Opening the data…");
/// Between the two numbers of "n of N".
pub const OF: Text = text!("dari", "of");
pub const REFUSED: Text = text!(
    "Browser menolak: data tidak dapat dibuka di sini. Tutup aplikasi lalu buka lagi.",
    "The browser refused: the data cannot be opened here. Close the app and open it again."
);
pub const FULL: Text = text!(
    "Penyimpanan ponsel penuh: PIN tidak dapat disimpan. Kirim atau cadangkan data dulu.",
    "The phone's storage is full: the PIN cannot be kept. Send or back up data first."
);
pub const CHOSEN_ELSEWHERE: Text = text!(
    "PIN sudah dipilih di tab lain aplikasi ini. Masukkan PIN itu.",
    "A PIN was already chosen in another tab of this app. Type that PIN."
);
pub const LOCK_NOW: Text = text!("Kunci sekarang", "Lock now");
pub const LOCK_AFTER: Text = text!("Kunci otomatis setelah", "Lock automatically after");
/// After the number of minutes.
pub const MINUTES: Text = text!("menit tanpa sentuhan", "minutes without a touch");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pin_refusal_has_an_indonesian_and_an_english_message() {
        for &error in PinError::ALL {
            let text = refused(error);
            assert!(
                !text.id.is_empty() && !text.en.is_empty() && text.id != text.en,
                "{}",
                error.code()
            );
        }
    }
}
