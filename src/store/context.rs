//! The store as the screens see it: one shared [`Store`] plus reactive summaries, so the
//! home counts and the list follow every save, here or in another tab; and the officer's data
//! key, in memory only, from the PIN's unlock until the page is closed.
//!
//! Until the app is unlocked the store is closed: it lists nothing, sends nothing and writes
//! nothing ([`SaveError::Locked`]).

use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;

use super::{
    Held, Loaded, LocalBackend, Premise, SaveError, Store, StoredRecord, Summary, keys, pages,
};
use crate::crypto::DataKey;

/// Shared handle to the phone's store.
#[derive(Clone, Copy)]
pub struct StoreContext {
    store: StoredValue<Store>,
    key: StoredValue<Option<DataKey>, LocalStorage>,
    open: RwSignal<bool>,
    /// The last save asked for, per id, and a counter: an older save that finishes sealing after
    /// a newer one does not write over it.
    tickets: StoredValue<(u64, HashMap<String, u64>)>,
    /// Whether index pages are being sealed (`seal_pages_later`).
    sealing: StoredValue<bool>,
    /// While the store is being opened: the records other tabs wrote meanwhile, followed once
    /// it is open (the opening may have read them before they were written).
    missed: StoredValue<Option<Vec<String>>>,
    summaries: RwSignal<Vec<Summary>>,
    /// Characters the index pages take (see [`Store::index_chars`]).
    index_chars: RwSignal<usize>,
    quarantined: RwSignal<(usize, usize)>,
    newer: RwSignal<usize>,
    refused_edit: RwSignal<Option<String>>,
}

impl StoreContext {
    /// Every registration's summary, in creation order (tracked).
    pub fn summaries(&self) -> Vec<Summary> {
        self.summaries.get()
    }

    /// The summaries signal, read-only (for memos).
    pub fn summaries_signal(&self) -> ReadSignal<Vec<Summary>> {
        self.summaries.read_only()
    }

    /// How many entries could not be read (tracked).
    pub fn quarantined(&self) -> usize {
        self.quarantined.get().0
    }

    /// How many records were written by a newer release of the app and are left alone
    /// (tracked; see [`super::Loaded::newer`]).
    pub fn newer(&self) -> usize {
        self.newer.get()
    }

    /// Characters used in storage by this app's registrations, their index pages and the
    /// entries kept aside (tracked).
    pub fn used_chars(&self) -> usize {
        self.summaries
            .with(|s| s.iter().map(|x| x.size).sum::<usize>())
            + self.index_chars.get()
            + self.quarantined.get().1
    }

    /// Whether the data key is open (tracked): the store lists and writes only then.
    pub fn is_open(&self) -> bool {
        self.open.get()
    }

    /// The data key, while the app is unlocked.
    pub fn data_key(&self) -> Option<DataKey> {
        self.key.with_value(Clone::clone)
    }

    /// Opens the store with the data key the PIN unwrapped: the list is read from the sealed
    /// index pages, and only records they do not summarise as stored are opened (what an
    /// earlier release stored in clear is encrypted in place); `progress` is told (done, total)
    /// of those.
    pub async fn unlock(&self, key: DataKey, progress: impl Fn(usize, usize) + 'static) -> Loaded {
        self.missed.set_value(Some(Vec::new()));
        let (store, loaded) = open_store(key.clone(), std::rc::Rc::new(progress)).await;
        self.store.set_value(store);
        self.key.set_value(Some(key));
        self.apply(&loaded);
        self.open.set(true);
        self.catch_up();
        loaded
    }

    /// Follows every record another tab wrote while the store was being opened.
    fn catch_up(&self) {
        let mut ids = self
            .missed
            .try_update_value(Option::take)
            .flatten()
            .unwrap_or_default();
        ids.sort();
        ids.dedup();
        for id in ids {
            self.follow(&id, true);
        }
    }

    /// Notes `id`, written by another tab, if the store is being opened (`true`): it is
    /// followed once the store is open.
    fn missed_while_opening(&self, id: &str) -> bool {
        self.missed
            .try_update_value(|missed| match missed {
                Some(ids) => {
                    ids.push(id.to_owned());
                    true
                }
                None => false,
            })
            .unwrap_or(false)
    }

