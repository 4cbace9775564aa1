//! Kota Mojokerto's 3 kecamatan and 18 kelurahan, with their Kemendagri codes.
//!
//! Source: Kepmendagri 300.2.2-2138/2025 (`docs/domain.md` §6). Spellings vary in the field
//! ("Prajurit Kulon", "Gunung Gedangan"), so codes are what is stored and lookups by name ignore
//! case, spaces, dashes and dots. Kranggan was split off in 2016: an older NIK of a Kranggan
//! resident may still start 357601 or 357602, so the NIK region is never checked against the
//! address.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::errors::coded_error;

coded_error! {
    /// Why a text is not a kecamatan of Kota Mojokerto.
    pub enum KecamatanError {
        /// Nothing was chosen.
        Empty => "required", "no kecamatan chosen";
        /// Neither the code nor the name of one of the 3 kecamatan.
        Unknown => "kecamatan.unknown", "not a kecamatan of Kota Mojokerto";
    }
}

coded_error! {
    /// Why a text is not a kelurahan of Kota Mojokerto.
    pub enum KelurahanError {
        /// Nothing was chosen.
        Empty => "required", "no kelurahan chosen";
        /// Neither the code nor the name of one of the 18 kelurahan.
        Unknown => "kelurahan.unknown", "not a kelurahan of Kota Mojokerto";
    }
}

/// A kecamatan (district) of Kota Mojokerto. Serialized as its code (`35.76.01`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Kecamatan {
    /// Prajuritkulon, 35.76.01.
    Prajuritkulon,
    /// Magersari, 35.76.02.
    Magersari,
    /// Kranggan, 35.76.03 (split off in 2016).
    Kranggan,
}

/// The kecamatan as data: (kecamatan, Kemendagri code, name). Order matches the enum.
const KECAMATAN_TABLE: [(Kecamatan, &str, &str); 3] = [
    (Kecamatan::Prajuritkulon, "35.76.01", "Prajuritkulon"),
    (Kecamatan::Magersari, "35.76.02", "Magersari"),
    (Kecamatan::Kranggan, "35.76.03", "Kranggan"),
];

impl Kecamatan {
    /// All three, in code order.
    pub const ALL: [Kecamatan; 3] = [
        Kecamatan::Prajuritkulon,
        Kecamatan::Magersari,
        Kecamatan::Kranggan,
    ];

    /// Kemendagri code, e.g. `35.76.01`.
    pub const fn code(self) -> &'static str {
        KECAMATAN_TABLE[self as usize].1
    }

    /// Official name, e.g. `Prajuritkulon`.
    pub const fn name(self) -> &'static str {
        KECAMATAN_TABLE[self as usize].2
    }

    /// Its kelurahan, in code order.
    pub fn kelurahan(self) -> impl Iterator<Item = Kelurahan> {
        Kelurahan::ALL
            .into_iter()
            .filter(move |k| k.kecamatan() == self)
    }

    /// The kecamatan with this code (dots optional), if any.
    pub fn from_code(code: &str) -> Option<Kecamatan> {
        // The code exactly as the app sends it first: squashing every candidate for every
        // registration was a third of the endpoint's validation time (BENCHMARKS.md).
        Kecamatan::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .or_else(|| Kecamatan::ALL.into_iter().find(|k| same(k.code(), code)))
    }

    /// The kecamatan with this name in any spelling (case, spaces, dashes ignored), if any.
    pub fn from_name(name: &str) -> Option<Kecamatan> {
        Kecamatan::ALL.into_iter().find(|k| same(k.name(), name))
    }

    /// Parses a code or a name.
    pub fn parse(input: &str) -> Result<Kecamatan, KecamatanError> {
        if input.trim().is_empty() {
            return Err(KecamatanError::Empty);
        }
        Kecamatan::from_code(input)
            .or_else(|| Kecamatan::from_name(input))
            .ok_or(KecamatanError::Unknown)
    }
}

