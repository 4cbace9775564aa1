//! Secrets and who is asking: device tokens, admin tokens and enrollment codes.
//!
//! Every secret is made from the operating system's random source and stored only as its
//! SHA-256 digest (hex): a copy of the database does not let anyone send registrations or read
//! the export. A high-entropy random token needs no slow password hash — there is nothing to
//! guess — and SHA-256 keeps the per-request lookup a simple indexed equality.

pub mod sessions;

use axum::{extract::FromRequestParts, http::request::Parts};
use axum_extra::extract::cookie::CookieJar;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::{
    AppState,
    error::{Error, Result},
};

/// Letters of an enrollment code: digits and capitals without the look-alikes 0/O, 1/I/L, so it
/// can be read aloud or copied from paper onto a phone without mistakes (31 symbols).
pub const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Symbols in an enrollment code: 31^10 ≈ 8·10^14 codes, far beyond guessing at the
/// rate limits, yet typed in a few seconds (shown as `XXXXX-XXXXX`).
pub const CODE_LENGTH: usize = 10;
/// Prefix of device tokens: a token found in a log or a paste says what it is.
pub const DEVICE_TOKEN_PREFIX: &str = "lnd_dev_";
/// Prefix of admin tokens.
pub const ADMIN_TOKEN_PREFIX: &str = "lnd_adm_";

/// Random bytes from the operating system.
fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    bytes
}

/// The SHA-256 digest of a secret, in lowercase hex: what the database keeps.
pub fn hash_secret(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new token: the prefix and 32 random bytes in base64url without padding.
pub fn new_token(prefix: &str) -> String {
    let bytes = random_bytes::<32>();
    format!(
        "{prefix}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// A new enrollment code, in its canonical form (10 symbols of [`CODE_ALPHABET`]).
pub fn new_enrollment_code() -> String {
    // Rejection sampling: 248 = 8 × 31, so bytes below it map uniformly onto the alphabet.
    let mut code = String::with_capacity(CODE_LENGTH);
    while code.len() < CODE_LENGTH {
        for b in random_bytes::<16>() {
            if b < 248 && code.len() < CODE_LENGTH {
                code.push(CODE_ALPHABET[usize::from(b) % CODE_ALPHABET.len()] as char);
            }
        }
    }
    code
}

/// An enrollment code as shown to people: `ABCDE-FGHJK`.
pub fn display_code(code: &str) -> String {
    let (a, b) = code.split_at(code.len() / 2);
    format!("{a}-{b}")
}

/// An enrollment code as typed (any case, with spaces or dashes) in its canonical form, or
/// `None` if it cannot be one. Look-alikes are read as what they must mean: `O`→`0` is not in
/// the alphabet, so `O`/`0` and `I`/`L`/`1` make the code invalid rather than silently wrong.
pub fn normalize_code(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\t'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == CODE_LENGTH && code.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(code)
}

/// The bearer token of a request, if any.
fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts
        .headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// The bearer token's hash, if the request has one (also the rate limiter's key).
pub fn bearer_hash(parts: &Parts) -> Option<String> {
    bearer(parts).map(hash_secret)
}

/// A device whose token is known and not revoked (nor its officer): the sender of a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Device {
    /// The device's id.
    pub device_id: i64,
    /// The officer the device belongs to.
    pub officer_id: i64,
}

const MISSING: &str = "A device token is required: send Authorization: Bearer <token>.";
const UNKNOWN: &str = "The token is unknown or has been revoked; enroll the device again.";

impl FromRequestParts<AppState> for Device {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let hash = bearer_hash(parts).ok_or(Error::Unauthorized(MISSING))?;
        let row: Option<(i64, i64)> = sqlx::query_as(
            "SELECT d.id, d.officer_id FROM devices d JOIN officers o ON o.id = d.officer_id \
             WHERE d.token_hash = $1 AND d.revoked_at IS NULL AND o.revoked_at IS NULL",
        )
        .bind(hash)
        .fetch_optional(&state.db.pool)
        .await?;
        let (device_id, officer_id) = row.ok_or(Error::Unauthorized(UNKNOWN))?;
        Ok(Device {
            device_id,
            officer_id,
        })
    }
}

/// The label the audit trail gives the token set by `LINDUNGI_ADMIN_TOKEN` (it has no row).
pub const ENV_ADMIN_LABEL: &str = "LINDUNGI_ADMIN_TOKEN";

/// What an admin token is now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AdminToken {
    /// It works; made with this label (or [`ENV_ADMIN_LABEL`]).
    Live {
        /// Its label.
        label: String,
    },
    /// It worked until this instant (unix millis).
    Expired {
        /// When it stopped.
        at: i64,
    },
    /// Unknown or revoked.
    Unknown,
}

