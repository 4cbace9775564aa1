//! What the browser tests of the phone's cryptography share: WebCrypto itself, and a key pair
//! standing in for the city's (the city's own code is RustCrypto, in `server/`).
#![cfg(target_arch = "wasm32")]

use base64::{Engine, engine::general_purpose::STANDARD};
use domain::wire::CityKey;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::CryptoKey;

/// The page's WebCrypto.
pub fn subtle() -> web_sys::SubtleCrypto {
    web_sys::window().unwrap().crypto().unwrap().subtle()
}

/// Key usages as WebCrypto takes them.
pub fn usages(names: &[&str]) -> JsValue {
    names
        .iter()
        .map(|n| JsValue::from_str(n))
        .collect::<Array>()
        .into()
}

/// A key pair standing in for the city's: its private key, and its public key as published.
pub async fn city() -> (CryptoKey, CityKey) {
    let pair = JsFuture::from(
        subtle()
            .generate_key_with_object(
                &web_sys::EcKeyGenParams::new("ECDH", "P-256"),
                false,
                &usages(&["deriveBits"]),
            )
            .unwrap(),
    )
    .await
    .unwrap()
    .unchecked_into::<web_sys::CryptoKeyPair>();
    let raw = JsFuture::from(subtle().export_key("raw", &pair.get_public_key()).unwrap())
        .await
        .unwrap();
    let city = CityKey {
        public_key: STANDARD.encode(Uint8Array::new(&raw).to_vec()),
        key_id: "0011223344556677".into(),
    };
    (pair.get_private_key(), city)
}
