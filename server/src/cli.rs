//! The command line of the endpoint binary: serve (the default), and the city's chores —
//! officers, enrollment codes, revocations, admin tokens, the OpenAPI document.

use std::{net::SocketAddr, path::PathBuf};

use clap::{Parser, Subcommand};

use crate::{
    AppState,
    config::{
        Bucket, Clock, Config, DEFAULT_BIND, DEFAULT_DATABASE_URL, DEFAULT_DIST_DIR,
        DEFAULT_ENROLLMENT_DAYS, DEFAULT_TARGET, RateLimits, SqliteSynchronous,
    },
    db::Db,
    officers,
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
    /// Create an admin token for the city's staff (stats, export) and print it once.
    CreateAdminToken {
        /// What the token is for; an earlier token with the same label is revoked.
        #[arg(long, default_value = "admin")]
        label: String,
    },
    /// Replace the city's roster of known micro-business actors with a CSV file: all rows or
    /// none (a file with any bad row is refused with a report of every bad row).
    ImportRoster {
        /// A CSV file (`,` or `;` separated, UTF-8) whose header names the columns nik, nama,
        /// kelurahan and jenis_usaha (other spellings and extra columns are accepted).
        file: PathBuf,
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
            Command::Serve(args) => {
                let config = Config {
                    bind: args.bind,
                    database_url: self.database_url,
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
                    sqlite_synchronous: args.sqlite_synchronous,
                };
                crate::serve(AppState::start(config).await?).await
            }
            Command::CreateOfficer { name, days, reuse } => {
                let db = Db::connect(&self.database_url).await?;
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
                let db = Db::connect(&self.database_url).await?;
                if officers::revoke_device(&db, id, now()).await? {
                    println!("Device {id} revoked.");
                    Ok(())
                } else {
                    anyhow::bail!("no active device {id}")
                }
            }
            Command::RevokeOfficer { id } => {
                let db = Db::connect(&self.database_url).await?;
                if officers::revoke_officer(&db, id, now()).await? {
                    println!("Officer {id} and their devices revoked.");
                    Ok(())
                } else {
                    anyhow::bail!("no active officer {id}")
                }
            }
            Command::CreateAdminToken { label } => {
                let db = Db::connect(&self.database_url).await?;
                let token = officers::create_admin_token(&db, &label, now()).await?;
                println!("Admin token ({}): {token}", label.trim());
                Ok(())
            }
            Command::ImportRoster { file } => import_roster(&self.database_url, &file).await,
            Command::Openapi => {
                println!("{}", crate::api::openapi::document_json());
                Ok(())
            }
        }
    }
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
    let db = Db::connect(database_url).await?;
    let imported = crate::roster::replace(&db, &entries).await?;
    println!(
        "Roster loaded: {} entries, {} of them already registered ({:.2} s).",
        imported.entries,
        imported.registered,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
