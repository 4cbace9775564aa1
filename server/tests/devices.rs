//! Officers and devices: enrollment codes traded once for device tokens, 401 for anything else,
//! revocation that keeps what was received — on SQLite and PostgreSQL.

mod common;

use axum::http::{Method, StatusCode};
use common::{TestApp, both_backends, submissions};
use domain::{testdata, wire::MAX_ENROLL_BODY_BYTES};
use lindungi_server::{config::Clock, officers};
use serde_json::json;

both_backends! {
    async fn an_enrollment_code_is_traded_once_for_a_device_token(backend) {
        let app = TestApp::new(backend).await;
        let officer = officers::create_officer(app.db(), "Petugas Satu", 7, false, app.now())
            .await
            .unwrap();
        // Typed on a phone: lowercase, with the dash shown on paper.
        let typed = lindungi_server::auth::display_code(&officer.code).to_lowercase();
        let (status, headers, body) = app
            .call(Method::POST, "/api/v1/devices", None,
                Some(json!({ "enrollment_code": typed, "device_name": "HP Bu Sri" })))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        // The answer carries the token: no cache may keep it.
        assert_eq!(headers["cache-control"], "no-store");
        assert_eq!(body["officer_id"], officer.officer_id);
        assert_eq!(body["officer_name"], "Petugas Satu");
        assert!(body["token"].as_str().unwrap().starts_with("lnd_dev_"));
        let (status, _, body) = app
            .call(Method::POST, "/api/v1/devices", None,
                Some(json!({ "enrollment_code": officer.code, "device_name": "HP kedua" })))
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["code"], "unauthorized");
    }

    async fn an_expired_or_unknown_code_gets_no_token(backend) {
        let app = TestApp::new(backend).await;
        let officer = officers::create_officer(app.db(), "Petugas Satu", 1, false, app.now())
            .await
            .unwrap();
        let two_days_later = app.reconfigured(|c| c.clock = Clock::Fixed(app.now() + 2 * 86_400_000));
        for code in [officer.code.as_str(), "ABCDE-FGHJK", "", "0000000000"] {
            let (status, _, body) = two_days_later
                .call(Method::POST, "/api/v1/devices", None,
                    Some(json!({ "enrollment_code": code, "device_name": "HP" })))
                .await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{code}: {body}");
        }
    }

    async fn a_fresh_code_for_the_same_officer_replaces_the_unused_one(backend) {
        let app = TestApp::new(backend).await;
        let first = officers::create_officer(app.db(), "Petugas Demo", 7, true, app.now()).await.unwrap();
        let second = officers::create_officer(app.db(), "Petugas Demo", 7, true, app.now()).await.unwrap();
        assert_eq!(first.officer_id, second.officer_id);
        let (status, _, _) = app
            .call(Method::POST, "/api/v1/devices", None,
                Some(json!({ "enrollment_code": first.code, "device_name": "HP" })))
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        app.enroll_with_code(&second.code).await;
    }

    async fn a_device_name_must_be_a_short_plain_text(backend) {
        let app = TestApp::new(backend).await;
        let officer = officers::create_officer(app.db(), "Petugas Satu", 7, false, app.now()).await.unwrap();
        for name in ["", "   ", "a\u{0}b", &"x".repeat(101)] {
            let (status, _, body) = app
                .call(Method::POST, "/api/v1/devices", None,
                    Some(json!({ "enrollment_code": officer.code, "device_name": name })))
                .await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
            assert_eq!(body["code"], "malformed");
        }
        // A refused name did not spend the code.
        app.enroll_with_code(&officer.code).await;
    }

    async fn an_enrollment_body_over_its_limit_is_a_413_and_spends_no_code(backend) {
        let app = TestApp::new(backend).await;
        let officer = officers::create_officer(app.db(), "Petugas Satu", 7, false, app.now()).await.unwrap();
        // A name far over the limit: the body is refused before its JSON is read.
        let padding = "x".repeat(MAX_ENROLL_BODY_BYTES);
        let (status, _, body) = app
            .call(Method::POST, "/api/v1/devices", None,
                Some(json!({ "enrollment_code": officer.code, "device_name": padding })))
            .await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
        assert_eq!(body["code"], "too_large");
        assert!(body["message"].as_str().unwrap().contains(&MAX_ENROLL_BODY_BYTES.to_string()), "{body}");
        app.enroll_with_code(&officer.code).await;
    }

    async fn a_batch_without_a_known_live_token_is_401_with_a_json_body(backend) {
        let app = TestApp::new(backend).await;
        let body = json!({ "registrations": submissions(1..2) });
        for token in [None, Some("lnd_dev_nope"), Some("")] {
            let (status, _, answer) = app
                .call(Method::POST, "/api/v1/registrations/batch", token, Some(body.clone()))
                .await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{token:?}");
            assert_eq!(answer["code"], "unauthorized");
            assert!(answer["message"].as_str().unwrap().len() > 10);
        }
        assert_eq!(app.stored().await, 0);
    }

    async fn a_revoked_device_is_refused_and_its_registrations_stay(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        app.batch_results(&device.token, &submissions(1..4)).await;
        assert!(officers::revoke_device(app.db(), device.device_id, app.now()).await.unwrap());
        let (status, _) = app.send_batch(&device.token, &submissions(4..5)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(app.stored().await, 3);
        assert!(!officers::revoke_device(app.db(), device.device_id, app.now()).await.unwrap());
    }

    async fn a_revoked_officer_loses_every_device_and_code_but_not_registrations(backend) {
        let app = TestApp::new(backend).await;
        let phone = app.enroll("Petugas Satu").await;
        let officer = phone.officer_id;
        let spare = officers::create_officer(app.db(), "Petugas Satu", 7, true, app.now()).await.unwrap();
        assert_eq!(spare.officer_id, officer);
        app.batch_results(&phone.token, &submissions(1..3)).await;
        assert!(officers::revoke_officer(app.db(), officer, app.now()).await.unwrap());
        let (status, _) = app.send_batch(&phone.token, &submissions(3..4)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _, _) = app
            .call(Method::POST, "/api/v1/devices", None,
                Some(json!({ "enrollment_code": spare.code, "device_name": "HP" })))
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(app.stored().await, 2);
    }

    async fn every_registration_records_the_officer_and_device_that_sent_it(backend) {
        let app = TestApp::new(backend).await;
        let a = app.enroll("Petugas Satu").await;
        let b = app.enroll("Petugas Dua").await;
        app.batch_results(&a.token, &submissions(1..3)).await;
        app.batch_results(&b.token, &submissions(3..4)).await;
        let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
            "SELECT officer_id, device_id, COUNT(*) FROM registrations \
             GROUP BY officer_id, device_id ORDER BY officer_id",
        )
        .fetch_all(&app.db().pool)
        .await
        .unwrap();
        assert_eq!(rows, [(a.officer_id, a.device_id, 2), (b.officer_id, b.device_id, 1)]);
    }

    async fn the_status_of_a_registration_is_shown_only_to_the_device_that_sent_it(backend) {
        let app = TestApp::new(backend).await;
        let mine = app.enroll("Petugas Satu").await;
        let other = app.enroll("Petugas Dua").await;
        let sent = testdata::submission(1);
        app.batch_results(&mine.token, std::slice::from_ref(&sent)).await;
        let path = format!("/api/v1/registrations/{}", sent.id);
        let (status, _, body) = app.call(Method::GET, &path, Some(&mine.token), None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            body,
            json!({ "id": sent.id, "status": "received", "receipt": "MJK-2026-000001",
                    "received_at": "2026-06-15T05:00:00.000Z" })
        );
        let (status, _, body) = app.call(Method::GET, &path, Some(&other.token), None).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
        let unknown = format!("/api/v1/registrations/{}", testdata::registration_id(77));
        let (status, _, _) = app.call(Method::GET, &unknown, Some(&mine.token), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        for odd in ["not-a-uuid", "%00", "'%20OR%201=1--"] {
            let (status, _, _) = app
                .call(Method::GET, &format!("/api/v1/registrations/{odd}"), Some(&mine.token), None)
                .await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{odd}");
        }
        let (status, _, _) = app.call(Method::GET, &path, None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }

    async fn admin_pages_need_an_admin_token_not_a_device_token(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        for path in ["/api/v1/stats", "/api/v1/export.csv"] {
            for token in [None, Some(device.token.as_str()), Some("lnd_adm_nope")] {
                let (status, _, body) = app.call(Method::GET, path, token, None).await;
                assert_eq!(status, StatusCode::UNAUTHORIZED, "{path} {token:?}");
                assert_eq!(body["code"], "unauthorized");
            }
        }
        let admin = app.admin_token().await;
        let (status, _, _) = app.call(Method::GET, "/api/v1/stats", Some(&admin), None).await;
        assert_eq!(status, StatusCode::OK);
        // A new token with the same label replaces it.
        let _newer = app.admin_token().await;
        let (status, _, _) = app.call(Method::GET, "/api/v1/stats", Some(&admin), None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        // The environment's admin token works too.
        let with_env = app.reconfigured(|c| c.admin_token = Some("from-the-environment".into()));
        let (status, _, _) = with_env
            .call(Method::GET, "/api/v1/stats", Some("from-the-environment"), None)
            .await;
        assert_eq!(status, StatusCode::OK);
    }
}
