//! Sealed records under the real data key in headless Chromium: what is stored holds none of
//! the person's data, and opens back into the record (the logic is tested natively over a fake
//! cipher, `src/store/tests/sealed.rs`).
#![cfg(target_arch = "wasm32")]

use domain::testdata;
use lindungi::{
    crypto::DataKey,
    store::{
        StoredRecord,
        format::Decoded,
        sealed::{open, seal},
    },
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_sealed_registration_shows_nothing_of_the_person_and_opens_as_it_was() {
    let key = DataKey::generate().await.unwrap();
    let record = StoredRecord::queued(testdata::submission(11));
    let id = record.id().unwrap().to_owned();
    let raw = seal(&key, &id, &record, "tag".into()).await.unwrap();
    let form = &record.submission().unwrap().form;
    let p = &form.participant;
    for personal in [
        &p.nik,
        &p.full_name,
        &p.mother_maiden_name,
        &p.phone,
        &form.address.street,
    ] {
        assert!(!personal.is_empty());
        assert!(!raw.contains(personal.as_str()), "{raw}");
    }
    assert!(raw.starts_with(r#"{"v":3,"state":"queued""#), "{raw}");
    assert_eq!(open(&key, &id, &raw).await, Decoded::Current(record));
    let other = DataKey::generate().await.unwrap();
    assert_eq!(open(&other, &id, &raw).await, Decoded::Unreadable);
}
