//! One module per screen.

pub mod enroll;
pub mod form;
pub mod home;
pub mod koperasi;
pub mod lazy;
pub mod list;
pub mod new;
pub mod not_found;
pub mod record;
pub mod settings;
pub mod unlock;
pub mod worklist;
