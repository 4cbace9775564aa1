//! The city's roster: imported through the real `import-roster` command (all rows or none),
//! matched to registrations by NIK, and counted against — on SQLite and PostgreSQL.

mod common;

use std::{collections::HashMap, path::Path, time::Instant};

use axum::http::{Method, StatusCode};
use clap::Parser;
use common::{TestApp, both_backends, submissions};
use domain::{
    Kelurahan, Registration,
    roster::{RosterBusinessType, RosterRow},
    testdata,
};
use lindungi_server::{
    cli::Cli,
    roster::{self, Refusal},
};
use serde_json::Value;

/// A roster file as the city's spreadsheet saves it: a header with an extra column, `sep`
/// between cells, and a byte-order mark if `bom`.
fn roster_file(rows: &[RosterRow], sep: u8, bom: bool) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(sep)
        .from_writer(if bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        });
    writer
        .write_record(["No", "NIK", "Nama Lengkap", "Kelurahan", "Jenis Usaha"])
        .unwrap();
    for (i, row) in rows.iter().enumerate() {
        writer
            .write_record([
                &(i + 1).to_string(),
                &row.nik,
                &row.full_name,
                &row.kelurahan,
                &row.business_type,
            ])
            .unwrap();
    }
    writer.into_inner().unwrap()
}

fn generated(range: std::ops::Range<u64>) -> Vec<RosterRow> {
    range.map(testdata::roster_row).collect()
}

/// Runs `lindungi-server import-roster FILE` against the app's database.
async fn import(app: &TestApp, file: &[u8]) -> anyhow::Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roster.csv");
    std::fs::write(&path, file).unwrap();
    import_path(app, &path).await
}

async fn import_path(app: &TestApp, path: &Path) -> anyhow::Result<()> {
    let url = app.state.config.database_url.clone();
    Cli::parse_from([
        "lindungi-server",
        "--database-url",
        &url,
        "import-roster",
        path.to_str().unwrap(),
    ])
    .run()
    .await
}

async fn roster_niks(app: &TestApp) -> Vec<String> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT nik FROM roster ORDER BY nik")
        .fetch_all(&app.db().pool)
        .await
        .unwrap();
    rows.into_iter().map(|(nik,)| nik).collect()
}

