//! The guard on secrets typed by people: failed enrollment codes and failed dashboard sign-ins,
//! counted per client address in the database, so it holds whichever endpoint process a request
//! reaches and across restarts.
//!
//! An address may fail a few times in a window that opens with its first failure; past that it
//! is answered 429 with `Retry-After` until the window closes, without its attempt being checked
//! (so a guess can tell nothing). The window always closes: nobody, the city's own staff behind a
//! shared address included, is locked out for longer than [`WINDOW_MILLIS`]. A success clears
//! the address's count.

use crate::{
    audit::{self, Actor, Event},
    db::Db,
    error::{Error, Result},
    proxy::Client,
};

/// How long the failures of an address are remembered, from its first one, and so the longest
/// anyone waits: 15 minutes, long enough to make guessing hopeless (a few dozen tries an hour),
/// short enough that a member of staff who mistyped is back at work after a coffee.
pub const WINDOW_MILLIS: i64 = 15 * 60 * 1000;

/// What is being guessed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An enrollment code at `POST /api/v1/devices`.
    Enrollment,
    /// An admin token at the dashboard's sign-in form.
    SignIn,
}

impl Kind {
    /// Its name in the database and the audit trail.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Enrollment => "enrollment",
            Kind::SignIn => "sign_in",
        }
    }

    /// Failures an address may have in a window.
    ///
    /// - Enrollment: 10. A whole market can sit behind one carrier address, with officers
    ///   copying codes from paper; ten typos in a quarter of an hour is already a bad morning.
    ///   A code is one of 8·10^14 and works once, so the guard is a second wall, not the first.
    /// - Sign-in: 5. An admin token is pasted, not typed, so mistakes are rare; and the token
    ///   set by `LINDUNGI_ADMIN_TOKEN` may be a word a person chose, which must not be guessable
    ///   at any speed: 5 per 15 minutes is 480 a day.
    pub fn allowed(self) -> i64 {
        match self {
            Kind::Enrollment => 10,
            Kind::SignIn => 5,
        }
    }
}

/// `Ok` if `client` may try now, else the 429 saying how long to wait.
pub async fn check(db: &Db, kind: Kind, client: &Client, now: i64) -> Result<()> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT window_start, failures FROM failed_attempts WHERE kind = $1 AND address = $2",
    )
    .bind(kind.name())
    .bind(client.address_text())
    .fetch_optional(&db.pool)
    .await?;
    match row {
        Some((start, failures)) if failures >= kind.allowed() && start + WINDOW_MILLIS > now => {
            let wait_millis = start + WINDOW_MILLIS - now;
            Err(Error::RateLimited {
                retry_after_secs: (wait_millis + 999) as u64 / 1000,
            })
        }
        _ => Ok(()),
    }
}

/// Counts a failure of `client`; the failure that uses up the allowance is written to the audit
/// trail (the address and until when it waits), once per window.
pub async fn failed(db: &Db, kind: Kind, client: &Client, now: i64) -> Result<()> {
    let address = client.address_text();
    let expired_before = now - WINDOW_MILLIS;
    let mut tx = db.pool.begin().await?;
    // One statement on both engines: a window that has closed starts again with this failure.
    let (start, failures): (i64, i64) = sqlx::query_as(
        "INSERT INTO failed_attempts (kind, address, window_start, failures) \
         VALUES ($1, $2, $3, 1) \
         ON CONFLICT (kind, address) DO UPDATE SET \
         failures = CASE WHEN failed_attempts.window_start <= $4 THEN 1 \
                         ELSE failed_attempts.failures + 1 END, \
         window_start = CASE WHEN failed_attempts.window_start <= $4 THEN $3 \
                             ELSE failed_attempts.window_start END \
         RETURNING window_start, failures",
    )
    .bind(kind.name())
    .bind(&address)
    .bind(now)
    .bind(expired_before)
    .fetch_one(&mut *tx)
    .await?;
    if failures == kind.allowed() {
        tracing::warn!(kind = kind.name(), "an address used up its failed attempts");
        audit::record(
            &mut *tx,
            now,
            &Actor::Nobody,
            client.address,
            &Event::AddressHeld {
                kind: kind.name().to_owned(),
                until: start + WINDOW_MILLIS,
            },
        )
        .await?;
    }
    // Forget windows closed long ago, so the table stays the size of the last quarter hour.
    sqlx::query("DELETE FROM failed_attempts WHERE kind = $1 AND window_start <= $2")
        .bind(kind.name())
        .bind(expired_before)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Clears the count of `client` after a success.
pub async fn succeeded(db: &Db, kind: Kind, client: &Client) -> Result<()> {
    sqlx::query("DELETE FROM failed_attempts WHERE kind = $1 AND address = $2")
        .bind(kind.name())
        .bind(client.address_text())
        .execute(&db.pool)
        .await?;
    Ok(())
}
