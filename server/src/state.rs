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
    /// Ready to serve `db` with `config`. The caller has migrated the database or checked that
    /// its schema is current (`crate::cli`): serving never changes a schema by itself.
    pub fn new(config: Config, db: Db) -> Self {
        Self {
            db,
            limiter: Arc::new(RateLimiter::new(config.rate_limits)),
            config: Arc::new(config),
        }
    }

    /// Now, from the configured clock.
    pub fn now(&self) -> domain::Timestamp {
        self.config.clock.now()
    }

    /// Now, in unix milliseconds.
    pub fn now_millis(&self) -> i64 {
        self.config.clock.now_millis()
    }
}
