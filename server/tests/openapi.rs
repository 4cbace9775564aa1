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

/// The property names a component schema documents: its own, and those of the schemas it is
/// composed of (`allOf`, `oneOf`, through `$ref`), as a flattened or tagged type is documented.
fn properties(name: &str) -> Vec<String> {
    let doc = document();
    let schema = &doc["components"]["schemas"][name];
    assert!(schema.is_object(), "no schema {name}");
    let mut keys = Vec::new();
    collect_properties(&doc, schema, &mut keys);
    keys.sort();
    keys.dedup();
    keys
}

fn collect_properties(doc: &Value, schema: &Value, keys: &mut Vec<String>) {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        collect_properties(doc, &doc["components"]["schemas"][name], keys);
    }
    if let Some(own) = schema["properties"].as_object() {
        keys.extend(own.keys().cloned());
    }
    for part in ["allOf", "oneOf"] {
        for sub in schema[part].as_array().into_iter().flatten() {
            collect_properties(doc, sub, keys);
        }
    }
}

/// The values the `outcome` tag may take, as the `Outcome` schema documents them.
fn documented_outcomes() -> Vec<Value> {
    let doc = document();
    doc["components"]["schemas"]["Outcome"]["oneOf"]
        .as_array()
        .expect("Outcome is one of its tagged variants")
        .iter()
        .flat_map(|variant| variant["properties"]["outcome"]["enum"].as_array().cloned())
        .flatten()
        .collect()
}

fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

/// A submission with no field at its default, so that serializing it shows every field.
fn every_field_filled() -> domain::Submission {
    let mut submission = testdata::submission(1);
    submission.officer = "7".into();
    let form = &mut submission.form;
    form.participant.email = "siti@example.com".into();
    form.participant.mother_maiden_name = "Aminah".into();
    form.address.outside_city = true;
    form.address.rt = "1".into();
    form.address.rw = "2".into();
    form.address.kelurahan = "Kauman".into();
    form.address.city = "Kab. Mojokerto".into();
    form.business.other_kind = "jual pulsa".into();
    form.business.nib = "1234567890123".into();
    form.business.employees = "1".into();
    form.koperasi = domain::registration::KoperasiForm {
        member_number: "KMP-1".into(),
        legal_number: "AHU-1".into(),
        ..testdata::koperasi_form(domain::Kelurahan::ALL[1])
    };
    form.workers = vec![domain::registration::WorkerForm {
        full_name: "Slamet".into(),
        nik: "3576011203850002".into(),
        phone: "081234567890".into(),
        wage: "1500000".into(),
    }];
    form.coverage.jht = true;
    form.coverage.paid_by_government = true;
    submission
}

#[test]
fn the_documented_schemas_have_the_fields_the_domain_types_serialize() {
    // Empty fields are left out when serialized, so every field is filled in here.
    let submission = serde_json::to_value(every_field_filled()).unwrap();
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
    assert_eq!(
        properties("WorkerForm"),
        keys(&submission["form"]["workers"][0])
    );
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
    let documented_outcomes = documented_outcomes();
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
        assert!(documented_outcomes.contains(&item["outcome"]), "{item}");
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
