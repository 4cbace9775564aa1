//! How a batch reaches the endpoint. The engine sees only [`Transport`], so the plain native
//! tests drive it with a scripted one and the app with [`AuthorizedApi`], the typed client of
//! the endpoint (`crate::api`), which owns the HTTP, the timeout and the status codes.

use domain::wire::{BatchRequest, BatchResponse};

use crate::api::{AuthorizedApi, Error};

/// Sends one batch.
#[allow(async_fn_in_trait)] // used only on the browser's single thread
pub trait Transport {
    /// Sends `batch`; the answer holds one outcome per registration.
    async fn send(&self, batch: &BatchRequest) -> Result<BatchResponse, Error>;
}

impl Transport for AuthorizedApi {
    async fn send(&self, batch: &BatchRequest) -> Result<BatchResponse, Error> {
        self.send_batch(batch).await
    }
}
