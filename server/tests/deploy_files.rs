//! The files a city installs (`deploy/`), checked the way their own tools read them: Caddy
//! adapts the Caddyfile with the example settings into an HTTPS site for the city's domain with
//! an automatic certificate; systemd accepts the units, whose limits agree with the endpoint's;
//! the backup script dumps PostgreSQL, copies SQLite and prunes old backups — on SQLite and
//! PostgreSQL.

mod common;

use std::{
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::Duration,
};

use common::{Backend, TestApp, both_backends, submissions};
use lindungi_server::{
    db::{Db, Schema},
    limits::{HEADER_READ_TIMEOUT, MAX_CONNECTIONS, SHUTDOWN_GRACE},
};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_lindungi-server");

fn deploy(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../deploy")
        .join(file)
}

/// The `KEY=VALUE` lines of an example environment file (quotes removed, as systemd does).
fn environment(file: &str) -> Vec<(String, String)> {
    std::fs::read_to_string(deploy(file))
        .unwrap()
        .lines()
        .filter(|l| !l.trim_start().starts_with('#') && l.contains('='))
        .map(|l| {
            let (key, value) = l.split_once('=').unwrap();
            (
                key.trim().to_owned(),
                value.trim().trim_matches('"').to_owned(),
            )
        })
        .collect()
}

/// A `KEY=VALUE` setting of a unit file.
fn setting(unit: &str, key: &str) -> String {
    unit.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}=")))
        .unwrap_or_else(|| panic!("no {key}="))
        .to_owned()
}

/// Seconds of a systemd time span like `90s`.
fn seconds(span: &str) -> u64 {
    span.strip_suffix('s').unwrap().parse().unwrap()
}

