//! The Lindungi city endpoint. Everything lives in the library; this only reads the
//! command line and hands over.

use clap::Parser;
use lindungi_server::cli::Cli;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    lindungi_server::telemetry::init();
    Cli::parse().run().await
}
