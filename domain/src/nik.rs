//! NIK (Nomor Induk Kependudukan), the 16-digit population number on the KTP.
//!
//! Layout (`docs/domain.md` §5): province(2) regency/city(2) district(2) birth date DDMMYY serial(4).
//! Women have 40 added to the day. There is no check digit, so offline only the structure can be
//! checked; identity is verified online against Dukcapil, not here.
//!
//! The region is where the NIK was first issued and never changes: a NIK from outside Kota
//! Mojokerto (3576) is valid — people move in, and Kabupaten Mojokerto (3516) residents trade in
//! the city's markets. [`Nik::is_kota_mojokerto`] only reports it.
//!
//! Without a check digit, the one offline hint of a typo is the region: digits 1–4 that name no
//! regency or city Kemendagri has ever numbered ([`regency_codes`], `docs/domain.md` §11) make
//! [`Nik::likely_typo`] warn. A warning only: the NIK stays valid.

pub mod regency_codes;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::{Date, days_in_month};
use crate::errors::coded_error;
use crate::sex::Sex;

coded_error! {
    /// Why a text is not a NIK.
    pub enum NikError {
        /// Nothing was entered.
        Empty => "required", "no NIK entered";
        /// Something other than digits, spaces, dots or dashes.
        NotDigits => "nik.not_digits", "a NIK has only digits";
        /// Not 16 digits.
        Length => "nik.length", "a NIK has 16 digits";
        /// Digits 9–10 (birth month) are not 01–12.
        MonthOutOfRange => "nik.month_out_of_range", "the NIK's birth month is not 01-12";
        /// Digits 7–8 (birth day) are 00, 32–40 or above 71.
        DayOutOfRange => "nik.day_out_of_range", "the NIK's birth day is not 01-31 or 41-71";
        /// The birth day does not exist in its month (31 April; 29 February in a non-leap year).
        ImpossibleDate => "nik.impossible_date", "the NIK's birth date does not exist";
        /// The serial (last 4 digits) is 0000; serials start at 0001.
        SerialZero => "nik.serial_zero", "the NIK's serial number cannot be 0000";
    }
}

/// A hint about a NIK that parsed: shown next to the field, never a reason to refuse it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NikWarning {
    /// Digits 1–4 are not a regency or city code Kemendagri has used (now or formerly): most
    /// likely mistyped, worth checking against the KTP.
    UnknownRegion,
}

impl NikWarning {
    /// Every warning.
    pub const ALL: &'static [NikWarning] = &[NikWarning::UnknownRegion];

    /// A stable code the app translates, like an error code (but not one of
    /// [`crate::ALL_ERROR_CODES`]: nothing is refused for it).
    pub const fn code(self) -> &'static str {
        match self {
            NikWarning::UnknownRegion => "nik.unknown_region",
        }
    }
}

/// The regency/city code of Kota Mojokerto.
pub const KOTA_MOJOKERTO_REGENCY_CODE: &str = "3576";

/// What women have added to the birth day in a NIK.
const FEMALE_DAY_OFFSET: u8 = 40;

/// A structurally valid NIK: 16 ASCII digits with a possible birth date and a non-zero serial.
///
/// Serialized as the 16 digits; deserializing runs [`Nik::parse`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nik([u8; 16]);

impl Nik {
    /// Parses a NIK, ignoring spaces, dots and dashes (people copy it grouped, e.g.
    /// `3576 0145 0790 0001`).
    ///
    /// The two-digit birth year is checked for 29 February as if `yy % 4 == 0` meant a leap year.
    /// That is exact for 1904–2096; the one exception near us is `00`, which counts as leap
    /// because it resolves to 2000 for anyone registering after 2000 (see [`Nik::birth_date`]).
    pub fn parse(input: &str) -> Result<Nik, NikError> {
        if input.trim().is_empty() {
            return Err(NikError::Empty);
        }
        let mut digits = [0u8; 16];
        let mut count = 0;
        for c in input.chars() {
            match c {
                '0'..='9' => {
                    if count < digits.len() {
                        digits[count] = c as u8;
                    }
                    count += 1;
                }
                ' ' | '.' | '-' => {}
                c if c.is_whitespace() => {}
                _ => return Err(NikError::NotDigits),
            }
        }
        if count != digits.len() {
            return Err(NikError::Length);
        }
        let nik = Nik(digits);
        let month = nik.birth_month();
        if !(1..=12).contains(&month) {
            return Err(NikError::MonthOutOfRange);
        }
        let coded_day = nik.two_digits(6);
        if !(1..=31).contains(&coded_day) && !(41..=71).contains(&coded_day) {
            return Err(NikError::DayOutOfRange);
        }
        // yy % 4 == 0 as the leap rule: see the doc comment above.
        let leap_proxy_year = 2000 + u16::from(nik.birth_year_two_digits());
        if nik.birth_day() > days_in_month(leap_proxy_year, month) {
            return Err(NikError::ImpossibleDate);
        }
        if nik.serial() == 0 {
            return Err(NikError::SerialZero);
        }
        Ok(nik)
    }

