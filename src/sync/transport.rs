//! How a batch reaches the endpoint, and every way that can fail. The engine sees only
//! [`Transport`], so tests drive it with a scripted one and the app with [`Http`].

use domain::wire::{BatchRequest, BatchResponse};
use gloo_net::http::Request;

/// Path of the batch endpoint.
pub const BATCH: &str = domain::wire::BATCH_PATH;
/// A request that has not answered in this long is given up and retried later: one bar
/// of signal can hold a connection open for minutes without delivering anything.
pub const TIMEOUT_MS: u32 = 30_000;
/// When a 429 comes without a usable `Retry-After`.
pub const DEFAULT_RETRY_AFTER_SECS: u32 = 30;

/// Why a batch did not get an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendError {
    /// No connection, a dropped connection, or an answer that could not be read.
    Network,
    /// No answer within [`TIMEOUT_MS`].
    Timeout,
    /// The device token is missing, unknown or revoked (401).
    Unauthorized,
    /// The batch is too large for the endpoint (413).
    TooLarge,
    /// Too many requests (429): wait this many seconds.
    RateLimited(u32),
    /// The endpoint failed (5xx) or answered something unexpected.
    Server(u16),
}

/// Sends one batch.
#[allow(async_fn_in_trait)] // used only on the browser's single thread
pub trait Transport {
    /// Sends `batch` with the device `token`.
    async fn send(&self, token: &str, batch: &BatchRequest) -> Result<BatchResponse, SendError>;
}

/// The real endpoint, same origin, over `fetch` (gloo-net).
#[derive(Clone, Copy, Debug, Default)]
pub struct Http;

impl Transport for Http {
    async fn send(&self, token: &str, batch: &BatchRequest) -> Result<BatchResponse, SendError> {
        let controller = web_sys::AbortController::new().map_err(|_| SendError::Network)?;
        let signal = controller.signal();
        // Abort the fetch when the timeout fires; the timer is dropped (cancelled) on return.
        let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
        let flag = timed_out.clone();
        let _timer = gloo_timers::callback::Timeout::new(TIMEOUT_MS, move || {
            flag.set(true);
            controller.abort();
        });
        let response = Request::post(BATCH)
            .header("Authorization", &format!("Bearer {token}"))
            .abort_signal(Some(&signal))
            .json(batch)
            .map_err(|_| SendError::Network)?
            .send()
            .await;
        let failed = |_| {
            if timed_out.get() {
                SendError::Timeout
            } else {
                SendError::Network
            }
        };
        let response = response.map_err(failed)?;
        match response.status() {
            200 => response.json::<BatchResponse>().await.map_err(failed),
            401 => Err(SendError::Unauthorized),
            413 => Err(SendError::TooLarge),
            429 => Err(SendError::RateLimited(
                response
                    .headers()
                    .get("Retry-After")
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(DEFAULT_RETRY_AFTER_SECS),
            )),
            status => Err(SendError::Server(status)),
        }
    }
}
