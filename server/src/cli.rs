//! The command line of the endpoint binary.

use std::{net::SocketAddr, path::PathBuf};

use clap::{Parser, Subcommand};

use crate::{
    AppState,
    config::{Config, DEFAULT_BIND, DEFAULT_DATABASE_URL, DEFAULT_DIST_DIR},
};

/// Lindungi's city endpoint.
#[derive(Parser, Debug)]
#[command(version, about)]
pub struct Cli {
    /// `sqlite://FILE` (created if missing) or `postgres://…`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    database_url: String,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the API and the built app (the default).
    Serve {
        /// Address to listen on.
        #[arg(long, env = "LINDUNGI_BIND", default_value = DEFAULT_BIND)]
        bind: SocketAddr,
        /// Folder holding the built app.
        #[arg(long, env = "LINDUNGI_DIST", default_value = DEFAULT_DIST_DIR)]
        dist: PathBuf,
    },
}

impl Cli {
    /// Carries out the command.
    pub async fn run(self) -> anyhow::Result<()> {
        let command = self.command.unwrap_or(Command::Serve {
            bind: DEFAULT_BIND.parse()?,
            dist: DEFAULT_DIST_DIR.into(),
        });
        match command {
            Command::Serve { bind, dist } => {
                let config = Config {
                    bind,
                    database_url: self.database_url,
                    dist_dir: dist,
                };
                crate::serve(AppState::start(config).await?).await
            }
        }
    }
}
