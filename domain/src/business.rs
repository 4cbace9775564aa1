//! Business types (KBLI 2020) and the number of employees.
//!
//! The list is data, in one place ([`KBLI_LIST`]), from `docs/domain.md` §8 — a third-party list of the
//! codes micro-businesses in markets actually use, not an official extract. Anything not on it is
//! [`BusinessType::Other`] with a free-text description, so the list never blocks a registration.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::errors::coded_error;
use crate::text::OtherBusinessType;

/// One entry of the business-type list.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct KbliEntry {
    /// KBLI 2020 code: five digits (kelompok), or three (golongan) where no single five-digit
    /// code was verified.
    pub code: &'static str,
    /// Label in Indonesian, as shown to officers.
    pub label_id: &'static str,
    /// Label in English.
    pub label_en: &'static str,
    /// Whether the business is in the transport sector, which has a longer PP 50/2025 discount
    /// window (see [`crate::iuran::DISCOUNT_WINDOWS`]).
    pub transport: bool,
}

/// Shorthand for the table below.
const fn entry(
    code: &'static str,
    label_id: &'static str,
    label_en: &'static str,
    transport: bool,
) -> KbliEntry {
    KbliEntry {
        code,
        label_id,
        label_en,
        transport,
    }
}

/// The business types offered in the form, from `docs/domain.md` §8 (KBLI 2020) \[3p\].
///
/// `478` is a three-digit golongan ("kaki lima and los pasar retail"): the source names the family
/// `478xx` without the five-digit subclass, and guessing one would put wrong codes in the data the
/// city hands to BPJS. Replace it with the verified subclasses when the branch supplies them.
pub const KBLI_LIST: &[KbliEntry] = &[
    entry(
        "56102",
        "Warung makan / rumah makan",
        "Food stall (fixed building)",
        false,
    ),
    entry(
        "56103",
        "Kedai makanan (tidak permanen)",
        "Food kiosk (non-permanent stall)",
        false,
    ),
    entry(
        "56104",
        "Makanan keliling / gerobak",
        "Food sold from a cart or on the move",
        false,
    ),
    entry(
        "56109",
        "Penyediaan makanan lainnya",
        "Other food service",
        false,
    ),
    entry(
        "56303",
        "Kedai minuman / kafe",
        "Drinks stall or café",
        false,
    ),
    entry(
        "56306",
        "Minuman keliling",
        "Drinks sold on the move",
        false,
    ),
    entry(
        "478",
        "Pedagang kaki lima dan los pasar",
        "Street-stall and market-stall retail",
        false,
    ),
    entry("47242", "Toko roti dan kue", "Bread and cake retail", false),
    entry("61999", "Penjual pulsa", "Phone-credit seller", false),
    entry("14120", "Penjahit pakaian", "Tailoring", false),
    entry(
        "95291",
        "Permak / reparasi pakaian",
        "Clothing repair",
        false,
    ),
    entry("10391", "Pembuatan tempe", "Tempe making", false),
    entry("10392", "Pembuatan tahu", "Tofu making", false),
    entry("96200", "Laundry / binatu", "Laundry", false),
    entry("49424", "Ojek", "Motorcycle taxi (ojek)", true),
];

coded_error! {
    /// Why a text is not a business type on the list.
    pub enum KbliError {
        /// Nothing was chosen.
        Empty => "required", "no business type chosen";
        /// Not a code on [`KBLI_LIST`] (nor `other`).
        Unknown => "business_type.unknown", "not a business type on the list";
    }
}

/// A business type on [`KBLI_LIST`]. Serialized as its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Kbli(&'static KbliEntry);

impl Kbli {
    /// Every listed type, in list order.
    pub fn all() -> impl Iterator<Item = Kbli> {
        KBLI_LIST.iter().map(Kbli)
    }

    /// The listed type with this code, if any.
    pub fn from_code(code: &str) -> Option<Kbli> {
        let code = code.trim();
        KBLI_LIST.iter().find(|e| e.code == code).map(Kbli)
    }

    /// Parses a listed code.
    pub fn parse(input: &str) -> Result<Kbli, KbliError> {
        if input.trim().is_empty() {
            return Err(KbliError::Empty);
        }
        Kbli::from_code(input).ok_or(KbliError::Unknown)
    }

    /// The KBLI code, e.g. `56102`.
    pub fn code(self) -> &'static str {
        self.0.code
    }

    /// Indonesian label.
    pub fn label_id(self) -> &'static str {
        self.0.label_id
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        self.0.label_en
    }

    /// Whether this is a transport-sector business (e.g. ojek, 49424).
    pub fn is_transport(self) -> bool {
        self.0.transport
    }
}

