//! The worklist's queries, each limited to the officer's area, inside the page's snapshot.

use domain::{
    Date, Kelurahan, Nik, PersonName,
    roster::RosterBusinessType,
    text::{BusinessLocation, Street},
    wire::{
        ReceiptNumber,
        worklist::{Area, RegisteredNik, WorklistEntry},
    },
};
use sqlx::AnyConnection;

use super::Cursor;
use crate::error::Error;

/// The roster clock as the snapshot sees it.
pub(super) struct Clock {
    pub last_seq: i64,
    pub pruned_through: i64,
}

pub(super) async fn clock(conn: &mut AnyConnection) -> sqlx::Result<Clock> {
    let (last_seq, pruned_through): (i64, i64) =
        sqlx::query_as("SELECT last_seq, pruned_through FROM worklist_clock WHERE id = 1")
            .fetch_one(&mut *conn)
            .await?;
    Ok(Clock {
        last_seq,
        pruned_through,
    })
}

/// The last receipt sequence of every year, ascending by year.
pub(super) async fn receipt_counters(conn: &mut AnyConnection) -> sqlx::Result<Vec<(i64, i64)>> {
    sqlx::query_as("SELECT year, last_sequence FROM receipt_counters ORDER BY year")
        .fetch_all(&mut *conn)
        .await
}

/// The area as a condition on a kelurahan column: the codes to bind (none: the whole city).
pub(super) struct AreaFilter {
    codes: Vec<&'static str>,
}

impl AreaFilter {
    /// The filter of `area`; `None` for an unassigned officer, who is sent nothing.
    pub fn of(area: &Area) -> Option<AreaFilter> {
        match area {
            Area::Kelurahan { kelurahan } => Some(AreaFilter {
                codes: kelurahan.iter().map(|k| k.code()).collect(),
            }),
            Area::WholeCity => Some(AreaFilter { codes: Vec::new() }),
            Area::Unassigned => None,
        }
    }

    /// `column IN ($n, …)` with placeholders from `first`, or `TRUE` for the whole city.
    fn condition(&self, column: &str, first: usize) -> String {
        if self.codes.is_empty() {
            return "1 = 1".to_owned();
        }
        let placeholders: Vec<String> = (0..self.codes.len())
            .map(|i| format!("${}", first + i))
            .collect();
        format!("{column} IN ({})", placeholders.join(", "))
    }
}

/// A roster change as the phone is to see it.
pub(super) enum RosterChange {
    /// Open: an entry to show.
    Open(WorklistEntry),
    /// Covered by a registration: the id leaves the list; the registration, with its receipt's
    /// (year, sequence).
    Covered {
        id: u64,
        registered: (RegisteredNik, (i64, i64)),
    },
    /// Removed from the list or from the area.
    Removed(u64),
}

/// The roster changes of a page, in change-number order.
pub(super) struct RosterChanges {
    pub changes: Vec<RosterChange>,
    /// The change number of the last one taken, when more are left.
    pub cut_at: Option<i64>,
}

/// A roster row as read, with its registration if it has one.
#[derive(sqlx::FromRow)]
struct RosterRow {
    id: i64,
    seq: i64,
    nik: String,
    full_name: String,
    kelurahan_code: String,
    business_type: String,
    address: Option<String>,
    market: Option<String>,
    receipt: Option<String>,
    validated_on: Option<String>,
    receipt_year: Option<i64>,
    receipt_sequence: Option<i64>,
}

/// A stored value that does not read back: the stored roster or registrations were written by
/// the same parsers, so this is a bug to fix, not a client's mistake.
fn unreadable(what: &str) -> Error {
    anyhow::anyhow!("a stored {what} does not read back").into()
}

fn id_of(id: i64) -> Result<u64, Error> {
    u64::try_from(id).map_err(|_| unreadable("roster id"))
}

fn registered(nik: &str, receipt: &str, day: &str) -> Result<RegisteredNik, Error> {
    Ok(RegisteredNik {
        nik: Nik::parse(nik).map_err(|_| unreadable("NIK"))?,
        receipt: ReceiptNumber::parse(receipt).map_err(|_| unreadable("receipt"))?,
        registered_on: Date::parse(day).map_err(|_| unreadable("day of receipt"))?,
    })
}

