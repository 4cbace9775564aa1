//! The real endpoint binary, started for one run against a fresh database and stopped after
//! it, with its peak resident memory read from /proc before it goes.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::http::Client;

/// The one-phone lines send thousands of requests a second from one token and one address; the
/// default limits (5/s per token, 30/s per address) exist to stop abuse, not to be measured.
/// The many-phones lines keep the defaults.
pub const RAISED_RATE_LIMITS: [(&str, &str); 4] = [
    ("LINDUNGI_RATE_TOKEN_BURST", "1000000"),
    ("LINDUNGI_RATE_TOKEN_PER_SEC", "1000000"),
    ("LINDUNGI_RATE_ADDRESS_BURST", "1000000"),
    ("LINDUNGI_RATE_ADDRESS_PER_SEC", "1000000"),
];

/// A running endpoint.
pub struct Endpoint {
    child: Child,
    pub addr: String,
    bin: PathBuf,
    database_url: String,
}

impl Endpoint {
    /// Starts `bin` on a free loopback port against `database_url`, logging into `dir`, with
    /// the settings `env` (`LINDUNGI_*` variables) besides the defaults.
    pub fn start(
        bin: &Path,
        database_url: &str,
        dir: &Path,
        env: &[(&str, &str)],
    ) -> anyhow::Result<Endpoint> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let addr = format!("127.0.0.1:{port}");
        let log = std::fs::File::create(dir.join(format!("endpoint-{port}.log")))?;
        let dist = dir.join("empty-dist");
        std::fs::create_dir_all(&dist)?;
        let child = Command::new(bin)
            // `--migrate`: a fresh PostgreSQL database is migrated by the first endpoint started
            // (`serve` on PostgreSQL does not migrate by itself); SQLite always migrates.
            .args([
                "--database-url",
                database_url,
                "serve",
                "--migrate",
                "--bind",
                &addr,
            ])
            .arg("--dist")
            .arg(&dist)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .with_context(|| format!("starting {}", bin.display()))?;
        let endpoint = Endpoint {
            child,
            addr,
            bin: bin.to_owned(),
            database_url: database_url.to_owned(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(mut client) = Client::connect(&endpoint.addr)
                && client
                    .request("GET", "/api/v1/health", None, None)
                    .is_ok_and(|r| r.status == 200)
            {
                return Ok(endpoint);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        bail!("the endpoint did not answer its health check within 30 s")
    }

    /// A device token for a fresh officer, the way a phone gets one: an enrollment code from
    /// the CLI traded at `POST /api/v1/devices`, over `client`'s connection.
    pub fn device_token(&self, officer: &str, client: &mut Client) -> anyhow::Result<String> {
        let out = Command::new(&self.bin)
            .args([
                "--database-url",
                &self.database_url,
                "create-officer",
                "--name",
                officer,
            ])
            .stderr(Stdio::null())
            .output()?;
        let out = String::from_utf8(out.stdout)?;
        let code = out
            .lines()
            .find_map(|l| l.strip_prefix("Enrollment code: "))
            .and_then(|rest| rest.split_whitespace().next())
            .with_context(|| format!("no enrollment code in {out:?}"))?;
        let body = serde_json::json!({ "enrollment_code": code, "device_name": "HP Bench" });
        let response = client.request("POST", "/api/v1/devices", None, Some(&body.to_string()))?;
        if response.status != 201 {
            bail!("enrollment answered {}", response.status);
        }
        let json: serde_json::Value = serde_json::from_str(&response.body)?;
        json["token"]
            .as_str()
            .map(str::to_owned)
            .context("no token in the enrollment answer")
    }

    /// A line of /proc/<pid>/status, in KiB (`VmRSS`: now; `VmHWM`: the peak so far).
    pub fn memory_kib(&self, field: &str) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
    }

    /// Stops the endpoint (SIGTERM, as systemd would; killed if it lingers).
    pub fn stop(mut self) {
        self.terminate();
    }

    fn terminate(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A run that fails half-way must not leave an endpoint behind.
impl Drop for Endpoint {
    fn drop(&mut self) {
        self.terminate();
    }
}
