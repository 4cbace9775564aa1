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
//! Every write or removal of a record is one compare-and-write ([`Store::save`],
//! [`Store::remove`], [`Store::replace`]): it reads the record stored under that id at that
//! moment — another tab, or this tab's sync, may have moved it on since the writer read it —
//! and refuses when the writer's premise no longer holds. A form writes only over a record the
//! officer may still change (or none); the sync engine writes only over the very record it
//! read. No screen can write around it.
//!
//! The store is generic over its [`Backend`]: the app runs it on `localStorage`, the plain
//! native tests on [`MemoryBackend`].

pub mod backend;
pub mod context;
pub mod format;
mod index;
pub mod keys;
pub mod pages;
pub mod record;
pub mod sealed;
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

/// Chrome gives localStorage about 5 million characters per site: the ceiling the home screen
/// shows and the phone reports to the city (a character of the app's ASCII JSON is counted as
/// a byte, as people read "5 MB").
pub const STORAGE_LIMIT_CHARS: usize = 5 * 1024 * 1024;

/// Why a save was refused. Nothing already stored is changed when a save fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The phone's storage for this app is full.
    Full,
    /// The browser refused to store (storage disabled, private mode…), or what is stored under
    /// the id does not read (it is quarantined when the store is next opened, not overwritten).
    Refused(String),
    /// The stored record has left the officer's hands (being sent, sent, a duplicate, a
    /// conflict): no form writes over it or removes it.
    NotEditable(RecordState),
    /// The stored record is no longer the one the write was computed from.
    Changed,
    /// The stored record was written by a newer release of the app: left alone.
    Newer,
}

/// What a write needs of the record stored under its id, checked at the moment of writing.
#[derive(Clone, Copy)]
enum Premise<'a> {
    /// None, or one the officer may still change: a form's write.
    Editable,
    /// Exactly this record: a transition computed from it.
    Exactly(&'a StoredRecord),
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

    /// The form's write (every change to a draft, and "Simpan"): saves one registration, its own
    /// key plus one index page if it is new — only if what is stored under its id now is nothing
    /// or a record the officer may still change. On failure nothing stored before is changed and
    /// the record is not half-saved.
    pub fn save(&mut self, record: &StoredRecord) -> Result<Summary, SaveError> {
        let id = record
            .id()
            .ok_or_else(|| SaveError::Refused("no id".into()))?
            .to_owned();
        self.compare_and_write(&id, Some(record), Premise::Editable)
            .map(|summary| summary.expect("a write has a summary"))
    }

    /// The sync engine's write: `next` in place of `expected` under `id` (a receipt-only record
    /// has no submission to take its id from), only if the record stored there is still exactly
    /// `expected`.
    pub fn replace(
        &mut self,
        id: &str,
        expected: &StoredRecord,
        next: &StoredRecord,
    ) -> Result<Summary, SaveError> {
        self.compare_and_write(id, Some(next), Premise::Exactly(expected))
            .map(|summary| summary.expect("a write has a summary"))
    }

    /// The one compare-and-write: reads what is stored under `id` now, checks `premise` against
    /// it, then writes `next` (or removes the record, for `None`).
    fn compare_and_write(
        &mut self,
        id: &str,
        next: Option<&StoredRecord>,
        premise: Premise,
    ) -> Result<Option<Summary>, SaveError> {
        let key = keys::record(id);
        let stored = match self.backend.get(&key).map(|raw| format::decode(&raw)) {
            None => None,
            Some(Decoded::Current(record) | Decoded::Migrated(record)) => Some(record),
            Some(Decoded::Newer(_)) => {
                // An older tab must leave a newer release's record alone.
                self.newer.insert(id.to_owned());
                return Err(SaveError::Newer);
            }
            Some(Decoded::Unreadable) => {
                return Err(SaveError::Refused("the stored entry does not read".into()));
            }
        };
        match (premise, &stored) {
            (Premise::Editable, Some(stored)) if !stored.state().is_editable() => {
                return Err(SaveError::NotEditable(stored.state()));
            }
            (Premise::Exactly(expected), stored) if stored.as_ref() != Some(expected) => {
                return Err(SaveError::Changed);
            }
            _ => {}
        }
        let Some(record) = next else {
            self.backend.remove(&key);
            self.index.remove(&self.backend, id)?;
            return Ok(None);
        };
        let is_new = !self.index.contains(id);
        let size = self.write_record(id, record)?;
        if is_new && let Err(e) = self.index.add(&self.backend, id) {
            // Roll back so a refused save leaves no trace.
            self.backend.remove(&key);
            return Err(e.into());
        }
        Ok(Some(Summary::of(id, record, size)))
    }

    /// The record with this id, migrated to the current version; `None` if absent, unreadable
    /// or written by a newer release.
    pub fn get(&self, id: &str) -> Option<StoredRecord> {
        format::decode(&self.backend.get(&keys::record(id))?).record()
    }

    /// Removes a registration the officer discarded (after confirming), only if what is stored
    /// under its id is nothing or a record the officer may still change.
    pub fn remove(&mut self, id: &str) -> Result<(), SaveError> {
        self.compare_and_write(id, None, Premise::Editable)
            .map(|_| ())
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

    /// Whether storage holds anything under `id`'s key.
    pub fn holds(&self, id: &str) -> bool {
        self.backend.get(&keys::record(id)).is_some()
    }

    /// Whether the record stored under `id` was written by a newer release, as last read.
    pub fn is_newer(&self, id: &str) -> bool {
        self.newer.contains(id)
    }

    /// How many records of a newer release this store leaves alone.
    pub fn newer_count(&self) -> usize {
        self.newer.len()
    }

    /// The raw text of every record of a newer release, by key (for the backup file: this
    /// release cannot read them, but nothing unsent is left out of a backup).
    pub fn newer_entries(&self) -> Vec<(String, String)> {
        let mut ids: Vec<&String> = self.newer.iter().collect();
        ids.sort();
        ids.into_iter()
            .filter_map(|id| {
                let key = keys::record(id);
                self.backend.get(&key).map(|raw| (key, raw))
            })
            .collect()
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
