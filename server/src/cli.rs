//! The command line of the endpoint binary: serve (the default), and the city's chores —
//! migrations, backups, officers, enrollment codes, officers' areas, revocations, admin tokens,
//! the roster, the OpenAPI document.
//!
//! Only `migrate` changes the database's schema (and `serve` on SQLite, where one process owns
//! the file); every other command refuses a database whose schema it does not know, saying to
//! run `migrate` — so a newer `create-officer` never migrates production under older servers.

use std::{net::SocketAddr, path::PathBuf};

use clap::{Parser, Subcommand};

use domain::wire::worklist::Area;

use crate::{
    AppState,
    config::{
        Bucket, Clock, Config, DEFAULT_ADMIN_TOKEN_DAYS, DEFAULT_BIND, DEFAULT_DATABASE_URL,
        DEFAULT_DIST_DIR, DEFAULT_ENROLLMENT_DAYS, DEFAULT_TARGET, RateLimits, SqliteSynchronous,
    },
    db::{Backend, Db, Schema},
    limits::{HttpLimits, MAX_CONCURRENT_REQUESTS, MAX_CONNECTIONS},
    officers,
    proxy::ProxyRange,
};

/// Lindungi's city endpoint.
#[derive(Parser, Debug)]
#[command(version, about)]
pub struct Cli {
    /// `sqlite://FILE` (created if missing) or `postgres://…`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    database_url: String,
    #[command(subcommand)]
    command: Option<Command>,
}

