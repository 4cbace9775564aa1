//! The guard on typed secrets: wrong enrollment codes and wrong dashboard sign-ins are counted
//! per client address in the database, so the guard holds in every endpoint process and across
//! restarts; past the allowance the address waits, with a clear 429 and `Retry-After`, for at
//! most a quarter of an hour — on SQLite and PostgreSQL.

mod common;

use std::net::SocketAddr;

use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{Request, StatusCode, header},
};
use common::{TestApp, both_backends, json_of, text_of};
use lindungi_server::{attempts::WINDOW_MILLIS, config::Clock, officers};
use serde_json::{Value, json};

const MARKET: [u8; 4] = [198, 51, 100, 7];
const OFFICE: [u8; 4] = [198, 51, 100, 8];

/// An enrollment with `code` from `address`: status, `Retry-After` (if any), body.
async fn enroll_from(
    app: &TestApp,
    address: [u8; 4],
    code: &str,
) -> (StatusCode, Option<u64>, Value) {
    let mut request = Request::post("/api/v1/devices")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({ "enrollment_code": code, "device_name": "HP" }).to_string(),
        ))
        .unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((address, 40_000))));
    let response = app.request(request).await;
    let retry_after = response
        .headers()
        .get(header::RETRY_AFTER)
        .map(|v| v.to_str().unwrap().parse().unwrap());
    let (status, body) = json_of(response).await;
    (status, retry_after, body)
}

/// The same endpoint, `minutes` later.
fn later(app: &TestApp, minutes: i64) -> TestApp {
    let now = app.now() + minutes * 60_000;
    app.reconfigured(move |c| c.clock = Clock::Fixed(now))
}

both_backends! {
    async fn wrong_enrollment_codes_from_one_address_make_it_wait_with_a_clear_429(backend) {
        let app = TestApp::new(backend).await;
        let officer = officers::create_officer(app.db(), "Petugas Satu", 7, false, app.now()).await.unwrap();
        for _ in 0..10 {
            let (status, _, body) = enroll_from(&app, MARKET, "ABCDE-FGHJK").await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
        }
        let (status, retry_after, body) = enroll_from(&app, MARKET, "ABCDE-FGHJK").await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(body["code"], "rate_limited");
        assert!(body["message"].as_str().unwrap().contains("retry after"), "{body}");
        assert_eq!(retry_after, Some((WINDOW_MILLIS / 1000) as u64));
        // While it waits, even the right code is not looked at (a guess learns nothing) …
        let (status, _, _) = enroll_from(&app, MARKET, &officer.code).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        // … another address is not held …
        let (status, _, _) = enroll_from(&app, OFFICE, "ABCDE-FGHJK").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        // … and the wait ends with the window: nobody is locked out for good.
        let (status, retry_after, _) = enroll_from(&later(&app, 10), MARKET, &officer.code).await;
        assert_eq!((status, retry_after), (StatusCode::TOO_MANY_REQUESTS, Some(300)));
        let (status, _, body) = enroll_from(&later(&app, 15), MARKET, &officer.code).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }

    async fn the_guard_holds_in_every_endpoint_process_and_across_a_restart(backend) {
        let first = TestApp::new(backend).await;
        let second = first.another_process().await;
        // Failures alternate between the two processes behind the proxy.
        for i in 0..10 {
            let process = if i % 2 == 0 { &first } else { &second };
            assert_eq!(enroll_from(process, MARKET, "ABCDE-FGHJK").await.0, StatusCode::UNAUTHORIZED);
        }
        assert_eq!(enroll_from(&first, MARKET, "ABCDE-FGHJK").await.0, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(enroll_from(&second, MARKET, "ABCDE-FGHJK").await.0, StatusCode::TOO_MANY_REQUESTS);
        // A restarted process (fresh memory, fresh connections) remembers.
        let restarted = first.another_process().await;
        assert_eq!(enroll_from(&restarted, MARKET, "ABCDE-FGHJK").await.0, StatusCode::TOO_MANY_REQUESTS);
    }

    async fn a_right_code_clears_the_count_of_its_address(backend) {
        let app = TestApp::new(backend).await;
        let officer = officers::create_officer(app.db(), "Petugas Satu", 7, false, app.now()).await.unwrap();
        for _ in 0..9 {
            enroll_from(&app, MARKET, "ABCDE-FGHJK").await;
        }
        assert_eq!(enroll_from(&app, MARKET, &officer.code).await.0, StatusCode::CREATED);
        for _ in 0..10 {
            assert_eq!(enroll_from(&app, MARKET, "ABCDE-FGHJK").await.0, StatusCode::UNAUTHORIZED);
        }
    }

    async fn wrong_sign_ins_make_an_address_wait_and_say_so_in_the_audit_trail(backend) {
        let app = TestApp::new(backend).await;
        let admin = app.admin_token().await;
        let from_market = SocketAddr::from((MARKET, 40_000));
        let market = Some(from_market);
        for _ in 0..5 {
            assert_eq!(app.sign_in_from("lnd_adm_guess", market).await.0, StatusCode::UNAUTHORIZED);
        }
        // The sixth try, even with the right token, waits: the form says for how long.
        let mut request = Request::post("/dasbor/masuk")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("token={admin}")))
            .unwrap();
        request.extensions_mut().insert(ConnectInfo(from_market));
        let (status, headers, page) = text_of(app.request(request).await).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(headers[header::RETRY_AFTER], (WINDOW_MILLIS / 1000).to_string());
        assert!(page.contains("Coba lagi dalam 15 menit"), "{page}");
        assert!(!headers.contains_key(header::SET_COOKIE));
        // Another process behind the proxy holds it too; another address signs in.
        let second = app.another_process().await;
        assert_eq!(second.sign_in_from(&admin, market).await.0, StatusCode::TOO_MANY_REQUESTS);
        let office = Some(SocketAddr::from((OFFICE, 40_000)));
        assert_eq!(app.sign_in_from(&admin, office).await.0, StatusCode::SEE_OTHER);
        // The audit trail says which address was held, and until when.
        let (details, address): (String, Option<String>) = sqlx::query_as(
            "SELECT details, address FROM audit_log WHERE action = 'address_held'",
        )
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
        assert_eq!(address.as_deref(), Some("198.51.100.7"));
        let details: Value = serde_json::from_str(&details).unwrap();
        assert_eq!(details["kind"], "sign_in");
        assert_eq!(details["until"], app.now() + WINDOW_MILLIS);
        // After the window the right token signs in from the market too.
        assert_eq!(later(&app, 15).sign_in_from(&admin, market).await.0, StatusCode::SEE_OTHER);
    }
}
