//! `lindungi-server backup FILE`: a consistent copy of the database, taken while the endpoint
//! serves.
//!
//! On SQLite, `VACUUM INTO` writes the database as one read transaction sees it: every batch
//! answered before the copy began is in it (an answered batch is committed), none is half in
//! it, and writers carry on meanwhile (WAL). The copy is written beside the target under a
//! temporary name and renamed when whole, so a file named FILE is always a complete database.
//! Restoring is copying it back while the endpoint is stopped (README, `docs/deploy.md`).
//!
//! On PostgreSQL the server's own tool does this job better than the endpoint could (and
//! without a copy of the data passing through it): the command says to use `pg_dump`, and how.

use std::path::{Path, PathBuf};

use crate::db::{Backend, Db};

/// What `backup` says on PostgreSQL: how to take, and restore, a dump.
pub const POSTGRES_ADVICE: &str = "\
On PostgreSQL, back up with the server's own tool, while the endpoints keep serving:
    pg_dump --format=custom --file=lindungi-$(date +%F).dump \"$DATABASE_URL\"
and restore into an empty database with:
    pg_restore --no-owner --dbname=\"$DATABASE_URL\" lindungi-YYYY-MM-DD.dump
(docs/deploy.md has the daily timer that does this).";

/// Copies the SQLite database behind `db` to `target`, which must not exist yet; its size in
/// bytes. Refused on PostgreSQL with [`POSTGRES_ADVICE`].
pub async fn backup(db: &Db, target: &Path) -> anyhow::Result<u64> {
    if db.backend == Backend::Postgres {
        anyhow::bail!("the backup command copies SQLite databases only.\n{POSTGRES_ADVICE}");
    }
    anyhow::ensure!(
        !target.exists(),
        "{} exists already: name a new file (a backup never overwrites one)",
        target.display()
    );
    let partial = partial_name(target);
    // A leftover of an interrupted run is no backup; VACUUM INTO refuses to write over it.
    let _ = std::fs::remove_file(&partial);
    let path = partial
        .to_str()
        .ok_or_else(|| anyhow::anyhow!("the backup's path must be UTF-8"))?;
    sqlx::query("VACUUM INTO $1")
        .bind(path)
        .execute(&db.pool)
        .await
        .map_err(|e| anyhow::anyhow!("the copy could not be written to {path}: {e}"))?;
    // On disk before it takes its name: a power cut leaves either no FILE or a whole one.
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, target)?;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(std::fs::metadata(target)?.len())
}

/// `FILE.partial` beside `FILE`: the same folder, so the rename is atomic.
fn partial_name(target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}
