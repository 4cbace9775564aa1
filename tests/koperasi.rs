//! The koperasi on a phone, in real headless Chromium against real `localStorage`, sealed with a
//! real data key (WebCrypto).
#![cfg(target_arch = "wasm32")]

use domain::{Kelurahan, testdata};
use gloo_storage::{LocalStorage, Storage};
use lindungi::{
    crypto::DataKey,
    koperasi::KoperasiBook,
    store::{LocalBackend, SaveError, keys},
};
use wasm_bindgen_test::*;

#[path = "support/quota.rs"]
mod quota;
use quota::{clear_filler, fill_storage};

wasm_bindgen_test_configure!(run_in_browser);

async fn key() -> DataKey {
    DataKey::generate().await.unwrap()
}

fn fresh(key: &DataKey) -> KoperasiBook<'_, DataKey> {
    LocalStorage::clear();
    KoperasiBook::new(LocalBackend, key)
}

fn stored() -> Option<String> {
    LocalStorage::raw().get_item(keys::KOPERASI).unwrap()
}

#[wasm_bindgen_test]
async fn a_registered_koperasi_is_kept_and_chosen_across_reopening() {
    let key = key().await;
    let book = fresh(&key);
    let first = testdata::koperasi_form(Kelurahan::ALL[0]);
    let second = testdata::koperasi_form(Kelurahan::ALL[5]);
    book.add(&first).await.unwrap();
    book.add(&second).await.unwrap();
    let reopened = KoperasiBook::new(LocalBackend, &key);
    assert_eq!(reopened.all().await, vec![first.clone(), second.clone()]);
    assert_eq!(reopened.chosen().await, Some(second));
    reopened.choose(Some(&first.id)).unwrap();
    assert_eq!(
        KoperasiBook::new(LocalBackend, &key).chosen().await,
        Some(first)
    );
    reopened.choose(None).unwrap();
    assert_eq!(KoperasiBook::new(LocalBackend, &key).chosen().await, None);
}

#[wasm_bindgen_test]
async fn the_stored_book_shows_neither_the_name_nor_the_chair_nik() {
    let key = key().await;
    let book = fresh(&key);
    let koperasi = testdata::koperasi_form(Kelurahan::ALL[2]);
    book.add(&koperasi).await.unwrap();
    let text = stored().unwrap();
    assert!(text.starts_with("{\"v\":1,\"box\":"), "{}", text.len());
    assert!(
        !text.contains(&koperasi.chair_nik),
        "the chair's NIK in clear"
    );
    assert!(
        !text.contains(&koperasi.name),
        "the koperasi's name in clear"
    );
}

#[wasm_bindgen_test]
async fn a_book_an_earlier_release_stored_in_clear_reads_and_is_sealed_in_place() {
    let key = key().await;
    let book = fresh(&key);
    let mut koperasi = testdata::koperasi_form(Kelurahan::ALL[4]);
    koperasi.via_koperasi = true;
    koperasi.member_number = String::new();
    let clear = serde_json::to_string(&vec![koperasi.clone()]).unwrap();
    LocalStorage::raw()
        .set_item(keys::KOPERASI, &clear)
        .unwrap();
    assert_eq!(book.all().await, vec![koperasi.clone()]);
    assert_eq!(book.seal_in_place().await, Ok(true));
    assert!(!stored().unwrap().contains(&koperasi.chair_nik));
    assert_eq!(book.all().await, vec![koperasi]);
    // Sealed already: nothing more to do.
    assert_eq!(book.seal_in_place().await, Ok(false));
}

#[wasm_bindgen_test]
async fn a_corrected_koperasi_replaces_the_one_with_its_id_and_drops_a_member_number() {
    let key = key().await;
    let book = fresh(&key);
    let mut koperasi = testdata::koperasi_form(Kelurahan::ALL[1]);
    book.add(&koperasi).await.unwrap();
    koperasi.name = "Koperasi Pasar Tanjung Anyar".into();
    koperasi.member_number = "KMP-0001".into();
    book.add(&koperasi).await.unwrap();
    let all = book.all().await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].name, "Koperasi Pasar Tanjung Anyar");
    assert_eq!(all[0].member_number, "");
}

#[wasm_bindgen_test]
async fn an_unreadable_list_is_never_overwritten() {
    let key = key().await;
    let book = fresh(&key);
    LocalStorage::raw()
        .set_item(keys::KOPERASI, "[{\"id\":")
        .unwrap();
    let result = book.add(&testdata::koperasi_form(Kelurahan::ALL[2])).await;
    assert!(matches!(result, Err(SaveError::Refused(_))), "{result:?}");
    assert_eq!(stored().as_deref(), Some("[{\"id\":"));
}

#[wasm_bindgen_test]
async fn a_book_sealed_under_another_key_is_refused_and_never_overwritten() {
    let key = key().await;
    let book = fresh(&key);
    book.add(&testdata::koperasi_form(Kelurahan::ALL[6]))
        .await
        .unwrap();
    let before = stored();
    let other = self::key().await;
    let stranger = KoperasiBook::new(LocalBackend, &other);
    assert_eq!(stranger.all().await, vec![]);
    let result = stranger
        .add(&testdata::koperasi_form(Kelurahan::ALL[7]))
        .await;
    assert!(matches!(result, Err(SaveError::Refused(_))), "{result:?}");
    assert_eq!(stored(), before);
    assert_eq!(book.all().await.len(), 1);
}

#[wasm_bindgen_test]
async fn a_full_storage_refuses_a_new_koperasi_and_keeps_the_old_list() {
    let key = key().await;
    let book = fresh(&key);
    let kept = testdata::koperasi_form(Kelurahan::ALL[3]);
    book.add(&kept).await.unwrap();
    let n = fill_storage();
    let result = book.add(&testdata::koperasi_form(Kelurahan::ALL[4])).await;
    clear_filler(n);
    assert_eq!(result, Err(SaveError::Full));
    assert_eq!(book.all().await, vec![kept.clone()]);
    assert_eq!(book.chosen().await, Some(kept));
}
