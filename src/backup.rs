//! "Cadangkan yang belum terkirim": every registration the city has not confirmed, as a
//! JSON file the officer can keep and the endpoint can import later (its `registrations`
//! are the same submissions the batch endpoint takes). Unreadable entries go in too, as
//! they were stored, and so do the records of a newer release, so nothing is left behind.
//!
//! [`seal`] makes the encrypted backup of `domain::backup` (version 2) that replaces it once the
//! phone stores its registrations sealed: every stored value as stored, the data key wrapped for
//! the city, the whole sealed for the city's key — no PIN needed, nothing readable without the
//! city's private key (`docs/security.md`).

use domain::{
    backup::{
        BACKUP_KIND, BACKUP_VERSION, BackupBody, BackupDevice, BackupEntry, BackupHeader,
        BackupRecord, CITY_WRAP_ALG, HKDF_INFO_FILE,
    },
    wire::CityKey,
};
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::{
    clock,
    crypto::{self, CryptoError},
    keyring::KEYRING,
    store::{Backend, StoredRecord, context::StoreContext, keys},
};

/// The file's format marker.
pub const KIND: &str = "lindungi-backup";

#[derive(Serialize)]
struct BackupFile {
    kind: &'static str,
    version: u32,
    exported_at: String,
    /// Submissions not yet confirmed by the city (drafts included).
    registrations: Vec<domain::Submission>,
    /// States, by id, so a restore knows which were drafts.
    states: Vec<(String, crate::store::RecordState)>,
    /// Entries that could not be read, as stored.
    unreadable: Vec<(String, String)>,
    /// Registrations a newer release of the app wrote, as stored: this release cannot read
    /// them, and nothing unsent is left out of a backup.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    newer: Vec<(String, String)>,
}

/// Builds the backup of `store`; `None` when there is nothing unsent.
pub fn build(store: &StoreContext) -> Option<String> {
    let unsent = store.unsent();
    let unreadable = store.quarantined_entries();
    let newer = store.newer_entries();
    if unsent.is_empty() && unreadable.is_empty() && newer.is_empty() {
        return None;
    }
    let states = unsent
        .iter()
        .filter_map(|r| Some((r.id()?.to_owned(), r.state())))
        .collect();
    let file = BackupFile {
        kind: KIND,
        version: 1,
        exported_at: clock::now().to_string(),
        registrations: unsent
            .into_iter()
            .filter_map(StoredRecord::into_submission)
            .collect(),
        states,
        unreadable,
        newer,
    };
    Some(serde_json::to_string_pretty(&file).expect("the backup serializes"))
}

/// Offers the backup as a download; `false` when there was nothing to back up.
pub fn download(store: &StoreContext) -> bool {
    let Some(json) = build(store) else {
        return false;
    };
    let name = format!(
        "lindungi-cadangan-{}.json",
        clock::now().to_string().replace([':', '.'], "-")
    );
    let parts = js_sys::Array::of1(&JsValue::from_str(&json));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    if let Ok(a) = document.create_element("a") {
        let _ = a.set_attribute("href", &url);
        let _ = a.set_attribute("download", &name);
        if let Some(a) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&a) {
            a.click();
        }
    }
    // Not revoked at once: Chrome may still be reading the blob for the download. One
    // small URL per backup lives until the page is closed.
    true
}

/// Why an encrypted backup could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SealError {
    /// The phone does not know the city's key yet (it asks at every sync): a backup made now
    /// could be opened by nobody.
    NoCityKey,
    /// The data key is not yet wrapped for this city key (it is at the next unlock or sync):
    /// the city could open the file but not the registrations in it.
    NotWrappedForCity,
    /// The browser refused.
    Crypto(CryptoError),
}

