//! Ingest benchmark: registrations per second the real endpoint binary accepts over loopback,
//! on SQLite and PostgreSQL, each line next to a baseline measured in the same run:
//!
//! - one phone sending batches of 1, 50, 100 and 500, one after the other, next to the raw
//!   insert rate of the same database (the ceiling);
//! - the cost of durability on SQLite: the endpoint and the ceiling with `synchronous = FULL`
//!   (the default) and with `NORMAL`;
//! - many phones at once (50 by default, each enrolled with its own token and sending batches
//!   of 100 from its own loopback address, the endpoint's rate limits as in the field), against
//!   one endpoint and against two endpoint processes on one PostgreSQL, next to the one-phone
//!   rate; the city is then checked to hold every registration exactly once;
//! - the endpoint's peak resident memory.
//!
//! ```text
//! lindungi-bench-ingest SERVER_BIN OUT.json
//! ```
//! PostgreSQL is measured when `LINDUNGI_TEST_POSTGRES_URL` names an admin connection (run
//! under scripts/with-postgres.sh). `BENCH_INGEST_N` sets the registrations of a one-phone run
//! (10,000: a batch of 500 takes a few tens of milliseconds, so fewer would time mostly
//! noise); `BENCH_PHONES` and `BENCH_PHONE_BATCHES` the phones and the batches each sends;
//! `BENCH_INGEST_BACKENDS`, `BENCH_INGEST_BATCHES` and `BENCH_INGEST_PARTS` (`one-phone`,
//! `durability`, `many-phones`) keep only some lines (to profile one of them). Writes its
//! lines to OUT.json for scripts/bench. A part that cannot run says why on its line; a
//! benchmark never fails a build.

mod data;
mod endpoint;
mod http;
mod lines;
mod phones;
mod raw;

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, bail};
use domain::wire::{BatchRequest, BatchResponse, Outcome};
use lindungi_server::config::SqliteSynchronous;
use serde_json::json;
use sqlx::{Connection, Executor};

use endpoint::{Endpoint, RAISED_RATE_LIMITS};
use http::Client;
use lines::{Lines, percent, thousands};
use phones::Fleet;
use raw::Shape;

const BATCH_SIZES: [usize; 4] = [1, 50, 100, 500];
/// The app's batch (`DEFAULT_BATCH_SIZE` in `src/sync/engine.rs`): what each of many phones
/// sends, and the one-phone rate they are compared with.
const APP_BATCH: usize = 100;
/// The batch the budgets are judged at: the largest a phone may send (`MAX_BATCH_ITEMS`).
const BUDGET_BATCH: usize = domain::wire::MAX_BATCH_ITEMS;
/// Runs per measurement, the median kept: this 2-core machine is shared with other builds.
const REPEATS: usize = 5;
/// Batches of 1 are timed on fewer registrations: each is a commit of its own.
const SINGLES: usize = 2_000;
/// The budgets at batches of 500: a share of the raw ceiling on both backends, and a floor in
/// registrations per second on SQLite.
const SHARE_BUDGET: f64 = 0.60;
const SQLITE_BUDGET: f64 = 5_000.0;

/// Which database a line is on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

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

/// What every part needs.
struct Bench {
    bin: PathBuf,
    dir: PathBuf,
    postgres: Option<String>,
    /// How the PostgreSQL server commits (`fsync`, `synchronous_commit`), as it says.
    postgres_durability: String,
    runtime: tokio::runtime::Runtime,
    today: domain::Date,
}

