//! Receiving a batch: each registration validated again with the domain crate, kept exactly
//! once, and answered with one outcome.
//!
//! Exactly once rests on the database, not on this process: `registrations.id` and
//! `registrations.nik` are UNIQUE and every row goes in with `INSERT … ON CONFLICT DO NOTHING`,
//! followed by a re-read when nothing was inserted. On top of that, each batch transaction
//! first updates the single `ingest_lock` row, which serializes batch writers: receipt
//! sequences are handed out without gaps, and two batches never wait on each other's rows in
//! opposite orders (no deadlock on PostgreSQL, no stale-snapshot busy error on SQLite). A batch
//! of 500 holds that lock for a few tens of milliseconds.

use domain::{
    Date, Registration, RegistrationId, Timestamp,
    wire::{ItemResult, Outcome, ReceiptNumber, Submission},
};
use sqlx::{Any, Transaction};

use crate::{auth::Device, db::Db};

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

/// A stored registration found by id.
struct Stored {
    receipt: String,
    validated_on: String,
    canonical_json: String,
}

/// Validates and stores a batch sent by `device` at `now`; one result per submission, in
/// request order.
pub async fn receive_batch(
    db: &Db,
    device: Device,
    submissions: &[Submission],
    now: Timestamp,
) -> Result<(Vec<ItemResult>, Tally), crate::error::Error> {
    // "Today" in Mojokerto decides the age and start-month rules.
    let today = now.date_wib();
    // Validation needs no database: done before the lock is taken.
    let validated: Vec<_> = submissions
        .iter()
        .map(|s| Registration::from_submission(s, today))
        .collect();

    let mut tx = db.pool.begin().await?;
    // First statement, and a write: takes the batch lock (see the module comment).
    let locked = sqlx::query("UPDATE ingest_lock SET touched_at = $1 WHERE id = 1")
        .bind(now.unix_millis())
        .execute(&mut *tx)
        .await?;
    if locked.rows_affected() != 1 {
        // Without its row the lock serializes nothing: refuse rather than hand out receipts
        // from writers that may overlap. The migration that made the table inserts the row.
        return Err(anyhow::anyhow!(
            "the ingest_lock row (id 1) is missing, so batches cannot be serialized; \
             restore it with INSERT INTO ingest_lock (id, touched_at) VALUES (1, 0)"
        )
        .into());
    }

    let year = i64::from(today.year());
    let mut last_sequence: Option<i64> = None;
    let mut results = Vec::with_capacity(submissions.len());
    let mut tally = Tally::default();
    for (submission, validation) in submissions.iter().zip(validated) {
        let mut attempts = 0;
        let outcome = loop {
            attempts += 1;
            if attempts > 3 {
                // Only a broken invariant (a receipt counter behind its rows) gets here.
                return Err(
                    anyhow::anyhow!("a registration could be neither stored nor found").into(),
                );
            }
            // A known id: the same content is a retry, anything else a conflict.
            if let Ok(id) = RegistrationId::parse(&submission.id)
                && let Some(stored) = find_by_id(&mut tx, &id).await?
            {
                break compare(submission, &validation, today, stored)?;
            }
            let registration = match &validation {
                Ok(registration) => registration,
                Err(errors) => {
                    break Outcome::Rejected {
                        errors: errors.clone(),
                    };
                }
            };
            let nik = registration.participant().nik().as_str();
            if let Some(receipt) = find_receipt_by_nik(&mut tx, nik).await? {
                break Outcome::DuplicateNik {
                    receipt: parse_receipt(&receipt)?,
                };
            }
            let sequence = match last_sequence {
                Some(last) => last + 1,
                None => current_sequence(&mut tx, year).await? + 1,
            };
            let receipt = ReceiptNumber::new(today.year(), u32::try_from(sequence).unwrap_or(0))
                .map_err(|e| anyhow::anyhow!("no receipt number left for {year}: {e}"))?;
            if insert(&mut tx, registration, device, receipt, today, now).await? {
                last_sequence = Some(sequence);
                break Outcome::Accepted { receipt };
            }
            // Nothing inserted: another writer got there first (id or NIK). Read again and
            // answer as for a row that was there all along.
        };
        tally.count(&outcome);
        results.push(ItemResult {
            id: submission.id.clone(),
            outcome,
        });
    }
    if let Some(last) = last_sequence {
        sqlx::query(
            "INSERT INTO receipt_counters (year, last_sequence) VALUES ($1, $2) \
             ON CONFLICT (year) DO UPDATE SET last_sequence = excluded.last_sequence",
        )
        .bind(year)
        .bind(last)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok((results, tally))
}

/// The answer for a submission whose id is already stored.
///
/// It is validated again against the day the stored one was validated on, so a rule that moved
/// with the calendar (age, start month) cannot turn an identical retry into a conflict, and
/// then compared as canonical content ([`Registration::same_content`]: spelling and `updated_at`
/// do not count).
fn compare(
    submission: &Submission,
    validation: &Result<Registration, Vec<domain::FieldError>>,
    today: Date,
    stored: Stored,
) -> Result<Outcome, crate::error::Error> {
    let first: Registration = serde_json::from_str(&stored.canonical_json)
        .map_err(|e| anyhow::anyhow!("a stored registration does not read back: {e}"))?;
    let validated_on = Date::parse(&stored.validated_on)
        .map_err(|e| anyhow::anyhow!("a stored validation date does not read back: {e}"))?;
    let again = if validated_on == today {
        validation.clone().ok()
    } else {
        Registration::from_submission(submission, validated_on).ok()
    };
    let receipt = parse_receipt(&stored.receipt)?;
    Ok(match again {
        Some(again) if first.same_content(&again) => Outcome::AlreadyReceived { receipt },
        _ => Outcome::IdConflict,
    })
}

fn parse_receipt(receipt: &str) -> Result<ReceiptNumber, crate::error::Error> {
    ReceiptNumber::parse(receipt)
        .map_err(|e| anyhow::anyhow!("a stored receipt does not read back: {e}").into())
}

async fn find_by_id(
    tx: &mut Transaction<'static, Any>,
    id: &RegistrationId,
) -> Result<Option<Stored>, sqlx::Error> {
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT receipt, validated_on, canonical_json FROM registrations WHERE id = $1",
    )
    .bind(id.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|(receipt, validated_on, canonical_json)| Stored {
        receipt,
        validated_on,
        canonical_json,
    }))
}

