//! `lindungi-server backup FILE`: a consistent copy taken while batches keep arriving holds every
//! receipt answered before it began, and restores into a working endpoint; it never overwrites a
//! file; on PostgreSQL it says to use `pg_dump`, and exits non-zero.

mod common;

use std::{
    process::{Command, Stdio},
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use common::{Backend, TestApp, fresh_database, submissions};
use lindungi_server::db::{Db, Schema};
use tokio::sync::Mutex;

const BIN: &str = env!("CARGO_BIN_EXE_lindungi-server");

fn backup(url: &str, file: &std::path::Path) -> std::process::Output {
    Command::new(BIN)
        .args(["--database-url", url, "backup"])
        .arg(file)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_batches_arrive_holds_every_receipt_answered_before_it_began() {
    let app = Arc::new(TestApp::new(Backend::Sqlite).await);
    let device = app.enroll("Petugas Satu").await;
    let url = app.state.config.database_url.clone();
    // A phone sends batch after batch; every receipt it is answered is noted as it comes.
    let answered: Arc<Mutex<Vec<String>>> = Arc::default();
    let sending = Arc::new(AtomicBool::new(true));
    let stream = {
        let (app, answered, sending, token) = (
            app.clone(),
            answered.clone(),
            sending.clone(),
            device.token.clone(),
        );
        tokio::spawn(async move {
            let mut seed = 0;
            while sending.load(Ordering::Relaxed) && seed < 5_000 {
                let batch = submissions(seed..seed + 10);
                seed += 10;
                for result in app.batch_results(&token, &batch).await {
                    if let Some(receipt) = result["receipt"]
                        .as_str()
                        .filter(|_| result["outcome"] == "accepted")
                    {
                        answered.lock().await.push(receipt.to_owned());
                    }
                }
            }
            seed
        })
    };
    while answered.lock().await.len() < 100 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lindungi-backup.db");
    let before: Vec<String> = answered.lock().await.clone();
    let output = tokio::task::spawn_blocking({
        let (url, file) = (url.clone(), file.clone());
        move || backup(&url, &file)
    })
    .await
    .unwrap();
    let during = answered.lock().await.len() - before.len();
    // The phone keeps sending for a moment after the copy, then stops.
    tokio::time::sleep(Duration::from_millis(200)).await;
    sending.store(false, Ordering::Relaxed);
    let sent = stream.await.unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        said.starts_with("Backup written: ") && said.contains(" bytes)"),
        "{said}"
    );
    assert!(!dir.path().join("lindungi-backup.db.partial").exists());

    // Restored: the copy, put where an endpoint's database goes, serves as it was.
    let restored_dir = tempfile::tempdir().unwrap();
    let restored_file = restored_dir.path().join("lindungi.db");
    std::fs::copy(&file, &restored_file).unwrap();
    let restored_url = format!("sqlite://{}", restored_file.display());
    let restored = Db::open(&restored_url).await.unwrap();
    assert_eq!(restored.schema().await.unwrap(), Schema::Current);
    let (check,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(&restored.pool)
        .await
        .unwrap();
    assert_eq!(check, "ok");
    let kept: Vec<(String,)> = sqlx::query_as("SELECT receipt FROM registrations ORDER BY receipt")
        .fetch_all(&restored.pool)
        .await
        .unwrap();
    let kept: Vec<String> = kept.into_iter().map(|(r,)| r).collect();
    let missing: Vec<&String> = before.iter().filter(|r| !kept.contains(r)).collect();
    assert!(
        missing.is_empty(),
        "receipts answered before the backup are missing: {missing:?}"
    );
    // The copy is one moment of the database: receipts without a gap, MJK-2026-000001 onwards.
    let expected: Vec<String> = (1..=kept.len())
        .map(|n| format!("MJK-2026-{n:06}"))
        .collect();
    assert_eq!(kept, expected);
    let now = app.stored().await;
    eprintln!(
        "backup: {} receipts answered before it began, {during} while it ran; the copy holds {}, \
         the live database {now} ({sent} sent)",
        before.len(),
        kept.len()
    );
    restored.pool.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_never_overwrites_a_file() {
    let app = TestApp::new(Backend::Sqlite).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("there.db");
    std::fs::write(&file, b"keep me").unwrap();
    let output = backup(&app.state.config.database_url, &file);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("exists already"));
    assert_eq!(std::fs::read(&file).unwrap(), b"keep me");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_the_backup_command_says_how_to_use_pg_dump() {
    let (url, _guard) = fresh_database(Backend::Postgres).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lindungi.dump");
    let output = backup(&url, &file);
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("pg_dump --format=custom"), "{error}");
    assert!(error.contains("pg_restore"), "{error}");
    assert!(!file.exists());
}
