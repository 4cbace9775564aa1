//! The phone's data key as stored: never in clear, only wrapped — under a key derived from the
//! officer's PIN, and for the city (`docs/security.md`). Unlocking derives the PIN's key and
//! unwraps the data key into memory, where it stays while the app is open; wrong PINs wait
//! longer each time ([`lockout`]).
//!
//! The wrapped copy for the city is made as soon as the phone knows the city's key (at the
//! first PIN when the enrollment answer carried it, else at a later sync): a backup needs it,
//! and needs no PIN to be made.

pub mod lockout;

use base64::{Engine, engine::general_purpose::STANDARD};
use domain::{backup::CityWrap, pin::Pin, wire::CityKey};
use serde::{Deserialize, Serialize};

use crate::{
    crypto::{CryptoError, DataKey, PinDerivation, random_bytes},
    settings::Setting,
    store::{backend::Backend, keys},
};
use lockout::{Lockout, PIN_LOCKOUT};

/// PBKDF2-SHA-256 iterations for a new PIN: OWASP's 2023 figure, which Chromium derives in about
/// a third of a second with the CPU slowed 4× (`scripts/bench pin-derivation`,
/// `docs/security.md`). Stored with each keyring, so a later release can raise it.
pub const PIN_ITERATIONS: u32 = 600_000;
/// Bytes of the per-phone PBKDF2 salt.
pub const SALT_BYTES: usize = 16;
/// The version of the stored [`Keyring`].
pub const KEYRING_VERSION: u32 = 1;

/// The stored keyring.
pub const KEYRING: Setting<Keyring> = Setting::new(keys::KEYRING);

/// Minutes without a touch (or in the background) after which the screen locks.
pub const LOCK_AFTER: Setting<u32> = Setting::new(keys::LOCK_AFTER);
/// [`LOCK_AFTER`] until the officer chooses another.
pub const DEFAULT_LOCK_AFTER_MINUTES: u32 = 5;
/// What settings offer for [`LOCK_AFTER`].
pub const LOCK_AFTER_CHOICES: [u32; 6] = [1, 2, 5, 10, 15, 30];

/// The minutes after which the screen locks.
pub fn lock_after_minutes() -> u32 {
    LOCK_AFTER
        .get()
        .filter(|m| LOCK_AFTER_CHOICES.contains(m))
        .unwrap_or(DEFAULT_LOCK_AFTER_MINUTES)
}

/// Wraps the data key for the city's current key if the keyring is not wrapped for it yet (the
/// phone learnt the city's key after its first PIN, or the city replaced its key): a backup
/// needs it. `Ok(true)` when the keyring was rewritten.
pub async fn keep_wrapped_for_city(
    backend: &impl Backend,
    key: &DataKey,
    city: Option<&CityKey>,
) -> Result<bool, UnlockError> {
    let (Some(city), Some(keyring)) = (city, KEYRING.get_in(backend)) else {
        return Ok(false);
    };
    if keyring.is_wrapped_for(city) {
        return Ok(false);
    }
    let next = keyring
        .with_city(key, city)
        .await
        .map_err(|e| UnlockError::Browser(e.to_string()))?;
    KEYRING
        .set_in(backend, &next)
        .map_err(|e| UnlockError::Browser(format!("{e:?}")))?;
    Ok(true)
}

/// The data key as stored: wrapped under the PIN, and for the city once its key is known.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Keyring {
    /// [`KEYRING_VERSION`].
    pub v: u32,
    /// The PBKDF2 salt, base64.
    pub salt: String,
    /// PBKDF2 iterations.
    pub iterations: u32,
    /// The data key wrapped under the PIN's key (nonce ‖ wrapped key, base64).
    pub pin_wrap: String,
    /// The data key wrapped for the city; none until the phone knows the city's key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<CityWrap>,
}

/// Why the app did not unlock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnlockError {
    /// Too soon after a wrong PIN: not tried; milliseconds left.
    Wait(u64),
    /// The PIN is wrong; the next may be tried after this many milliseconds.
    WrongPin(u64),
    /// No PIN was ever chosen on this phone.
    NoKeyring,
    /// The browser refused, or storage is full: its words.
    Browser(String),
}

impl Keyring {
    fn derivation(&self) -> Result<PinDerivation, CryptoError> {
        Ok(PinDerivation {
            salt: STANDARD
                .decode(&self.salt)
                .map_err(|_| CryptoError::NotABox)?,
            iterations: self.iterations,
        })
    }

    /// A new data key and its keyring for `pin` (the phone's first PIN), wrapped for `city`
    /// too when its key is known.
    pub async fn create(
        pin: &Pin,
        iterations: u32,
        city: Option<&CityKey>,
    ) -> Result<(Keyring, DataKey), CryptoError> {
        let key = DataKey::generate().await?;
        let derivation = PinDerivation {
            salt: random_bytes(SALT_BYTES),
            iterations,
        };
        let pin_wrap = key.wrap_with_pin(pin, &derivation).await?;
        let city = match city {
            Some(city) => Some(key.wrap_for_city(city).await?),
            None => None,
        };
        let keyring = Keyring {
            v: KEYRING_VERSION,
            salt: STANDARD.encode(&derivation.salt),
            iterations,
            pin_wrap,
            city,
        };
        Ok((keyring, key))
    }

    /// The data key, if `pin` is this keyring's.
    pub async fn open(&self, pin: &Pin) -> Result<DataKey, CryptoError> {
        DataKey::unwrap_with_pin(&self.pin_wrap, pin, &self.derivation()?).await
    }

    /// This keyring with the data key wrapped for `city` (the phone learnt the city's key
    /// after its first PIN, or the city changed its key).
    pub async fn with_city(&self, key: &DataKey, city: &CityKey) -> Result<Keyring, CryptoError> {
        Ok(Keyring {
            city: Some(key.wrap_for_city(city).await?),
            ..self.clone()
        })
    }

    /// Whether the data key is wrapped for this city key.
    pub fn is_wrapped_for(&self, city: &CityKey) -> bool {
        self.city.as_ref().is_some_and(|w| w.key_id == city.key_id)
    }
}

/// Unlocks with `pin` typed at `now_ms`: refused without trying while a wrong PIN's wait runs;
/// a wrong PIN stores one more failure, a right one clears them.
pub async fn unlock(
    backend: &impl Backend,
    pin: &Pin,
    now_ms: u64,
) -> Result<DataKey, UnlockError> {
    let lockout = PIN_LOCKOUT.get_in(backend).unwrap_or_default();
    let left = lockout.remaining_ms(now_ms);
    if left > 0 {
        return Err(UnlockError::Wait(left));
    }
    let keyring = KEYRING.get_in(backend).ok_or(UnlockError::NoKeyring)?;
    match keyring.open(pin).await {
        Ok(key) => {
            PIN_LOCKOUT.remove_in(backend);
            Ok(key)
        }
        Err(CryptoError::WrongKey) => {
            let next = lockout.failed(now_ms);
            // Stored before the answer is shown: a reload does not reset the count.
            PIN_LOCKOUT
                .set_in(backend, &next)
                .map_err(|e| UnlockError::Browser(format!("{e:?}")))?;
            Err(UnlockError::WrongPin(next.remaining_ms(now_ms)))
        }
        Err(e) => Err(UnlockError::Browser(e.to_string())),
    }
}

/// What is stored of wrong PINs so far (the unlock screen shows the wait left).
pub fn lockout_in(backend: &impl Backend) -> Lockout {
    PIN_LOCKOUT.get_in(backend).unwrap_or_default()
}
