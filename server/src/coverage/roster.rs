//! Coverage of the city's roster: its entries, and which of them have a registration of the
//! same NIK — in all, by the kecamatan and kelurahan the roster gives, and by the business type
//! it writes. The roster's figures are the ones the target is measured against.

use std::collections::HashMap;

use domain::{Kecamatan, Kelurahan};
use serde::Serialize;

use crate::db::Db;

/// A region of the roster: its entries, and how many of them are registered.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RegionCoverage {
    /// Kemendagri code.
    pub code: &'static str,
    /// Official name.
    pub name: &'static str,
    /// The kecamatan's code.
    pub kecamatan_code: &'static str,
    /// Roster entries here.
    pub on_roster: i64,
    /// Of those, registered.
    pub covered: i64,
    /// Of those, not registered yet.
    pub not_covered: i64,
}

/// A business type of the roster: its entries, and how many of them are registered.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BusinessTypeCoverage {
    /// The business type as the roster writes it (a listed KBLI code reads as its label).
    pub business_type: String,
    /// Roster entries of this type.
    pub on_roster: i64,
    /// Of those, registered.
    pub covered: i64,
    /// Of those, not registered yet.
    pub not_covered: i64,
}

/// The roster's coverage.
pub(super) struct RosterCoverage {
    /// Entries on the roster (0: none loaded).
    pub size: i64,
    /// Entries with a registration.
    pub covered: i64,
    /// Every kecamatan.
    pub by_kecamatan: Vec<RegionCoverage>,
    /// Every kelurahan.
    pub by_kelurahan: Vec<RegionCoverage>,
    /// Each business type the roster writes, largest first.
    pub by_business_type: Vec<BusinessTypeCoverage>,
}

/// One group of roster entries as the queries read it.
#[derive(sqlx::FromRow)]
struct RosterGroup {
    grouped_by: String,
    on_roster: i64,
    covered: i64,
}

impl RosterGroup {
    fn not_covered(&self) -> i64 {
        self.on_roster - self.covered
    }
}

/// Roster groups by the value grouped by.
async fn grouped(db: &Db, query: &'static str) -> sqlx::Result<HashMap<String, RosterGroup>> {
    let groups: Vec<RosterGroup> = sqlx::query_as(query).fetch_all(&db.pool).await?;
    Ok(groups
        .into_iter()
        .map(|g| (g.grouped_by.clone(), g))
        .collect())
}

/// A region's coverage from its group (none: no entries there).
fn region(
    groups: &HashMap<String, RosterGroup>,
    code: &'static str,
    name: &'static str,
    kecamatan_code: &'static str,
) -> RegionCoverage {
    let (on_roster, covered, not_covered) = groups
        .get(code)
        .map_or((0, 0, 0), |g| (g.on_roster, g.covered, g.not_covered()));
    RegionCoverage {
        code,
        name,
        kecamatan_code,
        on_roster,
        covered,
        not_covered,
    }
}

/// The roster's size and its coverage in all, by region and by business type.
pub(super) async fn coverage(db: &Db) -> sqlx::Result<RosterCoverage> {
    let (size,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM roster")
        .fetch_one(&db.pool)
        .await?;
    let (covered,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM roster r JOIN registrations g ON g.nik = r.nik")
            .fetch_one(&db.pool)
            .await?;
    let kecamatan = grouped(
        db,
        "SELECT r.kecamatan_code AS grouped_by, COUNT(*) AS on_roster, COUNT(g.id) AS covered \
         FROM roster r LEFT JOIN registrations g ON g.nik = r.nik GROUP BY r.kecamatan_code",
    )
    .await?;
    let kelurahan = grouped(
        db,
        "SELECT r.kelurahan_code AS grouped_by, COUNT(*) AS on_roster, COUNT(g.id) AS covered \
         FROM roster r LEFT JOIN registrations g ON g.nik = r.nik GROUP BY r.kelurahan_code",
    )
    .await?;
    let types: Vec<RosterGroup> = sqlx::query_as(
        "SELECT r.business_type AS grouped_by, COUNT(*) AS on_roster, COUNT(g.id) AS covered \
         FROM roster r LEFT JOIN registrations g ON g.nik = r.nik \
         GROUP BY r.business_type ORDER BY on_roster DESC, r.business_type",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(RosterCoverage {
        size,
        covered,
        by_kecamatan: Kecamatan::ALL
            .iter()
            .map(|k| region(&kecamatan, k.code(), k.name(), k.code()))
            .collect(),
        by_kelurahan: Kelurahan::ALL
            .iter()
            .map(|k| region(&kelurahan, k.code(), k.name(), k.kecamatan().code()))
            .collect(),
        by_business_type: types
            .into_iter()
            .map(|t| BusinessTypeCoverage {
                on_roster: t.on_roster,
                covered: t.covered,
                not_covered: t.not_covered(),
                business_type: t.grouped_by,
            })
            .collect(),
    })
}
