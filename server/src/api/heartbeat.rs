//! `POST /devices/heartbeat` (device token): a phone with nothing to send says how it is
//! ([`domain::wire::health`]); the same report travels with every batch.

use axum::{
    Router,
    extract::{DefaultBodyLimit, State},
    http::StatusCode,
    routing::post,
};
use domain::wire::{
    ApiError,
    health::{DeviceHealth, HEARTBEAT_PATH, MAX_HEARTBEAT_BODY_BYTES},
};

use super::{extract::ApiJson, paths::under_api};
use crate::{
    AppState,
    auth::Device,
    devices_health,
    error::{Error, Result},
};

/// Records the phone's report and that it was seen.
#[utoipa::path(
    post, path = HEARTBEAT_PATH, tag = "sync",
    security(("device_token" = [])),
    request_body = DeviceHealth,
    responses(
        (status = 204, description = "Recorded"),
        (status = 400, description = "Not JSON, or a report whose app_version is empty, too long or has control characters, or an age with nothing waiting", body = ApiError),
        (status = 401, description = "Missing, unknown or revoked device token", body = ApiError),
        (status = 413, description = format!("Over {MAX_HEARTBEAT_BODY_BYTES} bytes"), body = ApiError),
        (status = 429, description = "Rate limited; see Retry-After", body = ApiError),
    )
)]
pub(crate) async fn heartbeat(
    State(state): State<AppState>,
    device: Device,
    ApiJson(report): ApiJson<DeviceHealth>,
) -> Result<StatusCode> {
    let report = report
        .checked()
        .map_err(|e| Error::BadRequest(format!("The report is refused: {e}.")))?;
    devices_health::record(
        &state.db,
        device,
        Some(&report),
        0,
        state.config.clock.now_millis(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(super) fn router() -> Router<AppState> {
    Router::new().route(
        under_api(HEARTBEAT_PATH),
        post(heartbeat).layer(DefaultBodyLimit::max(MAX_HEARTBEAT_BODY_BYTES)),
    )
}
