//! The endpoint binary's commands, run as the city's admin runs them: `migrate` is the only one
//! that changes the schema (and `serve` on SQLite, or `serve --migrate`); every other command
//! refuses a schema it does not know, saying what to do; `create-admin-token --days` and
//! `revoke-admin-token` — on SQLite and PostgreSQL.

mod common;

use std::{
    process::{Child, Command, Output, Stdio},
    time::{Duration, Instant},
};

use common::{Backend, both_backends, fresh_database};
use lindungi_server::db::{Db, Schema};

const BIN: &str = env!("CARGO_BIN_EXE_lindungi-server");

/// Runs the binary against `url`; its output.
fn run(url: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--database-url")
        .arg(url)
        .args(args)
        .env_remove("LINDUNGI_ADMIN_TOKEN")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A free port on 127.0.0.1.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `serve` started in the background on a free port, with `extra` arguments.
fn start_serving(url: &str, extra: &[&str]) -> (Child, u16) {
    let port = free_port();
    let bind = format!("127.0.0.1:{port}");
    let child = Command::new(BIN)
        .args([
            "--database-url",
            url,
            "serve",
            "--bind",
            &bind,
            "--dist",
            "../dist",
        ])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    (child, port)
}

/// Whether the health check answers 200 within a few seconds.
fn answers_health(port: u16) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            use std::io::{Read, Write};
            let _ = stream
                .write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            let mut answer = String::new();
            let _ = stream.read_to_string(&mut answer);
            if answer.starts_with("HTTP/1.1 200") {
                return true;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// Waits for a child that should exit by itself; its status and stderr.
fn exits_by_itself(mut child: Child) -> (bool, String) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            use std::io::Read;
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.success(), err);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("serve kept running on a database it should refuse");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

both_backends! {
    async fn migrate_makes_a_new_database_ready_and_says_when_there_is_nothing_to_do(backend) {
        let (url, _guard) = fresh_database(backend).await;
        let first = run(&url, &["migrate"]);
        assert!(first.status.success(), "{}", stderr(&first));
        assert!(stdout(&first).starts_with("Migrations applied: 1, 2, 3, 4, 5, 6"), "{}", stdout(&first));
        let again = run(&url, &["migrate"]);
        assert!(again.status.success());
        assert_eq!(stdout(&again).trim(), "The database is up to date; no migration applied.");
        let db = Db::open(&url).await.unwrap();
        assert_eq!(db.schema().await.unwrap(), Schema::Current);
        db.pool.close().await;
    }

    async fn other_commands_refuse_an_unmigrated_database_and_say_to_run_migrate(backend) {
        let (url, _guard) = fresh_database(backend).await;
        let roster = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(roster.path(), "nik,nama,kelurahan,jenis_usaha\n").unwrap();
        let roster = roster.path().to_str().unwrap().to_owned();
        for args in [
            vec!["create-officer", "--name", "Petugas Satu"],
            vec!["create-admin-token", "--label", "staf"],
            vec!["revoke-device", "1"],
            vec!["revoke-officer", "1"],
            vec!["revoke-admin-token", "--label", "staf"],
            vec!["import-roster", roster.as_str()],
        ] {
            let output = run(&url, &args);
            assert!(!output.status.success(), "{args:?} ran on an unmigrated database");
            let error = stderr(&output);
            assert!(error.contains("run `lindungi-server migrate` first"), "{args:?}: {error}");
        }
        // None of them migrated anything.
        let db = Db::open(&url).await.unwrap();
        let all = sqlx::migrate!("./migrations/sqlite").iter().count();
        assert!(matches!(db.schema().await.unwrap(), Schema::Older { missing } if missing.len() == all));
        db.pool.close().await;
    }

    async fn a_database_migrated_by_a_newer_version_is_refused_by_every_command(backend) {
        let (url, _guard) = fresh_database(backend).await;
        assert!(run(&url, &["migrate"]).status.success());
        let db = Db::open(&url).await.unwrap();
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES (99, 'from the future', TRUE, $1, 0)",
        )
        .bind(vec![0u8; 48])
        .execute(&db.pool)
        .await
        .unwrap();
        db.pool.close().await;
        for args in [vec!["create-officer", "--name", "Petugas Satu"], vec!["migrate"]] {
            let output = run(&url, &args);
            assert!(!output.status.success(), "{args:?}");
            let error = stderr(&output);
            assert!(error.contains("99"), "{args:?}: {error}");
        }
        let error = stderr(&run(&url, &["create-officer", "--name", "Petugas Satu"]));
        assert!(error.contains("migrated by a newer version of lindungi-server"), "{error}");
        let (child, _) = start_serving(&url, &["--migrate"]);
        let (ok, error) = exits_by_itself(child);
        assert!(!ok && error.contains("newer version"), "{error}");
    }

    async fn admin_tokens_are_made_for_some_days_and_revoked_by_label(backend) {
        let (url, _guard) = fresh_database(backend).await;
        assert!(run(&url, &["migrate"]).status.success());
        let made = run(&url, &["create-admin-token", "--label", "staf", "--days", "30"]);
        assert!(made.status.success(), "{}", stderr(&made));
        let line = stdout(&made);
        assert!(line.starts_with("Admin token (staf): lnd_adm_") && line.contains("(until "), "{line}");
        let db = Db::open(&url).await.unwrap();
        let (created, expires): (i64, i64) =
            sqlx::query_as("SELECT created_at, expires_at FROM admin_tokens")
                .fetch_one(&db.pool)
                .await
                .unwrap();
        assert_eq!(expires - created, 30 * 86_400_000);
        let revoked = run(&url, &["revoke-admin-token", "--label", "staf"]);
        assert!(revoked.status.success(), "{}", stderr(&revoked));
        let again = run(&url, &["revoke-admin-token", "--label", "staf"]);
        assert!(!again.status.success());
        assert!(stderr(&again).contains("no live admin token labelled \"staf\""));
        let (actors,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM audit_log WHERE actor = 'cli' AND action IN ('admin_token_created', 'admin_token_revoked')",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!(actors, 2);
        db.pool.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_refuses_an_unmigrated_postgres_database_unless_told_to_migrate() {
    let (url, _guard) = fresh_database(Backend::Postgres).await;
    let (child, _) = start_serving(&url, &[]);
    let (ok, error) = exits_by_itself(child);
    assert!(!ok);
    assert!(
        error.contains("run `lindungi-server migrate` first"),
        "{error}"
    );
    assert!(
        error.contains("several endpoint processes may share it"),
        "{error}"
    );
    // With --migrate it migrates, then serves.
    let (child, port) = start_serving(&url, &["--migrate"]);
    let serving = answers_health(port);
    stop(child);
    assert!(serving, "serve --migrate did not come up");
    // And once migrated, a plain serve starts.
    let (child, port) = start_serving(&url, &[]);
    let serving = answers_health(port);
    stop(child);
    assert!(serving);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_migrates_a_new_sqlite_database_that_it_owns() {
    let (url, _guard) = fresh_database(Backend::Sqlite).await;
    let (child, port) = start_serving(&url, &[]);
    let serving = answers_health(port);
    stop(child);
    assert!(serving);
    let db = Db::open(&url).await.unwrap();
    assert_eq!(db.schema().await.unwrap(), Schema::Current);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn insecure_cookies_are_refused_beyond_loopback() {
    let (url, _guard) = fresh_database(Backend::Sqlite).await;
    let child = Command::new(BIN)
        .args([
            "--database-url",
            &url,
            "serve",
            "--bind",
            "0.0.0.0:0",
            "--insecure-cookies",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (ok, error) = exits_by_itself(child);
    assert!(!ok);
    assert!(
        error.contains("--insecure-cookies is for plain HTTP on loopback only"),
        "{error}"
    );
}
