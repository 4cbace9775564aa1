//! The one error type of the endpoint. What a client did wrong is answered plainly;
//! what went wrong inside is logged and answered only with "try again later", so no
//! query, path or personal data ever reaches the response.

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Serialize;

/// Every way a request can fail.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request itself is wrong (malformed JSON, a missing field).
    #[error("{0}")]
    BadRequest(String),
    /// No such API route or resource.
    #[error("not found")]
    NotFound,
    /// The database failed; details go to the log only.
    #[error("database error")]
    Database(#[from] sqlx::Error),
}

#[derive(Serialize)]
struct Body<'a> {
    code: &'a str,
    message: String,
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, code, message) = match self {
            Error::BadRequest(message) => (StatusCode::BAD_REQUEST, "bad_request", message),
            Error::NotFound => (StatusCode::NOT_FOUND, "not_found", "Not found.".to_owned()),
            Error::Database(e) => {
                tracing::error!(error = %e, "database error");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    "The service is temporarily unavailable; try again later.".to_owned(),
                )
            }
        };
        (status, Json(Body { code, message })).into_response()
    }
}

/// Result of a handler.
pub type Result<T> = std::result::Result<T, Error>;
