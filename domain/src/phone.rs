//! Indonesian mobile numbers.
//!
//! The rule comes from libphonenumber's metadata for Indonesia (`docs/domain.md` §7): after the trunk
//! prefix 0 or the country code 62, a mobile number is `8[1-35-9]\d{7,10}`. `084x` is not a
//! mobile range. Numbers are stored in E.164 (`+6281234567890`) so the same phone typed two ways
//! is the same value, and shown the way Indonesians write them (`0812-3456-7890`).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::errors::coded_error;

coded_error! {
    /// Why a text is not an Indonesian mobile number.
    pub enum PhoneError {
        /// Nothing was entered.
        Empty => "required", "no phone number entered";
        /// Something other than digits, a leading `+`, spaces, dashes, dots or parentheses.
        InvalidCharacter => "phone.invalid_character", "a phone number has only digits, +, spaces, dashes, dots and parentheses";
        /// A `+` country code other than +62.
        NotIndonesian => "phone.not_indonesian", "only Indonesian (+62) numbers are accepted";
        /// Not a mobile range: after 0 / 62 it must start with 81, 82, 83, 85–89.
        NotMobile => "phone.not_mobile", "not an Indonesian mobile number (08xx)";
        /// Fewer than 10 digits counting the leading 0.
        TooShort => "phone.too_short", "a mobile number has at least 10 digits (with the 0)";
        /// More than 13 digits counting the leading 0.
        TooLong => "phone.too_long", "a mobile number has at most 13 digits (with the 0)";
    }
}

const COUNTRY_CODE: &str = "62";
/// Digits after the trunk 0 / country code: `8[1-35-9]` plus 7 to 10 more.
const NATIONAL_DIGITS: std::ops::RangeInclusive<usize> = 9..=12;

/// An Indonesian mobile number, stored in E.164 (`+6281234567890`).
///
/// `Display` is the local grouped form `0812-3456-7890`; serde uses E.164 and deserializes
/// through [`PhoneNumber::parse`]. Parsing any of the forms a number is written in gives back the
/// same value, so normalisation is idempotent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber {
    e164: String,
}

impl PhoneNumber {
    /// Parses `0812…`, `62812…`, `+62 812-…`, `+62 (0)812…` or `812…`, ignoring spaces, dashes,
    /// dots and parentheses.
    pub fn parse(input: &str) -> Result<PhoneNumber, PhoneError> {
        if input.trim().is_empty() {
            return Err(PhoneError::Empty);
        }
        let mut digits = String::with_capacity(16);
        let mut plus = false;
        for c in input.chars() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if digits.is_empty() && !plus => plus = true,
                ' ' | '-' | '.' | '(' | ')' => {}
                c if c.is_whitespace() => {}
                _ => return Err(PhoneError::InvalidCharacter),
            }
        }
        let national = if plus {
            let rest = digits
                .strip_prefix(COUNTRY_CODE)
                .ok_or(PhoneError::NotIndonesian)?;
            // "+62 (0)812…" is common on business cards: drop the trunk 0 written after the code.
            rest.strip_prefix('0').unwrap_or(rest)
        } else if let Some(rest) = digits.strip_prefix(COUNTRY_CODE) {
            rest.strip_prefix('0').unwrap_or(rest)
        } else if let Some(rest) = digits.strip_prefix('0') {
            rest
        } else if digits.is_empty() {
            return Err(PhoneError::TooShort);
        } else {
            // "812…" without the trunk 0: unambiguous, since no mobile number starts with 6.
            &digits
        };
        let bytes = national.as_bytes();
        match bytes {
            [] | [b'8'] => return Err(PhoneError::TooShort),
            [b'8', b'1'..=b'3' | b'5'..=b'9', ..] => {}
            _ => return Err(PhoneError::NotMobile),
        }
        if national.len() < *NATIONAL_DIGITS.start() {
            return Err(PhoneError::TooShort);
        }
        if national.len() > *NATIONAL_DIGITS.end() {
            return Err(PhoneError::TooLong);
        }
        Ok(PhoneNumber {
            e164: format!("+{COUNTRY_CODE}{national}"),
        })
    }

    /// E.164: `+6281234567890`.
    pub fn e164(&self) -> &str {
        &self.e164
    }

    /// The number without country code or trunk 0: `81234567890`.
    fn significant(&self) -> &str {
        &self.e164[1 + COUNTRY_CODE.len()..]
    }

    /// The national form with the trunk 0 and no separators: `081234567890`.
    pub fn national(&self) -> String {
        format!("0{}", self.significant())
    }

    /// The national form grouped 4-4-rest, as written locally: `0812-3456-7890`.
    pub fn local_grouped(&self) -> String {
        let national = self.national();
        let (first, rest) = national.split_at(4);
        let (second, third) = rest.split_at(4.min(rest.len()));
        if third.is_empty() {
            format!("{first}-{second}")
        } else {
            format!("{first}-{second}-{third}")
        }
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.local_grouped())
    }
}

