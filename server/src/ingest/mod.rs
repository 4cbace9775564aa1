//! Receiving a batch: each registration validated again with the domain crate, kept exactly
//! once, and answered with one outcome.
//!
//! A batch is one transaction whose first statement updates the single `ingest_lock` row,
//! which serializes batch writers across every process on the database: receipt sequences are
//! handed out without gaps, two batches never wait on each other's rows in opposite orders (no
//! deadlock on PostgreSQL, no stale-snapshot busy error on SQLite), and what a batch looks up
//! after taking the lock stays true until it commits. So every outcome is decided in memory
//! ([`plan`]) and the new rows are written together ([`store`]). A batch that is all new (every
//! submission valid, no id or NIK twice) is planned as if the city held none of it and written
//! at once, and the UNIQUE constraints on `registrations.id` and `registrations.nik` tell whether
//! that held: if a row is left out, the try is rolled back and the batch's ids and NIKs are looked
//! up (one query each) and planned again. Any other batch is looked up first. Either way a row
//! the plan says is new but the database already holds rolls the batch back, never a receipt
//! that is not kept.
//!
//! Validation and the canonical JSON need no database and are done before the lock is taken,
//! so the batches of many phones do that work side by side; a batch of 500 then holds the lock
//! for the few statements of its writes. That work is pure computation and the largest part of
//! a batch's time that is not the database's (a quarter of the endpoint's CPU time at batches
//! of 500, BENCHMARKS.md): it runs on tokio's blocking threads, never on the threads that serve
//! requests, split over the machine's cores so that one phone's batch of 500 is checked on all
//! of them.

mod plan;
mod store;

use std::sync::Arc;

use domain::{
    Date, Timestamp,
    wire::{ItemResult, Outcome, Submission, health::DeviceHealth},
};

use crate::{auth::Device, db::Db, devices_health, error::Error};
use plan::{Checked, Item, Known};
use store::Arrival;

/// How many of each outcome a batch got: what the log says about a batch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// New registrations stored.
    pub accepted: usize,
    /// Retries answered with their first receipt.
    pub already_received: usize,
    /// Known ids with different content.
    pub id_conflict: usize,
    /// NIKs already registered under another id.
    pub duplicate_nik: usize,
    /// Invalid registrations.
    pub rejected: usize,
}

impl Tally {
    fn count(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Accepted { .. } => self.accepted += 1,
            Outcome::AlreadyReceived { .. } => self.already_received += 1,
            Outcome::IdConflict => self.id_conflict += 1,
            Outcome::DuplicateNik { .. } => self.duplicate_nik += 1,
            Outcome::Rejected { .. } => self.rejected += 1,
        }
    }
}

/// Submissions checked together on one thread at least: fewer are not worth another thread.
const CHECKED_TOGETHER: usize = 64;

/// The phone speaking in a batch: it is seen, with its health report if it sent one
/// (`devices_health`). A batch imported from a backup file has none.
#[derive(Clone, Copy, Debug)]
pub struct Sighting<'a> {
    /// The report, when the phone sent a good one.
    pub report: Option<&'a DeviceHealth>,
}

/// Validates and stores a batch sent by `device` at `now`; one result per submission, in
/// request order. The phone's `sighting` is written in the same transaction.
pub async fn receive_batch(
    db: &Db,
    device: Device,
    submissions: Arc<[Submission]>,
    now: Timestamp,
    sighting: Option<Sighting<'_>>,
) -> Result<(Vec<ItemResult>, Tally), Error> {
    // "Today" in Mojokerto decides the age and start-month rules.
    let today = now.date_wib();
    let checked = check_all(&submissions, today).await?;
    let items: Vec<Item<'_>> = submissions
        .iter()
        .zip(checked)
        .map(|(submission, checked)| Item::new(submission, checked))
        .collect();

    // This process's turn first, then the database's lock (which other processes share).
    let turn = db.batch_turn.lock().await;
    let year = today.year();
    let arrival = Arrival { device, today, now };
    let (mut tx, last_sequence) = begin_locked(db, now, year).await?;
    // The usual batch is new to the city: every submission valid, none the same person or id
    // as another. It is planned as if the database held none of its ids and NIKs and written at
    // once; when every row goes in, that plan is the one the look-ups would have made (a stored
    // id or NIK is refused by the UNIQUE constraints), and the look-ups — two queries over the
    // whole batch — are saved. Anything else is looked up first.
    let assumed = plan::plan(&items, &Known::default(), last_sequence, today)?;
    let all_new = assumed.accepted.len() == items.len()
        && store::insert_new_registrations(&mut tx, db.backend, &assumed.accepted, arrival).await?;
    let plan = if all_new {
        assumed
    } else {
        let last_sequence = if assumed.accepted.len() == items.len() {
            // Some of the rows were stored already (a retry whose answer was lost): the rows
            // that went in are undone with the transaction, and the batch is planned again
            // from the look-ups under a new hold of the lock.
            tx.rollback().await?;
            let (again, last_sequence) = begin_locked(db, now, year).await?;
            tx = again;
            last_sequence
        } else {
            last_sequence
        };
        let known = look_up(&mut tx, db.backend, &items).await?;
        let plan = plan::plan(&items, &known, last_sequence, today)?;
        store::insert_registrations(&mut tx, db.backend, &plan.accepted, arrival).await?;
        plan
    };
    if let Some(last) = plan.accepted.last() {
        // Only for registrations that were stored: a retry or a duplicate changes nothing.
        store::upsert_koperasi(&mut tx, db.backend, &plan.accepted, now).await?;
        store::insert_workers(&mut tx, db.backend, &plan.accepted).await?;
        store::save_last_sequence(&mut tx, year, last.receipt.sequence()).await?;
    }
    let mut tally = Tally::default();
    for outcome in &plan.outcomes {
        tally.count(outcome);
    }
    if let Some(sighting) = sighting {
        record_sighting(&mut tx, device, sighting, &tally, now).await?;
    }
    tx.commit().await?;
    drop(turn);

    let results = submissions
        .iter()
        .zip(plan.outcomes)
        .map(|(submission, outcome)| ItemResult {
            id: submission.id.clone(),
            outcome,
        })
        .collect();
    Ok((results, tally))
}

