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

    /// Characters used in storage by this app's registrations (tracked).
    pub fn used_chars(&self) -> usize {
        self.summaries
            .with(|s| s.iter().map(|x| x.size).sum::<usize>())
            + self.quarantined.get().1
    }

    /// A form's write (see [`Store::save`]) and the summaries updated. When storage holds a
    /// record that has moved on, the write is refused and this tab's summary of it is read
    /// again, so every screen showing it follows (the form turns into the record's page).
    pub fn save(&self, record: &StoredRecord) -> Result<Summary, SaveError> {
        let result = self
            .store
            .try_update_value(|s| s.save(record))
            .expect("store is alive");
        match result {
            Ok(summary) => {
                self.put(summary.clone());
                Ok(summary)
            }
            Err(e) => {
                if let Some(id) = record.id() {
                    self.refused(id, &e);
                }
                Err(e)
            }
        }
    }

    /// The sync engine's write (see [`Store::replace`]) and the summaries updated.
    pub fn replace(
        &self,
        id: &str,
        expected: &StoredRecord,
        next: &StoredRecord,
    ) -> Result<Summary, SaveError> {
        let result = self
            .store
            .try_update_value(|s| s.replace(id, expected, next))
            .expect("store is alive");
        match result {
            Ok(summary) => {
                self.put(summary.clone());
                Ok(summary)
            }
            Err(e) => {
                self.refused(id, &e);
                Err(e)
            }
        }
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
            SaveError::Full | SaveError::Refused(_) => {}
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

    /// The full record (not tracked: read it when a screen opens).
    pub fn get(&self, id: &str) -> Option<StoredRecord> {
        self.store.with_value(|s| s.get(id))
    }

    /// Removes a registration the officer discarded (see [`Store::remove`]).
    pub fn remove(&self, id: &str) -> Result<(), SaveError> {
        let result = self
            .store
            .try_update_value(|s| s.remove(id))
            .expect("store is alive");
        if let Err(e) = &result {
            self.refused(id, e);
        }
        result?;
        self.summaries.update(|all| all.retain(|s| s.id != id));
        Ok(())
    }

    /// Takes in one record another tab wrote or removed (or that storage turned out to hold
    /// when a write was refused).
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
        let newer = self.store.with_value(|s| s.newer_count());
        if self.newer.get_untracked() != newer {
            self.newer.set(newer);
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
        refused_edit: RwSignal::new(None),
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
