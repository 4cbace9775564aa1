//! The totals and the target: registrations received, workers listed, and the progress that
//! counts toward the target.

use super::roster::RosterCoverage;
use crate::db::Db;

/// Registrations and workers received.
pub(super) struct Totals {
    /// Registrations received.
    pub total: i64,
    /// Workers (PU) listed by owners.
    pub workers_listed: i64,
}

/// The registrations and the workers received.
pub(super) async fn count(db: &Db) -> sqlx::Result<Totals> {
    let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM registrations")
        .fetch_one(&db.pool)
        .await?;
    let (workers_listed,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM workers")
        .fetch_one(&db.pool)
        .await?;
    Ok(Totals {
        total,
        workers_listed,
    })
}

/// What the city aims for and how far it is.
#[derive(Debug, PartialEq)]
pub(super) struct Target {
    /// The roster's size when one is loaded, else the configured target.
    pub target: u32,
    /// Covered roster entries when a roster is loaded, else every registration.
    pub progress: i64,
    /// `progress` as a percentage of `target`, to two decimals.
    pub percent: f64,
}

impl Target {
    /// Against the roster when one is loaded, else against `default_target`.
    pub fn of(totals: &Totals, roster: &RosterCoverage, default_target: u32) -> Self {
        let (target, progress) = if roster.size > 0 {
            (
                u32::try_from(roster.size).unwrap_or(u32::MAX),
                roster.covered,
            )
        } else {
            (default_target, totals.total)
        };
        Target {
            target,
            progress,
            percent: percent(progress, target),
        }
    }
}

fn percent(part: i64, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 * 10_000.0 / f64::from(whole)).round() / 100.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster(size: i64, covered: i64) -> RosterCoverage {
        RosterCoverage {
            size,
            covered,
            by_kecamatan: Vec::new(),
            by_kelurahan: Vec::new(),
            by_business_type: Vec::new(),
        }
    }

    #[test]
    fn with_a_roster_the_target_is_its_size_and_only_its_covered_entries_count() {
        let totals = Totals {
            total: 12,
            workers_listed: 0,
        };
        assert_eq!(
            Target::of(&totals, &roster(8, 5), 32_051),
            Target {
                target: 8,
                progress: 5,
                percent: 62.5
            }
        );
        assert_eq!(
            Target::of(&totals, &roster(0, 0), 200),
            Target {
                target: 200,
                progress: 12,
                percent: 6.0
            }
        );
    }

    #[test]
    fn a_percentage_has_two_decimals_and_survives_a_zero_target() {
        assert_eq!(percent(1, 3), 33.33);
        assert_eq!(percent(5, 0), 0.0);
    }
}
