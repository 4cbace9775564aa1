//! The hand-over files (admin): BPU registrations and the owners' workers (PU), as CSV or XLSX,
//! filtered by day of receipt and kelurahan. The columns are in [`crate::export`].

use axum::{
    Router,
    extract::{Query, State, rejection::QueryRejection},
    http::header,
    response::{IntoResponse, Response},
    routing::get,
};
use domain::{Registration, Timestamp};

use crate::{
    AppState,
    auth::Admin,
    error::{Error, Result},
    export::{
        self, COLUMNS, Column, ExportRow, Filter, WORKER_COLUMNS, filter::FilterQuery, workers,
    },
};

/// The two file formats.
#[derive(Clone, Copy)]
enum Format {
    Csv,
    Xlsx,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// The checked filter of a request, or a 400 that says what is wrong.
fn filter(query: std::result::Result<Query<FilterQuery>, QueryRejection>) -> Result<Filter> {
    let Query(query) = query.map_err(|_| {
        Error::BadRequest("The query string cannot be read: use from, to and kelurahan.".into())
    })?;
    Filter::parse(&query).map_err(Error::BadRequest)
}

/// The registrations the filter selects, in receipt order, with their receipt and time of
/// receipt; `with_workers` keeps only those that list workers.
async fn registrations(
    state: &AppState,
    filter: Filter,
    with_workers: bool,
) -> Result<Vec<(Registration, String, String)>> {
    let (mut condition, values) = filter.sql();
    if with_workers {
        condition.push_str(if condition.is_empty() {
            " WHERE "
        } else {
            " AND "
        });
        condition.push_str(
            "EXISTS (SELECT 1 FROM workers w WHERE w.registration_id = registrations.id)",
        );
    }
    let sql = format!(
        "SELECT receipt, received_at, canonical_json FROM registrations{condition} \
         ORDER BY receipt_year, receipt_sequence"
    );
    // Only fixed conditions with placeholders are formatted in; every value is bound.
    let mut query = sqlx::query_as::<_, (String, i64, String)>(sqlx::AssertSqlSafe(sql));
    for value in values {
        query = query.bind(value);
    }
    let rows = query.fetch_all(&state.db.pool).await?;
    let mut parsed = Vec::with_capacity(rows.len());
    for (receipt, received_at, json) in rows {
        let registration: Registration = serde_json::from_str(&json)
            .map_err(|e| anyhow::anyhow!("a stored registration does not read back: {e}"))?;
        let received_at = Timestamp::from_unix_millis(received_at)
            .map(|t| t.to_string())
            .unwrap_or_default();
        parsed.push((registration, receipt, received_at));
    }
    Ok(parsed)
}

/// The file as a download named `lindungi-<list>-<today>.<ext>`, never cached.
///
/// Written on a blocking thread: 32,051 rows take seconds to compress into an XLSX (more in a
/// debug build), which must not stall the async workers that receive batches meanwhile.
async fn download<R: Send + 'static>(
    state: &AppState,
    list: &'static str,
    format: Format,
    columns: &'static [Column<R>],
    rows: Vec<R>,
) -> Result<Response> {
    let count = rows.len();
    let body = tokio::task::spawn_blocking(move || match format {
        Format::Csv => export::to_csv(columns, &rows)
            .map_err(|e| anyhow::anyhow!("the CSV could not be written: {e}")),
        Format::Xlsx => export::to_xlsx(list, columns, &rows)
            .map_err(|e| anyhow::anyhow!("the XLSX could not be written: {e}")),
    })
    .await
    .map_err(|e| anyhow::anyhow!("writing the file stopped: {e}"))??;
    // The file is personal data: that it was taken is part of the audit trail (counts only).
    tracing::info!(
        list,
        format = format.extension(),
        rows = count,
        "hand-over downloaded"
    );
    let disposition = format!(
        "attachment; filename=\"lindungi-{list}-{}.{}\"",
        state.now().date_wib(),
        format.extension()
    );
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

async fn bpu(state: &AppState, filter: Filter, format: Format) -> Result<Response> {
    let rows: Vec<ExportRow> = registrations(state, filter, false)
        .await?
        .into_iter()
        .enumerate()
        .map(|(i, (registration, receipt, received_at))| ExportRow {
            number: i + 1,
            registration,
            receipt,
            received_at,
        })
        .collect();
    download(state, "bpu", format, COLUMNS, rows).await
}

async fn pu(state: &AppState, filter: Filter, format: Format) -> Result<Response> {
    let rows = workers::rows(registrations(state, filter, true).await?);
    download(state, "pekerja", format, WORKER_COLUMNS, rows).await
}

/// BPU registrations as CSV in the hand-over layout (DOMAIN.md §9), receipt order.
#[utoipa::path(
    get, path = "/api/v1/export.csv", tag = "city",
    security(("admin_token" = [])),
    params(FilterQuery),
    responses(
        (status = 200, description = "CSV with a header row; cells a spreadsheet would run as formulas start with an apostrophe", content_type = "text/csv", body = String),
        (status = 400, description = "A filter that is not a date or a kelurahan, or `from` after `to`", body = domain::wire::ApiError),
        (status = 401, description = "Missing, unknown or revoked admin token", body = domain::wire::ApiError),
    )
)]
pub(crate) async fn export_csv(
    State(state): State<AppState>,
    _admin: Admin,
    query: std::result::Result<Query<FilterQuery>, QueryRejection>,
) -> Result<Response> {
    bpu(&state, filter(query)?, Format::Csv).await
}

