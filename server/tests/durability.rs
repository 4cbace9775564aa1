//! A receipt given is a registration kept: SQLite commits with `synchronous = FULL` on every
//! pooled connection unless the explicit setting asks for less, and a batch never runs without
//! the lock that serializes receipts (docs/durability.md).

mod common;

use common::{Backend, TestApp, both_backends, fresh_database, submissions};
use lindungi_server::db::Db;

/// `PRAGMA synchronous` as SQLite reports it: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
const FULL: i64 = 2;

/// The pragma as each of `n` connections held at once reads it: a pool that opens a new
/// connection later must set it again, so every connection is asked, not only the first.
async fn synchronous_of_every_connection(db: &Db, n: usize) -> Vec<i64> {
    let mut held = Vec::new();
    let mut values = Vec::new();
    for _ in 0..n {
        let mut conn = db.pool.acquire().await.unwrap();
        let (value,): (i64,) = sqlx::query_as("PRAGMA synchronous")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        values.push(value);
        held.push(conn);
    }
    values
}

#[tokio::test]
async fn every_pooled_sqlite_connection_commits_with_synchronous_full() {
    let (url, _guard) = fresh_database(Backend::Sqlite).await;
    let db = Db::connect(&url).await.unwrap();
    assert_eq!(synchronous_of_every_connection(&db, 4).await, [FULL; 4]);
    let (journal,): (String,) = sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(journal, "wal");
}

both_backends! {
    async fn a_batch_without_the_ingest_lock_row_is_refused_and_keeps_nothing(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        sqlx::query("DELETE FROM ingest_lock").execute(&app.db().pool).await.unwrap();
        let (status, body) = app.send_batch(&device.token, &submissions(1..4)).await;
        // Not "accepted" without the lock that keeps receipts gapless: a clear refusal that the
        // phone retries later, and nothing half-kept.
        assert_eq!(status, axum::http::StatusCode::INTERNAL_SERVER_ERROR, "{body}");
        assert_eq!(body["code"], "internal");
        assert_eq!(app.stored().await, 0);
        let (counters,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM receipt_counters")
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
        assert_eq!(counters, 0);
    }

    async fn the_missing_ingest_lock_row_is_named_in_the_error(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        sqlx::query("DELETE FROM ingest_lock").execute(&app.db().pool).await.unwrap();
        let device = lindungi_server::auth::Device {
            device_id: device.device_id,
            officer_id: device.officer_id,
        };
        let error = lindungi_server::ingest::receive_batch(
            app.db(),
            device,
            submissions(1..2).into(),
            app.state.now(),
            None,
        )
        .await
        .unwrap_err();
        let message = match error {
            lindungi_server::error::Error::Internal(e) => format!("{e:#}"),
            other => panic!("expected an internal error, got {other:?}"),
        };
        assert!(message.contains("ingest_lock"), "{message}");
    }
}

#[tokio::test]
async fn synchronous_normal_is_used_only_when_the_setting_asks_for_it() {
    use lindungi_server::config::{Config, SqliteSynchronous};
    assert_eq!(
        Config::default().sqlite_synchronous,
        SqliteSynchronous::Full
    );
    assert_eq!("NORMAL".parse(), Ok(SqliteSynchronous::Normal));
    assert!("off".parse::<SqliteSynchronous>().is_err());
    let (url, _guard) = fresh_database(Backend::Sqlite).await;
    let db = Db::connect_with(&url, SqliteSynchronous::Normal)
        .await
        .unwrap();
    const NORMAL: i64 = 1;
    assert_eq!(synchronous_of_every_connection(&db, 4).await, [NORMAL; 4]);
}
