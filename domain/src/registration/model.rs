//! The validated registration, assembled only from validated parts.
//!
//! Its serde form is canonical: the same registration typed two ways (`0812 3456 7890` and
//! `+6281234567890`, `Prajurit Kulon` and `35.76.01.1006`) serializes to the same JSON. Storage,
//! the wire and the endpoint's "same content?" check all use it. Deserializing runs every
//! parser again and the rules that need no date (NIK against birth date and sex, schema version,
//! timestamps in order); the rules that need "today" (age, start month) are checked where a
//! `today` is at hand: [`crate::RegistrationForm::validate`] and [`Registration::from_submission`].

use serde::{Deserialize, Serialize};

use crate::business::{BusinessType, Sector};
use crate::date::{Date, Timestamp};
use crate::errors::{ErrorCode, FieldError, path};
use crate::id::{KoperasiId, OfficerId, RegistrationId};
use crate::iuran::{Coverage, Schedule};
use crate::nik::Nik;
use crate::phone::PhoneNumber;
use crate::region::{Kecamatan, Kelurahan};
use crate::registration::form::{
    AddressForm, BusinessForm, CoverageForm, KoperasiForm, ParticipantForm, RegistrationForm,
    WorkerForm,
};
use crate::registration::validate::RuleError;
use crate::schema::SCHEMA_VERSION;
use crate::sex::Sex;
use crate::text::{
    BusinessLocation, BusinessName, Email, KoperasiName, LegalNumber, MemberNumber, Nib,
    PersonName, PlaceName, Rt, Rw, Street,
};
use crate::wire::Submission;
use crate::worker::Worker;

/// The person registered. Built only by validation, which checks that the NIK agrees with the
/// entered birth date and sex; deserializing checks that agreement again.
///
/// `Debug` shows only the masked NIK: debug output ends up in logs, and the endpoint keeps
/// personal data out of them.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ParticipantRecord")]
pub struct Participant {
    nik: Nik,
    full_name: PersonName,
    place_of_birth: PlaceName,
    birth_date: Date,
    sex: Sex,
    mother_maiden_name: Option<PersonName>,
    phone: PhoneNumber,
    email: Option<Email>,
}

impl std::fmt::Debug for Participant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Participant")
            .field("nik", &self.nik)
            .finish_non_exhaustive()
    }
}

/// [`Participant`]'s fields before the NIK agreement is checked.
#[derive(Deserialize)]
struct ParticipantRecord {
    nik: Nik,
    full_name: PersonName,
    place_of_birth: PlaceName,
    birth_date: Date,
    sex: Sex,
    mother_maiden_name: Option<PersonName>,
    phone: PhoneNumber,
    email: Option<Email>,
}

impl TryFrom<ParticipantRecord> for Participant {
    type Error = FieldError;
    fn try_from(r: ParticipantRecord) -> Result<Self, Self::Error> {
        if !r.nik.matches_birth_date(r.birth_date) {
            return Err(RuleError::BirthDateNikMismatch.at(path::BIRTH_DATE));
        }
        if r.nik.sex() != r.sex {
            return Err(RuleError::SexNikMismatch.at(path::SEX));
        }
        Ok(Participant {
            nik: r.nik,
            full_name: r.full_name,
            place_of_birth: r.place_of_birth,
            birth_date: r.birth_date,
            sex: r.sex,
            mother_maiden_name: r.mother_maiden_name,
            phone: r.phone,
            email: r.email,
        })
    }
}

impl Participant {
    /// Assembles a participant whose NIK agreement validation has already checked.
    #[allow(clippy::too_many_arguments)] // one argument per field, all typed
    pub(crate) fn from_checked_parts(
        nik: Nik,
        full_name: PersonName,
        place_of_birth: PlaceName,
        birth_date: Date,
        sex: Sex,
        mother_maiden_name: Option<PersonName>,
        phone: PhoneNumber,
        email: Option<Email>,
    ) -> Participant {
        Participant {
            nik,
            full_name,
            place_of_birth,
            birth_date,
            sex,
            mother_maiden_name,
            phone,
            email,
        }
    }

