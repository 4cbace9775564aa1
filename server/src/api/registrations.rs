//! The sync contract: `POST /registrations/batch` and `GET /registrations/{id}`.

use axum::{
    Json, Router,
    extract::{DefaultBodyLimit, Path, State},
    routing::{get, post},
};
use domain::{
    RegistrationId, Timestamp,
    wire::{ApiError, BATCH_PATH, BatchResponse, IncomingBatch, MAX_BATCH_ITEMS, MAX_BODY_BYTES},
};
use serde::Serialize;

use super::{extract::ApiJson, paths::under_api};
use crate::{
    AppState,
    auth::Device,
    error::{Error, Result},
    ingest,
};

/// Receives a batch: one result per registration, in request order.
#[utoipa::path(
    post, path = BATCH_PATH, tag = "sync",
    security(("device_token" = [])),
    request_body = domain::wire::BatchRequest,
    responses(
        (status = 200, description = "One result per registration", body = domain::wire::BatchResponse),
        (status = 400, description = "Not JSON, not application/json, or not a batch", body = ApiError),
        (status = 401, description = "Missing, unknown or revoked device token", body = ApiError),
        (status = 408, description = "The body stopped arriving, or the request took too long; nothing was stored, send it again", body = ApiError),
        (status = 409, description = "A registration of a schema newer than this endpoint knows (`update_required`); nothing stored, send again after the update", body = ApiError),
        (status = 413, description = format!("Over {MAX_BODY_BYTES} bytes or {MAX_BATCH_ITEMS} registrations"), body = ApiError),
        (status = 429, description = "Rate limited; see Retry-After", body = ApiError),
        (status = 503, description = "Database unavailable, or the endpoint at its capacity (`overloaded`, see Retry-After); retry later", body = ApiError),
    )
)]
pub(crate) async fn batch(
    State(state): State<AppState>,
    device: Device,
    ApiJson(mut batch): ApiJson<IncomingBatch>,
) -> Result<Json<BatchResponse>> {
    let count = batch.registrations.len();
    if count > MAX_BATCH_ITEMS {
        return Err(Error::TooLarge(format!(
            "The batch holds {count} registrations; at most {MAX_BATCH_ITEMS} are accepted at once."
        )));
    }
    let started = std::time::Instant::now();
    let now = state.now();
    // Older schemas migrated, times judged by this clock (`docs/architecture.md`, "Versions"
    // and "Clocks"); a newer schema refuses the whole batch (409 update_required).
    // Read before the batch is consumed; a bad report is ignored, never the batch refused.
    let report = batch.health.take().and_then(|h| h.checked().ok());
    let arrival = batch.arrive(now)?;
    // The phone is seen, with its report, in the batch's own transaction.
    let sighting = ingest::Sighting {
        report: report.as_ref(),
    };
    let (results, tally) = ingest::receive_batch(
        &state.db,
        device,
        arrival.submissions.into(),
        now,
        Some(sighting),
    )
    .await?;
    // Ids, counts and outcomes only: never a NIK, a name, a phone or a mother's name.
    tracing::info!(
        device_id = device.device_id,
        officer_id = device.officer_id,
        count,
        accepted = tally.accepted,
        already_received = tally.already_received,
        id_conflict = tally.id_conflict,
        duplicate_nik = tally.duplicate_nik,
        rejected = tally.rejected,
        phone_clock_off = arrival.phone_clock_off,
        millis = started.elapsed().as_millis() as u64,
        "batch received"
    );
    Ok(Json(BatchResponse { results }))
}

/// What the city holds for one registration.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RegistrationStatus {
    /// The registration's id.
    pub id: String,
    /// Always `received`: the city holds it.
    pub status: &'static str,
    /// The receipt number given when it was accepted.
    pub receipt: String,
    /// When it was received (RFC 3339, UTC).
    pub received_at: String,
}

/// The status and receipt of a registration, for the device that sent it; any other device (or
/// an id that is not a UUID, or unknown) gets 404, so ids cannot be probed across devices.
#[utoipa::path(
    get, path = "/api/v1/registrations/{id}", tag = "sync",
    security(("device_token" = [])),
    params(("id" = String, Path, description = "The registration's id")),
    responses(
        (status = 200, description = "The city holds it", body = RegistrationStatus),
        (status = 401, description = "Missing, unknown or revoked device token", body = ApiError),
        (status = 404, description = "Not received from this device", body = ApiError),
    )
)]
pub(crate) async fn status(
    State(state): State<AppState>,
    device: Device,
    Path(id): Path<String>,
) -> Result<Json<RegistrationStatus>> {
    let id = RegistrationId::parse(&id).map_err(|_| Error::NotFound)?;
    let row: Option<(String, i64)> = sqlx::query_as(
        "SELECT receipt, received_at FROM registrations WHERE id = $1 AND device_id = $2",
    )
    .bind(id.as_str())
    .bind(device.device_id)
    .fetch_optional(&state.db.pool)
    .await?;
    let (receipt, received_at) = row.ok_or(Error::NotFound)?;
    let received_at = Timestamp::from_unix_millis(received_at)
        .map(|t| t.to_string())
        .map_err(|e| anyhow::anyhow!("a stored time does not read back: {e}"))?;
    Ok(Json(RegistrationStatus {
        id: id.to_string(),
        status: "received",
        receipt,
        received_at,
    }))
}

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            under_api(BATCH_PATH),
            post(batch).layer(DefaultBodyLimit::max(MAX_BODY_BYTES)),
        )
        .route("/registrations/{id}", get(status))
}
