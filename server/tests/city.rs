//! What the city gets: coverage figures and the hand-over CSV — on SQLite and PostgreSQL.

mod common;

use axum::http::{Method, Request, StatusCode, header};
use common::{TestApp, both_backends, submissions, text_of};
use domain::{Kelurahan, testdata};
use lindungi_server::export::COLUMNS;

both_backends! {
    async fn the_stats_count_registrations_by_region_type_and_koperasi_against_the_target(backend) {
        let app = TestApp::with_config(backend, |c| c.target = 200).await;
        let device = app.enroll("Petugas Satu").await;
        let sent = submissions(0..40);
        let results = app.batch_results(&device.token, &sent).await;
        let accepted: Vec<_> = sent
            .iter()
            .zip(&results)
            .filter(|(_, r)| r["outcome"] == "accepted")
            .map(|(s, _)| domain::Registration::from_submission(s, testdata::REFERENCE_TODAY).unwrap())
            .collect();
        let admin = app.admin_token().await;
        let (status, _, stats) = app.call(Method::GET, "/api/v1/stats", Some(&admin), None).await;
        assert_eq!(status, StatusCode::OK, "{stats}");
        let total = accepted.len() as i64;
        assert_eq!(stats["target"], 200);
        assert_eq!(stats["total"], total);
        assert_eq!(stats["percent_of_target"], (total as f64 * 100.0 / 200.0 * 100.0).round() / 100.0);
        assert_eq!(stats["by_kelurahan"].as_array().unwrap().len(), 18);
        assert_eq!(stats["by_kecamatan"].as_array().unwrap().len(), 3);
        let kauman = accepted.iter().filter(|r| r.address().kelurahan() == Some(Kelurahan::Kauman)).count();
        let row = stats["by_kelurahan"].as_array().unwrap().iter()
            .find(|k| k["code"] == Kelurahan::Kauman.code()).unwrap();
        assert_eq!(row["count"], kauman as i64);
        assert_eq!(row["name"], "Kauman");
        let outside = accepted.iter().filter(|r| r.address().kelurahan().is_none()).count() as i64;
        assert_eq!(stats["outside_city"], outside);
        let in_kecamatan: i64 = stats["by_kecamatan"].as_array().unwrap().iter().map(|k| k["count"].as_i64().unwrap()).sum();
        assert_eq!(in_kecamatan + outside, total);
        let by_type: i64 = stats["by_business_type"].as_array().unwrap().iter().map(|k| k["count"].as_i64().unwrap()).sum();
        assert_eq!(by_type, total);
        let via_koperasi = accepted.iter().filter(|r| r.koperasi().is_some()).count() as i64;
        let by_koperasi: i64 = stats["by_koperasi"].as_array().unwrap().iter().map(|k| k["count"].as_i64().unwrap()).sum();
        assert_eq!(by_koperasi, via_koperasi);
        assert_eq!(stats["without_koperasi"], total - via_koperasi);
    }

    async fn the_default_target_is_the_citys_32051(backend) {
        let app = TestApp::new(backend).await;
        let admin = app.admin_token().await;
        let (_, _, stats) = app.call(Method::GET, "/api/v1/stats", Some(&admin), None).await;
        assert_eq!(stats["target"], 32_051);
        assert_eq!(stats["total"], 0);
    }

    async fn the_export_has_the_hand_over_columns_and_one_row_per_registration(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        app.batch_results(&device.token, &submissions(0..5)).await;
        let admin = app.admin_token().await;
        let request = Request::get("/api/v1/export.csv")
            .header(header::AUTHORIZATION, format!("Bearer {admin}"))
            .body(axum::body::Body::empty())
            .unwrap();
        let (status, headers, csv) = text_of(app.request(request).await).await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/csv"));
        assert!(headers[header::CONTENT_DISPOSITION].to_str().unwrap().contains("lindungi-bpu-2026-06-15.csv"));
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
        assert_eq!(headers, COLUMNS.iter().map(|c| c.header).collect::<Vec<_>>());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 5);
        let first = testdata::registration(0);
        let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
        assert_eq!(&rows[0][column("NO")], "1");
        assert_eq!(&rows[0][column("NIK")], first.participant().nik().as_str());
        assert_eq!(&rows[0][column("NAMA LENGKAP")], first.participant().full_name().as_str());
        assert_eq!(&rows[0][column("NO TANDA TERIMA")], "MJK-2026-000001");
        assert_eq!(&rows[0][column("NO HP")], first.participant().phone().national());
        assert_eq!(&rows[0][column("STATUS KEPESERTAAN")], "BPU");
    }

    async fn a_cell_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let mut sneaky = testdata::submission(3);
        sneaky.form.business.name = "=HYPERLINK(\"http://x\",\"klik\")".into();
        sneaky.form.business.location = "+62 Pasar, los 1".into();
        sneaky.form.koperasi = domain::registration::KoperasiForm {
            name: "@Koperasi Sejahtera".into(),
            member_number: "-5".into(),
            ..testdata::koperasi_form(domain::Kelurahan::ALL[0])
        };
        let results = app.batch_results(&device.token, &[sneaky]).await;
        assert_eq!(results[0]["outcome"], "accepted", "{results:?}");
        let admin = app.admin_token().await;
        let request = Request::get("/api/v1/export.csv")
            .header(header::AUTHORIZATION, format!("Bearer {admin}"))
            .body(axum::body::Body::empty())
            .unwrap();
        let (_, _, csv) = text_of(app.request(request).await).await;
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
        let row = reader.records().next().unwrap().unwrap();
        let cell = |name: &str| row[headers.iter().position(|h| h == name).unwrap()].to_owned();
        assert_eq!(cell("NAMA USAHA"), "'=HYPERLINK(\"http://x\",\"klik\")");
        assert_eq!(cell("NAMA PERUSAHAAN"), "'@Koperasi Sejahtera");
        assert_eq!(cell("NO ANGGOTA KOPERASI"), "'-5");
        for field in row.iter() {
            assert!(!field.starts_with(['=', '+', '-', '@']), "{field}");
        }
    }
}
