//! The registrations every run sends: the domain crate's generated test data (made-up
//! people), valid on today's date in Mojokerto, with distinct NIKs so each one is accepted.

use std::collections::HashSet;

use domain::{Date, Registration, Submission, Timestamp, testdata};

/// Today in Mojokerto, as the endpoint will see it.
pub fn today() -> Date {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_millis() as i64;
    Timestamp::from_unix_millis(millis)
        .expect("the clock is in range")
        .date_wib()
}

/// `n` submissions from seeds starting at `first_seed`, skipping repeated NIKs.
pub fn submissions(first_seed: u64, n: usize, today: Date) -> Vec<Submission> {
    let mut niks = HashSet::new();
    (first_seed..)
        .map(|seed| testdata::submission_on(seed, today))
        .filter(|s| niks.insert(s.form.participant.nik.clone()))
        .take(n)
        .collect()
}

/// The same submissions validated, as the endpoint stores them (for the raw ceiling).
pub fn registrations(submissions: &[Submission], today: Date) -> Vec<Registration> {
    submissions
        .iter()
        .map(|s| {
            Registration::from_submission(s, today)
                .unwrap_or_else(|e| panic!("generated data is invalid: {e:?}"))
        })
        .collect()
}
