//! Ingest benchmark: registrations per second the real endpoint binary accepts over loopback,
//! on SQLite and PostgreSQL, with batches of 1, 50 and 500, next to the raw insert rate of the
//! same database (the ceiling), plus the endpoint's peak resident memory.
//!
//! ```text
//! lindungi-bench-ingest SERVER_BIN OUT.json
//! ```
//! PostgreSQL is measured when `LINDUNGI_TEST_POSTGRES_URL` names an admin connection (run
//! under scripts/with-postgres.sh). `BENCH_INGEST_N` sets the registrations per run (10,000:
//! a batch of 500 takes a few tens of milliseconds, so fewer would time mostly noise).
//! Writes its table lines to OUT.json for scripts/bench; a benchmark never fails a build.

mod data;
mod endpoint;
mod http;
mod raw;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use domain::wire::{BatchRequest, BatchResponse, Outcome};
use serde_json::json;
use sqlx::{Connection, Executor};

use endpoint::Endpoint;
use http::Client;

const BATCH_SIZES: [usize; 3] = [1, 50, 500];
/// Runs per measurement, the median kept: this 2-core machine is shared with other builds.
const REPEATS: usize = 3;
/// The budget, on SQLite at the app's batch size (MAX_BATCH_ITEMS), registrations per second.
const SQLITE_BUDGET: f64 = 5_000.0;

/// What one run through the endpoint measured.
struct Run {
    accepted: usize,
    requests: usize,
    seconds: f64,
    peak_rss_kib: Option<u64>,
    idle_rss_kib: Option<u64>,
}

