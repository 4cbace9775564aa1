//! The city's figures: registrations against the target, coverage of the roster by region and
//! business type, and the daily, per-officer and per-koperasi counts.
//!
//! Computed here once, for both the JSON of `GET /api/v1/stats` and the dashboard, so the two
//! never disagree. Counts and names of officers and koperasi only: no participant's personal
//! data leaves through these figures.
//!
//! Two ways to slice "where": registrations by the kelurahan of the participant's address
//! (`by_kelurahan`), and the roster by the kelurahan the city's list gives (`coverage_by_…`,
//! whose covered entries are those with a registration of the same NIK). The roster's is the one
//! to compare with the target; the address is what a registration knows without a roster.
//! Days are WIB days of receipt (the day the endpoint accepted the registration, kept as
//! `validated_on`), the same days the hand-over files are filtered by: a phone that was offline
//! for a week shows up on the day its registrations reached the city.

use std::collections::HashMap;

use domain::{Date, Kecamatan, Kelurahan, business::KBLI_LIST};
use serde::Serialize;

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

/// A business type and its registrations.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BusinessTypeCount {
    /// KBLI code, or `other`.
    pub kind: &'static str,
    /// Indonesian label.
    pub label: &'static str,
    /// Registrations.
    pub count: i64,
}

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

/// Registrations received on one day.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DayCount {
    /// The WIB day of receipt, `YYYY-MM-DD`.
    pub date: String,
    /// Registrations.
    pub count: i64,
}

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

async fn grouped(db: &Db, query: &'static str) -> sqlx::Result<HashMap<String, i64>> {
    let rows: Vec<(Option<String>, i64)> = sqlx::query_as(query).fetch_all(&db.pool).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(key, count)| key.map(|k| (k, count)))
        .collect())
}

/// Roster entries and covered entries per key.
async fn roster_grouped(db: &Db, query: &'static str) -> sqlx::Result<HashMap<String, (i64, i64)>> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(query).fetch_all(&db.pool).await?;
    Ok(rows
        .into_iter()
        .map(|(key, on_roster, covered)| (key, (on_roster, covered)))
        .collect())
}

fn percent(part: i64, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 * 10_000.0 / f64::from(whole)).round() / 100.0
    }
}

/// Every day from the first to the last with its count, the days without any as 0.
fn every_day(counts: Vec<(String, i64)>) -> Vec<DayCount> {
    let parsed: Vec<(Date, i64)> = counts
        .into_iter()
        .filter_map(|(day, n)| Date::parse(&day).ok().map(|d| (d, n)))
        .collect();
    let (Some((first, _)), Some((last, _))) = (parsed.first(), parsed.last()) else {
        return Vec::new();
    };
    let counts: HashMap<i64, i64> = parsed
        .iter()
        .map(|(d, n)| (d.days_since_unix_epoch(), *n))
        .collect();
    (first.days_since_unix_epoch()..=last.days_since_unix_epoch())
        .filter_map(|day| {
            Date::from_days_since_unix_epoch(day).map(|date| DayCount {
                date: date.to_string(),
                count: counts.get(&day).copied().unwrap_or(0),
            })
        })
        .collect()
}

