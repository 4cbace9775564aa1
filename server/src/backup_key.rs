//! The city's key pair for backups (`docs/security.md`).
//!
//! Every phone wraps its data key with the public half, so a backup file opens with the private
//! half and nothing else — not the officer's PIN, not the phone. The private key lives in a file
//! readable only by the endpoint's user (mode 0600), never in the database: a copy of the
//! database (a nightly dump) does not open the phones' backups. The first `lindungi-server
//! migrate` makes the pair (or `serve` where it migrates: SQLite, or `--migrate`).
//!
//! The database records the public half of the city's current key (`backup_keys`), never the
//! private one. That record is what every endpoint process publishes — serving needs no private
//! key, so on PostgreSQL the key file need only be on the machine that imports backups — and what
//! a key file is checked against: `migrate` on a machine where the file is missing says where
//! the city's key is instead of making a second pair ([`ensure`]). A key lost or leaked for good
//! is replaced on purpose, with `replace-backup-key` ([`replace`]).
//!
//! The file is the key in PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), which `openssl pkey`
//! reads too. Losing it means the backups made for it can no longer be opened: back it up apart
//! from the database (docs/deploy.md).
//!
//! What a key opens — [`open_box`] with a key from [`CityKeyPair::agree`] — follows
//! `domain::backup`: ECDH on P-256 with the sender's ephemeral key, HKDF-SHA-256, AES-256-GCM.

use std::{
    io::Write,
    os::unix::fs::{OpenOptionsExt, PermissionsExt},
    path::{Path, PathBuf},
};

use aes_gcm::{
    Aes256Gcm, KeyInit, Nonce,
    aead::{Aead, Payload},
};
use base64::{Engine, engine::general_purpose::STANDARD};
use domain::{
    backup::{HKDF_SALT, NONCE_BYTES},
    wire::CityKey,
};
use hkdf::Hkdf;
use p256::{
    PublicKey, SecretKey,
    pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding},
};
use sha2::{Digest, Sha256};

use crate::{
    audit::{self, Actor, Event},
    db::Db,
};

/// The key file's name when no path is given: beside the SQLite file, or in the working
/// directory for PostgreSQL.
pub const DEFAULT_FILE_NAME: &str = "lindungi-backup-key.pem";

/// Permission bits the key file may have: read and write for its owner, nothing for anyone else.
pub const KEY_FILE_MODE: u32 = 0o600;

/// The city's key pair.
pub struct CityKeyPair {
    secret: SecretKey,
    public: CityKey,
}

impl std::fmt::Debug for CityKeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The private key is never printed.
        f.debug_struct("CityKeyPair")
            .field("key_id", &self.public.key_id)
            .finish_non_exhaustive()
    }
}

/// Why a box does not open: the wrong key, or a byte changed. Nothing more is said (an oracle
/// that told which would help no one but an attacker).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("does not open with this key (made for another key, or changed since it was made)")]
pub struct DoesNotOpen;

/// Where the key file is when no `--backup-key` is given: beside the SQLite database
/// (`sqlite://data/lindungi.db` → `data/lindungi-backup-key.pem`), else in the working directory.
pub fn default_path(database_url: &str) -> PathBuf {
    let file = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))
        .map(|rest| rest.split('?').next().unwrap_or(rest))
        .filter(|file| !file.is_empty() && !file.starts_with(':'));
    match file.and_then(|f| Path::new(f).parent()) {
        Some(dir) => dir.join(DEFAULT_FILE_NAME),
        None => PathBuf::from(DEFAULT_FILE_NAME),
    }
}

impl CityKeyPair {
    /// A new random key pair.
    pub fn generate() -> Self {
        loop {
            let mut bytes = [0u8; 32];
            getrandom::fill(&mut bytes).expect("the operating system's random source works");
            // All but about 2^-32 of random 32-byte strings are valid scalars.
            if let Ok(secret) = SecretKey::from_bytes(&bytes.into()) {
                return Self::from_secret(secret);
            }
        }
    }

    fn from_secret(secret: SecretKey) -> Self {
        let raw = secret.public_key().to_sec1_bytes();
        let digest = Sha256::digest(&raw);
        let key_id = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        CityKeyPair {
            public: CityKey {
                public_key: STANDARD.encode(&raw),
                key_id,
            },
            secret,
        }
    }

