//! Rate limits: a small in-memory token bucket per device/admin token (keyed by the token's
//! hash) and per client address. A request over either limit is answered 429 with
//! `Retry-After`. The client address is the one [`crate::proxy`] worked out: behind a trusted
//! proxy, the phone's own address from `X-Forwarded-For`, so one noisy phone does not get every
//! other phone behind the same proxy refused.
//!
//! In memory, per process, on purpose: a bucket only smooths a flood, and with two endpoints
//! behind the proxy a client gets at most twice its allowance. What must hold across processes
//! and restarts — failed enrollment codes and sign-ins — is counted in the database instead
//! ([`crate::attempts`]).

pub mod buckets;

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};

pub use buckets::RateLimiter;

use crate::{AppState, auth::bearer_hash, error::Error, proxy::Client};

/// Middleware over the API: 429 with `Retry-After` when a bucket is empty.
pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let address = request
        .extensions()
        .get::<Client>()
        .and_then(|client| client.address);
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
