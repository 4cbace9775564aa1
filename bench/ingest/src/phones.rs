//! Many phones at once: every simulated phone enrolled with a device token of its own, each
//! sending its batches one after the other as the app does, all of them at the same time,
//! against one endpoint or several endpoint processes sharing one database. Then the city is
//! checked: every registration kept exactly once, receipts without gaps, and each receipt a
//! phone was given is the one stored.

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use domain::Submission;
use domain::wire::{BATCH_PATH, BatchRequest, BatchResponse, Outcome};
use lindungi_server::db::Db;

use crate::endpoint::Endpoint;
use crate::http::Client;

/// How often one batch may be refused (429, 503, a dropped connection) before the run gives
/// up: a phone backs off and retries, but a benchmark must end.
const MAX_TRIES: u32 = 20;
/// The longest pause a `Retry-After` gets here.
const MAX_PAUSE: Duration = Duration::from_secs(10);

/// The shape of a run.
#[derive(Clone, Copy)]
pub struct Fleet {
    pub phones: usize,
    pub batch: usize,
    pub batches_per_phone: usize,
}

impl Fleet {
    pub fn registrations(self) -> usize {
        self.phones * self.batch * self.batches_per_phone
    }
}

/// What a run measured.
pub struct FleetRun {
    pub registrations: usize,
    pub seconds: f64,
    /// Per batch, from its first send to its 200 (pauses for retries included), sorted.
    pub latencies: Vec<Duration>,
    pub too_many_requests: usize,
    pub unavailable: usize,
    /// Batches sent again after a dropped connection.
    pub reconnects: usize,
    /// The city's check; `Err` says what is wrong.
    pub exactly_once: Result<String, String>,
    pub peak_rss_kib: Option<u64>,
}

impl FleetRun {
    pub fn rate(&self) -> f64 {
        self.registrations as f64 / self.seconds
    }

    /// The latency below which `share` of the batches fall.
    pub fn percentile(&self, share: f64) -> Duration {
        let last = self.latencies.len().saturating_sub(1);
        let index = ((last as f64) * share).round() as usize;
        self.latencies.get(index).copied().unwrap_or_default()
    }
}

/// One phone's part of a run.
#[derive(Default)]
struct PhoneRun {
    latencies: Vec<Duration>,
    too_many_requests: usize,
    unavailable: usize,
    reconnects: usize,
    /// Registration id → receipt, as the endpoint answered.
    receipts: Vec<(String, String)>,
}

/// The loopback address phone `i` sends from: 127.0.1.1, 127.0.1.2, …
fn phone_address(i: usize) -> IpAddr {
    let [a, b] = u16::try_from(256 + i + 1).unwrap_or(u16::MAX).to_be_bytes();
    IpAddr::V4(Ipv4Addr::new(127, 0, a, b))
}

/// Starts `endpoints` endpoint processes on the database at `database_url` (with the default
/// settings: rate limits as in the field), enrolls the phones across them, sends
/// `submissions` from all phones at once, and checks what the city holds.
pub fn run(
    bin: &Path,
    database_url: &str,
    dir: &Path,
    endpoints: usize,
    fleet: Fleet,
    submissions: &[Submission],
    runtime: &tokio::runtime::Runtime,
) -> anyhow::Result<FleetRun> {
    let total = fleet.registrations();
    let submissions = submissions
        .get(..total)
        .with_context(|| format!("only {} registrations were generated", submissions.len()))?;
    // One after the other: the first migrates the fresh database (`--migrate`), the next finds
    // it ready.
    let endpoints: Vec<Endpoint> = (0..endpoints)
        .map(|_| Endpoint::start(bin, database_url, dir, &[]))
        .collect::<anyhow::Result<_>>()?;

    // Each phone: its endpoint, its connection from its own address, its token, its bodies
    // (serialized before the clock starts: the client's cost is not the endpoint's).
    let mut phones = Vec::with_capacity(fleet.phones);
    let per_phone = fleet.batch * fleet.batches_per_phone;
    for (i, own) in submissions.chunks(per_phone).enumerate() {
        let endpoint = &endpoints[i % endpoints.len()];
        let source = phone_address(i);
        let mut client = Client::connect_from(&endpoint.addr, source, runtime.handle())?;
        let token = endpoint.device_token(&format!("Petugas Bench {:02}", i + 1), &mut client)?;
        let bodies: Vec<String> = own
            .chunks(fleet.batch)
            .map(|chunk| {
                serde_json::to_string(&BatchRequest {
                    registrations: chunk.to_vec(),
                    health: None,
                })
                .expect("a batch serializes")
            })
            .collect();
        phones.push((endpoint.addr.clone(), source, client, token, bodies));
    }

    let start = Arc::new(Barrier::new(phones.len() + 1));
    let threads: Vec<_> = phones
        .into_iter()
        .map(|(addr, source, client, token, bodies)| {
            let start = start.clone();
            let runtime = runtime.handle().clone();
            std::thread::spawn(move || {
                start.wait();
                send_all(&addr, source, client, &token, &bodies, &runtime)
            })
        })
        .collect();
    start.wait();
    let started = Instant::now();
    let mut runs = Vec::with_capacity(threads.len());
    for thread in threads {
        runs.push(
            thread
                .join()
                .map_err(|_| anyhow::anyhow!("a phone's thread panicked"))??,
        );
    }
    let seconds = started.elapsed().as_secs_f64();
    let peak_rss_kib = endpoints.iter().filter_map(|e| e.memory_kib("VmHWM")).max();
    for endpoint in endpoints {
        endpoint.stop();
    }

    let mut latencies: Vec<Duration> = runs.iter().flat_map(|r| r.latencies.clone()).collect();
    latencies.sort();
    let answered: HashMap<String, String> = runs
        .iter()
        .flat_map(|r| r.receipts.iter().cloned())
        .collect();
    let exactly_once = runtime.block_on(check_city(database_url, submissions, &answered))?;
    Ok(FleetRun {
        registrations: total,
        seconds,
        latencies,
        too_many_requests: runs.iter().map(|r| r.too_many_requests).sum(),
        unavailable: runs.iter().map(|r| r.unavailable).sum(),
        reconnects: runs.iter().map(|r| r.reconnects).sum(),
        exactly_once,
        peak_rss_kib,
    })
}

