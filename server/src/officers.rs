//! Officers, their devices and the city's admin tokens: created from the command line,
//! enrolled over the API, revoked from the command line. Each change is written to the audit
//! trail in its own transaction: the command line's as done by `cli`, an enrollment as done with
//! the officer's code from the phone's address.

use std::net::IpAddr;

use crate::{
    audit::{self, Actor, Event},
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
    let reused = existing.is_some();
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
    let event = if reused {
        Event::EnrollmentCodeIssued {
            officer_id,
            code_expires_at: expires_at,
        }
    } else {
        Event::OfficerCreated {
            officer_id,
            code_expires_at: expires_at,
        }
    };
    audit::record(&mut *tx, now, &Actor::Cli, None, &event).await?;
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
/// device token, for a phone at `address`. `None` if the code is not valid.
pub async fn enroll_device(
    db: &Db,
    code: &str,
    device_name: &str,
    address: Option<IpAddr>,
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
    let event = Event::DeviceEnrolled {
        device_id,
        officer_id,
    };
    audit::record(
        &mut *tx,
        now,
        &Actor::Officer { officer_id },
        address,
        &event,
    )
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
    let mut tx = db.pool.begin().await?;
    let done =
        sqlx::query("UPDATE devices SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(device_id)
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() == 1 {
        let event = Event::DeviceRevoked { device_id };
        audit::record(&mut *tx, now, &Actor::Cli, None, &event).await?;
    }
    tx.commit().await?;
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
    if done.rows_affected() == 1 {
        let event = Event::OfficerRevoked { officer_id };
        audit::record(&mut *tx, now, &Actor::Cli, None, &event).await?;
    }
    tx.commit().await?;
    tracing::info!(
        officer_id,
        revoked = done.rows_affected() == 1,
        "officer revocation"
    );
    Ok(done.rows_affected() == 1)
}

/// An admin token just made.
#[derive(Clone, Debug)]
pub struct NewAdminToken {
    /// The token (shown once; only its hash is kept).
    pub token: String,
    /// When it stops working (unix millis).
    pub expires_at: i64,
}

/// Creates an admin token labelled `label` that works for `days`; earlier tokens with the same
/// label are revoked (so re-running `scripts/run` rotates the demo token instead of piling them
/// up).
pub async fn create_admin_token(
    db: &Db,
    label: &str,
    days: u32,
    now: i64,
) -> anyhow::Result<NewAdminToken> {
    let label = label.trim();
    anyhow::ensure!(
        (1..=100).contains(&label.chars().count()) && !label.chars().any(char::is_control),
        "a label is 1 to 100 characters, without control characters"
    );
    anyhow::ensure!(days >= 1, "an admin token works for at least one day");
    let token = new_token(ADMIN_TOKEN_PREFIX);
    let expires_at = now + i64::from(days) * DAY_MILLIS;
    let mut tx = db.pool.begin().await?;
    revoke_admin_tokens_in(&mut tx, label, now).await?;
    let (token_id,): (i64,) = sqlx::query_as(
        "INSERT INTO admin_tokens (label, token_hash, created_at, expires_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(label)
    .bind(hash_secret(&token))
    .bind(now)
    .bind(expires_at)
    .fetch_one(&mut *tx)
    .await?;
    let event = Event::AdminTokenCreated {
        token_id,
        label: label.to_owned(),
        expires_at,
    };
    audit::record(&mut *tx, now, &Actor::Cli, None, &event).await?;
    tx.commit().await?;
    tracing::info!(token_id, "admin token issued");
    Ok(NewAdminToken { token, expires_at })
}

/// Revokes every live admin token labelled `label`; how many there were. Their dashboard
/// sessions end with them.
pub async fn revoke_admin_tokens(db: &Db, label: &str, now: i64) -> Result<usize, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let revoked = revoke_admin_tokens_in(&mut tx, label.trim(), now).await?;
    tx.commit().await?;
    tracing::info!(revoked, "admin token revocation");
    Ok(revoked)
}

/// Revokes the live tokens labelled `label` inside `tx`, each written to the audit trail.
async fn revoke_admin_tokens_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    label: &str,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let revoked: Vec<(i64,)> = sqlx::query_as(
        "UPDATE admin_tokens SET revoked_at = $1 WHERE label = $2 AND revoked_at IS NULL \
         RETURNING id",
    )
    .bind(now)
    .bind(label)
    .fetch_all(&mut **tx)
    .await?;
    for (token_id,) in &revoked {
        let event = Event::AdminTokenRevoked {
            token_id: *token_id,
            label: label.to_owned(),
        };
        audit::record(&mut **tx, now, &Actor::Cli, None, &event).await?;
    }
    Ok(revoked.len())
}
