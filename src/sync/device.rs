//! This phone's enrollment: the device token the endpoint gave in exchange for an
//! officer's one-time code. Kept in storage; cleared when the endpoint says it is revoked
//! (unsent registrations are untouched by that).

use gloo_net::http::Request;
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

use crate::store::keys;
use domain::wire::{DEVICES_PATH, EnrollRequest, EnrollResponse};

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

/// Why an enrollment failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnrollError {
    /// No connection.
    Offline,
    /// The code is unknown, used, expired or revoked.
    BadCode,
    /// The device name was refused.
    BadName,
    /// Anything else; try again later.
    Failed,
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

/// The stored enrollment, if any.
pub fn current() -> Option<Device> {
    LocalStorage::get(keys::DEVICE).ok()
}

/// Forgets the token (revoked). Nothing else is touched.
pub fn forget() {
    LocalStorage::delete(keys::DEVICE);
}

/// Trades `code` for a device token and keeps it.
pub async fn enroll(code: &str, device_name: &str) -> Result<Device, EnrollError> {
    let request = Request::post(DEVICES_PATH)
        .json(&EnrollRequest {
            enrollment_code: code.trim().to_owned(),
            device_name: device_name.trim().to_owned(),
        })
        .map_err(|_| EnrollError::Failed)?;
    let response = request.send().await.map_err(|_| EnrollError::Offline)?;
    let device: Device = match response.status() {
        201 | 200 => response
            .json::<EnrollResponse>()
            .await
            .map_err(|_| EnrollError::Failed)?
            .into(),
        401 => return Err(EnrollError::BadCode),
        400 => return Err(EnrollError::BadName),
        _ => return Err(EnrollError::Failed),
    };
    LocalStorage::set(keys::DEVICE, &device).map_err(|_| EnrollError::Failed)?;
    Ok(device)
}
