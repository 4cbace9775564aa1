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

    fn get(&self, id: &str) -> Option<Held> {
        StoreContext::held(self, id)
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
            .all()
            .filter(|(_, r)| r.state().is_sendable())
            .map(|(id, _)| id)
            .collect()
    }

    fn get(&self, id: &str) -> Option<Held> {
        self.store.borrow().held(id)
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

impl<B: Backend, C: Cipher> OwnStore<B, C> {
    /// One record as held.
    pub fn record(&self, id: &str) -> Option<StoredRecord> {
        self.store.borrow().get(id)
    }
}
