//! Registrations by the koperasi (wadah) they came through, most members first.

use domain::Kelurahan;
use serde::Serialize;

use crate::db::Db;

/// A koperasi and its members registered through it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct KoperasiCount {
    /// The koperasi's permanent id.
    pub id: String,
    /// Its name, as its latest member registration gave it.
    pub name: String,
    /// Kemendagri code of the kelurahan it is based in.
    pub kelurahan_code: String,
    /// That kelurahan's name.
    pub kelurahan: String,
    /// Members registered through it.
    pub count: i64,
}

/// A koperasi as the query reads it.
#[derive(sqlx::FromRow)]
struct KoperasiRow {
    id: String,
    name: String,
    kelurahan_code: String,
    members: i64,
}

/// Each koperasi with registrations, most members first, then by name.
pub(super) async fn count(db: &Db) -> sqlx::Result<Vec<KoperasiCount>> {
    let rows: Vec<KoperasiRow> = sqlx::query_as(
        "SELECT k.id AS id, k.name AS name, k.kelurahan_code AS kelurahan_code, \
         COUNT(*) AS members FROM registrations g \
         JOIN koperasi k ON k.id = g.koperasi_id \
         GROUP BY k.id, k.name, k.kelurahan_code ORDER BY members DESC, k.name",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| KoperasiCount {
            kelurahan: Kelurahan::from_code(&row.kelurahan_code)
                .map(|k| k.name().to_owned())
                .unwrap_or_default(),
            id: row.id,
            name: row.name,
            kelurahan_code: row.kelurahan_code,
            count: row.members,
        })
        .collect())
}
