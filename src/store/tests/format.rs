//! The stored format: samples written by the first release (envelope version 1, produced by
//! serializing with that release's code before the record became an enum) all open in the
//! state they were in; the current format reads back as written; a newer release's record is
//! recognised, not misread.

use domain::{FieldError, SCHEMA_VERSION, wire::ReceiptNumber};

use super::{queued, with};
use crate::store::{
    RecordState, StoredRecord,
    format::{Decoded, Newer, RECORD_VERSION, decode, encode},
};

/// A v1 sample, migrated; panics if it is not read as a migration.
fn migrated(raw: &str) -> StoredRecord {
    match decode(raw) {
        Decoded::Migrated(record) => record,
        other => panic!("expected a migration, got {other:?}"),
    }
}

macro_rules! sample {
    ($name:literal) => {
        include_str!(concat!("../samples/v1/", $name, ".json"))
    };
}

#[test]
fn a_v1_draft_opens_as_a_draft_with_its_submission() {
    let record = migrated(sample!("draft"));
    assert_eq!(record.state(), RecordState::Draft);
    assert!(record.city_errors().is_empty());
    assert_eq!(record.submission().unwrap().schema_version, SCHEMA_VERSION);
    assert!(!record.submission().unwrap().form.participant.nik.is_empty());
    // And a draft started a moment ago, with nothing typed, too.
    assert_eq!(migrated(sample!("draft_empty")).state(), RecordState::Draft);
}

#[test]
fn a_v1_draft_being_fixed_keeps_the_city_errors_not_yet_fixed() {
    let record = migrated(sample!("draft_being_fixed"));
    assert_eq!(record.state(), RecordState::Draft);
    assert_eq!(
        record.city_errors(),
        [FieldError::new("participant.phone", "phone.not_mobile")]
    );
    assert_eq!(record.last_error_code(), Some("rejected"));
}

#[test]
fn a_v1_queued_record_opens_as_queued_without_a_failure() {
    for raw in [sample!("queued"), sample!("queued_as_injected_by_e2e")] {
        let record = migrated(raw);
        assert_eq!(record.state(), RecordState::Queued);
        assert_eq!(record.last_error_code(), None);
        assert!(record.submission().is_some());
    }
}

#[test]
fn a_v1_queued_record_keeps_the_code_of_its_failed_request() {
    assert_eq!(
        migrated(sample!("queued_after_network_failure")).last_error_code(),
        Some("sync.network")
    );
    assert_eq!(
        migrated(sample!("queued_after_rate_limit")).last_error_code(),
        Some("sync.rate_limited")
    );
}

#[test]
fn a_v1_record_left_sending_opens_as_sending() {
    let record = migrated(sample!("sending"));
    assert_eq!(record.state(), RecordState::Sending);
    assert!(record.submission().is_some());
}

#[test]
fn a_v1_synced_record_keeps_its_receipt_and_nik_fingerprint_only() {
    let raw = sample!("synced");
    let record = migrated(raw);
    let StoredRecord::Synced { receipt, nik_key } = &record else {
        panic!("not synced: {record:?}");
    };
    assert_eq!(receipt.number, ReceiptNumber::new(2026, 6).unwrap());
    assert_eq!(receipt.name, "Budi");
    assert!(receipt.masked_nik.ends_with("2020"));
    assert_eq!(*nik_key, Some(6_429_895_845_080_625_959));
    assert_eq!(record.submission(), None);
}

#[test]
fn a_v1_needs_fix_record_keeps_every_field_error_of_the_city() {
    let record = migrated(sample!("needs_fix"));
    assert_eq!(record.state(), RecordState::NeedsFix);
    assert_eq!(
        record.city_errors(),
        [
            FieldError::new("participant.phone", "phone.not_mobile"),
            FieldError::new("business.kind", "kbli.unknown"),
        ]
    );
}

#[test]
fn a_v1_duplicate_keeps_its_submission_and_the_existing_receipt() {
    let record = migrated(sample!("duplicate_elsewhere"));
    assert_eq!(record.state(), RecordState::DuplicateElsewhere);
    assert!(record.submission().is_some());
    assert_eq!(
        record.receipt().unwrap().number,
        ReceiptNumber::new(2026, 42).unwrap()
    );
    assert_eq!(record.last_error_code(), Some("duplicate_nik"));
}

#[test]
fn a_v1_id_conflict_keeps_its_submission() {
    let record = migrated(sample!("id_conflict"));
    assert_eq!(record.state(), RecordState::IdConflict);
    assert!(record.submission().is_some());
    assert_eq!(record.last_error_code(), Some("id_conflict"));
}

