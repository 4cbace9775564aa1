//! The database's own limits: every PostgreSQL connection the endpoint opens gives up on a
//! stuck statement, a lock held too long and a transaction left open; `migrate` lifts the
//! statement timeout for itself only.

mod common;

use common::{Backend, both_backends, fresh_database};
use lindungi_server::db::{Db, POOL_ACQUIRE_TIMEOUT, POSTGRES_SESSION};

/// `statement_timeout`, `lock_timeout` and `idle_in_transaction_session_timeout` of one
/// connection of the pool, as PostgreSQL reports them.
async fn settings(conn: &mut sqlx::AnyConnection) -> Vec<String> {
    let mut found = Vec::new();
    for name in [
        "statement_timeout",
        "lock_timeout",
        "idle_in_transaction_session_timeout",
    ] {
        let (value,): (String,) = sqlx::query_as(sqlx::AssertSqlSafe(format!("SHOW {name}")))
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        found.push(value);
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_postgres_connection_gives_up_on_stuck_statements_locks_and_idle_transactions() {
    assert_eq!(POSTGRES_SESSION.len(), 3);
    let (url, _guard) = fresh_database(Backend::Postgres).await;
    let db = Db::open(&url).await.unwrap();
    // Several connections at once: each was set up as it was opened.
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut conn = db.pool.acquire().await.unwrap();
        assert_eq!(settings(&mut conn).await, ["30s", "10s", "1min"]);
        held.push(conn);
    }
    drop(held);
    // `migrate` runs without the statement timeout, on a connection it then closes: the pool's
    // connections keep theirs.
    let all = sqlx::migrate!("./migrations/postgres").iter().count();
    assert_eq!(db.migrate().await.unwrap().len(), all);
    let mut held = Vec::new();
    for _ in 0..5 {
        let mut conn = db.pool.acquire().await.unwrap();
        assert_eq!(settings(&mut conn).await, ["30s", "10s", "1min"]);
        held.push(conn);
    }
    // (Closing a pool waits for its connections to come back.)
    drop(held);
    db.pool.close().await;
}

both_backends! {
    async fn a_request_waits_for_a_database_connection_no_longer_than_the_acquire_timeout(backend) {
        let (url, _guard) = fresh_database(backend).await;
        let db = Db::open(&url).await.unwrap();
        assert_eq!(db.pool.options().get_acquire_timeout(), POOL_ACQUIRE_TIMEOUT);
        db.pool.close().await;
    }
}
