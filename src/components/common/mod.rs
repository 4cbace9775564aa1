//! Pieces every screen shares.

mod header;
mod sync_bar;

pub use header::Header;
pub use sync_bar::SyncBar;