    /// A form's write (every change to a draft, and "Simpan"): sealed, then written only if what
    /// is stored under its id is nothing or a record the officer may still change
    /// ([`Premise::Editable`]); the summaries follow. When storage holds a record that has moved
    /// on, the write is refused and this tab's summary of it is read again, so every screen
    /// showing it follows (the form turns into the record's page).
    pub async fn save(&self, record: &StoredRecord) -> Result<Summary, SaveError> {
        let id = record
            .id()
            .ok_or_else(|| SaveError::Refused("no id".into()))?
            .to_owned();
        let ticket = self.tickets.try_update_value(|(n, last)| {
            *n += 1;
            last.insert(id.clone(), *n);
            *n
        });
        let key = self.data_key().ok_or(SaveError::Locked)?;
        let sealed = super::seal(&key, &id, record).await?;
        if ticket.is_some() && self.tickets.with_value(|(_, last)| last.get(&id).copied()) != ticket
        {
            // A later save of this record was asked for meanwhile: it is the one that counts.
            return self
                .store
                .with_value(|s| s.summary(&id))
                .ok_or(SaveError::Changed);
        }
        self.write(&id, Premise::Editable, Some(sealed))
            .map(|summary| summary.expect("a write has a summary"))
    }

    /// The sync engine's write: `next` in place of the record it read, only if the stored text
    /// is still the one `expected` was opened from.
    pub async fn replace(
        &self,
        id: &str,
        expected: &Held,
        next: &StoredRecord,
    ) -> Result<Summary, SaveError> {
        let key = self.data_key().ok_or(SaveError::Locked)?;
        let sealed = super::seal(&key, id, next).await?;
        self.write(id, Premise::Exactly(expected.version), Some(sealed))
            .map(|summary| summary.expect("a write has a summary"))
    }

    fn write(
        &self,
        id: &str,
        premise: Premise,
        next: Option<super::Sealed>,
    ) -> Result<Option<Summary>, SaveError> {
        if !self.open.get_untracked() {
            return Err(SaveError::Locked);
        }
        let result = self
            .store
            .try_update_value(|s| s.write(id, premise, next))
            .expect("store is alive");
        match &result {
            Ok(Some(summary)) => self.put(summary.clone()),
            Ok(None) => self.summaries.update(|all| all.retain(|s| s.id != id)),
            Err(e) => self.refused(id, e),
        }
        if result.is_ok() {
            self.seal_pages_later();
        }
        result
    }

