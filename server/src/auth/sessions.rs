//! Dashboard sessions, kept in the database so any endpoint process behind the proxy knows them.
//!
//! Signing in with an admin token opens a session: the browser's cookie holds a random id that
//! says nothing about the token, and the database keeps only the id's SHA-256 digest (a copy of
//! the database cannot be used to sign in). A session ends at its expiry, on "Keluar" (revoked,
//! so a copied cookie stops working too), or as soon as the admin token it was opened with is
//! revoked or expires.
//!
//! The cookie is HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it,
//! which also keeps other sites from posting to the dashboard), and `Secure` unless the endpoint
//! was started with `--insecure-cookies` (plain HTTP on loopback): browsers then send it over
//! HTTPS only. Chromium treats `http://127.0.0.1` and `http://localhost` as secure for this, so
//! `scripts/run` needs no switch.

use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use cookie::time::Duration;

use crate::{
    AppState,
    auth::{AdminToken, admin_token, hash_secret, new_token},
    db::Db,
    error::Result,
};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "lindungi_session";
/// Prefix of a session id: a cookie value found in a log says what it is.
const SESSION_PREFIX: &str = "lnd_ses_";
/// How long a session lasts: a working day, so a laptop left open overnight is signed out.
pub const SESSION_SECONDS: i64 = 12 * 60 * 60;
/// How long an ended session's row is kept before it is deleted: long enough to read who was
/// signed in last week from the table when the audit trail raises a question.
const KEEP_ENDED_MILLIS: i64 = 30 * 24 * 60 * 60 * 1000;

/// Opens a session for the admin token whose digest is `token_hash`, labelled `label`; the id
/// for the cookie (shown this once; only its digest is kept).
pub async fn open(db: &Db, token_hash: &str, label: &str, now: i64) -> Result<String> {
    let id = new_token(SESSION_PREFIX);
    sqlx::query(
        "INSERT INTO admin_sessions (id_hash, token_hash, label, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash_secret(&id))
    .bind(token_hash)
    .bind(label)
    .bind(now)
    .bind(now + SESSION_SECONDS * 1000)
    .execute(&db.pool)
    .await?;
    sqlx::query("DELETE FROM admin_sessions WHERE expires_at < $1")
        .bind(now - KEEP_ENDED_MILLIS)
        .execute(&db.pool)
        .await?;
    Ok(id)
}

/// The label of the live session the cookie names, if there is one: not expired, not signed
/// out, and its admin token still live.
pub async fn find(state: &AppState, jar: &CookieJar) -> Result<Option<String>> {
    let Some(id) = jar
        .get(SESSION_COOKIE)
        .map(|c| c.value())
        .filter(|v| !v.is_empty())
    else {
        return Ok(None);
    };
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT token_hash FROM admin_sessions \
         WHERE id_hash = $1 AND revoked_at IS NULL AND expires_at > $2",
    )
    .bind(hash_secret(id))
    .bind(state.now_millis())
    .fetch_optional(&state.db.pool)
    .await?;
    let Some((token_hash,)) = row else {
        return Ok(None);
    };
    Ok(match admin_token(state, &token_hash).await? {
        AdminToken::Live { label } => Some(label),
        AdminToken::Expired { .. } | AdminToken::Unknown => None,
    })
}

/// Ends the session the cookie names; its label if it was open.
pub async fn close(db: &Db, jar: &CookieJar, now: i64) -> Result<Option<String>> {
    let Some(id) = jar
        .get(SESSION_COOKIE)
        .map(|c| c.value())
        .filter(|v| !v.is_empty())
    else {
        return Ok(None);
    };
    let row: Option<(String,)> = sqlx::query_as(
        "UPDATE admin_sessions SET revoked_at = $1 \
         WHERE id_hash = $2 AND revoked_at IS NULL AND expires_at > $1 RETURNING label",
    )
    .bind(now)
    .bind(hash_secret(id))
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(label,)| label))
}

/// The cookie holding session `id`.
pub fn cookie(id: String, secure: bool) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, id))
        .path("/")
        .max_age(Duration::seconds(SESSION_SECONDS))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .build()
}

/// The cookie that makes the browser forget the session's.
pub fn removal(secure: bool) -> Cookie<'static> {
    let mut cookie = cookie(String::new(), secure);
    cookie.make_removal();
    cookie
}
