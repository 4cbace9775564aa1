//! The store as the screens see it: one shared [`Store`] plus reactive summaries, so the
//! home counts and the list follow every save, here or in another tab.

use leptos::prelude::*;

use super::{Loaded, SaveError, Store, StoredRecord, Summary, keys};

/// Shared handle to the phone's store.
#[derive(Clone, Copy)]
pub struct StoreContext {
    store: StoredValue<Store>,
    summaries: RwSignal<Vec<Summary>>,
    quarantined: RwSignal<(usize, usize)>,
    newer: RwSignal<usize>,
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

    /// Characters used in storage by this app's registrations (tracked).
    pub fn used_chars(&self) -> usize {
        self.summaries
            .with(|s| s.iter().map(|x| x.size).sum::<usize>())
            + self.quarantined.get().1
    }

    /// Saves a record and updates the summaries.
    pub fn save(&self, record: &StoredRecord) -> Result<Summary, SaveError> {
        let summary = self
            .store
            .try_update_value(|s| s.save(record))
            .expect("store is alive")?;
        self.put(summary.clone());
        Ok(summary)
    }

    /// Saves under an explicit id (receipt-only records).
    pub fn save_as(&self, id: &str, record: &StoredRecord) -> Result<Summary, SaveError> {
        let summary = self
            .store
            .try_update_value(|s| s.save_as(id, record))
            .expect("store is alive")?;
        self.put(summary.clone());
        Ok(summary)
    }

    fn put(&self, summary: Summary) {
        self.summaries
            .update(|all| match all.iter_mut().find(|s| s.id == summary.id) {
                Some(existing) => *existing = summary,
                None => all.push(summary),
            });
    }

    /// The full record (not tracked: read it when a screen opens).
    pub fn get(&self, id: &str) -> Option<StoredRecord> {
        self.store.with_value(|s| s.get(id))
    }

    /// Removes a discarded draft.
    pub fn remove(&self, id: &str) -> Result<(), SaveError> {
        self.store
            .try_update_value(|s| s.remove(id))
            .expect("store is alive")?;
        self.summaries.update(|all| all.retain(|s| s.id != id));
        Ok(())
    }

    /// Every unsent record (for the backup file).
    pub fn unsent(&self) -> Vec<StoredRecord> {
        self.store.with_value(|s| {
            s.all()
                .map(|(_, r)| r)
                .filter(|r| r.state().is_unsent())
                .collect()
        })
    }

    /// The raw text of the quarantined entries.
    pub fn quarantined_entries(&self) -> Vec<(String, String)> {
        self.store.with_value(|s| s.quarantined())
    }

    /// Takes in one record another tab wrote or removed.
    pub fn follow(&self, id: &str, present: bool) {
        if present {
            self.store.update_value(|s| s.adopt(id));
            match self.store.with_value(|s| s.summary(id)) {
                Some(summary) => self.put(summary),
                // Not readable here (a newer release wrote it): not listed, not sent.
                None => self.summaries.update(|all| all.retain(|s| s.id != id)),
            }
        } else {
            self.store.update_value(|s| s.forget(id));
            self.summaries.update(|all| all.retain(|s| s.id != id));
        }
    }

    /// Reads everything again (another tab cleared the store).
    pub fn reload(&self) {
        let loaded = self
            .store
            .try_update_value(|s| s.reload())
            .expect("store is alive");
        self.apply(loaded);
    }

    fn apply(&self, loaded: Loaded) {
        self.summaries.set(loaded.summaries);
        self.quarantined
            .set((loaded.quarantined, loaded.quarantined_size));
        self.newer.set(loaded.newer.len());
    }
}

/// Opens the store and shares it; follows changes made by other tabs (the `storage`
/// event fires in every tab but the one that wrote).
pub fn provide_store() -> StoreContext {
    let (store, loaded) = Store::open(super::LocalBackend);
    let ctx = StoreContext {
        store: StoredValue::new(store),
        summaries: RwSignal::new(Vec::new()),
        quarantined: RwSignal::new((0, 0)),
        newer: RwSignal::new(0),
    };
    ctx.apply(loaded);
    // Another tab wrote: follow it one key at a time (the event names the key), so a
    // change costs the same however many registrations are stored.
    let handle = window_event_listener(leptos::ev::storage, move |ev| {
        let Some(key) = ev.key() else {
            ctx.reload(); // storage was cleared
            return;
        };
        if let Some(id) = key.strip_prefix(keys::RECORD_PREFIX) {
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
