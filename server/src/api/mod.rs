//! The versioned API, mounted at `/api/v1`. Each area owns its router.

mod devices;
mod export;
mod health;
pub mod openapi;
mod registrations;
mod stats;

pub use registrations::RegistrationStatus;
pub use stats::Stats;

use axum::{Router, extract::FromRequest, middleware};
use domain::wire::API_PREFIX;

use crate::{AppState, error::Error, rate_limit};

/// A JSON body, read by `axum::Json` within the route's `DefaultBodyLimit` and sent as
/// `application/json`; every way it can be wrong is an [`Error`] (400 malformed, 413 too large,
/// see its `From<JsonRejection>`), never axum's plain-text rejection and never a 500.
///
/// Unknown fields are ignored, not refused (the wire types do not deny them): an app newer than
/// the endpoint may send a field this version does not know, and refusing the whole batch for
/// it would stall every phone until the endpoint is upgraded. Nothing unknown is stored: the
/// endpoint keeps only the canonical form of what it validated.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(Error))]
pub struct ApiJson<T>(pub T);

/// A path of `domain::wire` (`/api/v1/devices`) as its route under [`router`], which is
/// nested at the API's prefix.
fn under_api(path: &'static str) -> &'static str {
    path.strip_prefix(API_PREFIX)
        .expect("every API path starts with the API's prefix")
}

/// All `/api/v1` routes, behind the rate limiter. An unknown API path is a JSON 404, never
/// the app shell.
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(devices::router())
        .merge(registrations::router())
        .merge(stats::router())
        .merge(export::router())
        .merge(openapi::router())
        .fallback(|| async { Error::NotFound })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            rate_limit::limit,
        ))
}
