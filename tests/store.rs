//! The browser store, in real headless Chromium.

use gloo_storage::{LocalStorage, Storage};
use lindungi::store::{self, Entry, EntryState, keys};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn entry(name: &str) -> Entry {
    Entry {
        id: store::new_id(),
        name: name.into(),
        state: EntryState::OnPhone,
    }
}

#[wasm_bindgen_test]
fn a_saved_entry_is_read_back_in_saving_order() {
    LocalStorage::clear();
    let first = entry("Generated Satu");
    let second = entry("Generated Dua");
    store::save(&first).unwrap();
    store::save(&second).unwrap();
    assert_eq!(store::load_all().unwrap(), vec![first, second]);
}

#[wasm_bindgen_test]
fn saving_an_entry_again_updates_it_without_a_second_index_row() {
    LocalStorage::clear();
    let mut e = entry("Generated Tiga");
    store::save(&e).unwrap();
    e.state = EntryState::Sent;
    store::save(&e).unwrap();
    let index: Vec<String> = LocalStorage::get(keys::INDEX).unwrap();
    assert_eq!(index, vec![e.id.clone()]);
    assert_eq!(store::load_all().unwrap(), vec![e]);
}
