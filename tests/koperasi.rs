//! The koperasi on a phone, in real headless Chromium against real `localStorage`.
#![cfg(target_arch = "wasm32")]

use domain::{Kelurahan, testdata};
use gloo_storage::{LocalStorage, Storage};
use lindungi::{
    koperasi::KoperasiBook,
    store::{LocalBackend, SaveError, keys},
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh() -> KoperasiBook {
    LocalStorage::clear();
    KoperasiBook::new(LocalBackend)
}

#[wasm_bindgen_test]
fn a_registered_koperasi_is_kept_and_chosen_across_reopening() {
    let book = fresh();
    let first = testdata::koperasi_form(Kelurahan::ALL[0]);
    let second = testdata::koperasi_form(Kelurahan::ALL[5]);
    book.add(&first).unwrap();
    book.add(&second).unwrap();
    let reopened = KoperasiBook::new(LocalBackend);
    assert_eq!(reopened.all(), vec![first.clone(), second.clone()]);
    assert_eq!(reopened.chosen(), Some(second));
    reopened.choose(Some(&first.id)).unwrap();
    assert_eq!(KoperasiBook::new(LocalBackend).chosen(), Some(first));
    reopened.choose(None).unwrap();
    assert_eq!(KoperasiBook::new(LocalBackend).chosen(), None);
}

#[wasm_bindgen_test]
fn a_corrected_koperasi_replaces_the_one_with_its_id_and_drops_a_member_number() {
    let book = fresh();
    let mut koperasi = testdata::koperasi_form(Kelurahan::ALL[1]);
    book.add(&koperasi).unwrap();
    koperasi.name = "Koperasi Pasar Tanjung Anyar".into();
    koperasi.member_number = "KMP-0001".into();
    book.add(&koperasi).unwrap();
    let all = book.all();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].name, "Koperasi Pasar Tanjung Anyar");
    assert_eq!(all[0].member_number, "");
}

#[wasm_bindgen_test]
fn an_unreadable_list_is_never_overwritten() {
    let book = fresh();
    LocalStorage::raw()
        .set_item(keys::KOPERASI, "[{\"id\":")
        .unwrap();
    let result = book.add(&testdata::koperasi_form(Kelurahan::ALL[2]));
    assert!(matches!(result, Err(SaveError::Refused(_))), "{result:?}");
    assert_eq!(
        LocalStorage::raw()
            .get_item(keys::KOPERASI)
            .unwrap()
            .as_deref(),
        Some("[{\"id\":")
    );
}

#[wasm_bindgen_test]
fn a_full_storage_refuses_a_new_koperasi_and_keeps_the_old_list() {
    let book = fresh();
    let kept = testdata::koperasi_form(Kelurahan::ALL[3]);
    book.add(&kept).unwrap();
    // Fill the real quota: big chunks first, then smaller ones, until nothing fits.
    let storage = LocalStorage::raw();
    let mut n = 0;
    for size in [1 << 20, 1 << 16, 1 << 12, 1 << 8, 16] {
        let chunk = "x".repeat(size);
        while storage.set_item(&format!("filler.{n}"), &chunk).is_ok() {
            n += 1;
        }
    }
    let result = book.add(&testdata::koperasi_form(Kelurahan::ALL[4]));
    clear_filler(n);
    assert_eq!(result, Err(SaveError::Full));
    assert_eq!(book.all(), vec![kept.clone()]);
    assert_eq!(book.chosen(), Some(kept));
}

/// Removes the filler keys again.
fn clear_filler(n: usize) {
    for i in 0..n {
        LocalStorage::delete(format!("filler.{i}"));
    }
}
