//! The API's own extractors.

use axum::{
    body::Bytes,
    extract::{FromRequest, Request, rejection::JsonRejection},
    http::{HeaderMap, header},
};
use serde::de::DeserializeOwned;

use crate::error::Error;

/// A JSON body, read within the route's `DefaultBodyLimit` and sent as `application/json`;
/// every way it can be wrong is an [`Error`] (400 malformed, 413 too large, 408 stalled, see its
/// `From<JsonRejection>`), never axum's plain-text rejection and never a 500.
///
/// A well-formed body is read with plain `serde_json`. Only a body that fails is read again by
/// `axum::Json`, whose error names the path of the value that failed (`registrations[3].nik`):
/// that path-tracking costs on every value, about a tenth of the endpoint's CPU time at ingest
/// (BENCHMARKS.md, the profile), and only a refused body needs it. Both read the same bytes with
/// the same types, so the answer is the one `axum::Json` alone would give.
///
/// Unknown fields are ignored, not refused (the wire types do not deny them): an app newer than
/// the endpoint may send a field this version does not know, and refusing the whole batch for
/// it would stall every phone until the endpoint is upgraded. Nothing unknown is stored: the
/// endpoint keeps only the canonical form of what it validated.
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            // axum::Json decides, as it always has (a wrong content type: refused unread).
            return axum::Json::<T>::from_request(req, state)
                .await
                .map(|axum::Json(value)| ApiJson(value))
                .map_err(Error::from);
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| Error::from(JsonRejection::from(e)))?;
        match serde_json::from_slice(&bytes) {
            Ok(value) => Ok(ApiJson(value)),
            Err(_) => match axum::Json::<T>::from_bytes(&bytes) {
                Err(rejection) => Err(rejection.into()),
                // Never: both read the same bytes into the same type.
                Ok(axum::Json(value)) => Ok(ApiJson(value)),
            },
        }
    }
}

/// Whether the request plainly says its body is JSON: `application/json` or
/// `application/<anything>+json`, parameters allowed. Anything else goes to `axum::Json`, which
/// has the last word on content types.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or("").trim();
    let Some(subtype) = essence.strip_prefix("application/") else {
        return false;
    };
    subtype == "json" || subtype.ends_with("+json")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(content_type: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, content_type.parse().unwrap());
        headers
    }

    #[test]
    fn only_a_plain_json_content_type_takes_the_fast_path() {
        assert!(is_json(&with("application/json")));
        assert!(is_json(&with("application/json; charset=utf-8")));
        assert!(is_json(&with("application/problem+json")));
        assert!(!is_json(&with("text/plain")));
        assert!(!is_json(&with("application/x-www-form-urlencoded")));
        assert!(!is_json(&HeaderMap::new()));
    }
}
