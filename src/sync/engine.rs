//! The outbox state machine: takes what is queued, sends it in batches, and moves each
//! registration to the state the endpoint's answer gives it. It never decides *when* to
//! run (see `scheduler`) and never holds the only copy of anything: every state change is
//! written to storage before the next step.
//!
//! queued → sending → synced | needs_fix | duplicate_elsewhere | id_conflict, and back to
//! queued on any failure of the whole request. A registration is reduced to its receipt
//! only after the endpoint confirmed it (accepted or already_received).

use domain::{
    Kelurahan, Nik, Submission,
    wire::{BatchRequest, ItemResult, Outcome, ReceiptNumber},
};

use super::transport::{SendError, Transport};
use crate::store::{LastError, Receipt, RecordState, SaveError, StoredRecord};

/// Registrations per request: well under the endpoint's limit (`MAX_BATCH_ITEMS`), small
/// enough that one request on a slow link finishes inside the timeout. A 413 halves it.
pub const DEFAULT_BATCH_SIZE: usize = 100;

/// The store as the engine needs it.
pub trait Outbox {
    /// Ids of everything to send (queued, or left `sending` by a tab that died), oldest first.
    fn sendable(&self) -> Vec<String>;
    /// One record.
    fn get(&self, id: &str) -> Option<StoredRecord>;
    /// Writes one record.
    fn put(&self, id: &str, record: &StoredRecord) -> Result<(), SaveError>;
}

/// How far a run has got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Registrations answered so far in this run.
    pub done: usize,
    /// Registrations this run set out to send.
    pub total: usize,
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunEnd {
    /// Nothing was waiting.
    Nothing,
    /// Everything waiting got an answer; `attention` of them need the officer.
    Done {
        /// Answered registrations.
        answered: usize,
        /// Rejected, duplicate or conflicting ones.
        attention: usize,
    },
    /// The request failed; what was not answered is queued again.
    Failed(SendError),
}

/// The stable code stored as a registration's last error for a failed request.
pub fn failure_code(e: &SendError) -> &'static str {
    match e {
        SendError::Network => "sync.network",
        SendError::Timeout => "sync.timeout",
        SendError::Unauthorized => "sync.unauthorized",
        SendError::TooLarge => "sync.too_large",
        SendError::RateLimited(_) => "sync.rate_limited",
        SendError::Server(_) => "sync.server",
    }
}

/// Sends everything sendable. `batch_size` is shrunk in place by 413s; `now` stamps receipts.
pub async fn run<O: Outbox, T: Transport>(
    outbox: &O,
    transport: &T,
    token: &str,
    batch_size: &mut usize,
    now: &dyn Fn() -> String,
    progress: &dyn Fn(Progress),
) -> RunEnd {
    let mut waiting = outbox.sendable();
    if waiting.is_empty() {
        return RunEnd::Nothing;
    }
    let total = waiting.len();
    let (mut done, mut attention) = (0, 0);
    progress(Progress { done, total });
    while !waiting.is_empty() {
        let n = (*batch_size).clamp(1, waiting.len());
        let ids: Vec<String> = waiting[..n].to_vec();
        let mut registrations = Vec::with_capacity(n);
        for id in &ids {
            let Some(mut record) = outbox.get(id) else {
                continue;
            };
            let Some(submission) = record.submission.clone() else {
                continue;
            };
            if !matches!(record.state, RecordState::Queued | RecordState::Sending) {
                continue; // changed meanwhile (opened for editing): not ours to send
            }
            record.state = RecordState::Sending;
            // Marking is for the screen and for crash recovery; if storage is full the
            // record is still sent (and still recovered, as queued).
            let _ = outbox.put(id, &record);
            registrations.push(submission);
        }
        if registrations.is_empty() {
            waiting.drain(..n);
            continue;
        }
        match transport.send(token, &BatchRequest { registrations }).await {
            Ok(response) => {
                for result in &response.results {
                    if apply(outbox, result, now) {
                        attention += 1;
                    }
                }
                // Anything the answer did not mention goes back to the queue.
                requeue(outbox, &ids, None);
                waiting.drain(..n);
                done += n;
                progress(Progress { done, total });
            }
            Err(SendError::TooLarge) if n > 1 => *batch_size = n / 2,
            Err(e) => {
                requeue(outbox, &ids, Some(&e));
                return RunEnd::Failed(e);
            }
        }
    }
    RunEnd::Done {
        answered: done,
        attention,
    }
}

/// Puts records of this batch still marked `sending` back in the queue.
fn requeue<O: Outbox>(outbox: &O, ids: &[String], error: Option<&SendError>) {
    for id in ids {
        if let Some(mut record) = outbox.get(id)
            && record.state == RecordState::Sending
        {
            record.state = RecordState::Queued;
            if let Some(e) = error {
                record.last_error = Some(LastError {
                    code: failure_code(e).into(),
                    fields: Vec::new(),
                });
            }
            let _ = outbox.put(id, &record);
        }
    }
}

/// Applies one result; `true` if the officer needs to act on it.
fn apply<O: Outbox>(outbox: &O, result: &ItemResult, now: &dyn Fn() -> String) -> bool {
    let Some(mut record) = outbox.get(&result.id) else {
        return false;
    };
    // Only a record still waiting for this answer takes it.
    if record.state != RecordState::Sending {
        return false;
    }
    let Some(submission) = record.submission.take() else {
        return false;
    };
    let (record, attention) = match &result.outcome {
        Outcome::Accepted { receipt } | Outcome::AlreadyReceived { receipt } => {
            // Confirmed: keep the receipt, drop the rest of the personal data.
            let receipt = receipt_of(&submission, receipt, now());
            (
                StoredRecord {
                    state: RecordState::Synced,
                    submission: None,
                    receipt: Some(receipt),
                    last_error: None,
                    ..record
                },
                false,
            )
        }
        Outcome::DuplicateNik { receipt } => {
            let receipt = receipt_of(&submission, receipt, now());
            let error = LastError {
                code: "duplicate_nik".into(),
                fields: Vec::new(),
            };
            (
                StoredRecord {
                    state: RecordState::DuplicateElsewhere,
                    submission: Some(submission),
                    receipt: Some(receipt),
                    last_error: Some(error),
                    ..record
                },
                true,
            )
        }
        Outcome::IdConflict => {
            let error = LastError {
                code: "id_conflict".into(),
                fields: Vec::new(),
            };
            (
                StoredRecord {
                    state: RecordState::IdConflict,
                    submission: Some(submission),
                    last_error: Some(error),
                    ..record
                },
                true,
            )
        }
        Outcome::Rejected { errors } => {
            let error = LastError {
                code: "rejected".into(),
                fields: errors.clone(),
            };
            (
                StoredRecord {
                    state: RecordState::NeedsFix,
                    submission: Some(submission),
                    last_error: Some(error),
                    ..record
                },
                true,
            )
        }
    };
    let _ = outbox.put(&result.id, &record);
    attention
}

fn receipt_of(submission: &Submission, number: &ReceiptNumber, confirmed_at: String) -> Receipt {
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
