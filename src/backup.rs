//! "Cadangkan yang belum terkirim": one file with everything on this phone the city has not
//! confirmed, sealed for the city's key (`domain::backup`, version 2): every stored value as
//! stored (registrations in any state but sent, unreadable entries, a newer release's records,
//! the koperasi book), and the data key wrapped for the city once the phone has one. No PIN is
//! needed to make it, and nothing in it reads without the city's private key
//! (`lindungi-server import-backup FILE`, `docs/security.md`).
//!
//! The phone remembers what its last file carried ([`LAST_BACKUP`]: a digest of each value, by
//! storage key), so that "Hapus data ponsel" ([`wipe`]) refuses while anything unsent is not in
//! a backup exactly as it is stored now.

use std::collections::BTreeMap;

use domain::{
    backup::{
        BACKUP_KIND, BACKUP_VERSION, BackupBody, BackupDevice, BackupEntry, BackupHeader,
        BackupRecord, CITY_WRAP_ALG, HKDF_INFO_FILE, RecordState,
    },
    wire::CityKey,
};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::{
    clock,
    crypto::{self, CryptoError},
    keyring::KEYRING,
    settings::Setting,
    store::{Backend, LocalBackend, StoredRecord, context::StoreContext, format, keys, sealed},
    sync::device,
};

/// What the last backup file made on this phone carried.
pub const LAST_BACKUP: Setting<Covered> = Setting::new(keys::LAST_BACKUP);

/// What a backup file carried: a digest of each stored value it holds, by storage key (no
/// value, no personal data: SHA-256 of a whole record is not a way back to it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Covered {
    /// When the file was made (the phone's clock).
    pub made_at: String,
    /// SHA-256 (hex) of each value in the file, by storage key.
    pub values: BTreeMap<String, String>,
}

/// The ids of the registrations a backup carries: every one the city has not confirmed,
/// whatever this release makes of it (a newer release's record, one that does not read), in
/// creation order as far as the keys tell.
pub fn ids_to_back_up(backend: &impl Backend) -> Vec<String> {
    let mut ids: Vec<String> = backend
        .keys_with_prefix(keys::RECORD_PREFIX)
        .into_iter()
        .filter(|key| {
            backend
                .get(key)
                .is_some_and(|raw| sealed::state_of(&raw) != Some(RecordState::Synced))
        })
        .map(|key| key[keys::RECORD_PREFIX.len()..].to_owned())
        .collect();
    ids.sort();
    ids
}

/// The storage keys of every value a wipe would lose that the city does not hold: the
/// registrations not confirmed, and the entries kept aside as unreadable.
pub fn keys_to_keep(backend: &impl Backend) -> Vec<String> {
    let mut needed: Vec<String> = ids_to_back_up(backend)
        .iter()
        .map(|id| keys::record(id))
        .collect();
    let mut quarantined = backend.keys_with_prefix(keys::QUARANTINE_PREFIX);
    quarantined.sort();
    needed.extend(quarantined);
    needed
}

/// Of `needed` (storage key, digest of its value now), the keys `covered` does not hold as they
/// are now: not in the last backup, or changed since.
pub fn uncovered<'a>(needed: &'a [(String, String)], covered: Option<&Covered>) -> Vec<&'a str> {
    needed
        .iter()
        .filter(|(key, digest)| covered.and_then(|c| c.values.get(key)) != Some(digest))
        .map(|(key, _)| key.as_str())
        .collect()
}

/// Why no backup file was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MakeError {
    /// Nothing on this phone is unsent.
    Nothing,
    /// See [`SealError`].
    Seal(SealError),
    /// The browser would not offer the file.
    Download,
}

