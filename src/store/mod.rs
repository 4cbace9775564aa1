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
pub(crate) mod tests;

use std::collections::{HashMap, HashSet};

pub use backend::{Backend, Counting, LocalBackend, MemoryBackend, WriteError};
use format::Decoded;
pub use index::INDEX_PAGE_SIZE;
use index::Index;
pub use record::{Receipt, RecordState, StoredRecord};
use sealed::Cipher;
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
    /// The app is locked: nothing is written until the officer's PIN opens the data key.
    Locked,
}

/// What a write needs of the record stored under its id, checked at the moment of writing.
#[derive(Clone, Copy, Debug)]
pub enum Premise {
    /// None, or one the officer may still change: a form's write.
    Editable,
    /// Exactly the stored text of this [`version_of`]: a transition computed from the record
    /// read from it.
    Exactly(u64),
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
    /// Records found in clear (an earlier release's) and encrypted in place while loading.
    pub sealed_in_place: usize,
    /// Records still in clear: changed by another tab while being encrypted, or refused by
    /// storage. The next opening tries again.
    pub left_in_clear: usize,
}

/// A record as read, and which stored text it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Held {
    /// The record, opened.
    pub record: StoredRecord,
    /// [`version_of`] the stored text it was opened from: a write computed from this record
    /// goes through only while that text is still what is stored.
    pub version: u64,
    /// Characters the record takes in storage (key and value).
    pub size: usize,
}

/// A fingerprint of a stored text, to tell whether it has been rewritten since it was read
/// (every seal uses a fresh nonce, so even the same record sealed again reads as rewritten).
pub fn version_of(raw: &str) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut hasher = DefaultHasher::new();
    raw.hash(&mut hasher);
    hasher.finish()
}

/// A record sealed for storage under its id, not written yet: what [`Store::write`] takes.
/// Sealing awaits the browser; writing does not, so the check of what is stored and the write
/// happen with nothing in between.
#[derive(Clone, Debug)]
pub struct Sealed {
    record: StoredRecord,
    text: String,
}

/// Seals `record` for storage under `id` with `cipher` (the officer's data key in the app).
pub async fn seal(
    cipher: &impl Cipher,
    id: &str,
    record: &StoredRecord,
) -> Result<Sealed, SaveError> {
    let text = sealed::seal(cipher, id, record, cipher.tag())
        .await
        .map_err(|e| SaveError::Refused(e.to_string()))?;
    Ok(Sealed {
        record: record.clone(),
        text,
    })
}

/// Records opened at once while loading: the browser decrypts them in parallel.
const OPEN_AT_ONCE: usize = 32;

/// The store over a backend (`localStorage` in the app): the index, and every readable record
/// opened, in memory while the app is unlocked.
pub struct Store<B: Backend = LocalBackend> {
    backend: B,
    index: Index,
    /// Every readable record, opened.
    held: HashMap<String, Held>,
    /// Records of a newer release (see [`Loaded::newer`]): never written by this code.
    newer: HashSet<String>,
}

impl<B: Backend> Store<B> {
    /// The store before it is opened (the app is locked): it holds nothing and lists nothing.
    pub fn closed(backend: B) -> Self {
        Store {
            backend,
            index: Index::default(),
            held: HashMap::new(),
            newer: HashSet::new(),
        }
    }

    /// Opens the store with the data key: reads the index and every record, repairs the
    /// index, migrates old entries, encrypts in place what an earlier release stored in clear
    /// (one record at a time: each is clear or sealed at every moment, both read) and
    /// quarantines unreadable ones. `progress` is told (done, total) as records are opened.
    pub async fn open(
        backend: B,
        cipher: &impl Cipher,
        progress: &dyn Fn(usize, usize),
    ) -> (Self, Loaded) {
        let mut store = Store::closed(backend);
        let loaded = store.load(cipher, progress).await;
        (store, loaded)
    }

