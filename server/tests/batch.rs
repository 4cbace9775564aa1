//! Receiving batches: every outcome of the sync contract, exactly once, on SQLite and PostgreSQL.

mod common;

use common::{Backend, TestApp, both_backends, noon_wib, submissions};
use domain::{Date, testdata};
use serde_json::{Value, json};
use sqlx::{Column, Row};

fn outcome(result: &Value) -> &str {
    result["outcome"].as_str().unwrap()
}

both_backends! {
    async fn a_new_registration_is_accepted_with_a_receipt_of_the_year_it_arrived(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let sent = submissions(1..2);
        let results = app.batch_results(&device.token, &sent).await;
        assert_eq!(
            results,
            [json!({ "id": sent[0].id, "outcome": "accepted", "receipt": "MJK-2026-000001" })]
        );
        assert_eq!(app.stored().await, 1);
    }

    async fn receipts_count_up_within_the_year_across_batches(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let first = app.batch_results(&device.token, &submissions(1..4)).await;
        let second = app.batch_results(&device.token, &submissions(4..6)).await;
        let receipts: Vec<_> = first.iter().chain(&second).map(|r| r["receipt"].clone()).collect();
        assert_eq!(
            receipts,
            ["MJK-2026-000001", "MJK-2026-000002", "MJK-2026-000003", "MJK-2026-000004", "MJK-2026-000005"]
        );
    }

    async fn a_retried_batch_is_answered_with_the_first_receipts(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let sent = submissions(10..20);
        let first = app.batch_results(&device.token, &sent).await;
        let again = app.batch_results(&device.token, &sent).await;
        for (first, again) in first.iter().zip(&again) {
            assert_eq!(outcome(first), "accepted");
            assert_eq!(outcome(again), "already_received");
            assert_eq!(first["receipt"], again["receipt"]);
            assert_eq!(first["id"], again["id"]);
        }
        assert_eq!(app.stored().await, 10);
    }

    async fn a_retry_typed_differently_or_resaved_is_the_same_registration(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let original = testdata::submission(7);
        app.batch_results(&device.token, std::slice::from_ref(&original)).await;
        // The canonical spelling (phone in E.164, kelurahan by code …) and a later updated_at.
        let mut respelled = testdata::registration(7).to_submission();
        respelled.updated_at = "2026-06-15T09:00:00.000Z".into();
        let results = app.batch_results(&device.token, &[respelled]).await;
        assert_eq!(outcome(&results[0]), "already_received");
        assert_eq!(results[0]["receipt"], "MJK-2026-000001");
    }

    async fn the_same_id_with_different_content_is_an_id_conflict(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let original = testdata::submission(3);
        app.batch_results(&device.token, std::slice::from_ref(&original)).await;
        let mut changed = original.clone();
        changed.form.business.name = "Warung Lain Sama Sekali".into();
        let mut invalid = original.clone();
        invalid.form.participant.nik = "12".into();
        let results = app.batch_results(&device.token, &[changed, invalid]).await;
        assert_eq!(results[0], json!({ "id": original.id, "outcome": "id_conflict" }));
        assert_eq!(results[1], json!({ "id": original.id, "outcome": "id_conflict" }));
        assert_eq!(app.stored().await, 1);
    }

    async fn a_nik_registered_under_another_id_is_a_duplicate_with_the_first_receipt(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let first = testdata::submission(5);
        app.batch_results(&device.token, std::slice::from_ref(&first)).await;
        // Another officer registers the same person (same NIK) as a new registration.
        let other = app.enroll("Petugas Dua").await;
        let mut again = first.clone();
        again.id = testdata::registration_id(999_005).to_string();
        let results = app.batch_results(&other.token, std::slice::from_ref(&again)).await;
        assert_eq!(
            results[0],
            json!({ "id": again.id, "outcome": "duplicate_nik", "receipt": "MJK-2026-000001" })
        );
        assert_eq!(app.stored().await, 1);
    }

    async fn an_invalid_registration_is_rejected_with_codes_and_paths_and_not_kept(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let mut bad = testdata::submission(8);
        bad.form.participant.nik = "3576 0145 07".into();
        bad.form.participant.phone = "12345".into();
        bad.form.consent = false;
        let results = app.batch_results(&device.token, std::slice::from_ref(&bad)).await;
        assert_eq!(outcome(&results[0]), "rejected");
        let errors = results[0]["errors"].as_array().unwrap();
        let has = |path: &str, code: &str| {
            errors.iter().any(|e| e["path"] == path && e["code"] == code)
        };
        assert!(has("participant.nik", "nik.length"), "{errors:?}");
        assert!(errors.iter().any(|e| e["path"] == "participant.phone"), "{errors:?}");
        assert!(has("consent", "consent.not_given"), "{errors:?}");
        assert_eq!(app.stored().await, 0);
        // Fixed and sent again, it is accepted: a rejection keeps nothing that blocks the id.
        let results = app.batch_results(&device.token, &[testdata::submission(8)]).await;
        assert_eq!(outcome(&results[0]), "accepted");
    }

    async fn one_batch_may_mix_every_outcome_in_request_order(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let known = testdata::submission(1);
        app.batch_results(&device.token, std::slice::from_ref(&known)).await;
        let mut conflict = known.clone();
        conflict.form.business.location = "Pasar Kliwon, los 99".into();
        let mut duplicate = known.clone();
        duplicate.id = testdata::registration_id(1_000_001).to_string();
        let mut rejected = testdata::submission(2);
        rejected.id = "not-a-uuid".into();
        let new = testdata::submission(3);
        let results = app
            .batch_results(&device.token, &[new.clone(), known.clone(), conflict, duplicate, rejected])
            .await;
        let outcomes: Vec<_> = results.iter().map(outcome).collect();
        assert_eq!(
            outcomes,
            ["accepted", "already_received", "id_conflict", "duplicate_nik", "rejected"]
        );
        assert_eq!(results[0]["id"], new.id.as_str());
        assert_eq!(results[4]["id"], "not-a-uuid");
        assert_eq!(results[4]["errors"][0], json!({ "path": "id", "code": "id.format" }));
        assert_eq!(app.stored().await, 2);
    }

    async fn the_same_registration_twice_in_one_batch_is_kept_once(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let one = testdata::submission(4);
        let results = app.batch_results(&device.token, &[one.clone(), one]).await;
        assert_eq!(outcome(&results[0]), "accepted");
        assert_eq!(outcome(&results[1]), "already_received");
        assert_eq!(results[0]["receipt"], results[1]["receipt"]);
        assert_eq!(app.stored().await, 1);
    }

    async fn identical_batches_sent_at_the_same_moment_keep_each_registration_once(backend) {
        let app = std::sync::Arc::new(TestApp::new(backend).await);
        let device = app.enroll("Petugas Satu").await;
        let sent = submissions(100..160);
        let mut tasks = Vec::new();
        for _ in 0..6 {
            let (app, token, sent) = (app.clone(), device.token.clone(), sent.clone());
            tasks.push(tokio::spawn(async move { app.batch_results(&token, &sent).await }));
        }
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.unwrap());
        }
        assert_eq!(app.stored().await, 60);
        for (i, submission) in sent.iter().enumerate() {
            let for_item: Vec<_> = answers.iter().map(|a| &a[i]).collect();
            let accepted = for_item.iter().filter(|r| outcome(r) == "accepted").count();
            assert_eq!(accepted, 1, "{}: {for_item:?}", submission.id);
            assert!(for_item.iter().all(|r| r["receipt"] == for_item[0]["receipt"]));
            assert!(for_item.iter().all(|r| {
                matches!(outcome(r), "accepted" | "already_received")
            }));
        }
        // Receipts 1..=60, each once: no gaps, no doubles.
        let (distinct, max): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(DISTINCT receipt_sequence), MAX(receipt_sequence) FROM registrations",
        )
        .fetch_one(&app.db().pool)
        .await
        .unwrap();
        assert_eq!((distinct, max), (60, 60));
    }

    async fn different_batches_racing_on_the_same_people_never_double_a_nik(backend) {
        let app = std::sync::Arc::new(TestApp::new(backend).await);
        let a = app.enroll("Petugas Satu").await;
        let b = app.enroll("Petugas Dua").await;
        // The same 30 people under different ids, sent by two officers in opposite orders.
        let mine = submissions(200..230);
        let mut theirs: Vec<_> = mine
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut s = s.clone();
                s.id = testdata::registration_id(700_000 + i as u64).to_string();
                s
            })
            .collect();
        theirs.reverse();
        let (app1, app2) = (app.clone(), app.clone());
        let (x, y) = tokio::join!(
            tokio::spawn(async move { app1.batch_results(&a.token, &mine).await }),
            tokio::spawn(async move { app2.batch_results(&b.token, &theirs).await }),
        );
        let (x, y) = (x.unwrap(), y.unwrap());
        assert_eq!(app.stored().await, 30);
        let accepted = x.iter().chain(&y).filter(|r| outcome(r) == "accepted").count();
        let duplicates = x.iter().chain(&y).filter(|r| outcome(r) == "duplicate_nik").count();
        assert_eq!((accepted, duplicates), (30, 30));
    }

    async fn a_retry_weeks_later_is_judged_by_the_day_it_first_arrived(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let sent = submissions(30..35);
        app.batch_results(&device.token, &sent).await;
        // Eight months on, the start months are far in the past and the rules would now refuse
        // them; a phone that never heard the answer retries and gets its receipts.
        let later = app.reconfigured(|c| {
            c.clock = lindungi_server::config::Clock::Fixed(noon_wib(Date::new(2027, 2, 15).unwrap()))
        });
        let results = later.batch_results(&device.token, &sent).await;
        assert!(results.iter().all(|r| outcome(r) == "already_received"), "{results:?}");
        // While a new one typed today with last summer's start month is rejected.
        let mut stale = testdata::submission(36);
        stale.form.coverage.start_month = "2026-06".into();
        let results = later.batch_results(&device.token, &[stale]).await;
        assert_eq!(outcome(&results[0]), "rejected");
    }

    async fn a_registration_is_kept_as_columns_for_the_city_and_its_canonical_json(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let registration = testdata::registration(11);
        app.batch_results(&device.token, &[testdata::submission(11)]).await;
        let row: (String, Option<String>, Option<String>, String, i64, i64, String, String) =
            sqlx::query_as(
                "SELECT nik, kelurahan_code, kecamatan_code, business_kind, officer_id, \
                 device_id, receipt, canonical_json FROM registrations WHERE id = $1",
            )
            .bind(registration.id().as_str())
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
        assert_eq!(row.0, registration.participant().nik().as_str());
        assert_eq!(row.1.as_deref(), registration.address().kelurahan().map(|k| k.code()));
        assert_eq!(row.2.as_deref(), registration.address().kecamatan().map(|k| k.code()));
        assert_eq!(row.3, registration.business().kind.kind());
        assert_eq!((row.4, row.5), (device.officer_id, device.device_id));
        assert_eq!(row.6, "MJK-2026-000001");
        // The name and every other detail are kept in the canonical JSON, exactly.
        let stored: domain::Registration = serde_json::from_str(&row.7).unwrap();
        assert_eq!(stored, registration);
        assert_eq!(stored.participant().full_name(), registration.participant().full_name());
    }

    async fn no_name_or_other_personal_detail_is_copied_out_of_the_canonical_json(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        // An owner with workers, through a koperasi: every table a registration writes to.
        let mut sent = (0..400)
            .map(testdata::submission)
            .find(|s| !s.form.workers.is_empty())
            .unwrap();
        sent.form.koperasi = testdata::koperasi_form(domain::Kelurahan::Kauman);
        let results = app.batch_results(&device.token, &[sent]).await;
        assert_eq!(outcome(&results[0]), "accepted", "{results:?}");
        let columns = |table: &'static str| {
            let pool = app.db().pool.clone();
            async move {
                let sql = format!("SELECT * FROM {table}");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_one(&pool).await.unwrap();
                row.columns().iter().map(|c| c.name().to_owned()).collect::<Vec<_>>()
            }
        };
        assert_eq!(
            columns("registrations").await,
            [
                "id", "nik", "kelurahan_code", "kecamatan_code", "business_kind", "officer_id",
                "device_id", "receipt_year", "receipt_sequence", "receipt", "validated_on",
                "received_at", "canonical_json", "koperasi_id",
            ]
        );
        assert_eq!(columns("workers").await, ["registration_id", "position"]);
        assert_eq!(
            columns("koperasi").await,
            ["id", "name", "kelurahan_code", "legal_number", "updated_at"]
        );
    }

    async fn an_empty_batch_is_answered_with_no_results(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        assert_eq!(app.batch_results(&device.token, &[]).await, Vec::<Value>::new());
    }
}

