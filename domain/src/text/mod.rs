//! Free-text fields (names, places, addresses), email, NIB and RT/RW: one file per kind, the
//! cleaning and the free-text newtypes here.
//!
//! Texts are cleaned the same way everywhere: surrounding whitespace trimmed, inner runs of
//! whitespace (including pasted newlines and tabs) collapsed to one space, and invisible
//! zero-width characters removed (they come along when copying from chat apps and would make two
//! identical-looking entries differ). Letter case is kept as typed.
//!
//! Length limits are counted in characters, not bytes, and chosen generously: long enough for any
//! real Indonesian name or address, short enough to catch a paste of the wrong thing.

mod email;
mod nib;
mod person_name;
mod rt_rw;

use crate::errors::coded_error;

pub use email::{Email, EmailError};
pub use nib::{Nib, NibError};
pub use person_name::{PersonName, PersonNameError};
pub use rt_rw::{Rt, RtRwError, Rw};

coded_error! {
    /// Why a text is not acceptable for a free-text field.
    pub enum TextError {
        /// Nothing was entered.
        Empty => "required", "nothing entered";
        /// Shorter than the field's minimum (see its `MIN_CHARS`).
        TooShort => "text.too_short", "too short";
        /// Longer than the field's maximum (see its `MAX_CHARS`).
        TooLong => "text.too_long", "too long";
        /// Contains a control character other than whitespace.
        ControlCharacter => "text.control_character", "contains an invisible control character";
    }
}

/// Zero-width characters that copy-paste brings along: dropped by [`clean`].
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Trims, collapses inner whitespace to single spaces and drops zero-width characters.
pub fn clean(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for word in input
        .split(char::is_whitespace)
        .filter(|w| !w.chars().all(is_invisible))
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|c| !is_invisible(*c)));
    }
    out
}

/// Cleans `input` and checks it against a field's length limits and for control characters.
pub(crate) fn clean_text(input: &str, min: usize, max: usize) -> Result<String, TextError> {
    let text = clean(input);
    if text.is_empty() {
        return Err(TextError::Empty);
    }
    if text.chars().any(char::is_control) {
        return Err(TextError::ControlCharacter);
    }
    let length = text.chars().count();
    if length < min {
        return Err(TextError::TooShort);
    }
    if length > max {
        return Err(TextError::TooLong);
    }
    Ok(text)
}

/// Declares a cleaned free-text newtype with its length limits, parsed through [`clean_text`].
macro_rules! text_newtype {
    ($(#[$meta:meta])* $name:ident, $min:literal ..= $max:literal) => {
        $(#[$meta])*
        ///
        /// Serialized as the cleaned text; deserializing runs `parse`.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Fewest characters accepted after cleaning.
            pub const MIN_CHARS: usize = $min;
            /// Most characters accepted after cleaning.
            pub const MAX_CHARS: usize = $max;

            /// Cleans the text (see [`crate::text::clean`]) and checks its length and characters.
            pub fn parse(input: &str) -> Result<Self, $crate::text::TextError> {
                $crate::text::clean_text(input, $min, $max).map(Self)
            }

            /// The cleaned text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::text::TextError;
            fn try_from(input: String) -> Result<Self, Self::Error> {
                Self::parse(&input)
            }
        }

        impl From<$name> for String {
            fn from(text: $name) -> String {
                text.0
            }
        }
    };
}
pub(crate) use text_newtype;

text_newtype! {
    /// A business's name as its owner says it, e.g. `Warung Bu Sri`, 2–100 characters.
    BusinessName, 2..=100
}

text_newtype! {
    /// A place name: place of birth, or the city/regency of an address outside Kota Mojokerto,
    /// e.g. `Mojokerto`, `Kab. Jombang`; 2–60 characters.
    PlaceName, 2..=60
}

text_newtype! {
    /// A street address line, e.g. `Jl. Majapahit No. 12`, or a whole free-text address outside the
    /// city; 3–200 characters.
    Street, 3..=200
}

text_newtype! {
    /// Where the business is: a market and stall, a street corner, e.g.
    /// `Pasar Tanjung Anyar, los 12`; 2–100 characters.
    BusinessLocation, 2..=100
}

text_newtype! {
    /// A koperasi's name, e.g. `Koperasi Kelurahan Merah Putih Kauman`; 2–100 characters.
    KoperasiName, 2..=100
}

text_newtype! {
    /// A koperasi's legal registration (badan hukum) number as on its AHU decree, e.g.
    /// `AHU-0001234.AH.01.29.TAHUN 2025`; 3–80 characters. Written many ways in practice, so only
    /// its length is checked.
    LegalNumber, 3..=80
}

text_newtype! {
    /// A member number in a koperasi, in whatever form the koperasi uses; 1–30 characters.
    MemberNumber, 1..=30
}

text_newtype! {
    /// A business type not in the KBLI list, described in words, e.g. `jual pulsa keliling`;
    /// 2–100 characters.
    OtherBusinessType, 2..=100
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_trimmed_and_inner_whitespace_collapsed() {
        let name = BusinessName::parse("  Warung   Bu\tSri \n").unwrap();
        assert_eq!(name.as_str(), "Warung Bu Sri");
    }

    #[test]
    fn zero_width_characters_are_dropped() {
        let name = BusinessName::parse("Warung\u{200B} Bu\u{FEFF}Sri").unwrap();
        assert_eq!(name.as_str(), "Warung BuSri");
    }

    #[test]
    fn a_text_with_a_control_character_is_rejected() {
        assert_eq!(
            BusinessName::parse("Warung\u{7}"),
            Err(TextError::ControlCharacter)
        );
    }

    #[test]
    fn a_text_respects_its_field_limits() {
        assert_eq!(BusinessName::parse("W"), Err(TextError::TooShort));
        assert!(BusinessName::parse(&"W".repeat(100)).is_ok());
        assert_eq!(
            BusinessName::parse(&"W".repeat(101)),
            Err(TextError::TooLong)
        );
        assert_eq!(Street::parse("Jl"), Err(TextError::TooShort));
        assert!(MemberNumber::parse("7").is_ok());
        assert_eq!(PlaceName::parse("   "), Err(TextError::Empty));
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        assert!(BusinessName::parse(&"é".repeat(100)).is_ok());
    }

    #[test]
    fn texts_deserialize_through_their_parser() {
        let name: PersonName = serde_json::from_str(r#"" Siti  Aminah ""#).unwrap();
        assert_eq!(name.as_str(), "Siti Aminah");
        assert!(serde_json::from_str::<PersonName>(r#""S1ti""#).is_err());
        assert!(serde_json::from_str::<Email>(r#""nope""#).is_err());
    }
}
