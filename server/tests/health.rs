//! The health check and unknown API paths, through the router against a real SQLite file.

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
async fn an_unknown_api_path_is_a_json_404_not_the_app_shell() {
    let app = TestApp::sqlite().await;
    let (status, body) = app.get_json("/api/v1/no-such-thing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "not_found");
}