impl fmt::Display for Kecamatan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl TryFrom<String> for Kecamatan {
    type Error = KecamatanError;
    fn try_from(input: String) -> Result<Self, Self::Error> {
        Kecamatan::parse(&input)
    }
}

impl From<Kecamatan> for String {
    fn from(kecamatan: Kecamatan) -> String {
        kecamatan.code().to_owned()
    }
}

/// A kelurahan (urban village) of Kota Mojokerto. Serialized as its code (`35.76.01.1003`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Kelurahan {
    /// Mentikan, 35.76.01.1003, in kecamatan Prajuritkulon.
    Mentikan,
    /// Kauman, 35.76.01.1004, in kecamatan Prajuritkulon.
    Kauman,
    /// Pulorejo, 35.76.01.1005, in kecamatan Prajuritkulon.
    Pulorejo,
    /// Prajuritkulon, 35.76.01.1006, in kecamatan Prajuritkulon.
    Prajuritkulon,
    /// Surodinawan, 35.76.01.1007, in kecamatan Prajuritkulon.
    Surodinawan,
    /// Blooto, 35.76.01.1008, in kecamatan Prajuritkulon.
    Blooto,
    /// Gununggedangan, 35.76.02.1001, in kecamatan Magersari.
    Gununggedangan,
    /// Magersari, 35.76.02.1003, in kecamatan Magersari.
    Magersari,
    /// Gedongan, 35.76.02.1004, in kecamatan Magersari.
    Gedongan,
    /// Balongsari, 35.76.02.1008, in kecamatan Magersari.
    Balongsari,
    /// Kedundung, 35.76.02.1009, in kecamatan Magersari.
    Kedundung,
    /// Wates, 35.76.02.1010, in kecamatan Magersari.
    Wates,
    /// Kranggan, 35.76.03.1001, in kecamatan Kranggan.
    Kranggan,
    /// Miji, 35.76.03.1002, in kecamatan Kranggan.
    Miji,
    /// Meri, 35.76.03.1003, in kecamatan Kranggan.
    Meri,
    /// Jagalan, 35.76.03.1004, in kecamatan Kranggan.
    Jagalan,
    /// Sentanan, 35.76.03.1005, in kecamatan Kranggan.
    Sentanan,
    /// Purwotengah, 35.76.03.1006, in kecamatan Kranggan.
    Purwotengah,
}

/// The kelurahan as data: (kelurahan, Kemendagri code, official name, kecamatan).
/// Order matches the enum; a test checks it.
const KELURAHAN_TABLE: [(Kelurahan, &str, &str, Kecamatan); 18] = {
    use Kecamatan as C;
    use Kelurahan as K;
    [
        (K::Mentikan, "35.76.01.1003", "Mentikan", C::Prajuritkulon),
        (K::Kauman, "35.76.01.1004", "Kauman", C::Prajuritkulon),
        (K::Pulorejo, "35.76.01.1005", "Pulorejo", C::Prajuritkulon),
        (
            K::Prajuritkulon,
            "35.76.01.1006",
            "Prajuritkulon",
            C::Prajuritkulon,
        ),
        (
            K::Surodinawan,
            "35.76.01.1007",
            "Surodinawan",
            C::Prajuritkulon,
        ),
        (K::Blooto, "35.76.01.1008", "Blooto", C::Prajuritkulon),
        (
            K::Gununggedangan,
            "35.76.02.1001",
            "Gununggedangan",
            C::Magersari,
        ),
        (K::Magersari, "35.76.02.1003", "Magersari", C::Magersari),
        (K::Gedongan, "35.76.02.1004", "Gedongan", C::Magersari),
        (K::Balongsari, "35.76.02.1008", "Balongsari", C::Magersari),
        (K::Kedundung, "35.76.02.1009", "Kedundung", C::Magersari),
        (K::Wates, "35.76.02.1010", "Wates", C::Magersari),
        (K::Kranggan, "35.76.03.1001", "Kranggan", C::Kranggan),
        (K::Miji, "35.76.03.1002", "Miji", C::Kranggan),
        (K::Meri, "35.76.03.1003", "Meri", C::Kranggan),
        (K::Jagalan, "35.76.03.1004", "Jagalan", C::Kranggan),
        (K::Sentanan, "35.76.03.1005", "Sentanan", C::Kranggan),
        (K::Purwotengah, "35.76.03.1006", "Purwotengah", C::Kranggan),
    ]
};

