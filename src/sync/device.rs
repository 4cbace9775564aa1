//! This phone's enrollment: the device token the endpoint gave in exchange for an
//! officer's one-time code. Kept in storage (`DEVICE`); cleared when the endpoint
//! says it is revoked (unsent registrations are untouched by that).

use serde::{Deserialize, Serialize};

use crate::api::{self, AuthorizedApi, UnauthorizedApi};
use crate::settings::Setting;
use crate::store::keys;
use domain::wire::{EnrollRequest, EnrollResponse};

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
            api::Error::TooLarge | api::Error::RateLimited(_) | api::Error::Server(_) => {
                EnrollError::Failed
            }
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

/// The stored enrollment, if any.
pub fn current() -> Option<Device> {
    DEVICE.get()
}

/// Forgets the token (revoked). Nothing else is touched.
pub fn forget() {
    DEVICE.remove();
}

/// Trades `code` for a device token and keeps it.
pub async fn enroll(code: &str, device_name: &str) -> Result<Device, EnrollError> {
    let request = EnrollRequest {
        enrollment_code: code.trim().to_owned(),
        device_name: device_name.trim().to_owned(),
    };
    let device: Device = UnauthorizedApi.enroll(&request).await?.into();
    DEVICE.set(&device).map_err(|_| EnrollError::Failed)?;
    Ok(device)
}
