//! The worklist cache in real headless Chromium: sealed with a real data key (WebCrypto and
//! `CompressionStream`) in real `localStorage`, and dropped by the browser's own quota error
//! before a registration is refused. The logic is tested natively in `src/worklist.rs`.
#![cfg(target_arch = "wasm32")]

use domain::{testdata, wire::worklist::WorklistState};
use gloo_storage::{LocalStorage, Storage};
use lindungi::{
    crypto::DataKey,
    store::{Backend, LocalBackend, Premise, Store, StoredRecord, keys, seal},
    worklist::{Opened, Worklist, WorklistCache},
};
use wasm_bindgen_test::*;

#[path = "support/quota.rs"]
mod quota;
use quota::{clear_filler, fill_storage};

wasm_bindgen_test_configure!(run_in_browser);

fn worklist(n: u64) -> Worklist {
    let mut state = WorklistState::default();
    for i in 0..n {
        let entry = testdata::worklist_entry(i);
        state.entries.insert(entry.id, entry);
    }
    state.cursor = Some("cursor".into());
    Worklist {
        state,
        fetched_at: 1_764_000_000_000,
    }
}

#[wasm_bindgen_test]
async fn a_worklist_of_2000_is_kept_sealed_and_opens_whole() {
    LocalStorage::clear();
    let key = DataKey::generate().await.unwrap();
    let cache = WorklistCache::new(LocalBackend, &key);
    let list = worklist(2_000);
    let chars = cache.keep(&list).await.unwrap();
    let stored = LocalBackend.get(keys::WORKLIST).unwrap();
    for entry in list.state.entries.values().take(50) {
        assert!(!stored.contains(entry.nik.as_str()));
        assert!(!stored.contains(entry.name.as_str()));
    }
    // Compressed before it is sealed: far below the JSON's size (about 150 characters each).
    assert!(chars < 2_000 * 60, "{chars} characters stored");
    assert_eq!(cache.open().await, Opened::Kept(list));
    // Another phone's key does not open it.
    let other = DataKey::generate().await.unwrap();
    assert_eq!(
        WorklistCache::new(LocalBackend, &other).open().await,
        Opened::Unreadable
    );
}

#[wasm_bindgen_test]
async fn a_full_storage_drops_the_worklist_and_the_registration_is_saved() {
    LocalStorage::clear();
    let key = DataKey::generate().await.unwrap();
    let cache = WorklistCache::new(LocalBackend, &key);
    cache.keep(&worklist(2_000)).await.unwrap();
    let n = fill_storage();
    let (mut store, _) = Store::open(LocalBackend, &key, &|_, _| {}).await;
    let record = StoredRecord::queued(testdata::submission(7));
    let id = record.id().unwrap().to_owned();
    let sealed = seal(&key, &id, &record).await.unwrap();
    let saved = store.write(&id, Premise::Editable, Some(sealed));
    clear_filler(n);
    saved.expect("the registration is saved once the worklist gives way");
    assert!(LocalBackend.get(&keys::record(&id)).is_some());
    assert!(matches!(cache.open().await, Opened::Dropped(_)));
    // Fetched again once there is room: kept, and the drop forgotten.
    cache.keep(&worklist(10)).await.unwrap();
    assert!(matches!(cache.open().await, Opened::Kept(_)));
    assert_eq!(LocalBackend.get(keys::WORKLIST_DROPPED), None);
}