    /// NIK.
    pub fn nik(&self) -> &Nik {
        &self.nik
    }
    /// Full name as on the KTP.
    pub fn full_name(&self) -> &PersonName {
        &self.full_name
    }
    /// Place of birth.
    pub fn place_of_birth(&self) -> &PlaceName {
        &self.place_of_birth
    }
    /// Date of birth (agrees with the NIK).
    pub fn birth_date(&self) -> Date {
        self.birth_date
    }
    /// Sex (agrees with the NIK).
    pub fn sex(&self) -> Sex {
        self.sex
    }
    /// Mother's maiden name, if given.
    pub fn mother_maiden_name(&self) -> Option<&PersonName> {
        self.mother_maiden_name.as_ref()
    }
    /// Mobile phone.
    pub fn phone(&self) -> &PhoneNumber {
        &self.phone
    }
    /// Email, if given.
    pub fn email(&self) -> Option<&Email> {
        self.email.as_ref()
    }
    /// Age in completed years on `today`.
    pub fn age_on(&self, today: Date) -> u16 {
        self.birth_date.age_on(today)
    }
}

/// Where the participant lives. Serialized with a `kind` tag: `in_city` or `outside_city`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Address {
    /// In Kota Mojokerto: a kelurahan from the list.
    InCity {
        /// Street and number.
        street: Street,
        /// RT.
        rt: Rt,
        /// RW.
        rw: Rw,
        /// Kelurahan.
        kelurahan: Kelurahan,
    },
    /// Outside Kota Mojokerto (e.g. Kabupaten Mojokerto residents trading in the city).
    OutsideCity {
        /// The whole address in free text.
        street: Street,
        /// City or regency.
        city: PlaceName,
    },
}

impl Address {
    /// The kelurahan, for an address in the city.
    pub fn kelurahan(&self) -> Option<Kelurahan> {
        match self {
            Address::InCity { kelurahan, .. } => Some(*kelurahan),
            Address::OutsideCity { .. } => None,
        }
    }

    /// The kecamatan, for an address in the city.
    pub fn kecamatan(&self) -> Option<Kecamatan> {
        self.kelurahan().map(Kelurahan::kecamatan)
    }
}

/// The participant's business.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Business {
    /// Name.
    pub name: BusinessName,
    /// Type: KBLI or free text.
    pub kind: BusinessType,
    /// Where it is.
    pub location: BusinessLocation,
    /// NIB, if it has one.
    pub nib: Option<Nib>,
    /// Number of employees (0 for most).
    pub employees: u16,
}

/// A koperasi (wadah) as registered: who it is, independent of any member.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Wadah {
    /// Permanent id.
    pub id: KoperasiId,
    /// Name.
    pub name: KoperasiName,
    /// The chair's NIK (`Debug` shows it masked).
    pub chair_nik: Nik,
    /// Where it is based.
    pub kelurahan: Kelurahan,
    /// Legal registration number, if it has one.
    pub legal_number: Option<LegalNumber>,
}

/// The koperasi a participant registers through, and their place in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Koperasi {
    /// The koperasi.
    pub wadah: Wadah,
    /// Member number, if known.
    pub member_number: Option<MemberNumber>,
}

/// The validated content of a [`RegistrationForm`]: what [`RegistrationForm::validate`] returns.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RegistrationDetails {
    /// The person.
    pub participant: Participant,
    /// Their address.
    pub address: Address,
    /// Their business.
    pub business: Business,
    /// The koperasi they register through, if any.
    pub koperasi: Option<Koperasi>,
    /// The owner's workers (wage earners), usually none.
    pub workers: Vec<Worker>,
    /// Programs and payment.
    pub coverage: Coverage,
}

/// A complete, validated registration: the canonical record stored, sent and compared.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RegistrationRecord")]
pub struct Registration {
    id: RegistrationId,
    schema_version: u32,
    participant: Participant,
    address: Address,
    business: Business,
    koperasi: Option<Koperasi>,
    workers: Vec<Worker>,
    coverage: Coverage,
    consent_at: Timestamp,
    officer: Option<OfficerId>,
    created_at: Timestamp,
    updated_at: Timestamp,
}

