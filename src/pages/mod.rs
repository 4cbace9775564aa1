//! One module per screen.

pub mod skeleton;
