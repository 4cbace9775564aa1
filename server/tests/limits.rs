//! Limits and hostile input: no body a client can send gets a 500, every refusal is an ApiError
//! JSON body, and the rate limits stop a flood but never a phone catching up.

mod common;

use std::net::SocketAddr;

use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{Method, Request, StatusCode, header},
};
use common::{Backend, TestApp, both_backends, json_of, submissions};
use domain::{
    testdata,
    wire::{MAX_BATCH_ITEMS, MAX_BODY_BYTES},
};
use lindungi_server::config::{Bucket, RateLimits};
use serde_json::{Value, json};

/// A raw batch request: any bytes, any content type.
fn raw(token: &str, content_type: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut request = Request::post("/api/v1/registrations/batch")
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    request.body(body.into()).unwrap()
}

/// One valid submission as JSON, with `change` applied to it.
fn submission_json(seed: u64, change: impl FnOnce(&mut Value)) -> Value {
    let mut value = serde_json::to_value(testdata::submission(seed)).unwrap();
    change(&mut value);
    value
}

fn batch_of(items: Vec<Value>) -> String {
    json!({ "registrations": items }).to_string()
}

/// Hostile and broken bodies, each with the statuses it may get.
fn hostile_bodies() -> Vec<(&'static str, Vec<u8>, &'static [u16])> {
    const BAD: &[u16] = &[400];
    const ITEM: &[u16] = &[200];
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_in_form = batch_of(vec![submission_json(1, |v| {
        v["form"]["extra"] =
            serde_json::from_str(&format!("{}1{}", "[".repeat(200), "]".repeat(200)))
                .unwrap_or(json!(null));
    })])
    .replace(
        "\"extra\":null",
        &format!("\"extra\":{}1{}", "[".repeat(5_000), "]".repeat(5_000)),
    );
    vec![
        ("empty body", vec![], BAD),
        ("not JSON", b"{not json".to_vec(), BAD),
        ("JSON null", b"null".to_vec(), BAD),
        ("an array", b"[]".to_vec(), BAD),
        ("a string", b"\"registrations\"".to_vec(), BAD),
        ("registrations not a list", br#"{"registrations":"all"}"#.to_vec(), BAD),
        ("no registrations", br#"{}"#.to_vec(), BAD),
        ("an id that is a number", br#"{"registrations":[{"id":5,"schema_version":1,"form":{}}]}"#.to_vec(), BAD),
        ("a negative schema version", br#"{"registrations":[{"id":"x","schema_version":-1,"form":{}}]}"#.to_vec(), BAD),
        ("an enormous number", br#"{"registrations":[{"id":"x","schema_version":1e400,"form":{}}]}"#.to_vec(), BAD),
        ("a NIK that is a number", br#"{"registrations":[{"id":"x","schema_version":1,"form":{"participant":{"nik":3576014507900001}}}]}"#.to_vec(), BAD),
        ("consent as a string", batch_of(vec![submission_json(1, |v| v["form"]["consent"] = json!("yes"))]).into_bytes(), BAD),
        ("a duplicated key", br#"{"registrations":[],"registrations":[]}"#.to_vec(), BAD),
        ("deep nesting", deep.into_bytes(), BAD),
        // Inside an ignored unknown field, serde_json skips nesting without recursing: harmless.
        ("deep nesting inside a form", deep_in_form.into_bytes(), &[200, 400]),
        ("invalid UTF-8", b"{\"registrations\":[{\"id\":\"\xff\xfe\"}]}".to_vec(), BAD),
        ("a raw NUL byte", b"{\"registrations\":\x00[]}".to_vec(), BAD),
        ("a lone surrogate escape", br#"{"registrations":[{"id":"\ud800","schema_version":1,"form":{}}]}"#.to_vec(), &[400, 200]),
        ("trailing garbage", br#"{"registrations":[]} trailing"#.to_vec(), BAD),
        // Well-formed but hostile values: that item is rejected, the batch is answered.
        ("a NUL in the name", batch_of(vec![submission_json(1, |v| v["form"]["participant"]["full_name"] = json!("Siti\u{0}Aminah"))]).into_bytes(), ITEM),
        ("a NUL in the id", batch_of(vec![submission_json(1, |v| v["id"] = json!("\u{0}"))]).into_bytes(), ITEM),
        ("a huge name", batch_of(vec![submission_json(1, |v| v["form"]["participant"]["full_name"] = json!("A".repeat(1_500_000)))]).into_bytes(), ITEM),
        ("odd unicode", batch_of(vec![submission_json(1, |v| {
            v["form"]["participant"]["full_name"] = json!("S\u{202e}iti \u{200b}\u{fe0f}👩‍👩‍👧 A\u{0301}\u{0301}\u{0301}");
            v["form"]["business"]["name"] = json!("\u{feff}\u{2028}Warung 𝕏");
            v["form"]["participant"]["nik"] = json!("３５７６０１４５０７９０００01");
        })]).into_bytes(), ITEM),
        ("SQL-looking text", batch_of(vec![submission_json(1, |v| {
            v["form"]["participant"]["nik"] = json!("3576' OR '1'='1");
            v["form"]["participant"]["full_name"] = json!("Robert'); DROP TABLE registrations;--");
            v["id"] = json!("'; DELETE FROM registrations; --");
        })]).into_bytes(), ITEM),
        // A schema version from the future refuses the whole batch for the update (409): see
        // arrival.rs, a_schema_version_from_the_future_is_refused_as_a_request_not_as_a_registration.
        ("an unknown field", batch_of(vec![submission_json(1, |v| v["form"]["participant"]["nickname"] = json!("Sri"))]).into_bytes(), ITEM),
        ("every field empty", br#"{"registrations":[{"id":"","schema_version":1,"form":{}}]}"#.to_vec(), ITEM),
    ]
}

both_backends! {
    async fn no_hostile_body_gets_a_500_and_every_refusal_is_json(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        for (what, body, allowed) in hostile_bodies() {
            let response = app.request(raw(&device.token, Some("application/json"), body)).await;
            let (status, answer) = json_of(response).await;
            assert!(allowed.contains(&status.as_u16()), "{what}: {status} {answer}");
            if status == StatusCode::OK {
                for result in answer["results"].as_array().unwrap() {
                    assert!(
                        matches!(
                            result["outcome"].as_str(),
                            Some("rejected" | "accepted" | "id_conflict" | "already_received" | "duplicate_nik")
                        ),
                        "{what}: {result}"
                    );
                }
            } else {
                assert_eq!(answer["code"], "malformed", "{what}: {answer}");
                assert!(answer["message"].as_str().is_some_and(|m| !m.is_empty()), "{what}");
            }
        }
        // The SQL-looking text did no harm, and a normal batch still goes through.
        let results = app.batch_results(&device.token, &submissions(2..3)).await;
        assert_eq!(results[0]["outcome"], "accepted");
        let (tables,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM registrations")
            .fetch_one(&app.db().pool).await.unwrap();
        assert!(tables >= 1);
    }

    async fn an_unknown_field_is_ignored_and_not_kept(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let body = batch_of(vec![submission_json(9, |v| {
            v["form"]["participant"]["nickname"] = json!("Sri");
            v["priority"] = json!("high");
        })]);
        let (status, answer) = json_of(app.request(raw(&device.token, Some("application/json"), body)).await).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(answer["results"][0]["outcome"], "accepted");
        let (json,): (String,) = sqlx::query_as("SELECT canonical_json FROM registrations")
            .fetch_one(&app.db().pool).await.unwrap();
        assert!(!json.contains("nickname") && !json.contains("priority"));
    }

    async fn a_body_that_is_not_declared_json_is_a_400(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let body = json!({ "registrations": submissions(1..2) }).to_string();
        for content_type in [None, Some("text/plain"), Some("application/x-www-form-urlencoded"), Some("application/jsonx")] {
            let (status, answer) = json_of(app.request(raw(&device.token, content_type, body.clone())).await).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{content_type:?}");
            assert_eq!(answer["code"], "malformed");
        }
        let (status, _) = json_of(app.request(raw(&device.token, Some("application/json; charset=utf-8"), body)).await).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(app.stored().await, 1);
    }

    async fn a_body_over_the_size_limit_is_a_413_naming_the_limit(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let ten_megabytes = vec![b' '; 10 * 1024 * 1024];
        // Declared by Content-Length …
        let mut declared = raw(&device.token, Some("application/json"), ten_megabytes.clone());
        declared.headers_mut().insert(header::CONTENT_LENGTH, ten_megabytes.len().into());
        let (status, answer) = json_of(app.request(declared).await).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(answer["code"], "too_large");
        assert!(answer["message"].as_str().unwrap().contains(&MAX_BODY_BYTES.to_string()), "{answer}");
        // … or not declared at all (counted as it streams in).
        let (status, answer) = json_of(app.request(raw(&device.token, Some("application/json"), ten_megabytes)).await).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{answer}");
    }

    async fn a_batch_over_the_item_limit_is_a_413_naming_the_limit(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let too_many = submissions(0..MAX_BATCH_ITEMS as u64 + 1);
        let (status, answer) = app.send_batch(&device.token, &too_many).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(answer["code"], "too_large");
        assert!(answer["message"].as_str().unwrap().contains(&MAX_BATCH_ITEMS.to_string()));
        assert_eq!(app.stored().await, 0);
    }

    async fn a_full_batch_of_500_is_received_in_one_request(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let full = submissions(0..MAX_BATCH_ITEMS as u64);
        let started = std::time::Instant::now();
        let results = app.batch_results(&device.token, &full).await;
        let first = started.elapsed();
        let started = std::time::Instant::now();
        let again = app.batch_results(&device.token, &full).await;
        let retry = started.elapsed();
        eprintln!("{backend:?}: a batch of 500 took {first:?}, its retry {retry:?}");
        let accepted = results.iter().filter(|r| r["outcome"] == "accepted").count();
        let duplicates = results.iter().filter(|r| r["outcome"] == "duplicate_nik").count();
        // Generated NIKs may collide now and then; every item is answered either way.
        assert_eq!(accepted + duplicates, MAX_BATCH_ITEMS);
        assert!(accepted > 490);
        assert_eq!(app.stored().await, accepted as i64);
        assert!(again.iter().zip(&results).all(|(a, r)| {
            r["outcome"] != "accepted" || (a["outcome"] == "already_received" && a["receipt"] == r["receipt"])
        }));
    }

    async fn a_flood_from_one_token_gets_429_with_retry_after(backend) {
        let app = TestApp::with_config(backend, |c| {
            c.rate_limits.per_token = Bucket { burst: 5, per_second: 0.2 };
        }).await;
        let device = app.enroll("Petugas Satu").await;
        for _ in 0..5 {
            assert_eq!(app.send_batch(&device.token, &[]).await.0, StatusCode::OK);
        }
        let (status, headers, body) = app
            .call(Method::POST, "/api/v1/registrations/batch", Some(&device.token), Some(json!({ "registrations": [] })))
            .await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(body["code"], "rate_limited");
        let retry_after: u64 = headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
        assert!((1..=5).contains(&retry_after), "{retry_after}");
        // Another phone is not held back by the first one's flood.
        let other = app.enroll("Petugas Dua").await;
        assert_eq!(app.send_batch(&other.token, &[]).await.0, StatusCode::OK);
    }

    async fn a_flood_from_one_address_gets_429_whatever_the_token(backend) {
        let app = TestApp::with_config(backend, |c| {
            c.rate_limits.per_address = Bucket { burst: 3, per_second: 0.1 };
        }).await;
        let from = |ip: [u8; 4]| {
            let mut request = Request::get("/api/v1/health")
                .header(header::AUTHORIZATION, format!("Bearer random-{}", ip[3]))
                .body(Body::empty())
                .unwrap();
            request.extensions_mut().insert(ConnectInfo(SocketAddr::from((ip, 40_000))));
            request
        };
        for _ in 0..3 {
            assert_eq!(app.request(from([10, 0, 0, 1])).await.status(), StatusCode::OK);
        }
        let response = app.request(from([10, 0, 0, 1])).await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(response.headers().contains_key(header::RETRY_AFTER));
        assert_eq!(app.request(from([10, 0, 0, 2])).await.status(), StatusCode::OK);
    }

    async fn the_default_limits_let_a_phone_catch_up_but_stop_a_flood(backend) {
        let app = TestApp::new(backend).await;
        assert_eq!(app.state.config.rate_limits, RateLimits::default());
        let device = app.enroll("Petugas Satu").await;
        // 5,000 registrations in batches of 200: 25 requests back to back (tiny bodies here,
        // which only makes them faster, so stricter for the limiter), plus a retry of each.
        for i in 0..50u64 {
            let (status, body) = app.send_batch(&device.token, &submissions(i..i + 1)).await;
            assert_eq!(status, StatusCode::OK, "request {i}: {body}");
        }
        // A broken retry loop hammering the endpoint is stopped.
        let mut limited = 0;
        for _ in 0..300 {
            if app.send_batch(&device.token, &[]).await.0 == StatusCode::TOO_MANY_REQUESTS {
                limited += 1;
            }
        }
        assert!(limited > 100, "{limited}");
    }
}

#[test]
fn the_postgres_variant_exists_for_every_limit_test() {
    assert_ne!(Backend::Sqlite, Backend::Postgres);
}