#[test]
fn a_v1_record_whose_submission_is_of_schema_0_is_migrated_through_both() {
    let record = migrated(sample!("queued_schema_v0"));
    let submission = record.submission().unwrap();
    assert_eq!(record.state(), RecordState::Queued);
    assert_eq!(submission.schema_version, SCHEMA_VERSION);
    assert_eq!(submission.form.participant.full_name, "Sri Wahyuni");
    assert_eq!(submission.form.participant.nik, "3576014101900001");
    assert_eq!(submission.form.business.name, "Warung Sri");
}

#[test]
fn a_migrated_v1_record_reads_back_the_same_in_the_current_format() {
    for raw in [
        sample!("draft"),
        sample!("draft_being_fixed"),
        sample!("queued_after_network_failure"),
        sample!("sending"),
        sample!("synced"),
        sample!("needs_fix"),
        sample!("duplicate_elsewhere"),
        sample!("id_conflict"),
        sample!("queued_schema_v0"),
    ] {
        let record = migrated(raw);
        let written = encode(&record);
        assert!(written.starts_with(&format!("{{\"v\":{RECORD_VERSION},")));
        assert_eq!(decode(&written), Decoded::Current(record));
    }
}

#[test]
fn a_v1_record_holding_a_combination_that_means_nothing_is_unreadable() {
    let submission = serde_json::to_string(queued(1).submission().unwrap()).unwrap();
    for raw in [
        r#"{"v":1,"state":"queued"}"#.to_owned(),
        r#"{"v":1,"state":"synced","nik_key":1}"#.to_owned(),
        format!(r#"{{"v":1,"state":"duplicate_elsewhere","submission":{submission}}}"#),
    ] {
        assert_eq!(decode(&raw), Decoded::Unreadable, "{raw}");
    }
}

#[test]
fn the_state_stays_a_top_level_field_of_the_stored_text() {
    // Other tabs and the journeys' checks read `state` straight from storage.
    let written = encode(&with(3, StoredRecord::draft));
    let value: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(value["v"], RECORD_VERSION);
    assert_eq!(value["state"], "draft");
}

#[test]
fn a_record_of_a_newer_release_is_recognised_not_misread() {
    let written = encode(&queued(4)).replacen(
        &format!("\"v\":{RECORD_VERSION}"),
        &format!("\"v\":{}", RECORD_VERSION + 1),
        1,
    );
    assert_eq!(
        decode(&written),
        Decoded::Newer(Newer::Envelope(RECORD_VERSION + 1))
    );
    assert_eq!(
        decode(r#"{"v":99,"anything":["a newer release may write"]}"#),
        Decoded::Newer(Newer::Envelope(99))
    );
}

#[test]
fn text_that_is_no_record_of_any_version_is_unreadable() {
    for raw in [
        "",
        "{\"v\":1,\"state\":\"queued\",\"submission\":{\"id\":42",
        "[1,2,3]",
        r#"{"state":"queued"}"#,
        r#"{"v":0,"state":"queued"}"#,
        r#"{"v":2,"state":"posted"}"#,
    ] {
        assert_eq!(decode(raw), Decoded::Unreadable, "{raw}");
    }
}

#[test]
fn a_current_record_holding_a_submission_of_schema_0_is_migrated_too() {
    let old =
        sample!("queued_schema_v0").replacen("\"v\":1", &format!("\"v\":{RECORD_VERSION}"), 1);
    let Decoded::Migrated(record) = decode(&old) else {
        panic!("not migrated");
    };
    assert_eq!(record.submission().unwrap().schema_version, SCHEMA_VERSION);
}

#[test]
fn a_submission_of_a_newer_schema_in_today_s_envelope_is_a_newer_release_s_not_unreadable() {
    // What a release that moves the schema on writes: this release must leave it alone (it
    // quarantined such records before).
    let written = encode(&queued(5)).replacen(
        &format!("\"schema_version\":{SCHEMA_VERSION}"),
        &format!("\"schema_version\":{}", SCHEMA_VERSION + 1),
        1,
    );
    assert_eq!(
        decode(&written),
        Decoded::Newer(Newer::Schema(SCHEMA_VERSION + 1))
    );
    // A receipt-only record has no submission to tell by: read as today's.
    let synced = encode(&StoredRecord::Synced {
        receipt: super::super::transition::receipt_of(
            queued(6).submission().unwrap(),
            &ReceiptNumber::new(2026, 6).unwrap(),
            "2026-11-23T03:00:00.000Z",
        ),
        nik_key: None,
    });
    assert!(matches!(decode(&synced), Decoded::Current(_)));
}
