//! Where the endpoint listens, which database it keeps, and where the built app lives.

use std::{net::SocketAddr, path::PathBuf};

/// Listening address used when none is given: loopback only, so a demo never opens a
/// port to the market's Wi-Fi by accident.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
/// An embedded SQLite file, created on first run: `run` needs nothing installed.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://lindungi.db";
/// Trunk's output folder.
pub const DEFAULT_DIST_DIR: &str = "dist";

/// Settings for one running endpoint.
#[derive(Clone, Debug)]
pub struct Config {
    /// Address to listen on.
    pub bind: SocketAddr,
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// Folder holding the built app (index.html and its hashed assets).
    pub dist_dir: PathBuf,
}
