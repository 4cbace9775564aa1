//! The cost of sealing, for the encryption of issue 16: a registration sealed as the store will
//! write it (compressed, then AES-256-GCM under a data key, `lindungi::store::sealed`), and one
//! index page of the list's summaries opened as unlocking will open each. Timing is done by the
//! caller around [`seal_prepared`] and [`open_page`]; the registration is built beforehand.

use std::cell::RefCell;

use lindungi::{crypto::DataKey, store::sealed};
use wasm_bindgen::prelude::*;

use crate::{RECORDS, take_prepared};

thread_local! {
    static KEY: RefCell<Option<DataKey>> = const { RefCell::new(None) };
    static PAGE: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn key() -> DataKey {
    KEY.with(|k| k.borrow().clone())
        .expect_throw("call seal_setup() first")
}

fn failed(e: impl std::fmt::Display) -> JsValue {
    JsValue::from_str(&e.to_string())
}

/// A fresh data key, and one index page of `page_size` summaries sealed under it: what the
/// list needs of each registration (id, state, name, NIK, last change) as JSON.
#[wasm_bindgen]
pub async fn seal_setup(page_size: usize) -> Result<usize, JsValue> {
    let key = DataKey::generate().await.map_err(failed)?;
    let summaries: Vec<serde_json::Value> = (0..page_size)
        .map(|_| {
            let record = RECORDS.with(|r| r.borrow_mut().next());
            let s = record.submission().expect_throw("a queued record");
            serde_json::json!({
                "id": s.id,
                "state": record.state(),
                "name": s.form.participant.full_name,
                "nik": s.form.participant.nik,
                "updated_at": s.updated_at,
            })
        })
        .collect();
    let plain = serde_json::to_vec(&summaries).expect_throw("summaries serialize");
    let page = key.seal(&plain, b"page").await.map_err(failed)?;
    let size = page.len();
    KEY.with(|k| *k.borrow_mut() = Some(key));
    PAGE.with(|p| *p.borrow_mut() = Some(page));
    Ok(size)
}

/// Seals the prepared registration as the store will write it: returns the characters of the
/// sealed text and of the same record in clear, `[sealed, clear]`.
#[wasm_bindgen]
pub async fn seal_prepared() -> Result<Vec<u32>, JsValue> {
    let record = take_prepared();
    let id = record.id().expect_throw("an id").to_owned();
    let raw = sealed::seal(&key(), &id, &record, "AAAAAAAA".into())
        .await
        .map_err(failed)?;
    let clear = lindungi::store::format::encode(&record);
    Ok(vec![raw.len() as u32, clear.len() as u32])
}

/// Opens the sealed index page once: what unlocking does for each page of the list.
#[wasm_bindgen]
pub async fn open_page() -> Result<usize, JsValue> {
    let page = PAGE
        .with(|p| p.borrow().clone())
        .expect_throw("call seal_setup() first");
    let plain = key().open(&page, b"page").await.map_err(failed)?;
    Ok(plain.len())
}
