//! Registrations by the region of the participant's address: every kecamatan and kelurahan of
//! the city, zero counts included, and how many live in the city at all.

use domain::{Kecamatan, Kelurahan};
use serde::Serialize;

use super::groups::{count_of, grouped};
use crate::db::Db;

/// A region and its registrations.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RegionCount {
    /// Kemendagri code (`35.76.01` or `35.76.01.1003`).
    pub code: &'static str,
    /// Official name.
    pub name: &'static str,
    /// The kecamatan's code (for a kelurahan; the kecamatan itself for a kecamatan).
    pub kecamatan_code: &'static str,
    /// Registrations.
    pub count: i64,
}

/// Registrations by the address's region.
pub(super) struct ByAddress {
    /// Every kecamatan.
    pub by_kecamatan: Vec<RegionCount>,
    /// Every kelurahan.
    pub by_kelurahan: Vec<RegionCount>,
    /// Registrations with an address in the city (a kelurahan); the rest live outside.
    pub in_city: i64,
}

/// Registrations by the kecamatan and the kelurahan of the address.
pub(super) async fn count(db: &Db) -> sqlx::Result<ByAddress> {
    let kelurahan = grouped(
        db,
        "SELECT kelurahan_code AS grouped_by, COUNT(*) AS registrations FROM registrations \
         GROUP BY kelurahan_code",
    )
    .await?;
    let kecamatan = grouped(
        db,
        "SELECT kecamatan_code AS grouped_by, COUNT(*) AS registrations FROM registrations \
         GROUP BY kecamatan_code",
    )
    .await?;
    Ok(ByAddress {
        in_city: kelurahan.values().sum(),
        by_kecamatan: Kecamatan::ALL
            .iter()
            .map(|k| RegionCount {
                code: k.code(),
                name: k.name(),
                kecamatan_code: k.code(),
                count: count_of(&kecamatan, k.code()),
            })
            .collect(),
        by_kelurahan: Kelurahan::ALL
            .iter()
            .map(|k| RegionCount {
                code: k.code(),
                name: k.name(),
                kecamatan_code: k.kecamatan().code(),
                count: count_of(&kelurahan, k.code()),
            })
            .collect(),
    })
}
