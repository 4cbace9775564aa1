//! The statements of a batch: a handful per batch, not a handful per registration.
//!
//! The profile of the endpoint (BENCHMARKS.md, "Where ingest time goes") showed that most of a
//! batch's time went to handing statements over one at a time — to SQLite's worker thread, or
//! over the socket to PostgreSQL — not to the database's own work. So the whole batch's ids and
//! NIKs are looked up in one query each when they are looked up at all (the list passed as one
//! JSON array, so the statement's text never changes and stays prepared; a batch that is all
//! new skips them, see `ingest`), and the new rows are written with multi-row `INSERT`s of up to
//! [`ROWS_PER_STATEMENT`] rows.

use std::collections::{HashMap, HashSet};

use domain::{Date, Registration, Timestamp, Wadah};
use sqlx::{Any, AssertSqlSafe, Transaction, query::Query};

use super::plan::{Accepted, Stored};
use crate::{auth::Device, db::Backend, error::Error};

type Tx = Transaction<'static, Any>;

/// Rows per multi-row `INSERT`: 100 registrations are 1,400 parameters, far below SQLite's
/// (32,766) and PostgreSQL's (65,535) limits, and a phone's usual batch (100) is one statement.
/// Larger statements gain little more (the hand-over per statement is then already small) and
/// would multiply the shapes kept prepared.
const ROWS_PER_STATEMENT: usize = 100;

/// Takes the batch lock: the first statement, and a write (see the module comment of
/// `ingest`). The row must be there: without it nothing is serialized.
pub(super) async fn lock(tx: &mut Tx, now: Timestamp) -> Result<(), Error> {
    let locked = sqlx::query("UPDATE ingest_lock SET touched_at = $1 WHERE id = 1")
        .bind(now.unix_millis())
        .execute(&mut **tx)
        .await?;
    if locked.rows_affected() != 1 {
        // Refuse rather than hand out receipts from writers that may overlap. The migration
        // that made the table inserts the row.
        return Err(anyhow::anyhow!(
            "the ingest_lock row (id 1) is missing, so batches cannot be serialized; \
             restore it with INSERT INTO ingest_lock (id, touched_at) VALUES (1, 0)"
        )
        .into());
    }
    Ok(())
}

/// `WHERE <column> IN` a JSON array of text bound as one parameter, in each backend's words.
fn in_json_array(backend: Backend, column: &str) -> String {
    match backend {
        Backend::Sqlite => format!("{column} IN (SELECT value FROM json_each($1))"),
        Backend::Postgres => {
            format!("{column} = ANY (ARRAY(SELECT json_array_elements_text($1::json)))")
        }
    }
}

fn json_array(values: &[&str]) -> Result<String, Error> {
    serde_json::to_string(values)
        .map_err(|e| anyhow::anyhow!("a list of keys does not serialize: {e}").into())
}

/// The stored registrations among `ids`, by id.
pub(super) async fn stored_by_id(
    tx: &mut Tx,
    backend: Backend,
    ids: &[&str],
) -> Result<HashMap<String, Stored>, Error> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT id, receipt, validated_on, canonical_json FROM registrations WHERE {}",
        in_json_array(backend, "id")
    );
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(AssertSqlSafe(sql))
        .bind(json_array(ids)?)
        .fetch_all(&mut **tx)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, receipt, validated_on, canonical_json)| {
            let stored = Stored {
                receipt,
                validated_on,
                canonical_json,
            };
            (id, stored)
        })
        .collect())
}

/// The receipts of the stored registrations among `niks`, by NIK.
pub(super) async fn receipts_by_nik(
    tx: &mut Tx,
    backend: Backend,
    niks: &[&str],
) -> Result<HashMap<String, String>, Error> {
    if niks.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT nik, receipt FROM registrations WHERE {}",
        in_json_array(backend, "nik")
    );
    let rows: Vec<(String, String)> = sqlx::query_as(AssertSqlSafe(sql))
        .bind(json_array(niks)?)
        .fetch_all(&mut **tx)
        .await?;
    Ok(rows.into_iter().collect())
}

