//! Registrations per WIB day of receipt (the day the endpoint accepted them, kept as
//! `validated_on`), the same days the hand-over files are filtered by: a phone that was offline
//! for a week shows up on the day its registrations reached the city.

use std::collections::HashMap;

use domain::Date;
use serde::Serialize;

use crate::db::Db;

/// Registrations received on one day.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DayCount {
    /// The WIB day of receipt, `YYYY-MM-DD`.
    pub date: String,
    /// Registrations.
    pub count: i64,
}

/// A day as the query reads it.
#[derive(sqlx::FromRow)]
struct DayRow {
    day: String,
    registrations: i64,
}

/// Every day from the first registration's to the last's, with its count.
pub(super) async fn count(db: &Db) -> sqlx::Result<Vec<DayCount>> {
    let rows: Vec<DayRow> = sqlx::query_as(
        "SELECT validated_on AS day, COUNT(*) AS registrations FROM registrations \
         GROUP BY validated_on ORDER BY validated_on",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(every_day(rows))
}

/// Every day from the first to the last with its count, the days without any as 0.
fn every_day(rows: Vec<DayRow>) -> Vec<DayCount> {
    let parsed: Vec<(Date, i64)> = rows
        .into_iter()
        .filter_map(|row| Date::parse(&row.day).ok().map(|d| (d, row.registrations)))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(day: &str, registrations: i64) -> DayRow {
        DayRow {
            day: day.into(),
            registrations,
        }
    }

    #[test]
    fn the_days_between_the_first_and_the_last_are_filled_with_zeros() {
        let days = every_day(vec![row("2026-06-29", 2), row("2026-07-02", 5)]);
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
}
