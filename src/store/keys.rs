//! Every browser-storage key the app uses, in one place. All live under one versioned
//! prefix so a future layout can sit beside this one while it is migrated.

/// Prefix of every key.
pub const PREFIX: &str = "lindungi.v1.";
/// The list of stored entry ids (small: ids only).
pub const INDEX: &str = "lindungi.v1.index";

/// The interface language chosen on this phone.
pub const LANGUAGE: &str = "lindungi.v1.language";

/// The key holding one entry.
pub fn entry(id: &str) -> String {
    format!("{PREFIX}entry.{id}")
}
