//! Pieces every screen shares.

mod header;

pub use header::Header;
