//! No personal data in the logs: every log line of a batch (at TRACE level, from every crate)
//! is captured and searched for the NIKs, names, phone numbers and mothers' maiden names sent.

mod common;

use std::{
    io::Write,
    sync::{Arc, Mutex, OnceLock},
};

use axum::{
    body::Body,
    http::{Request, header},
};
use common::{TestApp, both_backends};
use domain::testdata;
use serde_json::json;

/// Everything logged in this test binary.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Capture {
        self.clone()
    }
}

/// The process-wide capture, installed once as the global subscriber (tasks on any thread
/// log into it).
fn capture() -> &'static Capture {
    static CAPTURE: OnceLock<Capture> = OnceLock::new();
    CAPTURE.get_or_init(|| {
        let capture = Capture::default();
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("trace"))
            .with_writer(capture.clone())
            .with_ansi(false)
            .init();
        capture
    })
}

both_backends! {
    async fn a_batch_leaves_no_nik_name_phone_or_mothers_name_in_the_logs(backend) {
        let capture = capture();
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let seeds = match backend {
            common::Backend::Sqlite => 500..530,
            common::Backend::Postgres => 600..630,
        };
        let mut sent: Vec<_> = seeds.clone().map(testdata::submission).collect();
        // Some rejected (the errors name fields, never values), some retried, one duplicate NIK.
        sent[0].form.participant.phone = "0812-BAD".into();
        sent[1].form.participant.birth_date = "31-02-1990".into();
        let mut duplicate = sent[5].clone();
        duplicate.id = testdata::registration_id(seeds.start + 10_000).to_string();
        sent.push(duplicate);
        app.batch_results(&device.token, &sent).await;
        app.batch_results(&device.token, &sent).await;
        // A body that does not parse: serde's message quotes the text back to the client only.
        let mut wrong_type = serde_json::to_value(&sent[2]).unwrap();
        wrong_type["schema_version"] = json!(sent[2].form.participant.full_name.clone());
        let request = Request::post("/api/v1/registrations/batch")
            .header(header::AUTHORIZATION, format!("Bearer {}", device.token))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json!({ "registrations": [wrong_type] }).to_string()))
            .unwrap();
        app.request(request).await;
        let admin = app.admin_token().await;
        for list in ["export.csv", "export.xlsx", "workers.csv", "workers.xlsx", "stats"] {
            let path = format!("/api/v1/{list}");
            app.call(axum::http::Method::GET, &path, Some(&admin), None).await;
        }

        let logs = String::from_utf8_lossy(&capture.0.lock().unwrap()).into_owned();
        assert!(logs.contains("batch received"), "the capture works: {logs}");
        assert!(logs.contains("hand-over downloaded"));
        for submission in &sent {
            let p = &submission.form.participant;
            let digits: String = p.nik.chars().filter(char::is_ascii_digit).collect();
            let phone_digits: String = p.phone.chars().filter(char::is_ascii_digit).collect();
            let mut personal = vec![p.nik.clone(), digits, p.full_name.clone(), p.phone.clone()];
            if phone_digits.len() > 8 {
                // The significant digits, however the number is written.
                personal.push(phone_digits[phone_digits.len() - 8..].to_owned());
            }
            if !p.mother_maiden_name.is_empty() {
                personal.push(p.mother_maiden_name.clone());
            }
            for worker in &submission.form.workers {
                personal.push(worker.nik.clone());
                personal.push(worker.full_name.clone());
            }
            for value in personal {
                assert!(!logs.contains(&value), "a personal value is in the logs: {value}");
            }
        }
    }
}
