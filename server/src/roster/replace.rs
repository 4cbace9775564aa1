//! Replacing the stored roster with a new list, as the difference between the two.
//!
//! The city's list is the current list: an import replaces it whole. But officers' phones hold
//! their area's part of it and fetch only what changed ([`crate::worklist`]), so the import
//! works out the difference by NIK instead of deleting and inserting everything:
//!
//! - an unchanged entry keeps its row, its id and its change number: no phone fetches it again;
//! - a changed entry keeps its id and gets a new change number; one that moved to another
//!   kelurahan also leaves a removal in the old one (numbered before its new content, so a
//!   phone never sees the move backwards);
//! - a new entry gets a new id; an entry no longer on the list is deleted and leaves a removal.
//!
//! Removals hold an id, a kelurahan and a time, never a NIK or a name, and are forgotten after
//! [`KEEP_REMOVALS_DAYS`]: a phone whose cursor is older starts its list over.

use std::collections::{HashMap, HashSet};

use domain::roster::RosterEntry;
use sqlx::{Any, Transaction};

use crate::db::Db;

/// Rows per INSERT statement: 9 parameters each keeps a statement far below SQLite's 32,766 and
/// PostgreSQL's 65,535 bound parameters, and 32,051 rows take 33 round trips instead of 32,051.
const ROWS_PER_INSERT: usize = 1_000;
/// How long a removal is remembered: a phone that has not synced for three months fetches its
/// whole list again, which it would want anyway.
pub const KEEP_REMOVALS_DAYS: i64 = 90;

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    /// Entries now on the roster.
    pub entries: usize,
    /// Of those, how many already have a registration (matched by NIK).
    pub registered: i64,
    /// Entries that were not on the earlier roster.
    pub added: usize,
    /// Entries whose name, kelurahan, business type, address or market changed.
    pub changed: usize,
    /// Entries of the earlier roster that are no longer on it.
    pub removed: usize,
}

/// A roster row as stored: what an import compares.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
struct Row {
    nik: String,
    full_name: String,
    kelurahan_code: String,
    kecamatan_code: String,
    business_type: String,
    address: Option<String>,
    market: Option<String>,
}

impl Row {
    fn of(entry: &RosterEntry) -> Row {
        Row {
            nik: entry.nik.as_str().to_owned(),
            full_name: entry.full_name.as_str().to_owned(),
            kelurahan_code: entry.kelurahan.code().to_owned(),
            kecamatan_code: entry.kelurahan.kecamatan().code().to_owned(),
            business_type: entry.business_type.as_str().to_owned(),
            address: entry.address.as_ref().map(|a| a.as_str().to_owned()),
            market: entry.market.as_ref().map(|m| m.as_str().to_owned()),
        }
    }
}

/// A stored row with its id.
#[derive(sqlx::FromRow)]
struct Stored {
    id: i64,
    #[sqlx(flatten)]
    row: Row,
}