/// Every stored value a backup holds, as stored: the registrations (sealed or, on a phone
/// without a PIN yet, clear), and the other entries that hold a person's data (quarantined
/// entries, the koperasi book).
pub fn body(
    backend: &impl Backend,
    ids: &[String],
    made_at: String,
    device: Option<BackupDevice>,
    city: Option<&CityKey>,
) -> Result<BackupBody, SealError> {
    let city = city.ok_or(SealError::NoCityKey)?;
    let data_key = match KEYRING.get_in(backend) {
        None => None,
        Some(keyring) if keyring.is_wrapped_for(city) => keyring.city,
        Some(_) => return Err(SealError::NotWrappedForCity),
    };
    let records = ids
        .iter()
        .filter_map(|id| {
            let value = backend.get(&keys::record(id))?;
            Some(BackupRecord {
                id: id.clone(),
                value,
            })
        })
        .collect();
    let mut entry_keys = backend.keys_with_prefix(keys::QUARANTINE_PREFIX);
    entry_keys.sort();
    entry_keys.push(keys::KOPERASI.to_owned());
    let entries = entry_keys
        .into_iter()
        .filter_map(|key| {
            let value = backend.get(&key)?;
            Some(BackupEntry { key, value })
        })
        .collect();
    Ok(BackupBody {
        made_at,
        device,
        data_key,
        records,
        entries,
    })
}

/// The backup file of `body`, sealed for `city`: a clear header line, and the body compressed
/// and encrypted under a key agreed with the city's key, with the header line as additional
/// data (any byte changed anywhere and the file does not open).
pub async fn seal(city: &CityKey, body: &BackupBody) -> Result<String, SealError> {
    let header_line = |epk: &str| {
        serde_json::to_string(&BackupHeader {
            kind: BACKUP_KIND.into(),
            version: BACKUP_VERSION,
            alg: CITY_WRAP_ALG.into(),
            key_id: city.key_id.clone(),
            epk: epk.to_owned(),
        })
        .expect("a header serializes")
    };
    let plain = serde_json::to_vec(body).expect("a backup body serializes");
    let (epk, sealed) = crypto::seal_for_city(city, HKDF_INFO_FILE, &plain, |epk| {
        header_line(epk).into_bytes()
    })
    .await
    .map_err(SealError::Crypto)?;
    Ok(domain::backup::BackupFile::join(
        &header_line(&epk),
        &sealed,
    ))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use domain::testdata;

    use super::*;
    use crate::store::{MemoryBackend, format};

    fn city() -> CityKey {
        CityKey {
            public_key: "BA==".into(),
            key_id: "0011223344556677".into(),
        }
    }

    #[test]
    fn a_phone_without_a_pin_backs_up_its_clear_records_with_no_data_key() {
        let backend = MemoryBackend::new();
        let record = StoredRecord::queued(testdata::submission(1));
        let id = record.id().unwrap().to_owned();
        backend
            .set(&keys::record(&id), &format::encode(&record))
            .unwrap();
        backend.set(&keys::quarantine("x"), "{broken").unwrap();
        backend.set(keys::KOPERASI, "[]").unwrap();
        let made = body(
            &backend,
            std::slice::from_ref(&id),
            "t".into(),
            None,
            Some(&city()),
        )
        .unwrap();
        assert_eq!(made.data_key, None);
        assert_eq!(
            made.records,
            vec![BackupRecord {
                id,
                value: format::encode(&record)
            }]
        );
        let keys: Vec<&str> = made.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, [keys::quarantine("x").as_str(), keys::KOPERASI]);
    }

    #[test]
    fn a_phone_with_a_pin_whose_key_the_city_cannot_open_makes_no_backup() {
        let backend = MemoryBackend::new();
        let keyring = crate::keyring::Keyring {
            v: 1,
            salt: String::new(),
            iterations: 1,
            pin_wrap: String::new(),
            city: None,
        };
        KEYRING.set_in(&backend, &keyring).unwrap();
        assert_eq!(
            body(&backend, &[], "t".into(), None, Some(&city())).err(),
            Some(SealError::NotWrappedForCity)
        );
        assert_eq!(
            body(&backend, &[], "t".into(), None, None).err(),
            Some(SealError::NoCityKey)
        );
    }
}
