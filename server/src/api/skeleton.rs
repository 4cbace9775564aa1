//! The walking skeleton's endpoint: names sent by the app, kept once per id.
//! Replaced by `POST /api/v1/registrations/batch` when the real sync lands.

use axum::{Json, Router, extract::State, routing::get};
use serde::{Deserialize, Serialize};

use crate::{AppState, error::Result};

/// One name as the app sends it.
#[derive(Deserialize)]
pub struct Entry {
    id: String,
    name: String,
}

/// What the app sends: every entry it holds that the city has not confirmed.
#[derive(Deserialize)]
pub struct Batch {
    entries: Vec<Entry>,
}

/// The ids the city now holds; sending the same id again is harmless.
#[derive(Serialize)]
pub struct Received {
    received: Vec<String>,
}

/// How many entries the city holds.
#[derive(Serialize)]
pub struct Count {
    count: i64,
}

async fn receive(
    State(state): State<AppState>,
    Json(batch): Json<Batch>,
) -> Result<Json<Received>> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default();
    let mut tx = state.db.pool.begin().await?;
    let mut received = Vec::with_capacity(batch.entries.len());
    for entry in batch.entries {
        // ON CONFLICT DO NOTHING: a retried sync must not create a second row.
        sqlx::query(
            "INSERT INTO skeleton_entries (id, name, received_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(entry.id.clone())
        .bind(entry.name)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        received.push(entry.id);
    }
    tx.commit().await?;
    tracing::info!(count = received.len(), "skeleton entries received");
    Ok(Json(Received { received }))
}

async fn count(State(state): State<AppState>) -> Result<Json<Count>> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM skeleton_entries")
        .fetch_one(&state.db.pool)
        .await?;
    Ok(Json(Count { count }))
}

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/skeleton/entries", get(count).post(receive))
}
