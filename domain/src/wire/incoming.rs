//! A batch as the endpoint reads it, and what it does to each registration before validating it:
//! the registration's schema version is met (`docs/architecture.md`, "Versions"), and its times
//! judged by the endpoint's clock ([`crate::clock`], [`Submission::judge_times`]).
//!
//! The app and the endpoint are not always of the same release. A phone keeps sending what an
//! older release stored, and a new release of the app may reach a phone before the endpoint it
//! talks to is upgraded. So, per registration:
//!
//! - **today's schema** ([`SCHEMA_VERSION`]): validated as it is;
//! - **an older schema this endpoint knows** (each has a variant of [`StoredSubmission`]): migrated
//!   to today's, then validated — the phone need not be updated first;
//! - **an older or unknown number it cannot migrate** (today's shape with another version): left
//!   as it is, and validation rejects that one registration (`schema_version.unsupported`); the
//!   phone shows it as needing a fix and never sends it again as it is;
//! - **a newer schema** than this endpoint knows: the whole batch is refused ([`NewerSchema`],
//!   answered `409` with [`super::api_error_code::UPDATE_REQUIRED`]). Nothing in it is the
//!   officer's to fix: the phone keeps every registration waiting, says to update the app, and
//!   sends them again after the update.

use serde::Deserialize;

use super::{DeviceHealth, StoredSubmission, Submission};
use crate::clock::PhoneClock;
use crate::date::Timestamp;
use crate::schema::SCHEMA_VERSION;

/// A batch upload as the endpoint reads it: each registration in today's shape or an older one
/// (the same body as [`super::BatchRequest`], which is what the app sends).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct IncomingBatch {
    /// The registrations, each as submitted.
    pub registrations: Vec<StoredSubmission>,
    /// The phone's health report ([`super::BatchRequest::health`]), if it sent one.
    #[serde(default)]
    pub health: Option<DeviceHealth>,
}

/// A batch ready for validation: every registration in today's shape, its times judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    /// The registrations, in request order.
    pub submissions: Vec<Submission>,
    /// How many of them carry times by which the phone's clock was absurd (see
    /// [`PhoneClock`]): a number for the endpoint's log, never a reason to reject.
    pub phone_clock_off: usize,
}

/// Why a whole batch is refused before validation: it holds a registration of a schema newer
/// than this endpoint knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a registration has schema version {version}; this endpoint reads up to {SCHEMA_VERSION}")]
pub struct NewerSchema {
    /// The newest schema version found in the batch.
    pub version: u32,
}