async fn stats(app: &TestApp) -> Value {
    let admin = app.admin_token().await;
    let (status, _, stats) = app
        .call(Method::GET, "/api/v1/stats", Some(&admin), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{stats}");
    stats
}

fn nik_of(row: &RosterRow) -> String {
    domain::Nik::parse(&row.nik).unwrap().as_str().to_owned()
}

#[test]
fn a_file_without_the_required_columns_is_refused_naming_them() {
    let file = b"NIK,Nama,Alamat\n3576014506900001,Siti,Jl. Mawar\n";
    assert_eq!(
        roster::read(file),
        Err(Refusal::MissingColumns(vec!["kelurahan", "jenis_usaha"]))
    );
    let report = Refusal::MissingColumns(vec!["kelurahan", "jenis_usaha"]).to_string();
    assert!(report.contains("kelurahan, jenis_usaha"), "{report}");
}

#[test]
fn a_semicolon_file_with_a_byte_order_mark_reads_like_a_comma_file() {
    let mut rows = generated(0..20);
    rows[3].full_name = "Sri Rahayu, S.E.".into();
    let comma = roster::read(&roster_file(&rows, b',', false)).unwrap();
    let semicolon = roster::read(&roster_file(&rows, b';', true)).unwrap();
    assert_eq!(comma.len(), 20);
    assert_eq!(comma, semicolon);
    assert_eq!(semicolon[3].full_name.as_str(), "Sri Rahayu, S.E.");
}

#[test]
fn trailing_rows_of_empty_cells_are_not_entries() {
    let mut file = roster_file(&generated(0..3), b';', false);
    file.extend_from_slice(b";;;;\n;;;;\n");
    assert_eq!(roster::read(&file).unwrap().len(), 3);
}

#[test]
fn every_bad_row_is_reported_by_line_without_its_content() {
    let mut rows = generated(0..12);
    rows[2].nik = "35760112".into(); // line 4
    rows[6].kelurahan = "Atlantis".into(); // line 8
    rows[6].full_name = String::new();
    rows[9].nik = rows[0].nik.clone(); // line 11: a NIK already on line 2
    let Err(Refusal::BadRows(bad)) = roster::read(&roster_file(&rows, b',', false)) else {
        panic!("the file was not refused");
    };
    let lines: Vec<usize> = bad.iter().map(|b| b.line).collect();
    assert_eq!(lines, [4, 8, 11]);
    let report = Refusal::BadRows(bad).to_string();
    assert_eq!(report.lines().count(), 3, "{report}");
    assert!(report.contains("line 4: nik:"), "{report}");
    assert!(report.contains("line 8: nama:") && report.contains("kelurahan.unknown"));
    assert!(report.contains("roster.duplicate_nik"), "{report}");
    assert!(!report.contains(&rows[0].nik) && !report.contains("Atlantis"));
}

both_backends! {
    async fn a_good_roster_file_is_loaded_whole_and_becomes_the_target(backend) {
        let app = TestApp::new(backend).await;
        let rows = generated(0..150);
        import(&app, &roster_file(&rows, b';', true)).await.unwrap();
        let mut expected: Vec<String> = rows.iter().map(nik_of).collect();
        expected.sort();
        assert_eq!(roster_niks(&app).await, expected);
        let stats = stats(&app).await;
        assert_eq!(stats["roster_size"], 150);
        assert_eq!(stats["target"], 150);
        assert_eq!(stats["not_covered"], 150);
        // A new list replaces the old one: the city's list is the current list.
        import(&app, &roster_file(&generated(1000..1010), b',', false)).await.unwrap();
        assert_eq!(roster_niks(&app).await.len(), 10);
    }

    async fn a_file_with_bad_rows_is_refused_and_the_earlier_roster_stays(backend) {
        let app = TestApp::new(backend).await;
        let first = generated(0..50);
        import(&app, &roster_file(&first, b',', false)).await.unwrap();
        let before = roster_niks(&app).await;
        let mut bad = generated(100..160);
        bad[3].nik = "12345".into();
        bad[40].kelurahan = "Kelurahan Antah Berantah".into();
        let error = import(&app, &roster_file(&bad, b',', false)).await.unwrap_err();
        assert!(error.to_string().contains("2 bad rows"), "{error}");
        assert!(error.to_string().contains("nothing was imported"), "{error}");
        assert_eq!(roster_niks(&app).await, before);
        // A file with a missing column is refused the same way.
        let error = import(&app, b"nik;nama\n3576014506900001;Siti\n").await.unwrap_err();
        assert!(error.to_string().contains("nothing was imported"), "{error}");
        assert_eq!(roster_niks(&app).await, before);
    }

    async fn registrations_are_matched_to_the_roster_by_nik(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let sent = submissions(0..6);
        let results = app.batch_results(&device.token, &sent).await;
        assert!(results.iter().all(|r| r["outcome"] == "accepted"), "{results:?}");
        // The roster knows the first four, typed with spaces as a spreadsheet may hold them.
        let mut rows = generated(0..20);
        for (row, submission) in rows.iter_mut().zip(&sent[..4]) {
            let nik = Registration::from_submission(submission, testdata::REFERENCE_TODAY)
                .unwrap()
                .participant()
                .nik()
                .as_str()
                .to_owned();
            row.nik = format!("{} {} {} {}", &nik[..4], &nik[4..8], &nik[8..12], &nik[12..]);
        }
        import(&app, &roster_file(&rows, b',', false)).await.unwrap();
        let stats = stats(&app).await;
        assert_eq!(stats["total"], 6);
        assert_eq!(stats["covered"], 4);
        assert_eq!(stats["not_covered"], 16);
        assert_eq!(stats["not_on_roster"], 2);
        assert_eq!(stats["progress"], 4);
        assert_eq!(stats["percent_of_target"], 20.0);
    }

    async fn the_stats_against_a_roster_of_32051_add_up_by_region_and_business_type(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let sent = submissions(0..90);
        let registered: Vec<Registration> = sent
            .iter()
            .map(|s| Registration::from_submission(s, testdata::REFERENCE_TODAY).unwrap())
            .collect();
        // 60 of the 90 are on the roster, at rows spread through it; 30 are not.
        let mut rows = generated(0..32_051);
        for (i, registration) in registered.iter().take(60).enumerate() {
            rows[i * 531 + 7].nik = registration.participant().nik().as_str().to_owned();
        }
        let on_roster: HashMap<String, &RosterRow> = rows.iter().map(|r| (nik_of(r), r)).collect();
        assert_eq!(on_roster.len(), 32_051, "the generated roster repeats a NIK");

        // Half sent before the import, half after: matching does not depend on the order.
        let first = app.batch_results(&device.token, &sent[..45]).await;
        let started = Instant::now();
        import(&app, &roster_file(&rows, b';', true)).await.unwrap();
        let import_time = started.elapsed();
        let second = app.batch_results(&device.token, &sent[45..]).await;
        assert!(first.iter().chain(&second).all(|r| r["outcome"] == "accepted"));

        let started = Instant::now();
        let stats = stats(&app).await;
        let stats_time = started.elapsed();
        eprintln!(
            "{backend:?}: import of 32,051 rows {import_time:?}; stats {stats_time:?}"
        );

        // What the roster and the registrations say, counted here independently.
        let mut expected_kelurahan: HashMap<&str, (i64, i64)> = HashMap::new();
        let mut expected_kecamatan: HashMap<&str, (i64, i64)> = HashMap::new();
        let mut expected_type: HashMap<String, (i64, i64)> = HashMap::new();
        let registered_niks: Vec<&str> =
            registered.iter().map(|r| r.participant().nik().as_str()).collect();
        for (nik, row) in &on_roster {
            let kelurahan = Kelurahan::parse(&row.kelurahan).unwrap();
            let covered = i64::from(registered_niks.contains(&nik.as_str()));
            for (map, key) in [
                (&mut expected_kelurahan, kelurahan.code()),
                (&mut expected_kecamatan, kelurahan.kecamatan().code()),
            ] {
                let entry = map.entry(key).or_default();
                entry.0 += 1;
                entry.1 += covered;
            }
            let kind = RosterBusinessType::read(&row.business_type).unwrap().as_str().to_owned();
            let entry = expected_type.entry(kind).or_default();
            entry.0 += 1;
            entry.1 += covered;
        }

        assert_eq!(stats["target"], 32_051);
        assert_eq!(stats["roster_size"], 32_051);
        assert_eq!(stats["total"], 90);
        assert_eq!(stats["covered"], 60);
        assert_eq!(stats["not_covered"], 32_051 - 60);
        assert_eq!(stats["not_on_roster"], 30);
        assert_eq!(stats["progress"], 60);
        assert_eq!(stats["percent_of_target"], 0.19);
        for (field, expected, count) in [
            ("coverage_by_kelurahan", &expected_kelurahan, 18),
            ("coverage_by_kecamatan", &expected_kecamatan, 3),
        ] {
            let regions = stats[field].as_array().unwrap();
            assert_eq!(regions.len(), count, "{field}: every region, zeros included");
            for region in regions {
                let code = region["code"].as_str().unwrap();
                let (on_roster, covered) = expected.get(code).copied().unwrap_or((0, 0));
                assert_eq!(region["on_roster"], on_roster, "{field} {code}");
                assert_eq!(region["covered"], covered, "{field} {code}");
                assert_eq!(region["not_covered"], on_roster - covered, "{field} {code}");
            }
            let sum = |key: &str| regions.iter().map(|r| r[key].as_i64().unwrap()).sum::<i64>();
            assert_eq!(sum("on_roster"), 32_051, "{field}");
            assert_eq!(sum("covered"), 60, "{field}");
        }
        let types = stats["coverage_by_business_type"].as_array().unwrap();
        assert_eq!(types.len(), expected_type.len());
        for t in types {
            let (on_roster, covered) = expected_type[t["business_type"].as_str().unwrap()];
            assert_eq!(t["on_roster"], on_roster);
            assert_eq!(t["covered"], covered);
            assert_eq!(t["not_covered"], on_roster - covered);
        }
        // Largest first.
        let sizes: Vec<i64> = types.iter().map(|t| t["on_roster"].as_i64().unwrap()).collect();
        assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
    }
}
