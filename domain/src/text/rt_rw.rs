//! RT and RW, the neighbourhood units of an address.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::errors::coded_error;

coded_error! {
    /// Why a text is not an RT or RW number.
    pub enum RtRwError {
        /// Nothing was entered.
        Empty => "required", "no number entered";
        /// Something other than digits.
        NotDigits => "rt_rw.not_digits", "RT and RW are numbers";
        /// More than 3 digits.
        TooLong => "rt_rw.too_long", "RT and RW have at most 3 digits";
        /// 0, 00 or 000: numbering starts at 1.
        Zero => "rt_rw.zero", "RT and RW start at 001";
    }
}

/// Parses 1–3 digits, not all zero, into a number.
fn parse_rt_rw(input: &str) -> Result<u16, RtRwError> {
    let digits = input.trim();
    if digits.is_empty() {
        return Err(RtRwError::Empty);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(RtRwError::NotDigits);
    }
    if digits.len() > 3 {
        return Err(RtRwError::TooLong);
    }
    let value = digits
        .bytes()
        .fold(0u16, |acc, b| acc * 10 + u16::from(b - b'0'));
    if value == 0 {
        return Err(RtRwError::Zero);
    }
    Ok(value)
}

/// Declares the RT and RW newtypes: same rule, different meaning.
macro_rules! rt_rw_newtype {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        ///
        /// 1–3 digits, not zero; stored and shown zero-padded to three digits (`003`), the way it
        /// is printed on a KTP. Serialized as that string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(u16);

        impl $name {
            /// Parses `3`, `03` or `003`.
            pub fn parse(input: &str) -> Result<Self, RtRwError> {
                parse_rt_rw(input).map(Self)
            }

            /// The number (1–999).
            pub const fn number(self) -> u16 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{:03}", self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = RtRwError;
            fn try_from(input: String) -> Result<Self, Self::Error> {
                Self::parse(&input)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.to_string()
            }
        }
    };
}

rt_rw_newtype! {
    /// Rukun Tetangga, the neighbourhood unit of an address.
    Rt
}

rt_rw_newtype! {
    /// Rukun Warga, the community unit (a group of RTs) of an address.
    Rw
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_rt_is_stored_zero_padded_to_three_digits() {
        assert_eq!(Rt::parse("3").unwrap().to_string(), "003");
        assert_eq!(Rt::parse("03").unwrap(), Rt::parse("003").unwrap());
        assert_eq!(Rw::parse("12").unwrap().to_string(), "012");
        assert_eq!(
            serde_json::to_string(&Rw::parse("5").unwrap()).unwrap(),
            r#""005""#
        );
    }

    #[test]
    fn an_rt_of_zero_is_rejected() {
        assert_eq!(Rt::parse("000"), Err(RtRwError::Zero));
        assert_eq!(Rw::parse("0"), Err(RtRwError::Zero));
    }

    #[test]
    fn an_rt_with_four_digits_or_letters_is_rejected() {
        assert_eq!(Rt::parse("0003"), Err(RtRwError::TooLong));
        assert_eq!(Rt::parse("3a"), Err(RtRwError::NotDigits));
        assert_eq!(Rt::parse(" "), Err(RtRwError::Empty));
    }
}