/// Makes the backup file of everything unsent, offers it as a download and remembers what it
/// carried; the number of registrations in it.
pub async fn make(store: &StoreContext) -> Result<usize, MakeError> {
    let backend = LocalBackend;
    let ids = ids_to_back_up(&backend);
    if ids.is_empty() && backend.keys_with_prefix(keys::QUARANTINE_PREFIX).is_empty() {
        return Err(MakeError::Nothing);
    }
    // What the file carries is remembered by its submissions (`what_counts`): the records are
    // opened first (the unlock opens only what the sealed index pages do not summarise).
    store.fetch_all(&ids).await;
    let enrolled = device::current();
    // The PIN is usually chosen before the enrollment brings the city's key: the data key is
    // wrapped for the city (once) now, while the app holds it, so that the file opens there.
    if let (Some(key), Some(city)) = (
        store.data_key(),
        enrolled.as_ref().and_then(|d| d.city_key.as_ref()),
    ) {
        crate::keyring::keep_wrapped_for_city(&backend, &key, Some(city))
            .await
            .map_err(|_| MakeError::Seal(SealError::NotWrappedForCity))?;
    }
    let made_at = clock::now().to_string();
    let body = body(
        &backend,
        &ids,
        made_at.clone(),
        enrolled.as_ref().map(|d| BackupDevice {
            device_id: d.device_id,
            officer_id: d.officer_id,
        }),
        enrolled.as_ref().and_then(|d| d.city_key.as_ref()),
    )
    .map_err(MakeError::Seal)?;
    let city = enrolled
        .and_then(|d| d.city_key)
        .ok_or(MakeError::Seal(SealError::NoCityKey))?;
    let file = seal(&city, &body).await.map_err(MakeError::Seal)?;
    let mut values = BTreeMap::new();
    for record in &body.records {
        let digest = digest(&what_counts(
            &keys::record(&record.id),
            &record.value,
            store,
        ))
        .await
        .map_err(|e| MakeError::Seal(SealError::Crypto(e)))?;
        values.insert(keys::record(&record.id), digest);
    }
    for entry in &body.entries {
        let digest = digest(&what_counts(&entry.key, &entry.value, store))
            .await
            .map_err(|e| MakeError::Seal(SealError::Crypto(e)))?;
        values.insert(entry.key.clone(), digest);
    }
    let name = format!(
        "lindungi-cadangan-{}.lindungi",
        made_at.replace([':', '.'], "-")
    );
    if !offer_download(&name, &file) {
        return Err(MakeError::Download);
    }
    // Remembered only once offered. Not fitting in storage only means a wipe asks for the
    // backup again.
    let _ = LAST_BACKUP.set(&Covered { made_at, values });
    Ok(body.records.len())
}

/// SHA-256 of `value`, hex.
async fn digest(value: &str) -> Result<String, CryptoError> {
    let bytes = crypto::sha256(value.as_bytes()).await?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// What of a stored value a backup must hold for a wipe to lose nothing: of a registration the
/// phone reads, its submission (what the city imports) — a send attempt that only changed the
/// record's bookkeeping (state, last error, times) leaves it covered; of anything else, the
/// value as stored.
///
/// A sealed registration is read through `opened`: the record the store opened from exactly
/// this stored text, if it did (`Opened`); a clear one is read as it is.
pub fn what_counts(key: &str, value: &str, opened: &impl Opened) -> String {
    let record = match key.strip_prefix(keys::RECORD_PREFIX) {
        Some(id) => match sealed::peek(value) {
            sealed::Peeked::Sealed(_) => opened.opened(id, value),
            _ => format::decode(value).record(),
        },
        None => None,
    };
    if let Some(record) = record
        && let Some(submission) = record.submission()
    {
        return serde_json::to_string(submission).expect("a submission serializes");
    }
    value.to_owned()
}

/// The records the store opened, by id and the stored text they were opened from.
pub trait Opened {
    /// The record opened from `value` stored under `id`, if this very text was opened.
    fn opened(&self, id: &str, value: &str) -> Option<StoredRecord>;
}

impl Opened for StoreContext {
    fn opened(&self, id: &str, value: &str) -> Option<StoredRecord> {
        self.held(id)
            .filter(|h| h.version == crate::store::version_of(value))
            .map(|h| h.record)
    }
}

/// What a wipe would lose, read now: by storage key, what of each value counts.
fn to_keep_now(backend: &impl Backend, opened: &impl Opened) -> Vec<(String, String)> {
    keys_to_keep(backend)
        .into_iter()
        .filter_map(|key| {
            let value = backend.get(&key)?;
            let counts = what_counts(&key, &value, opened);
            Some((key, counts))
        })
        .collect()
}

/// The storage keys of what a wipe would lose that no backup holds as stored now, and what
/// was read to tell.
async fn not_backed_up(
    store: &StoreContext,
) -> Result<(Vec<String>, Vec<(String, String)>), CryptoError> {
    store.fetch_all(&ids_to_back_up(&LocalBackend)).await;
    let read = to_keep_now(&LocalBackend, store);
    let mut needed = Vec::with_capacity(read.len());
    for (key, value) in &read {
        needed.push((key.clone(), digest(value).await?));
    }
    let covered = LAST_BACKUP.get();
    let missing = uncovered(&needed, covered.as_ref())
        .into_iter()
        .map(str::to_owned)
        .collect();
    Ok((missing, read))
}

/// How many unsent values no backup holds as they are stored now.
pub async fn count_not_backed_up(store: &StoreContext) -> Result<usize, CryptoError> {
    Ok(not_backed_up(store).await?.0.len())
}

/// Why the phone was not wiped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WipeError {
    /// This many unsent values are in no backup as they are stored now.
    NotBackedUp(usize),
    /// The browser refused to compute what the last backup holds.
    Crypto(CryptoError),
}

