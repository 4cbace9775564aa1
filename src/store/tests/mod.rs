//! Plain native tests of the store's logic, over [`MemoryBackend`]: the stored format and its
//! migrations, the transitions, the store itself (index, repair, quarantine, cost), and its
//! compare-and-write (`writes`). The same store over the real `localStorage` is tested in
//! Chromium (`tests/store.rs`).

mod format;
mod store;
mod transition;
mod writes;

use domain::{Submission, testdata};

use super::StoredRecord;

/// A queued record of generated test data.
fn queued(seed: u64) -> StoredRecord {
    StoredRecord::queued(testdata::submission(seed))
}

/// A record holding `submission`, in the state `make` puts it.
fn with(seed: u64, make: fn(Submission) -> StoredRecord) -> StoredRecord {
    make(testdata::submission(seed))
}
