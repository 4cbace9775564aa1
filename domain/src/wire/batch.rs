//! The batch upload: what the app sends and what the endpoint answers, one result per
//! registration.
//!
//! Submissions ([`Submission`]) are deliberately raw: every field is a string or the form as
//! typed, so one bad field makes that one item `rejected` with field errors instead of failing
//! the whole batch's deserialization. Only a structurally broken body (not JSON, a number where a
//! string belongs, a missing `id`, `schema_version` or `form`) is a 400.

use serde::{Deserialize, Serialize};

use super::{DeviceHealth, ReceiptNumber, Submission};
use crate::errors::FieldError;

/// The batch endpoint.
pub const BATCH_PATH: &str = "/api/v1/registrations/batch";

/// Most registrations in one batch. The endpoint answers 413 above it; the app sends at most this
/// many and halves the batch on a 413.
pub const MAX_BATCH_ITEMS: usize = 500;

/// Largest request body the endpoint accepts, in bytes (2 MiB). A registration is about 1 KiB of
/// JSON and at most about 2.5 KiB with every text at its maximum length in ASCII, so a full batch
/// of [`MAX_BATCH_ITEMS`] fits; long non-ASCII texts could push a full batch over, which the app
/// handles like any 413, by halving the batch.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// The body of a batch upload.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchRequest {
    #[cfg_attr(feature = "openapi", schema(schema_with = batch_items_schema))]
    /// The registrations, each as submitted.
    pub registrations: Vec<Submission>,
    /// How the phone is (`health`): optional, so an app older than the report still sends
    /// batches; a bad report is ignored, never a reason to refuse the registrations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health: Option<DeviceHealth>,
}

/// The schema of a batch's registrations: at most [`MAX_BATCH_ITEMS`], taken from the constant
/// itself so the document cannot drift from the limit the endpoint enforces.
#[cfg(feature = "openapi")]
fn batch_items_schema() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(utoipa::openapi::Ref::from_schema_name("Submission"))
        .max_items(Some(MAX_BATCH_ITEMS))
        .description(Some(format!(
            "The registrations, each as submitted: at most {MAX_BATCH_ITEMS}, in a body of at \
             most {MAX_BODY_BYTES} bytes."
        )))
        .build()
}

/// The answer to a batch: one result per submitted registration, in request order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchResponse {
    /// One per submitted registration.
    pub results: Vec<ItemResult>,
}

/// The outcome for one registration, by id. Serialized flat:
/// `{"id":"…","outcome":"accepted","receipt":"MJK-2026-000123"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemResult {
    /// The id as submitted (even if it did not parse).
    pub id: String,
    /// What happened.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// What the endpoint did with one registration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// New: stored, with the city's receipt number.
    Accepted {
        /// The receipt.
        receipt: ReceiptNumber,
    },
    /// The same id with the same content was received before: the first answer again, so
    /// retries are safe.
    AlreadyReceived {
        /// The receipt given the first time.
        receipt: ReceiptNumber,
    },
    /// The same id was received before with different content.
    IdConflict,
    /// This NIK is already registered in the city under another id.
    DuplicateNik {
        /// The receipt of the existing registration.
        receipt: ReceiptNumber,
    },
    /// Invalid: the field errors to show next to the fields.
    Rejected {
        /// Every field error.
        errors: Vec<FieldError>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receipt() -> ReceiptNumber {
        ReceiptNumber::new(2026, 123).unwrap()
    }

    #[test]
    fn an_item_result_serializes_flat_with_its_outcome_tag() {
        let accepted = ItemResult {
            id: "abc".into(),
            outcome: Outcome::Accepted { receipt: receipt() },
        };
        assert_eq!(
            serde_json::to_string(&accepted).unwrap(),
            r#"{"id":"abc","outcome":"accepted","receipt":"MJK-2026-000123"}"#
        );
        let conflict = ItemResult {
            id: "abc".into(),
            outcome: Outcome::IdConflict,
        };
        assert_eq!(
            serde_json::to_string(&conflict).unwrap(),
            r#"{"id":"abc","outcome":"id_conflict"}"#
        );
    }

    #[test]
    fn every_outcome_round_trips_through_json() {
        let outcomes = [
            Outcome::Accepted { receipt: receipt() },
            Outcome::AlreadyReceived { receipt: receipt() },
            Outcome::IdConflict,
            Outcome::DuplicateNik { receipt: receipt() },
            Outcome::Rejected {
                errors: vec![FieldError::new("participant.nik", "nik.length")],
            },
        ];
        let response = BatchResponse {
            results: outcomes
                .into_iter()
                .map(|outcome| ItemResult {
                    id: "x".into(),
                    outcome,
                })
                .collect(),
        };
        let json = serde_json::to_string(&response).unwrap();
        assert!(json.contains(r#""outcome":"already_received""#));
        assert!(json.contains(r#""outcome":"duplicate_nik""#));
        assert!(json.contains(
            r#""outcome":"rejected","errors":[{"path":"participant.nik","code":"nik.length"}]"#
        ));
        assert_eq!(
            serde_json::from_str::<BatchResponse>(&json).unwrap(),
            response
        );
    }

    #[test]
    fn a_submission_with_a_bad_field_still_deserializes() {
        let json = r#"{"registrations":[{"id":"not-a-uuid","schema_version":1,
            "form":{"participant":{"nik":"12"}},"consent_at":"yesterday"}]}"#;
        let batch: BatchRequest = serde_json::from_str(json).unwrap();
        assert_eq!(batch.registrations[0].id, "not-a-uuid");
        assert_eq!(batch.registrations[0].officer, "");
    }

    #[test]
    fn a_batch_without_a_health_report_reads_and_writes_as_before() {
        let json = r#"{"registrations":[]}"#;
        let batch: BatchRequest = serde_json::from_str(json).unwrap();
        assert_eq!(batch.health, None);
        assert_eq!(serde_json::to_string(&batch).unwrap(), json);
        let with: BatchRequest = serde_json::from_str(
            r#"{"registrations":[],"health":{"app_version":"abc","waiting":2,"oldest_waiting_secs":60}}"#,
        )
        .unwrap();
        assert_eq!(with.health.unwrap().waiting, 2);
    }

    #[test]
    fn a_full_batch_of_the_longest_valid_registrations_fits_the_body_limit() {
        let mut longest = crate::testdata::submission(1);
        let form = &mut longest.form;
        let text = |n: usize| "W".repeat(n);
        form.participant.full_name = text(100);
        form.participant.place_of_birth = text(60);
        form.participant.mother_maiden_name = text(100);
        form.participant.email = format!("{}@{}.com", "a".repeat(64), "b".repeat(60));
        form.address.street = text(200);
        form.address.city = text(60);
        form.business.name = text(100);
        form.business.other_kind = text(100);
        form.business.location = text(100);
        form.business.nib = "1234567890123".into();
        form.koperasi.name = text(100);
        form.koperasi.member_number = text(30);
        longest.officer = text(64);
        let batch = BatchRequest {
            registrations: vec![longest; MAX_BATCH_ITEMS],
            health: Some(DeviceHealth {
                app_version: "v".repeat(super::super::health::MAX_APP_VERSION_CHARS),
                waiting: u32::MAX,
                oldest_waiting_secs: Some(u64::MAX),
                storage_used_bytes: Some(u64::MAX),
                storage_quota_bytes: Some(u64::MAX),
            }),
        };
        // ASCII text; a batch of long non-ASCII names can exceed it, and the app then halves
        // the batch on the 413 as the contract says.
        assert!(serde_json::to_vec(&batch).unwrap().len() <= MAX_BODY_BYTES);
    }
}
