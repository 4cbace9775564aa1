//! What happens to a registration before it is validated: its schema version is met (older ones
//! migrated, a newer one refuses the batch for the update) and its times are judged by the
//! endpoint's clock, never a reason to reject. On SQLite and PostgreSQL.

mod common;

use common::{TestApp, both_backends, submissions};
use domain::{SCHEMA_VERSION, testdata};
use serde_json::{Value, json};
use socket::raw_get_date;

both_backends! {
    async fn a_registration_of_a_newer_schema_refuses_the_whole_batch_for_the_update(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let mut sent = submissions(1..4);
        sent[1].schema_version = SCHEMA_VERSION + 1;
        let (status, answer) = app.send_batch(&device.token, &sent).await;
        assert_eq!(status.as_u16(), domain::wire::UPDATE_REQUIRED_STATUS, "{answer}");
        assert_eq!(answer["code"], "update_required");
        assert!(answer["message"].as_str().unwrap().contains(&(SCHEMA_VERSION + 1).to_string()));
        assert_eq!(app.stored().await, 0, "nothing of the batch is kept");

        // After the update the same registrations, in today's schema, go through.
        sent[1].schema_version = SCHEMA_VERSION;
        let results = app.batch_results(&device.token, &sent).await;
        assert!(results.iter().all(|r| r["outcome"] == "accepted"), "{results:?}");
    }

    async fn a_schema_version_from_the_future_is_refused_as_a_request_not_as_a_registration(backend) {
        // Moved from limits.rs's hostile bodies, where it was answered per registration: a
        // registration the endpoint cannot read yet is not the officer's to fix.
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let mut value = serde_json::to_value(testdata::submission(1)).unwrap();
        value["schema_version"] = json!(99);
        let (status, _, answer) = app
            .call(axum::http::Method::POST, "/api/v1/registrations/batch", Some(&device.token),
                Some(json!({ "registrations": [value] })))
            .await;
        assert_eq!((status.as_u16(), answer["code"].as_str()), (409, Some("update_required")));
        assert_eq!(app.stored().await, 0);
    }

    async fn an_older_known_schema_is_migrated_and_accepted_and_its_retry_recognised(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        // The field prototype's flat record (schema 0), beside one of today's.
        let v0 = json!({
            "id": "0b7e6f2a-3c1d-4e5f-9a8b-7c6d5e4f3a2b", "nik": "3576014507900001",
            "nama": "SITI AMINAH", "tempat_lahir": "Mojokerto", "tgl_lahir": "05-07-1990",
            "jenis_kelamin": "P", "hp": "0812 3456 7890", "alamat": "Jl. Majapahit No. 12 RT 03 RW 05",
            "kelurahan": "Kauman", "nama_usaha": "Warung Bu Siti", "kbli": "56102",
            "lokasi_usaha": "Pasar Tanjung Anyar", "penghasilan": "1.500.000", "bulan": 1,
            "mulai": "2026-06", "setuju": "2026-06-14T02:00:00.000Z", "dibuat": "2026-06-14T01:55:00.000Z"
        });
        let today = serde_json::to_value(testdata::submission(2)).unwrap();
        let body = json!({ "registrations": [v0, today] });
        let send = || app.call(axum::http::Method::POST, "/api/v1/registrations/batch", Some(&device.token), Some(body.clone()));
        let (status, _, first) = send().await;
        assert_eq!(status.as_u16(), 200, "{first}");
        assert_eq!(outcomes(&first), ["accepted", "accepted"]);
        let (_, _, again) = send().await;
        assert_eq!(outcomes(&again), ["already_received", "already_received"]);
        assert_eq!(again["results"][0]["receipt"], first["results"][0]["receipt"]);
        // Kept in today's schema, RT and RW taken out of the one-line address.
        let (json,): (String,) = sqlx::query_as("SELECT canonical_json FROM registrations WHERE id = $1")
            .bind("0b7e6f2a-3c1d-4e5f-9a8b-7c6d5e4f3a2b")
            .fetch_one(&app.db().pool).await.unwrap();
        let kept: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(kept["schema_version"], SCHEMA_VERSION);
        assert_eq!(kept["address"]["rt"], "003");
    }

    async fn an_unknown_older_number_is_that_registration_rejected_and_the_rest_accepted(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let mut sent = submissions(1..3);
        sent[0].schema_version = 0;
        let results = app.batch_results(&device.token, &sent).await;
        assert_eq!(results[0]["outcome"], "rejected");
        assert_eq!(results[0]["errors"][0], json!({ "path": "schema_version", "code": "schema_version.unsupported" }));
        assert_eq!(results[1]["outcome"], "accepted");
    }

    async fn a_last_edit_before_the_start_is_repaired_not_rejected_and_its_retry_recognised(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let mut stranded = testdata::submission(5);
        // The phone's clock went back three days after the draft was started.
        stranded.updated_at = "2026-06-12T01:00:00.000Z".into();
        let first = app.batch_results(&device.token, std::slice::from_ref(&stranded)).await;
        assert_eq!(first[0]["outcome"], "accepted", "{first:?}");
        let again = app.batch_results(&device.token, &[stranded]).await;
        assert_eq!(again[0]["outcome"], "already_received");
        assert_eq!(again[0]["receipt"], first[0]["receipt"]);
    }

    async fn absurd_phone_times_are_kept_as_written_and_never_a_reason_to_reject(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        // A consent given "in 2029" (the clock ran ahead), a draft started "in 2019".
        let mut ahead = testdata::submission(6);
        ahead.consent_at = "2029-01-01T00:00:00.000Z".into();
        ahead.updated_at = "2029-01-01T00:01:00.000Z".into();
        let mut behind = testdata::submission(7);
        behind.created_at = "2019-03-01T00:00:00.000Z".into();
        let sent = [ahead.clone(), behind.clone()];
        let results = app.batch_results(&device.token, &sent).await;
        assert_eq!(outcomes(&json!({ "results": results })), ["accepted", "accepted"]);
        // The phone's own times are what the city keeps; the day it counts is its own.
        for submission in &sent {
            let (json, received_at): (String, i64) = sqlx::query_as(
                "SELECT canonical_json, received_at FROM registrations WHERE id = $1",
            )
            .bind(&submission.id)
            .fetch_one(&app.db().pool).await.unwrap();
            let kept: Value = serde_json::from_str(&json).unwrap();
            assert_eq!(kept["consent_at"], submission.consent_at);
            assert_eq!(kept["created_at"], submission.created_at);
            assert_eq!(received_at, app.now());
        }
        // And their retries are recognised.
        let again = app.batch_results(&device.token, &sent).await;
        assert_eq!(outcomes(&json!({ "results": again })), ["already_received", "already_received"]);
    }

    async fn every_answer_over_a_socket_says_the_endpoints_date(backend) {
        let app = TestApp::new(backend).await;
        let date = raw_get_date(&app, "/api/v1/health").await;
        // An HTTP date (RFC 9110 IMF-fixdate): what the app compares its own clock with.
        assert!(date.ends_with(" GMT") && date.len() == 29, "{date}");
    }
}

fn outcomes(answer: &Value) -> Vec<String> {
    answer["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["outcome"].as_str().unwrap().to_owned())
        .collect()
}

/// A request over a real socket, where the HTTP server adds its `Date` header.
mod socket {
    use std::net::SocketAddr;

    use lindungi_server::app;
    use tokio::{
        io::{AsyncReadExt, AsyncWriteExt},
        net::{TcpListener, TcpStream},
    };

    use super::TestApp;

    /// The `Date` header of the answer to `GET path`, served on 127.0.0.1.
    pub async fn raw_get_date(test: &TestApp, path: &str) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let service = app(test.state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        let server = tokio::spawn(async move { axum::serve(listener, service).await });
        let mut stream = TcpStream::connect(address).await.unwrap();
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).await.unwrap();
        server.abort();
        let response = String::from_utf8_lossy(&response).into_owned();
        response
            .lines()
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.eq_ignore_ascii_case("date")
                    .then(|| value.trim().to_owned())
            })
            .unwrap_or_else(|| panic!("no Date header in: {response}"))
    }
}