impl RosterRow {
    fn change(self) -> Result<RosterChange, Error> {
        let id = id_of(self.id)?;
        if let (Some(receipt), Some(day), Some(year), Some(sequence)) = (
            &self.receipt,
            &self.validated_on,
            self.receipt_year,
            self.receipt_sequence,
        ) {
            return Ok(RosterChange::Covered {
                id,
                registered: (registered(&self.nik, receipt, day)?, (year, sequence)),
            });
        }
        let optional = |text: Option<String>| text.filter(|t| !t.is_empty());
        Ok(RosterChange::Open(WorklistEntry {
            id,
            nik: Nik::parse(&self.nik).map_err(|_| unreadable("NIK"))?,
            name: PersonName::parse(&self.full_name).map_err(|_| unreadable("name"))?,
            kelurahan: Kelurahan::from_code(&self.kelurahan_code)
                .ok_or_else(|| unreadable("kelurahan"))?,
            business_type: RosterBusinessType::parse(&self.business_type)
                .map_err(|_| unreadable("business type"))?,
            address: optional(self.address)
                .map(|a| Street::parse(&a))
                .transpose()
                .map_err(|_| unreadable("address"))?,
            market: optional(self.market)
                .map(|m| BusinessLocation::parse(&m))
                .transpose()
                .map_err(|_| unreadable("market"))?,
        }))
    }
}

/// Roster rows and removals of the area past the cursor, up to `last_seq`, merged in
/// change-number order: at most `limit`.
pub(super) async fn roster_changes(
    conn: &mut AnyConnection,
    area: &AreaFilter,
    cursor: &Cursor,
    last_seq: i64,
    limit: usize,
) -> Result<RosterChanges, Error> {
    let fetch = limit as i64 + 1;
    let sql = format!(
        "SELECT r.id AS id, r.seq AS seq, r.nik AS nik, r.full_name AS full_name, \
         r.kelurahan_code AS kelurahan_code, r.business_type AS business_type, \
         r.address AS address, r.market AS market, g.receipt AS receipt, \
         g.validated_on AS validated_on, g.receipt_year AS receipt_year, \
         g.receipt_sequence AS receipt_sequence \
         FROM roster r LEFT JOIN registrations g ON g.nik = r.nik \
         WHERE r.seq > $1 AND r.seq <= $2 AND {} ORDER BY r.seq LIMIT $3",
        area.condition("r.kelurahan_code", 4)
    );
    // Only placeholders are formatted into the statement; every value is bound.
    let mut rows = sqlx::query_as::<_, RosterRow>(sqlx::AssertSqlSafe(sql))
        .bind(cursor.roster)
        .bind(last_seq)
        .bind(fetch);
    for code in &area.codes {
        rows = rows.bind(*code);
    }
    let rows = rows.fetch_all(&mut *conn).await?;

    let sql = format!(
        "SELECT seq, roster_id FROM roster_removed WHERE seq > $1 AND seq <= $2 AND {} \
         ORDER BY seq LIMIT $3",
        area.condition("kelurahan_code", 4)
    );
    let mut removals = sqlx::query_as::<_, (i64, i64)>(sqlx::AssertSqlSafe(sql))
        .bind(cursor.roster.max(cursor.removals_after))
        .bind(last_seq)
        .bind(fetch);
    for code in &area.codes {
        removals = removals.bind(*code);
    }
    let removals = removals.fetch_all(&mut *conn).await?;

    // Merge by change number; every number belongs to one row or one removal.
    let mut rows = rows.into_iter().peekable();
    let mut removals = removals.into_iter().peekable();
    let mut changes = Vec::new();
    let mut last = None;
    loop {
        let take_row = match (rows.peek(), removals.peek()) {
            (None, None) => break,
            (Some(row), Some((seq, _))) => row.seq < *seq,
            (Some(_), None) => true,
            (None, Some(_)) => false,
        };
        if changes.len() == limit {
            return Ok(RosterChanges {
                changes,
                cut_at: last,
            });
        }
        if take_row {
            let row = rows.next().expect("peeked");
            last = Some(row.seq);
            changes.push(row.change()?);
        } else {
            let (seq, id) = removals.next().expect("peeked");
            last = Some(seq);
            changes.push(RosterChange::Removed(id_of(id)?));
        }
    }
    Ok(RosterChanges {
        changes,
        cut_at: None,
    })
}

