//! Identifiers: the registration's permanent UUID and the officer who made it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::errors::coded_error;
use crate::text::text_newtype;

coded_error! {
    /// Why a text is not a registration id.
    pub enum RegistrationIdError {
        /// Nothing was given.
        Empty => "required", "no id given";
        /// Not a lowercase UUID `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
        Format => "id.format", "an id is a lowercase UUID";
    }
}

/// A registration's permanent id: a UUID in canonical lowercase `8-4-4-4-12` hex form.
///
/// The app makes it with `crypto.randomUUID()` when a draft is started; it never changes, so a
/// phone that comes back after a week can retry safely (`docs/architecture.md`, the sync contract). Parsing is
/// strict — no uppercase, braces or surrounding spaces — because the id is compared byte for byte
/// by the endpoint; the version digit is not checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegistrationId(String);

/// Where the dashes go in a canonical UUID.
const DASHES: [usize; 4] = [8, 13, 18, 23];
const UUID_LEN: usize = 36;

impl RegistrationId {
    /// Parses the canonical lowercase form.
    pub fn parse(input: &str) -> Result<RegistrationId, RegistrationIdError> {
        if input.is_empty() {
            return Err(RegistrationIdError::Empty);
        }
        let well_formed = input.len() == UUID_LEN
            && input.bytes().enumerate().all(|(i, b)| {
                if DASHES.contains(&i) {
                    b == b'-'
                } else {
                    matches!(b, b'0'..=b'9' | b'a'..=b'f')
                }
            });
        if !well_formed {
            return Err(RegistrationIdError::Format);
        }
        Ok(RegistrationId(input.to_owned()))
    }

    /// A version-4 (random) UUID from 16 random bytes, setting the version and variant bits as
    /// RFC 9562 says: for the endpoint or tests, where `crypto.randomUUID()` is not at hand.
    pub fn from_random_bytes(mut bytes: [u8; 16]) -> RegistrationId {
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        let mut text = String::with_capacity(UUID_LEN);
        for (i, byte) in bytes.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                text.push('-');
            }
            text.push_str(&format!("{byte:02x}"));
        }
        RegistrationId(text)
    }

    /// The canonical text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RegistrationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for RegistrationId {
    type Err = RegistrationIdError;
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        RegistrationId::parse(input)
    }
}

impl TryFrom<String> for RegistrationId {
    type Error = RegistrationIdError;
    fn try_from(input: String) -> Result<Self, Self::Error> {
        RegistrationId::parse(&input)
    }
}

impl From<RegistrationId> for String {
    fn from(id: RegistrationId) -> String {
        id.0
    }
}

/// A koperasi's permanent id: a UUID made on the phone where the koperasi was first registered,
/// in the same canonical form as a [`RegistrationId`]. Every member's registration carries it, so
/// the endpoint counts members of the same koperasi together even when several phones sent them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct KoperasiId(String);

impl KoperasiId {
    /// Parses the canonical lowercase UUID form (errors as for [`RegistrationId::parse`]).
    pub fn parse(input: &str) -> Result<KoperasiId, RegistrationIdError> {
        RegistrationId::parse(input).map(|id| KoperasiId(id.0))
    }

    /// The canonical text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for KoperasiId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for KoperasiId {
    type Error = RegistrationIdError;
    fn try_from(input: String) -> Result<Self, Self::Error> {
        KoperasiId::parse(&input)
    }
}

impl From<KoperasiId> for String {
    fn from(id: KoperasiId) -> String {
        id.0
    }
}

text_newtype! {
    /// Who registered: the officer's id as the endpoint knows it (from enrollment), 1–64
    /// characters. Optional on a registration for now — traders registering themselves have none.
    OfficerId, 1..=64
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b";

    #[test]
    fn a_canonical_lowercase_uuid_is_an_id() {
        assert_eq!(RegistrationId::parse(ID).unwrap().as_str(), ID);
    }

    #[test]
    fn an_uppercase_or_braced_or_short_uuid_is_not_an_id() {
        for input in [
            "3F2B8C1E-9A4D-4E6F-8B7A-1C2D3E4F5A6B",
            "{3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b}",
            " 3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b",
            "3f2b8c1e9a4d4e6f8b7a1c2d3e4f5a6b",
            "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6",
            "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6g",
        ] {
            assert_eq!(
                RegistrationId::parse(input),
                Err(RegistrationIdError::Format),
                "{input}"
            );
        }
        assert_eq!(RegistrationId::parse(""), Err(RegistrationIdError::Empty));
    }

    #[test]
    fn an_id_from_random_bytes_is_a_canonical_version_4_uuid() {
        let id = RegistrationId::from_random_bytes([0xff; 16]);
        assert_eq!(id.as_str(), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(RegistrationId::parse(id.as_str()), Ok(id));
    }

    #[test]
    fn an_officer_id_is_trimmed_text() {
        assert_eq!(
            OfficerId::parse(" petugas-07 ").unwrap().as_str(),
            "petugas-07"
        );
        assert!(OfficerId::parse(&"x".repeat(65)).is_err());
    }
}