/// The last receipt sequence handed out in `year` (0 before the first).
pub(super) async fn last_sequence(tx: &mut Tx, year: u16) -> Result<u32, Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT last_sequence FROM receipt_counters WHERE year = $1")
            .bind(i64::from(year))
            .fetch_optional(&mut **tx)
            .await?;
    let last = row.map_or(0, |(last,)| last);
    u32::try_from(last)
        .map_err(|_| anyhow::anyhow!("the receipt counter of {year} reads {last}").into())
}

/// Records `last` as the last receipt sequence handed out in `year`.
pub(super) async fn save_last_sequence(tx: &mut Tx, year: u16, last: u32) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO receipt_counters (year, last_sequence) VALUES ($1, $2) \
         ON CONFLICT (year) DO UPDATE SET last_sequence = excluded.last_sequence",
    )
    .bind(i64::from(year))
    .bind(i64::from(last))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// `($1, $2), ($3, $4)` for `rows` rows of `columns` values: numbered on PostgreSQL, plain
/// `?` on SQLite, where finding a numbered parameter's place walks the statement's list of
/// names, so that binding a thousand of them costs more than the insert itself.
fn placeholders(backend: Backend, rows: usize, columns: usize) -> String {
    let mut sql = String::with_capacity(rows * columns * 7);
    for row in 0..rows {
        sql.push_str(if row == 0 { "(" } else { ", (" });
        for column in 0..columns {
            if column > 0 {
                sql.push_str(", ");
            }
            match backend {
                Backend::Sqlite => sql.push('?'),
                Backend::Postgres => {
                    sql.push('$');
                    sql.push_str(&(row * columns + column + 1).to_string());
                }
            }
        }
        sql.push(')');
    }
    sql
}

/// The columns of a registration row, in the order [`bind_registration`] binds them.
const REGISTRATION_COLUMNS: [&str; 14] = [
    "id",
    "nik",
    "kelurahan_code",
    "kecamatan_code",
    "business_kind",
    "koperasi_id",
    "officer_id",
    "device_id",
    "receipt_year",
    "receipt_sequence",
    "receipt",
    "validated_on",
    "received_at",
    "canonical_json",
];

/// Where and when a batch was received: the same for each of its rows.
#[derive(Clone, Copy)]
pub(super) struct Arrival {
    pub device: Device,
    pub today: Date,
    pub now: Timestamp,
}

fn bind_registration<'q>(
    query: Query<'q, Any, sqlx::any::AnyArguments>,
    row: &Accepted<'_>,
    arrival: Arrival,
) -> Query<'q, Any, sqlx::any::AnyArguments> {
    let registration = row.registration;
    let receipt = row.receipt;
    let address = registration.address();
    // Beside the canonical JSON, only what queries look up, filter, group and join by: no copy
    // of a name or another personal detail (migration 0005).
    query
        .bind(registration.id().as_str())
        .bind(registration.participant().nik().as_str())
        .bind(address.kelurahan().map(|k| k.code()))
        .bind(address.kecamatan().map(|k| k.code()))
        .bind(registration.business().kind.kind())
        .bind(registration.koperasi().map(|k| k.wadah.id.as_str()))
        .bind(arrival.device.officer_id)
        .bind(arrival.device.device_id)
        .bind(i64::from(receipt.year()))
        .bind(i64::from(receipt.sequence()))
        .bind(receipt.to_string())
        .bind(arrival.today.to_string())
        .bind(arrival.now.unix_millis())
        .bind(row.canonical_json)
}

