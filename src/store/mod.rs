//! The phone's own copy of what was entered, in `localStorage` through gloo-storage.
//! One key per entry plus a small index, so saving one entry never rewrites the rest.

pub mod keys;

use gloo_storage::{LocalStorage, Storage, errors::StorageError};
use serde::{Deserialize, Serialize};

/// Where an entry is: still only on this phone, or confirmed by the city.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryState {
    /// Saved here, not yet confirmed by the endpoint.
    OnPhone,
    /// The endpoint confirmed it.
    Sent,
}

/// One saved entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Permanent id, made when the entry was created.
    pub id: String,
    /// The name as entered.
    pub name: String,
    /// Where it is.
    pub state: EntryState,
}

/// Reads the index; a missing index is an empty store.
fn index() -> Result<Vec<String>, StorageError> {
    match LocalStorage::get::<Vec<String>>(keys::INDEX) {
        Err(StorageError::KeyNotFound(_)) => Ok(Vec::new()),
        other => other,
    }
}

/// Writes one entry, then adds its id to the index if it is new. The record is written
/// first so an interrupted save leaves at worst a record the index does not list yet,
/// never an index pointing at nothing.
pub fn save(entry: &Entry) -> Result<(), StorageError> {
    LocalStorage::set(keys::entry(&entry.id), entry)?;
    let mut ids = index()?;
    if !ids.contains(&entry.id) {
        ids.push(entry.id.clone());
        LocalStorage::set(keys::INDEX, &ids)?;
    }
    Ok(())
}

/// Every stored entry, in the order they were saved.
pub fn load_all() -> Result<Vec<Entry>, StorageError> {
    index()?
        .iter()
        .map(|id| LocalStorage::get(keys::entry(id)))
        .collect()
}

/// A new permanent id (a random UUID from the browser's crypto).
pub fn new_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("{:x}", js_sys::Date::now() as u64))
}
