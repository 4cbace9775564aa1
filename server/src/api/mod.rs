//! The versioned API, mounted at `/api/v1`. Each area owns its router.

mod health;
mod skeleton;

use axum::Router;

use crate::{AppState, error::Error};

/// All `/api/v1` routes. An unknown API path is a JSON 404, never the app shell.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(skeleton::router())
        .fallback(|| async { Error::NotFound })
}