impl Kelurahan {
    /// All eighteen, in code order.
    pub const ALL: [Kelurahan; 18] = {
        let mut all = [Kelurahan::Mentikan; 18];
        let mut i = 0;
        while i < 18 {
            all[i] = KELURAHAN_TABLE[i].0;
            i += 1;
        }
        all
    };

    /// Kemendagri code, e.g. `35.76.01.1003`.
    pub const fn code(self) -> &'static str {
        KELURAHAN_TABLE[self as usize].1
    }

    /// Official name (Kepmendagri spelling), e.g. `Prajuritkulon`.
    pub const fn name(self) -> &'static str {
        KELURAHAN_TABLE[self as usize].2
    }

    /// The kecamatan it belongs to.
    pub const fn kecamatan(self) -> Kecamatan {
        KELURAHAN_TABLE[self as usize].3
    }

    /// The kelurahan with this code (dots and spaces optional: `3576011003`), if any.
    pub fn from_code(code: &str) -> Option<Kelurahan> {
        // The code exactly as the app sends it first: squashing every candidate for every
        // registration was a third of the endpoint's validation time (BENCHMARKS.md).
        Kelurahan::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .or_else(|| Kelurahan::ALL.into_iter().find(|k| same(k.code(), code)))
    }

    /// The kelurahan with this name in either spelling — `Prajurit Kulon` / `prajuritkulon`,
    /// `Gunung Gedangan` — if any. Case, spaces, dashes and dots are ignored.
    pub fn from_name(name: &str) -> Option<Kelurahan> {
        Kelurahan::ALL.into_iter().find(|k| same(k.name(), name))
    }

    /// Parses a code or a name (what a select or a typed search gives).
    pub fn parse(input: &str) -> Result<Kelurahan, KelurahanError> {
        if input.trim().is_empty() {
            return Err(KelurahanError::Empty);
        }
        Kelurahan::from_code(input)
            .or_else(|| Kelurahan::from_name(input))
            .ok_or(KelurahanError::Unknown)
    }

    /// The kelurahan whose name contains `query` in any spelling, in code order: for a
    /// search-as-you-type list. An empty query gives all eighteen.
    pub fn search(query: &str) -> impl Iterator<Item = Kelurahan> {
        let wanted = squash(query);
        Kelurahan::ALL
            .into_iter()
            .filter(move |k| squash(k.name()).contains(&wanted))
    }
}

/// Lowercase ASCII with spaces, dashes, dots and underscores removed: "Prajurit Kulon" and
/// "prajuritkulon" compare equal, as do "35.76.01.1003" and "3576011003".
fn squash(text: &str) -> String {
    squashed(text).collect()
}

/// The characters of `text` that [`squash`] keeps, lowercased, one at a time.
fn squashed(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '_'))
        .flat_map(char::to_lowercase)
}

/// Whether two texts are the same once squashed, without building either: the endpoint looks
/// a kelurahan up for every registration it receives, and a new string for each of the 18
/// candidates was 7–13 % of its CPU time at ingest (BENCHMARKS.md, the profile).
fn same(a: &str, b: &str) -> bool {
    a == b || squashed(a).eq(squashed(b))
}

impl fmt::Display for Kelurahan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl TryFrom<String> for Kelurahan {
    type Error = KelurahanError;
    fn try_from(input: String) -> Result<Self, Self::Error> {
        Kelurahan::parse(&input)
    }
}