/// BPU registrations as an XLSX workbook with the same columns as the CSV; NIK and phone
/// numbers are text cells.
#[utoipa::path(
    get, path = "/api/v1/export.xlsx", tag = "city",
    security(("admin_token" = [])),
    params(FilterQuery),
    responses(
        (status = 200, description = "One sheet `bpu` with a header row", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 400, description = "A filter that is not a date or a kelurahan, or `from` after `to`", body = domain::wire::ApiError),
        (status = 401, description = "Missing, unknown or revoked admin token", body = domain::wire::ApiError),
    )
)]
pub(crate) async fn export_xlsx(
    State(state): State<AppState>,
    _admin: Admin,
    query: std::result::Result<Query<FilterQuery>, QueryRejection>,
) -> Result<Response> {
    bpu(&state, filter(query)?, Format::Xlsx).await
}

/// The owners' workers (wage earners, PU) as CSV, one row per worker with the employer's NIK,
/// name, business and address; filtered by the owner's registration.
#[utoipa::path(
    get, path = "/api/v1/workers.csv", tag = "city",
    security(("admin_token" = [])),
    params(FilterQuery),
    responses(
        (status = 200, description = "CSV with a header row; cells a spreadsheet would run as formulas start with an apostrophe", content_type = "text/csv", body = String),
        (status = 400, description = "A filter that is not a date or a kelurahan, or `from` after `to`", body = domain::wire::ApiError),
        (status = 401, description = "Missing, unknown or revoked admin token", body = domain::wire::ApiError),
    )
)]
pub(crate) async fn workers_csv(
    State(state): State<AppState>,
    _admin: Admin,
    query: std::result::Result<Query<FilterQuery>, QueryRejection>,
) -> Result<Response> {
    pu(&state, filter(query)?, Format::Csv).await
}

/// The owners' workers (PU) as an XLSX workbook with the same columns as the CSV.
#[utoipa::path(
    get, path = "/api/v1/workers.xlsx", tag = "city",
    security(("admin_token" = [])),
    params(FilterQuery),
    responses(
        (status = 200, description = "One sheet `pekerja` with a header row", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 400, description = "A filter that is not a date or a kelurahan, or `from` after `to`", body = domain::wire::ApiError),
        (status = 401, description = "Missing, unknown or revoked admin token", body = domain::wire::ApiError),
    )
)]
pub(crate) async fn workers_xlsx(
    State(state): State<AppState>,
    _admin: Admin,
    query: std::result::Result<Query<FilterQuery>, QueryRejection>,
) -> Result<Response> {
    pu(&state, filter(query)?, Format::Xlsx).await
}

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/export.csv", get(export_csv))
        .route("/export.xlsx", get(export_xlsx))
        .route("/workers.csv", get(workers_csv))
        .route("/workers.xlsx", get(workers_xlsx))
}
