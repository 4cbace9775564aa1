//! The one client of the city endpoint: every request the app makes, and what every status
//! code means, here and nowhere else. The paths and bodies are `domain::wire`'s.
//!
//! [`UnauthorizedApi`] makes the requests that need no token (enrolling the phone, the city's
//! public key for backups);
//! [`AuthorizedApi`] carries the device token for everything else. Both answer with one
//! [`Error`], so the enrollment screen and the sync engine read failures the same way. Every
//! answer's `Date` header tells `crate::clock` how far the phone's clock is from the endpoint's.

use std::{cell::Cell, rc::Rc};

use domain::wire::{
    BACKUP_KEY_PATH, BATCH_PATH, BatchRequest, BatchResponse, CityKey, DEVICES_PATH, EnrollRequest,
    EnrollResponse, UPDATE_REQUIRED_STATUS,
    health::{DeviceHealth, HEARTBEAT_PATH},
    worklist::{WORKLIST_PATH, WorklistPage},
};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::{Serialize, de::DeserializeOwned};

/// A request that has not answered in this long is given up and retried later: one bar
/// of signal can hold a connection open for minutes without delivering anything.
pub const TIMEOUT_MS: u32 = 30_000;
/// When a 429 comes without a usable `Retry-After`.
pub const DEFAULT_RETRY_AFTER_SECS: u32 = 30;

/// Why a request got no usable answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// No connection, a dropped connection, or an answer that could not be read.
    Network,
    /// No answer within [`TIMEOUT_MS`].
    Timeout,
    /// The endpoint refused the body (400): for an enrollment, the device name.
    BadRequest,
    /// The device token (or the enrollment code) is missing, unknown, used or revoked (401).
    Unauthorized,
    /// The batch is too large for the endpoint (413).
    TooLarge,
    /// The app and the endpoint are of different releases: the batch holds a schema the
    /// endpoint does not know (409 `update_required`). Nothing was stored; the registrations
    /// wait for the update, and are never marked as needing a fix for it.
    UpdateRequired,
    /// Too many requests (429): wait this many seconds.
    RateLimited(u32),
    /// The endpoint failed (5xx) or answered something unexpected.
    Server(u16),
}

impl Error {
    /// What a response with `status` means; `None` for a success (2xx). `retry_after` is the
    /// `Retry-After` header, read for a 429.
    pub fn from_status(status: u16, retry_after: Option<&str>) -> Option<Error> {
        Some(match status {
            200..=299 => return None,
            400 => Error::BadRequest,
            401 => Error::Unauthorized,
            413 => Error::TooLarge,
            UPDATE_REQUIRED_STATUS => Error::UpdateRequired,
            429 => Error::RateLimited(
                retry_after
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(DEFAULT_RETRY_AFTER_SECS),
            ),
            status => Error::Server(status),
        })
    }

    /// The stable code a registration keeps as its last failure, and the sync status shows
    /// (messages in `i18n::sync::failure`).
    pub fn code(&self) -> &'static str {
        match self {
            Error::Network => "sync.network",
            Error::Timeout => "sync.timeout",
            Error::Unauthorized => "sync.unauthorized",
            Error::TooLarge => "sync.too_large",
            Error::RateLimited(_) => "sync.rate_limited",
            Error::UpdateRequired => "sync.update_required",
            // A batch the endpoint calls malformed is this app's fault, not the officer's: it
            // reads as a problem on the city's side, to be retried, like any other status.
            Error::BadRequest | Error::Server(_) => "sync.server",
        }
    }
}

/// The endpoint, for the requests that need no token.
#[derive(Clone, Copy, Debug, Default)]
pub struct UnauthorizedApi;

impl UnauthorizedApi {
    /// Trades an officer's one-time enrollment code for this phone's device token.
    pub async fn enroll(&self, request: &EnrollRequest) -> Result<EnrollResponse, Error> {
        post(DEVICES_PATH, None, request).await
    }

    /// The city's public key for backups. An endpoint older than encrypted backups has no such
    /// route and answers 404 ([`Error::Server`]): the phone asks again at its next sync.
    pub async fn backup_key(&self) -> Result<CityKey, Error> {
        exchange(Request::get(BACKUP_KEY_PATH), None, None::<&()>).await
    }
}

/// The endpoint, as this enrolled phone: every request carries its device token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorizedApi {
    token: String,
}

impl AuthorizedApi {
    /// The endpoint as the phone holding `token`.
    pub fn new(token: impl Into<String>) -> Self {
        Self {
            token: token.into(),
        }
    }

    /// Sends one batch of registrations; the answer holds one outcome per registration.
    pub async fn send_batch(&self, batch: &BatchRequest) -> Result<BatchResponse, Error> {
        post(BATCH_PATH, Some(&self.token), batch).await
    }

