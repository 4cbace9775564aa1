//! Every answer of the city, and every failure of a request, applied to every state.

use domain::{
    FieldError,
    wire::{Outcome, ReceiptNumber},
};

use super::{queued, with};
use crate::store::{
    RecordState, StoredRecord,
    transition::{apply, requeue, send},
};

const NOW: &str = "2026-11-23T03:00:00.000Z";

fn receipt(n: u32) -> ReceiptNumber {
    ReceiptNumber::new(2026, n).unwrap()
}

fn sending(seed: u64) -> StoredRecord {
    send(queued(seed)).unwrap()
}

/// One record in each state that is not waiting for an answer.
fn not_sending() -> Vec<StoredRecord> {
    let synced = apply(
        sending(9),
        &Outcome::Accepted {
            receipt: receipt(9),
        },
        NOW,
    );
    vec![
        with(1, StoredRecord::draft),
        queued(2),
        synced,
        apply(
            sending(3),
            &Outcome::Rejected {
                errors: vec![FieldError::new("participant.phone", "phone.not_mobile")],
            },
            NOW,
        ),
        apply(
            sending(4),
            &Outcome::DuplicateNik {
                receipt: receipt(4),
            },
            NOW,
        ),
        apply(sending(5), &Outcome::IdConflict, NOW),
    ]
}

fn every_outcome() -> Vec<Outcome> {
    vec![
        Outcome::Accepted {
            receipt: receipt(1),
        },
        Outcome::AlreadyReceived {
            receipt: receipt(1),
        },
        Outcome::Rejected {
            errors: vec![FieldError::new("participant.nik", "nik.length")],
        },
        Outcome::DuplicateNik {
            receipt: receipt(1),
        },
        Outcome::IdConflict,
    ]
}

#[test]
fn a_queued_record_and_one_a_dead_tab_left_sending_are_sent() {
    assert_eq!(sending(1).state(), RecordState::Sending);
    assert_eq!(
        send(sending(1)).map(|r| r.state()),
        Some(RecordState::Sending)
    );
    let failed = requeue(sending(1), Some("sync.network"));
    assert_eq!(send(failed).map(|r| r.state()), Some(RecordState::Sending));
}

#[test]
fn nothing_but_a_queued_or_sending_record_is_sent() {
    for record in not_sending()
        .into_iter()
        .filter(|r| r.state() != RecordState::Queued)
    {
        let state = record.state();
        assert_eq!(send(record), None, "{state:?}");
    }
}

#[test]
fn accepted_keeps_only_the_receipt_and_the_nik_fingerprint() {
    let before = sending(6);
    let submission = before.submission().unwrap().clone();
    let nik_key = before.nik_key();
    let after = apply(
        before,
        &Outcome::Accepted {
            receipt: receipt(6),
        },
        NOW,
    );
    let StoredRecord::Synced {
        receipt: kept,
        nik_key: kept_key,
    } = &after
    else {
        panic!("not synced: {after:?}");
    };
    assert_eq!(kept.number, receipt(6));
    assert_eq!(kept.name, submission.form.participant.full_name.trim());
    assert_eq!(kept.created_at, submission.created_at);
    assert_eq!(kept.confirmed_at, NOW);
    let nik = &submission.form.participant.nik;
    assert!(kept.masked_nik.ends_with(&nik[12..]));
    assert_ne!(&kept.masked_nik, nik);
    assert_eq!(*kept_key, nik_key);
    assert_eq!(after.submission(), None, "personal data is dropped");
    assert!(
        !serde_json::to_string(&after)
            .unwrap()
            .contains(nik.as_str())
    );
}

#[test]
fn already_received_is_confirmed_like_accepted() {
    let after = apply(
        sending(7),
        &Outcome::AlreadyReceived {
            receipt: receipt(7),
        },
        NOW,
    );
    assert_eq!(after.state(), RecordState::Synced);
    assert_eq!(after.receipt().unwrap().number, receipt(7));
}

