//! The worklist: the officer's area as the phone keeps it — the city's roster entries there not
//! yet covered, and the NIKs already registered there — fetched incrementally with every sync
//! (`GET` [`WORKLIST_PATH`], device token; `docs/architecture.md`, "The worklist").
//!
//! A sync asks with the cursor of its last page (none the first time) and applies each
//! [`WorklistPage`] to its copy with [`WorklistState::apply`], the one definition of what a
//! page means: on `reset` the copy is emptied first; `removed` roster ids leave the open list;
//! `entries` are added or replace the entry of the same id; `registered` NIKs are added (and an
//! open entry with such a NIK is covered, so it leaves the list). While `more` is true the phone
//! asks again at once with `next_cursor`. The cursor is opaque to the phone: it stores it only
//! after the page is applied, so an interrupted sync resumes where it stopped.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ReceiptNumber;
use crate::date::Date;
use crate::nik::Nik;
use crate::region::Kelurahan;
use crate::roster::RosterBusinessType;
use crate::text::{BusinessLocation, PersonName, Street};

/// The worklist endpoint.
pub const WORKLIST_PATH: &str = "/api/v1/worklist";

/// Changes in a page when the phone names no `limit`: an area of 2,000 entries with a few
/// hundred registrations arrives whole in one page (2,000 generated entries: 321 KB of JSON,
/// 30 KB gzipped, in about 45 ms from the release endpoint; see BENCHMARKS.md).
pub const WORKLIST_DEFAULT_LIMIT: u32 = 2_500;

/// Most changes the endpoint puts in one page (a larger `limit` is refused with a 400): the
/// whole city (32,051 entries) in four pages, none of them too big to retry on one bar of
/// signal.
pub const WORKLIST_MAX_LIMIT: u32 = 10_000;

/// Longest cursor the endpoint reads; anything longer is not one of its cursors (400).
pub const MAX_CURSOR_CHARS: usize = 200;

/// The query of a worklist request: `?cursor=…&limit=…`, both optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct WorklistQuery {
    /// The `next_cursor` of the last page applied; none for a first sync (which answers the
    /// whole area with `reset`).
    #[serde(default)]
    pub cursor: Option<String>,
    /// At most this many changes in the page: 1 to `WORKLIST_MAX_LIMIT`, default
    /// `WORKLIST_DEFAULT_LIMIT`.
    #[serde(default)]
    pub limit: Option<u32>,
}

/// Which part of the city an officer works, as the city assigned it
/// (`lindungi-server assign-officer`, or the dashboard).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Area {
    /// One or more kelurahan, in code order.
    Kelurahan {
        /// Their Kemendagri codes.
        #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>, example = json!(["35.76.01.1004"])))]
        kelurahan: Vec<Kelurahan>,
    },
    /// No kelurahan, and the city lets this officer see the whole city's list.
    WholeCity,
    /// No kelurahan and no whole-city permission: the list is empty until the city assigns an
    /// area (the app says so).
    Unassigned,
}

impl Area {
    /// An area of these kelurahan in code order without repeats; none is [`Area::Unassigned`].
    pub fn of_kelurahan(kelurahan: impl IntoIterator<Item = Kelurahan>) -> Area {
        let mut list: Vec<Kelurahan> = kelurahan.into_iter().collect();
        list.sort();
        list.dedup();
        if list.is_empty() {
            Area::Unassigned
        } else {
            Area::Kelurahan { kelurahan: list }
        }
    }

    /// Whether the area holds `kelurahan`.
    pub fn includes(&self, kelurahan: Kelurahan) -> bool {
        match self {
            Area::Kelurahan { kelurahan: list } => list.contains(&kelurahan),
            Area::WholeCity => true,
            Area::Unassigned => false,
        }
    }
}

