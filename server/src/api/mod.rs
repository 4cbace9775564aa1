//! The versioned API, mounted at `/api/v1`. Each area owns its router.

mod devices;
mod export;
mod extract;
mod health;
mod heartbeat;
pub mod openapi;
mod paths;
mod registrations;
mod stats;
mod worklist;

pub use registrations::RegistrationStatus;
pub use stats::Stats;

use axum::{Router, middleware};

use crate::{AppState, error::Error, rate_limit};

/// All `/api/v1` routes, behind the rate limiter. An unknown API path is a JSON 404, never
/// the app shell.
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(devices::router())
        .merge(heartbeat::router())
        .merge(registrations::router())
        .merge(stats::router())
        .merge(export::router())
        .merge(worklist::router())
        .merge(openapi::router())
        .fallback(|| async { Error::NotFound })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            rate_limit::limit,
        ))
}
