//! Sex as recorded on the KTP (L / P), which the NIK also encodes.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::errors::coded_error;

coded_error! {
    /// Why a text is not a sex.
    pub enum SexError {
        /// Nothing was chosen.
        Empty => "required", "no sex chosen";
        /// Not one of the accepted spellings.
        Unknown => "sex.unknown", "sex is L (laki-laki) or P (perempuan)";
    }
}

/// Sex as on the KTP. Serialized as `"L"` (laki-laki) or `"P"` (perempuan), the letters BPJS
/// hand-over sheets use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Sex {
    /// Laki-laki.
    Male,
    /// Perempuan: the NIK's birth day is the day of the month plus 40.
    Female,
}

impl Sex {
    /// Parses `L`/`P`, `laki-laki`/`perempuan`, `pria`/`wanita` and the English `M`/`F`,
    /// `male`/`female`, ignoring case and surrounding whitespace.
    pub fn parse(input: &str) -> Result<Sex, SexError> {
        let input = input.trim().to_lowercase();
        match input.as_str() {
            "" => Err(SexError::Empty),
            "l" | "lk" | "laki-laki" | "laki laki" | "lakilaki" | "laki" | "pria" | "m"
            | "male" => Ok(Sex::Male),
            "p" | "pr" | "perempuan" | "wanita" | "w" | "f" | "female" => Ok(Sex::Female),
            _ => Err(SexError::Unknown),
        }
    }

    /// `"L"` or `"P"`.
    pub const fn code(self) -> &'static str {
        match self {
            Sex::Male => "L",
            Sex::Female => "P",
        }
    }
}

impl fmt::Display for Sex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl TryFrom<String> for Sex {
    type Error = SexError;
    fn try_from(input: String) -> Result<Self, Self::Error> {
        Sex::parse(&input)
    }
}

impl From<Sex> for String {
    fn from(sex: Sex) -> String {
        sex.code().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sex_accepts_indonesian_and_english_spellings() {
        for input in ["L", "l", " Laki-laki ", "pria", "M", "male"] {
            assert_eq!(Sex::parse(input), Ok(Sex::Male), "{input}");
        }
        for input in ["P", "Perempuan", "WANITA", "F", "female"] {
            assert_eq!(Sex::parse(input), Ok(Sex::Female), "{input}");
        }
    }

    #[test]
    fn an_unknown_sex_is_rejected_and_an_empty_one_is_required() {
        assert_eq!(Sex::parse("x"), Err(SexError::Unknown));
        assert_eq!(Sex::parse(""), Err(SexError::Empty));
    }

    #[test]
    fn sex_serializes_as_l_or_p() {
        assert_eq!(serde_json::to_string(&Sex::Female).unwrap(), r#""P""#);
        assert_eq!(serde_json::from_str::<Sex>(r#""L""#).unwrap(), Sex::Male);
    }
}