/// Serving options.
#[derive(clap::Args, Debug)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "LINDUNGI_BIND", default_value = DEFAULT_BIND)]
    bind: SocketAddr,
    /// Folder holding the built app.
    #[arg(long, env = "LINDUNGI_DIST", default_value = DEFAULT_DIST_DIR)]
    dist: PathBuf,
    /// Registrations the city aims for (the stats compare against it).
    #[arg(long, env = "LINDUNGI_TARGET", default_value_t = DEFAULT_TARGET)]
    target: u32,
    /// An admin token accepted besides those made with `create-admin-token`.
    #[arg(long, env = "LINDUNGI_ADMIN_TOKEN", hide_env_values = true)]
    admin_token: Option<String>,
    /// Requests a device or admin token may send at once.
    #[arg(long, env = "LINDUNGI_RATE_TOKEN_BURST", default_value_t = RateLimits::default().per_token.burst)]
    rate_token_burst: u32,
    /// Requests per second a token's allowance refills by.
    #[arg(long, env = "LINDUNGI_RATE_TOKEN_PER_SEC", default_value_t = RateLimits::default().per_token.per_second)]
    rate_token_per_sec: f64,
    /// Requests one client address may send at once.
    #[arg(long, env = "LINDUNGI_RATE_ADDRESS_BURST", default_value_t = RateLimits::default().per_address.burst)]
    rate_address_burst: u32,
    /// Requests per second an address's allowance refills by.
    #[arg(long, env = "LINDUNGI_RATE_ADDRESS_PER_SEC", default_value_t = RateLimits::default().per_address.per_second)]
    rate_address_per_sec: f64,
    /// Addresses or networks of the reverse proxy in front (e.g. 127.0.0.1 for Caddy on the
    /// same machine): only from these are X-Forwarded-For and X-Forwarded-Proto believed.
    /// Repeat the flag, or separate with commas.
    #[arg(
        long = "trusted-proxy",
        env = "LINDUNGI_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    trusted_proxies: Vec<ProxyRange>,
    /// Dashboard cookies without `Secure`, for plain HTTP on loopback with a browser that
    /// refuses Secure cookies there (Chromium accepts them on 127.0.0.1 and localhost).
    /// Refused unless --bind is a loopback address.
    #[arg(long, env = "LINDUNGI_INSECURE_COOKIES")]
    insecure_cookies: bool,
    /// Apply the migrations before serving. Needed on PostgreSQL, where several endpoint
    /// processes may share the database and `serve` never changes its schema by itself (run
    /// `lindungi-server migrate` once instead); on SQLite `serve` always migrates.
    #[arg(long)]
    migrate: bool,
    /// Connections open at once; more are answered 503.
    #[arg(long, env = "LINDUNGI_MAX_CONNECTIONS", default_value_t = MAX_CONNECTIONS)]
    max_connections: usize,
    /// Requests served at once; more are answered 503.
    #[arg(long, env = "LINDUNGI_MAX_REQUESTS", default_value_t = MAX_CONCURRENT_REQUESTS)]
    max_requests: usize,
    /// SQLite only: `full` (the default) flushes each batch to disk before it is answered;
    /// `normal` trades that durability for speed (a power cut can lose batches already
    /// answered) and is meant for benchmarks. See docs/durability.md.
    #[arg(long, env = "LINDUNGI_SQLITE_SYNCHRONOUS", default_value_t = SqliteSynchronous::Full)]
    sqlite_synchronous: SqliteSynchronous,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the API and the built app (the default).
    Serve(ServeArgs),
    /// Apply the database migrations this version has (once per upgrade, before restarting
    /// the endpoints; back the database up first).
    Migrate,
    /// Copy the SQLite database to FILE while the endpoint serves (on PostgreSQL, says how to
    /// use pg_dump instead).
    Backup {
        /// The copy to write; it must not exist yet.
        file: PathBuf,
    },
    /// Create an officer and print a one-time enrollment code for their phone.
    CreateOfficer {
        /// The officer's name, as the city's staff will see it.
        #[arg(long)]
        name: String,
        /// Days the code can be used.
        #[arg(long, default_value_t = DEFAULT_ENROLLMENT_DAYS)]
        days: u32,
        /// If an officer with this name exists, give them a fresh code instead (their earlier
        /// unused codes stop working).
        #[arg(long)]
        reuse: bool,
    },
    /// Revoke a device's token (its registrations already received stay).
    RevokeDevice {
        /// The device's id.
        id: i64,
    },
    /// Revoke an officer, all their devices and unused codes (registrations stay).
    RevokeOfficer {
        /// The officer's id.
        id: i64,
    },
    /// Create an admin token for the city's staff (dashboard, stats, export) and print it once.
    CreateAdminToken {
        /// What the token is for; an earlier token with the same label is revoked.
        #[arg(long, default_value = "admin")]
        label: String,
        /// Days the token works; after that it is refused, saying it expired.
        #[arg(long, default_value_t = DEFAULT_ADMIN_TOKEN_DAYS)]
        days: u32,
    },
    /// Revoke the admin token with this label (its dashboard sessions end with it).
    RevokeAdminToken {
        /// The token's label.
        #[arg(long)]
        label: String,
    },
    /// Replace the city's roster of known micro-business actors with a CSV file: all rows or
    /// none (a file with any bad row is refused with a report of every bad row).
    ImportRoster {
        /// A CSV file (`,` or `;` separated, UTF-8) whose header names the columns nik, nama,
        /// kelurahan and jenis_usaha (other spellings and extra columns are accepted).
        file: PathBuf,
    },
    /// Set the area an officer works, which decides what their phones' worklist holds. The new
    /// area replaces the old one. Exactly one of --kelurahan, --whole-city, --none.
    #[command(group(clap::ArgGroup::new("area").required(true).args(["kelurahan", "whole_city", "none"])))]
    AssignOfficer {
        /// The officer's id (printed by create-officer).
        id: i64,
        /// Kelurahan by name or code, separated by commas: `Kauman,Miji` or
        /// `35.76.01.1004,35.76.03.1002` (`Prajurit Kulon` and `Prajuritkulon` both work).
        #[arg(long)]
        kelurahan: Option<String>,
        /// No kelurahan, and the whole city's list on their phones (32,051 people at most).
        #[arg(long)]
        whole_city: bool,
        /// No area: their phones' list is empty (the app says why) until one is assigned.
        #[arg(long)]
        none: bool,
    },
    /// Print the OpenAPI document of the API.
    Openapi,
}

