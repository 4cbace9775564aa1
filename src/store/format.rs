//! How a record is written in storage, and how every version ever written is read back.
//!
//! A stored record is an envelope `{"v":2,"state":…,…}`: the envelope's version, then the
//! [`StoredRecord`] with its state as the `state` field. The submission inside carries its own
//! schema version (`domain::schema`), migrated on read too.
//!
//! - Version 1 (the first releases) was one struct of optional fields (`state`, `submission`,
//!   `receipt`, `last_error`, `nik_key`). It is read into the state it was in and written back
//!   as version 2 when the store opens. A combination no release ever wrote (a queued record
//!   without its registration, say) means nothing and is unreadable.
//! - A record a newer release wrote ([`Decoded::Newer`]) is left exactly as it is, and reported,
//!   never quarantined, rewritten or sent: a newer envelope version, or a submission of a newer
//!   schema version inside today's envelope (what a release that only moves the schema on
//!   writes). This is what lets a tab of this release stay open while a newer one runs beside
//!   it. A newer release that changes the record itself (a new state, a new field this code
//!   would drop on a rewrite) must write a new envelope version.
//! - Anything else that does not read is [`Decoded::Unreadable`]; the store quarantines it.

use domain::{FieldError, SCHEMA_VERSION, StoredSubmission};
use serde::{Deserialize, Serialize};

use super::record::{Receipt, RecordState, StoredRecord};

/// The envelope version this code writes.
pub const RECORD_VERSION: u32 = 2;

/// How a stored record shows it was written by a newer release of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Newer {
    /// A newer envelope version.
    Envelope(u32),
    /// Today's envelope around a submission of a newer schema version.
    Schema(u32),
}

/// What a stored value turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decoded {
    /// A record in the current format.
    Current(StoredRecord),
    /// A record of an older format (envelope or submission schema), now in the current one:
    /// write it back.
    Migrated(StoredRecord),
    /// Written by a newer release: leave it alone.
    Newer(Newer),
    /// Not a record this or any earlier release wrote.
    Unreadable,
}

impl Decoded {
    /// The record, if it could be read (migrated or not).
    pub fn record(self) -> Option<StoredRecord> {
        match self {
            Decoded::Current(record) | Decoded::Migrated(record) => Some(record),
            Decoded::Newer(_) | Decoded::Unreadable => None,
        }
    }
}

#[derive(Serialize)]
struct Envelope<'a> {
    v: u32,
    #[serde(flatten)]
    record: &'a StoredRecord,
}

/// The text stored for `record`.
pub fn encode(record: &StoredRecord) -> String {
    serde_json::to_string(&Envelope {
        v: RECORD_VERSION,
        record,
    })
    .expect("a record serializes")
}

/// Reads a stored value of any version.
pub fn decode(raw: &str) -> Decoded {
    /// What is read of a record before its version is known: enough to tell a newer release's.
    #[derive(Deserialize)]
    struct Peek {
        v: u32,
        #[serde(default)]
        submission: Option<PeekSubmission>,
    }
    #[derive(Deserialize)]
    struct PeekSubmission {
        #[serde(default)]
        schema_version: Option<u32>,
    }
    let Ok(peek) = serde_json::from_str::<Peek>(raw) else {
        return Decoded::Unreadable;
    };
    match peek.v {
        RECORD_VERSION => {
            let schema = peek.submission.and_then(|s| s.schema_version);
            if let Some(schema) = schema.filter(|&v| v > SCHEMA_VERSION) {
                return Decoded::Newer(Newer::Schema(schema));
            }
            decode_current(raw)
        }
        1 => v1::decode(raw).map_or(Decoded::Unreadable, Decoded::Migrated),
        newer if newer > RECORD_VERSION => Decoded::Newer(Newer::Envelope(newer)),
        _ => Decoded::Unreadable,
    }
}

fn decode_current(raw: &str) -> Decoded {
    let Ok(any) = serde_json::from_str::<StoredRecord<StoredSubmission>>(raw) else {
        return Decoded::Unreadable;
    };
    let mut migrated = false;
    match any.try_map(|stored| {
        migrated =
            !matches!(&stored, StoredSubmission::Current(s) if s.schema_version == SCHEMA_VERSION);
        stored.into_current()
    }) {
        Ok(record) if migrated => Decoded::Migrated(record),
        Ok(record) => Decoded::Current(record),
        Err(_) => Decoded::Unreadable,
    }
}

/// The first releases' format.
mod v1 {
    use super::*;

    /// The record as version 1 wrote it: every field optional, whatever the state.
    #[derive(Deserialize)]
    struct RecordV1 {
        state: RecordState,
        submission: Option<StoredSubmission>,
        receipt: Option<Receipt>,
        #[serde(default)]
        last_error: Option<LastErrorV1>,
        #[serde(default)]
        nik_key: Option<u64>,
    }

    /// Version 1's "last error": a code, and the city's field errors for a rejected one.
    #[derive(Deserialize)]
    struct LastErrorV1 {
        code: String,
        #[serde(default)]
        fields: Vec<FieldError>,
    }

    /// The version 1 record in `raw` in its state of today; `None` if it does not read or holds
    /// a combination that means nothing.
    pub(super) fn decode(raw: &str) -> Option<StoredRecord> {
        let old: RecordV1 = serde_json::from_str(raw).ok()?;
        let submission = old
            .submission
            .map(StoredSubmission::into_current)
            .transpose()
            .ok()?;
        let (code, fields) = match old.last_error {
            Some(e) => (Some(e.code), e.fields),
            None => (None, Vec::new()),
        };
        Some(match (old.state, submission, old.receipt) {
            (RecordState::Draft, Some(submission), _) => StoredRecord::Draft {
                submission,
                city_errors: fields,
            },
            (RecordState::Queued, Some(submission), _) => StoredRecord::Queued {
                submission,
                last_failure: code,
            },
            (RecordState::Sending, Some(submission), _) => StoredRecord::Sending { submission },
            (RecordState::Synced, submission, Some(receipt)) => StoredRecord::Synced {
                nik_key: old.nik_key.or_else(|| {
                    submission.and_then(|s| super::super::record::nik_key(&s.form.participant.nik))
                }),
                receipt,
            },
            (RecordState::NeedsFix, Some(submission), _) => StoredRecord::NeedsFix {
                submission,
                city_errors: fields,
            },
            (RecordState::DuplicateElsewhere, Some(submission), Some(existing)) => {
                StoredRecord::DuplicateElsewhere {
                    submission,
                    existing,
                }
            }
            (RecordState::IdConflict, Some(submission), _) => {
                StoredRecord::IdConflict { submission }
            }
            _ => return None,
        })
    }
}