/// [`Registration`]'s fields before the record-level checks.
#[derive(Deserialize)]
struct RegistrationRecord {
    id: RegistrationId,
    schema_version: u32,
    participant: Participant,
    address: Address,
    business: Business,
    koperasi: Option<Koperasi>,
    /// Absent in records written before workers were collected.
    #[serde(default)]
    workers: Vec<Worker>,
    coverage: Coverage,
    consent_at: Timestamp,
    officer: Option<OfficerId>,
    created_at: Timestamp,
    updated_at: Timestamp,
}

impl TryFrom<RegistrationRecord> for Registration {
    type Error = FieldError;
    fn try_from(r: RegistrationRecord) -> Result<Self, Self::Error> {
        if r.schema_version != SCHEMA_VERSION {
            return Err(crate::schema::SchemaError::Unsupported.at(path::SCHEMA_VERSION));
        }
        crate::worker::check_workers(r.participant.nik(), r.business.employees, &r.workers)?;
        let details = RegistrationDetails {
            participant: r.participant,
            address: r.address,
            business: r.business,
            koperasi: r.koperasi,
            workers: r.workers,
            coverage: r.coverage,
        };
        Registration::new(
            r.id,
            details,
            r.consent_at,
            r.officer,
            r.created_at,
            r.updated_at,
        )
    }
}

impl Registration {
    /// Assembles a registration at the current [`SCHEMA_VERSION`] from validated details and the
    /// record's metadata. Fails only if `updated_at` is before `created_at`.
    pub fn new(
        id: RegistrationId,
        details: RegistrationDetails,
        consent_at: Timestamp,
        officer: Option<OfficerId>,
        created_at: Timestamp,
        updated_at: Timestamp,
    ) -> Result<Registration, FieldError> {
        if updated_at < created_at {
            return Err(RuleError::UpdatedBeforeCreated.at(path::UPDATED_AT));
        }
        let RegistrationDetails {
            participant,
            address,
            business,
            koperasi,
            workers,
            coverage,
        } = details;
        Ok(Registration {
            id,
            schema_version: SCHEMA_VERSION,
            participant,
            address,
            business,
            koperasi,
            workers,
            coverage,
            consent_at,
            officer,
            created_at,
            updated_at,
        })
    }

    /// The permanent id.
    pub fn id(&self) -> &RegistrationId {
        &self.id
    }
    /// The schema version (always [`SCHEMA_VERSION`] once built).
    pub fn schema_version(&self) -> u32 {
        self.schema_version
    }
    /// The person.
    pub fn participant(&self) -> &Participant {
        &self.participant
    }
    /// Their address.
    pub fn address(&self) -> &Address {
        &self.address
    }
    /// Their business.
    pub fn business(&self) -> &Business {
        &self.business
    }
    /// The koperasi they registered through, if any.
    pub fn koperasi(&self) -> Option<&Koperasi> {
        self.koperasi.as_ref()
    }
    /// The owner's workers (wage earners).
    pub fn workers(&self) -> &[Worker] {
        &self.workers
    }
    /// Programs and payment.
    pub fn coverage(&self) -> &Coverage {
        &self.coverage
    }
    /// When the participant consented to the processing of their data.
    pub fn consent_at(&self) -> Timestamp {
        self.consent_at
    }
    /// The officer who registered, if any.
    pub fn officer(&self) -> Option<&OfficerId> {
        self.officer.as_ref()
    }
    /// When the draft was started.
    pub fn created_at(&self) -> Timestamp {
        self.created_at
    }
    /// When it was last edited.
    pub fn updated_at(&self) -> Timestamp {
        self.updated_at
    }

    /// The sector for the discount windows, from the business type.
    pub fn sector(&self) -> Sector {
        self.business.kind.sector()
    }

    /// The contributions of the chosen payment period, month by month.
    pub fn contribution_schedule(&self) -> Schedule {
        self.coverage.schedule(self.sector())
    }