/// "Hapus data ponsel": removes everything this app stores on the phone (registrations, the
/// koperasi book, the enrollment, the keys, what the last backup held) but the language and
/// the browser's storage answer — only if every unsent value is in the last backup exactly as
/// stored now.
pub async fn wipe(store: &StoreContext) -> Result<(), WipeError> {
    let (missing, read) = not_backed_up(store).await.map_err(WipeError::Crypto)?;
    if !missing.is_empty() {
        return Err(WipeError::NotBackedUp(missing.len()));
    }
    // The digests awaited: another tab (or this one's sync) may have written since. From here
    // to the last removal nothing awaits, so what is checked is what is removed.
    let backend = LocalBackend;
    let now = to_keep_now(&backend, store);
    if now != read {
        let changed = now.iter().filter(|entry| !read.contains(entry)).count();
        return Err(WipeError::NotBackedUp(changed.max(1)));
    }
    wipe_now(&backend, &[keys::LANGUAGE, keys::PERSIST]);
    Ok(())
}

/// Removes every key of this app's layout but `keep`.
pub fn wipe_now(backend: &impl Backend, keep: &[&str]) {
    for key in backend.keys_with_prefix(keys::PREFIX) {
        if !keep.contains(&key.as_str()) {
            backend.remove(&key);
        }
    }
}

