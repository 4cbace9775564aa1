//! `GET /stats` (admin): coverage against the target, by kelurahan, kecamatan, business type
//! and koperasi. Counts only: no personal data leaves through here.

use std::collections::HashMap;

use axum::{Json, Router, extract::State, routing::get};
use domain::{Kecamatan, Kelurahan, business::KBLI_LIST};
use serde::Serialize;

use crate::{AppState, auth::Admin, error::Result};

/// Coverage figures.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Stats {
    /// Registrations the city aims for.
    pub target: u32,
    /// Registrations received.
    pub total: i64,
    /// `total` as a percentage of `target`, to two decimals.
    pub percent_of_target: f64,
    /// Registrations of people living outside Kota Mojokerto (no kelurahan).
    pub outside_city: i64,
    /// Every kecamatan, zero counts included.
    pub by_kecamatan: Vec<RegionCount>,
    /// Every kelurahan, zero counts included.
    pub by_kelurahan: Vec<RegionCount>,
    /// Every business type on the list plus `other`, zero counts included.
    pub by_business_type: Vec<BusinessTypeCount>,
    /// Each koperasi registrations came through, most first.
    pub by_koperasi: Vec<KoperasiCount>,
    /// Registrations not made through a koperasi.
    pub without_koperasi: i64,
}

/// A region and its count.
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

/// A business type and its count.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BusinessTypeCount {
    /// KBLI code, or `other`.
    pub kind: &'static str,
    /// Indonesian label.
    pub label: &'static str,
    /// Registrations.
    pub count: i64,
}

/// A koperasi and its count.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct KoperasiCount {
    /// The koperasi's name as registered.
    pub name: String,
    /// Registrations through it.
    pub count: i64,
}

async fn grouped(state: &AppState, query: &'static str) -> Result<HashMap<String, i64>> {
    let rows: Vec<(Option<String>, i64)> = sqlx::query_as(query).fetch_all(&state.db.pool).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(key, count)| key.map(|k| (k, count)))
        .collect())
}

/// Coverage figures against the target.
#[utoipa::path(
    get, path = "/api/v1/stats", tag = "city",
    security(("admin_token" = [])),
    responses(
        (status = 200, description = "Counts by region, business type and koperasi", body = Stats),
        (status = 401, description = "Missing, unknown or revoked admin token", body = super::openapi::ApiError),
    )
)]
pub(crate) async fn stats(State(state): State<AppState>, _admin: Admin) -> Result<Json<Stats>> {
    let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM registrations")
        .fetch_one(&state.db.pool)
        .await?;
    let by_kelurahan = grouped(
        &state,
        "SELECT kelurahan_code, COUNT(*) FROM registrations GROUP BY kelurahan_code",
    )
    .await?;
    let by_kecamatan = grouped(
        &state,
        "SELECT kecamatan_code, COUNT(*) FROM registrations GROUP BY kecamatan_code",
    )
    .await?;
    let by_kind = grouped(
        &state,
        "SELECT business_kind, COUNT(*) FROM registrations GROUP BY business_kind",
    )
    .await?;
    let koperasi_rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT koperasi_name, COUNT(*) AS n FROM registrations WHERE koperasi_name IS NOT NULL \
         GROUP BY koperasi_name ORDER BY n DESC, koperasi_name",
    )
    .fetch_all(&state.db.pool)
    .await?;
    let in_city: i64 = by_kelurahan.values().sum();
    let via_koperasi: i64 = koperasi_rows.iter().map(|(_, n)| n).sum();
    let count = |map: &HashMap<String, i64>, key: &str| map.get(key).copied().unwrap_or(0);
    let target = state.config.target;
    Ok(Json(Stats {
        target,
        total,
        percent_of_target: if target == 0 {
            0.0
        } else {
            (total as f64 * 10_000.0 / f64::from(target)).round() / 100.0
        },
        outside_city: total - in_city,
        by_kecamatan: Kecamatan::ALL
            .iter()
            .map(|k| RegionCount {
                code: k.code(),
                name: k.name(),
                kecamatan_code: k.code(),
                count: count(&by_kecamatan, k.code()),
            })
            .collect(),
        by_kelurahan: Kelurahan::ALL
            .iter()
            .map(|k| RegionCount {
                code: k.code(),
                name: k.name(),
                kecamatan_code: k.kecamatan().code(),
                count: count(&by_kelurahan, k.code()),
            })
            .collect(),
        by_business_type: KBLI_LIST
            .iter()
            .map(|e| BusinessTypeCount {
                kind: e.code,
                label: e.label_id,
                count: count(&by_kind, e.code),
            })
            .chain(std::iter::once(BusinessTypeCount {
                kind: domain::BusinessType::OTHER_KIND,
                label: "Lainnya",
                count: count(&by_kind, domain::BusinessType::OTHER_KIND),
            }))
            .collect(),
        by_koperasi: koperasi_rows
            .into_iter()
            .map(|(name, count)| KoperasiCount { name, count })
            .collect(),
        without_koperasi: total - via_koperasi,
    }))
}

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/stats", get(stats))
}