impl Bench {
    /// A fresh, empty database of `backend` named after `name`; its URL.
    fn fresh_url(&self, backend: Backend, name: &str) -> anyhow::Result<String> {
        match backend {
            Backend::Sqlite => {
                let file = self.dir.join(format!("{name}.db"));
                // Fresh: no file, log or shared memory of an earlier run of the same name.
                for suffix in ["", "-wal", "-shm"] {
                    let path = format!("{}{suffix}", file.display());
                    match std::fs::remove_file(&path) {
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                            return Err(anyhow::anyhow!("cannot remove {path}: {e}"));
                        }
                        _ => {}
                    }
                }
                Ok(format!("sqlite://{}", file.display()))
            }
            Backend::Postgres => {
                let admin = self
                    .postgres
                    .as_deref()
                    .context("no PostgreSQL (LINDUNGI_TEST_POSTGRES_URL unset)")?;
                self.runtime.block_on(create_database(admin, name))
            }
        }
    }
}

fn wanted(var: &str, value: &str) -> bool {
    std::env::var(var).map_or(true, |list| list.split(',').any(|v| v.trim() == value))
}

fn env_number(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(bin), Some(out)) = (args.next(), args.next()) else {
        bail!("usage: lindungi-bench-ingest SERVER_BIN OUT.json");
    };
    let n = env_number("BENCH_INGEST_N", 10_000);
    let fleet = Fleet {
        phones: env_number("BENCH_PHONES", 50),
        batch: APP_BATCH,
        batches_per_phone: env_number("BENCH_PHONE_BATCHES", 10),
    };
    let dir = std::env::temp_dir().join(format!("lindungi-bench-ingest-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let postgres = std::env::var("LINDUNGI_TEST_POSTGRES_URL").ok();
    let postgres_durability = match &postgres {
        Some(admin) => runtime
            .block_on(durability_of(admin))
            .unwrap_or_else(|e| format!("settings unknown: {e:#}")),
        None => String::new(),
    };
    let bench = Bench {
        bin: PathBuf::from(bin),
        dir,
        postgres,
        postgres_durability,
        runtime,
        today: data::today(),
    };
    let load_at_start = load_average();

    let submissions = data::submissions(0, n.max(fleet.registrations()), bench.today);
    let registrations = data::registrations(&submissions[..n], bench.today);
    let one_phone = &submissions[..n];

    let mut lines = Lines::default();
    // The one-phone rate at the app's batch, per backend: the many-phones baseline.
    let mut app_batch_rate = Vec::new();
    for backend in [Backend::Sqlite, Backend::Postgres] {
        if !wanted("BENCH_INGEST_BACKENDS", backend.name()) {
            continue;
        }
        if wanted("BENCH_INGEST_PARTS", "one-phone") {
            let rate = one_phone_lines(&bench, backend, one_phone, &registrations, &mut lines);
            app_batch_rate.push((backend, rate));
        }
        if backend == Backend::Sqlite && wanted("BENCH_INGEST_PARTS", "durability") {
            for batch in [APP_BATCH, BUDGET_BATCH] {
                durability_line(&bench, batch, one_phone, &registrations, &mut lines);
            }
        }
    }
    if wanted("BENCH_INGEST_PARTS", "many-phones") {
        for (backend, endpoints) in [
            (Backend::Sqlite, 1),
            (Backend::Postgres, 1),
            (Backend::Postgres, 2),
        ] {
            if !wanted("BENCH_INGEST_BACKENDS", backend.name()) {
                continue;
            }
            let baseline = app_batch_rate
                .iter()
                .find(|(b, _)| *b == backend)
                .and_then(|(_, rate)| rate.as_ref().ok().copied());
            many_phones_line(
                &bench,
                backend,
                endpoints,
                fleet,
                &submissions,
                baseline,
                &mut lines,
            );
        }
    }
    lines.memory_line();

    let load_at_end = load_average();
    let part = json!({
        "part": "ingest",
        "n": n,
        "load_average": { "start": load_at_start, "end": load_at_end },
        "lines": lines.lines,
        "details": lines.details,
    });
    std::fs::write(&out, serde_json::to_string_pretty(&part)?)?;
    let _ = std::fs::remove_dir_all(&bench.dir);
    Ok(())
}

/// One raw insert run on a fresh database of `backend`, SQLite committing at `synchronous`,
/// rows written in `shape`: rows per second.
fn raw_once(
    bench: &Bench,
    backend: Backend,
    (synchronous, shape, batch): (SqliteSynchronous, Shape, usize),
    registrations: &[domain::Registration],
    i: usize,
) -> anyhow::Result<f64> {
    let name = match shape {
        Shape::RowByRow => "rows",
        Shape::MultiRow => "multi",
    };
    let url = bench.fresh_url(backend, &format!("raw_{name}_{synchronous}_{batch}_{i}"))?;
    bench.runtime.block_on(raw::insert_rate(
        &url,
        synchronous,
        shape,
        batch,
        registrations,
        bench.today,
    ))
}

/// The median of `runs` by `key`, or the first error.
fn median<T>(runs: Vec<anyhow::Result<T>>, key: impl Fn(&T) -> f64) -> anyhow::Result<T> {
    let mut runs = runs.into_iter().collect::<anyhow::Result<Vec<T>>>()?;
    if runs.is_empty() {
        bail!("no run");
    }
    runs.sort_by(|a, b| key(a).total_cmp(&key(b)));
    Ok(runs.swap_remove(runs.len() / 2))
}

/// The budget's line and what it is judged against, measured in turns — the two raw shapes,
/// then the endpoint, [`REPEATS`] times — so that the load of this shared machine weighs on the
/// endpoint and its ceiling alike.
struct Judged {
    /// The faster raw shape (multi-row, unless the machine says otherwise).
    ceiling: anyhow::Result<f64>,
    /// The ceiling's line: both shapes.
    baseline: String,
    /// The endpoint at the budget's batch size, when asked for.
    run: Option<anyhow::Result<Run>>,
}

fn judged(
    bench: &Bench,
    backend: Backend,
    submissions: &[domain::Submission],
    registrations: &[domain::Registration],
) -> Judged {
    let full = SqliteSynchronous::Full;
    let with_endpoint = wanted("BENCH_INGEST_BATCHES", &BUDGET_BATCH.to_string());
    let (mut multi, mut rows, mut runs) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..REPEATS {
        let multi_row = (full, Shape::MultiRow, BUDGET_BATCH);
        let row_by_row = (full, Shape::RowByRow, BUDGET_BATCH);
        multi.push(raw_once(bench, backend, multi_row, registrations, i));
        rows.push(raw_once(bench, backend, row_by_row, registrations, i));
        if with_endpoint {
            runs.push(
                bench
                    .fresh_url(backend, &format!("batch{BUDGET_BATCH}_{i}"))
                    .and_then(|url| {
                        ingest(bench, &url, &RAISED_RATE_LIMITS, submissions, BUDGET_BATCH)
                    }),
            );
        }
    }
    let (multi, rows) = (median(multi, |r| *r), median(rows, |r| *r));
    let server = match backend {
        Backend::Sqlite => String::new(),
        Backend::Postgres => format!("; server {}", bench.postgres_durability),
    };
    let baseline = match (&multi, &rows) {
        (Ok(multi), Ok(rows)) => format!(
            "raw multi-row INSERT {} rows/s, one INSERT per row {} rows/s (medians of \
             {REPEATS}{server})",
            thousands(*multi),
            thousands(*rows)
        ),
        (Err(e), _) | (_, Err(e)) => format!("not measured: {e:#}"),
    };
    let ceiling = match (multi, rows) {
        (Ok(multi), Ok(rows)) => Ok(multi.max(rows)),
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    Judged {
        ceiling,
        baseline,
        run: with_endpoint.then(|| median(runs, Run::rate)),
    }
}

/// Batches of 1, 50, 100 and 500 from one phone, next to the raw ceiling; the rate at the
/// app's batch size (the many-phones baseline).
fn one_phone_lines(
    bench: &Bench,
    backend: Backend,
    submissions: &[domain::Submission],
    registrations: &[domain::Registration],
    lines: &mut Lines,
) -> Result<f64, String> {
    let name = backend.name();
    let Judged {
        ceiling,
        baseline,
        run: mut budget_run,
    } = judged(bench, backend, submissions, registrations);
    let mut app_batch_rate = Err("not measured".to_owned());
    for batch in BATCH_SIZES {
        if !wanted("BENCH_INGEST_BATCHES", &batch.to_string()) {
            continue;
        }
        let line = format!("Ingest, {name}, batches of {batch}");
        let budgeted = batch == BUDGET_BATCH;
        let budget = match (budgeted, backend) {
            (false, _) => "—".to_owned(),
            (true, Backend::Sqlite) => format!(
                "≥ {} of the ceiling and ≥ {}/s",
                percent(SHARE_BUDGET),
                thousands(SQLITE_BUDGET)
            ),
            (true, Backend::Postgres) => format!("≥ {} of the ceiling", percent(SHARE_BUDGET)),
        };
        // Batches of 1 take seconds per run: fewer registrations, one run.
        let (sent, repeats) = if batch == 1 {
            (&submissions[..SINGLES.min(submissions.len())], 1)
        } else {
            (submissions, REPEATS)
        };
        // The budget's batch size was measured in turns with the ceiling.
        let in_turns = if budgeted { budget_run.take() } else { None };
        let run = match in_turns {
            Some(run) => run,
            None => median(
                (0..repeats)
                    .map(|i| {
                        let url = bench.fresh_url(backend, &format!("batch{batch}_{i}"))?;
                        ingest(bench, &url, &RAISED_RATE_LIMITS, sent, batch)
                    })
                    .collect(),
                Run::rate,
            ),
        };
        match run {
            Ok(run) => {
                let share = ceiling.as_ref().ok().map(|c| run.rate() / c);
                let within = budgeted.then(|| {
                    share.is_some_and(|s| s >= SHARE_BUDGET)
                        && (backend == Backend::Postgres || run.rate() >= SQLITE_BUDGET)
                });
                if batch == APP_BATCH {
                    app_batch_rate = Ok(run.rate());
                }
                lines.push(
                    &line,
                    format!(
                        "{}/s{} ({} accepted in {:.2} s, {} requests{})",
                        thousands(run.rate()),
                        share
                            .map(|s| format!(", {} of the ceiling", percent(s)))
                            .unwrap_or_default(),
                        thousands(run.accepted as f64),
                        run.seconds,
                        thousands(run.requests as f64),
                        if repeats > 1 {
                            format!("; median of {repeats} runs")
                        } else {
                            String::new()
                        }
                    ),
                    &baseline,
                    &budget,
                    within,
                );
                lines.peak(
                    run.peak_rss_kib,
                    run.idle_rss_kib,
                    &format!("{name}, batches of {batch}"),
                );
                lines.details.push(json!({
                    "backend": name, "batch": batch, "accepted": run.accepted,
                    "requests": run.requests, "seconds": run.seconds, "per_second": run.rate(),
                    "peak_rss_kib": run.peak_rss_kib, "idle_rss_kib": run.idle_rss_kib,
                    "raw_insert_per_second": ceiling.as_ref().ok(),
                }));
            }
            Err(e) => lines.not_measured(&line, &format!("{e:#}"), &baseline, &budget),
        }
    }
    app_batch_rate
}

/// SQLite at batches of `batch` with `synchronous = FULL` (the default) and `NORMAL`, the
/// endpoint and the raw ceiling (one transaction per `batch` rows) alike, measured in turns:
/// what a registration that survives a power cut costs. One `fsync` per commit, so the smaller
/// the batch, the larger its share.
fn durability_line(
    bench: &Bench,
    batch: usize,
    submissions: &[domain::Submission],
    registrations: &[domain::Registration],
    lines: &mut Lines,
) {
    let line = format!("Ingest, SQLite, batches of {batch}: synchronous FULL against NORMAL");
    let settings = [SqliteSynchronous::Full, SqliteSynchronous::Normal];
    let mut endpoint: [Vec<anyhow::Result<Run>>; 2] = Default::default();
    let mut raw: [Vec<anyhow::Result<f64>>; 2] = Default::default();
    for i in 0..REPEATS {
        for (k, synchronous) in settings.into_iter().enumerate() {
            let setting = synchronous.to_string();
            let env: Vec<(&str, &str)> = RAISED_RATE_LIMITS
                .iter()
                .copied()
                .chain([("LINDUNGI_SQLITE_SYNCHRONOUS", setting.as_str())])
                .collect();
            endpoint[k].push(
                bench
                    .fresh_url(Backend::Sqlite, &format!("sync_{synchronous}_{batch}_{i}"))
                    .and_then(|url| ingest(bench, &url, &env, submissions, batch)),
            );
            raw[k].push(raw_once(
                bench,
                Backend::Sqlite,
                (synchronous, Shape::MultiRow, batch),
                registrations,
                i,
            ));
        }
    }
    let [endpoint_full, endpoint_normal] =
        endpoint.map(|runs| median(runs, Run::rate).map(|run| run.rate()));
    let [raw_full, raw_normal] = raw.map(|runs| median(runs, |r| *r));
    let show = |rate: &anyhow::Result<f64>| match rate {
        Ok(rate) => format!("{}/s", thousands(*rate)),
        Err(e) => format!("not measured ({e:#})"),
    };
    let cost = |full: &anyhow::Result<f64>, normal: &anyhow::Result<f64>| match (full, normal) {
        (Ok(full), Ok(normal)) => format!("; FULL costs {}", percent(1.0 - full / normal)),
        _ => String::new(),
    };
    if let (Err(e), Err(_)) = (&endpoint_full, &endpoint_normal) {
        lines.not_measured(&line, &format!("{e:#}"), "—", "—");
        return;
    }
    lines.push(
        &line,
        format!(
            "endpoint: FULL {}, NORMAL {}{} (medians of {REPEATS} runs each)",
            show(&endpoint_full),
            show(&endpoint_normal),
            cost(&endpoint_full, &endpoint_normal)
        ),
        &format!(
            "raw multi-row INSERT, {batch} rows a transaction: FULL {}, NORMAL {}{}",
            show(&raw_full),
            show(&raw_normal),
            cost(&raw_full, &raw_normal)
        ),
        "—",
        None,
    );
}

/// Many phones at once against `endpoints` endpoint processes on one `backend` database.
#[allow(clippy::too_many_arguments)]
fn many_phones_line(
    bench: &Bench,
    backend: Backend,
    endpoints: usize,
    fleet: Fleet,
    submissions: &[domain::Submission],
    one_phone_rate: Option<f64>,
    lines: &mut Lines,
) {
    let name = backend.name();
    let line = format!(
        "Ingest, many phones, {name}: {} phones × batches of {}, {}",
        fleet.phones,
        fleet.batch,
        if endpoints == 1 {
            "one endpoint".to_owned()
        } else {
            format!("{endpoints} endpoint processes")
        }
    );
    let baseline = match one_phone_rate {
        Some(rate) => format!(
            "one phone, batches of {}: {}/s",
            fleet.batch,
            thousands(rate)
        ),
        None => "not measured: the one-phone line did not run".to_owned(),
    };
    let budget = "each registration exactly once, receipts gapless";
    let run = bench
        .fresh_url(backend, &format!("phones_{endpoints}"))
        .and_then(|url| {
            phones::run(
                &bench.bin,
                &url,
                &bench.dir,
                endpoints,
                fleet,
                submissions,
                &bench.runtime,
            )
        });
    match run {
        Ok(run) => {
            let ms = |d: std::time::Duration| format!("{:.0} ms", d.as_secs_f64() * 1000.0);
            lines.push(
                &line,
                format!(
                    "{}/s ({} in {:.2} s; per batch p50 {}, p95 {}, max {}; {} × 429, {} × 503, \
                     {} reconnects; rate limits: the endpoint's defaults, each phone from its \
                     own loopback address; {})",
                    thousands(run.rate()),
                    thousands(run.registrations as f64),
                    run.seconds,
                    ms(run.percentile(0.50)),
                    ms(run.percentile(0.95)),
                    ms(run.latencies.last().copied().unwrap_or_default()),
                    run.too_many_requests,
                    run.unavailable,
                    run.reconnects,
                    match &run.exactly_once {
                        Ok(check) => check.clone(),
                        Err(problem) => format!("NOT EXACTLY ONCE: {problem}"),
                    }
                ),
                &baseline,
                budget,
                Some(run.exactly_once.is_ok()),
            );
            lines.peak(
                run.peak_rss_kib,
                None,
                &format!("{name}, {} phones at once", fleet.phones),
            );
            lines.details.push(json!({
                "backend": name, "endpoints": endpoints, "phones": fleet.phones,
                "batch": fleet.batch, "registrations": run.registrations,
                "seconds": run.seconds, "per_second": run.rate(),
                "latency_ms": {
                    "p50": run.percentile(0.50).as_secs_f64() * 1000.0,
                    "p95": run.percentile(0.95).as_secs_f64() * 1000.0,
                    "max": run.latencies.last().map(|d| d.as_secs_f64() * 1000.0),
                },
                "status_429": run.too_many_requests, "status_503": run.unavailable,
                "reconnects": run.reconnects,
                "exactly_once": run.exactly_once.is_ok(),
                "one_phone_per_second": one_phone_rate,
            }));
        }
        Err(e) => lines.not_measured(&line, &format!("{e:#}"), &baseline, budget),
    }
}

/// Sends every submission to a fresh endpoint in batches of `batch` over one kept-alive
/// connection, one request after the other (as one phone does), and times it.
fn ingest(
    bench: &Bench,
    database_url: &str,
    env: &[(&str, &str)],
    submissions: &[domain::Submission],
    batch: usize,
) -> anyhow::Result<Run> {
    let endpoint = Endpoint::start(&bench.bin, database_url, &bench.dir, env)?;
    let mut client = Client::connect(&endpoint.addr)?;
    let token = endpoint.device_token("Petugas Bench", &mut client)?;
    let idle_rss_kib = endpoint.memory_kib("VmRSS");
    // Bodies are serialized before the clock starts: the client's cost is not the endpoint's.
    let bodies: Vec<String> = submissions
        .chunks(batch)
        .map(|chunk| {
            serde_json::to_string(&BatchRequest {
                registrations: chunk.to_vec(),
                health: None,
            })
            .expect("a batch serializes")
        })
        .collect();
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

/// A fresh database `lindungi_bench_<name>` on the PostgreSQL server behind `admin`; its URL.
async fn create_database(admin: &str, name: &str) -> anyhow::Result<String> {
    let database = format!("lindungi_bench_{name}");
    let mut conn = sqlx::PgConnection::connect(admin).await?;
    // The name is built here from constants and numbers: nothing outside reaches it.
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

/// `fsync on, synchronous_commit on`: what a PostgreSQL number is worth depends on it.
async fn durability_of(admin: &str) -> anyhow::Result<String> {
    let mut conn = sqlx::PgConnection::connect(admin).await?;
    let mut settings = Vec::new();
    for name in ["fsync", "synchronous_commit"] {
        let sql = format!("SHOW {name}");
        let (value,): (String,) = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .fetch_one(&mut conn)
            .await?;
        settings.push(format!("{name} {value}"));
    }
    conn.close().await?;
    Ok(settings.join(", "))
}

/// The machine's load averages (1, 5, 15 minutes) from /proc/loadavg: the machine is shared,
/// and a number means little without the load it was measured under.
fn load_average() -> Option<[f64; 3]> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    let mut fields = text.split_whitespace().map(|f| f.parse::<f64>().ok());
    Some([fields.next()??, fields.next()??, fields.next()??])
}
