//! The officer's PIN: what the phone accepts as one.
//!
//! Every registration on a phone is encrypted under a key that only the officer's PIN opens
//! (`docs/security.md`). A 6-digit PIN has only 10^6 values (`docs/domain.md` §12), so the
//! phone refuses the handful that people choose most often and that anyone holding the phone
//! would try first: the same digit throughout, a run up or down the keypad, a short block
//! repeated, and the most common PINs seen in published leaks. The rule lives here, with its
//! error codes; the messages live with the app's languages.

use crate::errors::coded_error;

/// Fewest digits a PIN may have.
pub const MIN_PIN_DIGITS: usize = 6;
/// Most digits a PIN may have: longer adds little on a phone, and is mistyped more.
pub const MAX_PIN_DIGITS: usize = 12;

/// Six-digit PINs that lists of leaked PINs rank among the most chosen, and that the shape rules
/// below do not already catch (`111111`, `123456`, `121212`, `123123` … are refused by shape).
/// Keypad patterns (columns, diagonals, the cross), mirrored halves and dates read as numbers.
pub const COMMON_PINS: &[&str] = &[
    "112233", "332211", "998877", "123321", "654456", "159753", "357159", "147258", "258369",
    "147369", "741852", "852963", "963852", "369258", "123654", "321456", "456123", "789456",
    "147852", "159357", "102030", "100200", "121314", "010203", "123789", "789123", "852456",
];

coded_error! {
    /// Why a PIN is refused.
    pub enum PinError {
        /// Something other than the digits 0–9.
        NotDigits => "pin.not_digits", "a PIN is made of digits only";
        /// Fewer than [`MIN_PIN_DIGITS`] digits.
        TooShort => "pin.too_short", "a PIN has at least 6 digits";
        /// More than [`MAX_PIN_DIGITS`] digits.
        TooLong => "pin.too_long", "a PIN has at most 12 digits";
        /// One digit throughout (`000000`).
        OneDigit => "pin.one_digit", "a PIN of one digit repeated is the first one tried";
        /// A run up or down (`123456`, `654321`, `012345`, `890123`).
        Sequence => "pin.sequence", "a PIN that counts up or down is the first one tried";
        /// A short block repeated (`121212`, `123123`, `12341234`).
        Repeated => "pin.repeated", "a PIN that repeats a short block is easy to guess";
        /// One of [`COMMON_PINS`].
        Common => "pin.common", "one of the PINs people choose most often";
        /// The PIN typed again does not match the first.
        Mismatch => "pin.mismatch", "the two PINs typed differ";
    }
}

/// A PIN the phone accepts: digits only, long enough, not a trivial one.
///
/// Its text never leaves the phone and is never stored: only a key derived from it is.
#[derive(Clone, PartialEq, Eq)]
pub struct Pin(String);

impl std::fmt::Debug for Pin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A PIN is never written to a log, not even by a debug print.
        f.write_str("Pin(…)")
    }
}

impl Pin {
    /// Checks a PIN chosen by the officer (spaces, as a keyboard may add, are ignored).
    pub fn choose(input: &str) -> Result<Pin, PinError> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(PinError::NotDigits);
        }
        if digits.len() < MIN_PIN_DIGITS {
            return Err(PinError::TooShort);
        }
        if digits.len() > MAX_PIN_DIGITS {
            return Err(PinError::TooLong);
        }
        let d: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
        if d.iter().all(|&x| x == d[0]) {
            return Err(PinError::OneDigit);
        }
        let steps_by = |step: u8| d.windows(2).all(|w| w[1] == (w[0] + step) % 10);
        if steps_by(1) || steps_by(9) {
            return Err(PinError::Sequence);
        }
        // A block of at most half the PIN, repeated to its end (a last partial block too).
        let repeats = (2..=d.len() / 2).any(|p| (p..d.len()).all(|i| d[i] == d[i % p]));
        if repeats {
            return Err(PinError::Repeated);
        }
        if COMMON_PINS.contains(&digits.as_str()) {
            return Err(PinError::Common);
        }
        Ok(Pin(digits))
    }

    /// Checks a chosen PIN and the same PIN typed again.
    pub fn choose_confirmed(input: &str, again: &str) -> Result<Pin, PinError> {
        let pin = Pin::choose(input)?;
        let again: String = again.chars().filter(|c| !c.is_whitespace()).collect();
        if again != pin.0 {
            return Err(PinError::Mismatch);
        }
        Ok(pin)
    }

    /// A PIN typed to unlock: whatever was typed, spaces removed (it is checked by whether it
    /// opens the key, never against the rules, which a PIN chosen under older rules may break).
    pub fn typed(input: &str) -> Pin {
        Pin(input.chars().filter(|c| !c.is_whitespace()).collect())
    }

    /// The digits, for the key derivation.
    pub fn digits(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_of_six_mixed_digits_is_accepted() {
        for ok in ["480915", "730264", "5829 1047", "102938475"] {
            assert!(Pin::choose(ok).is_ok(), "{ok}");
        }
        assert_eq!(Pin::choose("5829 1047").unwrap().digits(), "58291047");
    }

    #[test]
    fn a_pin_shorter_than_six_or_longer_than_twelve_digits_is_refused() {
        assert_eq!(Pin::choose("48091"), Err(PinError::TooShort));
        assert_eq!(Pin::choose(""), Err(PinError::TooShort));
        assert_eq!(Pin::choose("4809154809154"), Err(PinError::TooLong));
    }

    #[test]
    fn a_pin_with_anything_but_digits_is_refused() {
        assert_eq!(Pin::choose("48o915"), Err(PinError::NotDigits));
        assert_eq!(Pin::choose("٤٨٠٩١٥"), Err(PinError::NotDigits));
    }

    #[test]
    fn one_digit_throughout_is_refused() {
        for pin in ["000000", "111111", "99999999"] {
            assert_eq!(Pin::choose(pin), Err(PinError::OneDigit), "{pin}");
        }
    }

    #[test]
    fn runs_up_or_down_are_refused_wrapping_past_nine_too() {
        for pin in [
            "123456",
            "654321",
            "012345",
            "987654",
            "890123",
            "3456789012",
        ] {
            assert_eq!(Pin::choose(pin), Err(PinError::Sequence), "{pin}");
        }
    }

    #[test]
    fn repeated_pairs_triples_and_longer_blocks_are_refused() {
        for pin in [
            "121212", "123123", "909090", "12341234", "1212121", "4714714",
        ] {
            assert_eq!(Pin::choose(pin), Err(PinError::Repeated), "{pin}");
        }
    }

    #[test]
    fn the_most_common_pins_are_refused() {
        // Each is refused as common: none is on the list for a shape already refused.
        for pin in COMMON_PINS {
            assert_eq!(Pin::choose(pin), Err(PinError::Common), "{pin}");
        }
    }

    #[test]
    fn a_confirmation_that_differs_is_refused_and_a_trivial_pin_first_for_what_it_is() {
        assert_eq!(
            Pin::choose_confirmed("480915", "480916"),
            Err(PinError::Mismatch)
        );
        assert_eq!(
            Pin::choose_confirmed("123456", "123456"),
            Err(PinError::Sequence)
        );
        assert!(Pin::choose_confirmed("480915", "480 915").is_ok());
    }

    #[test]
    fn a_pin_never_shows_in_a_debug_print() {
        let pin = Pin::choose("480915").unwrap();
        assert!(!format!("{pin:?}").contains("480915"));
    }
}
