//! Enrollment: a phone trades an officer's one-time code for its device token.
//!
//! The city creates an officer and gets a code (`lindungi-server create-officer`); the officer
//! types it into the app with a name for the phone; the app posts an [`EnrollRequest`] to
//! [`DEVICES_PATH`] and keeps the [`EnrollResponse`]'s token, which it sends as
//! `Authorization: Bearer <token>` with every batch. A code works once; an unknown, used,
//! expired or revoked code is a 401, a device name [`check_device_name`] refuses is a 400.

use serde::{Deserialize, Serialize};

use super::backup_key::CityKey;

/// The enrollment endpoint.
pub const DEVICES_PATH: &str = "/api/v1/devices";

/// Longest device name kept, in characters: enough for "HP Samsung Bu Sri (pasar pagi)", short
/// enough to fit a line of the city's device table.
pub const MAX_DEVICE_NAME_CHARS: usize = 100;

/// Largest enrollment request body, in bytes. The route needs no token, so anyone can reach it:
/// a code and a name fit in a few hundred bytes, and nothing larger is ever read.
pub const MAX_ENROLL_BODY_BYTES: usize = 4 * 1024;

/// What the app sends to enroll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrollRequest {
    /// The code the city gave the officer, as typed (`ABCDE-FGHJK`; case, spaces and dashes do
    /// not matter).
    pub enrollment_code: String,
    /// A name for the phone, shown to the city's staff (e.g. "HP Bu Sri"): 1 to 100
    /// characters without control characters (`check_device_name`).
    pub device_name: String,
}

/// The device token, given once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrollResponse {
    /// The device's id.
    pub device_id: i64,
    /// The officer it belongs to.
    pub officer_id: i64,
    /// The officer's name, for the app to show.
    pub officer_name: String,
    /// Send as `Authorization: Bearer <token>`; the city keeps only its hash.
    pub token: String,
    /// The city's public key for backups (the phone wraps its data key with it). Added after the
    /// first release: an endpoint of that release leaves it out, and the phone then asks
    /// `GET` [`super::BACKUP_KEY_PATH`] for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_key: Option<CityKey>,
}

/// Why a device name is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DeviceNameError {
    /// Nothing but spaces.
    #[error("the device name is empty")]
    Empty,
    /// Longer than [`MAX_DEVICE_NAME_CHARS`].
    #[error("the device name is longer than {MAX_DEVICE_NAME_CHARS} characters")]
    TooLong,
    /// Holds a control character (a pasted newline, a tab).
    #[error("the device name holds a control character")]
    ControlCharacter,
}

/// The device name as kept (trimmed), or why it is refused.
pub fn check_device_name(input: &str) -> Result<&str, DeviceNameError> {
    let name = input.trim();
    if name.is_empty() {
        Err(DeviceNameError::Empty)
    } else if name.chars().count() > MAX_DEVICE_NAME_CHARS {
        Err(DeviceNameError::TooLong)
    } else if name.chars().any(char::is_control) {
        Err(DeviceNameError::ControlCharacter)
    } else {
        Ok(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_name_is_trimmed_and_kept() {
        assert_eq!(check_device_name("  HP Bu Sri "), Ok("HP Bu Sri"));
        let longest = "a".repeat(MAX_DEVICE_NAME_CHARS);
        assert_eq!(check_device_name(&longest), Ok(longest.as_str()));
    }

    #[test]
    fn an_empty_long_or_control_character_name_is_refused() {
        assert_eq!(check_device_name("   "), Err(DeviceNameError::Empty));
        let long = "é".repeat(MAX_DEVICE_NAME_CHARS + 1);
        assert_eq!(check_device_name(&long), Err(DeviceNameError::TooLong));
        assert_eq!(
            check_device_name("HP\nBu Sri"),
            Err(DeviceNameError::ControlCharacter)
        );
    }

    #[test]
    fn an_enrollment_round_trips_in_the_shape_the_endpoint_documents() {
        let request = EnrollRequest {
            enrollment_code: "ABCDE-FGHJK".into(),
            device_name: "HP Bu Sri".into(),
        };
        let json = serde_json::to_string(&request).unwrap();
        assert_eq!(
            json,
            r#"{"enrollment_code":"ABCDE-FGHJK","device_name":"HP Bu Sri"}"#
        );
        let response: EnrollResponse = serde_json::from_str(
            r#"{"device_id":7,"officer_id":3,"officer_name":"Sri","token":"lnd_dev_x"}"#,
        )
        .unwrap();
        assert_eq!(response.device_id, 7);
        assert_eq!(response.token, "lnd_dev_x");
        // An endpoint of the first release sends no backup key: the answer still reads.
        assert_eq!(response.backup_key, None);
    }

    #[test]
    fn the_largest_valid_request_fits_the_enrollment_body_limit() {
        let request = EnrollRequest {
            enrollment_code: "ABCDE-FGHJK".into(),
            // Four bytes a character, the worst UTF-8 can do.
            device_name: "😀".repeat(MAX_DEVICE_NAME_CHARS),
        };
        assert!(serde_json::to_vec(&request).unwrap().len() <= MAX_ENROLL_BODY_BYTES);
    }
}
