//! The keyring in real headless Chromium: the data key wrapped under the PIN, opened again by
//! the right PIN only, with the wrong PINs counted in real `localStorage`.
#![cfg(target_arch = "wasm32")]

use domain::pin::Pin;
use gloo_storage::{LocalStorage, Storage};
use lindungi::{
    keyring::{KEYRING, Keyring, UnlockError, lockout::FIRST_WAIT_MS, lockout_in, unlock},
    store::LocalBackend,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Few iterations: these tests are about what is stored and refused, not about cost.
const ITERATIONS: u32 = 1_000;

async fn fresh(pin: &str) {
    LocalStorage::clear();
    let (keyring, _) = Keyring::create(&Pin::choose(pin).unwrap(), ITERATIONS, None)
        .await
        .unwrap();
    KEYRING.set_in(&LocalBackend, &keyring).unwrap();
}

#[wasm_bindgen_test]
async fn the_right_pin_opens_the_data_key_that_sealed_a_value() {
    LocalStorage::clear();
    let pin = Pin::choose("480915").unwrap();
    let (keyring, key) = Keyring::create(&pin, ITERATIONS, None).await.unwrap();
    KEYRING.set_in(&LocalBackend, &keyring).unwrap();
    let sealed = key.seal(b"Siti Aminah", b"x").await.unwrap();
    let opened = unlock(&LocalBackend, &Pin::typed("480915"), 0)
        .await
        .unwrap();
    assert_eq!(opened.open(&sealed, b"x").await.unwrap(), b"Siti Aminah");
}

#[wasm_bindgen_test]
async fn the_stored_keyring_holds_neither_the_pin_nor_the_key_in_clear() {
    fresh("480915").await;
    let stored = LocalStorage::raw()
        .get_item(KEYRING.key())
        .unwrap()
        .unwrap();
    assert!(!stored.contains("480915"), "{stored}");
    assert!(stored.contains(r#""iterations":1000"#), "{stored}");
}

#[wasm_bindgen_test]
async fn a_wrong_pin_is_refused_and_the_next_waits_and_the_count_survives_a_reopen() {
    fresh("480915").await;
    let now = 1_000_000;
    assert_eq!(
        unlock(&LocalBackend, &Pin::typed("480916"), now)
            .await
            .err(),
        Some(UnlockError::WrongPin(FIRST_WAIT_MS))
    );
    // The right PIN, too soon: not even tried.
    assert_eq!(
        unlock(&LocalBackend, &Pin::typed("480915"), now + 1_000)
            .await
            .err(),
        Some(UnlockError::Wait(FIRST_WAIT_MS - 1_000))
    );
    assert_eq!(lockout_in(&LocalBackend).failures, 1);
    // After the wait, the right PIN opens and the count is cleared.
    assert!(
        unlock(&LocalBackend, &Pin::typed("480915"), now + FIRST_WAIT_MS)
            .await
            .is_ok()
    );
    assert_eq!(lockout_in(&LocalBackend).failures, 0);
    // Nothing was wiped for the wrong PIN.
    assert!(KEYRING.get_in(&LocalBackend).is_some());
}

#[wasm_bindgen_test]
async fn a_phone_without_a_pin_says_so() {
    LocalStorage::clear();
    assert_eq!(
        unlock(&LocalBackend, &Pin::typed("480915"), 0).await.err(),
        Some(UnlockError::NoKeyring)
    );
}