/// A roster entry not yet covered: someone to find and register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorklistEntry {
    /// The roster's id for this person: stable across re-imports of the roster for as long as
    /// the NIK stays on it.
    pub id: u64,
    /// NIK (16 digits).
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9]{16}$"))]
    pub nik: Nik,
    /// Full name as the roster writes it.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub name: PersonName,
    /// Kelurahan (Kemendagri code).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "35.76.01.1004"))]
    pub kelurahan: Kelurahan,
    /// Business type as the roster writes it (a KBLI code there reads as its label).
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub business_type: RosterBusinessType,
    /// The address, when the roster has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub address: Option<Street>,
    /// The market or place of business, when the roster has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub market: Option<BusinessLocation>,
}

impl WorklistEntry {
    /// Fills a new registration's form with what the roster knows: NIK (and the birth date and
    /// sex it encodes), name, kelurahan, business type (a listed KBLI label becomes its code,
    /// anything else "other" in words) and where the business is. The officer still checks each
    /// against the ID card; nothing here is taken as verified.
    pub fn prefill(&self, form: &mut crate::registration::RegistrationForm, today: Date) {
        form.participant.nik = self.nik.as_str().to_owned();
        form.participant.full_name = self.name.as_str().to_owned();
        form.participant.fill_from_nik(today);
        form.address.outside_city = false;
        form.address.kelurahan = self.kelurahan.code().to_owned();
        if let Some(street) = &self.address {
            form.address.street = street.as_str().to_owned();
        }
        let kind = self.business_type.as_str();
        match crate::business::Kbli::all().find(|k| k.label_id().eq_ignore_ascii_case(kind)) {
            Some(kbli) => form.business.kind = kbli.code().to_owned(),
            None => {
                form.business.kind = crate::business::BusinessType::OTHER_KIND.to_owned();
                form.business.other_kind = kind.to_owned();
            }
        }
        if let Some(market) = &self.market {
            form.business.location = market.as_str().to_owned();
        }
    }

    /// Whether a search typed on the worklist screen finds this entry: digits are the end of
    /// the NIK (the officer reads the last digits off the ID card), anything else a part of
    /// the name, case and extra spaces aside. An empty search finds everything.
    pub fn matches(&self, query: &str) -> bool {
        let query = query.trim();
        if query.is_empty() {
            return true;
        }
        if query.chars().all(|c| c.is_ascii_digit()) {
            return self.nik.as_str().ends_with(query);
        }
        let words = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        words(self.name.as_str()).contains(&words(query))
    }
}

/// A NIK the city already holds a registration of: what the phone warns about before a second
/// registration is typed (the endpoint's `duplicate_nik` stays the final word).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisteredNik {
    /// NIK (16 digits).
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9]{16}$"))]
    pub nik: Nik,
    /// The receipt the city gave that registration.
    pub receipt: ReceiptNumber,
    /// The day (WIB) the city received it.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub registered_on: Date,
}

/// One page of the worklist: what changed in the area since the cursor the phone sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorklistPage {
    /// The officer's area now.
    pub area: Area,
    /// Drop the whole copy before applying this page: a first sync, a changed area, or a cursor
    /// the endpoint can no longer continue (too old, or from before a restore).
    pub reset: bool,
    /// Roster entries of the area not yet covered: new, or changed since the cursor.
    pub entries: Vec<WorklistEntry>,
    /// Roster ids that left the open list since the cursor: removed by a re-import, moved out
    /// of the area, or covered by a registration.
    pub removed: Vec<u64>,
    /// NIKs registered in the area (by address, or on the area's roster) since the cursor.
    pub registered: Vec<RegisteredNik>,
    /// Uncovered roster entries in the area now. Once `more` is false, the phone's open list
    /// has exactly this many; if not, it asks again without a cursor.
    pub open_total: u64,
    /// The cursor to send next (after this page is applied).
    pub next_cursor: String,
    /// More changes wait: ask again at once with `next_cursor`.
    pub more: bool,
}