/// A registration in the area past the cursor's receipts.
pub(super) struct Receipted {
    pub registered: RegisteredNik,
    /// The roster id it covers, when its NIK is on the area's roster.
    pub covers: Option<u64>,
    pub year: i64,
    pub sequence: i64,
}

/// The registrations of a page.
pub(super) struct Registrations {
    pub rows: Vec<Receipted>,
    /// More are left.
    pub more: bool,
}

#[derive(sqlx::FromRow)]
struct RegistrationRow {
    nik: String,
    receipt: String,
    validated_on: String,
    receipt_year: i64,
    receipt_sequence: i64,
    roster_id: Option<i64>,
    roster_kelurahan: Option<String>,
}

/// Registrations whose address or roster row lies in the area, past the cursor's receipts, in
/// receipt order: at most `limit` (with `limit` 0, only whether there are any).
pub(super) async fn registrations(
    conn: &mut AnyConnection,
    area: &AreaFilter,
    cursor: &Cursor,
    limit: usize,
) -> Result<Registrations, Error> {
    // Past the marks: beyond its year's mark, or of a year not marked yet.
    let mut past = Vec::new();
    for i in 0..cursor.receipts.len() {
        past.push(format!(
            "(g.receipt_year = ${} AND g.receipt_sequence > ${})",
            2 + 2 * i,
            3 + 2 * i
        ));
    }
    let years: Vec<String> = (0..cursor.receipts.len())
        .map(|i| format!("${}", 2 + 2 * i))
        .collect();
    if years.is_empty() {
        past.push("1 = 1".to_owned());
    } else {
        past.push(format!("g.receipt_year NOT IN ({})", years.join(", ")));
    }
    let first = 2 + 2 * cursor.receipts.len();
    let in_area = if area.codes.is_empty() {
        "1 = 1".to_owned()
    } else {
        format!(
            "({} OR {})",
            area.condition("g.kelurahan_code", first),
            area.condition("r.kelurahan_code", first)
        )
    };
    let sql = format!(
        "SELECT g.nik AS nik, g.receipt AS receipt, g.validated_on AS validated_on, \
         g.receipt_year AS receipt_year, g.receipt_sequence AS receipt_sequence, \
         r.id AS roster_id, r.kelurahan_code AS roster_kelurahan \
         FROM registrations g LEFT JOIN roster r ON r.nik = g.nik \
         WHERE ({}) AND {in_area} ORDER BY g.receipt_year, g.receipt_sequence LIMIT $1",
        past.join(" OR ")
    );
    // Only placeholders are formatted into the statement; every value is bound. The area's
    // codes are bound once and used twice ($n in both conditions).
    let mut query =
        sqlx::query_as::<_, RegistrationRow>(sqlx::AssertSqlSafe(sql)).bind(limit as i64 + 1);
    for (year, sequence) in &cursor.receipts {
        query = query.bind(*year).bind(*sequence);
    }
    for code in &area.codes {
        query = query.bind(*code);
    }
    let fetched = query.fetch_all(&mut *conn).await?;
    let more = fetched.len() > limit;
    let mut rows = Vec::new();
    for row in fetched.into_iter().take(limit) {
        let in_area = row
            .roster_kelurahan
            .as_deref()
            .is_some_and(|code| area.codes.is_empty() || area.codes.contains(&code));
        rows.push(Receipted {
            registered: registered(&row.nik, &row.receipt, &row.validated_on)?,
            covers: match row.roster_id {
                Some(id) if in_area => Some(id_of(id)?),
                _ => None,
            },
            year: row.receipt_year,
            sequence: row.receipt_sequence,
        });
    }
    Ok(Registrations { rows, more })
}

/// Roster entries of the area without a registration now.
pub(super) async fn open_total(conn: &mut AnyConnection, area: &AreaFilter) -> Result<u64, Error> {
    let sql = format!(
        "SELECT COUNT(*) FROM roster r WHERE {} \
         AND NOT EXISTS (SELECT 1 FROM registrations g WHERE g.nik = r.nik)",
        area.condition("r.kelurahan_code", 1)
    );
    let mut query = sqlx::query_as::<_, (i64,)>(sqlx::AssertSqlSafe(sql));
    for code in &area.codes {
        query = query.bind(*code);
    }
    let (count,) = query.fetch_one(&mut *conn).await?;
    Ok(u64::try_from(count).unwrap_or(0))
}
