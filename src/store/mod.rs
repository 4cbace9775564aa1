//! The phone's own copy of every registration, in `localStorage` through gloo-storage.
//!
//! Layout (keys in [`keys`]): one key per registration, holding a versioned [`StoredRecord`]
//! ([`format`]), plus an [`index`] of ids split into small pages. Saving a registration writes
//! its own key and, if it is new, one index page of at most [`INDEX_PAGE_SIZE`] ids: the cost
//! is the same with 10 or 5,000 stored. The record is written before the index, and loading
//! re-indexes any record the index misses, so a write cut off between the two loses nothing.
//! An entry that cannot be read is moved to a quarantine key and reported; it is never
//! dropped. An entry written by a newer release is left exactly where it is, and reported.
//!
//! The store is generic over its [`Backend`]: the app runs it on `localStorage`, the plain
//! native tests on [`MemoryBackend`].

pub mod backend;
pub mod context;
pub mod format;
mod index;
pub mod keys;
pub mod record;
pub mod summary;
pub mod transition;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use std::collections::HashSet;

pub use backend::{Backend, Counting, LocalBackend, MemoryBackend, WriteError};
use format::Decoded;
pub use index::INDEX_PAGE_SIZE;
use index::Index;
pub use record::{Receipt, RecordState, StoredRecord};
pub use summary::Summary;

/// Why a save was refused. Nothing already stored is changed when a save fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The phone's storage for this app is full.
    Full,
    /// The browser refused to store (storage disabled, private mode…), or the record belongs
    /// to a newer release of the app.
    Refused(String),
}

impl From<WriteError> for SaveError {
    fn from(e: WriteError) -> Self {
        match e {
            WriteError::QuotaExceeded => SaveError::Full,
            WriteError::Other(reason) => SaveError::Refused(reason),
        }
    }
}

/// What loading found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Every readable registration, in the order they were created.
    pub summaries: Vec<Summary>,
    /// How many entries could not be read and are kept aside.
    pub quarantined: usize,
    /// Characters used by quarantined entries.
    pub quarantined_size: usize,
    /// Ids of records written by a newer release of the app, left as they are: this code
    /// neither shows, sends nor overwrites them.
    pub newer: Vec<String>,
}

/// The store over a backend (`localStorage` in the app).
pub struct Store<B: Backend = LocalBackend> {
    backend: B,
    index: Index,
    /// Records of a newer release (see [`Loaded::newer`]): never written by this code.
    newer: HashSet<String>,
}

impl<B: Backend> Store<B> {
    /// Opens the store: reads the index and every record, repairs the index, migrates old
    /// entries and quarantines unreadable ones.
    pub fn open(backend: B) -> (Self, Loaded) {
        let mut store = Store {
            backend,
            index: Index::default(),
            newer: HashSet::new(),
        };
        let loaded = store.load();
        (store, loaded)
    }

    fn load(&mut self) -> Loaded {
        self.index = Index::read(&self.backend);
        self.newer.clear();
        let present: HashSet<String> = self
            .backend
            .keys_with_prefix(keys::RECORD_PREFIX)
            .into_iter()
            .map(|k| k[keys::RECORD_PREFIX.len()..].to_owned())
            .collect();
        // Ids the index lists whose record is gone hold no data: forget them.
        let dangling: Vec<String> = self
            .index
            .ids()
            .filter(|id| !present.contains(*id))
            .cloned()
            .collect();
        for id in dangling {
            let _ = self.index.remove(&self.backend, &id);
        }
        // Records the index misses (a save cut off before its index write, or two tabs
        // appending at once): index them again.
        let mut orphans: Vec<&String> = present
            .iter()
            .filter(|id| !self.index.contains(id))
            .collect();
        orphans.sort();
        for id in orphans {
            let _ = self.index.add(&self.backend, id);
        }

        let mut loaded = Loaded::default();
        let ids: Vec<String> = self.index.ids().cloned().collect();
        for id in ids {
            let key = keys::record(&id);
            let Some(raw) = self.backend.get(&key) else {
                continue;
            };
            match format::decode(&raw) {
                Decoded::Current(record) => {
                    let size = key.len() + raw.len();
                    loaded.summaries.push(Summary::of(&id, &record, size));
                }
                Decoded::Migrated(record) => {
                    // Best effort: if it cannot be written back it migrates again next time.
                    let size = self
                        .write_record(&id, &record)
                        .unwrap_or(key.len() + raw.len());
                    loaded.summaries.push(Summary::of(&id, &record, size));
                }
                Decoded::Newer(_) => {
                    self.newer.insert(id.clone());
                    loaded.newer.push(id);
                }
                Decoded::Unreadable => {
                    if self.backend.set(&keys::quarantine(&id), &raw).is_ok() {
                        self.backend.remove(&key);
                        let _ = self.index.remove(&self.backend, &id);
                    }
                }
            }
        }
        for key in self.backend.keys_with_prefix(keys::QUARANTINE_PREFIX) {
            loaded.quarantined += 1;
            loaded.quarantined_size += key.len() + self.backend.get(&key).map_or(0, |v| v.len());
        }
        loaded
    }

