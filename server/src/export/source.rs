//! The rows of a hand-over file, read from the database: the registrations a [`Filter`]
//! selects, in receipt order, each read back from its canonical JSON — the one copy of what was
//! validated; the columns beside it hold only what queries filter, group and join by.

use domain::{Registration, Timestamp};

use super::{files::List, filter::Filter};
use crate::{db::Db, error::Error};

/// A stored registration with what the city added to it.
pub struct Received {
    /// The registration.
    pub registration: Registration,
    /// Its receipt number.
    pub receipt: String,
    /// When it was received (RFC 3339, UTC).
    pub received_at: String,
}

/// A registration as the query reads it.
#[derive(sqlx::FromRow)]
struct StoredRow {
    receipt: String,
    received_at: i64,
    canonical_json: String,
}

/// The registrations `filter` selects for `list`, in receipt order: for the workers' list,
/// only those that list workers.
pub async fn received(db: &Db, filter: Filter, list: List) -> Result<Vec<Received>, Error> {
    let (mut condition, values) = filter.sql();
    if list == List::Workers {
        condition.push_str(if condition.is_empty() {
            " WHERE "
        } else {
            " AND "
        });
        condition.push_str(
            "EXISTS (SELECT 1 FROM workers w WHERE w.registration_id = registrations.id)",
        );
    }
    let sql = format!(
        "SELECT receipt, received_at, canonical_json FROM registrations{condition} \
         ORDER BY receipt_year, receipt_sequence"
    );
    // Only fixed conditions with placeholders are formatted in; every value is bound.
    let mut query = sqlx::query_as::<_, StoredRow>(sqlx::AssertSqlSafe(sql));
    for value in values {
        query = query.bind(value);
    }
    let rows = query.fetch_all(&db.pool).await?;
    rows.into_iter()
        .map(|row| {
            let registration: Registration = serde_json::from_str(&row.canonical_json)
                .map_err(|e| anyhow::anyhow!("a stored registration does not read back: {e}"))?;
            let received_at = Timestamp::from_unix_millis(row.received_at)
                .map(|t| t.to_string())
                .unwrap_or_default();
            Ok(Received {
                registration,
                receipt: row.receipt,
                received_at,
            })
        })
        .collect()
}
