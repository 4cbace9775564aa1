//! The city endpoint: receives registrations from the app, checks them again with the
//! shared `domain` crate, keeps them (SQLite by default, PostgreSQL at scale), and serves
//! the built app from the same origin.

pub mod api;
pub mod areas;
pub mod attempts;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod cli;
pub mod config;
pub mod coverage;
pub mod dashboard;
pub mod db;
pub mod devices_health;
pub mod error;
pub mod export;
pub mod ingest;
pub mod limits;
pub mod officers;
pub mod proxy;
pub mod rate_limit;
pub mod roster;
pub mod security_headers;
pub mod serve;
pub mod state;
pub mod static_files;
pub mod telemetry;
pub mod worklist;

use axum::{Router, middleware};
pub use serve::{serve, serve_on};
pub use state::AppState;

/// The whole HTTP surface: the versioned API, and the app shell for everything else.
/// Kept apart from [`serve`] so tests can drive it with `oneshot` and no socket.
///
/// Around every route, from the outside in: who the client is ([`proxy::identify`]), the
/// security headers, the request log, then the request limits ([`limits::layer`]).
pub fn app(state: AppState) -> Router {
    let routes = Router::new()
        .nest(domain::wire::API_PREFIX, api::router(&state))
        .merge(dashboard::router(&state))
        .fallback_service(static_files::service(&state.config.dist_dir));
    limits::layer(routes, state.config.limits)
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .layer(middleware::from_fn(security_headers::add))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            proxy::identify,
        ))
        .with_state(state)
}