async fn find_receipt_by_nik(
    tx: &mut Transaction<'static, Any>,
    nik: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT receipt FROM registrations WHERE nik = $1")
        .bind(nik)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.map(|(receipt,)| receipt))
}

async fn current_sequence(
    tx: &mut Transaction<'static, Any>,
    year: i64,
) -> Result<i64, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT last_sequence FROM receipt_counters WHERE year = $1")
            .bind(year)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row.map_or(0, |(last,)| last))
}

/// Inserts a registration; false if a row with its id or NIK is already there.
async fn insert(
    tx: &mut Transaction<'static, Any>,
    registration: &Registration,
    device: Device,
    receipt: ReceiptNumber,
    today: Date,
    now: Timestamp,
) -> Result<bool, crate::error::Error> {
    let canonical_json = serde_json::to_string(registration)
        .map_err(|e| anyhow::anyhow!("a registration does not serialize: {e}"))?;
    let address = registration.address();
    // Beside the canonical JSON, only what queries look up, filter, group and join by: no copy
    // of a name or another personal detail (migration 0005).
    let done = sqlx::query(
        "INSERT INTO registrations (id, nik, kelurahan_code, kecamatan_code, business_kind, \
         koperasi_id, officer_id, device_id, receipt_year, receipt_sequence, receipt, \
         validated_on, received_at, canonical_json) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
         ON CONFLICT DO NOTHING",
    )
    .bind(registration.id().as_str())
    .bind(registration.participant().nik().as_str())
    .bind(address.kelurahan().map(|k| k.code()))
    .bind(address.kecamatan().map(|k| k.code()))
    .bind(registration.business().kind.kind())
    .bind(
        registration
            .koperasi()
            .map(|k| k.wadah.id.as_str().to_owned()),
    )
    .bind(device.officer_id)
    .bind(device.device_id)
    .bind(i64::from(receipt.year()))
    .bind(i64::from(receipt.sequence()))
    .bind(receipt.to_string())
    .bind(today.to_string())
    .bind(now.unix_millis())
    .bind(canonical_json)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    // Only for a registration that was stored: a retry or a duplicate changes nothing.
    if let Some(koperasi) = registration.koperasi() {
        upsert_koperasi(tx, &koperasi.wadah, now).await?;
    }
    insert_workers(tx, registration).await?;
    Ok(true)
}

/// Keeps the koperasi's details as its latest received member registration has them.
async fn upsert_koperasi(
    tx: &mut Transaction<'static, Any>,
    wadah: &domain::Wadah,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO koperasi (id, name, kelurahan_code, legal_number, updated_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, \
         kelurahan_code = excluded.kelurahan_code, legal_number = excluded.legal_number, \
         updated_at = excluded.updated_at",
    )
    .bind(wadah.id.as_str())
    .bind(wadah.name.as_str())
    .bind(wadah.kelurahan.code())
    .bind(wadah.legal_number.as_ref().map(ToString::to_string))
    .bind(now.unix_millis())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One row per worker the owner listed, in order: which registrations list workers (the PU
/// hand-over's filter) and how many (the figures). The workers' details stay in the canonical
/// JSON, which the hand-over reads.
async fn insert_workers(
    tx: &mut Transaction<'static, Any>,
    registration: &Registration,
) -> Result<(), sqlx::Error> {
    for position in 0..registration.workers().len() {
        sqlx::query("INSERT INTO workers (registration_id, position) VALUES ($1, $2)")
            .bind(registration.id().as_str())
            .bind(position as i64)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