impl Run {
    fn rate(&self) -> f64 {
        self.accepted as f64 / self.seconds
    }
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(bin), Some(out)) = (args.next(), args.next()) else {
        bail!("usage: lindungi-bench-ingest SERVER_BIN OUT.json");
    };
    let bin = PathBuf::from(bin);
    let n: usize = std::env::var("BENCH_INGEST_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let postgres = std::env::var("LINDUNGI_TEST_POSTGRES_URL").ok();
    let dir = std::env::temp_dir().join(format!("lindungi-bench-ingest-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;

    let today = data::today();
    let submissions = data::submissions(0, n, today);
    let registrations = data::registrations(&submissions, today);

    let mut lines = Vec::new();
    let mut details = Vec::new();
    let mut peak: Option<(u64, String)> = None;
    let mut idle: Option<u64> = None;
    let wanted = |var: &str, value: &str| {
        std::env::var(var).map_or(true, |list| list.split(',').any(|v| v.trim() == value))
    };
    for backend in ["SQLite", "PostgreSQL"] {
        if !wanted("BENCH_INGEST_BACKENDS", backend) {
            continue;
        }
        let fresh_url = |name: &str| -> anyhow::Result<String> {
            match backend {
                "SQLite" => Ok(format!(
                    "sqlite://{}",
                    dir.join(format!("{name}.db")).display()
                )),
                _ => {
                    let admin = postgres
                        .as_deref()
                        .context("no PostgreSQL (LINDUNGI_TEST_POSTGRES_URL unset)")?;
                    runtime.block_on(create_database(admin, name))
                }
            }
        };
        let ceiling = median_of(
            REPEATS,
            |i| {
                let url = fresh_url(&format!("raw_{i}"))?;
                runtime.block_on(raw::insert_rate(&url, &registrations, today))
            },
            |rate| *rate,
        );
        let baseline = match &ceiling {
            Ok(rate) => format!(
                "raw INSERT {} rows/s (median of {REPEATS})",
                thousands(*rate)
            ),
            Err(e) => format!("not measured: {e:#}"),
        };
        for batch in BATCH_SIZES {
            if !wanted("BENCH_INGEST_BATCHES", &batch.to_string()) {
                continue;
            }
            let line = format!("Ingest, {backend}, batches of {batch}");
            let budget = match (backend, batch) {
                ("SQLite", 500) => format!("≥ {}/s", thousands(SQLITE_BUDGET)),
                _ => "—".to_owned(),
            };
            // Batches of 1 take seconds per run; the shorter runs are repeated.
            let repeats = if batch == 1 { 1 } else { REPEATS };
            let run = median_of(
                repeats,
                |i| {
                    let url = fresh_url(&format!("batch{batch}_{i}"))?;
                    ingest(&bin, &url, &dir, &submissions, batch)
                },
                Run::rate,
            );
            match run {
                Ok(run) => {
                    let within = (budget != "—").then(|| run.rate() >= SQLITE_BUDGET);
                    lines.push(json!({
                        "line": line,
                        "measured": format!(
                            "{}/s ({} accepted in {:.2} s, {} requests{})",
                            thousands(run.rate()),
                            thousands(run.accepted as f64),
                            run.seconds,
                            thousands(run.requests as f64),
                            if repeats > 1 {
                                format!("; median of {repeats} runs")
                            } else {
                                String::new()
                            }
                        ),
                        "baseline": baseline,
                        "budget": budget,
                        "within": within,
                    }));
                    if let Some(kib) = run.peak_rss_kib
                        && peak.as_ref().is_none_or(|(p, _)| kib > *p)
                    {
                        peak = Some((kib, format!("{backend}, batches of {batch}")));
                    }
                    idle = idle.or(run.idle_rss_kib);
                    details.push(json!({
                        "backend": backend, "batch": batch, "accepted": run.accepted,
                        "requests": run.requests, "seconds": run.seconds, "per_second": run.rate(),
                        "peak_rss_kib": run.peak_rss_kib, "idle_rss_kib": run.idle_rss_kib,
                        "raw_insert_per_second": ceiling.as_ref().ok(),
                    }));
                }
                Err(e) => lines.push(json!({
                    "line": line, "measured": format!("not measured: {e:#}"),
                    "baseline": baseline, "budget": budget, "within": null,
                })),
            }
        }
    }
    lines.push(json!({
        "line": "Memory, endpoint peak RSS during ingest",
        "measured": match &peak {
            Some((kib, run)) => format!("{:.1} MiB (VmHWM, worst run: {run})", *kib as f64 / 1024.0),
            None => "not measured: no ingest run finished".to_owned(),
        },
        "baseline": match idle {
            Some(kib) => format!("{:.1} MiB idle after start-up", kib as f64 / 1024.0),
            None => "not measured".to_owned(),
        },
        "budget": "—",
        "within": null,
    }));
    let part = json!({ "part": "ingest", "n": n, "lines": lines, "details": details });
    std::fs::write(&out, serde_json::to_string_pretty(&part)?)?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Sends every submission to a fresh endpoint in batches of `batch` over one kept-alive
/// connection, one request after the other (as one phone does), and times it.
fn ingest(
    bin: &Path,
    database_url: &str,
    dir: &Path,
    submissions: &[domain::Submission],
    batch: usize,
) -> anyhow::Result<Run> {
    let endpoint = Endpoint::start(bin, database_url, dir)?;
    let token = endpoint.device_token()?;
    let idle_rss_kib = endpoint.memory_kib("VmRSS");
    // Bodies are serialized before the clock starts: the client's cost is not the endpoint's.
    let bodies: Vec<String> = submissions
        .chunks(batch)
        .map(|chunk| {
            serde_json::to_string(&BatchRequest {
                registrations: chunk.to_vec(),
            })
            .expect("a batch serializes")
        })
        .collect();
    let mut client = Client::connect(&endpoint.addr)?;
    let mut answers = Vec::with_capacity(bodies.len());
    let started = Instant::now();
    for body in &bodies {
        let response =
            client.request("POST", domain::wire::BATCH_PATH, Some(&token), Some(body))?;
        if response.status != 200 {
            bail!(
                "a batch was answered {}: {}",
                response.status,
                response.body
            );
        }
        answers.push(response.body);
    }
    let seconds = started.elapsed().as_secs_f64();
    let peak_rss_kib = endpoint.memory_kib("VmHWM");
    endpoint.stop();
    let mut accepted = 0;
    for answer in &answers {
        let response: BatchResponse = serde_json::from_str(answer)?;
        accepted += response
            .results
            .iter()
            .filter(|r| matches!(r.outcome, Outcome::Accepted { .. }))
            .count();
    }
    if accepted != submissions.len() {
        bail!("only {accepted} of {} were accepted", submissions.len());
    }
    Ok(Run {
        accepted,
        requests: bodies.len(),
        seconds,
        peak_rss_kib,
        idle_rss_kib,
    })
}

/// Runs `measure` `n` times and keeps the run with the median `key`; the first error ends it.
fn median_of<T>(
    n: usize,
    mut measure: impl FnMut(usize) -> anyhow::Result<T>,
    key: impl Fn(&T) -> f64,
) -> anyhow::Result<T> {
    let mut runs = (0..n)
        .map(&mut measure)
        .collect::<anyhow::Result<Vec<T>>>()?;
    runs.sort_by(|a, b| key(a).total_cmp(&key(b)));
    Ok(runs.swap_remove(runs.len() / 2))
}

/// A fresh database `lindungi_bench_<name>` on the PostgreSQL server behind `admin`; its URL.
async fn create_database(admin: &str, name: &str) -> anyhow::Result<String> {
    let database = format!("lindungi_bench_{name}");
    let mut conn = sqlx::PgConnection::connect(admin).await?;
    // The name is built here from a constant and a batch size: nothing outside reaches it.
    conn.execute(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {database}"
    )))
    .await?;
    conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {database}")))
        .await?;
    conn.close().await?;
    let (server, _) = admin
        .rsplit_once('/')
        .context("the PostgreSQL URL has no database name")?;
    Ok(format!("{server}/{database}"))
}

/// 12345.6 → "12,346".
fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