    async fn load(&mut self, cipher: &impl Cipher, progress: &dyn Fn(usize, usize)) -> Loaded {
        self.index = Index::read(&self.backend);
        self.newer.clear();
        self.held.clear();
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
        let stored: Vec<(String, String)> = self
            .index
            .ids()
            .filter_map(|id| Some((id.clone(), self.backend.get(&keys::record(id))?)))
            .collect();
        let total = stored.len();
        progress(0, total);
        let mut done = 0;
        for chunk in stored.chunks(OPEN_AT_ONCE) {
            let opened = futures::future::join_all(
                chunk.iter().map(|(id, raw)| sealed::open(cipher, id, raw)),
            )
            .await;
            for ((id, raw), decoded) in chunk.iter().zip(opened) {
                let clear = sealed::peek(raw) == sealed::Peeked::Clear;
                let migrated = matches!(decoded, Decoded::Migrated(_));
                match decoded {
                    Decoded::Current(record) | Decoded::Migrated(record) => {
                        let mut held = Held {
                            version: version_of(raw),
                            size: keys::record(id).len() + raw.len(),
                            record,
                        };
                        if clear || migrated {
                            // Best effort: what is not written now is tried at the next opening.
                            match self.seal_in_place(cipher, id, raw, &held.record).await {
                                Some((version, size)) => {
                                    loaded.sealed_in_place += usize::from(clear);
                                    (held.version, held.size) = (version, size);
                                }
                                None => loaded.left_in_clear += usize::from(clear),
                            }
                        }
                        loaded
                            .summaries
                            .push(Summary::of(id, &held.record, held.size));
                        self.held.insert(id.clone(), held);
                    }
                    Decoded::Newer(_) => {
                        self.newer.insert(id.clone());
                        loaded.newer.push(id.clone());
                    }
                    Decoded::Unreadable => {
                        let key = keys::record(id);
                        if self.backend.get(&key).as_deref() == Some(raw.as_str())
                            && self.backend.set(&keys::quarantine(id), raw).is_ok()
                        {
                            self.backend.remove(&key);
                            let _ = self.index.remove(&self.backend, id);
                        }
                    }
                }
            }
            done += chunk.len();
            progress(done, total);
        }
        for key in self.backend.keys_with_prefix(keys::QUARANTINE_PREFIX) {
            loaded.quarantined += 1;
            loaded.quarantined_size += key.len() + self.backend.get(&key).map_or(0, |v| v.len());
        }
        loaded
    }

    /// Rewrites `raw` (stored under `id`, in clear or of an older format) sealed in today's
    /// format, if it is still what is stored once sealed; the new text's version and size.
    async fn seal_in_place(
        &self,
        cipher: &impl Cipher,
        id: &str,
        raw: &str,
        record: &StoredRecord,
    ) -> Option<(u64, usize)> {
        let sealed = seal(cipher, id, record).await.ok()?;
        let key = keys::record(id);
        // The seal awaited: what is stored may have moved on since it was read.
        if self.backend.get(&key).as_deref() != Some(raw) {
            return None;
        }
        self.backend.set(&key, &sealed.text).ok()?;
        Some((version_of(&sealed.text), key.len() + sealed.text.len()))
    }

    /// The one compare-and-write: reads what is stored under `id` now, checks `premise` against
    /// it, then writes `next` (or removes the record, for `None`). Nothing awaits in here, so
    /// nothing (another tab, this tab's sync) can write between the check and the write. On
    /// failure nothing stored before is changed and the record is not half-saved.
    pub fn write(
        &mut self,
        id: &str,
        premise: Premise,
        next: Option<Sealed>,
    ) -> Result<Option<Summary>, SaveError> {
        let key = keys::record(id);
        let stored = self.backend.get(&key);
        if let Some(raw) = &stored {
            let newer = match sealed::peek(raw) {
                sealed::Peeked::Newer(_) => true,
                sealed::Peeked::Sealed(s) => s.schema.is_some_and(|v| v > domain::SCHEMA_VERSION),
                sealed::Peeked::Clear => matches!(format::decode(raw), Decoded::Newer(_)),
            };
            if newer {
                // An older tab must leave a newer release's record alone.
                self.newer.insert(id.to_owned());
                return Err(SaveError::Newer);
            }
        }
        let state = stored.as_deref().map(sealed::state_of);
        match (premise, state) {
            (_, Some(None)) => {
                return Err(SaveError::Refused("the stored entry does not read".into()));
            }
            (Premise::Editable, Some(Some(state))) if !state.is_editable() => {
                return Err(SaveError::NotEditable(state));
            }
            (Premise::Exactly(version), _)
                if stored.as_deref().map(version_of) != Some(version) =>
            {
                return Err(SaveError::Changed);
            }
            _ => {}
        }
        let Some(next) = next else {
            self.backend.remove(&key);
            self.held.remove(id);
            self.index.remove(&self.backend, id)?;
            return Ok(None);
        };
        let is_new = !self.index.contains(id);
        self.backend.set(&key, &next.text)?;
        if is_new && let Err(e) = self.index.add(&self.backend, id) {
            // Roll back so a refused save leaves no trace.
            self.backend.remove(&key);
            return Err(e.into());
        }
        let held = Held {
            version: version_of(&next.text),
            size: key.len() + next.text.len(),
            record: next.record,
        };
        let summary = Summary::of(id, &held.record, held.size);
        self.held.insert(id.to_owned(), held);
        Ok(Some(summary))
    }

