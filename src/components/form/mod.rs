//! The registration form's building blocks.

pub mod draft;
pub mod fields;