/// One phone sending its batches in order, retrying a refused one as the app does (after
/// `Retry-After` for a 429, after a pause for a 503 or a dropped connection).
fn send_all(
    addr: &str,
    source: IpAddr,
    mut client: Client,
    token: &str,
    bodies: &[String],
    runtime: &tokio::runtime::Handle,
) -> anyhow::Result<PhoneRun> {
    let mut run = PhoneRun::default();
    for body in bodies {
        let first_sent = Instant::now();
        let mut tries = 0;
        let answer = loop {
            tries += 1;
            if tries > MAX_TRIES {
                bail!("a batch was refused {MAX_TRIES} times");
            }
            let response = match client.request("POST", BATCH_PATH, Some(token), Some(body)) {
                Ok(response) => response,
                Err(_) => {
                    // The connection dropped: a new one, and the same batch again (safe: a
                    // retry is answered with the first receipts).
                    run.reconnects += 1;
                    std::thread::sleep(Duration::from_millis(100));
                    client = Client::connect_from(addr, source, runtime)?;
                    continue;
                }
            };
            match response.status {
                200 => break response.body,
                429 => {
                    run.too_many_requests += 1;
                    let pause = Duration::from_secs(response.retry_after.unwrap_or(1));
                    std::thread::sleep(pause.min(MAX_PAUSE));
                }
                503 => {
                    run.unavailable += 1;
                    std::thread::sleep(Duration::from_millis(500));
                }
                status => bail!("a batch was answered {status}: {}", response.body),
            }
        };
        run.latencies.push(first_sent.elapsed());
        let response: BatchResponse = serde_json::from_str(&answer)?;
        for result in response.results {
            match result.outcome {
                Outcome::Accepted { receipt } | Outcome::AlreadyReceived { receipt } => {
                    run.receipts.push((result.id, receipt.to_string()));
                }
                other => bail!("a registration was answered {other:?}"),
            }
        }
    }
    Ok(run)
}

/// Whether the city holds each registration sent exactly once, under the receipt its phone
/// was given, with receipts 1…n of the year and no gap.
async fn check_city(
    database_url: &str,
    sent: &[Submission],
    answered: &HashMap<String, String>,
) -> anyhow::Result<Result<String, String>> {
    let db = Db::connect(database_url).await?;
    let rows: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT id, receipt, receipt_sequence FROM registrations")
            .fetch_all(&db.pool)
            .await?;
    db.pool.close().await;
    let n = sent.len();
    let stored: HashMap<&str, &str> = rows
        .iter()
        .map(|(id, receipt, _)| (id.as_str(), receipt.as_str()))
        .collect();
    let receipts: HashSet<&str> = rows
        .iter()
        .map(|(_, receipt, _)| receipt.as_str())
        .collect();
    let sequences: HashSet<i64> = rows.iter().map(|(_, _, sequence)| *sequence).collect();
    let problem = if rows.len() != n {
        Some(format!("{} rows for {n} registrations sent", rows.len()))
    } else if receipts.len() != n {
        Some(format!("{} distinct receipts for {n} rows", receipts.len()))
    } else if (1..=n as i64).any(|s| !sequences.contains(&s)) {
        Some(format!("receipt numbers are not exactly 1–{n}"))
    } else if let Some(missing) = sent.iter().find(|s| !stored.contains_key(s.id.as_str())) {
        Some(format!("registration {} is not stored", missing.id))
    } else if answered.len() != n {
        Some(format!(
            "{} of {n} registrations were answered",
            answered.len()
        ))
    } else if answered
        .iter()
        .any(|(id, receipt)| stored.get(id.as_str()) != Some(&receipt.as_str()))
    {
        Some("a phone holds a receipt the city does not".to_owned())
    } else {
        None
    };
    Ok(match problem {
        Some(problem) => Err(problem),
        None => Ok(format!(
            "{n} rows, {n} distinct receipts numbered 1–{n}, each as answered"
        )),
    })
}
