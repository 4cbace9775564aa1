//! The store over an in-memory backend: what is saved reads back, the index is repaired,
//! unreadable entries are kept aside, old ones migrated, newer ones left alone, and a save
//! costs the same however much is stored.

use domain::testdata;

use super::{Writes, open, opened, queued, with};
use crate::store::{
    Backend, Counting, INDEX_PAGE_SIZE, MemoryBackend, RecordState, SaveError, Store, StoredRecord,
    WriteError, format, keys, sealed,
};

fn fresh() -> (MemoryBackend, Store<MemoryBackend>) {
    let memory = MemoryBackend::new();
    let store = open(memory.clone()).0;
    (memory, store)
}

fn id_of(record: &StoredRecord) -> String {
    record.id().unwrap().to_owned()
}

#[test]
fn a_saved_registration_reads_back_the_same_after_reopening() {
    let (memory, mut store) = fresh();
    let (a, b) = (queued(1), queued(2));
    store.save(&a).unwrap();
    store.save(&b).unwrap();
    let (store, loaded) = open(memory);
    let ids: Vec<_> = loaded.summaries.iter().map(|s| s.id.clone()).collect();
    assert_eq!(ids, vec![id_of(&a), id_of(&b)]);
    assert_eq!(store.get(&id_of(&a)), Some(a));
    assert_eq!(loaded.quarantined, 0);
}

#[test]
fn saving_a_registration_again_updates_it_in_place() {
    let (memory, mut store) = fresh();
    let r = queued(3);
    store.save(&r).unwrap();
    let fixed = StoredRecord::NeedsFix {
        submission: r.submission().unwrap().clone(),
        city_errors: Vec::new(),
    };
    store.save(&fixed).unwrap();
    let (store, loaded) = open(memory);
    assert_eq!(loaded.summaries.len(), 1);
    assert_eq!(
        store.get(&id_of(&r)).unwrap().state(),
        RecordState::NeedsFix
    );
}

#[test]
fn a_record_written_without_its_index_entry_is_found_again_on_load() {
    // The tab died between writing the record and writing the index.
    let (memory, mut store) = fresh();
    store.save(&queued(4)).unwrap();
    let orphan = queued(5);
    memory
        .set(&keys::record(&id_of(&orphan)), &format::encode(&orphan))
        .unwrap();
    let (store, loaded) = open(memory.clone());
    assert_eq!(loaded.summaries.len(), 2);
    assert_eq!(store.get(&id_of(&orphan)), Some(orphan.clone()));
    // And the index now lists it, so the next load needs no repair.
    let page = crate::store::pages::page_ids(&memory.get(&keys::index_page(0)).unwrap()).unwrap();
    assert!(page.contains(&id_of(&orphan)));
}

#[test]
fn an_index_entry_whose_record_is_gone_is_forgotten() {
    let (memory, mut store) = fresh();
    let (kept, gone) = (queued(6), queued(7));
    store.save(&kept).unwrap();
    store.save(&gone).unwrap();
    memory.remove(&keys::record(&id_of(&gone)));
    let (store, loaded) = open(memory);
    assert_eq!(store.ids(), vec![id_of(&kept)]);
    assert_eq!(loaded.summaries.len(), 1);
}

#[test]
fn an_id_two_tabs_both_indexed_is_listed_once() {
    let (memory, mut store) = fresh();
    let r = queued(8);
    store.save(&r).unwrap();
    let id = id_of(&r);
    memory
        .set(
            &keys::index_page(1),
            &serde_json::to_string(&[&id]).unwrap(),
        )
        .unwrap();
    let (store, loaded) = open(memory);
    assert_eq!(store.ids(), vec![id]);
    assert_eq!(loaded.summaries.len(), 1);
}

#[test]
fn an_unreadable_index_page_is_rebuilt_from_the_records() {
    let (memory, mut store) = fresh();
    for seed in 10..13 {
        store.save(&queued(seed)).unwrap();
    }
    memory.set(&keys::index_page(0), "[\"torn").unwrap();
    let (store, loaded) = open(memory);
    assert_eq!(loaded.summaries.len(), 3);
    assert_eq!(store.ids().len(), 3);
}

#[test]
fn index_pages_hold_at_most_64_ids_each() {
    let (memory, mut store) = fresh();
    for seed in 0..(INDEX_PAGE_SIZE as u64 + 1) {
        store.save(&with(seed, StoredRecord::draft)).unwrap();
    }
    let page = |n| -> Vec<String> {
        serde_json::from_str(&memory.get(&keys::index_page(n)).unwrap()).unwrap()
    };
    assert_eq!(page(0).len(), INDEX_PAGE_SIZE);
    assert_eq!(page(1).len(), 1);
    assert_eq!(memory.get(&keys::index_page(2)), None);
}

/// Fails every write to an index page, as a full storage would after the record fit.
struct IndexWriteFails(MemoryBackend);