    /// The next page of this officer's worklist after `cursor` (the whole area without one).
    /// The browser takes the gzip the endpoint sends.
    pub async fn worklist(&self, cursor: Option<&str>) -> Result<WorklistPage, Error> {
        let path = match cursor {
            Some(cursor) => format!(
                "{WORKLIST_PATH}?cursor={}",
                String::from(js_sys::encode_uri_component(cursor))
            ),
            None => WORKLIST_PATH.to_owned(),
        };
        exchange(Request::get(&path), Some(&self.token), None::<&()>).await
    }

    /// Tells the city how this phone is, when there is nothing to send (204).
    pub async fn heartbeat(&self, health: &DeviceHealth) -> Result<(), Error> {
        post(HEARTBEAT_PATH, Some(&self.token), health).await
    }
}

/// POSTs `body` as JSON to `path` on this origin and reads the JSON answer, all within
/// [`TIMEOUT_MS`].
async fn post<T: DeserializeOwned>(
    path: &str,
    token: Option<&str>,
    body: &impl Serialize,
) -> Result<T, Error> {
    exchange(Request::post(path), token, Some(body)).await
}

/// Sends `request` (with `body` as JSON, if any) and reads the JSON answer, all within
/// [`TIMEOUT_MS`].
async fn exchange<T: DeserializeOwned, B: Serialize>(
    request: RequestBuilder,
    token: Option<&str>,
    body: Option<&B>,
) -> Result<T, Error> {
    let controller = web_sys::AbortController::new().map_err(|_| Error::Network)?;
    let signal = controller.signal();
    // Abort the fetch (or the reading of its body) when the timeout fires; the timer lives to
    // the end of this function and is cancelled when it is dropped.
    let timed_out = Rc::new(Cell::new(false));
    let flag = timed_out.clone();
    let _timer = gloo_timers::callback::Timeout::new(TIMEOUT_MS, move || {
        flag.set(true);
        controller.abort();
    });
    let failed = |_| {
        if timed_out.get() {
            Error::Timeout
        } else {
            Error::Network
        }
    };
    let mut request = request.abort_signal(Some(&signal));
    if let Some(token) = token {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let request = match body {
        Some(body) => request.json(body),
        None => request.build(),
    };
    let response: Response = request
        .map_err(|_| Error::Network)?
        .send()
        .await
        .map_err(failed)?;
    // Every answer says the endpoint's date: how far the phone's clock is from it.
    if let Some(date) = response.headers().get("Date") {
        crate::clock::observe_endpoint_date(&date);
    }
    let retry_after = response.headers().get("Retry-After");
    match Error::from_status(response.status(), retry_after.as_deref()) {
        // No content (a heartbeat's answer): read as JSON `null`, which `()` is.
        None if response.status() == 204 => {
            serde_json::from_str("null").map_err(|_| Error::Server(204))
        }
        None => response.json::<T>().await.map_err(failed),
        Some(e) => Err(e),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_success_of_any_2xx_is_no_error() {
        assert_eq!(Error::from_status(200, None), None);
        assert_eq!(Error::from_status(201, None), None);
    }

    #[test]
    fn each_whole_request_failure_has_its_own_error() {
        assert_eq!(Error::from_status(400, None), Some(Error::BadRequest));
        assert_eq!(Error::from_status(401, None), Some(Error::Unauthorized));
        assert_eq!(Error::from_status(413, None), Some(Error::TooLarge));
        assert_eq!(Error::from_status(409, None), Some(Error::UpdateRequired));
        assert_eq!(Error::from_status(503, None), Some(Error::Server(503)));
        assert_eq!(Error::from_status(404, None), Some(Error::Server(404)));
    }

    #[test]
    fn a_429_waits_as_long_as_retry_after_says_or_30_seconds() {
        assert_eq!(
            Error::from_status(429, Some(" 12 ")),
            Some(Error::RateLimited(12))
        );
        assert_eq!(
            Error::from_status(429, Some("Wed, 21 Oct 2026 07:28:00 GMT")),
            Some(Error::RateLimited(DEFAULT_RETRY_AFTER_SECS))
        );
        assert_eq!(
            Error::from_status(429, None),
            Some(Error::RateLimited(DEFAULT_RETRY_AFTER_SECS))
        );
    }

    #[test]
    fn every_failure_code_has_a_message_for_the_officer() {
        for e in [
            Error::Network,
            Error::Timeout,
            Error::BadRequest,
            Error::Unauthorized,
            Error::TooLarge,
            Error::UpdateRequired,
            Error::RateLimited(1),
            Error::Server(502),
        ] {
            assert!(
                crate::i18n::sync::failure(e.code()).is_some(),
                "{e:?} has no message"
            );
        }
    }
}
