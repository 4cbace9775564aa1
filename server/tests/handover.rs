//! The hand-over files for the BPJS branch: BPU registrations and the owners' workers, as CSV
//! and XLSX, read back cell by cell, filtered by day and kelurahan — on SQLite and PostgreSQL.

mod common;

use std::io::Cursor;

use axum::{
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use calamine::{Data, Reader, Xlsx};
use common::{TestApp, both_backends, noon_wib, submissions};
use domain::{Date, Kelurahan, Registration, testdata, wire::Submission};
use http_body_util::BodyExt;
use lindungi_server::{
    config::Clock,
    export::{COLUMNS, WORKER_COLUMNS},
};

/// A GET with the admin token; the status, headers and body bytes.
async fn download(app: &TestApp, path: &str, admin: &str) -> (StatusCode, String, Vec<u8>) {
    let request = Request::get(path)
        .header(header::AUTHORIZATION, format!("Bearer {admin}"))
        .body(Body::empty())
        .unwrap();
    let response = app.request(request).await;
    let status = response.status();
    let disposition = response
        .headers()
        .get(header::CONTENT_DISPOSITION)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    (status, disposition, body)
}

/// A CSV file as rows of cells, header first.
fn csv_cells(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// An XLSX file's only sheet as rows of cells (a number written as it would be in the CSV),
/// and the cells' types.
fn xlsx_cells(bytes: Vec<u8>, sheet: &str) -> Vec<Vec<Data>> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(workbook.sheet_names(), [sheet]);
    let range = workbook.worksheet_range(sheet).unwrap();
    assert_eq!(range.start(), Some((0, 0)));
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        other => panic!("unexpected cell {other:?}"),
    }
}

/// The CSV cell as the value itself: without the apostrophe that keeps a formula from running.
fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// The CSV and the XLSX of the same list agree cell by cell; text stays text (NIK, phone).
fn same_cells(csv: &[Vec<String>], xlsx: &[Vec<Data>], numeric: &[&str]) {
    assert_eq!(csv.len(), xlsx.len(), "rows");
    let headers = &csv[0];
    for (r, (c_row, x_row)) in csv.iter().zip(xlsx).enumerate() {
        assert_eq!(c_row.len(), headers.len());
        for (c, header) in headers.iter().enumerate() {
            let x = x_row.get(c).unwrap_or(&Data::Empty);
            assert_eq!(text(x), unguarded(&c_row[c]), "row {r} column {header}");
            if r > 0 && !matches!(x, Data::Empty) {
                let is_number = matches!(x, Data::Float(_) | Data::Int(_));
                assert_eq!(
                    is_number,
                    numeric.contains(&header.as_str()),
                    "row {r} {header}: {x:?}"
                );
            }
        }
    }
}

fn registration(submission: &Submission) -> Registration {
    Registration::from_submission(submission, testdata::REFERENCE_TODAY).unwrap()
}

/// Generated submissions that list workers.
fn with_workers(count: usize) -> Vec<Submission> {
    (0..400)
        .map(testdata::submission)
        .filter(|s| !s.form.workers.is_empty())
        .take(count)
        .collect()
}