impl Backend for IndexWriteFails {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), WriteError> {
        if key.starts_with(keys::INDEX_PREFIX) {
            return Err(WriteError::QuotaExceeded);
        }
        self.0.set(key, value)
    }
    fn remove(&self, key: &str) {
        self.0.remove(key)
    }
    fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        self.0.keys_with_prefix(prefix)
    }
}

#[test]
fn a_save_whose_index_write_fails_leaves_no_half_saved_record() {
    let (memory, mut good) = fresh();
    let kept = queued(6);
    good.save(&kept).unwrap();
    let (mut failing, _) = open(IndexWriteFails(memory.clone()));
    let refused = queued(7);
    assert_eq!(failing.save(&refused), Err(SaveError::Full));
    let (store, loaded) = open(memory);
    assert_eq!(loaded.summaries.len(), 1);
    assert_eq!(store.get(&id_of(&kept)), Some(kept));
    assert_eq!(store.get(&id_of(&refused)), None);
}

#[test]
fn a_full_storage_refuses_the_save_and_keeps_everything_already_stored() {
    let memory = MemoryBackend::with_quota(20_000);
    let (mut store, _) = open(memory.clone());
    let kept = queued(10);
    store.save(&kept).unwrap();
    let mut refused = None;
    for seed in 11..100 {
        if let Err(e) = store.save(&queued(seed)) {
            refused = Some((seed, e));
            break;
        }
    }
    let (seed, error) = refused.expect("the quota was reached");
    assert_eq!(error, SaveError::Full);
    let (store, loaded) = open(memory);
    assert_eq!(loaded.summaries.len() as u64, seed - 10);
    assert_eq!(store.get(&id_of(&kept)), Some(kept));
    assert_eq!(store.get(&id_of(&queued(seed))), None);
}

#[test]
fn an_unreadable_entry_is_quarantined_and_reported_not_dropped() {
    let (memory, mut store) = fresh();
    store.save(&queued(8)).unwrap();
    let id = testdata::registration_id(99).to_string();
    let garbage = "{\"v\":1,\"state\":\"queued\",\"submission\":{\"id\":42";
    memory.set(&keys::record(&id), garbage).unwrap();
    let (store, loaded) = open(memory.clone());
    assert_eq!(loaded.summaries.len(), 1, "the readable one still loads");
    assert_eq!(loaded.quarantined, 1);
    // Kept aside as found, sealed (`sealed::seal_kept`).
    let kept = memory.get(&keys::quarantine(&id)).unwrap();
    let opened = super::now(crate::store::sealed::open_kept(
        &super::FakeCipher::default(),
        &keys::quarantine(&id),
        &kept,
    ));
    assert_eq!(opened.as_deref(), Some(garbage));
    assert_eq!(
        loaded.quarantined_size,
        keys::quarantine(&id).len() + kept.len()
    );
    assert_eq!(memory.get(&keys::record(&id)), None);
    assert!(!store.ids().contains(&id));
    assert_eq!(store.quarantined(), vec![(keys::quarantine(&id), kept)]);
    // Still reported on the next load.
    assert_eq!(open(memory).1.quarantined, 1);
}

#[test]
fn a_hand_made_entry_of_the_older_schema_is_migrated_when_read() {
    let (memory, _) = fresh();
    let id = testdata::registration_id(7).to_string();
    // Version 0: the prototype's flat record with Indonesian keys.
    let old = format!(
        r#"{{"v":1,"state":"queued","submission":{{"id":"{id}","nik":"3576014101900001","nama":"Sri Wahyuni",
        "tgl_lahir":"01-01-1990","jenis_kelamin":"P","hp":"081234567890","alamat":"Jl. Majapahit 12 RT 3 RW 5",
        "kelurahan":"Kauman","nama_usaha":"Warung Sri"}}}}"#
    );
    memory.set(&keys::record(&id), &old).unwrap();
    let (store, loaded) = open(memory);
    assert_eq!(loaded.quarantined, 0);
    let migrated = store.get(&id).unwrap().into_submission().unwrap();
    assert_eq!(migrated.schema_version, domain::SCHEMA_VERSION);
    assert_eq!(migrated.form.participant.full_name, "Sri Wahyuni");
    assert_eq!(migrated.form.participant.nik, "3576014101900001");
    assert_eq!(migrated.form.business.name, "Warung Sri");
}

#[test]
fn a_record_of_the_first_release_is_written_back_in_the_current_format_once() {
    let memory = MemoryBackend::new();
    let id = "c725e8b7-950a-4a06-bfd5-fe2529ff4fea"; // the sample's own id
    let v1 = include_str!("../samples/v1/duplicate_elsewhere.json");
    memory.set(&keys::record(id), v1).unwrap();
    let counting = Counting::new(memory.clone());
    let (store, loaded) = open(&counting);
    assert_eq!(loaded.summaries[0].state, RecordState::DuplicateElsewhere);
    assert_eq!(
        loaded.summaries[0].last_error.as_deref(),
        Some("duplicate_nik")
    );
    // Written back sealed, in today's format inside the box.
    let written = memory.get(&keys::record(id)).unwrap();
    assert!(matches!(sealed::peek(&written), sealed::Peeked::Sealed(_)));
    assert_eq!(
        opened(id, &written),
        format::decode(v1)
            .record()
            .map(format::Decoded::Current)
            .unwrap()
    );
    assert_eq!(
        store.get(id).unwrap().state(),
        RecordState::DuplicateElsewhere
    );
    // Opening again finds nothing to migrate: no write at all.
    counting.reset();
    open(&counting);
    assert_eq!(counting.counts().0, 0);
}

