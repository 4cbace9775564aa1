//! Which phone holds what, and who works where: health reports from batches and heartbeats land
//! in the table and on the dashboard (flagged past three days or on an old app version); the
//! city assigns areas with `assign-officer` and with the dashboard's form, which needs the
//! sign-in — on SQLite and PostgreSQL.

mod common;

use axum::{
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use clap::Parser;
use common::{Enrolled, TestApp, both_backends, submissions, text_of};
use domain::{Kelurahan, wire::worklist::Area};
use lindungi_server::{areas, cli::Cli};
use serde_json::json;

const DAY: i64 = 86_400_000;

async fn run(app: &TestApp, args: &[&str]) -> anyhow::Result<()> {
    let url = app.state.config.database_url.clone();
    let mut all = vec!["lindungi-server", "--database-url", &url];
    all.extend_from_slice(args);
    Cli::parse_from(all).run().await
}

async fn heartbeat(app: &TestApp, token: &str, body: serde_json::Value) -> StatusCode {
    let (status, _, _) = app
        .call(
            Method::POST,
            "/api/v1/devices/heartbeat",
            Some(token),
            Some(body),
        )
        .await;
    status
}

/// The device's row: (seen_at, reported_at, app_version, waiting, oldest_waiting_since).
async fn health_row(
    app: &TestApp,
    device: &Enrolled,
) -> Option<(i64, Option<i64>, Option<String>, Option<i64>, Option<i64>)> {
    sqlx::query_as(
        "SELECT seen_at, reported_at, app_version, waiting, oldest_waiting_since \
         FROM device_health WHERE device_id = $1",
    )
    .bind(device.device_id)
    .fetch_optional(&app.db().pool)
    .await
    .unwrap()
}

async fn dashboard(app: &TestApp, cookie: &str) -> String {
    let request = Request::get("/dasbor.html")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let (status, _, page) = text_of(app.request(request).await).await;
    assert_eq!(status, StatusCode::OK);
    page
}

async fn post_area(
    app: &TestApp,
    cookie: Option<&str>,
    form: &str,
) -> (StatusCode, String, String) {
    let mut request = Request::post("/dasbor/wilayah")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = app
        .request(request.body(Body::from(form.to_owned())).unwrap())
        .await;
    let location = response
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let (status, _, page) = text_of(response).await;
    (status, location, page)
}

/// The audit trail's area changes: (actor, details), oldest first.
async fn area_changes(app: &TestApp) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT actor, details FROM audit_log WHERE action = 'officer_area_assigned' ORDER BY id",
    )
    .fetch_all(&app.db().pool)
    .await
    .unwrap()
}

async fn area_of(app: &TestApp, officer: i64) -> Area {
    let mut conn = app.db().pool.acquire().await.unwrap();
    areas::of_officer(&mut conn, officer).await.unwrap()
}

