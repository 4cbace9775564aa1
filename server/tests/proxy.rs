//! Behind a TLS proxy: the client's address and scheme come from `X-Forwarded-For` and
//! `X-Forwarded-Proto` only when the connection comes from a configured proxy, the rate limiter
//! keys on that address, and HSTS is sent when the client spoke HTTPS — on SQLite and
//! PostgreSQL.

mod common;

use std::net::SocketAddr;

use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{Request, StatusCode, header},
};
use common::{TestApp, both_backends};
use lindungi_server::config::Bucket;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A health check from socket peer `peer`, with these forwarded headers.
fn from(peer: [u8; 4], forwarded_for: Option<&str>, proto: Option<&str>) -> Request<Body> {
    let mut request = Request::get("/api/v1/health");
    if let Some(value) = forwarded_for {
        request = request.header("x-forwarded-for", value);
    }
    if let Some(value) = proto {
        request = request.header("x-forwarded-proto", value);
    }
    let mut request = request.body(Body::empty()).unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((peer, 40_000))));
    request
}

const PROXY: [u8; 4] = [127, 0, 0, 1];

both_backends! {
    async fn behind_a_trusted_proxy_each_phone_has_its_own_rate_limit(backend) {
        let app = TestApp::with_config(backend, |c| {
            c.rate_limits.per_address = Bucket { burst: 3, per_second: 0.1 };
            c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        })
        .await;
        let noisy = Some("198.51.100.7");
        for _ in 0..3 {
            assert_eq!(app.request(from(PROXY, noisy, Some("https"))).await.status(), StatusCode::OK);
        }
        let response = app.request(from(PROXY, noisy, Some("https"))).await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(response.headers().contains_key(header::RETRY_AFTER));
        // Another phone behind the same proxy is not held back by the noisy one.
        for _ in 0..3 {
            let response = app.request(from(PROXY, Some("198.51.100.8"), Some("https"))).await;
            assert_eq!(response.status(), StatusCode::OK);
        }
    }

    async fn forwarded_headers_from_a_peer_that_is_not_the_proxy_are_ignored(backend) {
        let app = TestApp::with_config(backend, |c| {
            c.rate_limits.per_address = Bucket { burst: 3, per_second: 0.1 };
            c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        })
        .await;
        // A client speaking to the endpoint directly cannot escape its limit by naming others.
        let direct = [203, 0, 113, 5];
        for i in 0..3 {
            let forged = format!("10.0.0.{i}");
            assert_eq!(app.request(from(direct, Some(&forged), None)).await.status(), StatusCode::OK);
        }
        let response = app.request(from(direct, Some("10.0.0.99"), None)).await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        // Without any proxy configured, the endpoint's own peer is the client whatever it says.
        let alone = TestApp::with_config(backend, |c| {
            c.rate_limits.per_address = Bucket { burst: 3, per_second: 0.1 };
        })
        .await;
        for i in 0..3 {
            let forged = format!("10.0.1.{i}");
            assert_eq!(alone.request(from(PROXY, Some(&forged), None)).await.status(), StatusCode::OK);
        }
        assert_eq!(
            alone.request(from(PROXY, Some("10.0.1.99"), None)).await.status(),
            StatusCode::TOO_MANY_REQUESTS
        );
    }

    async fn hsts_is_sent_when_the_trusted_proxy_says_the_client_spoke_https(backend) {
        let app = TestApp::with_config(backend, |c| {
            c.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()];
        })
        .await;
        let hsts = |response: &axum::http::Response<Body>| {
            response
                .headers()
                .get(header::STRICT_TRANSPORT_SECURITY)
                .map(|v| v.to_str().unwrap().to_owned())
        };
        let response = app.request(from(PROXY, Some("198.51.100.7"), Some("https"))).await;
        assert_eq!(hsts(&response).as_deref(), Some("max-age=31536000"));
        // The dashboard's pages and the app's files get it too.
        let mut page = Request::get("/dasbor.html")
            .header("x-forwarded-proto", "https")
            .body(Body::empty())
            .unwrap();
        page.extensions_mut().insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 2], 1))));
        assert_eq!(hsts(&app.request(page).await).as_deref(), Some("max-age=31536000"));
        // Plain HTTP through the proxy, or "https" claimed by anyone else: no HSTS.
        assert_eq!(hsts(&app.request(from(PROXY, None, Some("http"))).await), None);
        assert_eq!(hsts(&app.request(from([203, 0, 113, 5], None, Some("https"))).await), None);
    }

    async fn over_a_real_socket_the_client_address_behind_the_proxy_reaches_the_audit_trail(backend) {
        let app = TestApp::with_config(backend, |c| {
            c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        })
        .await;
        let officer = lindungi_server::officers::create_officer(app.db(), "Petugas Satu", 7, false, app.now())
            .await
            .unwrap();
        let served = app.serve().await;
        let body = json!({ "enrollment_code": officer.code, "device_name": "HP" }).to_string();
        let mut stream = tokio::net::TcpStream::connect(served.address).await.unwrap();
        let request = format!(
            "POST /api/v1/devices HTTP/1.1\r\nHost: lindungi\r\nX-Forwarded-For: 198.51.100.23\r\n\
             X-Forwarded-Proto: https\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
        assert!(answer.to_ascii_lowercase().contains("strict-transport-security: max-age=31536000"));
        let (address,): (Option<String>,) = sqlx::query_as(
            "SELECT address FROM audit_log WHERE action = 'device_enrolled'",
        )
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
        assert_eq!(address.as_deref(), Some("198.51.100.23"));
    }
}
