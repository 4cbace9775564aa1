//! Which phone holds what: the latest health report of each device (`domain::wire::health`),
//! from its batches and heartbeats, and when it was last seen; and the version of the app this
//! endpoint serves, which a phone's report is compared with.
//!
//! A report in a batch counts the registrations waiting on the phone including the batch's own;
//! those the batch settled (accepted, already received, or a NIK the city already holds) are
//! no longer waiting once the answer is back, so they are taken off before the count is kept.
//! The age of the oldest is kept as the instant it started waiting (the endpoint's clock minus
//! the age the phone measured on its own clock), so the dashboard can tell how long it has
//! waited by now, even of a phone that went quiet. Counts and sizes only: never personal data.

use std::path::Path;

use domain::wire::health::DeviceHealth;

use crate::{auth::Device, db::Db};

/// Records that `device` was seen at `now` (any request with its token), with its report if it
/// sent one. `settled` registrations of the report's batch are no longer waiting.
pub async fn record(
    db: &Db,
    device: Device,
    report: Option<&DeviceHealth>,
    settled: u32,
    now: i64,
) -> sqlx::Result<()> {
    record_in(&db.pool, device, report, settled, now).await
}

/// [`record`] on any connection: a batch writes it in its own transaction (`ingest`), so that
/// the batch and the word about its phone are one commit, one flush to disk, not two.
pub async fn record_in<'c, E>(
    executor: E,
    device: Device,
    report: Option<&DeviceHealth>,
    settled: u32,
    now: i64,
) -> sqlx::Result<()>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let Some(report) = report else {
        sqlx::query(
            "INSERT INTO device_health (device_id, seen_at) VALUES ($1, $2) \
             ON CONFLICT (device_id) DO UPDATE SET seen_at = excluded.seen_at",
        )
        .bind(device.device_id)
        .bind(now)
        .execute(executor)
        .await?;
        return Ok(());
    };
    let waiting = report.waiting.saturating_sub(settled);
    // Nothing left waiting has no oldest; otherwise the reported oldest may have been in the
    // batch, and the next report corrects it (an overestimate flags, it never hides).
    let oldest_since = report
        .oldest_waiting_secs
        .filter(|_| waiting > 0)
        .map(|secs| now.saturating_sub(i64::try_from(secs).unwrap_or(i64::MAX / 2000) * 1000));
    let as_i64 = |bytes: Option<u64>| bytes.and_then(|b| i64::try_from(b).ok());
    sqlx::query(
        "INSERT INTO device_health (device_id, seen_at, reported_at, app_version, waiting, \
         oldest_waiting_since, storage_used, storage_quota) \
         VALUES ($1, $2, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (device_id) DO UPDATE SET seen_at = excluded.seen_at, \
         reported_at = excluded.reported_at, app_version = excluded.app_version, \
         waiting = excluded.waiting, oldest_waiting_since = excluded.oldest_waiting_since, \
         storage_used = excluded.storage_used, storage_quota = excluded.storage_quota",
    )
    .bind(device.device_id)
    .bind(now)
    .bind(&report.app_version)
    .bind(i64::from(waiting))
    .bind(oldest_since)
    .bind(as_i64(report.storage_used_bytes))
    .bind(as_i64(report.storage_quota_bytes))
    .execute(executor)
    .await?;
    Ok(())
}

/// A phone as the dashboard shows it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Phone {
    /// The device's id.
    pub device_id: i64,
    /// Its name, as the officer typed it when enrolling.
    pub device_name: String,
    /// Its officer's name.
    pub officer_name: String,
    /// When it was last seen (unix millis); none if never since enrolling.
    pub seen_at: Option<i64>,
    /// When it last reported its health.
    pub reported_at: Option<i64>,
    /// The app version it reported.
    pub app_version: Option<String>,
    /// Registrations waiting on it, as last reported.
    pub waiting: Option<i64>,
    /// Since when the oldest of them waits (unix millis).
    pub oldest_waiting_since: Option<i64>,
    /// Storage the app uses there, in bytes.
    pub storage_used: Option<i64>,
    /// Storage the browser allows, in bytes.
    pub storage_quota: Option<i64>,
}

impl Phone {
    /// Whether its oldest waiting registration has waited too long by `now`.
    pub fn waits_too_long(&self, now: i64) -> bool {
        self.oldest_waiting_since.is_some_and(|since| {
            self.waiting.unwrap_or(0) > 0
                && DeviceHealth::waited_too_long(
                    u64::try_from(now.saturating_sub(since) / 1000).unwrap_or(0),
                )
        })
    }

