//! The hand-over files (admin): BPU registrations and the owners' workers (PU), as CSV or XLSX,
//! filtered by day of receipt and kelurahan. The columns are in [`crate::export`].
//!
//! Every route is [`hand_over`] for its (list, format) pair of [`HandOver`] — ODK
//! central-backend's `getXls(extension)`: one handler, made per file. The four functions below
//! only name their pair; they exist because the OpenAPI document needs a function per path.

use axum::{
    Router,
    extract::State,
    http::header,
    response::{IntoResponse, Response},
    routing::get,
};
use domain::wire::ApiError;

use crate::{
    AppState,
    audit::{self, Actor, Event},
    auth::Admin,
    error::Result,
    export::{
        self, COLUMNS, Column, Filter, Format, HandOver, List, WORKER_COLUMNS, bpu,
        filter::FilterQuery, source, workers,
    },
    proxy::Client,
};

/// Who asks for a file: the admin token's holder, from an address.
struct Requester {
    admin: Admin,
    client: Client,
}

/// A hand-over file: the registrations `filter` selects, as `file`'s list in `file`'s format,
/// as a download named `lindungi-<list>-<today>.<ext>`, never cached.
async fn hand_over(
    file: HandOver,
    state: AppState,
    by: Requester,
    filter: Filter,
) -> Result<Response> {
    let received = source::received(&state.db, filter, file.list).await?;
    let (rows, body) = match file.list {
        List::Bpu => write(file, COLUMNS, bpu::rows(received)).await?,
        List::Workers => write(file, WORKER_COLUMNS, workers::rows(received)).await?,
    };
    // The file is personal data: who took it, which part and how many rows goes to the audit
    // trail (the filters and the count, never a row).
    tracing::info!(
        list = file.list.name(),
        format = file.format.extension(),
        rows,
        "hand-over downloaded"
    );
    let event = Event::HandOverDownloaded {
        file: format!("{}.{}", file.list.name(), file.format.extension()),
        from: filter.from.map(|d| d.to_string()),
        to: filter.to.map(|d| d.to_string()),
        kelurahan: filter.kelurahan.map(|k| k.code().to_owned()),
        rows: rows as u64,
    };
    let actor = Actor::Admin {
        label: by.admin.label,
    };
    audit::record(
        &state.db.pool,
        state.now_millis(),
        &actor,
        by.client.address,
        &event,
    )
    .await?;
    let disposition = format!(
        "attachment; filename=\"{}\"",
        file.file_name(state.now().date_wib())
    );
    Ok((
        [
            (header::CONTENT_TYPE, file.format.content_type().to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

/// The rows written as the file's format: how many, and the bytes.
///
/// Written on a blocking thread: 32,051 rows take seconds to compress into an XLSX (more in a
/// debug build), which must not stall the async workers that receive batches meanwhile.
async fn write<R: Send + 'static>(
    file: HandOver,
    columns: &'static [Column<R>],
    rows: Vec<R>,
) -> Result<(usize, Vec<u8>)> {
    let count = rows.len();
    let body = tokio::task::spawn_blocking(move || match file.format {
        Format::Csv => export::to_csv(columns, &rows)
            .map_err(|e| anyhow::anyhow!("the CSV could not be written: {e}")),
        Format::Xlsx => export::to_xlsx(file.list.name(), columns, &rows)
            .map_err(|e| anyhow::anyhow!("the XLSX could not be written: {e}")),
    })
    .await
    .map_err(|e| anyhow::anyhow!("writing the file stopped: {e}"))??;
    Ok((count, body))
}

/// BPU registrations as CSV in the hand-over layout (docs/domain.md §9), receipt order.
#[utoipa::path(
    get, path = HandOver::BPU_CSV.path(), tag = "city",
    security(("admin_token" = [])),
    params(FilterQuery),
    responses(
        (status = 200, description = "CSV with a header row; cells a spreadsheet would run as formulas start with an apostrophe", content_type = "text/csv", body = String),
        (status = 400, description = "A filter that is not a date or a kelurahan, or `from` after `to`", body = ApiError),
        (status = 401, description = "Missing, unknown, revoked or expired admin token", body = ApiError),
    )
)]
pub(crate) async fn export_csv(
    State(state): State<AppState>,
    admin: Admin,
    client: Client,
    filter: Filter,
) -> Result<Response> {
    hand_over(
        HandOver::BPU_CSV,
        state,
        Requester { admin, client },
        filter,
    )
    .await
}

/// BPU registrations as an XLSX workbook with the same columns as the CSV; NIK and phone
/// numbers are text cells.
#[utoipa::path(
    get, path = HandOver::BPU_XLSX.path(), tag = "city",
    security(("admin_token" = [])),
    params(FilterQuery),
    responses(
        (status = 200, description = "One sheet `bpu` with a header row", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 400, description = "A filter that is not a date or a kelurahan, or `from` after `to`", body = ApiError),
        (status = 401, description = "Missing, unknown, revoked or expired admin token", body = ApiError),
    )
)]
pub(crate) async fn export_xlsx(
    State(state): State<AppState>,
    admin: Admin,
    client: Client,
    filter: Filter,
) -> Result<Response> {
    hand_over(
        HandOver::BPU_XLSX,
        state,
        Requester { admin, client },
        filter,
    )
    .await
}

/// The owners' workers (wage earners, PU) as CSV, one row per worker with the employer's NIK,
/// name, business and address; filtered by the owner's registration.
#[utoipa::path(
    get, path = HandOver::WORKERS_CSV.path(), tag = "city",
    security(("admin_token" = [])),
    params(FilterQuery),
    responses(
        (status = 200, description = "CSV with a header row; cells a spreadsheet would run as formulas start with an apostrophe", content_type = "text/csv", body = String),
        (status = 400, description = "A filter that is not a date or a kelurahan, or `from` after `to`", body = ApiError),
        (status = 401, description = "Missing, unknown, revoked or expired admin token", body = ApiError),
    )
)]
pub(crate) async fn workers_csv(
    State(state): State<AppState>,
    admin: Admin,
    client: Client,
    filter: Filter,
) -> Result<Response> {
    hand_over(
        HandOver::WORKERS_CSV,
        state,
        Requester { admin, client },
        filter,
    )
    .await
}

/// The owners' workers (PU) as an XLSX workbook with the same columns as the CSV.
#[utoipa::path(
    get, path = HandOver::WORKERS_XLSX.path(), tag = "city",
    security(("admin_token" = [])),
    params(FilterQuery),
    responses(
        (status = 200, description = "One sheet `pekerja` with a header row", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 400, description = "A filter that is not a date or a kelurahan, or `from` after `to`", body = ApiError),
        (status = 401, description = "Missing, unknown, revoked or expired admin token", body = ApiError),
    )
)]
pub(crate) async fn workers_xlsx(
    State(state): State<AppState>,
    admin: Admin,
    client: Client,
    filter: Filter,
) -> Result<Response> {
    hand_over(
        HandOver::WORKERS_XLSX,
        state,
        Requester { admin, client },
        filter,
    )
    .await
}

/// One route per file, at the path its pair names.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(&HandOver::BPU_CSV.route(), get(export_csv))
        .route(&HandOver::BPU_XLSX.route(), get(export_xlsx))
        .route(&HandOver::WORKERS_CSV.route(), get(workers_csv))
        .route(&HandOver::WORKERS_XLSX.route(), get(workers_xlsx))
}
