//! The phone's store, in real headless Chromium against real `localStorage`: what only the
//! real backend can show (its keys, its quota, its text surviving a reopen). The store's
//! logic is tested natively, over an in-memory backend (`src/store/tests/`). Records are sealed
//! with a real data key (the browser's WebCrypto), as in the app.
#![cfg(target_arch = "wasm32")]

use domain::testdata;
use gloo_storage::{LocalStorage, Storage};
use lindungi::{
    crypto::DataKey,
    store::{
        Backend, Loaded, LocalBackend, Premise, RecordState, SaveError, Store, StoredRecord,
        format, keys, seal,
        sealed::{self, Peeked},
    },
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn record(seed: u64) -> StoredRecord {
    StoredRecord::queued(testdata::submission(seed))
}

async fn key() -> DataKey {
    DataKey::generate().await.unwrap()
}

async fn open_with(key: &DataKey) -> (Store, Loaded) {
    Store::open(LocalBackend, key, &|_, _| {}).await
}

async fn fresh(key: &DataKey) -> Store {
    LocalStorage::clear();
    open_with(key).await.0
}

/// A form's save, as the app makes it: sealed, then written.
async fn save(store: &mut Store, key: &DataKey, record: &StoredRecord) -> Result<(), SaveError> {
    let id = record.id().unwrap().to_owned();
    let sealed = seal(key, &id, record).await?;
    store
        .write(&id, Premise::Editable, Some(sealed))
        .map(|_| ())
}

#[wasm_bindgen_test]
async fn a_saved_registration_reads_back_the_same_after_reopening() {
    let key = key().await;
    let mut store = fresh(&key).await;
    let (a, b) = (record(1), record(2));
    save(&mut store, &key, &a).await.unwrap();
    save(&mut store, &key, &b).await.unwrap();
    let (store, loaded) = open_with(&key).await;
    let ids: Vec<_> = loaded.summaries.iter().map(|s| s.id.clone()).collect();
    assert_eq!(
        ids,
        vec![a.id().unwrap().to_owned(), b.id().unwrap().to_owned()]
    );
    assert_eq!(store.get(a.id().unwrap()), Some(a.clone()));
    assert_eq!(loaded.quarantined, 0);
    // What localStorage holds is sealed: no name, NIK, mother's name or phone in clear.
    let stored = LocalStorage::raw()
        .get_item(&keys::record(a.id().unwrap()))
        .unwrap()
        .unwrap();
    let p = &a.submission().unwrap().form.participant;
    for secret in [&p.nik, &p.full_name, &p.mother_maiden_name, &p.phone] {
        assert!(!stored.contains(secret.as_str()), "{secret} in clear");
    }
    // And another key opens none of it: the records are unreadable, kept aside, never lost.
    let other = DataKey::generate().await.unwrap();
    let (_, with_other) = open_with(&other).await;
    assert!(with_other.summaries.is_empty());
    assert_eq!(with_other.quarantined, 2);
}

#[wasm_bindgen_test]
async fn the_second_unlock_lists_from_the_sealed_pages_and_opens_records_only_when_needed() {
    let key = key().await;
    let mut store = fresh(&key).await;
    let records: Vec<StoredRecord> = (20..23).map(record).collect();
    for r in &records {
        save(&mut store, &key, r).await.unwrap();
    }
    // The first opening reads every record (the pages were written in clear by the saves
    // above, as an earlier release's) and seals the page.
    let (_, first) = open_with(&key).await;
    assert_eq!(first.opened, 3);
    let page = LocalStorage::raw()
        .get_item(&keys::index_page(0))
        .unwrap()
        .unwrap();
    for r in &records {
        let p = &r.submission().unwrap().form.participant;
        assert!(!page.contains(p.full_name.as_str()) && !page.contains(p.nik.as_str()));
    }
    let (mut store, second) = open_with(&key).await;
    assert_eq!(second.opened, 0);
    assert_eq!(second.summaries, first.summaries);
    let id = records[1].id().unwrap();
    assert_eq!(store.get(id), None, "not opened at unlock");
    assert_eq!(store.fetch(&key, id).await.unwrap().record, records[1]);
}

#[wasm_bindgen_test]
async fn a_record_written_without_its_index_entry_is_found_again_on_load() {
    // The tab died between writing the record and writing the index.
    let key = key().await;
    let mut store = fresh(&key).await;
    save(&mut store, &key, &record(4)).await.unwrap();
    let orphan = record(5);
    LocalStorage::raw()
        .set_item(
            &keys::record(orphan.id().unwrap()),
            &format::encode(&orphan),
        )
        .unwrap();
    let (store, loaded) = open_with(&key).await;
    assert_eq!(loaded.summaries.len(), 2);
    assert_eq!(store.get(orphan.id().unwrap()), Some(orphan.clone()));
    // And the index now lists it, so the next load needs no repair.
    let raw = LocalStorage::raw()
        .get_item(&keys::index_page(0))
        .unwrap()
        .unwrap();
    let page = lindungi::store::pages::page_ids(&raw).unwrap();
    assert!(page.contains(&orphan.id().unwrap().to_owned()));
}

#[wasm_bindgen_test]
async fn an_unreadable_entry_is_quarantined_and_reported_not_dropped() {
    let key = key().await;
    let mut store = fresh(&key).await;
    save(&mut store, &key, &record(8)).await.unwrap();
    let id = testdata::registration_id(99).to_string();
    let garbage = "{\"v\":1,\"state\":\"queued\",\"submission\":{\"id\":42";
    LocalStorage::raw()
        .set_item(&keys::record(&id), garbage)
        .unwrap();
    let (_, loaded) = open_with(&key).await;
    assert_eq!(loaded.summaries.len(), 1, "the readable one still loads");
    assert_eq!(loaded.quarantined, 1);
    // Kept aside as found, sealed under the data key.
    let kept = LocalStorage::raw()
        .get_item(&keys::quarantine(&id))
        .unwrap()
        .unwrap();
    assert!(!kept.contains("submission"), "{kept}");
    assert_eq!(
        sealed::open_kept(&key, &keys::quarantine(&id), &kept)
            .await
            .as_deref(),
        Some(garbage)
    );
    assert_eq!(
        LocalStorage::raw().get_item(&keys::record(&id)).unwrap(),
        None
    );
    // Still reported on the next load.
    assert_eq!(open_with(&key).await.1.quarantined, 1);
}

#[wasm_bindgen_test]
async fn a_full_storage_refuses_the_save_and_keeps_everything_already_stored() {
    let key = key().await;
    let mut store = fresh(&key).await;
    let kept = record(10);
    save(&mut store, &key, &kept).await.unwrap();
    // Fill localStorage on purpose with big filler values until the browser refuses.
    let chunk = "x".repeat(256 * 1024);
    let mut n = 0;
    while LocalStorage::raw()
        .set_item(&format!("filler.{n}"), &chunk)
        .is_ok()
    {
        n += 1;
        assert!(n < 200, "localStorage never filled up");
    }
    let mut small = "y".repeat(1024);
    while LocalStorage::raw()
        .set_item(&format!("filler.{n}"), &small)
        .is_ok()
    {
        n += 1;
        small.push('y');
    }
    let refused = record(11);
    let result = save(&mut store, &key, &refused).await;
    for i in 0..=n {
        LocalStorage::delete(format!("filler.{i}"));
    }
    assert_eq!(result, Err(SaveError::Full));
    let (store, loaded) = open_with(&key).await;
    assert_eq!(loaded.summaries.len(), 1);
    assert_eq!(store.get(kept.id().unwrap()), Some(kept));
}

#[wasm_bindgen_test]
async fn the_local_backend_lists_only_the_keys_under_a_prefix_and_removes_them() {
    let key = key().await;
    let _ = fresh(&key).await;
    for key in [
        "lindungi.v1.reg.a",
        "lindungi.v1.reg.b",
        "lindungi.v1.index.0",
        "other",
    ] {
        LocalBackend.set(key, "x").unwrap();
    }
    let mut listed = LocalBackend.keys_with_prefix(keys::RECORD_PREFIX);
    listed.sort();
    assert_eq!(listed, vec!["lindungi.v1.reg.a", "lindungi.v1.reg.b"]);
    LocalBackend.remove("lindungi.v1.reg.a");
    assert_eq!(LocalBackend.get("lindungi.v1.reg.a"), None);
    assert_eq!(LocalBackend.get("other").as_deref(), Some("x"));
}

#[wasm_bindgen_test]
async fn a_record_the_first_release_left_in_local_storage_opens_and_is_rewritten() {
    let key = key().await;
    let _ = fresh(&key).await;
    let id = "c725e8b7-950a-4a06-bfd5-fe2529ff4fea"; // the sample's own id
    let v1 = include_str!("../src/store/samples/v1/duplicate_elsewhere.json");
    LocalStorage::raw().set_item(&keys::record(id), v1).unwrap();
    let (store, loaded) = open_with(&key).await;
    assert_eq!(loaded.quarantined, 0);
    assert_eq!(loaded.summaries[0].state, RecordState::DuplicateElsewhere);
    let now = LocalStorage::raw()
        .get_item(&keys::record(id))
        .unwrap()
        .unwrap();
    // Encrypted in place: nothing of the person is left in clear.
    assert!(matches!(sealed::peek(&now), Peeked::Sealed(_)));
    assert!(!now.contains("Kasiyani") && !now.contains("4295"), "{now}");
    assert_eq!(
        store.get(id).unwrap().state(),
        RecordState::DuplicateElsewhere
    );
}

#[wasm_bindgen_test]
async fn settings_are_kept_in_local_storage_under_their_keys() {
    let key = key().await;
    let _ = fresh(&key).await;
    lindungi::i18n::LANGUAGE
        .set(&lindungi::i18n::Lang::En)
        .unwrap();
    lindungi::sync::LAST_SYNC
        .set(&"2026-11-23T03:00:00.000Z".to_owned())
        .unwrap();
    assert_eq!(
        LocalStorage::raw()
            .get_item(keys::LANGUAGE)
            .unwrap()
            .as_deref(),
        Some("\"en\"")
    );
    assert_eq!(
        LocalStorage::raw()
            .get_item(keys::LAST_SYNC)
            .unwrap()
            .as_deref(),
        Some("2026-11-23T03:00:00.000Z")
    );
    assert_eq!(
        lindungi::i18n::LANGUAGE.get(),
        Some(lindungi::i18n::Lang::En)
    );
    lindungi::i18n::LANGUAGE.remove();
    assert_eq!(LocalStorage::raw().get_item(keys::LANGUAGE).unwrap(), None);
}
