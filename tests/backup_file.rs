//! The encrypted backup file in real headless Chromium, opened the way the city opens it (here
//! with WebCrypto and a key pair standing in for the city's; the city's own code is RustCrypto):
//! the header in clear, the body under the city's key, the data key inside wrapped for the city,
//! and the registrations inside that under the data key. No PIN is needed to make it.
#![cfg(target_arch = "wasm32")]

use base64::{Engine, engine::general_purpose::STANDARD};
use domain::{
    backup::{
        BackupBody, BackupDevice, BackupFile, BackupHeader, HKDF_INFO_DATA_KEY, HKDF_INFO_FILE,
        NONCE_BYTES, RecordView, SealedRecord,
    },
    pin::Pin,
    testdata,
    wire::CityKey,
};
use gloo_storage::{LocalStorage, Storage};
use js_sys::Uint8Array;
use lindungi::{
    backup::{SealError, body, seal},
    crypto::{CryptoError, decompress, open_as_city},
    keyring::{KEYRING, Keyring},
    store::{Backend, LocalBackend, StoredRecord, keys, sealed},
};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::CryptoKey;

mod support;
use support::{city, subtle, usages};

wasm_bindgen_test_configure!(run_in_browser);

/// Opens a box under a raw AES-256 key, as the city does once it has the data key.
async fn open_with_raw_key(raw_key: &[u8], sealed: &str, aad: &[u8]) -> Vec<u8> {
    let key: CryptoKey = JsFuture::from(
        subtle()
            .import_key_with_str(
                "raw",
                &Uint8Array::from(raw_key).into(),
                "AES-GCM",
                false,
                &usages(&["decrypt"]),
            )
            .unwrap(),
    )
    .await
    .unwrap()
    .into();
    let all = STANDARD.decode(sealed).unwrap();
    let params =
        web_sys::AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(&all[..NONCE_BYTES]));
    params.set_additional_data_u8_array(&Uint8Array::from(aad));
    let compressed = JsFuture::from(
        subtle()
            .decrypt_with_object_and_u8_array(&params, &key, &all[NONCE_BYTES..])
            .unwrap(),
    )
    .await
    .unwrap();
    decompress(&Uint8Array::new(&compressed).to_vec())
        .await
        .unwrap()
}

/// A phone with a PIN and three sealed registrations; their ids.
async fn phone(city: &CityKey) -> Vec<String> {
    LocalStorage::clear();
    let pin = Pin::choose("480915").unwrap();
    let (keyring, key) = Keyring::create(&pin, 1_000, Some(city)).await.unwrap();
    KEYRING.set_in(&LocalBackend, &keyring).unwrap();
    let mut ids = Vec::new();
    for seed in 1..=3 {
        let record = StoredRecord::queued(testdata::submission(seed));
        let id = record.id().unwrap().to_owned();
        let raw = sealed::seal(&key, &id, &record, format!("t{seed}"))
            .await
            .unwrap();
        LocalBackend.set(&keys::record(&id), &raw).unwrap();
        ids.push(id);
    }
    ids
}

#[wasm_bindgen_test]
async fn the_city_opens_the_backup_and_every_registration_in_it_with_its_private_key() {
    let (city_private, city) = city().await;
    let ids = phone(&city).await;
    let device = BackupDevice {
        device_id: 7,
        officer_id: 3,
    };
    let body_made = body(
        &LocalBackend,
        &ids,
        "2026-12-01T00:00:00Z".into(),
        Some(device),
        Some(&city),
    )
    .unwrap();
    let file = seal(&city, &body_made).await.unwrap();

    let split = BackupFile::split(&file).unwrap();
    let header: BackupHeader = serde_json::from_str(split.header_line).unwrap();
    assert_eq!(header.check(), Ok(()));
    assert_eq!(header.key_id, city.key_id);
    let compressed = open_as_city(
        &city_private,
        &header.epk,
        HKDF_INFO_FILE,
        split.body,
        split.header_line.as_bytes(),
    )
    .await
    .unwrap();
    let opened: BackupBody =
        serde_json::from_slice(&decompress(&compressed).await.unwrap()).unwrap();
    assert_eq!(opened, body_made);
    assert_eq!(opened.device, Some(device));

    let wrap = opened.data_key.as_ref().unwrap();
    let data_key = open_as_city(
        &city_private,
        &wrap.epk,
        HKDF_INFO_DATA_KEY,
        &wrap.sealed,
        &wrap.aad(),
    )
    .await
    .unwrap();
    let mut niks = Vec::new();
    for record in &opened.records {
        let stored: SealedRecord = serde_json::from_str(&record.value).unwrap();
        let inside = open_with_raw_key(&data_key, &stored.sealed, &stored.aad(&record.id)).await;
        let view: RecordView = serde_json::from_slice(&inside).unwrap();
        let submission = view.submission.unwrap().into_current().unwrap();
        assert_eq!(submission.id, record.id);
        niks.push(submission.form.participant.nik);
    }
    let expected: Vec<String> = (1..=3)
        .map(|seed| testdata::submission(seed).form.participant.nik)
        .collect();
    assert_eq!(niks, expected);
    // And nothing of them shows in the file.
    for nik in &expected {
        assert!(!file.contains(nik.as_str()));
    }
}

#[wasm_bindgen_test]
async fn a_backup_with_any_byte_changed_does_not_open() {
    let (city_private, city) = city().await;
    let ids = phone(&city).await;
    let made = body(&LocalBackend, &ids, "t".into(), None, Some(&city)).unwrap();
    let file = seal(&city, &made).await.unwrap();
    let split = BackupFile::split(&file).unwrap();
    // One character of the header (its key id), then one of the body.
    let header_changed = split
        .header_line
        .replace("0011223344556677", "0011223344556678");
    assert_eq!(
        open_as_city(
            &city_private,
            &serde_json::from_str::<BackupHeader>(split.header_line)
                .unwrap()
                .epk,
            HKDF_INFO_FILE,
            split.body,
            header_changed.as_bytes(),
        )
        .await,
        Err(CryptoError::WrongKey)
    );
    let mut body_bytes = STANDARD.decode(split.body).unwrap();
    let last = body_bytes.len() - 1;
    body_bytes[last] ^= 1;
    let header: BackupHeader = serde_json::from_str(split.header_line).unwrap();
    assert_eq!(
        open_as_city(
            &city_private,
            &header.epk,
            HKDF_INFO_FILE,
            &STANDARD.encode(body_bytes),
            split.header_line.as_bytes(),
        )
        .await,
        Err(CryptoError::WrongKey)
    );
}

#[wasm_bindgen_test]
async fn no_backup_is_made_before_the_phone_knows_the_citys_key() {
    let (_, city) = city().await;
    let ids = phone(&city).await;
    assert_eq!(
        body(&LocalBackend, &ids, "t".into(), None, None).err(),
        Some(SealError::NoCityKey)
    );
    let (_, other) = self::city().await;
    let other = CityKey {
        key_id: "ffffffffffffffff".into(),
        ..other
    };
    assert_eq!(
        body(&LocalBackend, &ids, "t".into(), None, Some(&other)).err(),
        Some(SealError::NotWrappedForCity)
    );
}
