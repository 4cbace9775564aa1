//! New registration ids. An id is made once, when a draft is started, and never changes:
//! it is how the endpoint recognises a retry, even a week later.

use domain::RegistrationId;

/// A fresh random id (UUID v4 from the browser's cryptographic generator).
pub fn new_registration_id() -> RegistrationId {
    let mut bytes = [0u8; 16];
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .expect("the browser has crypto");
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .expect("16 random bytes are always available");
    RegistrationId::from_random_bytes(bytes)
}
