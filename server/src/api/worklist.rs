//! `GET /worklist` (device token): a page of the officer's area — roster entries not yet
//! covered, NIKs already registered — from the phone's cursor ([`crate::worklist`]). Compressed
//! with gzip when the phone accepts it: 2,000 generated entries go from 321 KB to 30 KB
//! (BENCHMARKS.md).

use axum::{
    Json, Router,
    extract::{Query, State, rejection::QueryRejection},
    routing::get,
};
use domain::wire::{
    ApiError,
    worklist::{
        MAX_CURSOR_CHARS, WORKLIST_DEFAULT_LIMIT, WORKLIST_MAX_LIMIT, WORKLIST_PATH, WorklistPage,
        WorklistQuery,
    },
};
use tower_http::compression::CompressionLayer;

use super::paths::under_api;
use crate::{
    AppState,
    auth::Device,
    devices_health,
    error::{Error, Result},
    worklist::{self, Cursor},
};

/// The next page of the officer's worklist.
#[utoipa::path(
    get, path = WORKLIST_PATH, tag = "sync",
    security(("device_token" = [])),
    params(WorklistQuery),
    responses(
        (status = 200, description = "What changed in the officer's area since the cursor (the whole area with `reset` when there is none). An officer without an area gets an empty page whose `area` is `unassigned`. Sent gzip-compressed when the request accepts it.", body = WorklistPage),
        (status = 400, description = format!("A cursor this endpoint did not write (at most {MAX_CURSOR_CHARS} characters), or a limit outside 1–{WORKLIST_MAX_LIMIT}"), body = ApiError),
        (status = 401, description = "Missing, unknown or revoked device token (or a revoked officer)", body = ApiError),
        (status = 429, description = "Rate limited; see Retry-After", body = ApiError),
        (status = 503, description = "Database unavailable; retry later", body = ApiError),
    )
)]
pub(crate) async fn worklist(
    State(state): State<AppState>,
    device: Device,
    query: std::result::Result<Query<WorklistQuery>, QueryRejection>,
) -> Result<Json<WorklistPage>> {
    let Query(query) = query.map_err(|_| {
        Error::BadRequest(
            "The query is `cursor` (text) and `limit` (a number), both optional.".into(),
        )
    })?;
    let limit = query.limit.unwrap_or(WORKLIST_DEFAULT_LIMIT);
    if !(1..=WORKLIST_MAX_LIMIT).contains(&limit) {
        return Err(Error::BadRequest(format!(
            "limit is 1 to {WORKLIST_MAX_LIMIT} (default {WORKLIST_DEFAULT_LIMIT})."
        )));
    }
    let cursor = match query.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(text) => Some(Cursor::decode(text).ok_or_else(|| {
            Error::BadRequest(
                "cursor is not one this endpoint wrote; send the next_cursor of the last page, \
                 or none to start over."
                    .into(),
            )
        })?),
    };
    let started = std::time::Instant::now();
    let page = worklist::page(&state.db, device.officer_id, cursor, limit).await?;
    // Counts only: never a NIK or a name.
    tracing::info!(
        device_id = device.device_id,
        officer_id = device.officer_id,
        reset = page.reset,
        entries = page.entries.len(),
        removed = page.removed.len(),
        registered = page.registered.len(),
        more = page.more,
        millis = started.elapsed().as_millis() as u64,
        "worklist page"
    );
    if let Err(e) =
        devices_health::record(&state.db, device, None, 0, state.config.clock.now_millis()).await
    {
        // The page is right without it; "last seen" waits for the next request.
        tracing::warn!(error = %e, device_id = device.device_id, "device not marked seen");
    }
    Ok(Json(page))
}

pub(super) fn router() -> Router<AppState> {
    Router::new().route(
        under_api(WORKLIST_PATH),
        get(worklist).layer(
            CompressionLayer::new()
                .gzip(true)
                .no_br()
                .no_deflate()
                .no_zstd(),
        ),
    )
}