    /// Reads the key file at `path`; refuses one that others than its owner may read.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let metadata = std::fs::metadata(path)
            .map_err(|e| anyhow::anyhow!("cannot read the backup key {}: {e}", path.display()))?;
        let mode = metadata.permissions().mode() & 0o777;
        anyhow::ensure!(
            mode & 0o077 == 0,
            "the backup key {} can be read by others than its owner (mode {mode:o}): run \
             `chmod 600 {}` — whoever reads it can open every phone's backup",
            path.display(),
            path.display()
        );
        let pem = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("cannot read the backup key {}: {e}", path.display()))?;
        let secret = SecretKey::from_pkcs8_pem(&pem).map_err(|_| {
            anyhow::anyhow!(
                "{} is not a backup key (a P-256 private key in PKCS#8 PEM)",
                path.display()
            )
        })?;
        Ok(Self::from_secret(secret))
    }

    /// Reads the key file at `path`, or makes one there (mode 0600) if there is none; `true`
    /// when it was made now.
    pub fn load_or_create(path: &Path) -> anyhow::Result<(Self, bool)> {
        if path.exists() {
            return Ok((Self::load(path)?, false));
        }
        let pair = Self::generate();
        let pem = pair
            .secret
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(|e| anyhow::anyhow!("the backup key does not encode: {e}"))?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        // Created with its final mode (never readable by others, not even for a moment), and
        // never over an existing file: two processes starting at once keep the first one's key.
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(KEY_FILE_MODE)
            .open(path);
        let mut file = match created {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Ok((Self::load(path)?, false));
            }
            Err(e) => anyhow::bail!("cannot write the backup key {}: {e}", path.display()),
        };
        file.write_all(pem.as_bytes())?;
        file.sync_all()?;
        // A umask cannot widen a mode, but the mode is set again in case the file system ignored it.
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(KEY_FILE_MODE))?;
        Ok((pair, true))
    }

    /// The public half, as the endpoint publishes it.
    pub fn public(&self) -> &CityKey {
        &self.public
    }

    /// The key agreed with a sender's ephemeral public key `epk` (uncompressed point, base64)
    /// for the purpose `info` (`domain::backup::HKDF_INFO_*`).
    pub fn agree(&self, epk: &str, info: &str) -> Result<Aes256Gcm, DoesNotOpen> {
        let raw = STANDARD.decode(epk).map_err(|_| DoesNotOpen)?;
        let theirs = PublicKey::from_sec1_bytes(&raw).map_err(|_| DoesNotOpen)?;
        let shared =
            p256::ecdh::diffie_hellman(self.secret.to_nonzero_scalar(), theirs.as_affine());
        let hkdf = Hkdf::<Sha256>::new(Some(HKDF_SALT.as_bytes()), shared.raw_secret_bytes());
        let mut key = [0u8; 32];
        hkdf.expand(info.as_bytes(), &mut key)
            .expect("32 bytes is a valid HKDF-SHA-256 length");
        Ok(Aes256Gcm::new(&key.into()))
    }
}

/// Opens a box (base64 of nonce ‖ AES-GCM ciphertext and tag) with `key` and additional data
/// `aad`; the plaintext as it was sealed (still compressed, where the format compresses).
pub fn open_box(key: &Aes256Gcm, sealed: &str, aad: &[u8]) -> Result<Vec<u8>, DoesNotOpen> {
    let bytes = STANDARD.decode(sealed).map_err(|_| DoesNotOpen)?;
    if bytes.len() < NONCE_BYTES {
        return Err(DoesNotOpen);
    }
    let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
    let nonce = Nonce::try_from(nonce).map_err(|_| DoesNotOpen)?;
    key.decrypt(
        &nonce,
        Payload {
            msg: ciphertext,
            aad,
        },
    )
    .map_err(|_| DoesNotOpen)
}

/// An AES-256-GCM key from its raw bytes (the data key, once unwrapped).
pub fn data_key(raw: &[u8]) -> Result<Aes256Gcm, DoesNotOpen> {
    Aes256Gcm::new_from_slice(raw).map_err(|_| DoesNotOpen)
}

/// The city's current key as the database records it, if one was made.
pub async fn recorded(db: &Db) -> anyhow::Result<Option<CityKey>> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT public_key, key_id FROM backup_keys WHERE current = 1")
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map(|(public_key, key_id)| CityKey { public_key, key_id }))
}

/// What [`ensure`] found or did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ensured {
    /// The city had no key: a pair was made, its private half written to the file.
    Made,
    /// The city had no key recorded and the file held one: that key is now the city's.
    Recorded,
    /// The file holds the city's key.
    Found,
    /// The city has a key and the file is not on this machine: nothing was made. Serving needs
    /// only the public half; importing a backup needs the file.
    NotHere,
}

