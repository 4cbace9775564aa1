//! This phone's enrollment: the device token the endpoint gave in exchange for an
//! officer's one-time code. Kept in storage (`DEVICE`); cleared when the endpoint
//! says it is revoked (unsent registrations are untouched by that).
//!
//! A code works once, so it is spent only when the token can be kept: before asking, the app
//! writes and removes a placeholder the size of a stored enrollment ([`ENROLLMENT_ROOM_CHARS`]);
//! a full storage refuses the enrollment with the code unspent. Should storage fill up in the
//! moment between that check and the answer, the answer is kept in memory (and this tab keeps
//! sending with it) until storage has room for it.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};

use crate::api::{self, AuthorizedApi, UnauthorizedApi};
use crate::settings::Setting;
use crate::store::{
    Backend, LocalBackend, WriteError,
    keys::{self, ROOM_PROBE},
};
use domain::wire::{EnrollRequest, EnrollResponse};

/// Room to find in storage before a code is spent, in characters: a stored enrollment is a
/// token of 51 characters, an officer's name of at most 100 characters, two ids and the JSON
/// around them, well under 400; the rest is headroom (a name's characters may each take two
/// UTF-16 units, which is what browsers count).
pub const ENROLLMENT_ROOM_CHARS: usize = 1024;

thread_local! {
    /// An enrollment storage could not take yet, kept for as long as the page lives.
    static UNSTORED: RefCell<Option<Device>> = const { RefCell::new(None) };
}

/// This phone's device token and officer.
pub const DEVICE: Setting<Device> = Setting::new(keys::DEVICE);

/// What the endpoint answered to an enrollment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device {
    /// Sent as `Authorization: Bearer …`.
    pub token: String,
    /// The officer this phone registers for.
    pub officer_id: i64,
    /// Their name, shown on the phone.
    pub officer_name: String,
    /// The endpoint's id for this phone.
    pub device_id: i64,
}

impl Device {
    /// The endpoint as this phone.
    pub fn api(&self) -> AuthorizedApi {
        AuthorizedApi::new(self.token.clone())
    }
}

/// Why an enrollment failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnrollError {
    /// Storage is full: the token could not be kept, so the code was not spent.
    StorageFull,
    /// The browser refuses to store anything (private mode): the code was not spent.
    StorageRefused,
    /// No connection.
    Offline,
    /// The code is unknown, used, expired or revoked.
    BadCode,
    /// The device name was refused.
    BadName,
    /// Anything else; try again later.
    Failed,
}

impl From<api::Error> for EnrollError {
    fn from(e: api::Error) -> Self {
        match e {
            api::Error::Network | api::Error::Timeout => EnrollError::Offline,
            api::Error::Unauthorized => EnrollError::BadCode,
            api::Error::BadRequest => EnrollError::BadName,
            api::Error::TooLarge
            | api::Error::UpdateRequired
            | api::Error::RateLimited(_)
            | api::Error::Server(_) => EnrollError::Failed,
        }
    }
}

impl From<EnrollResponse> for Device {
    fn from(r: EnrollResponse) -> Self {
        Device {
            token: r.token,
            officer_id: r.officer_id,
            officer_name: r.officer_name,
            device_id: r.device_id,
        }
    }
}

/// A finished enrollment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enrolled {
    /// The device, as the endpoint answered.
    pub device: Device,
    /// Whether storage has it; `false`: only this page remembers it, until storage has room.
    pub kept: bool,
}

/// The enrollment: stored, or held in memory because storage had no room for it yet (then
/// stored as soon as there is).
pub fn current() -> Option<Device> {
    if let Some(device) = DEVICE.get() {
        return Some(device);
    }
    let unstored = UNSTORED.with(|u| u.borrow().clone())?;
    if DEVICE.set(&unstored).is_ok() {
        UNSTORED.with(|u| u.borrow_mut().take());
    }
    Some(unstored)
}

/// Forgets the token (revoked). Nothing else is touched.
pub fn forget() {
    UNSTORED.with(|u| u.borrow_mut().take());
    DEVICE.remove();
}

/// Whether `backend` has room for an enrollment: a placeholder of [`ENROLLMENT_ROOM_CHARS`]
/// written and removed at once.
pub fn room_for_enrollment(backend: &impl Backend) -> Result<(), EnrollError> {
    let written = backend.set(ROOM_PROBE, &"0".repeat(ENROLLMENT_ROOM_CHARS));
    backend.remove(ROOM_PROBE);
    written.map_err(|e| match e {
        WriteError::QuotaExceeded => EnrollError::StorageFull,
        WriteError::Other(_) => EnrollError::StorageRefused,
    })
}

/// Trades `code` for a device token and keeps it; the code is not spent when storage could not
/// keep the token.
pub async fn enroll(code: &str, device_name: &str) -> Result<Enrolled, EnrollError> {
    room_for_enrollment(&LocalBackend)?;
    let request = EnrollRequest {
        enrollment_code: code.trim().to_owned(),
        device_name: device_name.trim().to_owned(),
    };
    let device: Device = UnauthorizedApi.enroll(&request).await?.into();
    let kept = DEVICE.set(&device).is_ok();
    if !kept {
        // The code is spent: the token must not be lost with it.
        UNSTORED.with(|u| *u.borrow_mut() = Some(device.clone()));
    }
    Ok(Enrolled { device, kept })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::store::MemoryBackend;

    /// A stored enrollment with the longest values the endpoint gives: a token like
    /// `lnd_dev_` and 43 base64url characters, an officer's name of 100 characters, each four
    /// bytes in UTF-8 (the in-memory backend counts bytes, never fewer than browsers' units).
    fn largest() -> Device {
        Device {
            token: format!("lnd_dev_{}", "A".repeat(43)),
            officer_id: i64::MAX,
            officer_name: "😀".repeat(100),
            device_id: i64::MAX,
        }
    }

    #[test]
    fn the_room_asked_for_holds_the_largest_enrollment() {
        let memory = MemoryBackend::with_quota(ENROLLMENT_ROOM_CHARS + ROOM_PROBE.len());
        assert_eq!(room_for_enrollment(&memory), Ok(()));
        assert!(DEVICE.set_in(&memory, &largest()).is_ok());
    }

    #[test]
    fn a_storage_without_that_room_refuses_before_the_code_is_spent_and_keeps_nothing() {
        let memory = MemoryBackend::with_quota(ENROLLMENT_ROOM_CHARS);
        memory.set("lindungi.v1.reg.x", "kept").unwrap();
        assert_eq!(room_for_enrollment(&memory), Err(EnrollError::StorageFull));
        assert_eq!(memory.get(ROOM_PROBE), None);
        assert_eq!(memory.get("lindungi.v1.reg.x").as_deref(), Some("kept"));
    }

    #[test]
    fn the_room_check_leaves_storage_as_it_was() {
        let memory = MemoryBackend::new();
        room_for_enrollment(&memory).unwrap();
        assert_eq!(memory.used(), 0);
    }
}
