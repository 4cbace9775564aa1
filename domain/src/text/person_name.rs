//! A person's name as on the KTP.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::clean;
use crate::errors::coded_error;

coded_error! {
    /// Why a text is not a person's name.
    pub enum PersonNameError {
        /// Nothing was entered.
        Empty => "required", "no name entered";
        /// Fewer than 2 characters.
        TooShort => "person_name.too_short", "a name has at least 2 characters";
        /// More than 100 characters.
        TooLong => "person_name.too_long", "a name has at most 100 characters";
        /// A digit, symbol or control character: names on a KTP have letters, spaces and . ' , -
        InvalidCharacter => "person_name.invalid_character", "a name has only letters, spaces and . ' , -";
    }
}

/// A person's name as on the KTP (or a mother's maiden name), e.g. `Siti Aminah`, `Moh. Ali`,
/// `Ni'mah`. Letters of any script, spaces and `. ' ’ , -`; 2–100 characters; case kept as typed.
///
/// Mononyms are fine: many Javanese have a single name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

impl PersonName {
    /// Fewest characters accepted after cleaning.
    pub const MIN_CHARS: usize = 2;
    /// Most characters accepted after cleaning.
    pub const MAX_CHARS: usize = 100;

    /// Cleans the name (see [`clean`]) and checks its characters and length.
    pub fn parse(input: &str) -> Result<PersonName, PersonNameError> {
        let name = clean(input);
        if name.is_empty() {
            return Err(PersonNameError::Empty);
        }
        let allowed =
            |c: char| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '’' | ',' | '-');
        if !name.chars().all(allowed) || !name.chars().any(char::is_alphabetic) {
            return Err(PersonNameError::InvalidCharacter);
        }
        let length = name.chars().count();
        if length < Self::MIN_CHARS {
            return Err(PersonNameError::TooShort);
        }
        if length > Self::MAX_CHARS {
            return Err(PersonNameError::TooLong);
        }
        Ok(PersonName(name))
    }

    /// The cleaned name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PersonName {
    type Error = PersonNameError;
    fn try_from(input: String) -> Result<Self, Self::Error> {
        PersonName::parse(&input)
    }
}

impl From<PersonName> for String {
    fn from(name: PersonName) -> String {
        name.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_name_keeps_letters_and_name_punctuation() {
        for name in [
            "Siti Aminah",
            "Moh. Ali",
            "Ni'mah",
            "Ni’mah",
            "Sri-Rahayu",
            "Sukarni",
            "Ló",
        ] {
            assert!(PersonName::parse(name).is_ok(), "{name}");
        }
        assert_eq!(
            PersonName::parse("  SITI   AMINAH ").unwrap().as_str(),
            "SITI AMINAH"
        );
    }

    #[test]
    fn a_person_name_with_a_digit_is_rejected() {
        assert_eq!(
            PersonName::parse("S1ti"),
            Err(PersonNameError::InvalidCharacter)
        );
        assert_eq!(
            PersonName::parse("Siti @"),
            Err(PersonNameError::InvalidCharacter)
        );
        assert_eq!(
            PersonName::parse("..."),
            Err(PersonNameError::InvalidCharacter)
        );
    }

    #[test]
    fn a_person_name_has_two_to_a_hundred_characters() {
        assert_eq!(PersonName::parse("S"), Err(PersonNameError::TooShort));
        assert_eq!(
            PersonName::parse(&"a".repeat(101)),
            Err(PersonNameError::TooLong)
        );
        assert_eq!(PersonName::parse(""), Err(PersonNameError::Empty));
    }
}
