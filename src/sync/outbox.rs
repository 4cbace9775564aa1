//! The store as the engine's [`Outbox`]: the app's shared [`StoreContext`] (whose in-memory
//! summaries say what is sendable without reading storage), and a plain [`Store`] behind a
//! `RefCell` (for the native tests, and any code that holds a store of its own).

use std::cell::RefCell;

use leptos::prelude::*;

use super::engine::Outbox;
use crate::store::{Backend, SaveError, Store, StoredRecord, context::StoreContext};

impl Outbox for StoreContext {
    fn sendable(&self) -> Vec<String> {
        self.summaries_signal().with_untracked(|all| {
            all.iter()
                .filter(|s| s.state.is_sendable())
                .map(|s| s.id.clone())
                .collect()
        })
    }

    fn get(&self, id: &str) -> Option<StoredRecord> {
        StoreContext::get(self, id)
    }

    fn replace(
        &self,
        id: &str,
        expected: &StoredRecord,
        next: &StoredRecord,
    ) -> Result<(), SaveError> {
        StoreContext::replace(self, id, expected, next).map(|_| ())
    }
}

impl<B: Backend> Outbox for RefCell<Store<B>> {
    fn sendable(&self) -> Vec<String> {
        self.borrow()
            .all()
            .filter(|(_, r)| r.state().is_sendable())
            .map(|(id, _)| id)
            .collect()
    }

    fn get(&self, id: &str) -> Option<StoredRecord> {
        self.borrow().get(id)
    }

    fn replace(
        &self,
        id: &str,
        expected: &StoredRecord,
        next: &StoredRecord,
    ) -> Result<(), SaveError> {
        self.borrow_mut().replace(id, expected, next).map(|_| ())
    }
}
