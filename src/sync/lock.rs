//! One syncer at a time across this phone's tabs. The Web Locks API where it exists
//! (Chrome, Firefox, Safari 15.4+): the browser releases the lock when a tab dies. Where
//! it is missing, a lease in localStorage that expires, so a dead tab blocks no one for
//! longer than [`LEASE_MS`]. A sync may run longer than that (a thousand registrations on a
//! slow link): the tab holding the lease renews it every [`RENEW_MS`] while it syncs, and
//! after each batch, so no second tab starts beside it. The lease's rules ([`take`],
//! [`renew`], [`release`]) are plain functions over a storage backend, with plain tests.

use std::{cell::Cell, future::Future, rc::Rc};

use js_sys::{Function, Object, Promise, Reflect};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue, prelude::Closure};
use wasm_bindgen_futures::{JsFuture, future_to_promise};

use crate::settings::Setting;
use crate::store::{Backend, LocalBackend, keys};

/// The cross-tab sync lease, where the Web Locks API is missing.
pub const SYNC_LEASE: Setting<Lease> = Setting::new(keys::SYNC_LEASE);

/// The Web Locks name.
pub const LOCK_NAME: &str = "lindungi-sync";
/// How long a fallback lease lasts without renewal.
pub const LEASE_MS: f64 = 60_000.0;
/// How often the holder renews it while it syncs: a third of the lease, so two renewals may
/// come late (a busy page, a throttled timer) before it runs out.
pub const RENEW_MS: u32 = 20_000;

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

/// Takes the lease for tab `me` at `now` (milliseconds since the epoch), unless another tab
/// holds one that has not run out; whether `me` holds it now.
pub fn take(backend: &impl Backend, me: &str, now: f64) -> bool {
    let held_by_other = SYNC_LEASE
        .get_in(backend)
        .is_some_and(|l| l.owner != me && l.until > now);
    if held_by_other {
        return false;
    }
    let lease = Lease {
        owner: me.to_owned(),
        until: now + LEASE_MS,
    };
    if SYNC_LEASE.set_in(backend, &lease).is_err() {
        return false;
    }
    // Two tabs may have written at once: the last write wins, the other backs off.
    SYNC_LEASE.get_in(backend).is_some_and(|l| l.owner == me)
}

/// Extends `me`'s lease to [`LEASE_MS`] from `now`; `false` if the lease is no longer `me`'s
/// (it ran out and another tab took it), which is then left alone.
pub fn renew(backend: &impl Backend, me: &str, now: f64) -> bool {
    match SYNC_LEASE.get_in(backend) {
        Some(lease) if lease.owner == me => SYNC_LEASE
            .set_in(
                backend,
                &Lease {
                    until: now + LEASE_MS,
                    ..lease
                },
            )
            .is_ok(),
        _ => false,
    }
}

/// Gives the lease up, if it is still `me`'s.
pub fn release(backend: &impl Backend, me: &str) {
    if SYNC_LEASE.get_in(backend).is_some_and(|l| l.owner == me) {
        SYNC_LEASE.remove_in(backend);
    }
}

/// Renews this tab's lease now, if it holds one (a batch was answered); nothing with Web Locks.
pub fn renew_held() {
    TAB_ID.with(|me| renew(&LocalBackend, me, js_sys::Date::now()));
}

async fn with_lease<F: Future<Output = ()>>(work: F) -> bool {
    let me = TAB_ID.with(Clone::clone);
    if !take(&LocalBackend, &me, js_sys::Date::now()) {
        return false;
    }
    let renewing = {
        let me = me.clone();
        gloo_timers::callback::Interval::new(RENEW_MS, move || {
            renew(&LocalBackend, &me, js_sys::Date::now());
        })
    };
    work.await;
    drop(renewing);
    release(&LocalBackend, &me);
    true
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::store::MemoryBackend;

    const START: f64 = 1_790_000_000_000.0;

    #[test]
    fn a_free_lease_is_taken_and_keeps_a_second_tab_out_until_it_runs_out() {
        let storage = MemoryBackend::new();
        assert!(take(&storage, "one", START));
        assert!(!take(&storage, "two", START + 1_000.0));
        assert!(!take(&storage, "two", START + LEASE_MS - 1.0));
        // A tab that died holds no one up for longer than the lease.
        assert!(take(&storage, "two", START + LEASE_MS + 1.0));
    }

    #[test]
    fn a_sync_longer_than_the_lease_keeps_a_second_tab_out_while_it_renews() {
        let storage = MemoryBackend::new();
        assert!(take(&storage, "one", START));
        let renewal = f64::from(RENEW_MS);
        // Five minutes of syncing, renewed on time.
        for n in 1..=15 {
            let now = START + f64::from(n) * renewal;
            assert!(renew(&storage, "one", now), "renewal {n}");
            assert!(
                !take(&storage, "two", now + renewal - 1.0),
                "after renewal {n}"
            );
        }
    }

    #[test]
    fn a_lease_taken_over_after_it_ran_out_is_not_renewed_or_released_by_its_old_holder() {
        let storage = MemoryBackend::new();
        assert!(take(&storage, "one", START));
        assert!(take(&storage, "two", START + LEASE_MS + 1.0));
        assert!(!renew(&storage, "one", START + LEASE_MS + 2.0));
        release(&storage, "one");
        assert_eq!(SYNC_LEASE.get_in(&storage).unwrap().owner, "two");
        release(&storage, "two");
        assert_eq!(SYNC_LEASE.get_in(&storage), None);
    }

    #[test]
    fn a_storage_that_refuses_the_lease_syncs_no_one() {
        let full = MemoryBackend::with_quota(10);
        assert!(!take(&full, "one", START));
    }
}
