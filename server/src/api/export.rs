//! `GET /export.csv` (admin): every registration in the hand-over layout of [`crate::export`].

use axum::{
    Router,
    extract::State,
    http::header,
    response::{IntoResponse, Response},
    routing::get,
};
use domain::{Registration, Timestamp};

use crate::{
    AppState,
    auth::Admin,
    error::Result,
    export::{ExportRow, to_csv},
};

/// Every registration as CSV in the hand-over layout (DOMAIN.md §9), receipt order.
#[utoipa::path(
    get, path = "/api/v1/export.csv", tag = "city",
    security(("admin_token" = [])),
    responses(
        (status = 200, description = "CSV with a header row; cells a spreadsheet would run as formulas start with an apostrophe", content_type = "text/csv", body = String),
        (status = 401, description = "Missing, unknown or revoked admin token", body = super::openapi::ApiError),
    )
)]
pub(crate) async fn export_csv(State(state): State<AppState>, _admin: Admin) -> Result<Response> {
    let rows: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT receipt, received_at, canonical_json FROM registrations \
         ORDER BY receipt_year, receipt_sequence",
    )
    .fetch_all(&state.db.pool)
    .await?;
    let mut parsed = Vec::with_capacity(rows.len());
    for (receipt, received_at, json) in rows {
        let registration: Registration = serde_json::from_str(&json)
            .map_err(|e| anyhow::anyhow!("a stored registration does not read back: {e}"))?;
        let received_at = Timestamp::from_unix_millis(received_at)
            .map(|t| t.to_string())
            .unwrap_or_default();
        parsed.push((registration, receipt, received_at));
    }
    let csv = to_csv(
        parsed
            .iter()
            .enumerate()
            .map(|(i, (registration, receipt, received_at))| ExportRow {
                number: i + 1,
                registration,
                receipt,
                received_at,
            }),
    )
    .map_err(|e| anyhow::anyhow!("the export could not be written: {e}"))?;
    // The file is personal data: who took it is part of the audit trail (counts only).
    tracing::info!(rows = parsed.len(), "export downloaded");
    let filename = format!(
        "attachment; filename=\"lindungi-{}.csv\"",
        state.now().date_wib()
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, filename),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        csv,
    )
        .into_response())
}

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/export.csv", get(export_csv))
}
