//! Plain native tests of the store's logic, over [`MemoryBackend`]: the stored format and its
//! migrations, the transitions, the store itself (index, repair, quarantine, cost), and its
//! compare-and-write (`writes`). The same store over the real `localStorage` is tested in
//! Chromium (`tests/store.rs`).

mod format;
mod pages;
mod sealed;
mod store;
mod transition;
mod writes;

use std::cell::Cell;

use domain::{Submission, testdata};
use futures::FutureExt;

use super::{
    Backend, Loaded, Premise, SaveError, Store, StoredRecord, Summary, sealed::Cipher, version_of,
};
use crate::crypto::CryptoError;

/// Runs a future of the fake cipher, which never waits (so it can run inside another executor:
/// an outbox of the tests writes from within the engine's run).
pub(crate) fn now<T>(future: impl std::future::Future<Output = T>) -> T {
    future.now_or_never().expect("the fake cipher never waits")
}

/// What the text stored under `id` holds, opened with the fake cipher.
pub(crate) fn opened(id: &str, raw: &str) -> super::format::Decoded {
    now(super::sealed::open(&FakeCipher::default(), id, raw))
}

/// Opens a store over `backend` with the fake cipher.
pub(crate) fn open<B: Backend>(backend: B) -> (Store<B>, Loaded) {
    now(Store::open(backend, &FakeCipher::default(), &|_, _| {}))
}

/// The store's writes as the app makes them (sealed, then compared and written), run to the
/// end here: what the tests call.
pub(crate) trait Writes {
    /// A form's write.
    fn save(&mut self, record: &StoredRecord) -> Result<Summary, SaveError>;
    /// The engine's write over the stored record it read as `expected`.
    fn replace(
        &mut self,
        id: &str,
        expected: &StoredRecord,
        next: &StoredRecord,
    ) -> Result<Summary, SaveError>;
    /// A discard.
    fn remove(&mut self, id: &str) -> Result<(), SaveError>;
    /// Follows what another tab wrote under `id` (`StoreContext::follow`).
    fn adopt(&mut self, id: &str);
    /// Follows another tab's removal of `id`.
    fn forget(&mut self, id: &str);
    /// Reads everything again.
    fn reload_all(&mut self) -> Loaded;
    /// After a write: follows storage where it refused.
    fn after(
        &mut self,
        id: &str,
        written: Result<Option<Summary>, SaveError>,
    ) -> Result<Option<Summary>, SaveError>;
}

impl<B: Backend> Writes for Store<B> {
    fn save(&mut self, record: &StoredRecord) -> Result<Summary, SaveError> {
        let id = record
            .id()
            .ok_or_else(|| SaveError::Refused("no id".into()))?
            .to_owned();
        let sealed = now(super::seal(&FakeCipher::default(), &id, record))?;
        let written = self.write(&id, Premise::Editable, Some(sealed));
        self.after(&id, written)
            .map(|s| s.expect("a write has a summary"))
    }

    fn replace(
        &mut self,
        id: &str,
        expected: &StoredRecord,
        next: &StoredRecord,
    ) -> Result<Summary, SaveError> {
        // The version of the stored text, if it is the text of `expected` (as the engine reads
        // it); else one no text has.
        let version = self
            .stored(id)
            .filter(|raw| opened(id, raw).record().as_ref() == Some(expected))
            .map_or(0, |raw| version_of(&raw));
        let sealed = now(super::seal(&FakeCipher::default(), id, next))?;
        let written = self.write(id, Premise::Exactly(version), Some(sealed));
        self.after(id, written)
            .map(|s| s.expect("a write has a summary"))
    }

    fn remove(&mut self, id: &str) -> Result<(), SaveError> {
        let written = self.write(id, Premise::Editable, None);
        self.after(id, written).map(|_| ())
    }

    fn after(
        &mut self,
        id: &str,
        written: Result<Option<Summary>, SaveError>,
    ) -> Result<Option<Summary>, SaveError> {
        // As `StoreContext` does: a write refused because storage moved on follows storage.
        if let Err(SaveError::NotEditable(_) | SaveError::Changed | SaveError::Newer) = &written {
            self.adopt(id);
        }
        written
    }

    fn adopt(&mut self, id: &str) {
        let read = self.stored(id).map(|raw| {
            let decoded = opened(id, &raw);
            (raw, decoded)
        });
        self.take_in(id, read);
    }

    fn forget(&mut self, id: &str) {
        self.take_in(id, None);
    }

    fn reload_all(&mut self) -> Loaded {
        now(self.reload(&FakeCipher::default()))
    }
}

/// A queued record of generated test data.
fn queued(seed: u64) -> StoredRecord {
    StoredRecord::queued(testdata::submission(seed))
}

/// A record holding `submission`, in the state `make` puts it.
fn with(seed: u64, make: fn(Submission) -> StoredRecord) -> StoredRecord {
    make(testdata::submission(seed))
}

/// Not encryption: a box is the additional data and the value, hex-encoded and reversed, so
/// the logic around boxes can be tested natively. It refuses a box under other additional data,
/// and can be told to fail after a number of seals (a crash midway through a migration).
#[derive(Default)]
pub(crate) struct FakeCipher {
    seals: Cell<usize>,
    /// Boxes opened so far.
    pub(crate) opens: Cell<usize>,
    fail_after: Option<usize>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

impl Cipher for FakeCipher {
    async fn seal(&self, plain: &[u8], aad: &[u8]) -> Result<String, CryptoError> {
        if self.fail_after.is_some_and(|n| self.seals.get() >= n) {
            return Err(CryptoError::Browser("stopped by the test".into()));
        }
        self.seals.set(self.seals.get() + 1);
        Ok(format!("{}.{}", hex(aad), hex(plain))
            .chars()
            .rev()
            .collect())
    }
    async fn open(&self, sealed: &str, aad: &[u8]) -> Result<Vec<u8>, CryptoError> {
        self.opens.set(self.opens.get() + 1);
        let text: String = sealed.chars().rev().collect();
        let (boxed_aad, plain) = text.split_once('.').ok_or(CryptoError::NotABox)?;
        if unhex(boxed_aad).as_deref() != Some(aad) {
            return Err(CryptoError::WrongKey);
        }
        unhex(plain).ok_or(CryptoError::NotABox)
    }
    fn tag(&self) -> String {
        // Unique across every fake cipher, as random tags are: the tests make a new one for
        // each write.
        static TAGS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        format!(
            "t{}",
            TAGS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        )
    }
}