    /// Whether `other` is the same registration content: equal in everything but `updated_at`
    /// (opening and re-saving a record without changes bumps it). The endpoint answers
    /// `already_received` when this holds for a known id, `id_conflict` when it does not.
    pub fn same_content(&self, other: &Registration) -> bool {
        Registration {
            updated_at: other.updated_at,
            ..self.clone()
        } == *other
    }

    /// The form that validates back into this registration, in canonical spelling.
    pub fn to_form(&self) -> RegistrationForm {
        let p = &self.participant;
        let optional = |value: Option<String>| value.unwrap_or_default();
        let participant = ParticipantForm {
            nik: p.nik.to_string(),
            full_name: p.full_name.to_string(),
            place_of_birth: p.place_of_birth.to_string(),
            birth_date: p.birth_date.to_string(),
            sex: p.sex.to_string(),
            mother_maiden_name: optional(p.mother_maiden_name.as_ref().map(ToString::to_string)),
            phone: p.phone.e164().to_owned(),
            email: optional(p.email.as_ref().map(ToString::to_string)),
        };
        let address = match &self.address {
            Address::InCity {
                street,
                rt,
                rw,
                kelurahan,
            } => AddressForm {
                outside_city: false,
                street: street.to_string(),
                rt: rt.to_string(),
                rw: rw.to_string(),
                kelurahan: kelurahan.code().to_owned(),
                city: String::new(),
            },
            Address::OutsideCity { street, city } => AddressForm {
                outside_city: true,
                street: street.to_string(),
                city: city.to_string(),
                ..AddressForm::default()
            },
        };
        let b = &self.business;
        let business = BusinessForm {
            name: b.name.to_string(),
            kind: b.kind.kind().to_owned(),
            other_kind: match &b.kind {
                BusinessType::Other(text) => text.to_string(),
                BusinessType::Kbli(_) => String::new(),
            },
            location: b.location.to_string(),
            nib: optional(b.nib.as_ref().map(ToString::to_string)),
            employees: b.employees.to_string(),
        };
        let koperasi = match &self.koperasi {
            Some(k) => KoperasiForm {
                member_number: optional(k.member_number.as_ref().map(ToString::to_string)),
                ..k.wadah.to_form()
            },
            None => KoperasiForm::default(),
        };
        let workers = self
            .workers
            .iter()
            .map(|w| WorkerForm {
                full_name: w.full_name.to_string(),
                nik: w.nik.to_string(),
                phone: optional(w.phone.as_ref().map(|p| p.e164().to_owned())),
                wage: w.wage.rupiah().amount().to_string(),
            })
            .collect();
        let c = &self.coverage;
        let coverage = CoverageForm {
            income: c.income.rupiah().amount().to_string(),
            jht: c.jht,
            period: c.period.to_string(),
            start_month: c.start_month.to_string(),
            paid_by_government: c.paid_by_government,
        };
        RegistrationForm {
            participant,
            address,
            business,
            koperasi,
            workers,
            coverage,
            consent: true,
        }
    }

    /// The wire/storage submission of this registration, in canonical spelling:
    /// `Registration::from_submission(&r.to_submission(), today)` gives `r` back.
    pub fn to_submission(&self) -> Submission {
        Submission {
            id: self.id.to_string(),
            schema_version: self.schema_version,
            form: self.to_form(),
            consent_at: self.consent_at.to_string(),
            created_at: self.created_at.to_string(),
            updated_at: self.updated_at.to_string(),
            officer: self
                .officer
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        }
    }
}

impl Wadah {
    /// The koperasi form that validates back into this koperasi (registering through it, no
    /// member number).
    pub fn to_form(&self) -> KoperasiForm {
        KoperasiForm {
            via_koperasi: true,
            id: self.id.to_string(),
            name: self.name.to_string(),
            chair_nik: self.chair_nik.to_string(),
            kelurahan: self.kelurahan.code().to_owned(),
            legal_number: self
                .legal_number
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            member_number: String::new(),
        }
    }
}
