//! Everything the app keeps in storage besides the registrations goes through one typed key, a
//! [`Setting`]: its name (from `store::keys`, unchanged since the first release so phones keep
//! their settings), the type of its value, and the codec that writes it. No module reads or
//! writes these keys by hand. Each setting is declared beside the type it stores, so this module
//! depends on none of them: `i18n::LANGUAGE`, `persist::PERSIST`, `sync::device::DEVICE`,
//! `sync::lock::SYNC_LEASE`, `sync::LAST_SYNC`, `koperasi::KOPERASI`, `koperasi::KOPERASI_CHOSEN`,
//! `clock::CLOCK_OFFSET`.
//!
//! Reads and writes go through any [`Backend`] (`*_in` methods, so the plain native tests use
//! [`crate::store::MemoryBackend`]) or straight to `localStorage` ([`Setting::get`],
//! [`Setting::set`], [`Setting::remove`]). [`Setting::follow`] hands a screen every change
//! another tab makes, through the `storage` event (leptos-use's `use_storage` is the model).

use std::marker::PhantomData;

use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

use crate::store::backend::{Backend, LocalBackend, WriteError};

/// How a value is written as the text storage holds.
pub trait Codec<T> {
    /// The stored text of `value`.
    fn encode(value: &T) -> String;
    /// The value in `text`; `None` if it does not read.
    fn decode(text: &str) -> Option<T>;
}

/// JSON, as gloo-storage writes it (a string value is quoted).
#[derive(Clone, Copy, Debug)]
pub struct Json;

impl<T: Serialize + DeserializeOwned> Codec<T> for Json {
    fn encode(value: &T) -> String {
        serde_json::to_string(value).expect("a setting serializes")
    }
    fn decode(text: &str) -> Option<T> {
        serde_json::from_str(text).ok()
    }
}

/// The text itself, unquoted.
#[derive(Clone, Copy, Debug)]
pub struct Plain;

impl Codec<String> for Plain {
    fn encode(value: &String) -> String {
        value.clone()
    }
    fn decode(text: &str) -> Option<String> {
        Some(text.to_owned())
    }
}

/// A stored value that is there but does not read (written by hand, or by a newer release).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unreadable;

/// One setting: a key, the type of its value and its codec.
pub struct Setting<T, C = Json> {
    key: &'static str,
    // `fn() -> …`: the setting holds no value, so it is `Copy`, `Send` and `Sync` whatever `T` is.
    types: PhantomData<fn() -> (T, C)>,
}

impl<T, C> Clone for Setting<T, C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, C> Copy for Setting<T, C> {}

impl<T, C: Codec<T>> Setting<T, C> {
    /// The setting stored under `key`.
    pub const fn new(key: &'static str) -> Self {
        Self {
            key,
            types: PhantomData,
        }
    }

