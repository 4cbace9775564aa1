//! What every handler can reach.

use std::sync::Arc;

use crate::{config::Config, db::Db, rate_limit::buckets::RateLimiter};

/// Shared, cheaply cloned state of the endpoint.
#[derive(Clone)]
pub struct AppState {
    /// The database (SQLite or PostgreSQL).
    pub db: Db,
    /// The settings it was started with.
    pub config: Arc<Config>,
    /// The API's token buckets, per token and per address.
    pub limiter: Arc<RateLimiter>,
}

impl AppState {
    /// Connects to the configured database, runs the migrations, and is ready to serve.
    pub async fn start(config: Config) -> anyhow::Result<Self> {
        let db = Db::connect_with(&config.database_url, config.sqlite_synchronous).await?;
        Ok(Self {
            db,
            limiter: Arc::new(RateLimiter::new(config.rate_limits)),
            config: Arc::new(config),
        })
    }

    /// Now, from the configured clock.
    pub fn now(&self) -> domain::Timestamp {
        self.config.clock.now()
    }
}
