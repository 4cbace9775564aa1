//! The one error type of the endpoint. What a client did wrong is answered plainly, as a
//! [`domain::wire::ApiError`] JSON body with a stable code; what went wrong inside is logged
//! and answered only with "try again later", so no query, path or personal data ever reaches
//! the response.

use axum::{
    Json,
    extract::rejection::JsonRejection,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use domain::wire::{
    ApiError, MAX_BODY_BYTES, MAX_ENROLL_BODY_BYTES, NewerSchema, UPDATE_REQUIRED_STATUS,
    api_error_code,
};

/// Every way a request can fail.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request itself is wrong (malformed JSON, a wrong content type, a missing field).
    #[error("{0}")]
    BadRequest(String),
    /// The bearer token is missing, unknown or revoked (or the enrollment code is not valid).
    #[error("{0}")]
    Unauthorized(&'static str),
    /// No such API route or resource (or not one this device may see).
    #[error("not found")]
    NotFound,
    /// The batch holds a registration of a schema newer than this endpoint knows: the app and
    /// the endpoint are of different releases, and nothing was stored.
    #[error("{0}")]
    UpdateRequired(NewerSchema),
    /// The body or the batch is larger than the limits.
    #[error("{0}")]
    TooLarge(String),
    /// The admin token was good once and has expired.
    #[error("the admin token expired")]
    TokenExpired {
        /// The day it expired, `YYYY-MM-DD` (UTC).
        on: String,
    },
    /// Too many requests from this token or address, or too many failed codes or sign-ins from
    /// this address.
    #[error("rate limited")]
    RateLimited {
        /// Seconds until a request will be accepted again.
        retry_after_secs: u64,
    },
    /// The request (its body, or the work it asked for) took longer than the endpoint waits.
    #[error("request timed out")]
    TimedOut,
    /// The endpoint serves as many requests as it allows; try again shortly.
    #[error("overloaded")]
    Overloaded {
        /// Seconds to wait.
        retry_after_secs: u64,
    },
    /// The database failed; details go to the log only.
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// Anything else that went wrong inside; details go to the log only.
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, code, message) = match self {
            Error::BadRequest(message) => {
                (StatusCode::BAD_REQUEST, api_error_code::MALFORMED, message)
            }
            Error::Unauthorized(message) => (
                StatusCode::UNAUTHORIZED,
                api_error_code::UNAUTHORIZED,
                message.to_owned(),
            ),
            Error::NotFound => (StatusCode::NOT_FOUND, "not_found", "Not found.".to_owned()),
            Error::UpdateRequired(newer) => (
                StatusCode::from_u16(UPDATE_REQUIRED_STATUS).unwrap_or(StatusCode::CONFLICT),
                api_error_code::UPDATE_REQUIRED,
                format!("{newer}. Nothing was stored: send the batch again after the update."),
            ),
            Error::TooLarge(message) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                api_error_code::TOO_LARGE,
                message,
            ),
            Error::TokenExpired { on } => (
                StatusCode::UNAUTHORIZED,
                api_error_code::UNAUTHORIZED,
                format!(
                    "The admin token expired on {on} (UTC); make a new one with \
                     `lindungi-server create-admin-token`."
                ),
            ),
            Error::RateLimited { retry_after_secs } => {
                return retry_after(
                    StatusCode::TOO_MANY_REQUESTS,
                    api_error_code::RATE_LIMITED,
                    format!("Too many requests; retry after {retry_after_secs} s."),
                    retry_after_secs,
                );
            }
            Error::TimedOut => (
                StatusCode::REQUEST_TIMEOUT,
                api_error_code::TIMEOUT,
                "The request took longer than the endpoint waits; send it again.".to_owned(),
            ),
            Error::Overloaded { retry_after_secs } => {
                return retry_after(
                    StatusCode::SERVICE_UNAVAILABLE,
                    api_error_code::OVERLOADED,
                    format!(
                        "The endpoint is serving as many requests as it can; retry after \
                         {retry_after_secs} s."
                    ),
                    retry_after_secs,
                );
            }
            Error::Database(e) => {
                tracing::error!(error = %e, "database error");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    api_error_code::INTERNAL,
                    "The service is temporarily unavailable; try again later.".to_owned(),
                )
            }
            Error::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    api_error_code::INTERNAL,
                    "Something went wrong inside the endpoint; try again later.".to_owned(),
                )
            }
        };
        (
            status,
            Json(ApiError {
                code: code.to_owned(),
                message,
            }),
        )
            .into_response()
    }
}

/// An [`ApiError`] answer that tells the client when to try again.
fn retry_after(status: StatusCode, code: &str, message: String, seconds: u64) -> Response {
    let body = ApiError {
        code: code.to_owned(),
        message,
    };
    let mut response = (status, Json(body)).into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}

impl From<NewerSchema> for Error {
    fn from(newer: NewerSchema) -> Self {
        Error::UpdateRequired(newer)
    }
}

/// A JSON body that `axum::Json` refused, answered as the API answers every refusal: a 413 for
/// a body over the route's `DefaultBodyLimit`, else a 400 `malformed` that says what is wrong.
impl From<JsonRejection> for Error {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => Error::BadRequest(
                "The body must be JSON, sent with Content-Type: application/json.".to_owned(),
            ),
            // serde's message names the line, column and what was expected; it may quote the
            // client's own text back to it, which is why it is never logged.
            e @ (JsonRejection::JsonSyntaxError(_) | JsonRejection::JsonDataError(_)) => {
                Error::BadRequest(format!(
                    "The body is not a valid request: {}",
                    e.body_text()
                ))
            }
            // The body stopped arriving, or trickled for too long (crate::limits).
            JsonRejection::BytesRejection(e) if is_timeout(&e) => Error::TimedOut,
            // The rejection does not say which limit was passed: both are named.
            other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => Error::TooLarge(format!(
                "The body is larger than the endpoint reads: at most {MAX_BODY_BYTES} bytes for \
                 a batch (send fewer registrations at once), {MAX_ENROLL_BODY_BYTES} for an \
                 enrollment."
            )),
            _ => Error::BadRequest("The body could not be read to its end.".to_owned()),
        }
    }
}

/// Result of a handler.
pub type Result<T> = std::result::Result<T, Error>;

/// Whether reading a body failed because it stopped arriving or took too long (the body timeouts of
/// `crate::limits::layer`), found anywhere in the chain of causes of `error`.
pub fn is_timeout(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(e) = cause {
        if e.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        cause = e.source();
    }
    false
}
