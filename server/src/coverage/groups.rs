//! Registrations counted per value of a `GROUP BY`, shared by the figures by address and by
//! business type.

use std::collections::HashMap;

use crate::db::Db;

/// One group of a `GROUP BY` over registrations: the value grouped by (NULL for none, such as
/// the kelurahan of an address outside the city) and its registrations.
#[derive(sqlx::FromRow)]
struct Group {
    grouped_by: Option<String>,
    registrations: i64,
}

/// Registrations per value of a grouping query, which must name its columns `grouped_by` and
/// `registrations`; the NULL group is left out.
pub(super) async fn grouped(db: &Db, query: &'static str) -> sqlx::Result<HashMap<String, i64>> {
    let groups: Vec<Group> = sqlx::query_as(query).fetch_all(&db.pool).await?;
    Ok(groups
        .into_iter()
        .filter_map(|g| g.grouped_by.map(|key| (key, g.registrations)))
        .collect())
}

/// The count of `key` in `counts`, 0 when absent.
pub(super) fn count_of(counts: &HashMap<String, i64>, key: &str) -> i64 {
    counts.get(key).copied().unwrap_or(0)
}
