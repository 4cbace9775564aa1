//! The baseline: every registration in one JSON array under one key, the first thing one
//! writes with gloo-storage. Each save reads the whole array, parses it, appends, and writes
//! the whole array back, so its cost grows with what is already stored.

use gloo_storage::{LocalStorage, Storage};
use lindungi::store::StoredRecord;
use wasm_bindgen::prelude::*;

/// The one key (outside the app's own prefix, so the two stores never meet).
const KEY: &str = "bench.naive.registrations";

#[derive(Default)]
pub struct NaiveStore {
    /// How many the stored array holds (kept for `naive_fill`'s answer).
    len: usize,
}

impl NaiveStore {
    fn read() -> Vec<StoredRecord> {
        LocalStorage::raw()
            .get_item(KEY)
            .ok()
            .flatten()
            .map(|raw| serde_json::from_str(&raw).expect_throw("the naive array reads back"))
            .unwrap_or_default()
    }

    fn write(all: &[StoredRecord]) -> Result<bool, JsValue> {
        let json = serde_json::to_string(all).expect_throw("records serialize");
        match LocalStorage::raw().set_item(KEY, &json) {
            Ok(()) => Ok(true),
            Err(e) if is_quota(&e) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// One save, the naive way.
    pub fn save(&self, record: &StoredRecord) -> Result<(), JsValue> {
        let mut all = Self::read();
        all.push(record.clone());
        if Self::write(&all)? {
            Ok(())
        } else {
            Err(JsValue::from_str("QuotaExceeded"))
        }
    }

    /// Appends many in one write; false (and nothing changed) if the result does not fit.
    pub fn append_all(&mut self, batch: Vec<StoredRecord>) -> Result<bool, JsValue> {
        let mut all = Self::read();
        all.extend(batch);
        let fitted = Self::write(&all)?;
        if fitted {
            self.len = all.len();
        }
        Ok(fitted)
    }

    /// Registrations stored.
    pub fn count(&self) -> usize {
        self.len
    }
}

fn is_quota(e: &JsValue) -> bool {
    js_sys::Reflect::get(e, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .is_some_and(|n| n == "QuotaExceededError")
}
