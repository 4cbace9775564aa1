//! What the phone keeps for one registration: a state machine whose states carry exactly what
//! each state has (`docs/architecture.md`, "A registration's states on the phone"). A synced
//! record holds its receipt and nothing else of the person; a queued one cannot hold a receipt;
//! a record that needs fixing always holds the city's field errors. How a record moves from one
//! state to the next is in [`super::transition`]; how it is written in storage, in
//! [`super::format`].

use domain::{FieldError, Nik, ReceiptNumber, Submission};
use serde::{Deserialize, Serialize};

/// Where a registration is on its way to the city: the kind of a [`StoredRecord`], without
/// its data. Its home is `domain::backup`: it is stored in clear beside each encrypted record,
/// and the city reads it in a backup.
pub use domain::backup::RecordState;

/// What is kept once the city confirmed a registration: enough to show and quote it,
/// none of the rest of the personal data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The participant's name.
    pub name: String,
    /// The NIK with all but its last four digits hidden.
    pub masked_nik: String,
    /// Kelurahan code, when the address is in the city.
    pub kelurahan: Option<String>,
    /// The city's receipt number.
    pub number: ReceiptNumber,
    /// When the draft was started (RFC 3339).
    pub created_at: String,
    /// When the city confirmed it (RFC 3339).
    pub confirmed_at: String,
}

/// One registration as stored under its own key, in one of its states. Serialized with its
/// state as the `state` field (`{"state":"queued","submission":…}`), inside the versioned
/// envelope of [`super::format`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
// Records are read, changed and written one at a time: boxing the submissions would only
// make every match on them clumsier.
#[allow(clippy::large_enum_variant)]
pub enum StoredRecord<S = Submission> {
    /// Being typed. A needs-fix record opened in the form is a draft again, and keeps the
    /// city's field errors that the officer has not yet fixed.
    Draft {
        /// The registration as typed so far.
        submission: S,
        /// The city's field errors still shown next to their fields.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        city_errors: Vec<FieldError>,
    },
    /// Complete and valid, waiting to be sent.
    Queued {
        /// The registration.
        submission: S,
        /// The code of the last failed request (`sync.network`, …), for the officer to read.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        last_failure: Option<String>,
    },
    /// In a batch on its way.
    Sending {
        /// The registration.
        submission: S,
    },
    /// Confirmed by the city: only the receipt is kept.
    Synced {
        /// The city's receipt.
        receipt: Receipt,
        /// A fingerprint of the NIK (see [`nik_key`]), kept after the NIK itself is dropped so
        /// a second registration of the same person on this phone can still be noticed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        nik_key: Option<u64>,
    },
    /// Rejected by the city.
    NeedsFix {
        /// The registration, for the officer to fix.
        submission: S,
        /// What the city refused, by field.
        city_errors: Vec<FieldError>,
    },
    /// The NIK is already registered in the city under another registration.
    DuplicateElsewhere {
        /// The registration as sent.
        submission: S,
        /// The receipt of the registration the city already holds for this NIK.
        existing: Receipt,
    },
    /// The city holds different content under this id.
    IdConflict {
        /// The registration as sent.
        submission: S,
    },
}

impl StoredRecord {
    /// A draft with no errors from the city.
    pub fn draft(submission: Submission) -> Self {
        StoredRecord::Draft {
            submission,
            city_errors: Vec::new(),
        }
    }

    /// A registration saved with "Simpan", waiting to be sent.
    pub fn queued(submission: Submission) -> Self {
        StoredRecord::Queued {
            submission,
            last_failure: None,
        }
    }

    /// The registration's id, while the record holds its submission (a receipt-only record is
    /// known by the key it is stored under).
    pub fn id(&self) -> Option<&str> {
        self.submission().map(|s| s.id.as_str())
    }

    /// The registration as typed; `None` once only the receipt is kept.
    pub fn submission(&self) -> Option<&Submission> {
        match self {
            StoredRecord::Draft { submission, .. }
            | StoredRecord::Queued { submission, .. }
            | StoredRecord::Sending { submission }
            | StoredRecord::NeedsFix { submission, .. }
            | StoredRecord::DuplicateElsewhere { submission, .. }
            | StoredRecord::IdConflict { submission } => Some(submission),
            StoredRecord::Synced { .. } => None,
        }
    }

    /// The registration as typed, taken out of the record.
    pub fn into_submission(self) -> Option<Submission> {
        match self {
            StoredRecord::Draft { submission, .. }
            | StoredRecord::Queued { submission, .. }
            | StoredRecord::Sending { submission }
            | StoredRecord::NeedsFix { submission, .. }
            | StoredRecord::DuplicateElsewhere { submission, .. }
            | StoredRecord::IdConflict { submission } => Some(submission),
            StoredRecord::Synced { .. } => None,
        }
    }

