//! The phone's side of the worklist benchmark (`bench/browser/worklist-phone.mjs`): the app's
//! own client fetching an officer's area from the real endpoint, the app's cache sealing and
//! storing it, and how many registrations the store then takes beside it.

use domain::{testdata, wire::worklist::WorklistState};
use gloo_storage::{LocalStorage, Storage};
use lindungi::{
    api::AuthorizedApi,
    store::{LocalBackend, keys},
    worklist::{Opened, Worklist, WorklistCache, catch_up},
};
use wasm_bindgen::prelude::*;

use crate::data_key;

fn now() -> f64 {
    js_sys::Date::now()
}

/// The generated roster of the worklist benchmarks (`testdata::area_roster_csv`): `area`
/// entries in Kauman, `others` elsewhere.
#[wasm_bindgen]
pub fn roster_csv(area: u64, others: u64) -> String {
    testdata::area_roster_csv(area, others)
}

/// A first sync of the worklist through the app's code, timed: `[fetch ms (requests, gzip,
/// JSON into the wire types, pages applied), open entries, keep ms (sealed and written), chars
/// stored, open ms (opened again, as at an unlock)]`.
#[wasm_bindgen]
pub async fn worklist_first_sync(token: String) -> Result<Vec<f64>, JsValue> {
    LocalStorage::delete(keys::WORKLIST);
    let api = AuthorizedApi::new(token);
    let started = now();
    let mut state = WorklistState::default();
    catch_up(&mut state, |cursor| {
        let api = api.clone();
        async move { api.worklist(cursor.as_deref()).await }
    })
    .await
    .map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
    let fetched = now() - started;
    let entries = state.entries.len() as f64;
    let key = data_key().await?;
    let cache = WorklistCache::new(LocalBackend, &key);
    let list = Worklist {
        state,
        fetched_at: now() as u64,
    };
    let started = now();
    let chars = cache
        .keep(&list)
        .await
        .map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
    let kept = now() - started;
    let started = now();
    let Opened::Kept(opened) = cache.open().await else {
        return Err(JsValue::from_str("the kept worklist did not open"));
    };
    let open = now() - started;
    if opened != list {
        return Err(JsValue::from_str("the kept worklist opened different"));
    }
    Ok(vec![fetched, entries, kept, chars as f64, open])
}

/// The same list stored in clear (its JSON as the endpoint sent it, one key): the storage
/// baseline. Returns the chars it takes.
#[wasm_bindgen]
pub fn worklist_clear_chars(body: String) -> Result<usize, JsValue> {
    LocalStorage::raw().set_item("bench.worklist.clear", &body)?;
    let chars = "bench.worklist.clear".len() + body.len();
    LocalStorage::delete("bench.worklist.clear");
    Ok(chars)
}

/// Saves registrations through the app's store until storage is full, with the worklist kept
/// beforehand: `[saved while the worklist was still stored, saved in all]`, in steps of 32.
#[wasm_bindgen]
pub async fn fill_beside_worklist() -> Result<Vec<u32>, JsValue> {
    let (mut beside, mut total) = (0u32, 0u32);
    loop {
        let n = crate::project_seed(32).await?;
        total += n as u32;
        if LocalStorage::raw().get_item(keys::WORKLIST)?.is_some() {
            beside = total;
        }
        if n < 32 {
            return Ok(vec![beside, total]);
        }
    }
}
