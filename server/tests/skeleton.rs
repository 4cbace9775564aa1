//! The walking skeleton through the router, against a real SQLite file.

mod common;

use axum::http::StatusCode;
use common::TestApp;
use serde_json::json;

#[tokio::test]
async fn the_health_check_answers_ok_with_its_database() {
    let app = TestApp::sqlite().await;
    let (status, body) = app.get_json("/api/v1/health").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({ "status": "ok", "database": "sqlite" }));
}

#[tokio::test]
async fn an_entry_sent_twice_is_kept_once() {
    let app = TestApp::sqlite().await;
    let batch = json!({ "entries": [{ "id": "a1", "name": "Generated Satu" }, { "id": "b2", "name": "Generated Dua" }] });
    for _ in 0..2 {
        let (status, body) = app
            .post_json("/api/v1/skeleton/entries", batch.clone())
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, json!({ "received": ["a1", "b2"] }));
    }
    let (_, body) = app.get_json("/api/v1/skeleton/entries").await;
    assert_eq!(body, json!({ "count": 2 }));
}

#[tokio::test]
async fn malformed_json_is_a_400_not_a_500() {
    let app = TestApp::sqlite().await;
    let request = axum::http::Request::post("/api/v1/skeleton/entries")
        .header("content-type", "application/json")
        .body(axum::body::Body::from("{not json"))
        .unwrap();
    let response = app.request(request).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_unknown_api_path_is_a_json_404_not_the_app_shell() {
    let app = TestApp::sqlite().await;
    let (status, body) = app.get_json("/api/v1/no-such-thing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "not_found");
}
