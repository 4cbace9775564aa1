//! Free-text fields (names, places, addresses), email, NIB and RT/RW.
//!
//! Texts are cleaned the same way everywhere: surrounding whitespace trimmed, inner runs of
//! whitespace (including pasted newlines and tabs) collapsed to one space, and invisible
//! zero-width characters removed (they come along when copying from chat apps and would make two
//! identical-looking entries differ). Letter case is kept as typed.
//!
//! Length limits are counted in characters, not bytes, and chosen generously: long enough for any
//! real Indonesian name or address, short enough to catch a paste of the wrong thing.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::errors::coded_error;

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

coded_error! {
    /// Why a text is not an email address.
    pub enum EmailError {
        /// Nothing was entered.
        Empty => "required", "no email entered";
        /// No `@`.
        MissingAt => "email.missing_at", "an email address has an @";
        /// The part before the `@` is empty, has a space, a second `@` or a misplaced dot.
        InvalidLocalPart => "email.invalid_local_part", "the part before the @ is not valid";
        /// The part after the `@` is not a domain like `gmail.com`.
        InvalidDomain => "email.invalid_domain", "the part after the @ is not a domain";
        /// Longer than 254 characters, or more than 64 before the `@`.
        TooLong => "email.too_long", "an email address has at most 254 characters";
    }
}

/// An email address that passes a simple, sane check (not full RFC 5322): `local@domain.tld` with
/// ASCII letters, digits and the usual punctuation. The domain is lowercased; the local part is
/// kept as typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Most characters in an address (RFC 5321 path limit).
    pub const MAX_CHARS: usize = 254;
    const MAX_LOCAL_CHARS: usize = 64;

    /// Trims and checks an address.
    pub fn parse(input: &str) -> Result<Email, EmailError> {
        let address = input.trim();
        if address.is_empty() {
            return Err(EmailError::Empty);
        }
        let (local, domain) = address.rsplit_once('@').ok_or(EmailError::MissingAt)?;
        if address.chars().count() > Self::MAX_CHARS
            || local.chars().count() > Self::MAX_LOCAL_CHARS
        {
            return Err(EmailError::TooLong);
        }
        let local_char = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c);
        if local.is_empty()
            || !local.chars().all(local_char)
            || local.starts_with('.')
            || local.ends_with('.')
            || local.contains("..")
        {
            return Err(EmailError::InvalidLocalPart);
        }
        let labels: Vec<&str> = domain.split('.').collect();
        let label_ok = |label: &&str| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        };
        let top_level_ok = labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
        if labels.len() < 2 || !labels.iter().all(label_ok) || !top_level_ok {
            return Err(EmailError::InvalidDomain);
        }
        Ok(Email(format!("{local}@{}", domain.to_ascii_lowercase())))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;
    fn try_from(input: String) -> Result<Self, Self::Error> {
        Email::parse(&input)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> String {
        email.0
    }
}

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

    #[test]
    fn a_plain_email_is_accepted_with_its_domain_lowercased() {
        assert_eq!(
            Email::parse(" Siti.Aminah@Gmail.COM ").unwrap().as_str(),
            "Siti.Aminah@gmail.com"
        );
        assert!(Email::parse("warung+bu_sri@mojokertokota.go.id").is_ok());
    }

    #[test]
    fn an_email_without_an_at_is_rejected() {
        assert_eq!(Email::parse("siti.gmail.com"), Err(EmailError::MissingAt));
    }

    #[test]
    fn an_email_with_a_bad_local_part_is_rejected() {
        for input in [
            "@gmail.com",
            "si ti@gmail.com",
            "a@b@gmail.com",
            ".siti@gmail.com",
            "si..ti@gmail.com",
        ] {
            assert_eq!(
                Email::parse(input),
                Err(EmailError::InvalidLocalPart),
                "{input}"
            );
        }
    }

    #[test]
    fn an_email_with_a_bad_domain_is_rejected() {
        for input in [
            "siti@gmail",
            "siti@",
            "siti@gmail..com",
            "siti@-gmail.com",
            "siti@gmail.c0m",
            "siti@gmail.c",
        ] {
            assert_eq!(
                Email::parse(input),
                Err(EmailError::InvalidDomain),
                "{input}"
            );
        }
    }

    #[test]
    fn an_overlong_email_is_rejected() {
        let long_local = format!("{}@gmail.com", "a".repeat(65));
        assert_eq!(Email::parse(&long_local), Err(EmailError::TooLong));
        let long_domain = format!("a@{}.com", "b".repeat(260));
        assert_eq!(Email::parse(&long_domain), Err(EmailError::TooLong));
    }

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

    #[test]
    fn texts_deserialize_through_their_parser() {
        let name: PersonName = serde_json::from_str(r#"" Siti  Aminah ""#).unwrap();
        assert_eq!(name.as_str(), "Siti Aminah");
        assert!(serde_json::from_str::<PersonName>(r#""S1ti""#).is_err());
        assert!(serde_json::from_str::<Email>(r#""nope""#).is_err());
    }
}