    /// Seals the index pages whose summaries are behind the records a second after the first
    /// write that left them behind, not at that write: a form saves at every change, and its
    /// page is sealed about once a second while the officer types, not at every keystroke. Until then
    /// (or if the page is never sealed: the phone died first) the next unlock opens the
    /// records of that page one by one; nothing depends on it but the unlock's speed.
    fn seal_pages_later(&self) {
        if self.sealing.get_value() {
            return;
        }
        self.sealing.set_value(true);
        let ctx = *self;
        spawn_local(async move {
            // A second after the first write; a page changed while it was being sealed waits
            // another second.
            'pause: loop {
                gloo_timers::future::TimeoutFuture::new(PAGE_SEAL_PAUSE_MS).await;
                while let Some(key) = ctx.data_key()
                    && let Some(page) = ctx.store.with_value(Store::page_to_seal)
                {
                    let Ok(text) = pages::seal_page(&key, page.n, &page.ids, &page.entries).await
                    else {
                        break 'pause;
                    };
                    if !ctx
                        .store
                        .try_update_value(|s| s.put_page(&page, &text))
                        .unwrap_or(true)
                    {
                        continue 'pause;
                    }
                }
                break;
            }
            ctx.count_index();
            ctx.sealing.set_value(false);
        });
    }

    /// After a refused write: what storage holds is what this tab shows, and a form's change
    /// that arrived after its record left the officer's hands is remembered for its page.
    fn refused(&self, id: &str, e: &SaveError) {
        match e {
            SaveError::NotEditable(_) => {
                self.refused_edit.set(Some(id.to_owned()));
                self.follow(id, true);
            }
            SaveError::Changed | SaveError::Newer => {
                let present = self.store.with_value(|s| s.holds(id));
                self.follow(id, present);
            }
            SaveError::Full | SaveError::Refused(_) | SaveError::Locked => {}
        }
    }

    /// Whether the last change a form made to `id` was refused because the registration had
    /// already left the officer's hands (tracked; the record's page says so).
    pub fn edit_was_refused(&self, id: &str) -> bool {
        self.refused_edit.with(|r| r.as_deref() == Some(id))
    }

    /// Whether the record stored under `id` was written by a newer release (tracked).
    pub fn is_newer(&self, id: &str) -> bool {
        self.newer.track();
        self.store.with_value(|s| s.is_newer(id))
    }

    fn put(&self, summary: Summary) {
        self.summaries
            .update(|all| match all.iter_mut().find(|s| s.id == summary.id) {
                Some(existing) => *existing = summary,
                None => all.push(summary),
            });
    }

    /// The full record, if opened already (not tracked). [`StoreContext::record`] opens it.
    pub fn get(&self, id: &str) -> Option<StoredRecord> {
        self.store.with_value(|s| s.get(id))
    }

    /// The record and the version of the text it was opened from, if opened already.
    pub fn held(&self, id: &str) -> Option<Held> {
        self.store.with_value(|s| s.held(id))
    }

    /// The record and the version of the text it was opened from, opened now if it was not
    /// (the unlock opens only what the sealed index pages do not summarise). One that does not
    /// open is quarantined, and every screen follows.
    pub async fn fetch(&self, id: &str) -> Option<Held> {
        if let Some(held) = self.held(id) {
            return Some(held);
        }
        let key = self.data_key()?;
        let raw = self.stored(id)?;
        let decoded = open_one(key, id.to_owned(), raw.clone()).await;
        let unreadable = matches!(decoded, super::format::Decoded::Unreadable);
        self.store.update_value(|s| s.take_opened(id, raw, decoded));
        if unreadable {
            self.summaries.update(|all| all.retain(|s| s.id != id));
            self.count_quarantined();
        }
        self.held(id)
    }

    /// The full record, opened now if it was not (see [`StoreContext::fetch`]).
    pub async fn record(&self, id: &str) -> Option<StoredRecord> {
        self.fetch(id).await.map(|h| h.record)
    }

    /// Opens each of `ids` not opened yet (a backup reads what it carries).
    pub async fn fetch_all(&self, ids: &[String]) {
        for id in ids {
            self.fetch(id).await;
        }
    }

    fn count_index(&self) {
        let chars = self.store.with_value(Store::index_chars);
        if self.index_chars.get_untracked() != chars {
            self.index_chars.set(chars);
        }
    }

    fn count_quarantined(&self) {
        let entries = self.store.with_value(Store::quarantined);
        let size = entries.iter().map(|(k, v)| k.len() + v.len()).sum();
        self.quarantined.set((entries.len(), size));
    }

    /// Whether storage holds a record under `id` (not tracked).
    pub fn holds(&self, id: &str) -> bool {
        self.store.with_value(|s| s.holds(id))
    }

    /// What storage holds under `id` now, as stored.
    pub fn stored(&self, id: &str) -> Option<String> {
        self.store.with_value(|s| s.stored(id))
    }

    /// Removes a registration the officer discarded, only if what is stored under its id is
    /// nothing or a record the officer may still change.
    pub fn remove(&self, id: &str) -> Result<(), SaveError> {
        self.write(id, Premise::Editable, None).map(|_| ())
    }

    /// Takes in one record another tab wrote or removed (or that storage turned out to hold
    /// when a write was refused): opened with the data key, then taken in if storage still
    /// holds what was opened.
    pub fn follow(&self, id: &str, _present: bool) {
        let Some(key) = self.data_key() else {
            return; // locked: the unlock reads everything
        };
        let id = id.to_owned();
        let ctx = *self;
        spawn_local(async move {
            let raw = ctx.stored(&id);
            let opened = match raw {
                Some(raw) => {
                    let decoded = open_one(key.clone(), id.clone(), raw.clone()).await;
                    Some((raw, decoded))
                }
                None => None,
            };
            ctx.store.update_value(|s| s.take_in(&id, opened));
            match ctx.store.with_value(|s| s.summary(&id)) {
                Some(summary) => ctx.put(summary),
                // Gone, or not readable here (a newer release wrote it): not listed, not sent.
                None => ctx.summaries.update(|all| all.retain(|s| s.id != id)),
            }
            let newer = ctx.store.with_value(|s| s.newer_count());
            if ctx.newer.get_untracked() != newer {
                ctx.newer.set(newer);
            }
        });
    }

    /// Reads everything again (another tab cleared the store).
    pub fn reload(&self) {
        let Some(key) = self.data_key() else {
            return;
        };
        let ctx = *self;
        ctx.missed.set_value(Some(Vec::new()));
        spawn_local(async move {
            let (store, loaded) = reopen_store(key.clone()).await;
            ctx.store.set_value(store);
            ctx.apply(&loaded);
            ctx.catch_up();
        });
    }

    fn apply(&self, loaded: &Loaded) {
        self.count_index();
        self.summaries.set(loaded.summaries.clone());
        self.quarantined
            .set((loaded.quarantined, loaded.quarantined_size));
        self.newer.set(loaded.newer.len());
    }
}

