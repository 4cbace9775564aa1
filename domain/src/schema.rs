//! Which version of the registration schema this code writes, and the error for one it does
//! not know.
//!
//! Every stored or sent registration carries its `schema_version`. Older versions are migrated
//! where they are read (`crate::wire::versions`); a version newer than this code is refused,
//! never misread. A leaf module: the registration model and the wire both depend on it.

use crate::errors::coded_error;

/// The schema version this crate writes.
pub const SCHEMA_VERSION: u32 = 1;

coded_error! {
    /// Why a stored or sent registration cannot be read as the current schema.
    pub enum SchemaError {
        /// A schema version this code does not know (for example written by a newer app).
        Unsupported => "schema_version.unsupported", "unsupported schema version";
    }
}
