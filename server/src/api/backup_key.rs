//! `GET /backup-key`: the city's public key for backups, for a phone enrolled before backups were
//! encrypted (a phone enrolled since gets it in the enrollment answer). The key is public: no
//! token, and it may be cached for a day (it changes only if the city makes a new key pair).

use axum::{
    Json, Router,
    extract::State,
    http::header,
    response::{IntoResponse, Response},
    routing::get,
};
use domain::wire::{ApiError, BACKUP_KEY_PATH, CityKey};

use super::paths::under_api;
use crate::{
    AppState,
    error::{Error, Result},
};

/// The city's public key for backups.
#[utoipa::path(
    get, path = BACKUP_KEY_PATH, tag = "sync",
    responses(
        (status = 200, description = "The city's public key: the phone wraps its data key with it, so that a backup file opens with the city's private key only", body = CityKey),
        (status = 404, description = "This endpoint was started without a backup key", body = ApiError),
    )
)]
pub(crate) async fn backup_key(State(state): State<AppState>) -> Result<Response> {
    let key = state.config.backup_key.clone().ok_or(Error::NotFound)?;
    Ok((
        [(header::CACHE_CONTROL, "public, max-age=86400")],
        Json(key),
    )
        .into_response())
}

pub(super) fn router() -> Router<AppState> {
    Router::new().route(under_api(BACKUP_KEY_PATH), get(backup_key))
}