// Opening sealed records (the envelope, the box, every format a record was ever stored in) is
// not needed to draw the PIN screen, which is the first screen: each way into it is a function
// whose code is a chunk of its own (`#[lazy]`), loaded while the PIN is typed and precached for
// openings with no signal.

/// Fetches the code that opens the store, in the background: called when the PIN screen shows, so
/// that the unlock does not wait for it after the PIN is typed.
pub fn preload_opening() {
    #[cfg(not(feature = "no-split"))]
    spawn_local(async {
        __preload_open_store().await;
        __preload_open_one().await;
    });
}

/// The store opened with the data key (the unlock).
#[cfg_attr(not(feature = "no-split"), leptos::lazy)]
async fn open_store(key: DataKey, progress: std::rc::Rc<dyn Fn(usize, usize)>) -> (Store, Loaded) {
    Store::open(LocalBackend, &key, &*progress).await
}

/// The store opened again after another tab changed it.
#[cfg_attr(not(feature = "no-split"), leptos::lazy)]
async fn reopen_store(key: DataKey) -> (Store, Loaded) {
    Store::reopen(LocalBackend, &key).await
}

/// One stored text opened with the data key.
#[cfg_attr(not(feature = "no-split"), leptos::lazy)]
async fn open_one(key: DataKey, id: String, raw: String) -> super::format::Decoded {
    super::sealed::open(&key, &id, &raw).await
}

/// How long writes must pause before the index pages they changed are sealed again.
const PAGE_SEAL_PAUSE_MS: u32 = 1_000;

/// Opens the store and shares it; follows changes made by other tabs (the `storage`
/// event fires in every tab but the one that wrote).
pub fn provide_store() -> StoreContext {
    let ctx = StoreContext {
        store: StoredValue::new(Store::closed(LocalBackend)),
        key: StoredValue::new_local(None),
        open: RwSignal::new(false),
        tickets: StoredValue::new((0, HashMap::new())),
        sealing: StoredValue::new(false),
        missed: StoredValue::new(None),
        summaries: RwSignal::new(Vec::new()),
        index_chars: RwSignal::new(0),
        quarantined: RwSignal::new((0, 0)),
        newer: RwSignal::new(0),
        refused_edit: RwSignal::new(None),
    };
    // Another tab wrote: follow it one key at a time (the event names the key), so a
    // change costs the same however many registrations are stored.
    let handle = window_event_listener(leptos::ev::storage, move |ev| {
        let Some(key) = ev.key() else {
            ctx.reload(); // storage was cleared
            return;
        };
        if let Some(id) = key.strip_prefix(keys::RECORD_PREFIX) {
            if ctx.missed_while_opening(id) {
                return;
            }
            ctx.follow(id, ev.new_value().is_some());
        } else if key.starts_with(keys::QUARANTINE_PREFIX) {
            ctx.reload();
        }
    });
    // Dropping the handle would leave the listener in place; removing it when the owner (the
    // `App`, which lives as long as the page) is cleaned up is what ends it.
    on_cleanup(move || handle.remove());
    provide_context(ctx);
    ctx
}

/// The shared store.
pub fn use_store() -> StoreContext {
    expect_context::<StoreContext>()
}
