//! The worklist of an officer's area, a page at a time (`GET /api/v1/worklist`): the roster
//! entries there not yet covered and the NIKs already registered there, first whole, then only
//! what changed since the phone's cursor (`docs/architecture.md`, "The worklist").
//!
//! A page reads two streams, each in its own commit order ([`cursor`]): the roster's changes
//! (rows as they are now, and removals) by change number, then the registrations by receipt.
//! Both are read in one snapshot (a read transaction; REPEATABLE READ on PostgreSQL), so a roster
//! import or a batch committing meanwhile is either wholly in the page or wholly after it.
//!
//! - A roster row sent is the row as it is now: open (an entry), or covered (its id removed,
//!   and its registration's NIK sent unless the receipt stream will send it anyway).
//! - A removal is sent unless it predates what the phone holds.
//! - A registration is sent when its address or its NIK's roster row lies in the area; it
//!   covers that roster row.
//!
//! "Registered in the area" only ever grows on the phone between resets: a NIK the city holds
//! stays true to warn about even when its roster row moves away.

pub mod cursor;
mod read;

use domain::wire::worklist::{RegisteredNik, WorklistPage};

use crate::{areas, db::Backend, db::Db, error::Error};
pub use cursor::Cursor;
use cursor::area_bits;

/// Builds the next page for officer `officer_id`, from the cursor the phone sent (`None`: a
/// first sync), with at most `limit` changes.
pub async fn page(
    db: &Db,
    officer_id: i64,
    cursor: Option<Cursor>,
    limit: u32,
) -> Result<WorklistPage, Error> {
    let mut tx = db.pool.begin().await?;
    if db.backend == Backend::Postgres {
        // One snapshot for every statement below (SQLite's read transaction has one already).
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            .execute(&mut *tx)
            .await?;
    }
    let area = areas::of_officer(&mut tx, officer_id).await?;
    let clock = read::clock(&mut tx).await?;
    let counters = read::receipt_counters(&mut tx).await?;

    let bits = area_bits(&area);
    let continues = cursor.filter(|c| {
        c.area == bits
            && c.roster <= clock.last_seq
            && c.removals_after <= clock.last_seq
            && c.roster.max(c.removals_after) >= clock.pruned_through
            && c.receipts.iter().all(|(year, sequence)| {
                *sequence <= counters.iter().find(|(y, _)| y == year).map_or(0, |c| c.1)
            })
    });
    let reset = continues.is_none();
    let mut next = continues.unwrap_or(Cursor {
        area: bits,
        roster: 0,
        removals_after: clock.last_seq,
        receipts: Vec::new(),
    });
    let mut page = WorklistPage {
        area: area.clone(),
        reset,
        entries: Vec::new(),
        removed: Vec::new(),
        registered: Vec::new(),
        open_total: 0,
        next_cursor: String::new(),
        more: false,
    };
    let filter = read::AreaFilter::of(&area);
    if let Some(filter) = &filter {
        let budget = limit as usize;
        let taken = read::roster_changes(&mut tx, filter, &next, clock.last_seq, budget).await?;
        let starting = next.clone();
        for change in &taken.changes {
            match change {
                read::RosterChange::Open(entry) => page.entries.push(entry.clone()),
                read::RosterChange::Covered { id, registered } => {
                    if !reset {
                        page.removed.push(*id);
                    }
                    // The receipt stream sends registrations past the cursor's marks.
                    let (year, sequence) = registered.1;
                    if sequence <= starting.receipt_mark(year) {
                        page.registered.push(registered.0.clone());
                    }
                }
                read::RosterChange::Removed(id) => page.removed.push(*id),
            }
        }
        match taken.cut_at {
            Some(seq) => {
                next.roster = seq;
                next.removals_after = next.removals_after.max(seq);
                page.more = true;
            }
            None => {
                next.roster = clock.last_seq;
                next.removals_after = clock.last_seq;
                let budget = budget - taken.changes.len();
                let receipts = read::registrations(&mut tx, filter, &next, budget).await?;
                for row in &receipts.rows {
                    page.registered.push(row.registered.clone());
                    if let Some(id) = row.covers
                        && !reset
                    {
                        page.removed.push(id);
                    }
                    next.mark_receipt(row.year, row.sequence);
                }
                if receipts.more {
                    page.more = true;
                } else {
                    for (year, last) in &counters {
                        next.mark_receipt(*year, *last);
                    }
                }
            }
        }
        page.open_total = read::open_total(&mut tx, filter).await?;
    } else {
        // Unassigned: nothing to send, and nothing to catch up on once the city assigns an area
        // (the area's bits change, so that sync starts over).
        next.roster = clock.last_seq;
        next.removals_after = clock.last_seq;
        for (year, last) in &counters {
            next.mark_receipt(*year, *last);
        }
    }
    tx.commit().await?;
    page.removed.sort_unstable();
    page.removed.dedup();
    dedup_registered(&mut page.registered);
    page.next_cursor = next.encode();
    Ok(page)
}

/// Each NIK once, in the order first sent.
fn dedup_registered(registered: &mut Vec<RegisteredNik>) {
    let mut seen = std::collections::HashSet::new();
    registered.retain(|r| seen.insert(r.nik));
}
