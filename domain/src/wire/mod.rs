//! Every contract between the app and the city endpoint (API v1, `docs/architecture.md`):
//! paths, request and response bodies, limits and error codes, defined once and used by both
//! sides.
//!
//! - [`enrollment`]: a phone trades an officer's one-time code for its device token
//!   (`POST` [`DEVICES_PATH`]).
//! - [`batch`]: the phone sends registrations (`POST` [`BATCH_PATH`] with a [`BatchRequest`]); the
//!   endpoint answers a [`BatchResponse`] with one [`ItemResult`] per registration, by id.
//! - [`submission`]: one registration as stored and sent, and its validation into a
//!   [`crate::Registration`]; [`versions`]: older shapes of it and their migration.
//! - [`incoming`]: a batch as the endpoint reads it, each registration's schema version met and
//!   its times judged by the endpoint's clock before validation.
//! - [`receipt`]: the city's receipt numbers.
//! - [`worklist`]: the officer's area — roster entries not yet covered and NIKs already
//!   registered — fetched incrementally (`GET` [`WORKLIST_PATH`]).
//! - [`health`]: which phone holds what — the report every batch carries and the heartbeat
//!   (`POST` [`HEARTBEAT_PATH`]).
//! - Whole-request failures (400, 401, 404, 408, 409, 413, 429, 5xx) carry an [`ApiError`] body
//!   whose `code` is one of [`api_error_code`].
//!
//! With the `openapi` feature (off by default; the endpoint turns it on), the types here derive
//! their OpenAPI schemas, so the published document describes exactly what is (de)serialized.

pub mod batch;
pub mod enrollment;
pub mod health;
pub mod incoming;
pub mod receipt;
pub mod submission;
pub mod versions;
pub mod worklist;

use serde::{Deserialize, Serialize};

pub use batch::{
    BATCH_PATH, BatchRequest, BatchResponse, ItemResult, MAX_BATCH_ITEMS, MAX_BODY_BYTES, Outcome,
};
pub use enrollment::{
    DEVICES_PATH, DeviceNameError, EnrollRequest, EnrollResponse, MAX_DEVICE_NAME_CHARS,
    MAX_ENROLL_BODY_BYTES, check_device_name,
};
pub use health::{DeviceHealth, HEARTBEAT_PATH, MAX_HEARTBEAT_BODY_BYTES};
pub use incoming::{Arrival, IncomingBatch, NewerSchema};
pub use receipt::{ReceiptError, ReceiptNumber};
pub use submission::Submission;
pub use versions::{StoredSubmission, SubmissionV0};
pub use worklist::{
    Area, RegisteredNik, WORKLIST_DEFAULT_LIMIT, WORKLIST_MAX_LIMIT, WORKLIST_PATH, WorklistEntry,
    WorklistPage, WorklistQuery, WorklistState,
};

/// Where the API lives; every path below starts with it.
pub const API_PREFIX: &str = "/api/v1";
/// The endpoint's liveness check.
pub const HEALTH_PATH: &str = "/api/v1/health";

/// The path of one registration's status (`GET`, device token): what the city holds for it.
pub fn registration_path(id: &str) -> String {
    format!("{API_PREFIX}/registrations/{id}")
}

/// The status of the answer that refuses a whole batch holding a registration of a schema newer
/// than the endpoint knows ([`api_error_code::UPDATE_REQUIRED`]): 409 Conflict, as the request
/// conflicts with the release the endpoint runs. (Not 426 Upgrade Required, which names a
/// protocol to switch to in an `Upgrade` header: there is none here.)
pub const UPDATE_REQUIRED_STATUS: u16 = 409;

/// The body of a whole-request failure (400, 401, 404, 408, 409, 413, 429, 5xx).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    /// A stable code: `malformed`, `unauthorized`, `not_found`, `update_required`, `too_large`,
    /// `rate_limited`, `timeout`, `overloaded` or `internal` (see `api_error_code`).
    pub code: String,
    /// An English explanation for logs and developers; the app shows its own text by `code`.
    pub message: String,
}

/// Stable codes of [`ApiError`].
pub mod api_error_code {
    /// 400: the body is not a valid batch.
    pub const MALFORMED: &str = "malformed";
    /// 401: the device token is missing, unknown or revoked (or the enrollment code is not
    /// valid).
    pub const UNAUTHORIZED: &str = "unauthorized";
    /// 404: no such API path or resource (or not one this device may see).
    pub const NOT_FOUND: &str = "not_found";
    /// 409 (`UPDATE_REQUIRED_STATUS`): the batch holds a registration of a schema newer than the
    /// endpoint knows; nothing in it was stored. The app and the endpoint are of different
    /// releases: the app keeps every registration waiting, says to update the app, and sends
    /// them again after the update. Never a reason to mark a registration as needing a fix.
    pub const UPDATE_REQUIRED: &str = "update_required";
    /// 413: the body is larger than `MAX_BODY_BYTES` or holds more than `MAX_BATCH_ITEMS`.
    pub const TOO_LARGE: &str = "too_large";
    /// 429: slow down; see `Retry-After`.
    pub const RATE_LIMITED: &str = "rate_limited";
    /// 408: the request (its head, its body, or the work it asked for) took longer than the
    /// endpoint waits; send it again (a batch cut off was not stored, or is answered as
    /// `already_received`).
    pub const TIMEOUT: &str = "timeout";
    /// 503: the endpoint is serving as many requests or connections as it allows; retry after
    /// `Retry-After`.
    pub const OVERLOADED: &str = "overloaded";
    /// 5xx: the endpoint failed; retry later.
    pub const INTERNAL: &str = "internal";

    /// Every code.
    pub const ALL: &[&str] = &[
        MALFORMED,
        UNAUTHORIZED,
        NOT_FOUND,
        UPDATE_REQUIRED,
        TOO_LARGE,
        RATE_LIMITED,
        TIMEOUT,
        OVERLOADED,
        INTERNAL,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_api_error_has_a_code_and_a_message() {
        let error = ApiError {
            code: api_error_code::TOO_LARGE.into(),
            message: "more than 500 registrations".into(),
        };
        let json = serde_json::to_string(&error).unwrap();
        assert_eq!(
            json,
            r#"{"code":"too_large","message":"more than 500 registrations"}"#
        );
    }
}
