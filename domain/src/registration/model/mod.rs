//! The validated registration, assembled only from validated parts.
//!
//! Its serde form is canonical: the same registration typed two ways (`0812 3456 7890` and
//! `+6281234567890`, `Prajurit Kulon` and `35.76.01.1006`) serializes to the same JSON. Storage,
//! the wire and the endpoint's "same content?" check all use it. Deserializing runs every
//! parser again and the record rules of [`rules`] that need no date (NIK against birth date and
//! sex, workers, timestamps in order) plus the schema version; the rules that need "today" (age,
//! start month) are checked where a `today` is at hand: [`crate::RegistrationForm::validate`] and
//! [`Registration::from_submission`].
//!
//! - [`participant`]: the person; [`parts`]: address, business, koperasi;
//! - [`to_form`]: back to the form as typed.

mod participant;
mod parts;
mod to_form;

use serde::{Deserialize, Serialize};

pub use participant::Participant;
pub use parts::{Address, Business, Koperasi, Wadah};

use crate::business::Sector;
use crate::date::Timestamp;
use crate::errors::{ErrorCode, FieldError, path};
use crate::id::{OfficerId, RegistrationId};
use crate::iuran::{Coverage, Schedule};
use crate::registration::rules;
use crate::schema::{SCHEMA_VERSION, SchemaError};
use crate::worker::Worker;

/// The validated content of a [`crate::RegistrationForm`]: what
/// [`crate::RegistrationForm::validate`] returns.
///
/// Its fields are readable, never writable, outside this crate: a [`Registration`] is assembled
/// only from details validation produced.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RegistrationDetails {
    /// The person.
    pub(crate) participant: Participant,
    /// Their address.
    pub(crate) address: Address,
    /// Their business.
    pub(crate) business: Business,
    /// The koperasi they register through, if any.
    pub(crate) koperasi: Option<Koperasi>,
    /// The owner's workers (wage earners), usually none.
    pub(crate) workers: Vec<Worker>,
    /// Programs and payment.
    pub(crate) coverage: Coverage,
}

impl RegistrationDetails {
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
    /// The koperasi they register through, if any.
    pub fn koperasi(&self) -> Option<&Koperasi> {
        self.koperasi.as_ref()
    }
    /// The owner's workers.
    pub fn workers(&self) -> &[Worker] {
        &self.workers
    }
    /// Programs and payment.
    pub fn coverage(&self) -> &Coverage {
        &self.coverage
    }
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
            return Err(SchemaError::Unsupported.at(path::SCHEMA_VERSION));
        }
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
    /// record's metadata, running the record rules again ([`rules`]: the workers against the
    /// owner and the employee count, `updated_at` not before `created_at`). Crate-private: outside
    /// this crate a registration comes only from validation or deserialization.
    pub(crate) fn new(
        id: RegistrationId,
        details: RegistrationDetails,
        consent_at: Timestamp,
        officer: Option<OfficerId>,
        created_at: Timestamp,
        updated_at: Timestamp,
    ) -> Result<Registration, FieldError> {
        rules::check_workers(
            details.participant.nik(),
            details.business.employees,
            &details.workers,
        )?;
        rules::check_timestamps(created_at, updated_at)?;
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
}
