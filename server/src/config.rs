//! Where the endpoint listens, which database it keeps, where the built app lives, and the
//! knobs of receiving: the coverage target, rate limits, the admin token, the proxy in front,
//! the cookies, the HTTP limits, the clock and how durably SQLite commits.

use std::{net::SocketAddr, path::PathBuf};

use crate::{limits::HttpLimits, proxy::ProxyRange};

/// Listening address used when none is given: loopback only, so a demo never opens a
/// port to the market's Wi-Fi by accident.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
/// An embedded SQLite file, created on first run: `run` needs nothing installed.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://lindungi.db";
/// Trunk's output folder.
pub const DEFAULT_DIST_DIR: &str = "dist";
/// Kota Mojokerto's micro-business actors to cover (the city's target, docs/domain.md §1).
pub const DEFAULT_TARGET: u32 = 32_051;
/// Days an enrollment code can be traded for a device token: long enough for an officer to
/// get the code on Monday and set up the phone at the market on Friday, short enough that a
/// code written on paper and lost stops working.
pub const DEFAULT_ENROLLMENT_DAYS: u32 = 7;
/// Days an admin token works (`create-admin-token --days`): a quarter, so a token handed to a
/// member of staff who has since left stops by itself, while the city renews them four times a
/// year rather than every week.
pub const DEFAULT_ADMIN_TOKEN_DAYS: u32 = 90;

/// A token bucket's size: `burst` requests at once, refilled at `per_second`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bucket {
    /// Requests that may arrive at once.
    pub burst: u32,
    /// Requests added back per second.
    pub per_second: f64,
}

/// The rate limits of the API, per device token and per client address.
///
/// Generous on purpose: a phone that comes back after days offline with 5,000 registrations
/// sends 10–25 batches in a row (plus retries), and a whole market may sit behind one
/// carrier-grade NAT address. A flood (a broken retry loop, a script) is what gets a 429.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateLimits {
    /// Per device or admin token (keyed by the token's hash).
    pub per_token: Bucket,
    /// Per client IP address (every API request, with or without a token).
    pub per_address: Bucket,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            per_token: Bucket {
                burst: 120,
                per_second: 5.0,
            },
            per_address: Bucket {
                burst: 600,
                per_second: 30.0,
            },
        }
    }
}

/// How SQLite makes a commit durable (`PRAGMA synchronous`, with the journal in WAL mode);
/// PostgreSQL keeps its own setting (`synchronous_commit`). See docs/durability.md.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SqliteSynchronous {
    /// The write-ahead log is flushed to disk at every commit: a batch answered `accepted`
    /// survives a power cut. The default.
    #[default]
    Full,
    /// The log is flushed only at checkpoints: faster, but a power cut can roll back batches
    /// already answered, whose registrations the phones have then dropped. For benchmarks.
    Normal,
}

impl std::fmt::Display for SqliteSynchronous {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Full => "full",
            Self::Normal => "normal",
        })
    }
}

impl std::str::FromStr for SqliteSynchronous {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "full" => Ok(Self::Full),
            "normal" => Ok(Self::Normal),
            _ => Err(format!(
                "{s:?} is not a SQLite synchronous setting: use full (the default) or normal"
            )),
        }
    }
}

/// Where "now" comes from: the system clock, or a fixed instant for tests (the rules of a
/// registration depend on "today").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Clock {
    /// The system clock.
    #[default]
    System,
    /// Always this instant (unix milliseconds).
    Fixed(i64),
}

impl Clock {
    /// Now, in unix milliseconds.
    pub fn now_millis(self) -> i64 {
        match self {
            Clock::System => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or_default(),
            Clock::Fixed(millis) => millis,
        }
    }

    /// Now, as a domain timestamp.
    pub fn now(self) -> domain::Timestamp {
        domain::Timestamp::from_unix_millis(self.now_millis())
            .unwrap_or_else(|_| domain::Timestamp::from_unix_millis(0).expect("1970 is valid"))
    }
}

/// Settings for one running endpoint.
#[derive(Clone, Debug)]
pub struct Config {
    /// Address to listen on.
    pub bind: SocketAddr,
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// Folder holding the built app (index.html and its hashed assets).
    pub dist_dir: PathBuf,
    /// How many registrations the city aims for (the stats compare against it).
    pub target: u32,
    /// Rate limits of the API.
    pub rate_limits: RateLimits,
    /// An admin token given by the environment (`LINDUNGI_ADMIN_TOKEN`), besides those made
    /// with `create-admin-token`.
    pub admin_token: Option<String>,
    /// Where "now" comes from.
    pub clock: Clock,
    /// The reverse proxies in front (`--trusted-proxy`): only from these addresses are
    /// `X-Forwarded-For` and `X-Forwarded-Proto` believed ([`crate::proxy`]).
    pub trusted_proxies: Vec<ProxyRange>,
    /// Whether the dashboard's cookies are `Secure` (sent by the browser over HTTPS only). On
    /// by default; `--insecure-cookies` turns it off for plain HTTP on loopback.
    pub secure_cookies: bool,
    /// Timeouts and caps of connections and requests.
    pub limits: HttpLimits,
    /// SQLite's commit durability; `Full` unless explicitly lowered.
    pub sqlite_synchronous: SqliteSynchronous,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bind: DEFAULT_BIND.parse().expect("a valid address"),
            database_url: DEFAULT_DATABASE_URL.to_owned(),
            dist_dir: DEFAULT_DIST_DIR.into(),
            target: DEFAULT_TARGET,
            rate_limits: RateLimits::default(),
            admin_token: None,
            clock: Clock::System,
            trusted_proxies: Vec::new(),
            secure_cookies: true,
            limits: HttpLimits::default(),
            sqlite_synchronous: SqliteSynchronous::Full,
        }
    }
}
