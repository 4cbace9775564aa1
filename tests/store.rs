//! The phone's store, in real headless Chromium against real `localStorage`: what only the
//! real backend can show (its keys, its quota, its text surviving a reopen). The store's
//! logic is tested natively, over an in-memory backend (`src/store/tests/`).
#![cfg(target_arch = "wasm32")]

use domain::testdata;
use gloo_storage::{LocalStorage, Storage};
use lindungi::store::{
    Backend, LocalBackend, RecordState, SaveError, Store, StoredRecord, format, keys,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn record(seed: u64) -> StoredRecord {
    StoredRecord::queued(testdata::submission(seed))
}

fn fresh() -> Store {
    LocalStorage::clear();
    Store::open(LocalBackend).0
}

#[wasm_bindgen_test]
fn a_saved_registration_reads_back_the_same_after_reopening() {
    let mut store = fresh();
    let (a, b) = (record(1), record(2));
    store.save(&a).unwrap();
    store.save(&b).unwrap();
    let (store, loaded) = Store::open(LocalBackend);
    let ids: Vec<_> = loaded.summaries.iter().map(|s| s.id.clone()).collect();
    assert_eq!(
        ids,
        vec![a.id().unwrap().to_owned(), b.id().unwrap().to_owned()]
    );
    assert_eq!(store.get(a.id().unwrap()), Some(a));
    assert_eq!(loaded.quarantined, 0);
}

#[wasm_bindgen_test]
fn a_record_written_without_its_index_entry_is_found_again_on_load() {
    // The tab died between writing the record and writing the index.
    let mut store = fresh();
    store.save(&record(4)).unwrap();
    let orphan = record(5);
    LocalStorage::raw()
        .set_item(
            &keys::record(orphan.id().unwrap()),
            &format::encode(&orphan),
        )
        .unwrap();
    let (store, loaded) = Store::open(LocalBackend);
    assert_eq!(loaded.summaries.len(), 2);
    assert_eq!(store.get(orphan.id().unwrap()), Some(orphan.clone()));
    // And the index now lists it, so the next load needs no repair.
    let page: Vec<String> = LocalStorage::get(keys::index_page(0)).unwrap();
    assert!(page.contains(&orphan.id().unwrap().to_owned()));
}

#[wasm_bindgen_test]
fn an_unreadable_entry_is_quarantined_and_reported_not_dropped() {
    let mut store = fresh();
    store.save(&record(8)).unwrap();
    let id = testdata::registration_id(99).to_string();
    let garbage = "{\"v\":1,\"state\":\"queued\",\"submission\":{\"id\":42";
    LocalStorage::raw()
        .set_item(&keys::record(&id), garbage)
        .unwrap();
    let (_, loaded) = Store::open(LocalBackend);
    assert_eq!(loaded.summaries.len(), 1, "the readable one still loads");
    assert_eq!(loaded.quarantined, 1);
    assert_eq!(
        LocalStorage::raw()
            .get_item(&keys::quarantine(&id))
            .unwrap()
            .as_deref(),
        Some(garbage)
    );
    assert_eq!(
        LocalStorage::raw().get_item(&keys::record(&id)).unwrap(),
        None
    );
    // Still reported on the next load.
    assert_eq!(Store::open(LocalBackend).1.quarantined, 1);
}

#[wasm_bindgen_test]
fn a_full_storage_refuses_the_save_and_keeps_everything_already_stored() {
    let mut store = fresh();
    let kept = record(10);
    store.save(&kept).unwrap();
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
    let result = store.save(&refused);
    for i in 0..=n {
        LocalStorage::delete(format!("filler.{i}"));
    }
    assert_eq!(result, Err(SaveError::Full));
    let (store, loaded) = Store::open(LocalBackend);
    assert_eq!(loaded.summaries.len(), 1);
    assert_eq!(store.get(kept.id().unwrap()), Some(kept));
}

#[wasm_bindgen_test]
fn the_local_backend_lists_only_the_keys_under_a_prefix_and_removes_them() {
    let _ = fresh();
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
fn a_record_the_first_release_left_in_local_storage_opens_and_is_rewritten() {
    let _ = fresh();
    let id = "c725e8b7-950a-4a06-bfd5-fe2529ff4fea"; // the sample's own id
    let v1 = include_str!("../src/store/samples/v1/duplicate_elsewhere.json");
    LocalStorage::raw().set_item(&keys::record(id), v1).unwrap();
    let (store, loaded) = Store::open(LocalBackend);
    assert_eq!(loaded.quarantined, 0);
    assert_eq!(loaded.summaries[0].state, RecordState::DuplicateElsewhere);
    let now = LocalStorage::raw()
        .get_item(&keys::record(id))
        .unwrap()
        .unwrap();
    assert!(now.starts_with(&format!("{{\"v\":{},", format::RECORD_VERSION)));
    assert_eq!(
        store.get(id).unwrap().state(),
        RecordState::DuplicateElsewhere
    );
}

#[wasm_bindgen_test]
fn settings_are_kept_in_local_storage_under_their_keys() {
    let _ = fresh();
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