/// The figures now, against `default_target` when no roster is loaded.
pub async fn stats(db: &Db, default_target: u32) -> sqlx::Result<Stats> {
    let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM registrations")
        .fetch_one(&db.pool)
        .await?;
    let by_kelurahan = grouped(
        db,
        "SELECT kelurahan_code, COUNT(*) FROM registrations GROUP BY kelurahan_code",
    )
    .await?;
    let by_kecamatan = grouped(
        db,
        "SELECT kecamatan_code, COUNT(*) FROM registrations GROUP BY kecamatan_code",
    )
    .await?;
    let by_kind = grouped(
        db,
        "SELECT business_kind, COUNT(*) FROM registrations GROUP BY business_kind",
    )
    .await?;
    let koperasi_rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT k.id, k.name, k.kelurahan_code, COUNT(*) AS n FROM registrations g \
         JOIN koperasi k ON k.id = g.koperasi_id \
         GROUP BY k.id, k.name, k.kelurahan_code ORDER BY n DESC, k.name",
    )
    .fetch_all(&db.pool)
    .await?;
    let (roster_size,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM roster")
        .fetch_one(&db.pool)
        .await?;
    let (covered,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM roster r JOIN registrations g ON g.nik = r.nik")
            .fetch_one(&db.pool)
            .await?;
    let roster_kecamatan = roster_grouped(
        db,
        "SELECT r.kecamatan_code, COUNT(*), COUNT(g.id) FROM roster r \
         LEFT JOIN registrations g ON g.nik = r.nik GROUP BY r.kecamatan_code",
    )
    .await?;
    let roster_kelurahan = roster_grouped(
        db,
        "SELECT r.kelurahan_code, COUNT(*), COUNT(g.id) FROM roster r \
         LEFT JOIN registrations g ON g.nik = r.nik GROUP BY r.kelurahan_code",
    )
    .await?;
    let roster_types: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT r.business_type, COUNT(*) AS n, COUNT(g.id) FROM roster r \
         LEFT JOIN registrations g ON g.nik = r.nik \
         GROUP BY r.business_type ORDER BY n DESC, r.business_type",
    )
    .fetch_all(&db.pool)
    .await?;
    let days: Vec<(String, i64)> = sqlx::query_as(
        "SELECT validated_on, COUNT(*) FROM registrations GROUP BY validated_on \
         ORDER BY validated_on",
    )
    .fetch_all(&db.pool)
    .await?;
    let officers: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT o.id, o.name, COUNT(*) AS n FROM registrations g \
         JOIN officers o ON o.id = g.officer_id \
         GROUP BY o.id, o.name ORDER BY n DESC, o.name",
    )
    .fetch_all(&db.pool)
    .await?;
    let (workers_listed,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM workers")
        .fetch_one(&db.pool)
        .await?;

    let in_city: i64 = by_kelurahan.values().sum();
    let via_koperasi: i64 = koperasi_rows.iter().map(|(.., n)| n).sum();
    let count = |map: &HashMap<String, i64>, key: &str| map.get(key).copied().unwrap_or(0);
    let coverage = |map: &HashMap<String, (i64, i64)>, key: &str| {
        let (on_roster, covered) = map.get(key).copied().unwrap_or((0, 0));
        (on_roster, covered, on_roster - covered)
    };
    let (target, progress) = if roster_size > 0 {
        (u32::try_from(roster_size).unwrap_or(u32::MAX), covered)
    } else {
        (default_target, total)
    };
    Ok(Stats {
        target,
        total,
        progress,
        percent_of_target: percent(progress, target),
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
            .map(|(id, name, kelurahan_code, count)| KoperasiCount {
                id,
                name,
                kelurahan: Kelurahan::from_code(&kelurahan_code)
                    .map(|k| k.name().to_owned())
                    .unwrap_or_default(),
                kelurahan_code,
                count,
            })
            .collect(),
        without_koperasi: total - via_koperasi,
        roster_size,
        covered,
        not_covered: roster_size - covered,
        not_on_roster: total - covered,
        coverage_by_kecamatan: Kecamatan::ALL
            .iter()
            .map(|k| {
                let (on_roster, covered, not_covered) = coverage(&roster_kecamatan, k.code());
                RegionCoverage {
                    code: k.code(),
                    name: k.name(),
                    kecamatan_code: k.code(),
                    on_roster,
                    covered,
                    not_covered,
                }
            })
            .collect(),
        coverage_by_kelurahan: Kelurahan::ALL
            .iter()
            .map(|k| {
                let (on_roster, covered, not_covered) = coverage(&roster_kelurahan, k.code());
                RegionCoverage {
                    code: k.code(),
                    name: k.name(),
                    kecamatan_code: k.kecamatan().code(),
                    on_roster,
                    covered,
                    not_covered,
                }
            })
            .collect(),
        coverage_by_business_type: roster_types
            .into_iter()
            .map(|(business_type, on_roster, covered)| BusinessTypeCoverage {
                business_type,
                on_roster,
                covered,
                not_covered: on_roster - covered,
            })
            .collect(),
        by_day: every_day(days),
        by_officer: officers
            .into_iter()
            .map(|(id, name, count)| OfficerCount { id, name, count })
            .collect(),
        workers_listed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_days_between_the_first_and_the_last_are_filled_with_zeros() {
        let days = every_day(vec![("2026-06-29".into(), 2), ("2026-07-02".into(), 5)]);
        let got: Vec<_> = days.iter().map(|d| (d.date.as_str(), d.count)).collect();
        assert_eq!(
            got,
            [
                ("2026-06-29", 2),
                ("2026-06-30", 0),
                ("2026-07-01", 0),
                ("2026-07-02", 5)
            ]
        );
        assert!(every_day(Vec::new()).is_empty());
    }

    #[test]
    fn a_percentage_has_two_decimals_and_survives_a_zero_target() {
        assert_eq!(percent(1, 3), 33.33);
        assert_eq!(percent(5, 0), 0.0);
    }
}
