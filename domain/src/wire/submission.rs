//! One registration as the app stores and sends it, and its conversion to and from the
//! validated [`Registration`] at this edge.

use serde::{Deserialize, Serialize};

use crate::clock::{PhoneClock, RecordTimes};
use crate::date::{Date, Timestamp};
use crate::errors::{FieldError, path};
use crate::id::{OfficerId, RegistrationId};
use crate::registration::validate::Errors;
use crate::registration::{Registration, RegistrationForm, rules};
use crate::schema::{SCHEMA_VERSION, SchemaError};

/// One registration as the app stores and sends it: the form as typed plus its metadata, all raw
/// strings, so one bad field makes that item `rejected`, never the whole batch a 400.
///
/// `Registration::from_submission` validates it; `Registration::to_submission` gives the
/// canonical one back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Submission {
    /// The permanent id (lowercase UUID), echoed back in the result even when invalid.
    pub id: String,
    /// The schema version the app wrote it with (the current one is `SCHEMA_VERSION`).
    pub schema_version: u32,
    /// The form as typed.
    pub form: RegistrationForm,
    /// When consent was given (RFC 3339); empty while the registration is a draft.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub consent_at: String,
    /// When the draft was started (RFC 3339).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub created_at: String,
    /// When it was last edited (RFC 3339).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub updated_at: String,
    /// The officer's id; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub officer: String,
}

impl Submission {
    /// A new, empty draft with this id, started at `now`, at the current schema version.
    pub fn new_draft(id: &RegistrationId, now: Timestamp) -> Submission {
        Submission {
            id: id.to_string(),
            schema_version: SCHEMA_VERSION,
            form: RegistrationForm::default(),
            consent_at: String::new(),
            created_at: now.to_string(),
            updated_at: now.to_string(),
            officer: String::new(),
        }
    }
}

/// The clock rule (`crate::clock`) applied to a submission's own times.
impl Submission {
    /// Its start, consent and last edit, as written.
    pub fn times(&self) -> RecordTimes<'_> {
        RecordTimes {
            created_at: &self.created_at,
            consent_at: &self.consent_at,
            updated_at: &self.updated_at,
        }
    }

    /// The time to write on this record at `now` by the writer's clock: never before any time
    /// it already holds ([`RecordTimes::stamp`]).
    pub fn stamp(&self, now: Timestamp) -> Timestamp {
        self.times().stamp(now)
    }

    /// Marks the record edited at `now`, by [`Submission::stamp`].
    pub fn touch(&mut self, now: Timestamp) {
        self.updated_at = self.stamp(now).to_string();
    }

    /// Puts back in order the times a clock set back left out of order (a last edit before the
    /// start becomes the start). Whether anything changed.
    pub fn repair_times(&mut self) -> bool {
        match self.times().repaired_updated_at() {
            Some(start) => {
                self.updated_at = start.to_string();
                true
            }
            None => false,
        }
    }

    /// Judges its times on arrival at the endpoint, by the endpoint's clock `now`: repairs their
    /// order ([`Submission::repair_times`]; `updated_at` is not part of what a retry is compared
    /// on, so a retry is still recognised) and says whether the phone's clock was absurd.
    /// Nothing else changes: the phone's times are kept as written, and none of this is a reason
    /// to reject.
    pub fn judge_times(&mut self, now: Timestamp) -> PhoneClock {
        self.repair_times();
        self.times().phone_clock(now)
    }
}

impl Registration {
    /// Validates a submission from the wire or from storage against `today`: the registration,
    /// or every field error — the form's and the submission's own (`id`, `schema_version`,
    /// `consent_at`, `created_at`, `updated_at`, `officer`) — at once.
    ///
    /// An empty `officer` means none. A schema version other than [`SCHEMA_VERSION`] is rejected
    /// here; stored older versions are migrated first (see [`crate::schema`]).
    pub fn from_submission(
        submission: &Submission,
        today: Date,
    ) -> Result<Registration, Vec<FieldError>> {
        let mut errors = Errors::default();
        let id = errors.take(path::ID, RegistrationId::parse(&submission.id));
        if submission.schema_version != SCHEMA_VERSION {
            errors.fail(path::SCHEMA_VERSION, SchemaError::Unsupported);
        }
        let details = submission
            .form
            .validate(today)
            .map_err(|form_errors| errors.0.extend(form_errors))
            .ok();
        let consent_at = errors.take(path::CONSENT_AT, Timestamp::parse(&submission.consent_at));
        let created_at = errors.take(path::CREATED_AT, Timestamp::parse(&submission.created_at));
        let updated_at = errors.take(path::UPDATED_AT, Timestamp::parse(&submission.updated_at));
        let officer = errors.optional(path::OFFICER, &submission.officer, OfficerId::parse);

        if let (
            Some(id),
            Some(details),
            Some(consent_at),
            Some(created_at),
            Some(updated_at),
            Some(officer),
        ) = (id, details, consent_at, created_at, updated_at, officer)
            && errors.0.is_empty()
        {
            return Registration::new(id, details, consent_at, officer, created_at, updated_at)
                .map_err(|e| vec![e]);
        }
        if let (Ok(created), Ok(updated)) = (
            Timestamp::parse(&submission.created_at),
            Timestamp::parse(&submission.updated_at),
        ) && let Some(rule) = rules::timestamps_rule(created, updated)
        {
            errors.fail(path::UPDATED_AT, rule);
        }
        Err(errors.0)
    }

    /// The wire/storage submission of this registration, in canonical spelling:
    /// `Registration::from_submission(&r.to_submission(), today)` gives `r` back.
    pub fn to_submission(&self) -> Submission {
        Submission {
            id: self.id().to_string(),
            schema_version: self.schema_version(),
            form: self.to_form(),
            consent_at: self.consent_at().to_string(),
            created_at: self.created_at().to_string(),
            updated_at: self.updated_at().to_string(),
            officer: self.officer().map(ToString::to_string).unwrap_or_default(),
        }
    }
}
