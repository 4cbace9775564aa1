//! The city endpoint: receives registrations from the app, checks them again with the
//! shared `domain` crate, keeps them (SQLite by default, PostgreSQL at scale), and serves
//! the built app from the same origin.

pub mod api;
pub mod areas;
pub mod auth;
pub mod cli;
pub mod config;
pub mod coverage;
pub mod dashboard;
pub mod db;
pub mod devices_health;
pub mod error;
pub mod export;
pub mod ingest;
pub mod officers;
pub mod rate_limit;
pub mod roster;
pub mod security_headers;
pub mod state;
pub mod static_files;
pub mod telemetry;
pub mod worklist;

use axum::Router;
pub use state::AppState;

/// The whole HTTP surface: the versioned API, and the app shell for everything else.
/// Kept apart from [`serve`] so tests can drive it with `oneshot` and no socket.
pub fn app(state: AppState) -> Router {
    Router::new()
        .nest(domain::wire::API_PREFIX, api::router(&state))
        .merge(dashboard::router(&state))
        .fallback_service(static_files::service(&state.config.dist_dir))
        .layer(axum::middleware::from_fn(security_headers::add))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// Binds the configured address and serves until Ctrl-C or SIGTERM.
pub async fn serve(state: AppState) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(state.config.bind).await?;
    let url = format!("http://{}", listener.local_addr()?);
    tracing::info!(%url, "listening");
    println!("Lindungi is running: open {url}");
    // With the peer address: the rate limiter keys unauthenticated requests by it.
    let service = app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
