//! The OpenAPI document: generated from the code, served, committed, and true to the wire types.

mod common;

use axum::http::StatusCode;
use common::{TestApp, both_backends};
use domain::{
    FieldError, testdata,
    wire::{ApiError, BatchResponse, ItemResult, Outcome, ReceiptNumber},
};
use lindungi_server::api::openapi::document_json;
use serde_json::Value;

fn document() -> Value {
    serde_json::from_str(&document_json()).unwrap()
}

#[test]
fn the_committed_openapi_json_is_what_the_code_generates() {
    let committed = include_str!("../openapi.json");
    assert!(
        committed.trim_end() == document_json().trim_end(),
        "server/openapi.json is stale: regenerate it with \
         `cargo run -p lindungi-server -- openapi > server/openapi.json`"
    );
}

/// The property names of a component schema.
fn properties(name: &str) -> Vec<String> {
    let doc = document();
    let mut keys: Vec<String> = doc["components"]["schemas"][name]["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("no schema {name}"))
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

#[test]
fn the_documented_schemas_have_the_fields_the_domain_types_serialize() {
    let submission = serde_json::to_value(testdata::submission(1)).unwrap();
    assert_eq!(properties("Submission"), keys(&submission));
    assert_eq!(properties("RegistrationForm"), keys(&submission["form"]));
    for (schema, section) in [
        ("ParticipantForm", "participant"),
        ("AddressForm", "address"),
        ("BusinessForm", "business"),
        ("KoperasiForm", "koperasi"),
        ("CoverageForm", "coverage"),
    ] {
        assert_eq!(
            properties(schema),
            keys(&submission["form"][section]),
            "{schema}"
        );
    }
    let receipt = ReceiptNumber::new(2026, 1).unwrap();
    let outcomes = [
        Outcome::Accepted { receipt },
        Outcome::AlreadyReceived { receipt },
        Outcome::IdConflict,
        Outcome::DuplicateNik { receipt },
        Outcome::Rejected {
            errors: vec![FieldError::new("participant.nik", "nik.length")],
        },
    ];
    let documented_outcomes = document()["components"]["schemas"]["Outcome"]["enum"].clone();
    let item_properties = properties("ItemResult");
    for outcome in outcomes {
        let item = serde_json::to_value(ItemResult {
            id: "x".into(),
            outcome,
        })
        .unwrap();
        for key in keys(&item) {
            assert!(item_properties.contains(&key), "{key} is not documented");
        }
        assert!(
            documented_outcomes
                .as_array()
                .unwrap()
                .contains(&item["outcome"]),
            "{item}"
        );
    }
    let response = serde_json::to_value(BatchResponse::default()).unwrap();
    assert_eq!(properties("BatchResponse"), keys(&response));
    let error = serde_json::to_value(ApiError {
        code: "x".into(),
        message: "y".into(),
    })
    .unwrap();
    assert_eq!(properties("ApiError"), keys(&error));
    let field_error = serde_json::to_value(FieldError::new("id", "id.format")).unwrap();
    assert_eq!(properties("FieldError"), keys(&field_error));
}

both_backends! {
    async fn the_endpoint_serves_its_openapi_document(backend) {
        let app = TestApp::new(backend).await;
        let (status, served) = app.get_json("/api/v1/openapi.json").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(served, document());
        for path in ["/api/v1/devices", "/api/v1/registrations/batch", "/api/v1/registrations/{id}",
                     "/api/v1/stats", "/api/v1/export.csv"] {
            assert!(served["paths"].get(path).is_some(), "{path}");
        }
    }
}
