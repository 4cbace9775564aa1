//! The outbox loop: takes what is queued, sends it in batches, and moves each registration
//! to the state the endpoint's answer gives it (the transitions themselves are the pure
//! functions of `store::transition`). It never decides *when* to run (see the scheduler in
//! `sync`) and never holds the only copy of anything: every state change is written to
//! storage before the next step.

use domain::wire::{BatchRequest, DeviceHealth};
use futures::future::join_all;

use super::transport::Transport;
use crate::{
    api::Error,
    store::{Held, SaveError, StoredRecord, transition},
};

/// Registrations per request: well under the endpoint's limit (`MAX_BATCH_ITEMS`), small
/// enough that one request on a slow link finishes inside the timeout. A 413 halves it.
pub const DEFAULT_BATCH_SIZE: usize = 100;

/// The store as the engine needs it.
pub trait Outbox {
    /// Ids of everything to send (queued, or left `sending` by a tab that died), oldest first.
    fn sendable(&self) -> Vec<String>;
    /// One record, and which stored text it was read from (opened now if it was not yet).
    fn get(&self, id: &str) -> impl std::future::Future<Output = Option<Held>>;
    /// Writes `next` in place of `expected`, only if what is stored under `id` is still the
    /// text `expected` was read from (`crate::store::Premise::Exactly`): a record opened for
    /// editing, or moved on by another tab, since the engine read it is not the engine's to
    /// change.
    fn replace(
        &self,
        id: &str,
        expected: &Held,
        next: &StoredRecord,
    ) -> impl std::future::Future<Output = Result<(), SaveError>>;
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
    Failed(Error),
}

/// Sends everything sendable. `batch_size` is shrunk in place by 413s; `now` stamps receipts;
/// `health` is the phone's report each batch carries (none when it cannot be told).
pub async fn run<O: Outbox, T: Transport>(
    outbox: &O,
    transport: &T,
    batch_size: &mut usize,
    now: &dyn Fn() -> String,
    health: &dyn Fn() -> Option<DeviceHealth>,
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
        // Each record is marked on its own (its own compare-and-write); the batch's are marked
        // at once, because each waits on the browser to open and seal it, not on the page.
        let marked = join_all(ids.iter().map(|id| mark_sending(outbox, id))).await;
        let registrations: Vec<_> = marked.into_iter().flatten().collect();
        if registrations.is_empty() {
            waiting.drain(..n);
            continue;
        }
        let batch = BatchRequest {
            registrations,
            // Read after marking: the ones in this batch still wait until answered.
            health: health(),
        };
        match transport.send(&batch).await {
            Ok(response) => {
                let now = now();
                let answered = join_all(
                    response
                        .results
                        .iter()
                        .map(|result| take_answer(outbox, result, &now)),
                )
                .await;
                attention += answered.into_iter().filter(|a| *a).count();
                // Anything the answer did not mention goes back to the queue.
                requeue(outbox, &ids, None).await;
                waiting.drain(..n);
                done += n;
                progress(Progress { done, total });
            }
            Err(Error::TooLarge) if n > 1 => *batch_size = n / 2,
            Err(e) => {
                requeue(outbox, &ids, Some(e.code())).await;
                return RunEnd::Failed(e);
            }
        }
    }
    RunEnd::Done {
        answered: done,
        attention,
    }
}

/// Marks `id` as being sent; the submission to send, unless the record is not ours to send.
async fn mark_sending<O: Outbox>(outbox: &O, id: &str) -> Option<domain::Submission> {
    // Changed meanwhile (opened for editing, say): not ours to send.
    let queued = outbox.get(id).await?;
    let sending = transition::send(queued.record.clone())?;
    match outbox.replace(id, &queued, &sending).await {
        // Marking is for the screen and for crash recovery; if storage is full the record is
        // still sent (and still recovered, as queued).
        Ok(()) | Err(SaveError::Full | SaveError::Refused(_)) => sending.into_submission(),
        // Moved on between the read and the write (or locked and closed): not ours to send.
        Err(
            SaveError::NotEditable(_) | SaveError::Changed | SaveError::Newer | SaveError::Locked,
        ) => None,
    }
}

/// Moves the record `result` answers to the state the answer gives it, if it is still waiting
/// for that answer; whether it now needs the officer.
async fn take_answer<O: Outbox>(outbox: &O, result: &domain::wire::ItemResult, now: &str) -> bool {
    let Some(record) = outbox.get(&result.id).await else {
        return false;
    };
    // Only a record still waiting for this answer takes it.
    if record.record.state() != crate::store::RecordState::Sending {
        return false;
    }
    let answered = transition::apply(record.record.clone(), &result.outcome, now);
    let attention = answered.state().needs_attention();
    let _ = outbox.replace(&result.id, &record, &answered).await;
    attention
}

/// Puts records of this batch still marked `sending` back in the queue (all at once, as they
/// were marked).
async fn requeue<O: Outbox>(outbox: &O, ids: &[String], failure: Option<&str>) {
    join_all(ids.iter().map(|id| async move {
        if let Some(held) = outbox.get(id).await
            && held.record.state() == crate::store::RecordState::Sending
        {
            let next = transition::requeue(held.record.clone(), failure);
            let _ = outbox.replace(id, &held, &next).await;
        }
    }))
    .await;
}