both_backends! {
    async fn a_health_table_that_refuses_the_write_never_costs_the_batch(backend) {
        // The phone's health is written in the batch's own transaction; when that write fails
        // (here a real trigger refuses it), it is rolled back alone: every registration is
        // stored and answered, and on PostgreSQL the failed statement does not doom the rest.
        let app = TestApp::new(backend).await;
        let field = app.enroll("Sri Wahyuni").await;
        let refuse = match backend {
            common::Backend::Sqlite => vec![
                "CREATE TRIGGER refuse_health BEFORE INSERT ON device_health \
                 BEGIN SELECT RAISE(ABORT, 'health refused'); END",
            ],
            common::Backend::Postgres => vec![
                "CREATE FUNCTION refuse_health() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN RAISE EXCEPTION 'health refused'; END $$",
                "CREATE TRIGGER refuse_health BEFORE INSERT ON device_health \
                 FOR EACH ROW EXECUTE FUNCTION refuse_health()",
            ],
        };
        for statement in refuse {
            sqlx::query(statement).execute(&app.db().pool).await.unwrap();
        }
        let (status, body) = app.call(Method::POST, "/api/v1/registrations/batch", Some(&field.token),
            Some(json!({ "registrations": submissions(0..3), "health": {
                "app_version": "b2b2b2b2b2b2b2b2", "waiting": 3,
            }}))).await.into_status_and_body();
        assert_eq!(status, StatusCode::OK, "{body}");
        let results = body["results"].as_array().unwrap();
        assert!(results.iter().all(|r| r["outcome"] == "accepted"), "{body}");
        assert_eq!(app.stored().await, 3);
        assert!(health_row(&app, &field).await.is_none());
        // Once the table takes writes again, the next batch records the phone.
        let allow = match backend {
            common::Backend::Sqlite => "DROP TRIGGER refuse_health",
            common::Backend::Postgres => "DROP TRIGGER refuse_health ON device_health",
        };
        sqlx::query(allow).execute(&app.db().pool).await.unwrap();
        app.batch_results(&field.token, &submissions(3..4)).await;
        assert_eq!(health_row(&app, &field).await.unwrap().0, app.now());
    }

    async fn heartbeats_and_batch_reports_land_in_the_table_and_on_the_dashboard(backend) {
        let dist = tempfile::tempdir().unwrap();
        std::fs::write(dist.path().join("sw.js"), "const VERSION = 'b2b2b2b2b2b2b2b2';\n").unwrap();
        let dist_dir = dist.path().to_owned();
        let app = TestApp::with_config(backend, |c| c.dist_dir = dist_dir).await;
        let field = app.enroll("Sri Wahyuni").await;
        let old = app.enroll("Budi Santoso").await;
        let quiet = app.enroll("Eko Prasetyo").await;

        // A heartbeat: forty waiting, the oldest for nine days, an old app.
        let status = heartbeat(&app, &old.token, json!({
            "app_version": "a1a1a1a1a1a1a1a1", "waiting": 40,
            "oldest_waiting_secs": 9 * 86_400, "storage_used_bytes": 1_340_000,
        })).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (seen, reported, version, waiting, since) = health_row(&app, &old).await.unwrap();
        assert_eq!((seen, reported), (app.now(), Some(app.now())));
        assert_eq!(version.as_deref(), Some("a1a1a1a1a1a1a1a1"));
        assert_eq!(waiting, Some(40));
        assert_eq!(since, Some(app.now() - 9 * DAY));

        // A batch of five with its report: the five it settled no longer wait.
        let sent = submissions(0..5);
        let (status, body) = app.call(Method::POST, "/api/v1/registrations/batch", Some(&field.token),
            Some(json!({ "registrations": sent, "health": {
                "app_version": "b2b2b2b2b2b2b2b2", "waiting": 7, "oldest_waiting_secs": 3600,
            }}))).await.into_status_and_body();
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, _, version, waiting, since) = health_row(&app, &field).await.unwrap();
        assert_eq!(version.as_deref(), Some("b2b2b2b2b2b2b2b2"));
        assert_eq!(waiting, Some(2));
        assert_eq!(since, Some(app.now() - 3_600_000));
        // The same five again, everything sent: nothing waits, so no oldest either.
        let (status, _) = app.call(Method::POST, "/api/v1/registrations/batch", Some(&field.token),
            Some(json!({ "registrations": sent, "health": {
                "app_version": "b2b2b2b2b2b2b2b2", "waiting": 5, "oldest_waiting_secs": 60,
            }}))).await.into_status_and_body();
        assert_eq!(status, StatusCode::OK);
        let (_, _, _, waiting, since) = health_row(&app, &field).await.unwrap();
        assert_eq!((waiting, since), (Some(0), None));

        // An app without the report still marks the phone seen, and a bad report is ignored
        // without refusing the registrations.
        let later = app.reconfigured(|c| c.clock = lindungi_server::config::Clock::Fixed(app.now() + DAY));
        later.batch_results(&quiet.token, &submissions(10..11)).await;
        assert_eq!(health_row(&later, &quiet).await.unwrap().0, app.now() + DAY);
        let (status, body) = later.call(Method::POST, "/api/v1/registrations/batch", Some(&quiet.token),
            Some(json!({ "registrations": submissions(11..12), "health": { "app_version": "", "waiting": 1 }})))
            .await.into_status_and_body();
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(health_row(&later, &quiet).await.unwrap().2, None);

        // The dashboard: both flags on the old phone, in words; none on the current one.
        let admin = app.admin_token().await;
        let cookie = app.session_cookie(&admin).await;
        let page = dashboard(&app, &cookie).await;
        let row = |id: i64| {
            let start = page.find(&format!("id=\"phone-{id}\"")).unwrap();
            page[start..start + page[start..].find("</tr>").unwrap()].to_owned()
        };
        let old_row = row(old.device_id);
        assert!(old_row.contains("Budi Santoso") && old_row.contains("HP uji"), "{old_row}");
        assert!(old_row.contains(">40<"), "{old_row}");
        assert!(old_row.contains("9 hari") && old_row.contains("lebih dari 3 hari"), "{old_row}");
        assert!(old_row.contains("versi lama") && old_row.contains("1,3 MB"), "{old_row}");
        assert!(old_row.contains("2026-06-15 12:00 WIB"), "{old_row}");
        let field_row = row(field.device_id);
        assert!(!field_row.contains("versi lama") && !field_row.contains("lebih dari"), "{field_row}");
        assert!(field_row.contains(">0<"), "{field_row}");
        // Most waiting first.
        assert!(page.find(&format!("phone-{}", old.device_id)) < page.find(&format!("phone-{}", field.device_id)));
        let english = dashboard(&app, &format!("{cookie}; lindungi_lang=en")).await;
        assert!(english.contains("over 3 days") && english.contains("old version"));
    }

    async fn a_bad_heartbeat_is_a_400_and_a_revoked_phone_a_401(backend) {
        let app = TestApp::new(backend).await;
        let field = app.enroll("Sri").await;
        for bad in [
            json!({ "app_version": "", "waiting": 0 }),
            json!({ "app_version": "v1", "waiting": 0, "oldest_waiting_secs": 5 }),
            json!({ "app_version": "v1", "waiting": -1 }),
            json!({ "waiting": 3 }),
        ] {
            assert_eq!(heartbeat(&app, &field.token, bad.clone()).await, StatusCode::BAD_REQUEST, "{bad}");
        }
        let huge = json!({ "app_version": "v".repeat(2000), "waiting": 1 });
        assert_eq!(heartbeat(&app, &field.token, huge).await, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(health_row(&app, &field).await.is_none());
        run(&app, &["revoke-device", &field.device_id.to_string()]).await.unwrap();
        let fine = json!({ "app_version": "v1", "waiting": 0 });
        assert_eq!(heartbeat(&app, &field.token, fine).await, StatusCode::UNAUTHORIZED);
    }

    async fn the_city_assigns_areas_from_the_command_line(backend) {
        let app = TestApp::new(backend).await;
        let field = app.enroll("Sri").await;
        let id = field.officer_id.to_string();
        run(&app, &["assign-officer", &id, "--kelurahan", "Kauman, 35.76.03.1002,Prajurit Kulon"]).await.unwrap();
        assert_eq!(area_of(&app, field.officer_id).await,
            Area::of_kelurahan([Kelurahan::Kauman, Kelurahan::Miji, Kelurahan::Prajuritkulon]));
        // A bad name is an error naming it; the area stays as it was.
        let error = run(&app, &["assign-officer", &id, "--kelurahan", "Kauman,Atlantis"]).await.unwrap_err();
        assert!(error.to_string().contains("\"Atlantis\""), "{error}");
        assert_eq!(
            area_of(&app, field.officer_id).await,
            Area::of_kelurahan([Kelurahan::Kauman, Kelurahan::Miji, Kelurahan::Prajuritkulon])
        );
        run(&app, &["assign-officer", &id, "--whole-city"]).await.unwrap();
        assert_eq!(area_of(&app, field.officer_id).await, Area::WholeCity);
        run(&app, &["assign-officer", &id, "--none"]).await.unwrap();
        assert_eq!(area_of(&app, field.officer_id).await, Area::Unassigned);
        // Each change in the audit trail, by the command line; the refused one is not there.
        let changes = area_changes(&app).await;
        assert_eq!(changes.len(), 3, "{changes:?}");
        assert!(changes.iter().all(|(actor, _)| actor == "cli"), "{changes:?}");
        assert!(changes[0].1.contains("35.76.03.1002") && changes[1].1.contains("\"whole_city\":true"));
        let error = run(&app, &["assign-officer", "999", "--whole-city"]).await.unwrap_err();
        assert!(error.to_string().contains("no active officer 999"), "{error}");
        // Exactly one way of saying the area.
        assert!(Cli::try_parse_from(["lindungi-server", "assign-officer", &id]).is_err());
        assert!(Cli::try_parse_from(["lindungi-server", "assign-officer", &id, "--whole-city", "--none"]).is_err());
    }

    async fn the_dashboard_form_assigns_an_area_when_signed_in_and_is_refused_without(backend) {
        let app = TestApp::new(backend).await;
        let field = app.enroll("Sri Wahyuni").await;
        let id = field.officer_id;
        let form = format!("officer={id}&kelurahan=35.76.01.1004&kelurahan=35.76.03.1002");

        let (status, _, page) = post_area(&app, None, &form).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(page.contains("Token admin"), "the sign-in form");
        let (status, _, _) = post_area(&app, Some("lindungi_session=lnd_ses_wrong"), &form).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(area_of(&app, id).await, Area::Unassigned);

        let admin = app.admin_token().await;
        let cookie = app.session_cookie(&admin).await;
        let page = dashboard(&app, &cookie).await;
        // One labelled form per officer, every box with its label.
        assert!(page.contains(&format!("<label for=\"area-{id}-1\">Kauman</label>")), "{page}");
        assert!(page.contains("Ubah wilayah: Sri Wahyuni"));
        assert!(page.contains("Belum ditetapkan"));

        let (status, location, _) = post_area(&app, Some(&cookie), &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(location, format!("/dasbor.html#officer-{id}"));
        assert_eq!(area_of(&app, id).await, Area::of_kelurahan([Kelurahan::Kauman, Kelurahan::Miji]));
        let page = dashboard(&app, &cookie).await;
        assert!(page.contains("Kauman, Miji"));
        assert!(page.contains(&format!("id=\"area-{id}-1\" name=\"kelurahan\" value=\"35.76.01.1004\" checked")), "{page}");

        // Who changed it is in the audit trail, shown on the page.
        let changes = area_changes(&app).await;
        assert_eq!(changes.len(), 1);
        assert!(changes[0].0.contains("test"), "the admin token's label: {changes:?}");
        assert!(page.contains(&format!("Wilayah petugas #{id}: Kauman, Miji")), "{page}");
        let (status, _, page) = post_area(&app, Some(&cookie), &format!("officer={id}&kelurahan=35.76.01.1004&whole_city=1")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(page.contains("tidak keduanya"), "{page}");
        let (status, _, _) = post_area(&app, Some(&cookie), "officer=999&whole_city=1").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _, _) = post_area(&app, Some(&cookie), &format!("officer={id}&whole_city=1")).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(area_of(&app, id).await, Area::WholeCity);
        assert!(dashboard(&app, &cookie).await.contains("Seluruh kota"));
    }
}

/// `call` answers (status, headers, body); these tests want the status and body.
trait StatusAndBody {
    fn into_status_and_body(self) -> (StatusCode, serde_json::Value);
}

impl StatusAndBody for (StatusCode, axum::http::HeaderMap, serde_json::Value) {
    fn into_status_and_body(self) -> (StatusCode, serde_json::Value) {
        (self.0, self.2)
    }
}
