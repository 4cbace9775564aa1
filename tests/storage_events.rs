//! Following other tabs, in real headless Chromium: a same-origin frame writes to the same
//! `localStorage`, and the browser tells this window through the `storage` event, as it tells
//! one tab of another's writes.
#![cfg(target_arch = "wasm32")]

use std::{cell::RefCell, rc::Rc};

use domain::testdata;
use gloo_storage::{LocalStorage, Storage};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::{GetUntracked, Owner};
use lindungi::{
    crypto::DataKey,
    i18n::Lang,
    store::{RecordState, StoredRecord, context::provide_store, format, keys, sealed},
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The `localStorage` of a new same-origin frame: "another tab".
fn another_tab() -> web_sys::Storage {
    let document = web_sys::window().unwrap().document().unwrap();
    let frame = document.create_element("iframe").unwrap();
    document.body().unwrap().append_child(&frame).unwrap();
    // The frame's objects come from another realm, where `instanceof` checks fail: they are
    // a Window and a Storage all the same.
    let window = js_sys::Reflect::get(&frame, &"contentWindow".into()).unwrap();
    js_sys::Reflect::get(&window, &"localStorage".into())
        .unwrap()
        .unchecked_into::<web_sys::Storage>()
}

/// Lets the browser deliver the `storage` events (they are queued as tasks).
async fn events_delivered() {
    TimeoutFuture::new(100).await;
}

#[wasm_bindgen_test]
async fn a_setting_another_tab_changes_is_followed_until_its_owner_is_gone() {
    LocalStorage::clear();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let owner = Owner::new();
    let record = seen.clone();
    owner.with(|| lindungi::i18n::LANGUAGE.follow(move |lang| record.borrow_mut().push(lang)));
    let other = another_tab();
    other.set_item(keys::LANGUAGE, "\"en\"").unwrap();
    other
        .set_item(keys::LAST_SYNC, "2026-11-23T03:00:00.000Z")
        .unwrap();
    events_delivered().await;
    assert_eq!(*seen.borrow(), vec![Some(Lang::En)], "only its own key");
    // The listener goes with its owner: nothing is delivered after the cleanup.
    owner.cleanup();
    other.set_item(keys::LANGUAGE, "\"id\"").unwrap();
    events_delivered().await;
    assert_eq!(*seen.borrow(), vec![Some(Lang::En)]);
}

#[wasm_bindgen_test]
async fn a_registration_another_tab_saves_or_removes_is_followed_in_the_lists() {
    LocalStorage::clear();
    let owner = Owner::new();
    let store = owner.with(provide_store);
    let key = DataKey::generate().await.unwrap();
    store.unlock(key.clone(), |_, _| {}).await;
    // The other tab is unlocked with the same key (the phone's one data key): it writes sealed.
    let record = StoredRecord::queued(testdata::submission(70));
    let id = record.id().unwrap().to_owned();
    let text = sealed::seal(&key, &id, &record, "t1".into()).await.unwrap();
    let other = another_tab();
    other.set_item(&keys::record(&id), &text).unwrap();
    events_delivered().await;
    let states = || {
        store
            .summaries_signal()
            .get_untracked()
            .into_iter()
            .map(|s| (s.id, s.state))
            .collect::<Vec<_>>()
    };
    assert_eq!(states(), vec![(id.clone(), RecordState::Queued)]);
    // A tab of an earlier release, still open, writes in clear: followed all the same.
    let older = StoredRecord::queued(testdata::submission(71));
    let older_id = older.id().unwrap().to_owned();
    other
        .set_item(&keys::record(&older_id), &format::encode(&older))
        .unwrap();
    events_delivered().await;
    assert_eq!(
        states(),
        vec![
            (id.clone(), RecordState::Queued),
            (older_id.clone(), RecordState::Queued)
        ]
    );
    other.remove_item(&keys::record(&older_id)).unwrap();
    other.remove_item(&keys::record(&id)).unwrap();
    events_delivered().await;
    assert_eq!(states(), vec![]);
    owner.cleanup();
}
