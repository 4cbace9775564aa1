//! The app's store ([`lindungi::store::Store`] over real `localStorage`) and a naive store that
//! keeps every registration in one JSON array under one key, driven from JavaScript by the
//! browser benchmarks in `bench/browser/`; and the cost of sealing a registration and of opening
//! an index page of summaries ([`sealing`]).
//!
//! Timing is done by the caller around [`project_save`] and [`naive_save`]: the record to save
//! is built beforehand by [`prepare`], so a sample holds the cost of saving and nothing else.
//! Registrations are the domain crate's generated test data (made-up people), valid today, so
//! the same seeds can also be sent to the real endpoint by the sync benchmark.

mod naive;
mod records;
mod sealing;
mod worklist;

use std::cell::RefCell;

use gloo_storage::{LocalStorage, Storage};
use lindungi::{
    crypto::DataKey,
    keyring::{KEYRING, Keyring, PIN_ITERATIONS},
    store::{LocalBackend, Premise, SaveError, Store, StoredRecord, seal},
};
use wasm_bindgen::prelude::*;

use naive::NaiveStore;
use records::Records;

thread_local! {
    static RECORDS: RefCell<Records> = RefCell::new(Records::default());
    static PROJECT: RefCell<Option<Store>> = const { RefCell::new(None) };
    static NAIVE: RefCell<NaiveStore> = RefCell::new(NaiveStore::default());
    static PREPARED: RefCell<Option<StoredRecord>> = const { RefCell::new(None) };
    static KEY: RefCell<Option<DataKey>> = const { RefCell::new(None) };
}

/// The data key the app's store seals with (one per page, as on a phone).
async fn data_key() -> Result<DataKey, JsValue> {
    if let Some(key) = KEY.with(|k| k.borrow().clone()) {
        return Ok(key);
    }
    let key = DataKey::generate()
        .await
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    KEY.with(|k| *k.borrow_mut() = Some(key.clone()));
    Ok(key)
}

/// Makes the data key the app's own, under `pin`: opens the phone's keyring with it, or chooses
/// it as the phone's first PIN (a keyring created as the PIN screen creates it). What is seeded
/// after this opens in the real app once the PIN is typed there.
#[wasm_bindgen]
pub async fn use_app_pin(pin: String) -> Result<(), JsValue> {
    let browser = |e: String| JsValue::from_str(&e);
    let key = match KEYRING.get_in(&LocalBackend) {
        Some(keyring) => keyring
            .open(&domain::pin::Pin::typed(&pin))
            .await
            .map_err(|e| browser(e.to_string()))?,
        None => {
            let chosen = domain::pin::Pin::choose(&pin).map_err(|e| browser(format!("{e:?}")))?;
            let (keyring, key) = Keyring::create(&chosen, PIN_ITERATIONS, None)
                .await
                .map_err(|e| browser(e.to_string()))?;
            KEYRING
                .set_in(&LocalBackend, &keyring)
                .map_err(|e| browser(format!("{e:?}")))?;
            key
        }
    };
    KEY.with(|k| *k.borrow_mut() = Some(key));
    PROJECT.with(|p| *p.borrow_mut() = None);
    Ok(())
}

/// The app's store, taken out of its cell while an operation awaits (put back by [`put_back`]).
async fn take_project() -> Result<Store, JsValue> {
    if let Some(store) = PROJECT.with(|p| p.borrow_mut().take()) {
        return Ok(store);
    }
    let key = data_key().await?;
    Ok(Store::open(LocalBackend, &key, &|_, _| {}).await.0)
}

fn put_back(store: Store) {
    PROJECT.with(|p| *p.borrow_mut() = Some(store));
}

/// A form's save, as the app makes it: sealed with the data key, then written.
async fn save(store: &mut Store, record: &StoredRecord) -> Result<(), SaveError> {
    let key = data_key().await.map_err(|_| SaveError::Locked)?;
    let id = record
        .id()
        .expect("the benchmark saves registrations")
        .to_owned();
    let sealed = seal(&key, &id, record).await?;
    store
        .write(&id, Premise::Editable, Some(sealed))
        .map(|_| ())
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
        SaveError::Locked => "Locked",
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

/// Opens the app's store over `localStorage` with the data key, as the app does at unlock (the
/// sealed index pages, and each record they do not summarise as stored); returns
/// `{"listed":…,"opened":…}`: registrations listed, and records opened one by one.
#[wasm_bindgen]
pub async fn project_open() -> Result<String, JsValue> {
    let key = data_key().await?;
    PROJECT.with(|p| p.borrow_mut().take());
    let (store, loaded) = Store::open(LocalBackend, &key, &|_, _| {}).await;
    put_back(store);
    Ok(
        serde_json::json!({ "listed": loaded.summaries.len(), "opened": loaded.opened })
            .to_string(),
    )
}

/// Saves `n` new queued registrations through the app's store, then seals the index pages
/// they changed, as the app does a second after a write (a page that no longer fits is left in
/// clear, as in the app: the records come first). Stops early at a full storage and returns how
/// many were saved.
#[wasm_bindgen]
pub async fn project_seed(n: usize) -> Result<usize, JsValue> {
    let mut store = take_project().await?;
    let mut saved = Ok(n);
    for i in 0..n {
        let record = RECORDS.with(|r| r.borrow_mut().next());
        match save(&mut store, &record).await {
            Ok(()) => {}
            Err(SaveError::Full) => {
                saved = Ok(i);
                break;
            }
            Err(e) => {
                saved = Err(reason(e));
                break;
            }
        }
    }
    let key = data_key().await?;
    store.seal_pages(&key).await;
    put_back(store);
    saved
}

/// Removes the last `n` registrations saved through the app's store, to leave room for the
/// timed saves when seeding stopped at a full storage. Returns how many are left.
#[wasm_bindgen]
pub async fn project_make_room(n: usize) -> Result<usize, JsValue> {
    let mut store = take_project().await?;
    let ids = store.ids();
    let mut result = Ok(());
    for id in ids.iter().rev().take(n) {
        result = store.write(id, Premise::Editable, None).map(|_| ());
        if result.is_err() {
            break;
        }
    }
    let left = store.ids().len();
    put_back(store);
    result.map(|()| left).map_err(reason)
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

/// Saves the prepared registration through the app's store: the timed operation (sealing,
/// which awaits the browser's WebCrypto, and the write).
#[wasm_bindgen]
pub async fn project_save() -> Result<(), JsValue> {
    let record = take_prepared();
    let mut store = take_project().await?;
    let saved = save(&mut store, &record).await.map_err(reason);
    put_back(store);
    saved
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
pub async fn project_fill() -> Result<usize, JsValue> {
    let mut saved = 0;
    loop {
        let n = project_seed(256).await?;
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
