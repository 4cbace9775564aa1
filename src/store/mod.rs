//! The phone's own copy of every registration, in `localStorage` through gloo-storage.
//!
//! Layout (keys in [`keys`]): one key per registration, holding a versioned
//! [`StoredRecord`], plus an index of ids split into small pages. Saving a registration
//! writes its own key and, if it is new, one index page of at most [`INDEX_PAGE_SIZE`] ids:
//! the cost is the same with 10 or 5,000 stored. The record is written before the index,
//! and loading re-indexes any record the index misses, so a write cut off between the two
//! loses nothing. An entry that cannot be read is moved to a quarantine key and reported;
//! it is never dropped.

pub mod backend;
pub mod context;
pub mod keys;
pub mod record;

use std::collections::HashMap;

use domain::StoredSubmission;

pub use backend::{Backend, Counting, LocalBackend, WriteError};
pub use record::{LastError, Receipt, RecordState, StoredRecord, Summary};
use record::{RECORD_VERSION, StoredRecordAnyVersion};

/// Ids per index page. Small enough that rewriting a page is cheap (about 2.4 KB),
/// large enough that 5,000 registrations need only 79 pages.
pub const INDEX_PAGE_SIZE: usize = 64;

/// Why a save was refused. Nothing already stored is changed when a save fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The phone's storage for this app is full.
    Full,
    /// The browser refused to store (storage disabled, private mode…).
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
}

/// The store over a backend (`localStorage` in the app).
pub struct Store<B: Backend = LocalBackend> {
    backend: B,
    pages: Vec<Vec<String>>,
    page_of: HashMap<String, usize>,
}

impl<B: Backend> Store<B> {
    /// Opens the store: reads the index and every record, repairs the index, migrates old
    /// entries and quarantines unreadable ones.
    pub fn open(backend: B) -> (Self, Loaded) {
        let mut store = Store {
            backend,
            pages: Vec::new(),
            page_of: HashMap::new(),
        };
        let loaded = store.load();
        (store, loaded)
    }

