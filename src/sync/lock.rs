//! One syncer at a time across this phone's tabs. The Web Locks API where it exists
//! (Chrome, Firefox, Safari 15.4+): the browser releases the lock when a tab dies. Where
//! it is missing, a lease in localStorage that expires, so a dead tab blocks no one for
//! longer than [`LEASE_MS`].

use std::{cell::Cell, future::Future, rc::Rc};

use js_sys::{Function, Object, Promise, Reflect};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue, prelude::Closure};
use wasm_bindgen_futures::{JsFuture, future_to_promise};

use crate::settings::Setting;
use crate::store::keys;

/// The cross-tab sync lease, where the Web Locks API is missing.
pub const SYNC_LEASE: Setting<Lease> = Setting::new(keys::SYNC_LEASE);

/// The Web Locks name.
pub const LOCK_NAME: &str = "lindungi-sync";
/// How long a fallback lease lasts without renewal.
pub const LEASE_MS: f64 = 60_000.0;

/// Runs `work` if no other tab is syncing; `false` if another one holds the lock.
pub async fn with_sync_lock<F: Future<Output = ()> + 'static>(work: F) -> bool {
    let locks = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| Reflect::get(&n, &"locks".into()).ok())
        .filter(|l| !l.is_undefined() && !l.is_null());
    match locks {
        Some(locks) => with_web_lock(locks, work).await,
        None => with_lease(work).await,
    }
}

async fn with_web_lock<F: Future<Output = ()> + 'static>(locks: JsValue, work: F) -> bool {
    let acquired = Rc::new(Cell::new(false));
    let flag = acquired.clone();
    let callback = Closure::once(move |lock: JsValue| -> Promise {
        if lock.is_null() {
            return Promise::resolve(&JsValue::FALSE);
        }
        flag.set(true);
        future_to_promise(async move {
            work.await;
            Ok(JsValue::TRUE)
        })
    });
    let options = Object::new();
    let _ = Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
    let request = Reflect::get(&locks, &"request".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    let Some(request) = request else { return false };
    let Ok(promise) = request.call3(
        &locks,
        &LOCK_NAME.into(),
        &options,
        callback.as_ref().unchecked_ref(),
    ) else {
        return false;
    };
    if let Ok(promise) = promise.dyn_into::<Promise>() {
        let _ = JsFuture::from(promise).await;
    }
    acquired.get()
}

/// Who holds the fallback lease, and until when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lease {
    /// The holding tab's random id.
    pub owner: String,
    /// When the lease ends unless renewed (milliseconds since the Unix epoch).
    pub until: f64,
}

thread_local! {
    static TAB_ID: String = crate::ids::new_registration_id().to_string();
}

async fn with_lease<F: Future<Output = ()>>(work: F) -> bool {
    let me = TAB_ID.with(Clone::clone);
    let now = js_sys::Date::now();
    let held_by_other = SYNC_LEASE
        .get()
        .is_some_and(|l| l.owner != me && l.until > now);
    if held_by_other {
        return false;
    }
    let lease = Lease {
        owner: me.clone(),
        until: now + LEASE_MS,
    };
    if SYNC_LEASE.set(&lease).is_err() {
        return false;
    }
    // Two tabs may have written at once: the last write wins, the other backs off.
    if SYNC_LEASE.get().is_none_or(|l| l.owner != me) {
        return false;
    }
    work.await;
    SYNC_LEASE.remove();
    true
}
