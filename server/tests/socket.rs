//! Once through a real socket: the endpoint served on 127.0.0.1, a device enrolled and a batch
//! sent with plain HTTP/1.1 over a TcpStream — on SQLite and PostgreSQL.

mod common;

use std::net::SocketAddr;

use common::{TestApp, both_backends, submissions};
use lindungi_server::app;
use serde_json::{Value, json};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
};

/// One HTTP/1.1 request with `Connection: close`; the status and the JSON body.
async fn http(
    address: SocketAddr,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &str,
) -> (u16, Value) {
    let mut stream = TcpStream::connect(address).await.unwrap();
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\n{auth}Content-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let response = String::from_utf8(response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_owned()
    };
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.push_str(&rest[..size]);
        body = &rest[size + 2..];
    }
    out
}

both_backends! {
    async fn a_phone_enrolls_and_sends_a_batch_over_a_real_socket(backend) {
        let test = TestApp::new(backend).await;
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let service = app(test.state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        let server = tokio::spawn(async move { axum::serve(listener, service).await });

        let officer = lindungi_server::officers::create_officer(test.db(), "Petugas Satu", 7, false, test.now())
            .await
            .unwrap();
        let enroll = json!({ "enrollment_code": officer.code, "device_name": "HP" }).to_string();
        let (status, device) = http(address, "POST", "/api/v1/devices", None, &enroll).await;
        assert_eq!(status, 201, "{device}");
        let token = device["token"].as_str().unwrap();

        let sent = submissions(1..4);
        let batch = json!({ "registrations": sent }).to_string();
        let (status, answer) = http(address, "POST", "/api/v1/registrations/batch", Some(token), &batch).await;
        assert_eq!(status, 200, "{answer}");
        let outcomes: Vec<_> = answer["results"].as_array().unwrap().iter().map(|r| r["outcome"].clone()).collect();
        assert_eq!(outcomes, ["accepted", "accepted", "accepted"]);

        let (status, again) = http(address, "POST", "/api/v1/registrations/batch", Some(token), &batch).await;
        assert_eq!(status, 200);
        assert_eq!(again["results"][2]["outcome"], "already_received");
        assert_eq!(again["results"][2]["receipt"], answer["results"][2]["receipt"]);

        let (status, error) = http(address, "POST", "/api/v1/registrations/batch", None, &batch).await;
        assert_eq!((status, error["code"].as_str()), (401, Some("unauthorized")));
        let (status, error) = http(address, "POST", "/api/v1/registrations/batch", Some(token), "{broken").await;
        assert_eq!((status, error["code"].as_str()), (400, Some("malformed")));

        let path = format!("/api/v1/registrations/{}", sent[0].id);
        let (status, receipt) = http(address, "GET", &path, Some(token), "").await;
        assert_eq!(status, 200);
        assert_eq!(receipt["receipt"], "MJK-2026-000001");
        server.abort();
    }
}
