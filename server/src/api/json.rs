//! The API's JSON body extractor: every way a body can be wrong is an [`ApiError`] JSON answer
//! (400 malformed, 413 too large), never axum's plain-text rejection and never a 500.
//!
//! [`ApiError`]: domain::wire::ApiError

use axum::{
    body::Body,
    extract::{FromRequest, Request},
    http::header,
};
use domain::wire::MAX_BODY_BYTES;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde::de::DeserializeOwned;

use crate::error::Error;

/// A JSON body of at most [`MAX_BODY_BYTES`], sent as `application/json`.
///
/// Unknown fields are ignored, not refused (the wire types do not deny them): an app newer than
/// the endpoint may send a field this version does not know, and refusing the whole batch for
/// it would stall every phone until the endpoint is upgraded. Nothing unknown is stored: the
/// endpoint keeps only the canonical form of what it validated.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Error;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Error> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
        if !is_json {
            return Err(Error::BadRequest(
                "The body must be JSON, sent with Content-Type: application/json.".to_owned(),
            ));
        }
        let too_large = || {
            Error::TooLarge(format!(
                "The body is larger than {MAX_BODY_BYTES} bytes; send fewer registrations at once."
            ))
        };
        let declared = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
            return Err(too_large());
        }
        let body: Body = request.into_body();
        let bytes = match Limited::new(body, MAX_BODY_BYTES).collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(e) if e.is::<LengthLimitError>() => return Err(too_large()),
            Err(_) => {
                return Err(Error::BadRequest(
                    "The body could not be read to its end.".to_owned(),
                ));
            }
        };
        if bytes.is_empty() {
            return Err(Error::BadRequest(
                "The body is empty; send JSON.".to_owned(),
            ));
        }
        serde_json::from_slice(&bytes).map(ApiJson).map_err(|e| {
            // serde_json's message names the line, column and what was expected; it may quote
            // the client's own text back to it, which is why it is never logged.
            Error::BadRequest(format!("The body is not a valid request: {e}"))
        })
    }
}
