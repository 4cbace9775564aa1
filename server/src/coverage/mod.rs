//! The city's figures: registrations against the target, coverage of the roster by region and
//! business type, and the daily, per-officer and per-koperasi counts.
//!
//! Computed here once, for both the JSON of `GET /api/v1/stats` and the dashboard, so the two
//! never disagree. Counts and names of officers and koperasi only: no participant's personal
//! data leaves through these figures.
//!
//! Two ways to slice "where": registrations by the kelurahan of the participant's address
//! ([`regions`]), and the roster by the kelurahan the city's list gives ([`roster`], whose
//! covered entries are those with a registration of the same NIK). The roster's is the one to
//! compare with the target; the address is what a registration knows without a roster.
//! Days are WIB days of receipt ([`days`]), the same days the hand-over files are filtered by.
//!
//! One module per group of figures, each with its own queries and row types; [`stats`] puts
//! them together into the one [`Stats`] answer.

mod business_types;
mod days;
mod groups;
mod koperasi;
mod officers;
mod regions;
mod roster;
mod totals;

use serde::Serialize;

pub use business_types::BusinessTypeCount;
pub use days::DayCount;
pub use koperasi::KoperasiCount;
pub use officers::OfficerCount;
pub use regions::RegionCount;
pub use roster::{BusinessTypeCoverage, RegionCoverage};

use crate::db::Db;

/// Coverage figures.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Stats {
    /// What the city aims for: the roster's size when a roster is loaded, else the configured
    /// target (`LINDUNGI_TARGET`, default 32,051).
    pub target: u32,
    /// Registrations received.
    pub total: i64,
    /// Registrations that count toward the target: those on the roster when one is loaded
    /// (`covered`), else all of them (`total`).
    pub progress: i64,
    /// `progress` as a percentage of `target`, to two decimals.
    pub percent_of_target: f64,
    /// Registrations of people living outside Kota Mojokerto (no kelurahan).
    pub outside_city: i64,
    /// Registrations by the kecamatan of the address; every kecamatan, zero counts included.
    pub by_kecamatan: Vec<RegionCount>,
    /// Registrations by the kelurahan of the address; every kelurahan, zero counts included.
    pub by_kelurahan: Vec<RegionCount>,
    /// Every business type on the list plus `other`, zero counts included.
    pub by_business_type: Vec<BusinessTypeCount>,
    /// Each koperasi registrations came through, most members first.
    pub by_koperasi: Vec<KoperasiCount>,
    /// Registrations not made through a koperasi.
    pub without_koperasi: i64,
    /// Entries on the city's roster (0: none loaded).
    pub roster_size: i64,
    /// Roster entries that have a registration (matched by NIK).
    pub covered: i64,
    /// Roster entries without a registration yet.
    pub not_covered: i64,
    /// Registrations whose NIK is not on the roster.
    pub not_on_roster: i64,
    /// The roster by kecamatan: every kecamatan, zero counts included.
    pub coverage_by_kecamatan: Vec<RegionCoverage>,
    /// The roster by kelurahan: every kelurahan, zero counts included.
    pub coverage_by_kelurahan: Vec<RegionCoverage>,
    /// The roster by business type as the city's list writes it, largest first.
    pub coverage_by_business_type: Vec<BusinessTypeCoverage>,
    /// Registrations per WIB day of receipt, every day from the first to the last (gaps as 0).
    pub by_day: Vec<DayCount>,
    /// Registrations per officer (of the device that sent them), most first.
    pub by_officer: Vec<OfficerCount>,
    /// Workers (wage earners, PU) listed by owners, for the branch's employer registration.
    pub workers_listed: i64,
}

/// The figures now, against `default_target` when no roster is loaded.
pub async fn stats(db: &Db, default_target: u32) -> sqlx::Result<Stats> {
    let totals = totals::count(db).await?;
    let regions = regions::count(db).await?;
    let by_business_type = business_types::count(db).await?;
    let by_koperasi = koperasi::count(db).await?;
    let roster = roster::coverage(db).await?;
    let by_day = days::count(db).await?;
    let by_officer = officers::count(db).await?;

    let target = totals::Target::of(&totals, &roster, default_target);
    let via_koperasi: i64 = by_koperasi.iter().map(|k| k.count).sum();
    Ok(Stats {
        target: target.target,
        total: totals.total,
        progress: target.progress,
        percent_of_target: target.percent,
        outside_city: totals.total - regions.in_city,
        by_kecamatan: regions.by_kecamatan,
        by_kelurahan: regions.by_kelurahan,
        by_business_type,
        by_koperasi,
        without_koperasi: totals.total - via_koperasi,
        roster_size: roster.size,
        covered: roster.covered,
        not_covered: roster.size - roster.covered,
        not_on_roster: totals.total - roster.covered,
        coverage_by_kecamatan: roster.by_kecamatan,
        coverage_by_kelurahan: roster.by_kelurahan,
        coverage_by_business_type: roster.by_business_type,
        by_day,
        by_officer,
        workers_listed: totals.workers_listed,
    })
}