    /// The record with this id, as last opened; `None` if absent, unreadable or written by a
    /// newer release.
    pub fn get(&self, id: &str) -> Option<StoredRecord> {
        self.held.get(id).map(|h| h.record.clone())
    }

    /// The record with this id and the version of the text it was opened from.
    pub fn held(&self, id: &str) -> Option<Held> {
        self.held.get(id).cloned()
    }

    /// Every readable record in creation order.
    pub fn all(&self) -> impl Iterator<Item = (String, StoredRecord)> + '_ {
        self.index
            .ids()
            .filter_map(|id| self.get(id).map(|r| (id.clone(), r)))
    }

    /// Every registration id, in creation order.
    pub fn ids(&self) -> Vec<String> {
        self.index.ids().cloned().collect()
    }

    /// What storage holds under `id`'s key now, as stored.
    pub fn stored(&self, id: &str) -> Option<String> {
        self.backend.get(&keys::record(id))
    }

    /// Whether storage holds anything under `id`'s key.
    pub fn holds(&self, id: &str) -> bool {
        self.stored(id).is_some()
    }

    /// Whether the record stored under `id` was written by a newer release, as last read.
    pub fn is_newer(&self, id: &str) -> bool {
        self.newer.contains(id)
    }

    /// How many records of a newer release this store leaves alone.
    pub fn newer_count(&self) -> usize {
        self.newer.len()
    }

    /// The raw text of every record of a newer release, by key.
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

    /// The raw text of every quarantined entry, by key.
    pub fn quarantined(&self) -> Vec<(String, String)> {
        self.backend
            .keys_with_prefix(keys::QUARANTINE_PREFIX)
            .into_iter()
            .filter_map(|k| self.backend.get(&k).map(|v| (k, v)))
            .collect()
    }

    /// Reads everything again (another tab cleared or rewrote the store).
    pub async fn reload(&mut self, cipher: &impl Cipher) -> Loaded {
        self.load(cipher, &|_, _| {}).await
    }

    /// Takes in what another tab wrote under `id`: `raw`, opened as `decoded` (`None`: the
    /// record was removed). Nothing is written: that tab indexes it. Ignored when storage has
    /// moved on again since `raw` was read (a later event brings the newer text).
    pub fn take_in(&mut self, id: &str, opened: Option<(String, Decoded)>) {
        if self.stored(id) != opened.as_ref().map(|(raw, _)| raw.clone()) {
            return;
        }
        let Some((raw, decoded)) = opened else {
            self.index.forget(id);
            self.held.remove(id);
            self.newer.remove(id);
            return;
        };
        self.index.learn(id);
        match decoded {
            Decoded::Current(record) | Decoded::Migrated(record) => {
                self.newer.remove(id);
                let held = Held {
                    version: version_of(&raw),
                    size: keys::record(id).len() + raw.len(),
                    record,
                };
                self.held.insert(id.to_owned(), held);
            }
            Decoded::Newer(_) => {
                self.held.remove(id);
                self.newer.insert(id.to_owned());
            }
            Decoded::Unreadable => {
                self.held.remove(id);
                self.newer.remove(id);
            }
        }
    }

    /// The summary of one record as last opened, if readable.
    pub fn summary(&self, id: &str) -> Option<Summary> {
        self.held
            .get(id)
            .map(|h| Summary::of(id, &h.record, h.size))
    }

    /// The backend (tests read its counters).
    pub fn backend(&self) -> &B {
        &self.backend
    }
}
