//! The phone's cryptography in real headless Chromium: WebCrypto and `CompressionStream` are
//! what the app runs, so only the browser can show the boxes open, and refuse to open, as
//! `domain::backup` says.
#![cfg(target_arch = "wasm32")]

use base64::{Engine, engine::general_purpose::STANDARD};
use domain::{
    backup::{CityWrap, HKDF_INFO_DATA_KEY, HKDF_INFO_FILE, KEY_BYTES, NONCE_BYTES},
    pin::Pin,
};
use js_sys::Uint8Array;
use lindungi::crypto::{
    CryptoError, DataKey, PinDerivation, compress, decompress, open_as_city, random_bytes,
    seal_for_city,
};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::CryptoKey;

mod support;
use support::{city, subtle, usages};

wasm_bindgen_test_configure!(run_in_browser);

const VALUE: &[u8] = br#"{"nik":"3576014101900001","nama":"Siti Aminah","ibu":"Sulastri"}"#;

fn derivation() -> PinDerivation {
    // Few iterations: these tests are about the format, not the cost of guessing.
    PinDerivation {
        salt: random_bytes(16),
        iterations: 1_000,
    }
}

/// Flips one bit of the byte at `at` of a box.
fn tampered(sealed: &str, at: usize) -> String {
    let mut bytes = STANDARD.decode(sealed).unwrap();
    bytes[at] ^= 1;
    STANDARD.encode(bytes)
}

#[wasm_bindgen_test]
async fn a_sealed_value_opens_with_the_same_key_and_additional_data() {
    let key = DataKey::generate().await.unwrap();
    let sealed = key.seal(VALUE, b"id-1").await.unwrap();
    assert_eq!(key.open(&sealed, b"id-1").await.unwrap(), VALUE);
    // A fresh nonce each time: the same value never seals to the same box.
    assert_ne!(key.seal(VALUE, b"id-1").await.unwrap(), sealed);
}

#[wasm_bindgen_test]
async fn a_box_holds_nothing_of_the_value_in_clear() {
    let key = DataKey::generate().await.unwrap();
    let sealed = key.seal(VALUE, b"id-1").await.unwrap();
    let bytes = STANDARD.decode(&sealed).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    for part in ["3576014101900001", "Siti", "Sulastri"] {
        assert!(!sealed.contains(part) && !text.contains(part), "{part}");
    }
}