    /// The 16 digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("a Nik holds only ASCII digits")
    }

    fn two_digits(&self, at: usize) -> u8 {
        (self.0[at] - b'0') * 10 + (self.0[at + 1] - b'0')
    }

    /// Province code, digits 1–2 (`35` = Jawa Timur).
    pub fn province_code(&self) -> &str {
        &self.as_str()[..2]
    }

    /// Regency/city code, digits 1–4 (`3576` = Kota Mojokerto, `3516` = Kabupaten Mojokerto).
    pub fn regency_code(&self) -> &str {
        &self.as_str()[..4]
    }

    /// Region (district) code, digits 1–6 (`357601` = Prajuritkulon), where the NIK was issued.
    pub fn region_code(&self) -> &str {
        &self.as_str()[..6]
    }

    /// Whether the NIK was issued in Kota Mojokerto (starts with 3576). Informational only: NIKs
    /// from elsewhere are valid.
    pub fn is_kota_mojokerto(&self) -> bool {
        self.regency_code() == KOTA_MOJOKERTO_REGENCY_CODE
    }

    /// Whether digits 1–4 are a regency or city code Kemendagri uses now or used before a split
    /// or renumbering ([`regency_codes::CURRENT`], [`regency_codes::FORMER`]).
    pub fn region_is_known(&self) -> bool {
        let code = u16::from(self.two_digits(0)) * 100 + u16::from(self.two_digits(2));
        regency_codes::CURRENT.binary_search(&code).is_ok()
            || regency_codes::FORMER.binary_search(&code).is_ok()
    }

    /// The warning to show beside this NIK, if any: an unknown region is a likely typo (there
    /// is no check digit to catch one). Never a refusal.
    pub fn likely_typo(&self) -> Option<NikWarning> {
        (!self.region_is_known()).then_some(NikWarning::UnknownRegion)
    }

    /// Sex: female when the coded day is above 40.
    pub fn sex(&self) -> Sex {
        if self.two_digits(6) > FEMALE_DAY_OFFSET {
            Sex::Female
        } else {
            Sex::Male
        }
    }

    /// Day of the month of birth (1–31), with the 40 for women removed.
    pub fn birth_day(&self) -> u8 {
        let coded = self.two_digits(6);
        if coded > FEMALE_DAY_OFFSET {
            coded - FEMALE_DAY_OFFSET
        } else {
            coded
        }
    }

    /// Month of birth (1–12).
    pub fn birth_month(&self) -> u8 {
        self.two_digits(8)
    }

    /// The two-digit year of birth (0–99), century unknown.
    pub fn birth_year_two_digits(&self) -> u8 {
        self.two_digits(10)
    }

    /// The serial number, digits 13–16 (1–9999).
    pub fn serial(&self) -> u16 {
        self.0[12..]
            .iter()
            .fold(0u16, |acc, d| acc * 10 + u16::from(d - b'0'))
    }

    /// The birth date, with the century resolved against `today`: the latest year ending in the
    /// NIK's two digits whose date is not after `today`.
    ///
    /// So a NIK's birth date is never in the future by construction — which is why there is no
    /// `parse_at(input, today)`: it could never reject anything `parse` accepts. A person born
    /// more than 100 years before `today` cannot be told apart from one born in the century after
    /// and resolves to the younger; the registration rules compare the entered birth date with the
    /// NIK's day, month and two-digit year instead (see [`Nik::matches_birth_date`]), so a
    /// centenarian is not falsely flagged there.
    ///
    /// If the resolved year is a non-leap century year (1900, 2100) and the NIK says 29 February,
    /// the century before is taken (2000 is a leap year).
    pub fn birth_date(&self, today: Date) -> Date {
        let (yy, month, day) = (
            u16::from(self.birth_year_two_digits()),
            self.birth_month(),
            self.birth_day(),
        );
        let mut century = today.year() / 100 * 100;
        loop {
            if let Ok(date) = Date::new(century + yy, month, day)
                && date <= today
            {
                return date;
            }
            if century < 100 {
                // Only reachable for a `today` in the first century AD; 2000+yy always exists
                // (parse checked it with the 2000s leap rule).
                return Date::from_parts_unchecked(2000 + yy, month, day);
            }
            century -= 100;
        }
    }

    /// Whether `date` has the NIK's day, month and two-digit year. This is the check a
    /// registration makes against the entered birth date; it needs no century.
    pub fn matches_birth_date(&self, date: Date) -> bool {
        date.day() == self.birth_day()
            && date.month() == self.birth_month()
            && date.year() % 100 == u16::from(self.birth_year_two_digits())
    }

    /// The NIK with its birth-date digits hidden, e.g. `357601******0001`: what a receipt kept on a
    /// shared phone holds once the full record has been handed to the city.
    pub fn masked(&self) -> String {
        format!("{}******{}", &self.as_str()[..6], &self.as_str()[12..])
    }
}