#[test]
fn the_caddyfile_serves_the_city_s_domain_with_an_automatic_certificate_in_front_of_both_endpoints()
{
    let home = tempfile::tempdir().unwrap();
    let output = Command::new("caddy")
        .args(["adapt", "--adapter", "caddyfile", "--config"])
        .arg(deploy("Caddyfile"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap())
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .envs(environment("caddy.env.example"))
        .output()
        .expect("caddy is installed (scripts/setup.sh)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let config: Value = serde_json::from_slice(&output.stdout).unwrap();
    // The admin API stays on loopback, as `systemctl reload caddy` needs.
    assert_eq!(config["admin"]["listen"], "localhost:2019");
    let server = &config["apps"]["http"]["servers"]["srv0"];
    assert_eq!(server["listen"], serde_json::json!([":443"]));
    assert_eq!(
        server["routes"][0]["match"][0]["host"][0],
        "lindungi.mojokertokota.go.id"
    );
    // A certificate from a public CA, obtained and renewed by Caddy, never its own CA.
    let policy = &config["apps"]["tls"]["automation"]["policies"][0];
    assert_eq!(policy["subjects"][0], "lindungi.mojokertokota.go.id");
    let issuers: Vec<&str> = policy["issuers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["module"].as_str().unwrap())
        .collect();
    assert!(
        issuers.contains(&"acme") && !issuers.contains(&"internal"),
        "{issuers:?}"
    );
    assert_eq!(policy["issuers"][0]["email"], "it@mojokertokota.go.id");
    // Both endpoints, health-checked, a request retried on the other when one is down.
    let proxy = &server["routes"][0]["handle"][0]["routes"][0]["handle"][0];
    assert_eq!(proxy["handler"], "reverse_proxy");
    let upstreams: Vec<&str> = proxy["upstreams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["dial"].as_str().unwrap())
        .collect();
    assert_eq!(upstreams, ["127.0.0.1:8081", "127.0.0.1:8082"]);
    assert_eq!(
        proxy["health_checks"]["active"]["uri"],
        domain::wire::HEALTH_PATH
    );
    assert!(proxy["load_balancing"]["try_duration"].as_u64().unwrap() > 0);
    // Caddy drops an idle connection before the endpoint would close it under its feet.
    let idle = proxy["transport"]["keep_alive"]["idle_timeout"]
        .as_u64()
        .unwrap();
    assert!(
        Duration::from_nanos(idle) < HEADER_READ_TIMEOUT,
        "Caddy keeps idle connections {idle} ns, the endpoint {HEADER_READ_TIMEOUT:?}"
    );
}

#[test]
fn systemd_accepts_the_units_and_their_limits_agree_with_the_endpoint_s() {
    let dir = tempfile::tempdir().unwrap();
    // As installed: the binaries at their paths (here, the ones just built and committed).
    let installed = |file: &str, name: &str| {
        let text = std::fs::read_to_string(deploy(file))
            .unwrap()
            .replace("/usr/local/bin/lindungi-server", BIN)
            .replace(
                "/usr/local/bin/lindungi-backup",
                deploy("lindungi-backup").to_str().unwrap(),
            );
        let path = dir.path().join(name);
        std::fs::write(&path, &text).unwrap();
        (path, text)
    };
    let (endpoint, unit) = installed("lindungi@.service", "lindungi@8081.service");
    let (backup, _) = installed("lindungi-backup.service", "lindungi-backup.service");
    let (timer, _) = installed("lindungi-backup.timer", "lindungi-backup.timer");
    let (caddy, _) = installed("caddy.service.d/lindungi.conf", "caddy-lindungi.conf");
    let output = Command::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .args([&endpoint, &backup, &timer])
        .output()
        .expect("systemd-analyze is installed");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert!(
        !said.contains("Unknown key") && !said.contains("Unknown section"),
        "{said}"
    );
    assert!(
        std::fs::read_to_string(caddy)
            .unwrap()
            .contains("EnvironmentFile=/etc/lindungi/caddy.env")
    );
    // systemd waits for the graceful stop, and lets the endpoint open all its connections.
    assert!(Duration::from_secs(seconds(&setting(&unit, "TimeoutStopSec"))) > SHUTDOWN_GRACE);
    let files: usize = setting(&unit, "LimitNOFILE").parse().unwrap();
    assert!(files > MAX_CONNECTIONS * 2, "LimitNOFILE={files}");
    // The proxy it trusts is the one on this machine, and it never migrates by itself.
    let start = setting(&unit, "ExecStart");
    assert!(
        start.contains("--trusted-proxy 127.0.0.1") && !start.contains("--migrate"),
        "{start}"
    );
}

/// Runs deploy/lindungi-backup against `url`, writing into `dir`; its output.
fn run_backup_script(url: &str, dir: &Path) -> std::process::Output {
    Command::new("sh")
        .arg(deploy("lindungi-backup"))
        .env("DATABASE_URL", url)
        .env("LINDUNGI_BACKUP_DIR", dir)
        .env("LINDUNGI_BACKUP_KEEP_DAYS", "14")
        .env("LINDUNGI_SERVER", BIN)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

both_backends! {
    async fn the_backup_script_keeps_a_restorable_copy_and_two_weeks_of_them(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        app.batch_results(&device.token, &submissions(0..20)).await;
        let held = app.stored().await;
        let dir = tempfile::tempdir().unwrap();
        // A backup from three weeks ago, and a file that is not a backup.
        let old = dir.path().join("lindungi-2020-01-01-023000.db");
        std::fs::write(&old, b"old").unwrap();
        assert!(Command::new("touch").args(["-d", "21 days ago"]).arg(&old).status().unwrap().success());
        let other = dir.path().join("notes.txt");
        std::fs::write(&other, b"keep").unwrap();
        assert!(Command::new("touch").args(["-d", "21 days ago"]).arg(&other).status().unwrap().success());

        let output = run_backup_script(&app.state.config.database_url, dir.path());
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{said}{}", String::from_utf8_lossy(&output.stderr));
        assert!(!old.exists(), "a backup older than two weeks is deleted");
        assert!(other.exists(), "only backups are deleted");
        let written: Vec<PathBuf> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with("lindungi-"))
            .collect();
        assert_eq!(written.len(), 1, "{written:?}");
        let file = &written[0];
        assert!(said.contains(file.to_str().unwrap()), "{said}");
        match backend {
            Backend::Sqlite => {
                assert!(file.extension().unwrap() == "db");
                let copy = Db::open(&format!("sqlite://{}", file.display())).await.unwrap();
                assert_eq!(copy.schema().await.unwrap(), Schema::Current);
                let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM registrations")
                    .fetch_one(&copy.pool)
                    .await
                    .unwrap();
                assert_eq!(n, held);
            }
            Backend::Postgres => {
                assert!(file.extension().unwrap() == "dump");
                let listing = Command::new("pg_restore").arg("--list").arg(file).output().unwrap();
                assert!(listing.status.success());
                let listing = String::from_utf8_lossy(&listing.stdout);
                assert!(listing.contains("TABLE DATA public registrations"), "{listing}");
                assert!(listing.contains("TABLE DATA public audit_log"), "{listing}");
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_s_wrapper_runs_commands_with_the_services_settings() {
    let (url, _guard) = common::fresh_database(Backend::Sqlite).await;
    let dir = tempfile::tempdir().unwrap();
    let env_file = dir.path().join("lindungi.env");
    std::fs::write(
        &env_file,
        format!("# as in deploy/lindungi.env.example\nDATABASE_URL={url}\n"),
    )
    .unwrap();
    let me = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout).unwrap();
    let cli = |args: &[&str]| {
        Command::new("sh")
            .arg(deploy("lindungi-cli"))
            .args(args)
            .env("LINDUNGI_ENV_FILE", &env_file)
            .env("LINDUNGI_USER", me.trim())
            .env("LINDUNGI_SERVER", BIN)
            .env_remove("DATABASE_URL")
            .output()
            .unwrap()
    };
    let migrated = cli(&["migrate"]);
    assert!(
        migrated.status.success(),
        "{}",
        String::from_utf8_lossy(&migrated.stderr)
    );
    let officer = cli(&["create-officer", "--name", "Sri Wahyuni"]);
    assert!(String::from_utf8_lossy(&officer.stdout).contains("Enrollment code: "));
    // It used the file's database, and no other.
    let db = Db::open(&url).await.unwrap();
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM officers")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(n, 1);
}
