//! Which phone holds what: every batch ([`super::BatchRequest::health`]) and a small heartbeat
//! (`POST` [`HEARTBEAT_PATH`], device token, when there is nothing to send) tell the city the
//! app's version, how many registrations wait on the phone, how long the oldest has waited,
//! and the storage used. The endpoint keeps the latest report per device with the time it came;
//! the dashboard flags a phone whose oldest waits longer than [`WAITING_TOO_LONG_SECS`] or whose
//! app is not the version the endpoint serves. Counts and sizes only: never personal data.

use serde::{Deserialize, Serialize};

/// The heartbeat endpoint (answers 204).
pub const HEARTBEAT_PATH: &str = "/api/v1/devices/heartbeat";

/// Largest heartbeat body, in bytes: a report is under 200; nothing larger is read.
pub const MAX_HEARTBEAT_BODY_BYTES: usize = 1024;

/// Longest app version kept, in characters (the service worker's stamp is 16).
pub const MAX_APP_VERSION_CHARS: usize = 64;

/// How long a registration may wait on a phone before the city's dashboard flags it: 3 days,
/// long enough for a weekend without signal, short enough to call the officer that week.
pub const WAITING_TOO_LONG_SECS: u64 = 3 * 24 * 60 * 60;

/// What a phone reports about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeviceHealth {
    /// The `VERSION` stamp of the service worker serving the running app (`public/sw.js`,
    /// stamped by `scripts/stamp-sw.mjs`): 1 to 64 characters without control characters.
    pub app_version: String,
    /// Registrations on the phone the city has not confirmed (queued, being sent, to fix, in
    /// conflict), including those in the batch this report travels with; drafts do not count.
    pub waiting: u32,
    /// How long the oldest of them has waited, in seconds, measured on the phone's own clock
    /// (so a phone whose clock is wrong still reports the right age); none when nothing waits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oldest_waiting_secs: Option<u64>,
    /// Bytes of storage the app uses on the phone, when the browser says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_used_bytes: Option<u64>,
    /// Bytes the browser lets the app use, when it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_quota_bytes: Option<u64>,
}

/// Why a health report is refused (a 400).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HealthError {
    /// The app version is empty, longer than [`MAX_APP_VERSION_CHARS`] or holds a control
    /// character.
    #[error("app_version is 1 to {MAX_APP_VERSION_CHARS} characters without control characters")]
    AppVersion,
    /// An age of the oldest waiting registration, with nothing waiting.
    #[error("oldest_waiting_secs is given but nothing is waiting")]
    AgeWithoutWaiting,
}

impl DeviceHealth {
    /// The report as kept (its version trimmed), or why it is refused.
    pub fn checked(mut self) -> Result<DeviceHealth, HealthError> {
        let version = self.app_version.trim();
        if version.is_empty()
            || version.chars().count() > MAX_APP_VERSION_CHARS
            || version.chars().any(char::is_control)
        {
            return Err(HealthError::AppVersion);
        }
        if self.waiting == 0 && self.oldest_waiting_secs.is_some() {
            return Err(HealthError::AgeWithoutWaiting);
        }
        self.app_version = version.to_owned();
        Ok(self)
    }

    /// Whether the oldest waiting registration, `waited_secs` old, has waited too long.
    pub fn waited_too_long(waited_secs: u64) -> bool {
        waited_secs > WAITING_TOO_LONG_SECS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> DeviceHealth {
        DeviceHealth {
            app_version: " 3f9a1c0e5b7d2a64 ".into(),
            waiting: 40,
            oldest_waiting_secs: Some(9 * 86_400),
            storage_used_bytes: Some(1_250_000),
            storage_quota_bytes: None,
        }
    }

    #[test]
    fn a_report_is_kept_with_its_version_trimmed() {
        let kept = report().checked().unwrap();
        assert_eq!(kept.app_version, "3f9a1c0e5b7d2a64");
        let json = serde_json::to_string(&kept).unwrap();
        assert_eq!(
            json,
            r#"{"app_version":"3f9a1c0e5b7d2a64","waiting":40,"oldest_waiting_secs":777600,"storage_used_bytes":1250000}"#
        );
        assert_eq!(serde_json::from_str::<DeviceHealth>(&json).unwrap(), kept);
    }

    #[test]
    fn a_report_with_a_bad_version_or_an_age_of_nothing_is_refused() {
        for version in ["", "  ", "v\n1", &"x".repeat(MAX_APP_VERSION_CHARS + 1)] {
            let bad = DeviceHealth {
                app_version: version.into(),
                ..report()
            };
            assert_eq!(bad.checked(), Err(HealthError::AppVersion), "{version:?}");
        }
        let idle = DeviceHealth {
            waiting: 0,
            ..report()
        };
        assert_eq!(idle.checked(), Err(HealthError::AgeWithoutWaiting));
    }

    #[test]
    fn the_largest_report_fits_the_heartbeat_body_limit() {
        let largest = DeviceHealth {
            // Four bytes a character, the worst UTF-8 can do.
            app_version: "😀".repeat(MAX_APP_VERSION_CHARS),
            waiting: u32::MAX,
            oldest_waiting_secs: Some(u64::MAX),
            storage_used_bytes: Some(u64::MAX),
            storage_quota_bytes: Some(u64::MAX),
        };
        assert!(serde_json::to_vec(&largest).unwrap().len() <= MAX_HEARTBEAT_BODY_BYTES);
    }

    #[test]
    fn more_than_three_days_is_too_long() {
        assert!(!DeviceHealth::waited_too_long(3 * 86_400));
        assert!(DeviceHealth::waited_too_long(3 * 86_400 + 1));
    }
}
