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

use super::{StoredRecord, sealed::Cipher};
use crate::crypto::CryptoError;

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
struct FakeCipher {
    seals: Cell<usize>,
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
        let text: String = sealed.chars().rev().collect();
        let (boxed_aad, plain) = text.split_once('.').ok_or(CryptoError::NotABox)?;
        if unhex(boxed_aad).as_deref() != Some(aad) {
            return Err(CryptoError::WrongKey);
        }
        unhex(plain).ok_or(CryptoError::NotABox)
    }
    fn tag(&self) -> String {
        format!("t{}", self.seals.get())
    }
}
