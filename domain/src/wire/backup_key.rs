//! The city's public key for backups: the phone wraps its data key with it, so that a backup
//! file opens with the city's private key and nothing else (`docs/security.md`).
//!
//! The phone gets the key in the enrollment answer ([`super::EnrollResponse::backup_key`]); a
//! phone enrolled before backups were encrypted asks `GET` [`BACKUP_KEY_PATH`] for it. The key is
//! public: the route needs no token.

use serde::{Deserialize, Serialize};

/// Where the endpoint publishes its backup key (`GET`, no token).
pub const BACKUP_KEY_PATH: &str = "/api/v1/backup-key";

/// The curve and encoding of [`CityKey::public_key`]: a P-256 point, uncompressed (SEC 1,
/// 65 bytes: `0x04 ‖ x ‖ y`), in standard base64 — what WebCrypto's `importKey("raw", …)`
/// reads for ECDH.
pub const CITY_KEY_FORMAT: &str = "P-256 raw uncompressed, base64";

/// The city's public key for backups, as the endpoint publishes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CityKey {
    /// The public key: a P-256 point, uncompressed, in standard base64 ([`CITY_KEY_FORMAT`]).
    pub public_key: String,
    /// A short name of the key: the first 8 bytes of the SHA-256 of the raw point, in hex. A
    /// backup names the key it was made for, so one made for another key is told apart.
    pub key_id: String,
}