impl From<Kelurahan> for String {
    fn from(kelurahan: Kelurahan) -> String {
        kelurahan.code().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_follow_the_enum_order() {
        for (i, row) in KELURAHAN_TABLE.iter().enumerate() {
            assert_eq!(row.0 as usize, i);
        }
        for (i, row) in KECAMATAN_TABLE.iter().enumerate() {
            assert_eq!(row.0 as usize, i);
        }
    }

    #[test]
    fn kota_mojokerto_has_three_kecamatan_of_six_kelurahan_each() {
        assert_eq!(Kelurahan::ALL.len(), 18);
        for kecamatan in Kecamatan::ALL {
            assert_eq!(kecamatan.kelurahan().count(), 6);
        }
    }

    #[test]
    fn every_kelurahan_code_starts_with_its_kecamatan_code() {
        for kelurahan in Kelurahan::ALL {
            assert!(kelurahan.code().starts_with(kelurahan.kecamatan().code()));
            assert_eq!(kelurahan.code().len(), "35.76.01.1003".len());
        }
    }

    #[test]
    fn mentikan_is_35_76_01_1003_in_prajuritkulon() {
        assert_eq!(Kelurahan::Mentikan.code(), "35.76.01.1003");
        assert_eq!(Kelurahan::Mentikan.kecamatan(), Kecamatan::Prajuritkulon);
        assert_eq!(
            Kelurahan::from_code("35.76.01.1003"),
            Some(Kelurahan::Mentikan)
        );
        assert_eq!(
            Kelurahan::from_code("3576011003"),
            Some(Kelurahan::Mentikan)
        );
    }

    #[test]
    fn a_kelurahan_is_found_by_name_in_either_spelling() {
        assert_eq!(
            Kelurahan::parse("Prajurit Kulon"),
            Ok(Kelurahan::Prajuritkulon)
        );
        assert_eq!(
            Kelurahan::parse("prajuritkulon"),
            Ok(Kelurahan::Prajuritkulon)
        );
        assert_eq!(
            Kelurahan::parse("Gunung Gedangan"),
            Ok(Kelurahan::Gununggedangan)
        );
        assert_eq!(
            Kelurahan::parse("  PURWO TENGAH "),
            Ok(Kelurahan::Purwotengah)
        );
    }

    #[test]
    fn a_kelurahan_outside_the_city_is_unknown() {
        assert_eq!(Kelurahan::parse("Sooko"), Err(KelurahanError::Unknown));
        assert_eq!(
            Kelurahan::parse("35.16.01.1001"),
            Err(KelurahanError::Unknown)
        );
        assert_eq!(Kelurahan::parse(""), Err(KelurahanError::Empty));
    }

    #[test]
    fn a_kecamatan_is_found_by_code_or_name() {
        assert_eq!(Kecamatan::parse("35.76.03"), Ok(Kecamatan::Kranggan));
        assert_eq!(
            Kecamatan::parse("Prajurit Kulon"),
            Ok(Kecamatan::Prajuritkulon)
        );
        assert_eq!(Kecamatan::parse("Sooko"), Err(KecamatanError::Unknown));
    }

    #[test]
    fn searching_gunung_finds_gununggedangan() {
        let found: Vec<_> = Kelurahan::search("gunung").collect();
        assert_eq!(found, [Kelurahan::Gununggedangan]);
        assert_eq!(Kelurahan::search("").count(), 18);
    }

    #[test]
    fn a_kelurahan_serializes_as_its_code() {
        let json = serde_json::to_string(&Kelurahan::Kauman).unwrap();
        assert_eq!(json, r#""35.76.01.1004""#);
        assert_eq!(
            serde_json::from_str::<Kelurahan>(&json).unwrap(),
            Kelurahan::Kauman
        );
    }
}