impl Cli {
    /// Carries out the command.
    pub async fn run(self) -> anyhow::Result<()> {
        let command = self.command.unwrap_or_else(|| {
            // No subcommand: serve with the defaults (and the environment).
            let Cli { command, .. } = Cli::parse_from(["lindungi-server", "serve"]);
            command.expect("serve parses")
        });
        let now = || Clock::System.now_millis();
        match command {
            Command::Serve(args) => serve(self.database_url, args).await,
            Command::Migrate => {
                let db = Db::open(&self.database_url).await?;
                let applied = db.migrate().await?;
                if applied.is_empty() {
                    println!("The database is up to date; no migration applied.");
                } else {
                    let list: Vec<String> = applied.iter().map(i64::to_string).collect();
                    println!("Migrations applied: {}.", list.join(", "));
                }
                Ok(())
            }
            Command::Backup { file } => {
                // Any schema: a backup is taken before an upgrade as well as after it.
                let db = Db::open(&self.database_url).await?;
                let bytes = crate::backup::backup(&db, &file).await?;
                println!("Backup written: {} ({bytes} bytes).", file.display());
                Ok(())
            }
            Command::CreateOfficer { name, days, reuse } => {
                let db = open_current(&self.database_url).await?;
                let officer = officers::create_officer(&db, &name, days, reuse, now()).await?;
                let until = domain::Timestamp::from_unix_millis(officer.expires_at)?;
                println!("Officer {} ({})", officer.officer_id, name.trim());
                println!(
                    "Enrollment code: {}  (once, until {} UTC)",
                    crate::auth::display_code(&officer.code),
                    until
                );
                Ok(())
            }
            Command::RevokeDevice { id } => {
                let db = open_current(&self.database_url).await?;
                if officers::revoke_device(&db, id, now()).await? {
                    println!("Device {id} revoked.");
                    Ok(())
                } else {
                    anyhow::bail!("no active device {id}")
                }
            }
            Command::RevokeOfficer { id } => {
                let db = open_current(&self.database_url).await?;
                if officers::revoke_officer(&db, id, now()).await? {
                    println!("Officer {id} and their devices revoked.");
                    Ok(())
                } else {
                    anyhow::bail!("no active officer {id}")
                }
            }
            Command::CreateAdminToken { label, days } => {
                let db = open_current(&self.database_url).await?;
                let made = officers::create_admin_token(&db, &label, days, now()).await?;
                println!(
                    "Admin token ({}): {}  (until {} UTC)",
                    label.trim(),
                    made.token,
                    domain::Timestamp::from_unix_millis(made.expires_at)?
                );
                Ok(())
            }
            Command::RevokeAdminToken { label } => {
                let db = open_current(&self.database_url).await?;
                match officers::revoke_admin_tokens(&db, &label, now()).await? {
                    0 => anyhow::bail!("no live admin token labelled {:?}", label.trim()),
                    n => {
                        println!("Admin token {:?} revoked ({n}).", label.trim());
                        Ok(())
                    }
                }
            }
            Command::ImportRoster { file } => import_roster(&self.database_url, &file).await,
            Command::AssignOfficer {
                id,
                kelurahan,
                whole_city,
                none,
            } => {
                let area = match (kelurahan, whole_city, none) {
                    (Some(list), _, _) => Area::of_kelurahan(
                        crate::areas::parse_kelurahan_list(&list).map_err(anyhow::Error::msg)?,
                    ),
                    (None, true, _) => Area::WholeCity,
                    _ => Area::Unassigned,
                };
                let db = open_current(&self.database_url).await?;
                let by = crate::areas::AssignedBy {
                    actor: &crate::audit::Actor::Cli,
                    address: None,
                    now: now(),
                };
                if !crate::areas::assign(&db, id, &area, by).await? {
                    anyhow::bail!("no active officer {id}");
                }
                println!("Officer {id}: {}.", describe(&area));
                Ok(())
            }
            Command::Openapi => {
                println!("{}", crate::api::openapi::document_json());
                Ok(())
            }
        }
    }
}

/// Opens the database for a chore, refusing (with what to do) unless its schema is the one this
/// program knows.
async fn open_current(url: &str) -> anyhow::Result<Db> {
    let db = Db::open(url).await?;
    db.require_current_schema().await?;
    Ok(db)
}

