//! `POST /devices`: a phone trades an officer's one-time enrollment code for its device token.

use axum::{
    Json, Router,
    extract::{DefaultBodyLimit, State},
    http::StatusCode,
    routing::post,
};
use domain::wire::{
    ApiError, DEVICES_PATH, EnrollRequest, EnrollResponse, MAX_DEVICE_NAME_CHARS,
    MAX_ENROLL_BODY_BYTES, check_device_name,
};

use super::{extract::ApiJson, paths::under_api};
use crate::{
    AppState,
    error::{Error, Result},
    officers,
};

/// Trades a one-time enrollment code for a device token.
#[utoipa::path(
    post, path = DEVICES_PATH, tag = "sync",
    request_body = EnrollRequest,
    responses(
        (status = 201, description = "Enrolled; the token is shown this once", body = EnrollResponse),
        (status = 400, description = "Not JSON, or a device name that is empty, too long or has control characters", body = ApiError),
        (status = 401, description = "The code is unknown, used, expired or revoked", body = ApiError),
        (status = 413, description = format!("Over {MAX_ENROLL_BODY_BYTES} bytes"), body = ApiError),
        (status = 429, description = "Rate limited; see Retry-After", body = ApiError),
    )
)]
pub(crate) async fn enroll(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<EnrollRequest>,
) -> Result<(StatusCode, Json<EnrollResponse>)> {
    let name = check_device_name(&request.device_name).map_err(|_| {
        Error::BadRequest(format!(
            "device_name is 1 to {MAX_DEVICE_NAME_CHARS} characters, without control characters."
        ))
    })?;
    let now = state.config.clock.now_millis();
    let device = officers::enroll_device(&state.db, &request.enrollment_code, name, now)
        .await?
        .ok_or(Error::Unauthorized(
            "The enrollment code is unknown, already used, expired or revoked.",
        ))?;
    Ok((
        StatusCode::CREATED,
        Json(EnrollResponse {
            device_id: device.device_id,
            officer_id: device.officer_id,
            officer_name: device.officer_name,
            token: device.token,
        }),
    ))
}

pub(super) fn router() -> Router<AppState> {
    // Anyone can reach this route (it needs no token): nothing larger than an enrollment is read.
    Router::new().route(
        under_api(DEVICES_PATH),
        post(enroll).layer(DefaultBodyLimit::max(MAX_ENROLL_BODY_BYTES)),
    )
}
