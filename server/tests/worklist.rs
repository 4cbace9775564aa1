//! The worklist (`GET /api/v1/worklist`): exactly the area's uncovered roster entries and the
//! NIKs registered there; a cursor that returns only what changed (after registrations, after a
//! roster re-import that adds, changes, moves and removes entries); nothing of another area;
//! pages that join up to the whole list exactly once; gzip when asked — on SQLite and
//! PostgreSQL, through the real `import-roster` and `assign-officer` commands.

mod common;

use std::{
    collections::{BTreeMap, BTreeSet},
    io::Read,
};

use axum::{
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use clap::Parser;
use common::{Backend, Enrolled, TestApp, both_backends, fresh_database};
use domain::{
    Kelurahan, Nik, Registration,
    roster::RosterRow,
    testdata,
    wire::{
        Submission,
        worklist::{Area, WorklistPage, WorklistState},
    },
};
use http_body_util::BodyExt;
use lindungi_server::cli::Cli;

/// A roster file with the optional columns, as a city spreadsheet saves it.
fn roster_file(rows: &[RosterRow]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    writer
        .write_record([
            "NIK",
            "Nama",
            "Kelurahan",
            "Jenis Usaha",
            "Alamat",
            "Nama Pasar",
        ])
        .unwrap();
    for row in rows {
        writer
            .write_record([
                &row.nik,
                &row.full_name,
                &row.kelurahan,
                &row.business_type,
                &row.address,
                &row.market,
            ])
            .unwrap();
    }
    writer.into_inner().unwrap()
}

async fn run(app: &TestApp, args: &[&str]) -> anyhow::Result<()> {
    let url = app.state.config.database_url.clone();
    let mut all = vec!["lindungi-server", "--database-url", &url];
    all.extend_from_slice(args);
    Cli::parse_from(all).run().await
}

async fn import(app: &TestApp, rows: &[RosterRow]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roster.csv");
    std::fs::write(&path, roster_file(rows)).unwrap();
    run(app, &["import-roster", path.to_str().unwrap()])
        .await
        .unwrap();
}

async fn assign(app: &TestApp, officer: i64, area: &[&str]) {
    let id = officer.to_string();
    let mut args = vec!["assign-officer", &id];
    args.extend_from_slice(area);
    run(app, &args).await.unwrap();
}

/// One page, read through the domain's own type (which parses every NIK and name again).
async fn page(
    app: &TestApp,
    token: &str,
    cursor: Option<&str>,
    limit: Option<u32>,
) -> WorklistPage {
    let (status, body) = get(app, token, cursor, limit).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_value(body).unwrap()
}

async fn get(
    app: &TestApp,
    token: &str,
    cursor: Option<&str>,
    limit: Option<u32>,
) -> (StatusCode, serde_json::Value) {
    let mut path = "/api/v1/worklist?".to_owned();
    if let Some(cursor) = cursor {
        path.push_str(&format!("cursor={cursor}&"));
    }
    if let Some(limit) = limit {
        path.push_str(&format!("limit={limit}"));
    }
    let (status, _, body) = app.call(Method::GET, &path, Some(token), None).await;
    (status, body)
}

/// Every page from `state`'s cursor on, applied; the pages.
async fn sync(
    app: &TestApp,
    token: &str,
    state: &mut WorklistState,
    limit: Option<u32>,
) -> Vec<WorklistPage> {
    let mut pages = Vec::new();
    loop {
        let next = page(app, token, state.cursor.as_deref(), limit).await;
        state.apply(next.clone());
        let more = next.more;
        pages.push(next);
        if !more {
            return pages;
        }
        assert!(pages.len() < 1000, "the pages never end");
    }
}

/// A fresh copy of the area, from no cursor.
async fn fresh(app: &TestApp, token: &str) -> WorklistState {
    let mut state = WorklistState::default();
    sync(app, token, &mut state, None).await;
    state
}

fn nik(text: &str) -> Nik {
    Nik::parse(text).unwrap()
}

fn registration(submission: &Submission) -> Registration {
    Registration::from_submission(submission, testdata::REFERENCE_TODAY).unwrap()
}

/// Generated submissions of people living in `kelurahan`.
fn living_in(kelurahan: Kelurahan, seeds: std::ops::Range<u64>) -> Vec<Submission> {
    seeds
        .map(testdata::submission)
        .filter(|s| !s.form.address.outside_city)
        .map(|mut s| {
            s.form.address.kelurahan = kelurahan.code().to_owned();
            s
        })
        .collect()
}

/// What the area's copy must hold, worked out here from the roster and the registrations.
struct Expected {
    open: BTreeSet<Nik>,
    registered: BTreeSet<Nik>,
}

fn expected(roster: &[RosterRow], registered: &[Registration], area: &[Kelurahan]) -> Expected {
    let registered_niks: BTreeMap<Nik, Option<Kelurahan>> = registered
        .iter()
        .map(|r| (*r.participant().nik(), r.address().kelurahan()))
        .collect();
    let in_area = |row: &RosterRow| area.contains(&Kelurahan::parse(&row.kelurahan).unwrap());
    let open = roster
        .iter()
        .filter(|row| in_area(row) && !registered_niks.contains_key(&nik(&row.nik)))
        .map(|row| nik(&row.nik))
        .collect();
    let on_area_roster: BTreeSet<Nik> = roster
        .iter()
        .filter(|row| in_area(row))
        .map(|row| nik(&row.nik))
        .collect();
    let registered = registered_niks
        .iter()
        .filter(|(n, k)| on_area_roster.contains(n) || k.is_some_and(|k| area.contains(&k)))
        .map(|(n, _)| *n)
        .collect();
    Expected { open, registered }
}

fn open_niks(state: &WorklistState) -> BTreeSet<Nik> {
    state.entries.values().map(|e| e.nik).collect()
}

fn registered_niks(state: &WorklistState) -> BTreeSet<Nik> {
    state.registered.keys().copied().collect()
}

/// A roster of 300 generated rows whose first `registered.len()` rows are the NIKs of
/// `registered`, each in `kelurahan[i % len]`.
fn roster_with(registered: &[Registration], kelurahan: &[Kelurahan]) -> Vec<RosterRow> {
    let mut rows: Vec<RosterRow> = (0..300).map(testdata::roster_row).collect();
    for (i, r) in registered.iter().enumerate() {
        rows[i].nik = r.participant().nik().as_str().to_owned();
        rows[i].kelurahan = kelurahan[i % kelurahan.len()].name().to_owned();
    }
    rows
}

/// An officer with one enrolled phone.
async fn officer(app: &TestApp, name: &str) -> Enrolled {
    app.enroll(name).await
}

both_backends! {
    async fn the_worklist_answers_exactly_the_areas_uncovered_entries_and_registered_niks(backend) {
        let app = TestApp::new(backend).await;
        let field = officer(&app, "Sri Kauman").await;
        let other = officer(&app, "Budi Miji").await;
        // Eight people registered by the other officer: four on the roster in Kauman, two on it
        // in Miji; two more living in Kauman but not on the roster.
        let sent: Vec<Submission> = living_in(Kelurahan::Miji, 0..40).into_iter().take(6)
            .chain(living_in(Kelurahan::Kauman, 100..140).into_iter().take(2))
            .collect();
        let results = app.batch_results(&other.token, &sent).await;
        assert!(results.iter().all(|r| r["outcome"] == "accepted"), "{results:?}");
        let registered: Vec<Registration> = sent.iter().map(registration).collect();
        let mut roster = roster_with(&registered[..6], &[Kelurahan::Kauman]);
        roster[4].kelurahan = "Miji".into();
        roster[5].kelurahan = "35.76.03.1002".into();
        import(&app, &roster).await;
        assign(&app, field.officer_id, &["--kelurahan", "Kauman"]).await;

        let first = page(&app, &field.token, None, None).await;
        assert!(first.reset && !first.more);
        assert_eq!(first.area, Area::of_kelurahan([Kelurahan::Kauman]));
        let mut state = WorklistState::default();
        state.apply(first.clone());
        let want = expected(&roster, &registered, &[Kelurahan::Kauman]);
        assert_eq!(open_niks(&state), want.open);
        assert_eq!(registered_niks(&state), want.registered);
        assert_eq!(first.entries.len(), want.open.len(), "each entry once");
        assert_eq!(first.open_total, want.open.len() as u64);
        assert!(want.open.len() > 5 && want.registered.len() == 6, "{}", want.registered.len());
        // Each entry as the roster has it, address and market included.
        let by_nik: BTreeMap<Nik, &RosterRow> = roster.iter().map(|r| (nik(&r.nik), r)).collect();
        for entry in &first.entries {
            let row = by_nik[&entry.nik];
            assert_eq!(entry.name.as_str(), row.full_name);
            assert_eq!(entry.kelurahan, Kelurahan::Kauman);
            assert_eq!(entry.address.as_ref().map(|a| a.as_str()).unwrap_or(""), row.address);
            assert_eq!(entry.market.as_ref().map(|m| m.as_str()).unwrap_or(""), row.market);
        }
        assert!(first.entries.iter().any(|e| e.market.is_some()));
        // The registered NIKs carry their receipts and day.
        for r in &first.registered {
            let i = registered.iter().position(|g| g.participant().nik() == &r.nik).unwrap();
            assert_eq!(r.receipt.to_string(), results[i]["receipt"].as_str().unwrap());
            assert_eq!(r.registered_on, testdata::REFERENCE_TODAY);
        }
    }

    async fn the_cursor_returns_only_changes_after_registrations_and_a_re_import(backend) {
        let app = TestApp::new(backend).await;
        let field = officer(&app, "Sri Kauman").await;
        let other = officer(&app, "Budi").await;
        // Ten people the roster lists in Kauman, none registered yet.
        let people = living_in(Kelurahan::Wates, 0..60);
        let people_registrations: Vec<Registration> = people.iter().map(registration).collect();
        let mut roster = roster_with(&people_registrations[..10], &[Kelurahan::Kauman]);
        import(&app, &roster).await;
        assign(&app, field.officer_id, &["--kelurahan", "Kauman"]).await;
        let mut state = fresh(&app, &field.token).await;
        let open_before = state.entries.len();

        // Nothing changed: nothing sent.
        let idle = page(&app, &field.token, state.cursor.as_deref(), None).await;
        assert!(!idle.reset && !idle.more);
        assert!(idle.entries.is_empty() && idle.removed.is_empty() && idle.registered.is_empty());

        // Three registrations: two of Kauman roster entries, one of someone elsewhere.
        let covered_ids: Vec<u64> = state.entries.values()
            .filter(|e| e.nik == *people_registrations[0].participant().nik()
                || e.nik == *people_registrations[1].participant().nik())
            .map(|e| e.id)
            .collect();
        assert_eq!(covered_ids.len(), 2);
        let elsewhere = living_in(Kelurahan::Wates, 200..260).remove(0);
        let results = app.batch_results(
            &other.token,
            &[people[0].clone(), people[1].clone(), elsewhere.clone()],
        ).await;
        assert!(results.iter().all(|r| r["outcome"] == "accepted"), "{results:?}");
        let changes = page(&app, &field.token, state.cursor.as_deref(), None).await;
        assert!(!changes.reset);
        assert!(changes.entries.is_empty(), "{:?}", changes.entries);
        let mut removed = changes.removed.clone();
        removed.sort();
        let mut want_removed = covered_ids.clone();
        want_removed.sort();
        assert_eq!(removed, want_removed);
        let sent: BTreeSet<Nik> = changes.registered.iter().map(|r| r.nik).collect();
        assert_eq!(sent, people_registrations[..2].iter().map(|r| *r.participant().nik()).collect());
        state.apply(changes);
        assert_eq!(state.entries.len(), open_before - 2);

        // A re-import: 5 new Kauman entries, one renamed, one moved to Miji, one dropped, one
        // of the covered ones dropped; everything else as it was.
        let kauman: Vec<usize> = (10..roster.len())
            .filter(|i| Kelurahan::parse(&roster[*i].kelurahan).unwrap() == Kelurahan::Kauman)
            .collect();
        let (renamed, moved, dropped) = (kauman[0], kauman[1], kauman[2]);
        let id_of = |state: &WorklistState, row: &RosterRow| {
            state.entries.values().find(|e| e.nik == nik(&row.nik)).map(|e| e.id)
        };
        let renamed_id = id_of(&state, &roster[renamed]).unwrap();
        let kept_row = roster[kauman[3]].clone();
        let kept_id = id_of(&state, &kept_row).unwrap();
        let moved_id = id_of(&state, &roster[moved]).unwrap();
        let dropped_id = id_of(&state, &roster[dropped]).unwrap();
        roster[renamed].full_name = "Siti Rahayu Baru".into();
        roster[moved].kelurahan = "Miji".into();
        let dropped_row = roster.remove(dropped);
        roster.remove(0); // covered: already off the phone's open list
        let mut added: Vec<RosterRow> = (5000..5100).map(testdata::roster_row)
            .filter(|r| Kelurahan::parse(&r.kelurahan).unwrap() == Kelurahan::Kauman)
            .take(5)
            .collect();
        assert_eq!(added.len(), 5);
        roster.append(&mut added);
        // And the person registered elsewhere turns out to be on the Kauman list: already
        // covered, so a registered NIK for the phone, not an entry.
        let elsewhere_nik = *registration(&elsewhere).participant().nik();
        roster.push(RosterRow {
            nik: elsewhere_nik.as_str().to_owned(),
            kelurahan: "Kauman".into(),
            ..testdata::roster_row(9000)
        });
        import(&app, &roster).await;

        let changes = page(&app, &field.token, state.cursor.as_deref(), None).await;
        assert!(!changes.reset);
        assert_eq!(changes.entries.len(), 6, "five new and one renamed: {:?}", changes.entries);
        let renamed_entry = changes.entries.iter().find(|e| e.id == renamed_id).unwrap();
        assert_eq!(renamed_entry.name.as_str(), "Siti Rahayu Baru");
        assert!(changes.removed.contains(&moved_id) && changes.removed.contains(&dropped_id));
        let registered: Vec<Nik> = changes.registered.iter().map(|r| r.nik).collect();
        assert_eq!(registered, [elsewhere_nik]);
        state.apply(changes);
        assert!(state.entries.values().all(|e| e.nik != nik(&dropped_row.nik)));
        // The incremental copy is exactly what a first sync gives now; a registered NIK whose
        // roster row left stays known (it is still registered), until the next reset.
        let now = fresh(&app, &field.token).await;
        assert_eq!(state.entries, now.entries);
        let extra: Vec<Nik> =
            registered_niks(&state).difference(&registered_niks(&now)).copied().collect();
        assert_eq!(extra, [*people_registrations[0].participant().nik()]);
        // An unchanged entry kept its id across the re-import.
        assert_eq!(now.entries.get(&kept_id).map(|e| e.nik), Some(nik(&kept_row.nik)));
        let officer_in_miji = officer(&app, "Budi Miji").await;
        assign(&app, officer_in_miji.officer_id, &["--kelurahan", "Miji"]).await;
        let miji = fresh(&app, &officer_in_miji.token).await;
        assert_eq!(miji.entries.get(&moved_id).map(|e| e.kelurahan), Some(Kelurahan::Miji));
    }

    async fn an_officer_of_another_area_gets_none_of_it_and_an_unassigned_one_nothing(backend) {
        let app = TestApp::new(backend).await;
        let kauman = officer(&app, "Sri Kauman").await;
        let miji = officer(&app, "Budi Miji").await;
        let nobody = officer(&app, "Tanpa Wilayah").await;
        let city = officer(&app, "Koordinator").await;
        let sent = living_in(Kelurahan::Kauman, 0..20);
        app.batch_results(&kauman.token, &sent).await;
        let roster: Vec<RosterRow> = (0..300).map(testdata::roster_row).collect();
        import(&app, &roster).await;
        assign(&app, kauman.officer_id, &["--kelurahan", "Kauman"]).await;
        assign(&app, miji.officer_id, &["--kelurahan", "miji"]).await;
        assign(&app, city.officer_id, &["--whole-city"]).await;

        let kauman_list = fresh(&app, &kauman.token).await;
        let miji_list = fresh(&app, &miji.token).await;
        assert!(!kauman_list.entries.is_empty() && !miji_list.entries.is_empty());
        assert!(miji_list.entries.values().all(|e| e.kelurahan == Kelurahan::Miji));
        let shared: Vec<_> = open_niks(&kauman_list).intersection(&open_niks(&miji_list)).copied().collect();
        assert!(shared.is_empty());
        // Registrations of Kauman residents reach the Kauman list only.
        assert_eq!(registered_niks(&kauman_list).len(), sent.len());
        assert!(registered_niks(&miji_list).is_empty());

        let empty = page(&app, &nobody.token, None, None).await;
        assert_eq!(empty.area, Area::Unassigned);
        assert!(empty.entries.is_empty() && empty.registered.is_empty() && !empty.more);
        assert_eq!(empty.open_total, 0);
        let json = serde_json::to_value(&empty).unwrap();
        assert_eq!(json["area"]["kind"], "unassigned", "a reason the app can show");

        let whole = fresh(&app, &city.token).await;
        assert_eq!(whole.entries.len(), roster.len());
        assert_eq!(whole.registered.len(), sent.len());
    }

    async fn a_revoked_device_or_officer_gets_401_and_a_changed_area_starts_over(backend) {
        let app = TestApp::new(backend).await;
        let field = officer(&app, "Sri").await;
        let second = app.enroll_with_code(
            &lindungi_server::officers::create_officer(app.db(), "Sri", 7, true, app.now())
                .await.unwrap().code,
        ).await;
        import(&app, &(0..100).map(testdata::roster_row).collect::<Vec<_>>()).await;
        assign(&app, field.officer_id, &["--kelurahan", "Kauman"]).await;
        let state = fresh(&app, &field.token).await;
        assign(&app, field.officer_id, &["--kelurahan", "Kauman,Blooto"]).await;
        let over = page(&app, &field.token, state.cursor.as_deref(), None).await;
        assert!(over.reset, "another area: the copy starts over");
        assert!(over.entries.iter().any(|e| e.kelurahan == Kelurahan::Blooto));

        run(&app, &["revoke-device", &field.device_id.to_string()]).await.unwrap();
        let (status, body) = get(&app, &field.token, None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
        assert_eq!(body["code"], "unauthorized");
        let (status, _) = get(&app, &second.token, None, None).await;
        assert_eq!(status, StatusCode::OK);
        run(&app, &["revoke-officer", &field.officer_id.to_string()]).await.unwrap();
        let (status, _) = get(&app, &second.token, None, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }

    async fn pages_join_up_to_the_whole_list_exactly_once(backend) {
        let app = TestApp::new(backend).await;
        let field = officer(&app, "Sri").await;
        let other = officer(&app, "Budi").await;
        let sent = living_in(Kelurahan::Kauman, 0..60);
        app.batch_results(&other.token, &sent[..15]).await;
        import(&app, &(0..400).map(testdata::roster_row).collect::<Vec<_>>()).await;
        assign(&app, field.officer_id, &["--kelurahan", "Kauman,Miji"]).await;
        let whole = fresh(&app, &field.token).await;

        let mut paged = WorklistState::default();
        let pages = sync(&app, &field.token, &mut paged, Some(7)).await;
        assert!(pages.len() > 5, "{} pages", pages.len());
        assert!(pages[0].reset && pages[1..].iter().all(|p| !p.reset));
        let mut seen = BTreeSet::new();
        for p in &pages {
            assert!(p.entries.len() + p.registered.len() <= 7);
            for e in &p.entries {
                assert!(seen.insert(e.id), "entry {} sent twice", e.id);
            }
        }
        assert_eq!(paged.entries, whole.entries);
        assert_eq!(registered_niks(&paged), registered_niks(&whole));
        assert_eq!(seen.len(), whole.entries.len());
        assert_eq!(pages.last().unwrap().open_total, whole.entries.len() as u64);

        // Changes while paging arrive too: a batch between two pages.
        let mut state = WorklistState::default();
        let first = page(&app, &field.token, None, Some(5)).await;
        state.apply(first);
        app.batch_results(&other.token, &sent[15..]).await;
        sync(&app, &field.token, &mut state, Some(5)).await;
        let now = fresh(&app, &field.token).await;
        assert_eq!(state.entries, now.entries);
        assert_eq!(registered_niks(&state), registered_niks(&now));
    }

    async fn the_answer_is_gzip_when_asked_and_a_bad_query_is_a_400(backend) {
        let app = TestApp::new(backend).await;
        let field = officer(&app, "Sri").await;
        import(&app, &(0..600).map(testdata::roster_row).collect::<Vec<_>>()).await;
        assign(&app, field.officer_id, &["--whole-city"]).await;
        let fetch = |gzip: bool| {
            let mut request = Request::get("/api/v1/worklist")
                .header(header::AUTHORIZATION, format!("Bearer {}", field.token));
            if gzip {
                request = request.header(header::ACCEPT_ENCODING, "gzip");
            }
            app.request(request.body(Body::empty()).unwrap())
        };
        let plain = fetch(false).await;
        assert_eq!(plain.status(), StatusCode::OK);
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        let plain = plain.into_body().collect().await.unwrap().to_bytes();
        let zipped = fetch(true).await;
        assert_eq!(zipped.headers()[header::CONTENT_ENCODING], "gzip");
        assert!(zipped.headers()[header::VARY].to_str().unwrap().contains("accept-encoding"));
        let zipped = zipped.into_body().collect().await.unwrap().to_bytes();
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&zipped[..]).read_to_end(&mut unzipped).unwrap();
        assert_eq!(unzipped, plain);
        assert!(zipped.len() * 3 < plain.len(), "{} of {} bytes", zipped.len(), plain.len());

        for (cursor, limit) in [(Some("not-a-cursor"), None), (None, Some(0)), (None, Some(10_001))] {
            let (status, body) = get(&app, &field.token, cursor, limit).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{cursor:?} {limit:?}: {body}");
            assert_eq!(body["code"], "malformed");
        }
        let (status, _, _) = app.call(Method::GET, "/api/v1/worklist?limit=lots", Some(&field.token), None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }

    async fn a_roster_loaded_before_the_worklist_gets_stable_ids_and_serves_the_list(backend) {
        // A database at migration 5, with a roster imported the way the endpoint did then.
        let (url, db) = fresh_database(backend).await;
        let rows: Vec<RosterRow> = (0..50).map(testdata::roster_row).collect();
        {
            let url = match backend {
                Backend::Sqlite => format!("{url}?mode=rwc"),
                Backend::Postgres => url.clone(),
            };
            sqlx::any::install_default_drivers();
            let pool = sqlx::AnyPool::connect(&url).await.unwrap();
            let migrator = match backend {
                Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
                Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
            };
            migrator.run_to(5, &pool).await.unwrap();
            for row in &rows {
                let k = Kelurahan::parse(&row.kelurahan).unwrap();
                sqlx::query(
                    "INSERT INTO roster (nik, full_name, kelurahan_code, kecamatan_code, \
                     business_type) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(nik(&row.nik).as_str())
                .bind(&row.full_name)
                .bind(k.code())
                .bind(k.kecamatan().code())
                .bind(domain::roster::RosterBusinessType::read(&row.business_type).unwrap().as_str())
                .execute(&pool)
                .await
                .unwrap();
            }
            pool.close().await;
        }
        let app = TestApp::on_database(backend, url, db, |_| {}).await;
        let field = officer(&app, "Sri").await;
        assign(&app, field.officer_id, &["--whole-city"]).await;
        let before = fresh(&app, &field.token).await;
        assert_eq!(open_niks(&before), rows.iter().map(|r| nik(&r.nik)).collect());
        let ids: BTreeSet<u64> = before.entries.keys().copied().collect();
        assert_eq!(ids.len(), rows.len(), "every row its own id");
        // Importing the same list, now with the address and market columns, keeps every id and
        // sends the changed rows only.
        import(&app, &rows).await;
        let mut after = before.clone();
        let changes = page(&app, &field.token, before.cursor.as_deref(), None).await;
        assert!(!changes.reset && changes.removed.is_empty());
        let with_more: Vec<&RosterRow> =
            rows.iter().filter(|r| !r.address.is_empty() || !r.market.is_empty()).collect();
        assert_eq!(changes.entries.len(), with_more.len());
        after.apply(changes);
        assert_eq!(after.entries.keys().copied().collect::<BTreeSet<u64>>(), ids);
        let again = page(&app, &field.token, after.cursor.as_deref(), None).await;
        assert!(again.entries.is_empty() && again.removed.is_empty(), "the same list twice: nothing new");
    }
}
