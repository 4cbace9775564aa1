//! The database: SQLite in a local file by default, PostgreSQL when `DATABASE_URL` names
//! one. Both go through sqlx's `Any` driver so each query is written once; the
//! migrations are kept per backend because their DDL differs.
//!
//! Opening a database never changes its schema: `lindungi-server migrate` does (or `serve` on
//! SQLite, where one process owns the file). Everything else checks that the schema is the one
//! this program was built for ([`Db::require_current_schema`]) and refuses otherwise, so an
//! older or newer binary never writes to a database it does not understand.

use std::{str::FromStr, sync::Arc, time::Duration};

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};

/// How long a request waits for a free connection before it is answered 503 ("try again
/// later"): every connection busy for this long means the database is stuck or overwhelmed,
/// and a phone retrying in a minute does better than a request queued without end.
pub const POOL_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// PostgreSQL settings of every connection the endpoint opens (`SET` in `after_connect`), so
/// that nothing the database does can hold a request, a connection or a lock for long.
///
/// - `statement_timeout`: the longest statement the endpoint runs takes well under a second on
///   the city's data (importing the 32,051-row roster: 0.15 s); one still running after 30 s is
///   stuck, and its request has long been answered. `migrate` lifts it: a migration over a big
///   table may take longer.
/// - `lock_timeout`: batch writers queue on the one `ingest_lock` row, each holding it for a
///   fraction of a second; waiting 10 s means another process holds it and is stuck, so the
///   batch gives up (503) and the phone sends it again later.
/// - `idle_in_transaction_session_timeout`: a process that froze with a transaction open would
///   hold the ingest lock and stop every other endpoint's batches; after 60 s PostgreSQL ends its
///   session, rolling the transaction back.
pub const POSTGRES_SESSION: [&str; 3] = [
    "SET statement_timeout = '30s'",
    "SET lock_timeout = '10s'",
    "SET idle_in_transaction_session_timeout = '60s'",
];

use crate::config::SqliteSynchronous;

/// Which database engine is behind the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// A local file; the default.
    Sqlite,
    /// A server, for more than one machine.
    Postgres,
}

impl Backend {
    fn of(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Self::Postgres)
        } else {
            anyhow::bail!("DATABASE_URL must start with sqlite: or postgres:")
        }
    }

    /// The name shown by the health check.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }

    /// The migrations of this backend, as built into the program.
    fn migrator(self) -> Migrator {
        match self {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
        }
    }
}

/// A pool of connections and the backend it talks to.
#[derive(Clone, Debug)]
pub struct Db {
    /// The connections.
    pub pool: AnyPool,
    /// SQLite or PostgreSQL.
    pub backend: Backend,
    /// Taken by a batch before it asks the database for the batch lock (`ingest`): batches of
    /// this process then queue here and are woken the moment the one before commits, instead of
    /// each holding a pooled connection while it waits — and, on SQLite, polling for the write
    /// lock in the busy handler's growing sleeps while the database sits idle.
    pub batch_turn: Arc<tokio::sync::Mutex<()>>,
}