/// Makes sure the city has a backup key, run by `migrate` (and `serve` where it migrates). The
/// first run makes the pair; every later run, on any machine, checks the file at `path` against
/// the key the database records — and when there is no file there, makes nothing: a second
/// pair would be published to phones whose backups the city's key file then could not open.
pub async fn ensure(db: &Db, path: &Path, now: i64) -> anyhow::Result<(CityKey, Ensured)> {
    if let Some(city) = recorded(db).await? {
        if !path.exists() {
            return Ok((city, Ensured::NotHere));
        }
        let pair = CityKeyPair::load(path)?;
        check_is_the_citys(&pair, &city, path)?;
        return Ok((city, Ensured::Found));
    }
    let (pair, made) = CityKeyPair::load_or_create(path)?;
    // Two first `migrate`s at once, with different files: the first recorded wins, and the
    // other is told so (its file holds a key that is not the city's).
    let mut tx = db.pool.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO backup_keys (key_id, public_key, made_at, current) VALUES ($1, $2, $3, 1) \
         ON CONFLICT DO NOTHING",
    )
    .bind(&pair.public.key_id)
    .bind(&pair.public.public_key)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 1 {
        let event = Event::BackupKeyMade {
            key_id: pair.public.key_id.clone(),
        };
        audit::record(&mut *tx, now, &Actor::Cli, None, &event).await?;
    }
    tx.commit().await?;
    let city = recorded(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the backup key could not be recorded"))?;
    check_is_the_citys(&pair, &city, path)?;
    Ok((
        city,
        if made {
            Ensured::Made
        } else {
            Ensured::Recorded
        },
    ))
}

fn check_is_the_citys(pair: &CityKeyPair, city: &CityKey, path: &Path) -> anyhow::Result<()> {
    anyhow::ensure!(
        pair.public() == city,
        "the key file {} holds backup key {}, but the city's backup key is {} (recorded in the \
         database): point --backup-key / LINDUNGI_BACKUP_KEY at the city's key file. Backups \
         made for {} open only with it",
        path.display(),
        pair.public().key_id,
        city.key_id,
        city.key_id
    );
    Ok(())
}

/// Replaces the city's key on purpose — its file was lost, or someone else may have read it:
/// a new pair, its private half written to `path` (which must not exist), recorded as the
/// city's key; the old one's record kept as replaced. The key replaced, if any.
pub async fn replace(
    db: &Db,
    path: &Path,
    now: i64,
) -> anyhow::Result<(CityKeyPair, Option<CityKey>)> {
    anyhow::ensure!(
        !path.exists(),
        "{} exists: move it aside first (keep it if it is a key: it still opens the backups made \
         for it), or give the new key another path with --backup-key",
        path.display()
    );
    let old = recorded(db).await?;
    let (pair, _) = CityKeyPair::load_or_create(path)?;
    let mut tx = db.pool.begin().await?;
    sqlx::query("UPDATE backup_keys SET current = NULL, retired_at = $1 WHERE current = 1")
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO backup_keys (key_id, public_key, made_at, current) VALUES ($1, $2, $3, 1)",
    )
    .bind(&pair.public.key_id)
    .bind(&pair.public.public_key)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let event = Event::BackupKeyReplaced {
        key_id: pair.public.key_id.clone(),
        replaced: old.as_ref().map(|k| k.key_id.clone()),
    };
    audit::record(&mut *tx, now, &Actor::Cli, None, &event).await?;
    tx.commit().await?;
    Ok((pair, old))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_file_sits_beside_the_sqlite_file_or_in_the_working_directory() {
        assert_eq!(
            default_path("sqlite://data/lindungi.db"),
            PathBuf::from("data/lindungi-backup-key.pem")
        );
        assert_eq!(
            default_path("sqlite:///var/lib/lindungi/lindungi.db?mode=rwc"),
            PathBuf::from("/var/lib/lindungi/lindungi-backup-key.pem")
        );
        assert_eq!(
            default_path("sqlite://lindungi.db"),
            PathBuf::from("lindungi-backup-key.pem")
        );
        assert_eq!(
            default_path("postgres://lindungi@localhost/lindungi"),
            PathBuf::from("lindungi-backup-key.pem")
        );
    }

    #[test]
    fn a_key_is_made_once_readable_by_its_owner_only_and_read_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/backup.pem");
        let (made, created) = CityKeyPair::load_or_create(&path).unwrap();
        assert!(created);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, KEY_FILE_MODE);
        let (again, created) = CityKeyPair::load_or_create(&path).unwrap();
        assert!(!created);
        assert_eq!(again.public(), made.public());
        assert_eq!(made.public().key_id.len(), 16);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .starts_with("-----BEGIN PRIVATE KEY-----")
        );
        assert!(!format!("{made:?}").contains("PRIVATE"));
    }

    #[test]
    fn a_key_file_others_can_read_is_refused_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("backup.pem");
        CityKeyPair::load_or_create(&path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let refused = CityKeyPair::load(&path).unwrap_err().to_string();
        assert!(refused.contains("chmod 600"), "{refused}");
    }

    #[test]
    fn a_file_that_is_not_a_key_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("backup.pem");
        std::fs::write(&path, "not a key").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let refused = CityKeyPair::load(&path).unwrap_err().to_string();
        assert!(refused.contains("is not a backup key"), "{refused}");
    }
}
