//! The phone's store, in real headless Chromium against real `localStorage`.

use domain::testdata;
use gloo_storage::{LocalStorage, Storage};
use lindungi::store::{
    Backend, Counting, INDEX_PAGE_SIZE, LocalBackend, RecordState, SaveError, Store, StoredRecord,
    WriteError, keys,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn record(seed: u64) -> StoredRecord {
    StoredRecord::new(RecordState::Queued, testdata::submission(seed))
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
fn saving_a_registration_again_updates_it_in_place() {
    let mut store = fresh();
    let mut r = record(3);
    store.save(&r).unwrap();
    r.state = RecordState::NeedsFix;
    store.save(&r).unwrap();
    let (store, loaded) = Store::open(LocalBackend);
    assert_eq!(loaded.summaries.len(), 1);
    assert_eq!(
        store.get(r.id().unwrap()).unwrap().state,
        RecordState::NeedsFix
    );
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
            &serde_json::to_string(&orphan).unwrap(),
        )
        .unwrap();
    let (store, loaded) = Store::open(LocalBackend);
    assert_eq!(loaded.summaries.len(), 2);
    assert_eq!(store.get(orphan.id().unwrap()), Some(orphan.clone()));
    // And the index now lists it, so the next load needs no repair.
    let page: Vec<String> = LocalStorage::get(keys::index_page(0)).unwrap();
    assert!(page.contains(&orphan.id().unwrap().to_owned()));
}

/// Fails every write to an index page, as a full storage would after the record fit.
struct IndexWriteFails;

impl Backend for IndexWriteFails {
    fn get(&self, key: &str) -> Option<String> {
        LocalBackend.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
        if key.starts_with(keys::INDEX_PREFIX) {
            return Err(WriteError::QuotaExceeded);
        }
        LocalBackend.set(key, value)
    }
    fn remove(&self, key: &str) {
        LocalBackend.remove(key)
    }
    fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        LocalBackend.keys_with_prefix(prefix)
    }
}

#[wasm_bindgen_test]
fn a_save_whose_index_write_fails_leaves_no_half_saved_record() {
    let mut good = fresh();
    let kept = record(6);
    good.save(&kept).unwrap();
    let (mut failing, _) = Store::open(IndexWriteFails);
    let refused = record(7);
    assert_eq!(failing.save(&refused), Err(SaveError::Full));
    let (store, loaded) = Store::open(LocalBackend);
    assert_eq!(loaded.summaries.len(), 1);
    assert_eq!(store.get(kept.id().unwrap()), Some(kept));
    assert_eq!(store.get(refused.id().unwrap()), None);
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
fn a_hand_made_entry_of_the_older_schema_is_migrated_when_read() {
    let _ = fresh();
    let id = testdata::registration_id(7).to_string();
    // Version 0: the prototype's flat record with Indonesian keys.
    let old = format!(
        r#"{{"v":1,"state":"queued","submission":{{"id":"{id}","nik":"3576014101900001","nama":"Sri Wahyuni",
        "tgl_lahir":"01-01-1990","jenis_kelamin":"P","hp":"081234567890","alamat":"Jl. Majapahit 12 RT 3 RW 5",
        "kelurahan":"Kauman","nama_usaha":"Warung Sri"}}}}"#
    );
    LocalStorage::raw()
        .set_item(&keys::record(&id), &old)
        .unwrap();
    let (store, loaded) = Store::open(LocalBackend);
    assert_eq!(loaded.quarantined, 0);
    let migrated = store.get(&id).unwrap().submission.unwrap();
    assert_eq!(migrated.schema_version, domain::SCHEMA_VERSION);
    assert_eq!(migrated.form.participant.full_name, "Sri Wahyuni");
    assert_eq!(migrated.form.participant.nik, "3576014101900001");
    assert_eq!(migrated.form.business.name, "Warung Sri");
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
fn a_save_costs_the_same_with_10_or_5000_stored() {
    fn cost_of_next_saves(stored: u64) -> Vec<(usize, usize)> {
        LocalStorage::clear();
        let (mut store, _) = Store::open(Counting::new(LocalBackend));
        // A small record keeps 5,000 of them well inside the quota.
        let small = |seed: u64| {
            let mut s = testdata::submission(seed);
            s.form = Default::default();
            StoredRecord::new(RecordState::Draft, s)
        };
        for seed in 0..stored {
            store.save(&small(seed)).unwrap();
        }
        // The same three kinds of save at each size: a new record, an update, another new one.
        let mut costs = Vec::new();
        let mut r = record(1_000_000);
        for step in 0..3 {
            store.backend().reset();
            if step == 1 {
                r.state = RecordState::NeedsFix;
                store.save(&r).unwrap();
            } else {
                r = record(1_000_000 + step);
                store.save(&r).unwrap();
            }
            costs.push(store.backend().counts());
        }
        costs
    }
    let few = cost_of_next_saves(10);
    let many = cost_of_next_saves(5_000);
    LocalStorage::clear();
    for ((w_few, b_few), (w_many, b_many)) in few.iter().zip(&many) {
        assert_eq!(
            w_few, w_many,
            "writes per save must not grow: {few:?} vs {many:?}"
        );
        // Bytes may differ by at most one index page (ids are the same length).
        assert!(
            b_many.abs_diff(*b_few) <= INDEX_PAGE_SIZE * 40,
            "bytes per save grew: {few:?} vs {many:?}"
        );
    }
    assert!(
        many.iter().all(|(w, _)| *w <= 2),
        "a save is one record write plus at most one index page: {many:?}"
    );
}
