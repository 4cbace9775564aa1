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

use std::collections::{BTreeSet, HashMap, HashSet};

pub use backend::{Backend, Counting, LocalBackend, MemoryBackend, WriteError};
use format::Decoded;
pub use index::INDEX_PAGE_SIZE;
use index::Index;
use pages::ListEntry;
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
    /// Records opened one by one (their sealed page had no summary of them as stored); the
    /// others were listed from their page's summaries and are opened when first needed.
    pub opened: usize,
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
    tag: String,
}

/// Seals `record` for storage under `id` with `cipher` (the officer's data key in the app).
pub async fn seal(
    cipher: &impl Cipher,
    id: &str,
    record: &StoredRecord,
) -> Result<Sealed, SaveError> {
    let tag = cipher.tag();
    let text = sealed::seal(cipher, id, record, tag.clone())
        .await
        .map_err(|e| SaveError::Refused(e.to_string()))?;
    Ok(Sealed {
        record: record.clone(),
        text,
        tag,
    })
}

/// The list's tag of a sealed stored text (`None` for a text in clear).
fn tag_in(raw: &str) -> Option<String> {
    match sealed::peek(raw) {
        sealed::Peeked::Sealed(s) => Some(s.sum),
        _ => None,
    }
}

/// Records opened at once while loading: the browser decrypts them in parallel.
const OPEN_AT_ONCE: usize = 32;

/// The store over a backend (`localStorage` in the app), in memory while the app is unlocked:
/// the index, every readable record's summary (from its sealed index page, or from the record
/// itself where the page had none of it as stored), and the records opened so far — a record
/// is opened when first needed ([`Store::fetch`]), not at unlock.
pub struct Store<B: Backend = LocalBackend> {
    backend: B,
    index: Index,
    /// Every readable record's summary, and the tag of the stored text it was made from
    /// (`None`: a text in clear).
    listed: HashMap<String, (Summary, Option<String>)>,
    /// The records opened so far.
    held: HashMap<String, Held>,
    /// Records of a newer release (see [`Loaded::newer`]): never written by this code.
    newer: HashSet<String>,
    /// Index pages whose sealed summaries are behind the records (`Store::seal_pages`).
    behind: BTreeSet<usize>,
}

/// An index page to seal: its number, its ids and their entries, as the store holds them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageToSeal {
    /// The page's number.
    pub n: usize,
    /// Its ids, in creation order.
    pub ids: Vec<String>,
    /// Their entries, by the same order.
    pub entries: Vec<Option<ListEntry>>,
}

impl<B: Backend> Store<B> {
    /// The store before it is opened (the app is locked): it holds nothing and lists nothing.
    pub fn closed(backend: B) -> Self {
        Store {
            backend,
            index: Index::default(),
            listed: HashMap::new(),
            held: HashMap::new(),
            newer: HashSet::new(),
            behind: BTreeSet::new(),
        }
    }

    /// Opens the store with the data key: reads the index and repairs it, opens every sealed
    /// index page and lists each record its page summarises as stored; opens the others one by
    /// one (a record in clear or of an older format, one written since its page was sealed),
    /// migrating old entries, encrypting in place what an earlier release stored in clear (one
    /// record at a time: each is clear or sealed at every moment, both read) and quarantining
    /// unreadable ones; then seals the pages that were behind, and the entries kept aside still
    /// as found. `progress` is told (done, total) as records are opened one by one.
    pub async fn open(
        backend: B,
        cipher: &impl Cipher,
        progress: &dyn Fn(usize, usize),
    ) -> (Self, Loaded) {
        let mut store = Store::closed(backend);
        let loaded = store.load(cipher, progress, true).await;
        (store, loaded)
    }

    /// Opens the store again after another tab changed it (cleared it, set an entry aside):
    /// as [`Store::open`], but the entries kept aside are left as they are. Sealing one means
    /// writing it back, and this tab's view of storage may lag behind the tab that just changed
    /// it: an entry that tab has removed since would come back. The unlock seals them.
    pub async fn reopen(backend: B, cipher: &impl Cipher) -> (Self, Loaded) {
        let mut store = Store::closed(backend);
        let loaded = store.load(cipher, &|_, _| {}, false).await;
        (store, loaded)
    }

