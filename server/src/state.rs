//! What every handler can reach.

use std::sync::Arc;

use crate::{config::Config, db::Db};

/// Shared, cheaply cloned state of the endpoint.
#[derive(Clone)]
pub struct AppState {
    /// The database (SQLite or PostgreSQL).
    pub db: Db,
    /// The settings it was started with.
    pub config: Arc<Config>,
}

impl AppState {
    /// Connects to the configured database, runs the migrations, and is ready to serve.
    pub async fn start(config: Config) -> anyhow::Result<Self> {
        let db = Db::connect(&config.database_url).await?;
        Ok(Self {
            db,
            config: Arc::new(config),
        })
    }
}