/// `serve`: the configuration from the flags, the schema migrated (SQLite, or `--migrate`) or
/// checked, then serving until stopped.
async fn serve(database_url: String, args: ServeArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        !args.insecure_cookies || args.bind.ip().is_loopback(),
        "--insecure-cookies is for plain HTTP on loopback only (--bind 127.0.0.1:…): anywhere \
         else the dashboard must be reached over HTTPS, through a proxy (docs/deploy.md)"
    );
    anyhow::ensure!(
        args.max_connections > 0 && args.max_requests > 0,
        "--max-connections and --max-requests must be at least 1"
    );
    let config = Config {
        bind: args.bind,
        database_url,
        dist_dir: args.dist,
        target: args.target,
        rate_limits: RateLimits {
            per_token: Bucket {
                burst: args.rate_token_burst,
                per_second: args.rate_token_per_sec,
            },
            per_address: Bucket {
                burst: args.rate_address_burst,
                per_second: args.rate_address_per_sec,
            },
        },
        admin_token: args.admin_token.filter(|t| !t.is_empty()),
        clock: Clock::System,
        trusted_proxies: args.trusted_proxies,
        secure_cookies: !args.insecure_cookies,
        limits: HttpLimits {
            max_connections: args.max_connections,
            max_concurrent_requests: args.max_requests,
            ..HttpLimits::default()
        },
        sqlite_synchronous: args.sqlite_synchronous,
    };
    let db = Db::open_with(&config.database_url, config.sqlite_synchronous).await?;
    let schema = db.schema().await?;
    match schema {
        Schema::Current => {}
        Schema::Older { .. } if db.backend == Backend::Sqlite || args.migrate => {
            let applied: Vec<String> = db.migrate().await?.iter().map(i64::to_string).collect();
            tracing::info!(migrations = applied.join(","), "database migrated");
        }
        ref older @ Schema::Older { .. } => anyhow::bail!(
            "{}.\nserve does not migrate a PostgreSQL database by itself: several endpoint \
             processes may share it, and an upgrade must not change the schema under the ones \
             still running. Run `lindungi-server migrate` once, then start the endpoints (or \
             start one with --migrate).",
            older.refusal()
        ),
        other => anyhow::bail!("{}", other.refusal()),
    }
    if !config.bind.ip().is_loopback() && config.trusted_proxies.is_empty() {
        tracing::warn!(
            "listening beyond loopback without --trusted-proxy: the dashboard's cookies are \
             Secure, so reach it over HTTPS through a proxy (docs/deploy.md)"
        );
    }
    crate::serve(AppState::new(config, db)).await
}

/// Reads, checks and stores a roster file; the database is opened only for a file without a
/// bad row, so a refused file leaves it untouched.
async fn import_roster(database_url: &str, file: &std::path::Path) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let bytes =
        std::fs::read(file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
    let entries = match crate::roster::read(&bytes) {
        Ok(entries) => entries,
        Err(refusal) => {
            eprintln!("{refusal}");
            let rows = match &refusal {
                crate::roster::Refusal::BadRows(rows) => format!("{} bad rows", rows.len()),
                _ => "the file cannot be used".to_owned(),
            };
            anyhow::bail!("the roster was refused ({rows}); nothing was imported")
        }
    };
    let db = open_current(database_url).await?;
    let imported = crate::roster::replace(&db, &entries, Clock::System.now_millis()).await?;
    println!(
        "Roster loaded: {} entries, {} of them already registered ({:.2} s).",
        imported.entries,
        imported.registered,
        started.elapsed().as_secs_f64()
    );
    println!(
        "Changes for the officers' worklists: {} new, {} changed, {} removed.",
        imported.added, imported.changed, imported.removed
    );
    Ok(())
}

/// An area in a sentence, for the command's answer.
fn describe(area: &Area) -> String {
    match area {
        Area::Kelurahan { kelurahan } => {
            let names: Vec<&str> = kelurahan.iter().map(|k| k.name()).collect();
            format!("kelurahan {}", names.join(", "))
        }
        Area::WholeCity => "the whole city".to_owned(),
        Area::Unassigned => "no area (an empty worklist until one is assigned)".to_owned(),
    }
}