impl std::str::FromStr for PhoneNumber {
    type Err = PhoneError;
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        PhoneNumber::parse(input)
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = PhoneError;
    fn try_from(input: String) -> Result<Self, Self::Error> {
        PhoneNumber::parse(&input)
    }
}

impl From<PhoneNumber> for String {
    fn from(phone: PhoneNumber) -> String {
        phone.e164
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e164(input: &str) -> String {
        PhoneNumber::parse(input).unwrap().e164().to_owned()
    }

    #[test]
    fn a_phone_written_in_any_usual_form_is_the_same_number() {
        for input in [
            "081234567890",
            "0812 3456 7890",
            "0812-3456-7890",
            "0812.3456.7890",
            "(0812) 3456-7890",
            "6281234567890",
            "+6281234567890",
            "+62 812-3456-7890",
            "+62 (0)812 3456 7890",
            "81234567890",
        ] {
            assert_eq!(e164(input), "+6281234567890", "{input}");
        }
    }

    #[test]
    fn a_phone_is_displayed_in_groups_of_four_after_the_zero() {
        let phone = PhoneNumber::parse("+6281234567890").unwrap();
        assert_eq!(phone.to_string(), "0812-3456-7890");
        assert_eq!(phone.national(), "081234567890");
        assert_eq!(
            PhoneNumber::parse("0812345678").unwrap().local_grouped(),
            "0812-3456-78"
        );
        assert_eq!(
            PhoneNumber::parse("0812345678901").unwrap().local_grouped(),
            "0812-3456-78901"
        );
    }

    #[test]
    fn a_084x_number_is_not_mobile() {
        assert_eq!(
            PhoneNumber::parse("0841234567890"),
            Err(PhoneError::NotMobile)
        );
    }

    #[test]
    fn a_landline_is_not_mobile() {
        // Mojokerto landlines are (0321) …
        assert_eq!(
            PhoneNumber::parse("0321 321234"),
            Err(PhoneError::NotMobile)
        );
        assert_eq!(PhoneNumber::parse("0801234567"), Err(PhoneError::NotMobile));
    }

    #[test]
    fn every_mobile_prefix_81_to_89_except_84_is_accepted() {
        for second in ['1', '2', '3', '5', '6', '7', '8', '9'] {
            assert!(PhoneNumber::parse(&format!("08{second}123456789")).is_ok());
        }
    }

    #[test]
    fn a_foreign_number_is_not_indonesian() {
        assert_eq!(
            PhoneNumber::parse("+60 12 345 6789"),
            Err(PhoneError::NotIndonesian)
        );
    }

    #[test]
    fn a_mobile_number_has_10_to_13_digits_with_the_zero() {
        assert_eq!(PhoneNumber::parse("081234567"), Err(PhoneError::TooShort));
        assert!(PhoneNumber::parse("0812345678").is_ok());
        assert!(PhoneNumber::parse("0812345678901").is_ok());
        assert_eq!(
            PhoneNumber::parse("08123456789012"),
            Err(PhoneError::TooLong)
        );
        assert_eq!(PhoneNumber::parse("08"), Err(PhoneError::TooShort));
    }

    #[test]
    fn a_phone_with_letters_has_an_invalid_character() {
        assert_eq!(
            PhoneNumber::parse("0812-3456-789O"),
            Err(PhoneError::InvalidCharacter)
        );
        assert_eq!(
            PhoneNumber::parse("0812+3456"),
            Err(PhoneError::InvalidCharacter)
        );
    }

    #[test]
    fn an_empty_phone_is_required() {
        assert_eq!(PhoneNumber::parse(""), Err(PhoneError::Empty));
    }

    #[test]
    fn a_phone_serializes_as_e164_and_deserializes_through_the_parser() {
        let phone = PhoneNumber::parse("0812 3456 7890").unwrap();
        assert_eq!(
            serde_json::to_string(&phone).unwrap(),
            r#""+6281234567890""#
        );
        let back: PhoneNumber = serde_json::from_str(r#""0812-3456-7890""#).unwrap();
        assert_eq!(back, phone);
        assert!(serde_json::from_str::<PhoneNumber>(r#""0841234567""#).is_err());
    }
}