    /// Its storage key.
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The value in `backend`: `Ok(None)` when never set, `Err` when set but unreadable (a
    /// caller that would overwrite it can refuse instead).
    pub fn read_in(&self, backend: &impl Backend) -> Result<Option<T>, Unreadable> {
        backend
            .get(self.key)
            .map(|text| C::decode(&text).ok_or(Unreadable))
            .transpose()
    }

    /// The value in `backend`, if set and readable.
    pub fn get_in(&self, backend: &impl Backend) -> Option<T> {
        self.read_in(backend).ok().flatten()
    }

    /// Writes `value` in `backend`.
    pub fn set_in(&self, backend: &impl Backend, value: &T) -> Result<(), WriteError> {
        backend.set(self.key, &C::encode(value))
    }

    /// Removes the setting from `backend`.
    pub fn remove_in(&self, backend: &impl Backend) {
        backend.remove(self.key)
    }

    /// The value in `localStorage`, if set and readable.
    pub fn get(&self) -> Option<T> {
        self.get_in(&LocalBackend)
    }

    /// Writes `value` in `localStorage`.
    pub fn set(&self, value: &T) -> Result<(), WriteError> {
        self.set_in(&LocalBackend, value)
    }

    /// Removes the setting from `localStorage`.
    pub fn remove(&self) {
        self.remove_in(&LocalBackend)
    }

    /// Calls `on_change` with the new value whenever another tab changes this setting (the
    /// `storage` event fires in every tab but the one that wrote); `None` when it was removed
    /// or storage was cleared. Stops when the current reactive owner is cleaned up.
    pub fn follow(self, on_change: impl Fn(Option<T>) + 'static)
    where
        T: 'static,
        C: 'static,
    {
        let key = self.key;
        let handle = window_event_listener(leptos::ev::storage, move |ev| match ev.key() {
            Some(changed) if changed == key => {
                on_change(ev.new_value().and_then(|text| C::decode(&text)));
            }
            Some(_) => {}
            None => on_change(None), // storage was cleared
        });
        // Dropping the handle would not remove the listener: removing it with its owner does.
        on_cleanup(move || handle.remove());
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::{
        i18n::{LANGUAGE, Lang},
        koperasi::{KOPERASI, KOPERASI_CHOSEN},
        persist::{PERSIST, PersistState},
        store::{MemoryBackend, keys},
        sync::{
            LAST_SYNC,
            device::{DEVICE, Device},
            lock::SYNC_LEASE,
        },
    };

    #[test]
    fn every_setting_is_stored_under_the_key_phones_already_have() {
        let keys = [
            LANGUAGE.key(),
            PERSIST.key(),
            DEVICE.key(),
            SYNC_LEASE.key(),
            KOPERASI.key(),
            KOPERASI_CHOSEN.key(),
            LAST_SYNC.key(),
        ];
        assert_eq!(
            keys,
            [
                "lindungi.v1.language",
                "lindungi.v1.persist",
                "lindungi.v1.device",
                "lindungi.v1.sync_lease",
                "lindungi.v1.koperasi",
                "lindungi.v1.koperasi_chosen",
                "lindungi.v1.last_sync",
            ]
        );
    }

    #[test]
    fn the_clock_offset_is_kept_under_its_own_key_as_a_number() {
        let memory = MemoryBackend::new();
        assert_eq!(crate::clock::CLOCK_OFFSET.key(), "lindungi.v1.clock_offset");
        crate::clock::CLOCK_OFFSET
            .set_in(&memory, &-172_800_000)
            .unwrap();
        assert_eq!(
            memory.get(keys::CLOCK_OFFSET).as_deref(),
            Some("-172800000")
        );
        assert_eq!(
            crate::clock::CLOCK_OFFSET.get_in(&memory),
            Some(-172_800_000)
        );
    }

    #[test]
    fn values_are_written_as_the_first_release_wrote_them() {
        let memory = MemoryBackend::new();
        LANGUAGE.set_in(&memory, &Lang::En).unwrap();
        PERSIST.set_in(&memory, &PersistState::Granted).unwrap();
        KOPERASI_CHOSEN
            .set_in(&memory, &"kop-1".to_owned())
            .unwrap();
        LAST_SYNC
            .set_in(&memory, &"2026-11-23T03:00:00.000Z".to_owned())
            .unwrap();
        // gloo-storage's JSON for the typed ones, the bare text for the two plain ones.
        assert_eq!(memory.get(keys::LANGUAGE).as_deref(), Some("\"en\""));
        assert_eq!(memory.get(keys::PERSIST).as_deref(), Some("\"Granted\""));
        assert_eq!(memory.get(keys::KOPERASI_CHOSEN).as_deref(), Some("kop-1"));
        assert_eq!(
            memory.get(keys::LAST_SYNC).as_deref(),
            Some("2026-11-23T03:00:00.000Z")
        );
    }

    #[test]
    fn a_stored_enrollment_reads_back_and_is_forgotten_on_removal() {
        let memory = MemoryBackend::new();
        // As the first release stored it.
        memory
            .set(
                keys::DEVICE,
                r#"{"token":"t0k3n","officer_id":3,"officer_name":"Petugas Uji","device_id":12}"#,
            )
            .unwrap();
        assert_eq!(
            DEVICE.get_in(&memory),
            Some(Device {
                token: "t0k3n".into(),
                officer_id: 3,
                officer_name: "Petugas Uji".into(),
                device_id: 12,
                city_key: None,
            })
        );
        DEVICE.remove_in(&memory);
        assert_eq!(DEVICE.read_in(&memory), Ok(None));
    }

    #[test]
    fn an_unreadable_value_is_told_apart_from_a_missing_one() {
        let memory = MemoryBackend::new();
        assert_eq!(DEVICE.read_in(&memory), Ok(None));
        memory.set(keys::DEVICE, "{\"token\":").unwrap();
        assert_eq!(DEVICE.read_in(&memory), Err(Unreadable));
        assert_eq!(DEVICE.get_in(&memory), None);
        memory.set(keys::LANGUAGE, "\"klingon\"").unwrap();
        assert_eq!(LANGUAGE.get_in(&memory), None);
    }

    #[test]
    fn a_write_refused_by_a_full_storage_keeps_the_old_value() {
        let memory = MemoryBackend::with_quota(40);
        LAST_SYNC.set_in(&memory, &"2026".to_owned()).unwrap();
        assert_eq!(
            LAST_SYNC.set_in(&memory, &"x".repeat(64)),
            Err(WriteError::QuotaExceeded)
        );
        assert_eq!(LAST_SYNC.get_in(&memory).as_deref(), Some("2026"));
    }
}
