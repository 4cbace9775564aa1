//! Pieces every screen shares.

mod header;
mod notices;
mod sync_bar;

pub use header::Header;
pub use notices::{NewerRecord, Notices};
pub use sync_bar::SyncBar;