    fn write_record(&self, id: &str, record: &StoredRecord) -> Result<usize, WriteError> {
        let key = keys::record(id);
        let json = format::encode(record);
        self.backend.set(&key, &json)?;
        Ok(key.len() + json.len())
    }

    /// Saves one registration: its own key, plus one index page if it is new. On failure
    /// nothing stored before is changed and the record is not half-saved.
    pub fn save(&mut self, record: &StoredRecord) -> Result<Summary, SaveError> {
        let id = record
            .id()
            .ok_or_else(|| SaveError::Refused("no id".into()))?
            .to_owned();
        self.save_as(&id, record)
    }

    /// Saves `record` under `id` (a receipt-only record has no submission to take it from).
    pub fn save_as(&mut self, id: &str, record: &StoredRecord) -> Result<Summary, SaveError> {
        if self.newer.contains(id) {
            // An older tab must leave a newer release's record alone.
            return Err(SaveError::Refused(
                "written by a newer version of the app".into(),
            ));
        }
        let is_new = !self.index.contains(id);
        let size = self.write_record(id, record)?;
        if is_new && let Err(e) = self.index.add(&self.backend, id) {
            // Roll back so a refused save leaves no trace.
            self.backend.remove(&keys::record(id));
            return Err(e.into());
        }
        Ok(Summary::of(id, record, size))
    }

    /// The record with this id, migrated to the current version; `None` if absent, unreadable
    /// or written by a newer release.
    pub fn get(&self, id: &str) -> Option<StoredRecord> {
        format::decode(&self.backend.get(&keys::record(id))?).record()
    }

    /// Removes a registration (a discarded draft). Only ever called after the officer confirmed.
    pub fn remove(&mut self, id: &str) -> Result<(), SaveError> {
        if self.newer.contains(id) {
            return Err(SaveError::Refused(
                "written by a newer version of the app".into(),
            ));
        }
        self.backend.remove(&keys::record(id));
        self.index
            .remove(&self.backend, id)
            .map_err(SaveError::from)
    }

    /// Every readable record in creation order (for the backup file and the sync engine).
    pub fn all(&self) -> impl Iterator<Item = (String, StoredRecord)> + '_ {
        self.index
            .ids()
            .filter_map(|id| self.get(id).map(|r| (id.clone(), r)))
    }

    /// Every registration id, in creation order.
    pub fn ids(&self) -> Vec<String> {
        self.index.ids().cloned().collect()
    }

    /// The raw text of every quarantined entry, by key (for the backup file).
    pub fn quarantined(&self) -> Vec<(String, String)> {
        self.backend
            .keys_with_prefix(keys::QUARANTINE_PREFIX)
            .into_iter()
            .filter_map(|k| self.backend.get(&k).map(|v| (k, v)))
            .collect()
    }

    /// Reads everything again (another tab cleared or rewrote the store).
    pub fn reload(&mut self) -> Loaded {
        self.load()
    }

    /// Learns of a record another tab wrote, without writing anything: that tab indexes it.
    pub fn adopt(&mut self, id: &str) {
        self.index.learn(id);
        let newer = self
            .backend
            .get(&keys::record(id))
            .is_some_and(|raw| matches!(format::decode(&raw), Decoded::Newer(_)));
        if newer {
            self.newer.insert(id.to_owned());
        } else {
            self.newer.remove(id);
        }
    }

    /// Forgets a record another tab removed, without writing anything.
    pub fn forget(&mut self, id: &str) {
        self.index.forget(id);
        self.newer.remove(id);
    }

    /// The summary of one record as stored now, if readable.
    pub fn summary(&self, id: &str) -> Option<Summary> {
        let key = keys::record(id);
        let raw = self.backend.get(&key)?;
        let record = format::decode(&raw).record()?;
        Some(Summary::of(id, &record, key.len() + raw.len()))
    }

    /// The backend (tests read its counters).
    pub fn backend(&self) -> &B {
        &self.backend
    }
}
