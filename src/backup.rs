//! "Cadangkan yang belum terkirim": every registration the city has not confirmed, as a
//! JSON file the officer can keep and the endpoint can import later (its `registrations`
//! are the same submissions the batch endpoint takes). Unreadable entries go in too, as
//! they were stored, and so do the records of a newer release, so nothing is left behind.

use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::{
    clock,
    store::{StoredRecord, context::StoreContext},
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