#[test]
fn both_backends_are_covered() {
    // The macro above makes a `sqlite` and a `postgres` test of every body.
    assert_ne!(Backend::Sqlite, Backend::Postgres);
}

/// Receipts of `results` that are `accepted`, as sequence numbers.
fn accepted_sequences(results: &[Value]) -> Vec<u32> {
    results
        .iter()
        .filter(|r| outcome(r) == "accepted")
        .map(|r| {
            let receipt = domain::wire::ReceiptNumber::parse(r["receipt"].as_str().unwrap());
            receipt.unwrap().sequence()
        })
        .collect()
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&app.db().pool).await.unwrap();
    n
}

// What one batch decides within itself: a batch is looked up and written as a whole, and each
// submission still sees what the city held before the batch and what came earlier in it.
both_backends! {
    async fn a_second_id_with_a_nik_accepted_earlier_in_the_same_batch_is_a_duplicate(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let first = testdata::submission(40);
        let mut again = first.clone();
        again.id = testdata::registration_id(999_040).to_string();
        let after = testdata::submission(41);
        let results = app.batch_results(&device.token, &[first.clone(), again.clone(), after]).await;
        assert_eq!(results[0]["outcome"], "accepted");
        assert_eq!(
            results[1],
            json!({ "id": again.id, "outcome": "duplicate_nik", "receipt": results[0]["receipt"] })
        );
        // The duplicate takes no receipt number: the next one follows the first without a gap.
        assert_eq!(accepted_sequences(&results), [1, 2]);
        assert_eq!(app.stored().await, 2);
    }

    async fn a_batch_mixes_every_outcome_against_the_city_and_within_itself(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let stored = testdata::submission(50);
        app.batch_results(&device.token, std::slice::from_ref(&stored)).await;

        let new = testdata::submission(51);
        let mut new_changed = new.clone();
        new_changed.form.business.name = "Warung Ganti Nama".into();
        let mut new_nik_again = new.clone();
        new_nik_again.id = testdata::registration_id(999_051).to_string();
        let mut stored_changed = stored.clone();
        stored_changed.form.business.location = "Pasar Tanjung, los 7".into();
        let mut stored_nik_again = stored.clone();
        stored_nik_again.id = testdata::registration_id(999_050).to_string();
        let mut invalid = testdata::submission(52);
        invalid.form.consent = false;
        let fixed_later = testdata::submission(52);
        let last = testdata::submission(53);
        let sent = [
            new.clone(),       // accepted, receipt 2
            stored.clone(),    // already_received, receipt 1
            new.clone(),       // already_received, receipt 2 (accepted earlier in this batch)
            new_changed,       // id_conflict with the one accepted earlier in this batch
            stored_changed,    // id_conflict with the stored one
            new_nik_again,     // duplicate_nik of the one accepted earlier in this batch
            stored_nik_again,  // duplicate_nik of the stored one
            invalid,           // rejected: blocks nothing
            fixed_later,       // the same id, now valid: accepted, receipt 3
            last,              // accepted, receipt 4
        ];
        let results = app.batch_results(&device.token, &sent).await;
        let outcomes: Vec<_> = results.iter().map(outcome).collect();
        assert_eq!(
            outcomes,
            [
                "accepted", "already_received", "already_received", "id_conflict",
                "id_conflict", "duplicate_nik", "duplicate_nik", "rejected", "accepted",
                "accepted",
            ]
        );
        let receipt = |i: usize| results[i]["receipt"].as_str().unwrap().to_owned();
        assert_eq!(receipt(0), "MJK-2026-000002");
        assert_eq!(receipt(1), "MJK-2026-000001");
        assert_eq!(receipt(2), receipt(0));
        assert_eq!(receipt(5), receipt(0));
        assert_eq!(receipt(6), receipt(1));
        assert_eq!(accepted_sequences(&results), [2, 3, 4]);
        for (result, submission) in results.iter().zip(&sent) {
            assert_eq!(result["id"], submission.id.as_str());
        }
        assert_eq!(app.stored().await, 4);
        // The next batch goes on from there.
        let next = app.batch_results(&device.token, &[testdata::submission(54)]).await;
        assert_eq!(next[0]["receipt"], "MJK-2026-000005");
    }

    async fn workers_and_koperasi_are_written_once_and_only_for_new_registrations(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let koperasi = testdata::koperasi_form(domain::Kelurahan::Kauman);
        let with_workers: Vec<_> = (0..400)
            .map(testdata::submission)
            .filter(|s| !s.form.workers.is_empty())
            .take(2)
            .map(|mut s| {
                s.form.koperasi = koperasi.clone();
                s
            })
            .collect();
        let workers = |s: &domain::Submission| s.form.workers.len() as i64;
        let mut renamed = with_workers[1].clone();
        renamed.form.koperasi.name = "Koperasi Merah Putih Kauman Baru".into();
        // The first twice in one batch, and the second with its koperasi renamed: one row per
        // worker, and the koperasi as the later member has it.
        let sent = [with_workers[0].clone(), with_workers[0].clone(), renamed];
        let results = app.batch_results(&device.token, &sent).await;
        let outcomes: Vec<_> = results.iter().map(outcome).collect();
        assert_eq!(outcomes, ["accepted", "already_received", "accepted"]);
        let expected = workers(&with_workers[0]) + workers(&with_workers[1]);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM workers").await, expected);
        let rows: Vec<(String, String)> = sqlx::query_as("SELECT id, name FROM koperasi")
            .fetch_all(&app.db().pool)
            .await
            .unwrap();
        assert_eq!(rows, [(koperasi.id.clone(), "Koperasi Merah Putih Kauman Baru".to_owned())]);
        // A retry of the whole batch changes nothing, the koperasi's details included.
        let again = app.batch_results(&device.token, &sent).await;
        assert!(again.iter().all(|r| outcome(r) == "already_received"), "{again:?}");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM workers").await, expected);
        let (name,): (String,) = sqlx::query_as("SELECT name FROM koperasi")
            .fetch_one(&app.db().pool)
            .await
            .unwrap();
        assert_eq!(name, "Koperasi Merah Putih Kauman Baru");
    }

    async fn a_full_batch_is_kept_whole_with_receipts_in_request_order(backend) {
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        // The largest batch a phone may send: written in several statements.
        let sent = submissions(3000..3000 + domain::wire::MAX_BATCH_ITEMS as u64);
        let results = app.batch_results(&device.token, &sent).await;
        let n = sent.len() as u32;
        assert_eq!(accepted_sequences(&results), (1..=n).collect::<Vec<_>>());
        assert_eq!(app.stored().await, i64::from(n));
        let workers: i64 = sent.iter().map(|s| s.form.workers.len() as i64).sum();
        assert!(workers > 0, "the generated data lists some workers");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM workers").await, workers);
    }

    async fn two_different_batches_at_the_same_moment_each_get_a_run_of_receipts(backend) {
        let app = std::sync::Arc::new(TestApp::new(backend).await);
        let a = app.enroll("Petugas Satu").await;
        let b = app.enroll("Petugas Dua").await;
        let (mine, theirs) = (submissions(4000..4150), submissions(4150..4300));
        let (app1, app2) = (app.clone(), app.clone());
        let (x, y) = tokio::join!(
            tokio::spawn(async move { app1.batch_results(&a.token, &mine).await }),
            tokio::spawn(async move { app2.batch_results(&b.token, &theirs).await }),
        );
        let (x, y) = (accepted_sequences(&x.unwrap()), accepted_sequences(&y.unwrap()));
        // Batches take turns: each gets an unbroken run of numbers, and together 1..=300.
        assert_eq!((x.len(), y.len()), (150, 150));
        for run in [&x, &y] {
            assert!(run.windows(2).all(|w| w[1] == w[0] + 1), "{run:?}");
        }
        let mut all: Vec<u32> = x.iter().chain(&y).copied().collect();
        all.sort_unstable();
        assert_eq!(all, (1..=300).collect::<Vec<_>>());
        assert_eq!(app.stored().await, 300);
    }

    async fn a_new_batch_that_meets_a_stored_nik_or_id_late_is_planned_again_without_a_trace(backend) {
        // A batch of new-looking submissions is written before it is looked up; when its
        // second statement meets a stored NIK, or a stored id, what went in is undone and the
        // batch is answered as if it had been looked up first.
        let app = TestApp::new(backend).await;
        let device = app.enroll("Petugas Satu").await;
        let stored = submissions(6000..6002);
        app.batch_results(&device.token, &stored).await;
        let workers_before = count(&app, "SELECT COUNT(*) FROM workers").await;

        let mut sent = submissions(6100..6250);
        // Row 120 (the second statement of 100): the first stored person under a new id.
        let mut same_person = stored[0].clone();
        same_person.id = testdata::registration_id(996_120).to_string();
        sent[120] = same_person.clone();
        // Row 140: a retry of the second stored registration.
        sent[140] = stored[1].clone();
        let results = app.batch_results(&device.token, &sent).await;
        assert_eq!(
            results[120],
            json!({ "id": same_person.id, "outcome": "duplicate_nik", "receipt": "MJK-2026-000001" })
        );
        assert_eq!(
            results[140],
            json!({ "id": stored[1].id, "outcome": "already_received", "receipt": "MJK-2026-000002" })
        );
        // The others: accepted, receipts 3..=150 in request order, none lost to the first try.
        assert_eq!(accepted_sequences(&results), (3..=150).collect::<Vec<_>>());
        assert_eq!(app.stored().await, 150);
        let new_workers: i64 = sent
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != 120 && *i != 140)
            .map(|(_, s)| s.form.workers.len() as i64)
            .sum();
        assert_eq!(count(&app, "SELECT COUNT(*) FROM workers").await, workers_before + new_workers);
        // And the whole batch again (its answer lost) is answered from what is stored.
        let again = app.batch_results(&device.token, &sent).await;
        for (first, again) in results.iter().zip(&again) {
            assert_eq!(first["receipt"], again["receipt"]);
        }
        assert!(again.iter().all(|r| outcome(r) != "accepted"), "{again:?}");
        assert_eq!(app.stored().await, 150);
        let next = app.batch_results(&device.token, &submissions(6300..6301)).await;
        assert_eq!(next[0]["receipt"], "MJK-2026-000151");
    }
}