#[wasm_bindgen_test]
async fn a_box_with_any_byte_changed_does_not_open() {
    let key = DataKey::generate().await.unwrap();
    let sealed = key.seal(VALUE, b"id-1").await.unwrap();
    let len = STANDARD.decode(&sealed).unwrap().len();
    // The nonce, the first byte of the ciphertext, and the last byte of the tag.
    for at in [0, NONCE_BYTES, len - 1] {
        assert_eq!(
            key.open(&tampered(&sealed, at), b"id-1").await,
            Err(CryptoError::WrongKey),
            "byte {at}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_box_does_not_open_under_other_additional_data_or_another_key() {
    let key = DataKey::generate().await.unwrap();
    let sealed = key.seal(VALUE, b"id-1").await.unwrap();
    assert_eq!(key.open(&sealed, b"id-2").await, Err(CryptoError::WrongKey));
    let other = DataKey::generate().await.unwrap();
    assert_eq!(
        other.open(&sealed, b"id-1").await,
        Err(CryptoError::WrongKey)
    );
    assert_eq!(
        key.open("not base64!", b"id-1").await,
        Err(CryptoError::NotABox)
    );
    assert_eq!(key.open("AAAA", b"id-1").await, Err(CryptoError::NotABox));
}

#[wasm_bindgen_test]
async fn values_are_compressed_before_they_are_encrypted() {
    let value = VALUE.repeat(20);
    let compressed = compress(&value).await.unwrap();
    assert!(compressed.len() * 5 < value.len(), "{}", compressed.len());
    assert_eq!(decompress(&compressed).await.unwrap(), value);
    let key = DataKey::generate().await.unwrap();
    let sealed = key.seal(&value, b"").await.unwrap();
    assert!(sealed.len() < value.len() / 4, "{}", sealed.len());
}

#[wasm_bindgen_test]
async fn the_data_key_wrapped_under_a_pin_opens_with_that_pin_only() {
    let key = DataKey::generate().await.unwrap();
    let sealed = key.seal(VALUE, b"id-1").await.unwrap();
    let pin = Pin::choose("480915").unwrap();
    let derivation = derivation();
    let wrapped = key.wrap_with_pin(&pin, &derivation).await.unwrap();

    let wrong = Pin::typed("480916");
    assert_eq!(
        DataKey::unwrap_with_pin(&wrapped, &wrong, &derivation)
            .await
            .err(),
        Some(CryptoError::WrongKey)
    );
    let other_salt = PinDerivation {
        salt: random_bytes(16),
        ..derivation.clone()
    };
    assert_eq!(
        DataKey::unwrap_with_pin(&wrapped, &pin, &other_salt)
            .await
            .err(),
        Some(CryptoError::WrongKey)
    );

    let opened = DataKey::unwrap_with_pin(&wrapped, &Pin::typed("480 915"), &derivation)
        .await
        .unwrap();
    assert_eq!(opened.open(&sealed, b"id-1").await.unwrap(), VALUE);
}

#[wasm_bindgen_test]
async fn the_data_key_wrapped_for_the_city_opens_with_the_citys_private_key() {
    let (city_private, city) = city().await;
    let key = DataKey::generate().await.unwrap();
    let sealed = key.seal(VALUE, b"id-1").await.unwrap();
    let wrap: CityWrap = key.wrap_for_city(&city).await.unwrap();
    assert_eq!(wrap.key_id, city.key_id);

    let raw = open_as_city(
        &city_private,
        &wrap.epk,
        HKDF_INFO_DATA_KEY,
        &wrap.sealed,
        &wrap.aad(),
    )
    .await
    .unwrap();
    assert_eq!(raw.len(), KEY_BYTES);

    // The city's copy of the key opens the phone's boxes: import it and open one by hand.
    let imported: CryptoKey = JsFuture::from(
        subtle()
            .import_key_with_str(
                "raw",
                &Uint8Array::from(raw.as_slice()).into(),
                "AES-GCM",
                false,
                &usages(&["decrypt"]),
            )
            .unwrap(),
    )
    .await
    .unwrap()
    .into();
    let all = STANDARD.decode(&sealed).unwrap();
    let params =
        web_sys::AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(&all[..NONCE_BYTES]));
    params.set_additional_data_u8_array(&Uint8Array::from(&b"id-1"[..]));
    let compressed = JsFuture::from(
        subtle()
            .decrypt_with_object_and_u8_array(&params, &imported, &all[NONCE_BYTES..])
            .unwrap(),
    )
    .await
    .unwrap();
    let plain = decompress(&Uint8Array::new(&compressed).to_vec())
        .await
        .unwrap();
    assert_eq!(plain, VALUE);

    // Another key's wrap, or a changed key id, does not open.
    let mut renamed = wrap.clone();
    renamed.key_id = "ffffffffffffffff".into();
    assert_eq!(
        open_as_city(
            &city_private,
            &wrap.epk,
            HKDF_INFO_DATA_KEY,
            &wrap.sealed,
            &renamed.aad()
        )
        .await,
        Err(CryptoError::WrongKey)
    );
    let (other_private, _) = self::city().await;
    assert_eq!(
        open_as_city(
            &other_private,
            &wrap.epk,
            HKDF_INFO_DATA_KEY,
            &wrap.sealed,
            &wrap.aad()
        )
        .await,
        Err(CryptoError::WrongKey)
    );
}

#[wasm_bindgen_test]
async fn a_value_sealed_for_the_city_opens_with_its_private_key_and_its_own_info_only() {
    let (city_private, city) = city().await;
    let (epk, sealed) = seal_for_city(&city, HKDF_INFO_FILE, VALUE, |_| b"header".to_vec())
        .await
        .unwrap();
    let compressed = open_as_city(&city_private, &epk, HKDF_INFO_FILE, &sealed, b"header")
        .await
        .unwrap();
    assert_eq!(decompress(&compressed).await.unwrap(), VALUE);
    assert_eq!(
        open_as_city(&city_private, &epk, HKDF_INFO_DATA_KEY, &sealed, b"header").await,
        Err(CryptoError::WrongKey)
    );
}

#[wasm_bindgen_test]
async fn small_values_deflated_in_the_wasm_and_large_ones_by_the_browser_read_each_other() {
    use lindungi::crypto::{IN_WASM_MAX_BYTES, compress_in_browser, decompress_in_browser};
    let small = VALUE.repeat(10);
    // In the wasm, read back by the browser's stream, and the other way round.
    let by_wasm = compress(&small).await.unwrap();
    assert!(by_wasm.len() < small.len() / 3, "{} bytes", by_wasm.len());
    assert_eq!(decompress_in_browser(&by_wasm).await.unwrap(), small);
    let by_browser = compress_in_browser(&small).await.unwrap();
    assert_eq!(decompress(&by_browser).await.unwrap(), small);
    // Beyond the limit the browser does both, and the wasm still reads it.
    let large: Vec<u8> = (0..IN_WASM_MAX_BYTES + 10)
        .map(|i| VALUE[i % VALUE.len()])
        .collect();
    let packed = compress(&large).await.unwrap();
    assert_eq!(decompress(&packed).await.unwrap(), large);
    assert_eq!(
        miniz_oxide::inflate::decompress_to_vec(&packed).unwrap(),
        large
    );
    // Not DEFLATE: refused, in the wasm as in the browser.
    assert_eq!(
        decompress(b"not deflate at all").await,
        Err(CryptoError::NotABox)
    );
}
