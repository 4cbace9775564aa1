//! Components, grouped by feature; `common/` holds the ones every screen uses.

pub mod common;
pub mod form;
pub mod pwa;