    /// Whether it runs another version than `served` (unknown when the endpoint's own version
    /// is unknown, or the phone never said).
    pub fn is_outdated(&self, served: Option<&str>) -> bool {
        matches!((served, self.app_version.as_deref()), (Some(s), Some(v)) if s != v)
    }
}

/// Every active device, with its officer and latest report: those with something waiting
/// first (most first), then by officer and device name.
pub async fn phones(db: &Db) -> sqlx::Result<Vec<Phone>> {
    sqlx::query_as(
        "SELECT d.id AS device_id, d.name AS device_name, o.name AS officer_name, \
         h.seen_at AS seen_at, h.reported_at AS reported_at, h.app_version AS app_version, \
         h.waiting AS waiting, h.oldest_waiting_since AS oldest_waiting_since, \
         h.storage_used AS storage_used, h.storage_quota AS storage_quota \
         FROM devices d JOIN officers o ON o.id = d.officer_id \
         LEFT JOIN device_health h ON h.device_id = d.id \
         WHERE d.revoked_at IS NULL AND o.revoked_at IS NULL \
         ORDER BY COALESCE(h.waiting, 0) DESC, o.name, d.name, d.id",
    )
    .fetch_all(&db.pool)
    .await
}

/// The version of the app this endpoint serves: the `VERSION` stamp of `sw.js` in the built
/// app's folder (`scripts/stamp-sw.mjs` writes it at every build; the app reports the same
/// stamp). Read at each call, so a new build copied in place counts at once. `None` when there
/// is no built app or it was never stamped: then no phone is called outdated.
pub fn served_app_version(dist_dir: &Path) -> Option<String> {
    let sw = std::fs::read_to_string(dist_dir.join("sw.js")).ok()?;
    sw.lines().find_map(|line| {
        let version = line
            .trim()
            .strip_prefix("const VERSION = '")?
            .strip_suffix("';")?;
        (!version.is_empty() && version != "unstamped").then(|| version.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;

    fn phone(waiting: i64, since: Option<i64>, version: Option<&str>) -> Phone {
        Phone {
            device_id: 1,
            device_name: "HP".into(),
            officer_name: "Sri".into(),
            seen_at: Some(0),
            reported_at: Some(0),
            app_version: version.map(str::to_owned),
            waiting: Some(waiting),
            oldest_waiting_since: since,
            storage_used: None,
            storage_quota: None,
        }
    }

    #[test]
    fn a_phone_is_flagged_once_its_oldest_waits_more_than_three_days() {
        let now = 10 * DAY;
        assert!(!phone(4, Some(now - 3 * DAY), None).waits_too_long(now));
        assert!(phone(4, Some(now - 3 * DAY - 1000), None).waits_too_long(now));
        assert!(!phone(0, Some(now - 9 * DAY), None).waits_too_long(now));
        assert!(!phone(4, None, None).waits_too_long(now));
    }

    #[test]
    fn a_phone_is_outdated_only_against_a_known_served_version() {
        assert!(phone(0, None, Some("aaa")).is_outdated(Some("bbb")));
        assert!(!phone(0, None, Some("bbb")).is_outdated(Some("bbb")));
        assert!(!phone(0, None, Some("aaa")).is_outdated(None));
        assert!(!phone(0, None, None).is_outdated(Some("bbb")));
    }

    #[test]
    fn the_service_worker_still_holds_the_line_its_stamp_is_read_from() {
        // scripts/stamp-sw.mjs replaces exactly this line; if its shape changes, the stamp
        // must still be read.
        let sw = include_str!("../../public/sw.js");
        assert!(sw.lines().any(|l| l == "const VERSION = 'unstamped';"));
    }

    #[test]
    fn the_served_version_is_the_service_workers_stamp() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(served_app_version(dir.path()), None);
        let sw = "// comment\nconst VERSION = 'unstamped';\nconst SHELL = [];\n";
        std::fs::write(dir.path().join("sw.js"), sw).unwrap();
        assert_eq!(served_app_version(dir.path()), None);
        std::fs::write(
            dir.path().join("sw.js"),
            sw.replace("unstamped", "3f9a1c0e5b7d2a64"),
        )
        .unwrap();
        assert_eq!(
            served_app_version(dir.path()).as_deref(),
            Some("3f9a1c0e5b7d2a64")
        );
    }
}
