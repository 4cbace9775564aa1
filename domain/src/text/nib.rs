//! The business identification number (NIB).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::errors::coded_error;

coded_error! {
    /// Why a text is not a NIB.
    pub enum NibError {
        /// Nothing was entered.
        Empty => "required", "no NIB entered";
        /// Something other than digits, spaces, dots or dashes.
        NotDigits => "nib.not_digits", "a NIB has only digits";
        /// Not 13 digits.
        Length => "nib.length", "a NIB has 13 digits";
    }
}

/// Nomor Induk Berusaha, the business identification number from OSS: 13 digits.
/// Spaces, dots and dashes are ignored on input.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nib(String);

impl Nib {
    /// Number of digits in a NIB.
    pub const DIGITS: usize = 13;

    /// Parses a NIB.
    pub fn parse(input: &str) -> Result<Nib, NibError> {
        if input.trim().is_empty() {
            return Err(NibError::Empty);
        }
        let mut digits = String::with_capacity(Self::DIGITS);
        for c in input.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '.' | '-' => {}
                c if c.is_whitespace() => {}
                _ => return Err(NibError::NotDigits),
            }
        }
        if digits.len() != Self::DIGITS {
            return Err(NibError::Length);
        }
        Ok(Nib(digits))
    }

    /// The 13 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Nib {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Nib {
    type Error = NibError;
    fn try_from(input: String) -> Result<Self, Self::Error> {
        Nib::parse(&input)
    }
}

impl From<Nib> for String {
    fn from(nib: Nib) -> String {
        nib.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nib_has_thirteen_digits() {
        assert_eq!(
            Nib::parse("1234 5678 90123").unwrap().as_str(),
            "1234567890123"
        );
        assert_eq!(Nib::parse("123456789012"), Err(NibError::Length));
        assert_eq!(Nib::parse("12345678901234"), Err(NibError::Length));
        assert_eq!(Nib::parse("12345678901X3"), Err(NibError::NotDigits));
        assert_eq!(Nib::parse(""), Err(NibError::Empty));
    }
}