/// Inserts the new registrations. Every one must go in: the batch lock means no other writer
/// can have stored one of these ids or NIKs since they were looked up, so a row left out is a
/// broken invariant, and the whole batch is rolled back (the phone's retry is then answered
/// from what is really stored) rather than answered with a receipt that is not kept.
pub(super) async fn insert_registrations(
    tx: &mut Tx,
    backend: Backend,
    rows: &[Accepted<'_>],
    arrival: Arrival,
) -> Result<(), Error> {
    let inserted = insert(tx, backend, rows, arrival).await?;
    if inserted != rows.len() {
        return Err(anyhow::anyhow!(
            "{} of {} new registrations were already stored although the batch lock was \
             held: the batch is rolled back",
            rows.len() - inserted,
            rows.len()
        )
        .into());
    }
    Ok(())
}

/// Inserts registrations planned without looking the batch up; whether every one went in. When
/// one did not (its id or NIK is stored), some rows may have gone in before it: the caller
/// rolls the transaction back.
pub(super) async fn insert_new_registrations(
    tx: &mut Tx,
    backend: Backend,
    rows: &[Accepted<'_>],
    arrival: Arrival,
) -> Result<bool, Error> {
    Ok(insert(tx, backend, rows, arrival).await? == rows.len())
}

/// Inserts `rows` up to the first statement that leaves one out (a stored id or NIK); how many
/// went in.
async fn insert(
    tx: &mut Tx,
    backend: Backend,
    rows: &[Accepted<'_>],
    arrival: Arrival,
) -> Result<usize, Error> {
    let mut inserted = 0;
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO registrations ({}) VALUES {} ON CONFLICT DO NOTHING",
            REGISTRATION_COLUMNS.join(", "),
            placeholders(backend, chunk.len(), REGISTRATION_COLUMNS.len())
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for row in chunk {
            query = bind_registration(query, row, arrival);
        }
        let went_in = query.execute(&mut **tx).await?.rows_affected();
        inserted += usize::try_from(went_in).unwrap_or(usize::MAX);
        if went_in != chunk.len() as u64 {
            break;
        }
    }
    Ok(inserted)
}

/// Keeps each koperasi's details as the latest accepted member registration has them: one row
/// per koperasi (a statement may not update the same row twice), the last in receipt order.
pub(super) async fn upsert_koperasi(
    tx: &mut Tx,
    backend: Backend,
    accepted: &[Accepted<'_>],
    now: Timestamp,
) -> Result<(), Error> {
    let mut seen = HashSet::new();
    let mut latest: Vec<&Wadah> = accepted
        .iter()
        .rev()
        .filter_map(|a| a.registration.koperasi().map(|k| &k.wadah))
        .filter(|wadah| seen.insert(wadah.id.as_str()))
        .collect();
    latest.reverse();
    for chunk in latest.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO koperasi (id, name, kelurahan_code, legal_number, updated_at) \
             VALUES {} \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, \
             kelurahan_code = excluded.kelurahan_code, legal_number = excluded.legal_number, \
             updated_at = excluded.updated_at",
            placeholders(backend, chunk.len(), 5)
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for wadah in chunk {
            query = query
                .bind(wadah.id.as_str())
                .bind(wadah.name.as_str())
                .bind(wadah.kelurahan.code())
                .bind(wadah.legal_number.as_ref().map(ToString::to_string))
                .bind(now.unix_millis());
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// One row per worker the owner listed, in order: which registrations list workers (the PU
/// hand-over's filter) and how many (the figures). The workers' details stay in the canonical
/// JSON, which the hand-over reads.
pub(super) async fn insert_workers(
    tx: &mut Tx,
    backend: Backend,
    accepted: &[Accepted<'_>],
) -> Result<(), Error> {
    let rows: Vec<(&Registration, usize)> = accepted
        .iter()
        .flat_map(|a| (0..a.registration.workers().len()).map(|p| (a.registration, p)))
        .collect();
    // Two values a row: five times the registrations' rows in the same number of parameters.
    for chunk in rows.chunks(ROWS_PER_STATEMENT * 5) {
        let sql = format!(
            "INSERT INTO workers (registration_id, position) VALUES {}",
            placeholders(backend, chunk.len(), 2)
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for (registration, position) in chunk {
            query = query
                .bind(registration.id().as_str())
                .bind(*position as i64);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_number_every_value_of_every_row_once() {
        assert_eq!(placeholders(Backend::Postgres, 1, 2), "($1, $2)");
        assert_eq!(
            placeholders(Backend::Postgres, 3, 2),
            "($1, $2), ($3, $4), ($5, $6)"
        );
        assert_eq!(placeholders(Backend::Sqlite, 2, 3), "(?, ?, ?), (?, ?, ?)");
    }
}