/// What the admin token whose digest is `hash` is now: `LINDUNGI_ADMIN_TOKEN`, or one from
/// `create-admin-token` that is not revoked and not expired.
pub async fn admin_token(state: &AppState, hash: &str) -> Result<AdminToken> {
    // Compared as digests: equal-length hex, so timing says nothing about the token.
    if let Some(configured) = &state.config.admin_token
        && !configured.is_empty()
        && hash_secret(configured) == hash
    {
        return Ok(AdminToken::Live {
            label: ENV_ADMIN_LABEL.to_owned(),
        });
    }
    let row: Option<(String, Option<i64>)> = sqlx::query_as(
        "SELECT label, expires_at FROM admin_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(hash)
    .fetch_optional(&state.db.pool)
    .await?;
    Ok(match row {
        Some((_, Some(at))) if at <= state.now_millis() => AdminToken::Expired { at },
        Some((label, _)) => AdminToken::Live { label },
        None => AdminToken::Unknown,
    })
}

/// The day (UTC) of a unix-millis instant, `YYYY-MM-DD`, for messages.
pub fn day_of(millis: i64) -> String {
    domain::Timestamp::from_unix_millis(millis)
        .map(|t| t.date_utc().to_string())
        .unwrap_or_default()
}

/// The city's staff: an admin token from `create-admin-token` or `LINDUNGI_ADMIN_TOKEN`, sent
/// as a bearer header or, from the dashboard, through its session cookie
/// ([`crate::auth::sessions`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Admin {
    /// The token's label (who, for the audit trail).
    pub label: String,
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        const MISSING: &str = "An admin token is required: send Authorization: Bearer <token>.";
        const UNKNOWN: &str = "The admin token is unknown or has been revoked.";
        if let Some(token) = bearer(parts) {
            return match admin_token(state, &hash_secret(token)).await? {
                AdminToken::Live { label } => Ok(Admin { label }),
                AdminToken::Expired { at } => Err(Error::TokenExpired { on: day_of(at) }),
                AdminToken::Unknown => Err(Error::Unauthorized(UNKNOWN)),
            };
        }
        let jar = CookieJar::from_headers(&parts.headers);
        match crate::auth::sessions::find(state, &jar).await? {
            Some(label) => Ok(Admin { label }),
            None => Err(Error::Unauthorized(MISSING)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enrollment_code_is_ten_unambiguous_symbols() {
        for _ in 0..200 {
            let code = new_enrollment_code();
            assert_eq!(code.len(), CODE_LENGTH);
            assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{code}");
            assert!(!code.contains(['0', 'O', '1', 'I', 'L']));
        }
    }

    #[test]
    fn a_code_typed_in_lowercase_with_a_dash_reads_as_the_code() {
        let code = new_enrollment_code();
        let typed = display_code(&code).to_lowercase();
        assert_eq!(normalize_code(&typed), Some(code));
        assert_eq!(normalize_code("ABCDE-FGHJ0"), None);
        assert_eq!(normalize_code("short"), None);
    }

    #[test]
    fn a_token_is_32_random_bytes_and_never_repeats() {
        let a = new_token(DEVICE_TOKEN_PREFIX);
        let b = new_token(DEVICE_TOKEN_PREFIX);
        assert_ne!(a, b);
        assert_eq!(a.len(), DEVICE_TOKEN_PREFIX.len() + 43);
        assert_eq!(hash_secret(&a).len(), 64);
    }
}