/// The phone's copy of its worklist, and the one definition of how a page changes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorklistState {
    /// Open entries by roster id.
    pub entries: BTreeMap<u64, WorklistEntry>,
    /// Registered NIKs.
    pub registered: BTreeMap<Nik, RegisteredNik>,
    /// The cursor of the last page applied.
    pub cursor: Option<String>,
    /// The area as of the last page.
    pub area: Option<Area>,
}

impl WorklistState {
    /// Applies a page: `reset` empties the copy, `removed` ids leave, `entries` are put by id,
    /// `registered` NIKs are added and cover any open entry of theirs.
    pub fn apply(&mut self, page: WorklistPage) {
        if page.reset {
            *self = WorklistState::default();
        }
        for id in &page.removed {
            self.entries.remove(id);
        }
        for entry in page.entries {
            self.entries.insert(entry.id, entry);
        }
        for registered in page.registered {
            self.registered.insert(registered.nik, registered);
        }
        let registered = &self.registered;
        self.entries.retain(|_, e| !registered.contains_key(&e.nik));
        self.cursor = Some(page.next_cursor);
        self.area = Some(page.area);
    }

    /// What the city holds for a complete NIK typed on the phone, if anything.
    pub fn registered(&self, nik: &Nik) -> Option<&RegisteredNik> {
        self.registered.get(nik)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: u64, nik: &str) -> WorklistEntry {
        WorklistEntry {
            id,
            nik: Nik::parse(nik).unwrap(),
            name: PersonName::parse("Siti Aminah").unwrap(),
            kelurahan: Kelurahan::Kauman,
            business_type: RosterBusinessType::read("Kuliner").unwrap(),
            address: None,
            market: Some(BusinessLocation::parse("Pasar Tanjung Anyar").unwrap()),
        }
    }

    fn registered(nik: &str) -> RegisteredNik {
        RegisteredNik {
            nik: Nik::parse(nik).unwrap(),
            receipt: ReceiptNumber::new(2026, 7).unwrap(),
            registered_on: Date::parse("2026-06-15").unwrap(),
        }
    }

    fn page(reset: bool) -> WorklistPage {
        WorklistPage {
            area: Area::of_kelurahan([Kelurahan::Kauman]),
            reset,
            entries: vec![],
            removed: vec![],
            registered: vec![],
            open_total: 0,
            next_cursor: "c".into(),
            more: false,
        }
    }

    const A: &str = "3576014506900001";
    const B: &str = "3576011203850002";