impl Db {
    /// Opens (creating an SQLite file if needed) and migrates the database, SQLite committing
    /// at `synchronous = FULL`: for tests and benchmarks, which make their own. The endpoint's
    /// commands [`open`](Db::open) instead.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        Self::connect_with(url, SqliteSynchronous::Full).await
    }

    /// As [`Db::connect`], with SQLite's commit durability as given (PostgreSQL ignores it).
    pub async fn connect_with(url: &str, synchronous: SqliteSynchronous) -> anyhow::Result<Self> {
        let db = Self::open_with(url, synchronous).await?;
        db.migrate().await?;
        Ok(db)
    }

    /// Opens the database (creating an SQLite file if needed) without touching its schema,
    /// SQLite committing at `synchronous = FULL`.
    pub async fn open(url: &str) -> anyhow::Result<Self> {
        Self::open_with(url, SqliteSynchronous::Full).await
    }

    /// As [`Db::open`], with SQLite's commit durability as given (PostgreSQL ignores it).
    pub async fn open_with(url: &str, synchronous: SqliteSynchronous) -> anyhow::Result<Self> {
        install_default_drivers();
        let backend = Backend::of(url)?;
        let url = match backend {
            // rwc: create the file on first run.
            Backend::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_owned(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                // SQLite has one writer; a few readers are enough.
                Backend::Sqlite => 4,
                Backend::Postgres => 16,
            })
            .acquire_timeout(POOL_ACQUIRE_TIMEOUT)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Postgres {
                        for setting in POSTGRES_SESSION {
                            conn.execute(setting).await?;
                        }
                    }

                    if backend == Backend::Sqlite {
                        // WAL lets readers work while a batch is written; the busy timeout makes
                        // a second writer wait its turn instead of failing. FULL flushes the
                        // WAL at every commit, so a batch answered `accepted` survives a power
                        // cut (docs/durability.md); NORMAL only where explicitly asked for.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute(match synchronous {
                            SqliteSynchronous::Full => "PRAGMA synchronous = FULL",
                            SqliteSynchronous::Normal => "PRAGMA synchronous = NORMAL",
                        })
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        if backend == Backend::Sqlite && synchronous == SqliteSynchronous::Normal {
            tracing::warn!(
                "SQLite commits with synchronous = NORMAL: a power cut can lose batches already \
                 answered as accepted (docs/durability.md)"
            );
        }
        Ok(Self {
            pool,
            backend,
            batch_turn: Arc::default(),
        })
    }

    /// Applies the migrations this program has and the database lacks; the versions applied.
    /// Refuses a database migrated by a newer program, or one whose applied migrations differ
    /// from this program's.
    pub async fn migrate(&self) -> anyhow::Result<Vec<i64>> {
        let before = self.applied().await?;
        let mut conn = self.pool.acquire().await?;
        if self.backend == Backend::Postgres {
            // A migration over a large table may run longer than a request's statement; the
            // lock timeout stays, so a migration waiting behind a busy endpoint gives up rather
            // than stopping every query queued behind it.
            conn.execute("SET statement_timeout = 0").await?;
            // This connection's settings differ from the pool's: it is not handed out again.
            conn.close_on_drop();
        }
        self.backend
            .migrator()
            .run(&mut *conn)
            .await
            .map_err(|e| anyhow::anyhow!("the migrations could not be applied: {e}"))?;
        drop(conn);
        Ok(self
            .backend
            .migrator()
            .iter()
            .map(|m| m.version)
            .filter(|v| !before.iter().any(|(b, _)| b == v))
            .collect())
    }

    /// The versions and checksums of the migrations applied to this database (none if it was
    /// never migrated).
    async fn applied(&self) -> anyhow::Result<Vec<(i64, Vec<u8>)>> {
        let exists = match self.backend {
            Backend::Sqlite => {
                "SELECT COUNT(*) FROM sqlite_master \
                                WHERE type = 'table' AND name = '_sqlx_migrations'"
            }
            Backend::Postgres => {
                "SELECT COUNT(*) FROM information_schema.tables \
                                  WHERE table_schema = current_schema() \
                                  AND table_name = '_sqlx_migrations'"
            }
        };
        let (tables,): (i64,) = sqlx::query_as(exists).fetch_one(&self.pool).await?;
        if tables == 0 {
            return Ok(Vec::new());
        }
        // `success` as a number: the Any driver reads no SQLite BOOLEAN.
        let rows: Vec<(i64, Vec<u8>, i64)> = sqlx::query_as(
            "SELECT version, checksum, CASE WHEN success THEN 1 ELSE 0 END \
             FROM _sqlx_migrations ORDER BY version",
        )
        .fetch_all(&self.pool)
        .await?;
        if let Some((version, _, _)) = rows.iter().find(|(_, _, success)| *success == 0) {
            anyhow::bail!(
                "migration {version} failed part-way on this database: restore the backup taken \
                 before the upgrade, then run `lindungi-server migrate` again"
            );
        }
        Ok(rows.into_iter().map(|(v, c, _)| (v, c)).collect())
    }

    /// How this database's schema stands against the migrations built into this program.
    pub async fn schema(&self) -> anyhow::Result<Schema> {
        let applied = self.applied().await?;
        let migrator = self.backend.migrator();
        let known: Vec<(i64, &[u8])> = migrator
            .iter()
            .filter(|m| !m.migration_type.is_down_migration())
            .map(|m| (m.version, m.checksum.as_ref()))
            .collect();
        let unknown: Vec<i64> = applied
            .iter()
            .filter(|(v, _)| !known.iter().any(|(k, _)| k == v))
            .map(|(v, _)| *v)
            .collect();
        if !unknown.is_empty() {
            return Ok(Schema::Newer { unknown });
        }
        if let Some((version, _)) = applied
            .iter()
            .find(|(v, c)| known.iter().any(|(k, kc)| k == v && *kc != c.as_slice()))
        {
            return Ok(Schema::Changed { version: *version });
        }
        let missing: Vec<i64> = known
            .iter()
            .filter(|(k, _)| !applied.iter().any(|(v, _)| v == k))
            .map(|(k, _)| *k)
            .collect();
        Ok(if missing.is_empty() {
            Schema::Current
        } else {
            Schema::Older { missing }
        })
    }

    /// Refuses, with what to do, unless the schema is exactly the one this program knows.
    pub async fn require_current_schema(&self) -> anyhow::Result<()> {
        match self.schema().await? {
            Schema::Current => Ok(()),
            other => Err(anyhow::anyhow!("{}", other.refusal())),
        }
    }
}

/// A database's schema against the migrations built into this program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Schema {
    /// Every migration of this program is applied, and no other.
    Current,
    /// Migrations of this program are not applied yet (all of them on a new database).
    Older {
        /// Their versions.
        missing: Vec<i64>,
    },
    /// Migrations this program does not have were applied: a newer version migrated it.
    Newer {
        /// Their versions.
        unknown: Vec<i64>,
    },
    /// A migration applied here is not the one this program has under the same number.
    Changed {
        /// Its version.
        version: i64,
    },
}

impl Schema {
    /// Why a command refuses to work on this schema, and what to do (empty for
    /// [`Schema::Current`]).
    pub fn refusal(&self) -> String {
        let list = |versions: &[i64]| {
            versions
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Schema::Current => String::new(),
            Schema::Older { missing } => format!(
                "the database's schema is older than this program (migrations {} are not \
                 applied): run `lindungi-server migrate` first (back the database up before)",
                list(missing)
            ),
            Schema::Newer { unknown } => format!(
                "the database was migrated by a newer version of lindungi-server (migrations {} \
                 are unknown to this one): run the newer version",
                list(unknown)
            ),
            Schema::Changed { version } => format!(
                "migration {version} applied to this database differs from this program's: it was \
                 migrated by another build; run the build that migrated it"
            ),
        }
    }
}

impl FromStr for Backend {
    type Err = anyhow::Error;
    fn from_str(url: &str) -> anyhow::Result<Self> {
        Self::of(url)
    }
}
