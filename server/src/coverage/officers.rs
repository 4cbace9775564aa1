//! Registrations by the officer whose device sent them, most first.

use serde::Serialize;

use crate::db::Db;

/// An officer and the registrations their devices sent.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OfficerCount {
    /// The officer's id.
    pub id: i64,
    /// The officer's name.
    pub name: String,
    /// Registrations.
    pub count: i64,
}

/// An officer as the query reads it.
#[derive(sqlx::FromRow)]
struct OfficerRow {
    id: i64,
    name: String,
    registrations: i64,
}

/// Each officer with registrations, most first, then by name.
pub(super) async fn count(db: &Db) -> sqlx::Result<Vec<OfficerCount>> {
    let rows: Vec<OfficerRow> = sqlx::query_as(
        "SELECT o.id AS id, o.name AS name, COUNT(*) AS registrations FROM registrations g \
         JOIN officers o ON o.id = g.officer_id \
         GROUP BY o.id, o.name ORDER BY registrations DESC, o.name",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| OfficerCount {
            id: row.id,
            name: row.name,
            count: row.registrations,
        })
        .collect())
}
