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