/// Offers `text` as a file named `name`; `false` if the browser refused.
fn offer_download(name: &str, text: &str) -> bool {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/octet-stream");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Ok(a) = document.create_element("a") else {
        return false;
    };
    let _ = a.set_attribute("href", &url);
    let _ = a.set_attribute("download", name);
    let Some(a) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&a) else {
        return false;
    };
    a.click();
    // Not revoked at once: Chrome may still be reading the blob for the download. One small
    // URL per backup lives until the page is closed.
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

    /// A store that opened nothing (a phone whose records are all in clear).
    struct NoneOpened;
    impl Opened for NoneOpened {
        fn opened(&self, _: &str, _: &str) -> Option<StoredRecord> {
            None
        }
    }

    /// A store that opened exactly these stored texts.
    struct OpenedTexts(Vec<(String, StoredRecord)>);
    impl Opened for OpenedTexts {
        fn opened(&self, _: &str, value: &str) -> Option<StoredRecord> {
            self.0
                .iter()
                .find(|(v, _)| v == value)
                .map(|(_, r)| r.clone())
        }
    }

    #[test]
    fn a_sealed_registration_counts_by_the_submission_the_store_opened_from_that_very_text() {
        let record = StoredRecord::queued(testdata::submission(7));
        let id = record.id().unwrap().to_owned();
        let key = keys::record(&id);
        let sealed_text = |tag: &str| {
            format!(r#"{{"v":3,"state":"queued","schema":2,"sum":"{tag}","box":"opaque-{tag}"}}"#)
        };
        let (before, after) = (sealed_text("a"), sealed_text("b"));
        let tried = crate::store::transition::requeue(
            crate::store::transition::send(record.clone()).unwrap(),
            Some("network"),
        );
        let opened = OpenedTexts(vec![
            (before.clone(), record.clone()),
            (after.clone(), tried),
        ]);
        // Two seals of the same submission (a failed send in between) count alike…
        assert_eq!(
            what_counts(&key, &before, &opened),
            what_counts(&key, &after, &opened)
        );
        assert_eq!(
            what_counts(&key, &before, &opened),
            serde_json::to_string(record.submission().unwrap()).unwrap()
        );
        // …and a sealed text the store did not open counts as stored: never covered by chance.
        assert_eq!(what_counts(&key, &before, &NoneOpened), before);
    }

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

    /// `record` stored under `id`, in clear as today's release writes it.
    fn stored_as(backend: &MemoryBackend, id: &str, record: &StoredRecord) {
        backend
            .set(&keys::record(id), &format::encode(record))
            .unwrap();
    }

    /// `record` stored under its own id; the id.
    fn stored(backend: &MemoryBackend, record: StoredRecord) -> String {
        let id = record.id().unwrap().to_owned();
        stored_as(backend, &id, &record);
        id
    }

    #[test]
    fn a_backup_carries_every_registration_but_the_sent_ones_and_a_wipe_needs_those_and_the_unreadable()
     {
        let backend = MemoryBackend::new();
        let queued = stored(&backend, StoredRecord::queued(testdata::submission(1)));
        let draft = stored(&backend, StoredRecord::draft(testdata::submission(2)));
        let sent = {
            let record = StoredRecord::queued(testdata::submission(3));
            let id = record.id().unwrap().to_owned();
            let synced = crate::store::transition::apply(
                crate::store::transition::send(record).unwrap(),
                &domain::wire::Outcome::Accepted {
                    receipt: domain::wire::ReceiptNumber::new(2026, 1).unwrap(),
                },
                "2026-11-23T03:00:00.000Z",
            );
            stored_as(&backend, &id, &synced);
            id
        };
        // A newer release's record: this release cannot read its state, so it is carried.
        backend
            .set(&keys::record("newer"), r#"{"v":99,"state":"synced"}"#)
            .unwrap();
        backend.set(&keys::quarantine("x"), "{broken").unwrap();
        backend.set(keys::KOPERASI, "[]").unwrap();

        let mut expected = vec![queued.clone(), draft.clone(), "newer".to_owned()];
        expected.sort();
        assert_eq!(ids_to_back_up(&backend), expected);
        assert!(!ids_to_back_up(&backend).contains(&sent));
        let mut needed: Vec<String> = expected.iter().map(|id| keys::record(id)).collect();
        needed.push(keys::quarantine("x"));
        assert_eq!(keys_to_keep(&backend), needed);
    }

    #[test]
    fn what_a_backup_does_not_hold_as_stored_now_is_uncovered() {
        let needed = vec![
            ("a".to_owned(), "d1".to_owned()),
            ("b".to_owned(), "d2".to_owned()),
            ("c".to_owned(), "d3".to_owned()),
        ];
        assert_eq!(uncovered(&needed, None), ["a", "b", "c"]);
        let covered = Covered {
            made_at: "t".into(),
            values: [("a", "d1"), ("b", "older"), ("z", "d9")]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        };
        // "b" changed since the backup, "c" was never in it; "z" is gone and needs nothing.
        assert_eq!(uncovered(&needed, Some(&covered)), ["b", "c"]);
        assert!(uncovered(&[], Some(&covered)).is_empty());
    }

    #[test]
    fn a_send_attempt_leaves_a_registration_covered_and_a_change_of_its_content_does_not() {
        let record = StoredRecord::queued(testdata::submission(1));
        let id = record.id().unwrap().to_owned();
        let key = keys::record(&id);
        let before = what_counts(&key, &format::encode(&record), &NoneOpened);
        let tried = crate::store::transition::requeue(
            crate::store::transition::send(record.clone()).unwrap(),
            Some("network"),
        );
        assert_ne!(format::encode(&tried), format::encode(&record));
        assert_eq!(
            what_counts(&key, &format::encode(&tried), &NoneOpened),
            before
        );
        let changed = StoredRecord::queued(testdata::submission(2));
        assert_ne!(
            what_counts(&key, &format::encode(&changed), &NoneOpened),
            before
        );
        // Anything else counts as stored.
        assert_eq!(
            what_counts(&keys::quarantine("x"), "{broken", &NoneOpened),
            "{broken"
        );
    }

    #[test]
    fn a_wipe_removes_every_key_of_the_app_but_the_ones_kept_and_nothing_of_others() {
        let backend = MemoryBackend::new();
        stored(&backend, StoredRecord::queued(testdata::submission(1)));
        for key in [
            keys::LANGUAGE,
            keys::PERSIST,
            keys::DEVICE,
            keys::KOPERASI,
            keys::KEYRING,
        ] {
            backend.set(key, "x").unwrap();
        }
        backend.set("another.app", "y").unwrap();
        wipe_now(&backend, &[keys::LANGUAGE, keys::PERSIST]);
        let mut left = backend.keys_with_prefix("");
        left.sort();
        assert_eq!(left, ["another.app", keys::LANGUAGE, keys::PERSIST]);
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
