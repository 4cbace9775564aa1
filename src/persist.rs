//! Asking the browser to keep this app's storage when space runs low
//! (`navigator.storage.persist()`), once, at the first save; the answer is remembered for
//! the settings screen.

use serde::{Deserialize, Serialize};
use wasm_bindgen_futures::{JsFuture, spawn_local};

use crate::settings::Setting;
use crate::store::keys;

/// The browser's answer to `navigator.storage.persist()`, remembered for the settings screen.
pub const PERSIST: Setting<PersistState> = Setting::new(keys::PERSIST);

/// What the browser answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PersistState {
    /// Granted: the browser will not evict this app's storage.
    Granted,
    /// Refused (Chrome decides by engagement; installing the app helps).
    Refused,
}

/// The remembered answer, if it was asked.
pub fn state() -> Option<PersistState> {
    PERSIST.get()
}

/// Asks once; later calls do nothing. Failures only mean "not granted".
pub fn request_once() {
    if state() == Some(PersistState::Granted) {
        return;
    }
    let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else {
        return;
    };
    let Ok(promise) = storage.persist() else {
        return;
    };
    spawn_local(async move {
        let granted = JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        let answer = if granted {
            PersistState::Granted
        } else {
            PersistState::Refused
        };
        // Remembering is for the settings screen; a full storage only means it is asked again.
        let _ = PERSIST.set(&answer);
    });
}
