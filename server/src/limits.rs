//! Nothing hangs, nothing starves: how long a client may take, and how many may be served at
//! once. Each limit is a constant with the reason for its value; [`HttpLimits`] carries them into
//! a running endpoint (tests shorten them to see them act in seconds).
//!
//! Where each acts:
//! - the connection itself (`crate::serve`): the request head's deadline, the size of the head,
//!   the number of open connections;
//! - the request (the layers of [`layer`]): how many are served at once, the body's idle and
//!   total deadlines, the whole request's deadline;
//! - the database (`crate::db`): the pool's acquire timeout and PostgreSQL's statement, lock and
//!   idle-transaction timeouts.

use std::{sync::Arc, time::Duration};

use axum::{
    Router,
    extract::Request,
    middleware::{self, Next},
    response::{IntoResponse, Response},
};
use tokio::sync::Semaphore;
use tower_http::timeout::{RequestBodyDeadlineLayer, RequestBodyTimeoutLayer};

use crate::{AppState, error::Error};

/// How long a client may take to send a request's head (its first line and headers), counted
/// from when the endpoint starts waiting for it — so it is also how long a kept-alive connection
/// may sit idle between requests. A phone on one bar of 2G sends a head of under 2 KiB in about
/// a second, and the proxy sends it at once; 10 s leaves room for a radio waking up, and frees
/// the slot of a client that stalls (on purpose or not) soon. Such a connection is closed.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Largest request head, in bytes (hyper answers 431 beyond it). The app's requests carry a
/// bearer token and a few standard headers (well under 2 KiB), the proxy adds its
/// `X-Forwarded-*`; without this limit hyper would buffer up to 400 KiB per connection.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Longest pause between two pieces of a request body. A body that stops arriving for 10 s has
/// stopped (a phone that lost its signal); the request is answered 408 and the connection freed.
pub const BODY_IDLE_TIMEOUT: Duration = Duration::from_secs(10);

/// Longest a request body may take from first to last byte, however it trickles. The app gives
/// a batch up after 30 s (`TIMEOUT_MS` in `src/sync/transport.rs`) and sends it again later, so
/// a body still arriving after that is read for nobody. A batch of 100 registrations (about
/// 200 KiB) crosses a 2G link in about 10 s.
pub const BODY_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// Longest a whole request may take, body and work included, before it is answered 408. The
/// slowest legitimate work is the hand-over file of the whole city (32,051 rows as XLSX: a few
/// seconds with the optimised build); a batch is a fraction of a second. A batch cut off here
/// is rolled back, and its retry is answered as if it were the first time.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// Requests served at once; beyond it a request is answered 503 at once with `Retry-After`
/// (the app sends it again later). Memory: each may hold a batch body of up to 2 MiB, so 512
/// bound that to 1 GiB. Time: it is 32 times the database pool, so more requests would only
/// queue for a database connection. Hundreds of phones syncing at the same minute still fit:
/// a batch takes well under a second.
pub const MAX_CONCURRENT_REQUESTS: usize = 512;

/// Connections open at once; beyond it a new connection is answered 503 and closed. Each costs a
/// file descriptor and up to [`MAX_HEADER_BYTES`] of buffer while its head is read (4,096 ×
/// 16 KiB = 64 MiB at worst). Behind the proxy the count follows the requests in flight; a phone
/// talking directly holds at most six. Room for a thousand stalled clients and the city's phones
/// together, and under the systemd unit's `LimitNOFILE` (`deploy/lindungi@.service`).
pub const MAX_CONNECTIONS: usize = 4_096;

/// How long a stopping endpoint lets requests in flight finish before it exits anyway. Longer
/// than [`REQUEST_TIMEOUT`] would never help; shorter than systemd's 90 s stop timeout, so the
/// endpoint ends by itself rather than being killed.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(60);

/// Seconds a client refused for load is told to wait (`Retry-After`): a moment, since the
/// overload of a moment is what the refusal is for.
pub const OVERLOAD_RETRY_AFTER_SECS: u64 = 5;

/// The limits a running endpoint applies; [`Default`] is the constants above.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HttpLimits {
    /// [`HEADER_READ_TIMEOUT`].
    pub header_read_timeout: Duration,
    /// [`BODY_IDLE_TIMEOUT`].
    pub body_idle_timeout: Duration,
    /// [`BODY_READ_TIMEOUT`].
    pub body_read_timeout: Duration,
    /// [`REQUEST_TIMEOUT`].
    pub request_timeout: Duration,
    /// [`MAX_CONCURRENT_REQUESTS`].
    pub max_concurrent_requests: usize,
    /// [`MAX_CONNECTIONS`].
    pub max_connections: usize,
}

impl Default for HttpLimits {
    fn default() -> Self {
        Self {
            header_read_timeout: HEADER_READ_TIMEOUT,
            body_idle_timeout: BODY_IDLE_TIMEOUT,
            body_read_timeout: BODY_READ_TIMEOUT,
            request_timeout: REQUEST_TIMEOUT,
            max_concurrent_requests: MAX_CONCURRENT_REQUESTS,
            max_connections: MAX_CONNECTIONS,
        }
    }
}

/// The request limits around every route of `router`: at most `max_concurrent_requests` at once
/// (503 beyond), the whole request within `request_timeout` (408), its body within
/// `body_read_timeout` and without a pause of `body_idle_timeout` (408, see `crate::error::is_timeout`).
pub fn layer(router: Router<AppState>, limits: HttpLimits) -> Router<AppState> {
    let in_flight = Arc::new(Semaphore::new(limits.max_concurrent_requests));
    let deadline = limits.request_timeout;
    router
        .layer(RequestBodyTimeoutLayer::new(limits.body_idle_timeout))
        .layer(RequestBodyDeadlineLayer::new(limits.body_read_timeout))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            within(deadline, request, next)
        }))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            one_of(in_flight.clone(), request, next)
        }))
}

/// Serves the request if one of the permits is free, else answers 503 at once.
async fn one_of(permits: Arc<Semaphore>, request: Request, next: Next) -> Response {
    match permits.try_acquire_owned() {
        Ok(_permit) => next.run(request).await,
        Err(_) => {
            tracing::warn!("request refused: too many at once");
            Error::Overloaded {
                retry_after_secs: OVERLOAD_RETRY_AFTER_SECS,
            }
            .into_response()
        }
    }
}

/// Serves the request within `deadline`, else answers 408 (the handler is dropped: a
/// transaction it had open is rolled back).
async fn within(deadline: Duration, request: Request, next: Next) -> Response {
    match tokio::time::timeout(deadline, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(
                seconds = deadline.as_secs(),
                "request answered 408: not done in time"
            );
            Error::TimedOut.into_response()
        }
    }
}
