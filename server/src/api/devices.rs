//! `POST /devices`: a phone trades an officer's one-time enrollment code for its device token.

use axum::{
    Json, Router,
    extract::{DefaultBodyLimit, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::post,
};
use domain::wire::{
    ApiError, DEVICES_PATH, EnrollRequest, EnrollResponse, MAX_DEVICE_NAME_CHARS,
    MAX_ENROLL_BODY_BYTES, check_device_name,
};

use super::{extract::ApiJson, paths::under_api};
use crate::{
    AppState,
    attempts::{self, Kind},
    error::{Error, Result},
    officers,
    proxy::Client,
};

/// Trades a one-time enrollment code for a device token.
#[utoipa::path(
    post, path = DEVICES_PATH, tag = "sync",
    request_body = EnrollRequest,
    responses(
        (status = 201, description = "Enrolled; the token is shown this once (`Cache-Control: no-store`)", body = EnrollResponse),
        (status = 400, description = "Not JSON, or a device name that is empty, too long or has control characters", body = ApiError),
        (status = 401, description = "The code is unknown, used, expired or revoked", body = ApiError),
        (status = 408, description = "The body stopped arriving or took too long", body = ApiError),
        (status = 413, description = format!("Over {MAX_ENROLL_BODY_BYTES} bytes"), body = ApiError),
        (status = 429, description = "Rate limited, or too many wrong codes from this address; see Retry-After", body = ApiError),
    )
)]
pub(crate) async fn enroll(
    State(state): State<AppState>,
    client: Client,
    ApiJson(request): ApiJson<EnrollRequest>,
) -> Result<Response> {
    let name = check_device_name(&request.device_name).map_err(|_| {
        Error::BadRequest(format!(
            "device_name is 1 to {MAX_DEVICE_NAME_CHARS} characters, without control characters."
        ))
    })?;
    let now = state.now_millis();
    // An address that has typed too many wrong codes waits; its code is not even looked at.
    attempts::check(&state.db, Kind::Enrollment, &client, now).await?;
    let enrolled = officers::enroll_device(
        &state.db,
        &request.enrollment_code,
        name,
        client.address,
        now,
    )
    .await?;
    let Some(device) = enrolled else {
        attempts::failed(&state.db, Kind::Enrollment, &client, now).await?;
        return Err(Error::Unauthorized(
            "The enrollment code is unknown, already used, expired or revoked.",
        ));
    };
    attempts::succeeded(&state.db, Kind::Enrollment, &client).await?;
    let answer = EnrollResponse {
        device_id: device.device_id,
        officer_id: device.officer_id,
        officer_name: device.officer_name,
        token: device.token,
        backup_key: state.config.backup_key.clone(),
    };
    // The answer carries the device's token: no cache, the browser's or a proxy's, may keep it.
    Ok((
        StatusCode::CREATED,
        [(header::CACHE_CONTROL, "no-store")],
        Json(answer),
    )
        .into_response())
}

pub(super) fn router() -> Router<AppState> {
    // Anyone can reach this route (it needs no token): nothing larger than an enrollment is read.
    Router::new().route(
        under_api(DEVICES_PATH),
        post(enroll).layer(DefaultBodyLimit::max(MAX_ENROLL_BODY_BYTES)),
    )
}
