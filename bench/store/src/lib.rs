//! The app's store ([`lindungi::store::Store`] over real `localStorage`) and a naive store that
//! keeps every registration in one JSON array under one key, driven from JavaScript by the
//! browser benchmarks in `bench/browser/`.
//!
//! Timing is done by the caller around [`project_save`] and [`naive_save`]: the record to save
//! is built beforehand by [`prepare`], so a sample holds the cost of saving and nothing else.
//! Registrations are the domain crate's generated test data (made-up people), valid today, so
//! the same seeds can also be sent to the real endpoint by the sync benchmark.

mod naive;
mod records;

use std::cell::RefCell;

use gloo_storage::{LocalStorage, Storage};
use lindungi::store::{LocalBackend, SaveError, Store, StoredRecord};
use wasm_bindgen::prelude::*;

use naive::NaiveStore;
use records::Records;

thread_local! {
    static RECORDS: RefCell<Records> = RefCell::new(Records::default());
    static PROJECT: RefCell<Option<Store>> = const { RefCell::new(None) };
    static NAIVE: RefCell<NaiveStore> = RefCell::new(NaiveStore::default());
    static PREPARED: RefCell<Option<StoredRecord>> = const { RefCell::new(None) };
}

fn reason(e: SaveError) -> JsValue {
    JsValue::from_str(match e {
        SaveError::Full => "QuotaExceeded",
        SaveError::Refused(_) => "Refused",
        // The benchmark's records are its own drafts and queued ones: none is ever refused for
        // its state, but a refusal is named all the same.
        SaveError::NotEditable(_) => "NotEditable",
        SaveError::Changed => "Changed",
        SaveError::Newer => "Newer",
    })
}

/// Empties `localStorage` and forgets both stores and the NIKs handed out so far.
#[wasm_bindgen]
pub fn reset() {
    LocalStorage::clear();
    PROJECT.with(|p| *p.borrow_mut() = None);
    NAIVE.with(|n| *n.borrow_mut() = NaiveStore::default());
    RECORDS.with(|r| *r.borrow_mut() = Records::default());
}

/// Starts handing out registrations from `seed` (a second set that shares no id with the first).
#[wasm_bindgen]
pub fn set_first_seed(seed: u32) {
    RECORDS.with(|r| r.borrow_mut().set_first_seed(u64::from(seed)));
}

/// Opens the app's store over `localStorage` (as the app does at start-up); returns how many
/// registrations it loaded.
#[wasm_bindgen]
pub fn project_open() -> usize {
    let (store, loaded) = Store::open(LocalBackend);
    PROJECT.with(|p| *p.borrow_mut() = Some(store));
    loaded.summaries.len()
}

fn with_project<T>(f: impl FnOnce(&mut Store) -> T) -> T {
    PROJECT.with(|p| {
        let mut p = p.borrow_mut();
        let store = p.get_or_insert_with(|| Store::open(LocalBackend).0);
        f(store)
    })
}

/// Saves `n` new queued registrations through the app's store. Stops early at a full storage
/// and returns how many were saved.
#[wasm_bindgen]
pub fn project_seed(n: usize) -> Result<usize, JsValue> {
    with_project(|store| {
        for i in 0..n {
            let record = RECORDS.with(|r| r.borrow_mut().next());
            match store.save(&record) {
                Ok(_) => {}
                Err(SaveError::Full) => return Ok(i),
                Err(e) => return Err(reason(e)),
            }
        }
        Ok(n)
    })
}

/// Removes the last `n` registrations saved through the app's store, to leave room for the
/// timed saves when seeding stopped at a full storage. Returns how many are left.
#[wasm_bindgen]
pub fn project_make_room(n: usize) -> Result<usize, JsValue> {
    with_project(|store| {
        let ids = store.ids();
        for id in ids.iter().rev().take(n) {
            store.remove(id).map_err(reason)?;
        }
        Ok(store.ids().len())
    })
}

/// Builds the next registration to save, outside the timed part.
#[wasm_bindgen]
pub fn prepare() {
    let record = RECORDS.with(|r| r.borrow_mut().next());
    PREPARED.with(|p| *p.borrow_mut() = Some(record));
}

fn take_prepared() -> StoredRecord {
    PREPARED
        .with(|p| p.borrow_mut().take())
        .expect_throw("call prepare() before each save")
}

/// Saves the prepared registration through the app's store: the timed operation.
#[wasm_bindgen]
pub fn project_save() -> Result<(), JsValue> {
    let record = take_prepared();
    with_project(|store| store.save(&record).map(|_| ()).map_err(reason))
}

/// Writes `n` new queued registrations into the naive store in one write (seeding it one
/// save at a time would cost O(n²)). Returns false if the array no longer fits.
#[wasm_bindgen]
pub fn naive_seed(n: usize) -> Result<bool, JsValue> {
    let batch: Vec<StoredRecord> = (0..n)
        .map(|_| RECORDS.with(|r| r.borrow_mut().next()))
        .collect();
    NAIVE.with(|s| s.borrow_mut().append_all(batch))
}

/// Saves the prepared registration through the naive store (read all, parse, append, write
/// all): the timed operation.
#[wasm_bindgen]
pub fn naive_save() -> Result<(), JsValue> {
    let record = take_prepared();
    NAIVE.with(|s| s.borrow().save(&record))
}

/// Saves new registrations through the app's store until the browser refuses for lack of
/// space; returns how many fitted.
#[wasm_bindgen]
pub fn project_fill() -> Result<usize, JsValue> {
    let mut saved = 0;
    loop {
        let n = project_seed(256)?;
        saved += n;
        if n < 256 {
            return Ok(saved);
        }
    }
}

/// Grows the naive store until its one value no longer fits: in steps of `step` registrations,
/// then one at a time from the last size that fitted. Returns how many fitted.
#[wasm_bindgen]
pub fn naive_fill(step: usize) -> Result<usize, JsValue> {
    NAIVE.with(|s| {
        let mut s = s.borrow_mut();
        for step in [step.max(1), 1] {
            loop {
                let batch: Vec<StoredRecord> = (0..step)
                    .map(|_| RECORDS.with(|r| r.borrow_mut().next()))
                    .collect();
                if !s.append_all(batch)? {
                    break;
                }
            }
        }
        Ok(s.count())
    })
}

/// The next `n` registrations as the body of one batch upload (`{"registrations":[…]}`), for
/// sending straight to the endpoint without the app (the sync benchmark's baseline).
#[wasm_bindgen]
pub fn batch_body(n: usize) -> String {
    let registrations: Vec<domain::Submission> = (0..n)
        .filter_map(|_| RECORDS.with(|r| r.borrow_mut().next()).into_submission())
        .collect();
    serde_json::to_string(&domain::wire::BatchRequest {
        registrations,
        health: None,
    })
    .expect_throw("a batch serializes")
}