impl IncomingBatch {
    /// The registrations as the endpoint validates them, received at `now` by its clock:
    /// migrated to today's schema where a migration exists, their times judged
    /// ([`Submission::judge_times`]); or the whole batch refused if any is of a newer schema.
    pub fn arrive(self, now: Timestamp) -> Result<Arrival, NewerSchema> {
        let newest = self
            .registrations
            .iter()
            .map(StoredSubmission::version)
            .max()
            .unwrap_or(SCHEMA_VERSION);
        if newest > SCHEMA_VERSION {
            return Err(NewerSchema { version: newest });
        }
        let mut phone_clock_off = 0;
        let submissions = self
            .registrations
            .into_iter()
            .map(|stored| {
                // Today's shape stays as sent, whatever its number (validation judges that);
                // every older shape has its migration.
                let mut submission = match stored {
                    StoredSubmission::Current(submission) => submission,
                    StoredSubmission::V0(old) => old.into(),
                };
                if submission.judge_times(now) != PhoneClock::Plausible {
                    phone_clock_off += 1;
                }
                submission
            })
            .collect();
        Ok(Arrival {
            submissions,
            phone_clock_off,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Registration, testdata};

    fn now() -> Timestamp {
        Timestamp::parse("2026-06-15T05:00:00Z").unwrap()
    }

    fn batch(json: &str) -> IncomingBatch {
        serde_json::from_str(json).unwrap()
    }

    fn current(seed: u64) -> String {
        serde_json::to_string(&testdata::submission(seed)).unwrap()
    }

    /// The field prototype's flat record (version 0), as in `versions.rs`.
    const V0: &str = r#"{"id":"0b7e6f2a-3c1d-4e5f-9a8b-7c6d5e4f3a2b","nik":"3576014507900001",
        "nama":"SITI AMINAH","tempat_lahir":"Mojokerto","tgl_lahir":"05-07-1990",
        "jenis_kelamin":"P","hp":"0812 3456 7890","alamat":"Jl. Majapahit No. 12 RT 03 RW 05",
        "kelurahan":"Kauman","nama_usaha":"Warung Bu Siti","kbli":"56102",
        "lokasi_usaha":"Pasar Tanjung Anyar","penghasilan":"1.500.000","jht":true,"bulan":3,
        "mulai":"2026-06","setuju":"2026-06-14T02:00:00.000Z","dibuat":"2026-06-14T01:55:00.000Z"}"#;

    #[test]
    fn todays_registrations_arrive_as_they_were_sent() {
        let arrival = batch(&format!(
            r#"{{"registrations":[{},{}]}}"#,
            current(1),
            current(2)
        ))
        .arrive(now())
        .unwrap();
        assert_eq!(
            arrival.submissions,
            vec![testdata::submission(1), testdata::submission(2)]
        );
        assert_eq!(arrival.phone_clock_off, 0);
    }

    #[test]
    fn an_older_known_schema_is_migrated_to_todays_beside_todays() {
        let arrival = batch(&format!(r#"{{"registrations":[{},{V0}]}}"#, current(1)))
            .arrive(now())
            .unwrap();
        let migrated = &arrival.submissions[1];
        assert_eq!(migrated.schema_version, SCHEMA_VERSION);
        assert_eq!(migrated.id, "0b7e6f2a-3c1d-4e5f-9a8b-7c6d5e4f3a2b");
        assert_eq!(migrated.form.address.rt, "03");
        // Migrated, then validated like any other registration.
        assert!(Registration::from_submission(migrated, now().date_wib()).is_ok());
    }

    #[test]
    fn a_newer_schema_refuses_the_whole_batch() {
        let mut newer = testdata::submission(3);
        newer.schema_version = SCHEMA_VERSION + 1;
        let json = format!(
            r#"{{"registrations":[{},{}]}}"#,
            current(1),
            serde_json::to_string(&newer).unwrap()
        );
        assert_eq!(
            batch(&json).arrive(now()),
            Err(NewerSchema {
                version: SCHEMA_VERSION + 1
            })
        );
    }

    #[test]
    fn an_unknown_older_number_is_left_for_validation_to_reject_alone() {
        let mut unknown = testdata::submission(4);
        unknown.schema_version = 0;
        let json = format!(
            r#"{{"registrations":[{},{}]}}"#,
            serde_json::to_string(&unknown).unwrap(),
            current(1)
        );
        let arrival = batch(&json).arrive(now()).unwrap();
        assert_eq!(arrival.submissions[0], unknown);
        let errors =
            Registration::from_submission(&arrival.submissions[0], now().date_wib()).unwrap_err();
        assert_eq!(errors[0].code, "schema_version.unsupported");
        assert!(Registration::from_submission(&arrival.submissions[1], now().date_wib()).is_ok());
    }

    #[test]
    fn times_are_judged_on_arrival_and_absurd_clocks_counted() {
        let mut stranded = testdata::submission(5);
        stranded.updated_at = "2026-01-01T00:00:00.000Z".into();
        let mut ahead = testdata::submission(6);
        ahead.consent_at = "2031-01-01T00:00:00.000Z".into();
        let json = format!(
            r#"{{"registrations":[{},{}]}}"#,
            serde_json::to_string(&stranded).unwrap(),
            serde_json::to_string(&ahead).unwrap()
        );
        let arrival = batch(&json).arrive(now()).unwrap();
        assert_eq!(arrival.submissions[0].updated_at, stranded.created_at);
        assert_eq!(arrival.submissions[1].consent_at, ahead.consent_at);
        assert_eq!(arrival.phone_clock_off, 1);
        for s in &arrival.submissions {
            assert!(Registration::from_submission(s, now().date_wib()).is_ok());
        }
    }

    #[test]
    fn a_body_of_no_known_shape_does_not_read() {
        for json in [
            r#"{"registrations":[{"id":5,"schema_version":1,"form":{}}]}"#,
            r#"{"registrations":[{"id":"x","schema_version":-1,"form":{}}]}"#,
            r#"{"registrations":"all"}"#,
            r#"{}"#,
        ] {
            assert!(
                serde_json::from_str::<IncomingBatch>(json).is_err(),
                "{json}"
            );
        }
    }
}
