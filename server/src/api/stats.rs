//! `GET /stats` (admin): the city's figures of [`crate::coverage`]. Counts only: no personal
//! data leaves through here.

use axum::{Json, Router, extract::State, routing::get};

use crate::{AppState, auth::Admin, coverage, error::Result};

pub use crate::coverage::Stats;

/// Coverage figures against the target.
#[utoipa::path(
    get, path = "/api/v1/stats", tag = "city",
    security(("admin_token" = [])),
    responses(
        (status = 200, description = "Coverage of the roster and registrations by region, business type, day, officer and koperasi", body = Stats),
        (status = 401, description = "Missing, unknown, revoked or expired admin token", body = domain::wire::ApiError),
    )
)]
pub(crate) async fn stats(State(state): State<AppState>, _admin: Admin) -> Result<Json<Stats>> {
    Ok(Json(coverage::stats(&state.db, state.config.target).await?))
}

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/stats", get(stats))
}