    async fn load(
        &mut self,
        cipher: &impl Cipher,
        progress: &dyn Fn(usize, usize),
        seal_kept: bool,
    ) -> Loaded {
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
        self.listed.clear();
        self.behind.clear();
        // The pages first (their boxes opened at once), then each record's clear head read as it
        // is fetched: a record a page summarises as stored now is listed from the page and its
        // text dropped at once; only the texts of records to open are kept. At 5,000 stored,
        // holding every text and its parsed envelope at once was most of the app's memory.
        let pages: Vec<Option<String>> = (0..self.index.len())
            .map(|n| self.backend.get(&keys::index_page(n)))
            .collect();
        let opened_pages =
            futures::future::join_all(pages.iter().enumerate().map(|(n, raw)| async move {
                match raw {
                    Some(raw) => pages::open_page(cipher, n, raw).await,
                    None => None,
                }
            }))
            .await;
        drop(pages);
        let mut entries: HashMap<&str, &ListEntry> = HashMap::new();
        for page in opened_pages.iter().flatten() {
            entries.extend(page.entries().map(|(id, e)| (id.as_str(), e)));
        }
        let mut to_open = Vec::new();
        let ids: Vec<String> = self.index.ids().cloned().collect();
        for id in ids {
            let Some(raw) = self.backend.get(&keys::record(&id)) else {
                continue;
            };
            let size = keys::record(&id).len() + raw.len();
            match sealed::peek_head(&raw) {
                sealed::Head::Newer => {
                    self.newer.insert(id);
                }
                sealed::Head::Sealed(h) if h.schema.is_some_and(|v| v > domain::SCHEMA_VERSION) => {
                    self.newer.insert(id);
                }
                // Believed only if made from the very record stored now (`pages::fresh`).
                sealed::Head::Sealed(h)
                    if entries.get(id.as_str()).is_some_and(|e| e.sum == h.sum) =>
                {
                    let entry = entries[id.as_str()].clone();
                    let summary = Summary::from_entry(&id, entry, h.state, size);
                    self.listed.insert(id, (summary, Some(h.sum)));
                }
                _ => to_open.push((id, raw)),
            }
        }
        drop(entries);
        // Pages with a record to open, or an id of the index missing from their box.
        for (n, page) in (0..self.index.len()).zip(&opened_pages) {
            let sealed_ids: Option<&[String]> = page.as_ref().map(|p| p.ids.as_slice());
            if sealed_ids != Some(self.index.page(n)) {
                self.behind.insert(n);
            }
        }
        for (id, _) in &to_open {
            self.behind.extend(self.index.page_of(id));
        }
        let total = to_open.len();
        loaded.opened = total;
        progress(0, total);
        let mut done = 0;
        for chunk in to_open.chunks(OPEN_AT_ONCE) {
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
                        let mut tag = tag_in(raw);
                        if clear || migrated {
                            // Best effort: what is not written now is tried at the next opening.
                            match self.seal_in_place(cipher, id, raw, &held.record).await {
                                Some((version, size, sealed_tag)) => {
                                    loaded.sealed_in_place += usize::from(clear);
                                    (held.version, held.size) = (version, size);
                                    tag = Some(sealed_tag);
                                }
                                None => loaded.left_in_clear += usize::from(clear),
                            }
                        }
                        let summary = Summary::of(id, &held.record, held.size);
                        self.listed.insert(id.clone(), (summary, tag));
                        self.held.insert(id.clone(), held);
                    }
                    Decoded::Newer(_) => {
                        self.newer.insert(id.clone());
                    }
                    Decoded::Unreadable => self.quarantine(id, raw),
                }
            }
            done += chunk.len();
            progress(done, total);
        }
        loaded.summaries = self
            .index
            .ids()
            .filter_map(|id| self.listed.get(id).map(|(s, _)| s.clone()))
            .collect();
        let mut newer: Vec<String> = self.newer.iter().cloned().collect();
        newer.sort();
        loaded.newer = newer;
        // Best effort: a page not sealed now is sealed at the next write, or the next opening.
        self.seal_pages(cipher).await;
        if seal_kept {
            self.seal_kept(cipher).await;
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
    ) -> Option<(u64, usize, String)> {
        let sealed = seal(cipher, id, record).await.ok()?;
        let key = keys::record(id);
        // The seal awaited: what is stored may have moved on since it was read.
        if self.backend.get(&key).as_deref() != Some(raw) {
            return None;
        }
        self.backend.set(&key, &sealed.text).ok()?;
        Some((
            version_of(&sealed.text),
            key.len() + sealed.text.len(),
            sealed.tag,
        ))
    }

    /// Seals every entry kept aside that is still as it was found (best effort, each only if
    /// it is still what is stored once sealed: what is not sealed now is at the next opening).
    async fn seal_kept(&self, cipher: &impl Cipher) {
        for key in self.backend.keys_with_prefix(keys::QUARANTINE_PREFIX) {
            let Some(raw) = self.backend.get(&key).filter(|raw| !sealed::is_kept(raw)) else {
                continue;
            };
            let Ok(kept) = sealed::seal_kept(cipher, &key, &raw).await else {
                return;
            };
            if self.backend.get(&key).as_deref() == Some(raw.as_str()) {
                let _ = self.backend.set(&key, &kept);
            }
        }
    }

    /// Moves the unreadable `raw` stored under `id` aside, if it is still what is stored: it is
    /// kept, never dropped, and no longer listed.
    fn quarantine(&mut self, id: &str, raw: &str) {
        let key = keys::record(id);
        if self.backend.get(&key).as_deref() == Some(raw)
            && self.backend.set(&keys::quarantine(id), raw).is_ok()
        {
            self.behind.extend(self.index.page_of(id));
            self.backend.remove(&key);
            let _ = self.index.remove(&self.backend, id);
            self.listed.remove(id);
            self.held.remove(id);
        }
    }

    /// The next index page whose sealed summaries are behind, as the store holds it now.
    pub fn page_to_seal(&self) -> Option<PageToSeal> {
        let n = *self.behind.iter().next()?;
        Some(self.page_as_held(n))
    }

    fn page_as_held(&self, n: usize) -> PageToSeal {
        let ids = self.index.page(n).to_vec();
        let entries = ids
            .iter()
            .map(|id| match self.listed.get(id) {
                Some((summary, Some(tag))) => Some(summary.entry(tag)),
                _ => None,
            })
            .collect();
        PageToSeal { n, ids, entries }
    }

    /// Writes `text`, page `page` sealed, if the store still holds the page as it was sealed and
    /// storage still lists the same ids on it; `false` when the page must be sealed again. A
    /// page storage refuses is left behind (its records are opened one by one at the next
    /// opening).
    pub fn put_page(&mut self, page: &PageToSeal, text: &str) -> bool {
        if self.page_as_held(page.n) != *page {
            return false;
        }
        let key = keys::index_page(page.n);
        let stored_ids = self.backend.get(&key).and_then(|raw| pages::page_ids(&raw));
        if stored_ids.as_deref() == Some(page.ids.as_slice()) {
            let _ = self.backend.set(&key, text);
        }
        self.behind.remove(&page.n);
        true
    }

    /// Seals every page that is behind (the app does it in its own time, `StoreContext`; the
    /// native tests and the opening call this).
    pub async fn seal_pages(&mut self, cipher: &impl Cipher) {
        // Each round writes a page or finds it changed under it; a page that keeps changing
        // is left for the next call.
        for _ in 0..self.behind.len() * 2 + 1 {
            let Some(page) = self.page_to_seal() else {
                return;
            };
            match pages::seal_page(cipher, page.n, &page.ids, &page.entries).await {
                Ok(text) => {
                    self.put_page(&page, &text);
                }
                Err(_) => return,
            }
        }
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
            self.behind.extend(self.index.page_of(id));
            self.backend.remove(&key);
            self.held.remove(id);
            self.listed.remove(id);
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
        self.listed
            .insert(id.to_owned(), (summary.clone(), Some(next.tag)));
        self.behind.extend(self.index.page_of(id));
        Ok(Some(summary))
    }

    /// The record with this id, if opened already ([`Store::fetch`] opens it); `None` if not
    /// opened yet, absent, unreadable or written by a newer release.
    pub fn get(&self, id: &str) -> Option<StoredRecord> {
        self.held.get(id).map(|h| h.record.clone())
    }

    /// The record with this id and the version of the text it was opened from.
    pub fn held(&self, id: &str) -> Option<Held> {
        self.held.get(id).cloned()
    }

    /// Opens the record stored under `id` if it is not opened yet (a record in a sealed page's
    /// summaries is opened only when needed); the record and the version of its stored text.
    /// One that does not open is quarantined.
    pub async fn fetch(&mut self, cipher: &impl Cipher, id: &str) -> Option<Held> {
        if let Some(held) = self.held(id) {
            return Some(held);
        }
        let raw = self.stored(id)?;
        let decoded = sealed::open(cipher, id, &raw).await;
        self.take_opened(id, raw, decoded);
        self.held(id)
    }

    /// Takes in `raw`, stored under `id`, opened as `decoded`, if storage still holds it: an
    /// unreadable one is quarantined.
    pub fn take_opened(&mut self, id: &str, raw: String, decoded: Decoded) {
        if matches!(decoded, Decoded::Unreadable) {
            self.quarantine(id, &raw);
        } else {
            self.take_in(id, Some((raw, decoded)));
        }
    }

    /// Every readable record's summary, in creation order.
    pub fn summaries(&self) -> impl Iterator<Item = &Summary> + '_ {
        self.index
            .ids()
            .filter_map(|id| self.listed.get(id).map(|(s, _)| s))
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

    /// Reads everything again (another tab cleared or rewrote the store); see
    /// [`Store::reopen`].
    pub async fn reload(&mut self, cipher: &impl Cipher) -> Loaded {
        self.load(cipher, &|_, _| {}, false).await
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
            self.listed.remove(id);
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
                let summary = Summary::of(id, &held.record, held.size);
                self.listed.insert(id.to_owned(), (summary, tag_in(&raw)));
                self.held.insert(id.to_owned(), held);
            }
            Decoded::Newer(_) => {
                self.held.remove(id);
                self.listed.remove(id);
                self.newer.insert(id.to_owned());
            }
            Decoded::Unreadable => {
                self.held.remove(id);
                self.listed.remove(id);
                self.newer.remove(id);
            }
        }
    }

    /// The summary of one record, if readable.
    pub fn summary(&self, id: &str) -> Option<Summary> {
        self.listed.get(id).map(|(s, _)| s.clone())
    }

    /// Characters the index pages take in storage (keys and values).
    pub fn index_chars(&self) -> usize {
        (0..self.index.len())
            .map(keys::index_page)
            .map(|key| key.len() + self.backend.get(&key).map_or(0, |v| v.len()))
            .sum()
    }

    /// The backend (tests read its counters).
    pub fn backend(&self) -> &B {
        &self.backend
    }
}
