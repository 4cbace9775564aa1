//! How a record moves between its states as the sync engine sends it and the city answers:
//! pure functions from a record (and an answer, and the time) to the next record. Nothing
//! here reads storage or the clock, so every transition is a plain test.
//!
//! queued → sending → synced | needs_fix | duplicate_elsewhere | id_conflict, and back to
//! queued when the whole request fails or the answer does not mention it. A record is
//! reduced to its receipt only after the city confirmed it (accepted or already_received).

use domain::{
    Kelurahan, Nik, Submission, Timestamp,
    wire::{Outcome, ReceiptNumber},
};

use super::record::{Receipt, StoredRecord};

/// The record as put in a batch: a queued one (or one a dead tab left `sending`) becomes
/// `sending`, its times put back in order if a clock set back left them out of order
/// (`domain::clock`); `None` for anything else, which is not the engine's to send (a record
/// opened for editing meanwhile is a draft again).
pub fn send(record: StoredRecord) -> Option<StoredRecord> {
    match record {
        StoredRecord::Queued { mut submission, .. } | StoredRecord::Sending { mut submission } => {
            submission.repair_times();
            Some(StoredRecord::Sending { submission })
        }
        _ => None,
    }
}

/// The record after the city's answer for it, confirmed at `now` (RFC 3339). Only a record
/// still waiting for this answer (`sending`) takes it; any other is returned as it is.
pub fn apply(record: StoredRecord, outcome: &Outcome, now: &str) -> StoredRecord {
    let StoredRecord::Sending { submission } = record else {
        return record;
    };
    match outcome {
        Outcome::Accepted { receipt } | Outcome::AlreadyReceived { receipt } => {
            // Confirmed: keep the receipt, drop the rest of the personal data.
            StoredRecord::Synced {
                nik_key: super::record::nik_key(&submission.form.participant.nik),
                receipt: receipt_of(&submission, receipt, now),
            }
        }
        Outcome::DuplicateNik { receipt } => StoredRecord::DuplicateElsewhere {
            existing: receipt_of(&submission, receipt, now),
            submission,
        },
        Outcome::IdConflict => StoredRecord::IdConflict { submission },
        Outcome::Rejected { errors } => StoredRecord::NeedsFix {
            submission,
            city_errors: errors.clone(),
        },
    }
}

/// The record after its batch got no answer for it: a `sending` one is queued again, with
/// the code of the failed request if the whole request failed (`None` when the answer simply
/// did not mention it). Any other record is returned as it is.
pub fn requeue(record: StoredRecord, failure: Option<&str>) -> StoredRecord {
    match record {
        StoredRecord::Sending { submission } => StoredRecord::Queued {
            submission,
            last_failure: failure.map(str::to_owned),
        },
        other => other,
    }
}

/// The receipt kept for `submission` under the city's `number`: name, masked NIK and
/// kelurahan, nothing else of the person. Confirmed at `now` by the phone's clock, or at the
/// record's latest time if that clock has gone back (`domain::clock`: never before it).
pub fn receipt_of(submission: &Submission, number: &ReceiptNumber, now: &str) -> Receipt {
    let confirmed_at = Timestamp::parse(now)
        .map(|now| submission.stamp(now).to_string())
        .unwrap_or_else(|_| now.to_owned());
    let p = &submission.form.participant;
    Receipt {
        name: p.full_name.trim().to_owned(),
        masked_nik: Nik::parse(&p.nik).map(|n| n.masked()).unwrap_or_default(),
        kelurahan: (!submission.form.address.outside_city)
            .then(|| {
                Kelurahan::parse(&submission.form.address.kelurahan)
                    .ok()
                    .map(|k| k.code().to_owned())
            })
            .flatten(),
        number: *number,
        created_at: submission.created_at.clone(),
        confirmed_at,
    }
}
