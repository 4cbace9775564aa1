//! The store as the engine's [`Outbox`]: the app's shared [`StoreContext`] (whose in-memory
//! summaries say what is sendable without reading storage), and a [`Store`] with its cipher
//! (for the native tests, and any code that holds a store of its own).

use std::cell::RefCell;

use leptos::prelude::*;

use super::engine::Outbox;
use crate::store::{
    Backend, Held, Premise, SaveError, Store, StoredRecord, context::StoreContext, seal,
    sealed::Cipher,
};

impl Outbox for StoreContext {
    fn sendable(&self) -> Vec<String> {
        self.summaries_signal().with_untracked(|all| {
            all.iter()
                .filter(|s| s.state.is_sendable())
                .map(|s| s.id.clone())
                .collect()
        })
    }

    async fn get(&self, id: &str) -> Option<Held> {
        StoreContext::fetch(self, id).await
    }

    async fn replace(
        &self,
        id: &str,
        expected: &Held,
        next: &StoredRecord,
    ) -> Result<(), SaveError> {
        StoreContext::replace(self, id, expected, next)
            .await
            .map(|_| ())
    }
}

/// A store of its own and the cipher its records are sealed with.
pub struct OwnStore<B: Backend, C: Cipher> {
    /// The store.
    pub store: RefCell<Store<B>>,
    /// What seals its records.
    pub cipher: C,
}

impl<B: Backend, C: Cipher> Outbox for OwnStore<B, C> {
    fn sendable(&self) -> Vec<String> {
        self.store
            .borrow()
            .summaries()
            .filter(|s| s.state.is_sendable())
            .map(|s| s.id.clone())
            .collect()
    }

    async fn get(&self, id: &str) -> Option<Held> {
        if let Some(held) = self.store.borrow().held(id) {
            return Some(held);
        }
        // Opened outside the borrow: the store is not borrowed across an await.
        let raw = self.store.borrow().stored(id)?;
        let decoded = crate::store::sealed::open(&self.cipher, id, &raw).await;
        let mut store = self.store.borrow_mut();
        store.take_opened(id, raw, decoded);
        store.held(id)
    }

    async fn replace(
        &self,
        id: &str,
        expected: &Held,
        next: &StoredRecord,
    ) -> Result<(), SaveError> {
        let sealed = seal(&self.cipher, id, next).await?;
        self.store
            .borrow_mut()
            .write(id, Premise::Exactly(expected.version), Some(sealed))
            .map(|_| ())
    }
}
