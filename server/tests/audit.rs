//! The audit trail: who created or revoked officers, devices and admin tokens (the command line
//! as `cli`), who enrolled a phone, who signed in and out of the dashboard and from where, who
//! downloaded which hand-over file with which filters and how many rows — never personal data;
//! shown on the dashboard in both languages — on SQLite and PostgreSQL.

mod common;

use std::net::SocketAddr;

use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{Method, Request, StatusCode, header},
};
use common::{TestApp, both_backends, submissions, text_of};
use lindungi_server::officers;
use serde_json::Value;

/// Every entry, oldest first: (actor, action, details as JSON, address).
async fn trail(app: &TestApp) -> Vec<(String, String, Value, Option<String>)> {
    let rows: Vec<(String, String, String, Option<String>)> =
        sqlx::query_as("SELECT actor, action, details, address FROM audit_log ORDER BY id")
            .fetch_all(&app.db().pool)
            .await
            .unwrap();
    rows.into_iter()
        .map(|(actor, action, details, address)| {
            (
                actor,
                action,
                serde_json::from_str(&details).unwrap(),
                address,
            )
        })
        .collect()
}

/// Every text of every entry, joined: what must hold no personal data.
async fn all_text(app: &TestApp) -> String {
    let rows: Vec<(String, String, String, Option<String>)> =
        sqlx::query_as("SELECT actor, action, details, address FROM audit_log")
            .fetch_all(&app.db().pool)
            .await
            .unwrap();
    rows.into_iter()
        .map(|(a, b, c, d)| format!("{a} {b} {c} {}", d.unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn at(address: [u8; 4]) -> ConnectInfo<SocketAddr> {
    ConnectInfo(SocketAddr::from((address, 40_000)))
}

both_backends! {
    async fn the_command_line_s_changes_are_recorded_as_done_by_cli(backend) {
        let app = TestApp::new(backend).await;
        let officer = officers::create_officer(app.db(), "Sri Wahyuni", 7, false, app.now()).await.unwrap();
        let again = officers::create_officer(app.db(), "Sri Wahyuni", 7, true, app.now()).await.unwrap();
        let device = app.enroll_with_code(&again.code).await;
        assert!(officers::revoke_device(app.db(), device.device_id, app.now()).await.unwrap());
        assert!(officers::revoke_officer(app.db(), officer.officer_id, app.now()).await.unwrap());
        officers::create_admin_token(app.db(), "staf", 30, app.now()).await.unwrap();
        let rotated = officers::create_admin_token(app.db(), "staf", 30, app.now()).await.unwrap();
        assert_eq!(officers::revoke_admin_tokens(app.db(), "staf", app.now()).await.unwrap(), 1);
        // Nothing to revoke is not recorded.
        assert!(!officers::revoke_device(app.db(), device.device_id, app.now()).await.unwrap());

        let entries = trail(&app).await;
        let actions: Vec<(&str, &str)> = entries.iter().map(|(a, b, _, _)| (a.as_str(), b.as_str())).collect();
        let officer_actor = format!("officer:{}", officer.officer_id);
        assert_eq!(
            actions,
            [
                ("cli", "officer_created"),
                ("cli", "enrollment_code_issued"),
                (officer_actor.as_str(), "device_enrolled"),
                ("cli", "device_revoked"),
                ("cli", "officer_revoked"),
                ("cli", "admin_token_created"),
                ("cli", "admin_token_revoked"),
                ("cli", "admin_token_created"),
                ("cli", "admin_token_revoked"),
            ]
        );
        assert_eq!(entries[0].2["officer_id"], officer.officer_id);
        assert_eq!(entries[1].2["code_expires_at"], again.expires_at);
        assert_eq!(entries[2].2["device_id"], device.device_id);
        assert_eq!(entries[7].2["label"], "staf");
        assert_eq!(entries[7].2["expires_at"], rotated.expires_at);
        // The command line has no address.
        assert!(entries.iter().filter(|e| e.0 == "cli").all(|e| e.3.is_none()));
        // An officer's name is nobody's business in the trail: ids only.
        assert!(!all_text(&app).await.contains("Wahyuni"));
    }

    async fn sign_ins_and_downloads_say_who_from_where_which_file_and_how_many_rows(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let sent = submissions(0..12);
        let results = app.batch_results(&device.token, &sent).await;
        let accepted = results.iter().filter(|r| r["outcome"] == "accepted").count();
        let admin = officers::create_admin_token(app.db(), "bu-rina", 30, app.now()).await.unwrap().token;

        let (status, set_cookie, _) = app
            .sign_in_from(&admin, Some(SocketAddr::from(([198, 51, 100, 7], 5))))
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let cookie = set_cookie.split(';').next().unwrap().to_owned();
        // The whole BPU list from the dashboard; the workers of one kelurahan and a week by API.
        let mut download = Request::get("/api/v1/export.xlsx")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap();
        download.extensions_mut().insert(at([198, 51, 100, 7]));
        assert_eq!(app.request(download).await.status(), StatusCode::OK);
        let path = "/api/v1/workers.csv?from=2026-06-01&to=2026-06-30&kelurahan=Kauman";
        let (status, _, _) = app.call(Method::GET, path, Some(&admin), None).await;
        assert_eq!(status, StatusCode::OK);
        let mut out = Request::post("/dasbor/keluar")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap();
        out.extensions_mut().insert(at([198, 51, 100, 7]));
        assert_eq!(app.request(out).await.status(), StatusCode::SEE_OTHER);

        let entries: Vec<_> = trail(&app)
            .await
            .into_iter()
            .filter(|(actor, ..)| actor.starts_with("admin:"))
            .collect();
        let summary: Vec<(&str, &str, Option<&str>)> = entries
            .iter()
            .map(|(actor, action, _, address)| (actor.as_str(), action.as_str(), address.as_deref()))
            .collect();
        assert_eq!(
            summary,
            [
                ("admin:bu-rina", "signed_in", Some("198.51.100.7")),
                ("admin:bu-rina", "hand_over_downloaded", Some("198.51.100.7")),
                ("admin:bu-rina", "hand_over_downloaded", None),
                ("admin:bu-rina", "signed_out", Some("198.51.100.7")),
            ]
        );
        assert_eq!(entries[0].2["label"], "bu-rina");
        let whole = &entries[1].2;
        assert_eq!(whole["file"], "bpu.xlsx");
        assert_eq!(whole["rows"], accepted);
        assert_eq!((whole["from"].clone(), whole["kelurahan"].clone()), (Value::Null, Value::Null));
        let part = &entries[2].2;
        assert_eq!(part["file"], "pekerja.csv");
        assert_eq!(part["from"], "2026-06-01");
        assert_eq!(part["to"], "2026-06-30");
        assert_eq!(part["kelurahan"], "35.76.01.1004");
        assert!(part["rows"].is_u64());
    }

    async fn the_trail_holds_no_personal_data(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let sent = submissions(0..30);
        app.batch_results(&device.token, &sent).await;
        let admin = app.admin_token().await;
        let cookie = app.session_cookie(&admin).await;
        for list in ["export.csv", "export.xlsx", "workers.csv", "workers.xlsx"] {
            let request = Request::get(format!("/api/v1/{list}?kelurahan=Kauman"))
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap();
            assert_eq!(app.request(request).await.status(), StatusCode::OK);
        }
        let text = all_text(&app).await;
        assert!(text.contains("hand_over_downloaded"));
        for submission in &sent {
            let p = &submission.form.participant;
            for (what, value) in [
                ("NIK", p.nik.as_str()),
                ("name", p.full_name.as_str()),
                ("mother's name", p.mother_maiden_name.as_str()),
                ("phone", p.phone.as_str()),
                ("street", submission.form.address.street.as_str()),
            ] {
                // (A mother's name is optional: an empty one is in every text.)
                assert!(value.is_empty() || !text.contains(value), "a {what} is in the audit trail");
            }
            for worker in &submission.form.workers {
                assert!(!text.contains(worker.nik.as_str()) && !text.contains(worker.full_name.as_str()));
            }
        }
    }

    async fn the_dashboard_shows_the_trail_in_both_languages(backend) {
        let app = TestApp::new(backend).await;
        let officer = officers::create_officer(app.db(), "Petugas Satu", 7, false, app.now()).await.unwrap();
        app.enroll_with_code(&officer.code).await;
        let admin = app.admin_token().await;
        let cookie = app.session_cookie(&admin).await;
        let page = |lang: &'static str| {
            let request = Request::get(format!("/dasbor.html?lang={lang}"))
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap();
            async { text_of(app.request(request).await).await.2 }
        };
        let id = page("id").await;
        assert!(id.contains("<h2>Jejak audit</h2>"), "{id}");
        assert!(id.contains("<caption class=\"visually-hidden\">Jejak audit</caption>"));
        for heading in ["Waktu (WIB)", "Oleh", "Tindakan", "Alamat IP"] {
            assert!(id.contains(&format!("<th scope=\"col\">{heading}</th>")), "{heading}");
        }
        let created = format!("Petugas #{} dibuat; kode pendaftaran berlaku sampai", officer.officer_id);
        assert!(id.contains(&created), "{id}");
        assert!(id.contains("Baris perintah server"));
        assert!(id.contains("Masuk ke dasbor") && id.contains("Token admin \u{201c}test\u{201d}"));
        let en = page("en").await;
        assert!(en.contains("<h2>Audit trail</h2>"));
        assert!(en.contains(&format!("Officer #{} created; enrollment code valid until", officer.officer_id)));
        assert!(en.contains("Signed in to the dashboard") && en.contains("Server command line"));
        // Newest first: the sign-in is the first row.
        let rows: Vec<&str> = en.split("<tr>").skip(2).collect();
        assert!(rows.iter().position(|r| r.contains("Signed in")) < rows.iter().position(|r| r.contains("created; enrollment")));
    }
}