/// Replaces the whole roster with `entries` in one transaction, at `now` (unix millis): the
/// city's list is the current list, and a failure half-way leaves the earlier one in place.
pub async fn replace(db: &Db, entries: &[RosterEntry], now: i64) -> anyhow::Result<Imported> {
    let mut tx = db.pool.begin().await?;
    // First, and a write: orders importers, so change numbers are given in commit order.
    sqlx::query("UPDATE worklist_clock SET last_seq = last_seq WHERE id = 1")
        .execute(&mut *tx)
        .await?;
    let (last_seq, pruned_through): (i64, i64) =
        sqlx::query_as("SELECT last_seq, pruned_through FROM worklist_clock WHERE id = 1")
            .fetch_one(&mut *tx)
            .await?;
    let stored: Vec<Stored> = sqlx::query_as(
        "SELECT id, nik, full_name, kelurahan_code, kecamatan_code, business_type, address, \
         market FROM roster",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut before: HashMap<String, Stored> =
        stored.into_iter().map(|s| (s.row.nik.clone(), s)).collect();

    let mut next_seq = last_seq;
    let mut number = || {
        next_seq += 1;
        next_seq
    };
    // (seq, roster id, kelurahan) of every removal, numbered before any new content.
    let mut removals = Vec::new();
    // (id, row) to insert; their numbers come after the removals'.
    let mut writes: Vec<(Option<i64>, Row)> = Vec::new();
    let mut to_delete = Vec::new();
    let mut added = 0;
    let mut changed = 0;
    let listed: HashSet<&str> = entries.iter().map(|e| e.nik.as_str()).collect();
    for entry in entries {
        let row = Row::of(entry);
        match before.get(&row.nik) {
            Some(old) if old.row == row => {}
            Some(old) => {
                changed += 1;
                if old.row.kelurahan_code != row.kelurahan_code {
                    removals.push((number(), old.id, old.row.kelurahan_code.clone()));
                }
                to_delete.push(row.nik.clone());
                writes.push((Some(old.id), row));
            }
            None => {
                added += 1;
                writes.push((None, row));
            }
        }
    }
    let mut gone: Vec<(String, Stored)> = before
        .drain()
        .filter(|(nik, _)| !listed.contains(nik.as_str()))
        .collect();
    gone.sort_by_key(|(_, s)| s.id);
    let removed = gone.len();
    for (nik, old) in gone {
        removals.push((number(), old.id, old.row.kelurahan_code));
        to_delete.push(nik);
    }
    let rows: Vec<(i64, i64, Row)> = writes
        .into_iter()
        .map(|(id, row)| {
            let seq = number();
            // A new entry's id is its first change number: unique, and never reused.
            (id.unwrap_or(seq), seq, row)
        })
        .collect();

    delete(&mut tx, &to_delete).await?;
    insert_rows(&mut tx, &rows).await?;
    insert_removals(&mut tx, &removals, now).await?;
    let pruned = prune(&mut tx, now).await?.max(pruned_through);
    sqlx::query("UPDATE worklist_clock SET last_seq = $1, pruned_through = $2 WHERE id = 1")
        .bind(next_seq)
        .bind(pruned)
        .execute(&mut *tx)
        .await?;
    let (registered,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM roster r JOIN registrations g ON g.nik = r.nik")
            .fetch_one(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(Imported {
        entries: entries.len(),
        registered,
        added,
        changed,
        removed,
    })
}

/// `$from, $from+1, …` for `count` values, as one row of a VALUES list.
fn placeholders(from: usize, count: usize) -> String {
    let list: Vec<String> = (from..from + count).map(|n| format!("${n}")).collect();
    format!("({})", list.join(", "))
}

async fn delete(tx: &mut Transaction<'static, Any>, niks: &[String]) -> sqlx::Result<()> {
    for chunk in niks.chunks(ROWS_PER_INSERT) {
        let sql = format!(
            "DELETE FROM roster WHERE nik IN {}",
            placeholders(1, chunk.len())
        );
        // Only placeholders are formatted into the statement; every value is bound.
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for nik in chunk {
            query = query.bind(nik.clone());
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

async fn insert_rows(
    tx: &mut Transaction<'static, Any>,
    rows: &[(i64, i64, Row)],
) -> sqlx::Result<()> {
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| placeholders(i * 9 + 1, 9))
            .collect();
        let sql = format!(
            "INSERT INTO roster (id, seq, nik, full_name, kelurahan_code, kecamatan_code, \
             business_type, address, market) VALUES {}",
            values.join(", ")
        );
        // Only placeholders are formatted into the statement; every value is bound.
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (id, seq, row) in chunk {
            query = query
                .bind(*id)
                .bind(*seq)
                .bind(row.nik.clone())
                .bind(row.full_name.clone())
                .bind(row.kelurahan_code.clone())
                .bind(row.kecamatan_code.clone())
                .bind(row.business_type.clone())
                .bind(row.address.clone())
                .bind(row.market.clone());
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

async fn insert_removals(
    tx: &mut Transaction<'static, Any>,
    removals: &[(i64, i64, String)],
    now: i64,
) -> sqlx::Result<()> {
    for chunk in removals.chunks(ROWS_PER_INSERT) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| placeholders(i * 4 + 1, 4))
            .collect();
        let sql = format!(
            "INSERT INTO roster_removed (seq, roster_id, kelurahan_code, removed_at) VALUES {}",
            values.join(", ")
        );
        // Only placeholders are formatted into the statement; every value is bound.
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (seq, id, kelurahan) in chunk {
            query = query.bind(*seq).bind(*id).bind(kelurahan.clone()).bind(now);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Forgets removals older than [`KEEP_REMOVALS_DAYS`]; the highest change number forgotten (0:
/// none).
async fn prune(tx: &mut Transaction<'static, Any>, now: i64) -> sqlx::Result<i64> {
    let cutoff = now - KEEP_REMOVALS_DAYS * 86_400_000;
    let (highest,): (Option<i64>,) =
        sqlx::query_as("SELECT MAX(seq) FROM roster_removed WHERE removed_at < $1")
            .bind(cutoff)
            .fetch_one(&mut **tx)
            .await?;
    let Some(highest) = highest else {
        return Ok(0);
    };
    // Everything up to it goes, so "forgotten up to here" is one number.
    sqlx::query("DELETE FROM roster_removed WHERE seq <= $1")
        .bind(highest)
        .execute(&mut **tx)
        .await?;
    Ok(highest)
}
