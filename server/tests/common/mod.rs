//! Shared test harness: a real endpoint over a real database file, driven through the
//! router with `oneshot` (no socket), plus helpers to read JSON answers.

#![allow(dead_code)]

use std::path::PathBuf;

use axum::{
    Router,
    body::Body,
    http::{Request, Response, StatusCode},
};
use http_body_util::BodyExt;
use lindungi_server::{AppState, app, config::Config};
use tower::ServiceExt;

/// An endpoint with its own fresh SQLite file, removed when dropped.
pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    _dir: tempfile::TempDir,
}

impl TestApp {
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let config = Config {
            bind: "127.0.0.1:0".parse().unwrap(),
            database_url: url,
            dist_dir: PathBuf::from("../dist"),
        };
        let state = AppState::start(config).await.unwrap();
        Self {
            router: app(state.clone()),
            state,
            _dir: dir,
        }
    }

    pub async fn request(&self, request: Request<Body>) -> Response<Body> {
        self.router.clone().oneshot(request).await.unwrap()
    }

    pub async fn get_json(&self, path: &str) -> (StatusCode, serde_json::Value) {
        let response = self
            .request(Request::get(path).body(Body::empty()).unwrap())
            .await;
        json_of(response).await
    }

    pub async fn post_json(
        &self,
        path: &str,
        body: serde_json::Value,
    ) -> (StatusCode, serde_json::Value) {
        let request = Request::post(path)
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        json_of(self.request(request).await).await
    }
}

pub async fn json_of(response: Response<Body>) -> (StatusCode, serde_json::Value) {
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let value = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    (status, value)
}
