//! An endless supply of distinct, realistic registrations for the benchmarks.

use std::collections::HashSet;

use domain::testdata;
use lindungi::store::StoredRecord;

/// Hands out queued registrations from consecutive seeds, valid on the phone's today, skipping
/// any whose generated NIK was already handed out: the endpoint would answer a repeated NIK as
/// a duplicate, and the sync benchmark counts registrations the city holds.
#[derive(Default)]
pub struct Records {
    next_seed: u64,
    niks: HashSet<String>,
}

impl Records {
    /// Continues from `seed`.
    pub fn set_first_seed(&mut self, seed: u64) {
        self.next_seed = seed;
    }

    /// The next registration.
    pub fn next(&mut self) -> StoredRecord {
        let today = lindungi::clock::today();
        loop {
            let submission = testdata::submission_on(self.next_seed, today);
            self.next_seed += 1;
            if self.niks.insert(submission.form.participant.nik.clone()) {
                return StoredRecord::queued(submission);
            }
        }
    }
}