#[test]
fn a_receipt_names_the_kelurahan_only_for_an_address_in_the_city() {
    let mut outside = sending(8);
    let mut inside = sending(8);
    for (record, outside_city) in [(&mut outside, true), (&mut inside, false)] {
        if let StoredRecord::Sending { submission } = record {
            submission.form.address.outside_city = outside_city;
            submission.form.address.kelurahan = domain::Kelurahan::ALL[0].code().to_owned();
        }
    }
    let accepted = Outcome::Accepted {
        receipt: receipt(8),
    };
    assert_eq!(
        apply(outside, &accepted, NOW).receipt().unwrap().kelurahan,
        None
    );
    assert_eq!(
        apply(inside, &accepted, NOW)
            .receipt()
            .unwrap()
            .kelurahan
            .as_deref(),
        Some(domain::Kelurahan::ALL[0].code())
    );
}

#[test]
fn rejected_needs_fixing_with_the_city_field_errors() {
    let errors = vec![FieldError::new("participant.phone", "phone.not_mobile")];
    let after = apply(
        sending(10),
        &Outcome::Rejected {
            errors: errors.clone(),
        },
        NOW,
    );
    assert_eq!(after.state(), RecordState::NeedsFix);
    assert!(after.submission().is_some(), "kept for the officer to fix");
    assert_eq!(after.city_errors(), errors);
    assert_eq!(after.last_error_code(), Some("rejected"));
}

#[test]
fn a_duplicate_nik_keeps_the_data_and_shows_the_existing_receipt() {
    let after = apply(
        sending(11),
        &Outcome::DuplicateNik {
            receipt: receipt(42),
        },
        NOW,
    );
    assert_eq!(after.state(), RecordState::DuplicateElsewhere);
    assert!(after.submission().is_some());
    assert_eq!(after.receipt().unwrap().number, receipt(42));
}

#[test]
fn an_id_conflict_needs_attention_and_keeps_the_data() {
    let after = apply(sending(12), &Outcome::IdConflict, NOW);
    assert_eq!(after.state(), RecordState::IdConflict);
    assert!(after.state().needs_attention());
    assert!(after.submission().is_some());
}

#[test]
fn an_answer_changes_nothing_but_a_record_waiting_for_it() {
    for record in not_sending() {
        for outcome in every_outcome() {
            assert_eq!(apply(record.clone(), &outcome, NOW), record, "{outcome:?}");
        }
    }
}

#[test]
fn a_failed_request_puts_a_sending_record_back_in_the_queue_with_its_code() {
    let after = requeue(sending(13), Some("sync.timeout"));
    assert_eq!(after.state(), RecordState::Queued);
    assert!(after.submission().is_some());
    assert_eq!(after.last_error_code(), Some("sync.timeout"));
}

#[test]
fn a_record_the_answer_does_not_mention_is_queued_again_without_a_failure() {
    let after = requeue(sending(14), None);
    assert_eq!(after.state(), RecordState::Queued);
    assert_eq!(after.last_error_code(), None);
}

#[test]
fn a_failed_request_changes_nothing_but_a_sending_record() {
    for record in not_sending() {
        assert_eq!(requeue(record.clone(), Some("sync.network")), record);
    }
}

#[test]
fn a_registration_a_clock_set_back_left_out_of_order_is_repaired_as_it_is_sent() {
    let mut stranded = queued(30).into_submission().unwrap();
    stranded.updated_at = "2020-01-01T00:00:00.000Z".into();
    let sent = send(StoredRecord::queued(stranded.clone())).unwrap();
    let sent = sent.submission().unwrap();
    assert_eq!(sent.updated_at, stranded.created_at);
    assert_eq!(sent.form, stranded.form, "nothing else changes");
}

#[test]
fn a_receipt_is_never_confirmed_before_the_registration_s_latest_time() {
    let record = sending(31);
    let latest = record.submission().unwrap().times().latest().unwrap();
    // The phone's clock says a day before the registration was last edited.
    let clock_back = "2000-01-01T00:00:00.000Z";
    let synced = apply(
        record,
        &Outcome::Accepted {
            receipt: receipt(31),
        },
        clock_back,
    );
    assert_eq!(synced.receipt().unwrap().confirmed_at, latest.to_string());
    // A clock that runs forward is taken as it is.
    let synced = apply(
        sending(32),
        &Outcome::Accepted {
            receipt: receipt(32),
        },
        "2099-01-01T00:00:00.000Z",
    );
    assert_eq!(
        synced.receipt().unwrap().confirmed_at,
        "2099-01-01T00:00:00.000Z"
    );
}