    /// A receipt to show: this registration's own once synced, or the existing one of a
    /// duplicate.
    pub fn receipt(&self) -> Option<&Receipt> {
        match self {
            StoredRecord::Synced { receipt, .. } => Some(receipt),
            StoredRecord::DuplicateElsewhere { existing, .. } => Some(existing),
            _ => None,
        }
    }

    /// The city's field errors still to fix (a needs-fix record, or one being edited).
    pub fn city_errors(&self) -> &[FieldError] {
        match self {
            StoredRecord::Draft { city_errors, .. }
            | StoredRecord::NeedsFix { city_errors, .. } => city_errors,
            _ => &[],
        }
    }

    /// The code of what went wrong last, for the lists: a failed request (`sync.network`, …)
    /// or the city's answer (`rejected`, `duplicate_nik`, `id_conflict`).
    pub fn last_error_code(&self) -> Option<&str> {
        match self {
            StoredRecord::Queued { last_failure, .. } => last_failure.as_deref(),
            StoredRecord::Draft { city_errors, .. } if !city_errors.is_empty() => {
                Some(error_code::REJECTED)
            }
            StoredRecord::NeedsFix { .. } => Some(error_code::REJECTED),
            StoredRecord::DuplicateElsewhere { .. } => Some(error_code::DUPLICATE_NIK),
            StoredRecord::IdConflict { .. } => Some(error_code::ID_CONFLICT),
            _ => None,
        }
    }

    /// The NIK's fingerprint, from the submission or, once synced, as kept.
    pub fn nik_key(&self) -> Option<u64> {
        match self {
            StoredRecord::Synced { nik_key, .. } => *nik_key,
            _ => self
                .submission()
                .and_then(|s| nik_key(&s.form.participant.nik)),
        }
    }
}

impl<S> StoredRecord<S> {
    /// Which state it is in.
    pub fn state(&self) -> RecordState {
        match self {
            StoredRecord::Draft { .. } => RecordState::Draft,
            StoredRecord::Queued { .. } => RecordState::Queued,
            StoredRecord::Sending { .. } => RecordState::Sending,
            StoredRecord::Synced { .. } => RecordState::Synced,
            StoredRecord::NeedsFix { .. } => RecordState::NeedsFix,
            StoredRecord::DuplicateElsewhere { .. } => RecordState::DuplicateElsewhere,
            StoredRecord::IdConflict { .. } => RecordState::IdConflict,
        }
    }

    /// The same record with its submission converted (an older schema read from storage
    /// migrated to the current one); the first error stops it.
    pub fn try_map<T, E>(self, f: impl FnOnce(S) -> Result<T, E>) -> Result<StoredRecord<T>, E> {
        Ok(match self {
            StoredRecord::Draft {
                submission,
                city_errors,
            } => StoredRecord::Draft {
                submission: f(submission)?,
                city_errors,
            },
            StoredRecord::Queued {
                submission,
                last_failure,
            } => StoredRecord::Queued {
                submission: f(submission)?,
                last_failure,
            },
            StoredRecord::Sending { submission } => StoredRecord::Sending {
                submission: f(submission)?,
            },
            StoredRecord::Synced { receipt, nik_key } => StoredRecord::Synced { receipt, nik_key },
            StoredRecord::NeedsFix {
                submission,
                city_errors,
            } => StoredRecord::NeedsFix {
                submission: f(submission)?,
                city_errors,
            },
            StoredRecord::DuplicateElsewhere {
                submission,
                existing,
            } => StoredRecord::DuplicateElsewhere {
                submission: f(submission)?,
                existing,
            },
            StoredRecord::IdConflict { submission } => StoredRecord::IdConflict {
                submission: f(submission)?,
            },
        })
    }
}

/// The codes a record's last error is listed with (the messages are in `i18n::sync`); the
/// city's outcomes are named as on the wire.
pub mod error_code {
    /// The city refused a field (`rejected`).
    pub const REJECTED: &str = "rejected";
    /// The NIK is registered under another registration (`duplicate_nik`).
    pub const DUPLICATE_NIK: &str = "duplicate_nik";
    /// Different content under this id (`id_conflict`).
    pub const ID_CONFLICT: &str = "id_conflict";
}

/// FNV-1a over the NIK's digits: not a secret (a NIK has too little entropy for any hash
/// to hide it), only a way to notice the same NIK twice without keeping it after sync.
pub fn nik_key(input: &str) -> Option<u64> {
    let nik = Nik::parse(input).ok()?;
    Some(
        nik.as_str()
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            }),
    )
}