    #[test]
    fn a_page_serializes_in_the_documented_shape() {
        let mut p = page(true);
        p.entries.push(entry(7, A));
        p.registered.push(registered(B));
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(
            json["area"],
            serde_json::json!({"kind": "kelurahan", "kelurahan": ["35.76.01.1004"]})
        );
        assert_eq!(json["entries"][0]["nik"], A);
        assert_eq!(json["entries"][0]["kelurahan"], "35.76.01.1004");
        assert!(json["entries"][0].get("address").is_none());
        assert_eq!(json["entries"][0]["market"], "Pasar Tanjung Anyar");
        assert_eq!(
            json["registered"][0],
            serde_json::json!({"nik": B, "receipt": "MJK-2026-000007", "registered_on": "2026-06-15"})
        );
        assert_eq!(serde_json::from_value::<WorklistPage>(json).unwrap(), p);
        let city = serde_json::to_string(&Area::WholeCity).unwrap();
        assert_eq!(city, r#"{"kind":"whole_city"}"#);
    }

    #[test]
    fn a_page_with_a_bad_nik_does_not_deserialize() {
        let mut json = serde_json::to_value({
            let mut p = page(false);
            p.entries.push(entry(1, A));
            p
        })
        .unwrap();
        json["entries"][0]["nik"] = "3576010007900001".into();
        assert!(serde_json::from_value::<WorklistPage>(json).is_err());
    }

    #[test]
    fn an_area_of_no_kelurahan_is_unassigned_and_its_kelurahan_are_sorted_once() {
        assert_eq!(Area::of_kelurahan([]), Area::Unassigned);
        let area = Area::of_kelurahan([Kelurahan::Miji, Kelurahan::Kauman, Kelurahan::Miji]);
        assert_eq!(
            area,
            Area::Kelurahan {
                kelurahan: vec![Kelurahan::Kauman, Kelurahan::Miji]
            }
        );
        assert!(area.includes(Kelurahan::Miji) && !area.includes(Kelurahan::Wates));
        assert!(Area::WholeCity.includes(Kelurahan::Wates));
        assert!(!Area::Unassigned.includes(Kelurahan::Wates));
    }

    #[test]
    fn an_entry_prefills_a_new_registration_and_the_form_checks_it_like_any_other() {
        let today = Date::parse("2026-12-02").unwrap();
        let mut form = crate::registration::RegistrationForm::default();
        let mut kuliner = entry(7, A);
        kuliner.address = Some(Street::parse("Jl. Majapahit 12").unwrap());
        kuliner.prefill(&mut form, today);
        assert_eq!(form.participant.nik, A);
        assert_eq!(form.participant.full_name, "Siti Aminah");
        // Birth date and sex come from the NIK (day 45 → a woman born on the 5th).
        assert_eq!(form.participant.birth_date, "1990-06-05");
        assert_eq!(form.participant.sex, "P");
        assert_eq!(form.address.kelurahan, "35.76.01.1004");
        assert_eq!(form.address.street, "Jl. Majapahit 12");
        assert_eq!(form.business.location, "Pasar Tanjung Anyar");
        // "Kuliner" is no KBLI label: it is written in words.
        assert_eq!(form.business.kind, "other");
        assert_eq!(form.business.other_kind, "Kuliner");

        // A KBLI code on the roster reads as its label there, and comes back as the code.
        let mut warung = entry(8, B);
        warung.business_type = RosterBusinessType::read("56102").unwrap();
        let mut form = crate::registration::RegistrationForm::default();
        warung.prefill(&mut form, today);
        assert_eq!(form.business.kind, "56102");
        assert_eq!(form.business.other_kind, "");
    }

    #[test]
    fn a_search_finds_by_part_of_the_name_or_the_last_digits_of_the_nik() {
        let e = entry(1, A);
        assert!(e.matches(""));
        assert!(e.matches("  aMiNaH "));
        assert!(e.matches("siti   aminah"));
        assert!(e.matches("0001"));
        assert!(e.matches(A));
        assert!(!e.matches("3576")); // the start of the NIK is the region: every entry has it
        assert!(!e.matches("Rahayu"));
    }

    #[test]
    fn applying_pages_adds_replaces_removes_and_covers() {
        let mut state = WorklistState::default();
        let mut first = page(true);
        first.entries = vec![entry(1, A), entry(2, B)];
        state.apply(first);
        assert_eq!(state.entries.len(), 2);
        assert_eq!(state.cursor.as_deref(), Some("c"));

        // A changed entry replaces its older copy; a removed one leaves.
        let mut next = page(false);
        let mut renamed = entry(1, A);
        renamed.name = PersonName::parse("Siti Aminah Rahayu").unwrap();
        next.entries = vec![renamed.clone()];
        next.removed = vec![2];
        state.apply(next);
        assert_eq!(state.entries.values().collect::<Vec<_>>(), [&renamed]);

        // A registration of an open entry's NIK covers it, even without its id in `removed`.
        let mut covered = page(false);
        covered.registered = vec![registered(A)];
        state.apply(covered);
        assert!(state.entries.is_empty());
        assert_eq!(
            state.registered(&Nik::parse(A).unwrap()).unwrap().receipt,
            ReceiptNumber::new(2026, 7).unwrap()
        );

        // A reset drops everything before applying.
        state.apply(page(true));
        assert_eq!(state, {
            let mut s = WorklistState::default();
            s.apply(page(true));
            s
        });
        assert!(state.registered.is_empty());
    }
}