impl fmt::Display for Kbli {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl TryFrom<String> for Kbli {
    type Error = KbliError;
    fn try_from(input: String) -> Result<Self, Self::Error> {
        Kbli::parse(&input)
    }
}

impl From<Kbli> for String {
    fn from(kbli: Kbli) -> String {
        kbli.code().to_owned()
    }
}

/// The sector that decides which PP 50/2025 discount window applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    /// Transport (e.g. ojek): discount for contribution months January 2026 – March 2027.
    Transport,
    /// Every other sector: discount for April – December 2026.
    Other,
}

/// What the business does: a listed KBLI type, or a description in words.
///
/// Serialized as `{"kbli":"56102"}` or `{"other":"jual pulsa keliling"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BusinessType {
    /// A type on [`KBLI_LIST`].
    Kbli(Kbli),
    /// A type not on the list, in words. Never counted as transport: an ojek driver should pick
    /// 49424 to get the transport discount window.
    Other(OtherBusinessType),
}

impl BusinessType {
    /// What the form's `business.kind` holds when the type is not on the list.
    pub const OTHER_KIND: &'static str = "other";

    /// The sector for the discount windows.
    pub fn sector(&self) -> Sector {
        match self {
            BusinessType::Kbli(kbli) if kbli.is_transport() => Sector::Transport,
            _ => Sector::Other,
        }
    }

    /// The form's `business.kind` value: the KBLI code or [`Self::OTHER_KIND`].
    pub fn kind(&self) -> &'static str {
        match self {
            BusinessType::Kbli(kbli) => kbli.code(),
            BusinessType::Other(_) => Self::OTHER_KIND,
        }
    }
}

coded_error! {
    /// Why a text is not a number of employees.
    pub enum EmployeesError {
        /// Not a whole number.
        NotANumber => "employees.not_a_number", "the number of employees is a whole number";
        /// More than 65,535.
        TooMany => "employees.too_many", "too many employees";
    }
}

/// Parses the number of employees; an empty field means none (most traders work alone).
pub fn parse_employees(input: &str) -> Result<u16, EmployeesError> {
    let digits = input.trim();
    if digits.is_empty() {
        return Ok(0);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(EmployeesError::NotANumber);
    }
    digits.parse().map_err(|_| EmployeesError::TooMany)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_code_is_unique_and_all_digits() {
        let mut codes: Vec<_> = KBLI_LIST.iter().map(|e| e.code).collect();
        assert!(codes.iter().all(|c| c.bytes().all(|b| b.is_ascii_digit())));
        assert!(codes.iter().all(|c| c.len() == 5 || c.len() == 3));
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), KBLI_LIST.len());
    }

    #[test]
    fn ojek_49424_is_transport() {
        let ojek = Kbli::parse("49424").unwrap();
        assert!(ojek.is_transport());
        assert_eq!(BusinessType::Kbli(ojek).sector(), Sector::Transport);
    }

    #[test]
    fn a_warung_makan_is_not_transport() {
        let warung = Kbli::parse("56102").unwrap();
        assert!(!warung.is_transport());
        assert_eq!(warung.label_en(), "Food stall (fixed building)");
    }

    #[test]
    fn an_other_business_type_is_never_transport() {
        let other = BusinessType::Other(OtherBusinessType::parse("ojek pangkalan").unwrap());
        assert_eq!(other.sector(), Sector::Other);
        assert_eq!(other.kind(), "other");
    }

    #[test]
    fn an_unlisted_code_is_unknown() {
        assert_eq!(Kbli::parse("99999"), Err(KbliError::Unknown));
        assert_eq!(Kbli::parse(""), Err(KbliError::Empty));
    }

    #[test]
    fn a_business_type_serializes_with_its_kind() {
        let kbli = BusinessType::Kbli(Kbli::parse("56102").unwrap());
        assert_eq!(serde_json::to_string(&kbli).unwrap(), r#"{"kbli":"56102"}"#);
        let other = BusinessType::Other(OtherBusinessType::parse("jual pulsa").unwrap());
        let json = serde_json::to_string(&other).unwrap();
        assert_eq!(json, r#"{"other":"jual pulsa"}"#);
        assert_eq!(serde_json::from_str::<BusinessType>(&json).unwrap(), other);
    }

    #[test]
    fn an_empty_employee_count_means_none() {
        assert_eq!(parse_employees(""), Ok(0));
        assert_eq!(parse_employees(" 3 "), Ok(3));
        assert_eq!(parse_employees("tiga"), Err(EmployeesError::NotANumber));
        assert_eq!(parse_employees("-1"), Err(EmployeesError::NotANumber));
        assert_eq!(parse_employees("70000"), Err(EmployeesError::TooMany));
    }
}