/// A transaction holding the batch lock, and the last receipt sequence of `year` as it reads
/// under the lock.
async fn begin_locked(
    db: &Db,
    now: Timestamp,
    year: u16,
) -> Result<(sqlx::Transaction<'static, sqlx::Any>, u32), Error> {
    let mut tx = db.pool.begin().await?;
    store::lock(&mut tx, now).await?;
    let last_sequence = store::last_sequence(&mut tx, year).await?;
    Ok((tx, last_sequence))
}

/// What the database holds about the batch's ids, and about the NIKs of the others.
async fn look_up(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: crate::db::Backend,
    items: &[Item<'_>],
) -> Result<Known, Error> {
    let ids: Vec<&str> = items
        .iter()
        .filter_map(|item| item.id.as_ref().map(|id| id.as_str()))
        .collect();
    let by_id = store::stored_by_id(tx, backend, &ids).await?;
    // A stored id is answered by comparison: only the others' NIKs matter.
    let niks: Vec<&str> = items
        .iter()
        .filter(|item| {
            item.id
                .as_ref()
                .is_none_or(|id| !by_id.contains_key(id.as_str()))
        })
        .filter_map(Item::nik)
        .collect();
    let receipt_by_nik = store::receipts_by_nik(tx, backend, &niks).await?;
    Ok(Known {
        by_id,
        receipt_by_nik,
    })
}

/// Writes the phone's sighting inside the batch's transaction, under a savepoint: the batch
/// and the word about its phone are then one commit (one flush to disk with `synchronous =
/// FULL`, which as a second transaction was a sixth of a batch of 500's time), and a failure to
/// write it is rolled back alone — never a reason to refuse registrations the phone would only
/// send again. Its settled registrations (stored, retried, or a NIK the city holds) no longer
/// wait on the phone.
async fn record_sighting(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    device: Device,
    sighting: Sighting<'_>,
    tally: &Tally,
    now: Timestamp,
) -> Result<(), Error> {
    let settled = tally.accepted + tally.already_received + tally.duplicate_nik;
    let settled = u32::try_from(settled).unwrap_or(u32::MAX);
    let mut savepoint = sqlx::Acquire::begin(&mut *tx).await?;
    let written = devices_health::record_in(
        &mut *savepoint,
        device,
        sighting.report,
        settled,
        now.unix_millis(),
    )
    .await;
    match written {
        Ok(()) => savepoint.commit().await?,
        Err(e) => {
            savepoint.rollback().await?;
            tracing::warn!(error = %e, device_id = device.device_id, "device health not recorded");
        }
    }
    Ok(())
}

/// Checks every submission on the blocking threads, in one part per core (of at least
/// [`CHECKED_TOGETHER`]), in order.
async fn check_all(submissions: &Arc<[Submission]>, today: Date) -> Result<Vec<Checked>, Error> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let part = submissions.len().div_ceil(cores).max(CHECKED_TOGETHER);
    let tasks: Vec<_> = (0..submissions.len())
        .step_by(part)
        .map(|start| {
            let submissions = submissions.clone();
            tokio::task::spawn_blocking(move || {
                let end = (start + part).min(submissions.len());
                submissions[start..end]
                    .iter()
                    .map(|submission| Checked::new(submission, today))
                    .collect::<Result<Vec<_>, Error>>()
            })
        })
        .collect();
    let mut checked = Vec::with_capacity(submissions.len());
    for task in tasks {
        let part = task
            .await
            .map_err(|e| anyhow::anyhow!("checking a batch did not finish: {e}"))??;
        checked.extend(part);
    }
    Ok(checked)
}