    fn load(&mut self) -> Loaded {
        self.read_index();
        let present: Vec<String> = self
            .backend
            .keys_with_prefix(keys::RECORD_PREFIX)
            .into_iter()
            .map(|k| k[keys::RECORD_PREFIX.len()..].to_owned())
            .collect();
        // Ids the index lists whose record is gone hold no data: forget them.
        let dangling: Vec<String> = self
            .page_of
            .keys()
            .filter(|id| !present.contains(id))
            .cloned()
            .collect();
        for id in dangling {
            let _ = self.unindex(&id);
        }
        // Records the index misses (a save cut off before its index write, or two tabs
        // appending at once): index them again.
        let mut orphans: Vec<String> = present
            .into_iter()
            .filter(|id| !self.page_of.contains_key(id))
            .collect();
        orphans.sort();
        for id in orphans {
            let _ = self.index(&id);
        }

        let mut loaded = Loaded::default();
        let ids: Vec<String> = self.pages.iter().flatten().cloned().collect();
        for id in ids {
            let key = keys::record(&id);
            let Some(raw) = self.backend.get(&key) else {
                continue;
            };
            match parse(&raw) {
                Ok((record, migrated)) => {
                    if migrated {
                        // Best effort: if it cannot be written back it migrates again next time.
                        let _ = self.write_record(&id, &record);
                    }
                    loaded
                        .summaries
                        .push(Summary::of(&id, &record, key.len() + raw.len()));
                }
                Err(()) => {
                    if self.backend.set(&keys::quarantine(&id), &raw).is_ok() {
                        self.backend.remove(&key);
                        let _ = self.unindex(&id);
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

    fn read_index(&mut self) {
        self.pages.clear();
        self.page_of.clear();
        let mut n = 0;
        while let Some(raw) = self.backend.get(&keys::index_page(n)) {
            // An unreadable page is rebuilt from the records themselves (see `load`).
            let mut ids: Vec<String> = serde_json::from_str(&raw).unwrap_or_default();
            // Two tabs appending at once can list an id twice: keep the first.
            ids.retain(|id| !self.page_of.contains_key(id));
            for id in &ids {
                self.page_of.insert(id.clone(), n);
            }
            self.pages.push(ids);
            n += 1;
        }
    }

    fn write_page(&self, n: usize) -> Result<(), WriteError> {
        let json = serde_json::to_string(&self.pages[n]).expect("a list of strings serializes");
        self.backend.set(&keys::index_page(n), &json)
    }

    fn index(&mut self, id: &str) -> Result<(), WriteError> {
        if self.pages.last().is_none_or(|p| p.len() >= INDEX_PAGE_SIZE) {
            self.pages.push(Vec::new());
        }
        let n = self.pages.len() - 1;
        self.pages[n].push(id.to_owned());
        self.page_of.insert(id.to_owned(), n);
        self.write_page(n).inspect_err(|_| {
            self.pages[n].pop();
            self.page_of.remove(id);
            if self.pages[n].is_empty() {
                self.pages.pop();
            }
        })
    }

    fn unindex(&mut self, id: &str) -> Result<(), WriteError> {
        let Some(n) = self.page_of.remove(id) else {
            return Ok(());
        };
        self.pages[n].retain(|x| x != id);
        self.write_page(n)
    }

    fn write_record(&self, id: &str, record: &StoredRecord) -> Result<usize, WriteError> {
        let key = keys::record(id);
        let json = serde_json::to_string(record).expect("a record serializes");
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
        let is_new = !self.page_of.contains_key(id);
        let size = self.write_record(id, record)?;
        if is_new && let Err(e) = self.index(id) {
            // Roll back so a refused save leaves no trace.
            self.backend.remove(&keys::record(id));
            return Err(e.into());
        }
        Ok(Summary::of(id, record, size))
    }

    /// The record with this id, migrated to the current version; `None` if absent or unreadable.
    pub fn get(&self, id: &str) -> Option<StoredRecord> {
        let raw = self.backend.get(&keys::record(id))?;
        parse(&raw).ok().map(|(record, _)| record)
    }

    /// Removes a registration (a discarded draft). Only ever called after the officer confirmed.
    pub fn remove(&mut self, id: &str) -> Result<(), SaveError> {
        self.backend.remove(&keys::record(id));
        self.unindex(id).map_err(SaveError::from)
    }

    /// Every record in creation order (for the backup file and the sync engine).
    pub fn all(&self) -> impl Iterator<Item = (String, StoredRecord)> + '_ {
        self.pages
            .iter()
            .flatten()
            .filter_map(|id| self.get(id).map(|r| (id.clone(), r)))
    }

    /// Every registration id, in creation order.
    pub fn ids(&self) -> Vec<String> {
        self.pages.iter().flatten().cloned().collect()
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
    /// (Writing here would echo a `storage` event back to it, and two tabs would answer each
    /// other forever.)
    pub fn adopt(&mut self, id: &str) {
        if self.page_of.contains_key(id) {
            return;
        }
        if self.pages.last().is_none_or(|p| p.len() >= INDEX_PAGE_SIZE) {
            self.pages.push(Vec::new());
        }
        let n = self.pages.len() - 1;
        self.pages[n].push(id.to_owned());
        self.page_of.insert(id.to_owned(), n);
    }

    /// Forgets a record another tab removed, without writing anything.
    pub fn forget(&mut self, id: &str) {
        if let Some(n) = self.page_of.remove(id) {
            self.pages[n].retain(|x| x != id);
        }
    }

    /// The summary of one record as stored now, if readable.
    pub fn summary(&self, id: &str) -> Option<Summary> {
        let key = keys::record(id);
        let raw = self.backend.get(&key)?;
        parse(&raw)
            .ok()
            .map(|(record, _)| Summary::of(id, &record, key.len() + raw.len()))
    }

    /// The backend (tests read its counters).
    pub fn backend(&self) -> &B {
        &self.backend
    }
}

/// Reads a stored record, migrating an older submission schema. `Err` means unreadable.
fn parse(raw: &str) -> Result<(StoredRecord, bool), ()> {
    let any: StoredRecordAnyVersion = serde_json::from_str(raw).map_err(|_| ())?;
    if any.v != RECORD_VERSION {
        return Err(());
    }
    let (submission, migrated) = match any.submission {
        None => (None, false),
        Some(stored) => {
            let migrated = !matches!(&stored, StoredSubmission::Current(s) if s.schema_version == domain::SCHEMA_VERSION);
            (Some(stored.into_current().map_err(|_| ())?), migrated)
        }
    };
    let nik_key = any.nik_key.or_else(|| {
        submission
            .as_ref()
            .and_then(|s| record::nik_key(&s.form.participant.nik))
    });
    Ok((
        StoredRecord {
            v: RECORD_VERSION,
            state: any.state,
            submission,
            receipt: any.receipt,
            last_error: any.last_error,
            nik_key,
        },
        migrated,
    ))
}
