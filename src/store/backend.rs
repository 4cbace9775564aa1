//! Where the bytes go. The store talks to a [`Backend`] of plain strings so that tests can
//! count operations (a save must cost the same with 10 or 5,000 stored) and inject faults
//! (a write that dies between the record and the index); the app uses [`LocalBackend`],
//! which is `localStorage` through gloo-storage, and the native tests [`MemoryBackend`].

use std::{
    cell::{Cell, RefCell},
    collections::BTreeMap,
    rc::Rc,
};

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

/// Why a write failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteError {
    /// The browser's storage for this site is full (`QuotaExceededError`).
    QuotaExceeded,
    /// Storage refused for another reason (disabled, private mode); the browser's words.
    Other(String),
}

/// A string key-value store with the shape of `localStorage`.
pub trait Backend {
    /// The value at `key`, if any.
    fn get(&self, key: &str) -> Option<String>;
    /// Writes `value` at `key`.
    fn set(&self, key: &str, value: &str) -> Result<(), WriteError>;
    /// Removes `key` (absent keys are fine).
    fn remove(&self, key: &str);
    /// Every key that starts with `prefix`.
    fn keys_with_prefix(&self, prefix: &str) -> Vec<String>;
}

/// Writes through `raw`; when storage is full, drops the worklist cache (`keys::WORKLIST`, a
/// copy of what the city holds, fetched again at the next sync) and tries once more, so a
/// registration, a draft or a setting is never refused while the cache takes room. The cache
/// itself never makes room for itself. A drop is noted under `keys::WORKLIST_DROPPED` so the
/// app can say the list is out of date.
fn give_way(
    key: &str,
    value: &str,
    raw: impl Fn(&str, &str) -> Result<(), WriteError>,
    get: impl Fn(&str) -> Option<String>,
    remove: impl Fn(&str),
) -> Result<(), WriteError> {
    match raw(key, value) {
        Err(WriteError::QuotaExceeded)
            if key != super::keys::WORKLIST && get(super::keys::WORKLIST).is_some() =>
        {
            remove(super::keys::WORKLIST);
            let written = raw(key, value);
            // Best effort: a few characters, after the room was made.
            let at = format!("{}", now_millis());
            let _ = raw(super::keys::WORKLIST_DROPPED, &at);
            written
        }
        other => other,
    }
}

#[cfg(target_arch = "wasm32")]
fn now_millis() -> u64 {
    js_sys::Date::now() as u64
}

#[cfg(not(target_arch = "wasm32"))]
fn now_millis() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// `localStorage`, through gloo-storage.
#[derive(Clone, Copy, Debug, Default)]
pub struct LocalBackend;

impl Backend for LocalBackend {
    fn get(&self, key: &str) -> Option<String> {
        LocalStorage::raw().get_item(key).ok().flatten()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
        let raw = |key: &str, value: &str| {
            LocalStorage::raw().set_item(key, value).map_err(|e| {
                match e.dyn_ref::<web_sys::DomException>().map(|d| d.name()) {
                    Some(name) if name == "QuotaExceededError" => WriteError::QuotaExceeded,
                    Some(name) => WriteError::Other(name),
                    None => WriteError::Other(format!("{e:?}")),
                }
            })
        };
        give_way(key, value, raw, |k| self.get(k), |k| self.remove(k))
    }

    fn remove(&self, key: &str) {
        LocalStorage::delete(key);
    }

    fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        let storage = LocalStorage::raw();
        let n = storage.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(prefix))
            .collect()
    }
}

/// `localStorage`'s behaviour in memory, for the plain native tests of the store and the sync
/// engine: clones share one map (two handles are two tabs, or a reopened store), and an
/// optional quota in characters (keys and values, as browsers count them) makes a write that
/// does not fit fail as `QuotaExceeded`, leaving the old value in place.
#[derive(Clone, Debug, Default)]
pub struct MemoryBackend {
    entries: Rc<RefCell<BTreeMap<String, String>>>,
    quota: Option<usize>,
}

impl MemoryBackend {
    /// An empty store with no quota.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty store that holds at most `chars` characters.
    pub fn with_quota(chars: usize) -> Self {
        Self {
            quota: Some(chars),
            ..Self::default()
        }
    }

    /// Characters stored (keys and values).
    pub fn used(&self) -> usize {
        self.entries
            .borrow()
            .iter()
            .map(|(k, v)| k.len() + v.len())
            .sum()
    }
}

impl Backend for MemoryBackend {
    fn get(&self, key: &str) -> Option<String> {
        self.entries.borrow().get(key).cloned()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
        let raw = |key: &str, value: &str| {
            if let Some(quota) = self.quota {
                let replaced = self.get(key).map_or(0, |old| key.len() + old.len());
                if self.used() - replaced + key.len() + value.len() > quota {
                    return Err(WriteError::QuotaExceeded);
                }
            }
            self.entries
                .borrow_mut()
                .insert(key.to_owned(), value.to_owned());
            Ok(())
        };
        give_way(key, value, raw, |k| self.get(k), |k| self.remove(k))
    }

    fn remove(&self, key: &str) {
        self.entries.borrow_mut().remove(key);
    }

    fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        self.entries
            .borrow()
            .keys()
            .filter(|k| k.starts_with(prefix))
            .cloned()
            .collect()
    }
}

/// Counts the writes and bytes that pass through to another backend.
#[derive(Debug, Default)]
pub struct Counting<B> {
    inner: B,
    writes: Cell<usize>,
    bytes_written: Cell<usize>,
}

impl<B: Backend> Counting<B> {
    /// Wraps `inner`.
    pub fn new(inner: B) -> Self {
        Self {
            inner,
            writes: Cell::new(0),
            bytes_written: Cell::new(0),
        }
    }

    /// Writes and bytes written since the last reset.
    pub fn counts(&self) -> (usize, usize) {
        (self.writes.get(), self.bytes_written.get())
    }

    /// Starts counting afresh.
    pub fn reset(&self) {
        self.writes.set(0);
        self.bytes_written.set(0);
    }
}

impl<B: Backend> Backend for Counting<B> {
    fn get(&self, key: &str) -> Option<String> {
        self.inner.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
        self.writes.set(self.writes.get() + 1);
        self.bytes_written
            .set(self.bytes_written.get() + key.len() + value.len());
        self.inner.set(key, value)
    }
    fn remove(&self, key: &str) {
        self.inner.remove(key)
    }
    fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        self.inner.keys_with_prefix(prefix)
    }
}

impl<B: Backend> Backend for &B {
    fn get(&self, key: &str) -> Option<String> {
        (*self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
        (*self).set(key, value)
    }
    fn remove(&self, key: &str) {
        (*self).remove(key)
    }
    fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        (*self).keys_with_prefix(prefix)
    }
}
