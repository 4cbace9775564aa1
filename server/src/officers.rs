//! Officers, their devices and the city's admin tokens: created from the command line,
//! enrolled over the API, revoked from the command line.

use crate::{
    auth::{
        ADMIN_TOKEN_PREFIX, DEVICE_TOKEN_PREFIX, hash_secret, new_enrollment_code, new_token,
        normalize_code,
    },
    db::Db,
};

const DAY_MILLIS: i64 = 86_400_000;

/// An officer with a fresh enrollment code.
#[derive(Clone, Debug)]
pub struct NewOfficer {
    /// The officer's id.
    pub officer_id: i64,
    /// The enrollment code in canonical form (shown once; only its hash is kept).
    pub code: String,
    /// When the code stops working (unix millis).
    pub expires_at: i64,
}

/// Creates an officer named `name` and a one-time enrollment code valid for `days`.
///
/// With `reuse`, an officer already named so (and not revoked) gets the fresh code instead,
/// and its earlier unused codes stop working: `scripts/run` calls this on every start without
/// piling up demo officers or live codes.
pub async fn create_officer(
    db: &Db,
    name: &str,
    days: u32,
    reuse: bool,
    now: i64,
) -> anyhow::Result<NewOfficer> {
    let name = name.trim();
    anyhow::ensure!(
        (1..=100).contains(&name.chars().count()) && !name.chars().any(char::is_control),
        "an officer's name is 1 to 100 characters, without control characters"
    );
    let mut tx = db.pool.begin().await?;
    let existing: Option<(i64,)> = if reuse {
        sqlx::query_as(
            "SELECT id FROM officers WHERE name = $1 AND revoked_at IS NULL ORDER BY id LIMIT 1",
        )
        .bind(name)
        .fetch_optional(&mut *tx)
        .await?
    } else {
        None
    };
    let officer_id = match existing {
        Some((id,)) => {
            sqlx::query(
                "UPDATE enrollment_codes SET expires_at = $1 \
                 WHERE officer_id = $2 AND used_at IS NULL AND expires_at > $1",
            )
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            id
        }
        None => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO officers (name, created_at) VALUES ($1, $2) RETURNING id",
            )
            .bind(name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            id
        }
    };
    let code = new_enrollment_code();
    let expires_at = now + i64::from(days.max(1)) * DAY_MILLIS;
    sqlx::query(
        "INSERT INTO enrollment_codes (code_hash, officer_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(hash_secret(&code))
    .bind(officer_id)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(officer_id, "officer enrollment code issued");
    Ok(NewOfficer {
        officer_id,
        code,
        expires_at,
    })
}

/// A device just enrolled.
#[derive(Clone, Debug)]
pub struct NewDevice {
    /// The device's id.
    pub device_id: i64,
    /// Its officer.
    pub officer_id: i64,
    /// The officer's name.
    pub officer_name: String,
    /// The token (shown once; only its hash is kept).
    pub token: String,
}

/// Trades an enrollment code (once, before it expires, for an officer not revoked) for a new
/// device token. `None` if the code is not valid.
pub async fn enroll_device(
    db: &Db,
    code: &str,
    device_name: &str,
    now: i64,
) -> Result<Option<NewDevice>, sqlx::Error> {
    let Some(code) = normalize_code(code) else {
        return Ok(None);
    };
    let mut tx = db.pool.begin().await?;
    // One statement both checks and spends the code, so two phones racing with the same code
    // cannot both win.
    let spent: Option<(i64,)> = sqlx::query_as(
        "UPDATE enrollment_codes SET used_at = $1 \
         WHERE code_hash = $2 AND used_at IS NULL AND expires_at > $1 \
         AND officer_id IN (SELECT id FROM officers WHERE revoked_at IS NULL) \
         RETURNING officer_id",
    )
    .bind(now)
    .bind(hash_secret(&code))
    .fetch_optional(&mut *tx)
    .await?;
    let Some((officer_id,)) = spent else {
        return Ok(None);
    };
    let token = new_token(DEVICE_TOKEN_PREFIX);
    let (device_id,): (i64,) = sqlx::query_as(
        "INSERT INTO devices (officer_id, name, token_hash, created_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(officer_id)
    .bind(device_name)
    .bind(hash_secret(&token))
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let (officer_name,): (String,) = sqlx::query_as("SELECT name FROM officers WHERE id = $1")
        .bind(officer_id)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(device_id, officer_id, "device enrolled");
    Ok(Some(NewDevice {
        device_id,
        officer_id,
        officer_name,
        token,
    }))
}

/// Revokes a device's token. False if there is no such device (or it was already revoked).
pub async fn revoke_device(db: &Db, device_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE devices SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(device_id)
            .execute(&db.pool)
            .await?;
    tracing::info!(
        device_id,
        revoked = done.rows_affected() == 1,
        "device revocation"
    );
    Ok(done.rows_affected() == 1)
}

/// Revokes an officer, every device of theirs and every unused enrollment code. False if there
/// is no such officer (or they were already revoked). Registrations already received stay.
pub async fn revoke_officer(db: &Db, officer_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let done =
        sqlx::query("UPDATE officers SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(officer_id)
            .execute(&mut *tx)
            .await?;
    sqlx::query("UPDATE devices SET revoked_at = $1 WHERE officer_id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(officer_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE enrollment_codes SET expires_at = $1 \
         WHERE officer_id = $2 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(officer_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(
        officer_id,
        revoked = done.rows_affected() == 1,
        "officer revocation"
    );
    Ok(done.rows_affected() == 1)
}

/// Creates an admin token labelled `label`; earlier tokens with the same label are revoked
/// (so re-running `scripts/run` rotates the demo token instead of piling them up).
pub async fn create_admin_token(db: &Db, label: &str, now: i64) -> anyhow::Result<String> {
    let label = label.trim();
    anyhow::ensure!(
        (1..=100).contains(&label.chars().count()) && !label.chars().any(char::is_control),
        "a label is 1 to 100 characters, without control characters"
    );
    let token = new_token(ADMIN_TOKEN_PREFIX);
    let mut tx = db.pool.begin().await?;
    sqlx::query("UPDATE admin_tokens SET revoked_at = $1 WHERE label = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(label)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO admin_tokens (label, token_hash, created_at) VALUES ($1, $2, $3)")
        .bind(label)
        .bind(hash_secret(&token))
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!("admin token issued");
    Ok(token)
}
