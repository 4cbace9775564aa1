//! The database: SQLite in a local file by default, PostgreSQL when `DATABASE_URL` names
//! one. Both go through sqlx's `Any` driver so each query is written once; the
//! migrations are kept per backend because their DDL differs.

use std::{str::FromStr, sync::Arc};

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};

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
    /// Opens (creating an SQLite file if needed) and migrates the database, with SQLite
    /// committing at `synchronous = FULL`.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        Self::connect_with(url, SqliteSynchronous::Full).await
    }

    /// As [`Db::connect`], with SQLite's commit durability as given (PostgreSQL ignores it).
    pub async fn connect_with(url: &str, synchronous: SqliteSynchronous) -> anyhow::Result<Self> {
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
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
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
        let db = Self {
            pool,
            backend,
            batch_turn: Arc::default(),
        };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        match self.backend {
            Backend::Sqlite => {
                sqlx::migrate!("./migrations/sqlite")
                    .run(&self.pool)
                    .await?
            }
            Backend::Postgres => {
                sqlx::migrate!("./migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }
}

impl FromStr for Backend {
    type Err = anyhow::Error;
    fn from_str(url: &str) -> anyhow::Result<Self> {
        Self::of(url)
    }
}