both_backends! {
    async fn the_bpu_xlsx_has_the_same_cells_as_the_csv_and_text_stays_text(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let mut sent = submissions(0..12);
        sent[2].form.business.name = "=HYPERLINK(\"http://x\",\"klik\")".into();
        let results = app.batch_results(&device.token, &sent).await;
        assert!(results.iter().all(|r| r["outcome"] == "accepted"), "{results:?}");
        let admin = app.admin_token().await;
        let (status, disposition, csv) = download(&app, "/api/v1/export.csv", &admin).await;
        assert_eq!(status, StatusCode::OK);
        assert!(disposition.contains("lindungi-bpu-2026-06-15.csv"), "{disposition}");
        let (status, disposition, xlsx) = download(&app, "/api/v1/export.xlsx", &admin).await;
        assert_eq!(status, StatusCode::OK);
        assert!(disposition.contains("lindungi-bpu-2026-06-15.xlsx"), "{disposition}");
        let csv = csv_cells(&csv);
        let xlsx = xlsx_cells(xlsx, "bpu");
        assert_eq!(csv[0], COLUMNS.iter().map(|c| c.header).collect::<Vec<_>>());
        same_cells(&csv, &xlsx, &["NO", "UPAH"]);
        let column = |name: &str| csv[0].iter().position(|h| h == name).unwrap();
        for (i, submission) in sent.iter().enumerate() {
            let r = registration(submission);
            let row = &xlsx[i + 1];
            assert_eq!(row[column("NIK")], Data::String(r.participant().nik().as_str().into()));
            assert_eq!(row[column("NO HP")], Data::String(r.participant().phone().national()));
            assert_eq!(row[column("NO")], Data::Float((i + 1) as f64));
            assert_eq!(
                row[column("UPAH")],
                Data::Float(r.coverage().income.rupiah().0 as f64)
            );
        }
        // In the workbook a formula-like name is a plain string, exactly as typed.
        assert_eq!(
            xlsx[3][column("NAMA USAHA")],
            Data::String("=HYPERLINK(\"http://x\",\"klik\")".into())
        );
        assert_eq!(csv[3][column("NAMA USAHA")], "'=HYPERLINK(\"http://x\",\"klik\")");
    }

    async fn the_hand_over_is_filtered_by_day_of_receipt_and_kelurahan(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let days = [15, 16, 17].map(|d| Date::new(2026, 6, d).unwrap());
        let sent = submissions(0..30);
        for (day, chunk) in days.iter().zip(sent.chunks(10)) {
            let later = app.reconfigured(|c| c.clock = Clock::Fixed(noon_wib(*day)));
            later.batch_results(&device.token, chunk).await;
        }
        let admin = app.admin_token().await;
        let niks = |csv: &[u8]| -> Vec<String> {
            let cells = csv_cells(csv);
            let nik = cells[0].iter().position(|h| h == "NIK").unwrap();
            cells[1..].iter().map(|r| r[nik].clone()).collect()
        };
        let expected = |range: std::ops::Range<usize>, kelurahan: Option<Kelurahan>| -> Vec<String> {
            sent[range]
                .iter()
                .map(registration)
                .filter(|r| kelurahan.is_none() || r.address().kelurahan() == kelurahan)
                .map(|r| r.participant().nik().as_str().to_owned())
                .collect()
        };
        let (_, _, all) = download(&app, "/api/v1/export.csv", &admin).await;
        assert_eq!(niks(&all), expected(0..30, None));
        let (_, _, day) = download(&app, "/api/v1/export.csv?from=2026-06-16&to=2026-06-16", &admin).await;
        assert_eq!(niks(&day), expected(10..20, None));
        let (_, _, since) = download(&app, "/api/v1/export.csv?from=2026-06-16", &admin).await;
        assert_eq!(niks(&since), expected(10..30, None));
        let (_, _, until) = download(&app, "/api/v1/export.csv?to=2026-06-15&kelurahan=", &admin).await;
        assert_eq!(niks(&until), expected(0..10, None));
        // The kelurahan most of them live in, by name and by code.
        let kelurahan = sent.iter().map(registration).filter_map(|r| r.address().kelurahan()).next().unwrap();
        let by_name = format!("/api/v1/export.csv?kelurahan={}", kelurahan.name());
        let (_, _, named) = download(&app, &by_name, &admin).await;
        assert_eq!(niks(&named), expected(0..30, Some(kelurahan)));
        let by_code = format!("/api/v1/export.xlsx?from=2026-06-17&kelurahan={}", kelurahan.code());
        let (status, _, xlsx) = download(&app, &by_code, &admin).await;
        assert_eq!(status, StatusCode::OK);
        let rows = xlsx_cells(xlsx, "bpu");
        let got: Vec<String> = rows[1..].iter().map(|r| text(&r[1])).collect();
        assert_eq!(got, expected(20..30, Some(kelurahan)));
        // Numbered from 1 in every file.
        assert!(rows[1..].iter().enumerate().all(|(i, r)| r[0] == Data::Float((i + 1) as f64)));
    }

    async fn the_worker_list_has_one_row_per_worker_with_the_employer(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let owners = with_workers(6);
        // Owners without workers too: they add no rows.
        let mut sent: Vec<Submission> = submissions(1000..1010)
            .into_iter()
            .filter(|s| s.form.workers.is_empty())
            .take(3)
            .collect();
        assert_eq!(sent.len(), 3);
        sent.extend(owners.iter().cloned());
        let results = app.batch_results(&device.token, &sent).await;
        assert!(results.iter().all(|r| r["outcome"] == "accepted"), "{results:?}");
        // A retry stores nothing twice.
        app.batch_results(&device.token, &sent).await;
        let admin = app.admin_token().await;
        let (status, disposition, csv) = download(&app, "/api/v1/workers.csv", &admin).await;
        assert_eq!(status, StatusCode::OK);
        assert!(disposition.contains("lindungi-pekerja-2026-06-15.csv"), "{disposition}");
        let (_, _, xlsx) = download(&app, "/api/v1/workers.xlsx", &admin).await;
        let csv = csv_cells(&csv);
        let xlsx = xlsx_cells(xlsx, "pekerja");
        assert_eq!(csv[0], WORKER_COLUMNS.iter().map(|c| c.header).collect::<Vec<_>>());
        same_cells(&csv, &xlsx, &["NO", "UPAH", "JUMLAH PEKERJA"]);
        let column = |name: &str| csv[0].iter().position(|h| h == name).unwrap();
        let mut expected = Vec::new();
        for owner in owners.iter().map(registration) {
            for worker in owner.workers() {
                expected.push((owner.clone(), worker.clone()));
            }
        }
        assert_eq!(csv.len() - 1, expected.len());
        let stats_workers: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM workers")
            .fetch_one(&app.db().pool).await.unwrap();
        assert_eq!(stats_workers.0, expected.len() as i64);
        for (row, (owner, worker)) in csv[1..].iter().zip(&expected) {
            assert_eq!(row[column("NIK")], worker.nik.as_str());
            assert_eq!(row[column("NAMA LENGKAP")], worker.full_name.as_str());
            assert_eq!(row[column("UPAH")], worker.wage.rupiah().0.to_string());
            assert_eq!(
                row[column("NO HP")],
                worker.phone.as_ref().map(|p| p.national()).unwrap_or_default()
            );
            assert_eq!(row[column("STATUS KEPESERTAAN")], "PU");
            assert_eq!(row[column("NIK PEMBERI KERJA")], owner.participant().nik().as_str());
            assert_eq!(row[column("NAMA PEMBERI KERJA")], owner.participant().full_name().as_str());
            assert_eq!(row[column("NAMA PERUSAHAAN")], owner.business().name.as_str());
            assert_eq!(row[column("ID REGISTRASI PEMBERI KERJA")], owner.id().as_str());
        }
        // Filtered by the owner's kelurahan.
        let kelurahan = owners.iter().map(registration).find_map(|r| r.address().kelurahan()).unwrap();
        let path = format!("/api/v1/workers.csv?kelurahan={}", kelurahan.code());
        let (_, _, filtered) = download(&app, &path, &admin).await;
        let filtered = csv_cells(&filtered);
        let want = expected.iter().filter(|(o, _)| o.address().kelurahan() == Some(kelurahan)).count();
        assert_eq!(filtered.len() - 1, want);
    }

    async fn a_bad_filter_is_a_400_that_says_which(backend) {
        let app = TestApp::new(backend).await;
        let admin = app.admin_token().await;
        for (query, names) in [
            ("from=kemarin", "`from`"),
            ("to=2026-13-01", "`to`"),
            ("kelurahan=Atlantis", "`kelurahan`"),
            ("from=2026-06-30&to=2026-06-01", "after"),
            ("from=2026-06-01&from=2026-06-02", "query"),
        ] {
            for list in ["export.csv", "export.xlsx", "workers.csv", "workers.xlsx"] {
                let path = format!("/api/v1/{list}?{query}");
                let (status, _, body) = app.call(Method::GET, &path, Some(&admin), None).await;
                assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
                assert_eq!(body["code"], "malformed", "{path}");
                assert!(body["message"].as_str().unwrap().contains(names), "{path}: {body}");
            }
        }
    }

    async fn the_hand_over_needs_an_admin_token_or_a_dashboard_session(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        for list in ["export.csv", "export.xlsx", "workers.csv", "workers.xlsx"] {
            let path = format!("/api/v1/{list}");
            let (status, _, _) = app.call(Method::GET, &path, None, None).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
            let (status, _, _) = app.call(Method::GET, &path, Some(&device.token), None).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{path} with a device token");
        }
        let admin = app.admin_token().await;
        let cookie = format!("lang=id; {}", app.session_cookie(&admin).await);
        let request = Request::get("/api/v1/workers.xlsx")
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap();
        assert_eq!(app.request(request).await.status(), StatusCode::OK);
        // A made-up session, or the admin token itself in the cookie, opens nothing.
        for forged in ["lindungi_session=lnd_ses_bm90LWEtdG9rZW4".to_owned(), format!("lindungi_session={admin}")] {
            let request = Request::get("/api/v1/export.csv")
                .header(header::COOKIE, forged)
                .body(Body::empty())
                .unwrap();
            assert_eq!(app.request(request).await.status(), StatusCode::UNAUTHORIZED);
        }
    }

    async fn a_koperasi_is_kept_once_with_its_latest_details(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let koperasi = testdata::koperasi_form(Kelurahan::Kauman);
        let mut members = submissions(2000..2003);
        for (i, member) in members.iter_mut().enumerate() {
            member.form.koperasi = domain::registration::KoperasiForm {
                member_number: format!("A-{i}"),
                ..koperasi.clone()
            };
        }
        members[2].form.koperasi.name = "Koperasi Merah Putih Kauman Baru".into();
        app.batch_results(&device.token, &members[..2]).await;
        app.batch_results(&device.token, &members[2..]).await;
        let rows: Vec<(String, String)> = sqlx::query_as("SELECT id, name FROM koperasi")
            .fetch_all(&app.db().pool).await.unwrap();
        assert_eq!(rows, [(koperasi.id.clone(), "Koperasi Merah Putih Kauman Baru".to_owned())]);
        let admin = app.admin_token().await;
        let (_, _, stats) = app.call(Method::GET, "/api/v1/stats", Some(&admin), None).await;
        let by_koperasi = stats["by_koperasi"].as_array().unwrap();
        assert_eq!(by_koperasi.len(), 1);
        assert_eq!(by_koperasi[0]["count"], 3);
        assert_eq!(by_koperasi[0]["kelurahan"], "Kauman");
        assert_eq!(by_koperasi[0]["id"], koperasi.id.as_str());
    }
}
