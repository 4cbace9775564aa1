//! `GET /api/v1/health`: is the endpoint up and can it reach its database?

use axum::{Json, Router, extract::State, routing::get};
use serde::Serialize;

use crate::{AppState, error::Result};

/// The health answer.
#[derive(Serialize)]
pub struct Health {
    status: &'static str,
    database: &'static str,
}

async fn health(State(state): State<AppState>) -> Result<Json<Health>> {
    sqlx::query("SELECT 1").execute(&state.db.pool).await?;
    Ok(Json(Health {
        status: "ok",
        database: state.db.backend.name(),
    }))
}

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/health", get(health))
}