#[test]
fn a_record_of_a_newer_release_is_left_in_place_reported_and_never_overwritten() {
    let (memory, mut store) = fresh();
    store.save(&queued(20)).unwrap();
    let newer = queued(21);
    let id = id_of(&newer);
    let raw = format::encode(&newer).replacen("\"v\":2", "\"v\":3", 1);
    memory.set(&keys::record(&id), &raw).unwrap();
    let (mut store, loaded) = open(memory.clone());
    assert_eq!(loaded.newer, vec![id.clone()]);
    assert_eq!(loaded.quarantined, 0, "not garbage");
    assert_eq!(loaded.summaries.len(), 1, "not shown, not sent");
    assert_eq!(store.get(&id), None);
    assert_eq!(store.save(&newer), Err(SaveError::Newer));
    assert_eq!(store.remove(&id), Err(SaveError::Newer));
    assert_eq!(memory.get(&keys::record(&id)), Some(raw));
    assert_eq!(memory.get(&keys::quarantine(&id)), None);
}

#[test]
fn removing_a_draft_removes_its_record_and_its_index_entry() {
    let (memory, mut store) = fresh();
    let (kept, dropped) = (with(30, StoredRecord::draft), with(31, StoredRecord::draft));
    store.save(&kept).unwrap();
    store.save(&dropped).unwrap();
    store.remove(&id_of(&dropped)).unwrap();
    assert_eq!(memory.get(&keys::record(&id_of(&dropped))), None);
    assert_eq!(open(memory).0.ids(), vec![id_of(&kept)]);
}

#[test]
fn following_another_tab_writes_nothing() {
    let memory = MemoryBackend::new();
    let counting = Counting::new(memory.clone());
    let (mut this_tab, _) = open(&counting);
    let (mut other_tab, _) = open(memory.clone());
    let r = queued(40);
    other_tab.save(&r).unwrap();
    counting.reset();
    this_tab.adopt(&id_of(&r));
    assert_eq!(
        this_tab.summary(&id_of(&r)).unwrap().state,
        RecordState::Queued
    );
    assert_eq!(this_tab.ids(), vec![id_of(&r)]);
    other_tab.remove(&id_of(&r)).unwrap();
    this_tab.forget(&id_of(&r));
    assert!(this_tab.ids().is_empty());
    assert_eq!(counting.counts(), (0, 0));
}

#[test]
fn a_synced_record_is_saved_under_the_id_it_was_sent_with() {
    let (memory, mut store) = fresh();
    let r = queued(41);
    let id = id_of(&r);
    store.save(&r).unwrap();
    let sending = crate::store::transition::send(r.clone()).unwrap();
    store.replace(&id, &r, &sending).unwrap();
    let synced = crate::store::transition::apply(
        sending.clone(),
        &domain::wire::Outcome::Accepted {
            receipt: domain::wire::ReceiptNumber::new(2026, 1).unwrap(),
        },
        "2026-11-23T03:00:00.000Z",
    );
    assert!(store.save(&synced).is_err(), "a receipt alone names no id");
    let summary = store.replace(&id, &sending, &synced).unwrap();
    assert_eq!(summary.receipt.as_deref(), Some("MJK-2026-000001"));
    assert_eq!(open(memory).0.get(&id), Some(synced));
}

#[test]
fn a_save_costs_the_same_with_10_or_5000_stored() {
    fn cost_of_next_saves(stored: u64) -> Vec<(usize, usize)> {
        let (mut store, _) = open(Counting::new(MemoryBackend::new()));
        // A small record, as in the browser test that keeps 5,000 inside the quota.
        let small = |seed: u64| {
            let mut s = testdata::submission(seed);
            s.form = Default::default();
            StoredRecord::draft(s)
        };
        for seed in 0..stored {
            store.save(&small(seed)).unwrap();
        }
        // The same three kinds of save at each size: a new record, an update, another new one.
        let mut costs = Vec::new();
        let mut r = queued(1_000_000);
        for step in 0..3 {
            store.backend().reset();
            if step == 1 {
                r = StoredRecord::NeedsFix {
                    submission: r.into_submission().unwrap(),
                    city_errors: Vec::new(),
                };
                store.save(&r).unwrap();
            } else {
                r = queued(1_000_000 + step);
                store.save(&r).unwrap();
            }
            costs.push(store.backend().counts());
        }
        costs
    }
    let few = cost_of_next_saves(10);
    let many = cost_of_next_saves(5_000);
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
