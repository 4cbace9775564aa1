//! Rate limits: a small in-memory token bucket per device/admin token (keyed by the token's
//! hash) and per client address. A request over either limit is answered 429 with
//! `Retry-After`. In memory is enough: one endpoint process, and a restart forgiving everyone
//! is harmless. Behind a reverse proxy every client has the proxy's address; raise the
//! per-address limit there (`X-Forwarded-For` is not trusted, since any client can forge it).

pub mod buckets;

use std::net::SocketAddr;

use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};

pub use buckets::RateLimiter;

use crate::{AppState, auth::bearer_hash, error::Error};

/// Middleware over the API: 429 with `Retry-After` when a bucket is empty.
pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    let (parts, body) = request.into_parts();
    let token_hash = bearer_hash(&parts);
    if let Err(retry_after_secs) = state.limiter.check(address, token_hash.as_deref()) {
        tracing::warn!(
            limited_by = if token_hash.is_some() {
                "token_or_address"
            } else {
                "address"
            },
            retry_after_secs,
            "rate limited"
        );
        return Error::RateLimited { retry_after_secs }.into_response();
    }
    next.run(Request::from_parts(parts, body)).await
}