/// The last four digits of a NIK as typed, or of a masked one (`357601******0001` → `0001`):
/// what a list searches and shows. Fewer if fewer digits were typed.
pub fn last_four(text: &str) -> String {
    let digits: Vec<char> = text.chars().filter(char::is_ascii_digit).collect();
    digits[digits.len().saturating_sub(4)..].iter().collect()
}

/// A NIK as screens show it: only its last four digits, `•••• •••• •••• 0001`, from a NIK as
/// typed or masked. Empty when there are no digits. The one way a NIK is shown on a phone that
/// may be lent: the birth date and region stay hidden.
pub fn display_masked(text: &str) -> String {
    let last = last_four(text);
    if last.is_empty() {
        String::new()
    } else {
        format!("•••• •••• •••• {last}")
    }
}

impl fmt::Display for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Debug shows the masked form: a NIK is sensitive and debug output ends up in logs.
impl fmt::Debug for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nik({})", self.masked())
    }
}

impl std::str::FromStr for Nik {
    type Err = NikError;
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Nik::parse(input)
    }
}

impl TryFrom<String> for Nik {
    type Error = NikError;
    fn try_from(input: String) -> Result<Self, Self::Error> {
        Nik::parse(&input)
    }
}

impl From<Nik> for String {
    fn from(nik: Nik) -> String {
        nik.as_str().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    const TODAY: &str = "2026-06-15";

    #[test]
    fn a_nik_with_day_05_is_a_man_born_on_the_fifth() {
        let nik = Nik::parse("3576010507900001").unwrap();
        assert_eq!(nik.sex(), Sex::Male);
        assert_eq!(nik.birth_date(date(TODAY)), date("1990-07-05"));
    }

    #[test]
    fn a_nik_with_day_41_is_a_woman_born_on_the_first() {
        let nik = Nik::parse("3576014107900001").unwrap();
        assert_eq!(nik.sex(), Sex::Female);
        assert_eq!(nik.birth_day(), 1);
        assert_eq!(nik.birth_date(date(TODAY)), date("1990-07-01"));
    }

    #[test]
    fn a_nik_with_day_71_is_a_woman_born_on_the_thirty_first() {
        let nik = Nik::parse("3576017101850002").unwrap();
        assert_eq!(nik.sex(), Sex::Female);
        assert_eq!(nik.birth_date(date(TODAY)), date("1985-01-31"));
    }

    #[test]
    fn a_nik_written_with_spaces_dots_and_dashes_is_accepted() {
        let plain = Nik::parse("3576010507900001").unwrap();
        assert_eq!(Nik::parse("3576 0105 0790 0001"), Ok(plain));
        assert_eq!(Nik::parse("35.76.01-050790-0001"), Ok(plain));
        assert_eq!(Nik::parse(" 3576010507900001\n"), Ok(plain));
    }

    #[test]
    fn a_nik_with_letters_is_not_digits() {
        assert_eq!(Nik::parse("35760105079O0001"), Err(NikError::NotDigits));
    }

    #[test]
    fn a_nik_with_15_or_17_digits_has_the_wrong_length() {
        assert_eq!(Nik::parse("357601050790001"), Err(NikError::Length));
        assert_eq!(Nik::parse("35760105079000011"), Err(NikError::Length));
    }

    #[test]
    fn an_empty_nik_is_required() {
        assert_eq!(Nik::parse(" "), Err(NikError::Empty));
    }

    #[test]
    fn a_nik_with_day_00_is_rejected() {
        assert_eq!(Nik::parse("3576010007900001"), Err(NikError::DayOutOfRange));
    }

    #[test]
    fn a_nik_with_day_32_to_40_is_rejected() {
        for day in 32..=40 {
            let nik = format!("357601{day:02}07900001");
            assert_eq!(Nik::parse(&nik), Err(NikError::DayOutOfRange), "{nik}");
        }
    }

    #[test]
    fn a_nik_with_day_above_71_is_rejected() {
        assert_eq!(Nik::parse("3576017207900001"), Err(NikError::DayOutOfRange));
        assert_eq!(Nik::parse("3576019907900001"), Err(NikError::DayOutOfRange));
    }

    #[test]
    fn a_nik_with_month_00_or_13_is_rejected() {
        assert_eq!(
            Nik::parse("3576010500900001"),
            Err(NikError::MonthOutOfRange)
        );
        assert_eq!(
            Nik::parse("3576010513900001"),
            Err(NikError::MonthOutOfRange)
        );
    }

    #[test]
    fn a_nik_born_on_the_thirty_first_of_april_is_impossible() {
        assert_eq!(
            Nik::parse("3576013104900001"),
            Err(NikError::ImpossibleDate)
        );
        // The same for a woman (31 + 40).
        assert_eq!(
            Nik::parse("3576017104900001"),
            Err(NikError::ImpossibleDate)
        );
    }

    #[test]
    fn a_nik_born_on_the_twenty_ninth_of_february_needs_a_leap_year() {
        assert!(Nik::parse("3576012902880001").is_ok());
        assert_eq!(
            Nik::parse("3576012902890001"),
            Err(NikError::ImpossibleDate)
        );
    }

    #[test]
    fn a_nik_born_on_the_twenty_ninth_of_february_00_is_the_year_2000() {
        let nik = Nik::parse("3576016902000001").unwrap();
        assert_eq!(nik.birth_date(date(TODAY)), date("2000-02-29"));
    }

    #[test]
    fn a_nik_with_serial_0000_is_rejected() {
        assert_eq!(Nik::parse("3576010507900000"), Err(NikError::SerialZero));
    }

    #[test]
    fn a_nik_issued_outside_the_city_is_accepted() {
        let kabupaten = Nik::parse("3516010507900001").unwrap();
        assert!(!kabupaten.is_kota_mojokerto());
        let jakarta = Nik::parse("3171010507900001").unwrap();
        assert!(!jakarta.is_kota_mojokerto());
    }

    #[test]
    fn a_nik_starting_3576_is_from_kota_mojokerto() {
        let nik = Nik::parse("3576030507900001").unwrap();
        assert!(nik.is_kota_mojokerto());
        assert_eq!(nik.province_code(), "35");
        assert_eq!(nik.regency_code(), "3576");
        assert_eq!(nik.region_code(), "357603");
        assert_eq!(nik.serial(), 1);
    }

    #[test]
    fn the_century_is_the_latest_not_in_the_future() {
        let today = date(TODAY);
        // 15 June 26 is today: 2026.
        assert_eq!(
            Nik::parse("3576011506260001").unwrap().birth_date(today),
            date("2026-06-15")
        );
        // 16 June 26 would be tomorrow: 1926.
        assert_eq!(
            Nik::parse("3576011606260001").unwrap().birth_date(today),
            date("1926-06-16")
        );
        assert_eq!(
            Nik::parse("3576010101990001").unwrap().birth_date(today),
            date("1999-01-01")
        );
    }

    #[test]
    fn a_twenty_ninth_of_february_in_a_non_leap_century_falls_back_a_century() {
        // Resolved against 2100-03-01, "00" would be 2100, which has no 29 February.
        let nik = Nik::parse("3576012902000001").unwrap();
        assert_eq!(nik.birth_date(date("2100-03-01")), date("2000-02-29"));
    }

    #[test]
    fn the_entered_birth_date_is_compared_without_a_century() {
        let nik = Nik::parse("3576010507900001").unwrap();
        assert!(nik.matches_birth_date(date("1990-07-05")));
        assert!(nik.matches_birth_date(date("1890-07-05")));
        assert!(!nik.matches_birth_date(date("1990-07-06")));
        assert!(!nik.matches_birth_date(date("1991-07-05")));
    }

    #[test]
    fn a_nik_is_shown_by_its_last_four_digits_whether_typed_or_masked() {
        assert_eq!(last_four("3576 0145 0790 0001"), "0001");
        assert_eq!(last_four("357601******0001"), "0001");
        assert_eq!(last_four("35"), "35");
        assert_eq!(display_masked("357601******0001"), "•••• •••• •••• 0001");
        assert_eq!(display_masked(""), "");
    }

    #[test]
    fn kota_and_kabupaten_mojokerto_are_known_regions() {
        for nik in ["3576014506900001", "3516014506900001"] {
            let nik = Nik::parse(nik).unwrap();
            assert!(nik.region_is_known(), "{nik:?}");
            assert_eq!(nik.likely_typo(), None);
        }
    }

    #[test]
    fn a_nik_whose_regency_does_not_exist_is_a_likely_typo_but_still_valid() {
        // 35 is Jawa Timur, which has no regency 99; 99 is no province at all.
        for typo in ["3599014506900001", "9901014506900001", "3500014506900001"] {
            let nik = Nik::parse(typo).expect("a region typo is still a NIK");
            assert!(!nik.region_is_known(), "{typo}");
            assert_eq!(nik.likely_typo(), Some(NikWarning::UnknownRegion), "{typo}");
            assert_eq!(NikWarning::UnknownRegion.code(), "nik.unknown_region");
        }
    }

    #[test]
    fn regencies_renumbered_by_later_splits_are_still_known() {
        // Bulungan was 6404 in Kalimantan Timur before Kalimantan Utara (6501); Merauke was 9401
        // in Papua before Papua Selatan (9301). NIKs issued before keep the old code.
        for (old, new) in [("6404", "6501"), ("9401", "9301"), ("9471", "9171")] {
            for code in [old, new] {
                let nik = Nik::parse(&format!("{code}014506900001")).unwrap();
                assert!(nik.region_is_known(), "{code}");
            }
        }
    }

    #[test]
    fn the_region_codes_are_the_decrees_514_plus_the_former_ones_sorted_and_apart() {
        use regency_codes::{CURRENT, FORMER, PROVINCES};
        assert_eq!(PROVINCES.len(), 38);
        assert_eq!(CURRENT.len(), 514);
        // Kota are numbered 71 and up within their province: 98 of them, 416 kabupaten.
        assert_eq!(CURRENT.iter().filter(|c| *c % 100 >= 71).count(), 98);
        for list in [&CURRENT[..], &FORMER[..]] {
            assert!(
                list.windows(2).all(|w| w[0] < w[1]),
                "ascending, no repeats"
            );
            assert!(list.iter().all(|c| (1101..=9699).contains(c)));
        }
        assert!(PROVINCES.windows(2).all(|w| w[0] < w[1]));
        // Every current regency lies in a current province; no former code is current.
        assert!(
            CURRENT
                .iter()
                .all(|c| PROVINCES.contains(&((c / 100) as u8)))
        );
        assert!(FORMER.iter().all(|c| CURRENT.binary_search(c).is_err()));
        // Small enough to ship in the app: about a kilobyte of codes.
        assert!((CURRENT.len() + FORMER.len()) * 2 + PROVINCES.len() <= 1200);
    }

    #[test]
    fn a_masked_nik_hides_the_birth_date() {
        let nik = Nik::parse("3576014107900123").unwrap();
        assert_eq!(nik.masked(), "357601******0123");
        assert_eq!(format!("{nik:?}"), "Nik(357601******0123)");
    }

    #[test]
    fn a_nik_serializes_as_its_digits_and_deserializes_through_the_parser() {
        let nik = Nik::parse("3576 0141 0790 0001").unwrap();
        assert_eq!(
            serde_json::to_string(&nik).unwrap(),
            r#""3576014107900001""#
        );
        assert_eq!(
            serde_json::from_str::<Nik>(r#""3576014107900001""#).unwrap(),
            nik
        );
        assert!(serde_json::from_str::<Nik>(r#""3576010007900001""#).is_err());
    }
}
