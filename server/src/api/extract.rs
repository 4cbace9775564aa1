//! The API's own extractors.

use axum::extract::FromRequest;

use crate::error::Error;

/// A JSON body, read by `axum::Json` within the route's `DefaultBodyLimit` and sent as
/// `application/json`; every way it can be wrong is an [`Error`] (400 malformed, 413 too large,
/// see its `From<JsonRejection>`), never axum's plain-text rejection and never a 500.
///
/// Unknown fields are ignored, not refused (the wire types do not deny them): an app newer than
/// the endpoint may send a field this version does not know, and refusing the whole batch for
/// it would stall every phone until the endpoint is upgraded. Nothing unknown is stored: the
/// endpoint keeps only the canonical form of what it validated.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(Error))]
pub struct ApiJson<T>(pub T);
