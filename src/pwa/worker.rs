//! Registers the service worker (public/sw.js) and tells the interface when a new
//! version is installed and waiting.
//!
//! The worker never takes over by itself: the page asks it to (`skip-waiting`) only
//! after the user agreed, then reloads once the new worker controls the page. A
//! `controllerchange` the user did not ask for (the very first install claiming the
//! page) reloads nothing.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, closure::Closure};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// Where the worker is served: the site root, so its scope is the whole app.
const WORKER_URL: &str = "/sw.js";
/// How often an app left open looks for a new version (besides each time it comes back
/// into view): one hour, so a phone kept on all market day still gets a fix that day.
const UPDATE_CHECK_MS: i32 = 60 * 60 * 1000;
/// The message public/sw.js answers with `skipWaiting()`.
const SKIP_WAITING: &str = "skip-waiting";

/// The service worker's update state, shared through context.
#[derive(Clone, Copy)]
pub struct Update {
    ready: RwSignal<bool>,
    accepted: RwSignal<bool>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
}

impl Update {
    /// A new version is installed and waiting for the user's yes (tracked).
    pub fn ready(&self) -> bool {
        self.ready.get()
    }

    /// The user said yes and the new version is taking over (tracked).
    pub fn accepted(&self) -> bool {
        self.accepted.get()
    }

    /// Asks the browser to look for a new version now, rather than at the next opening or
    /// hourly check (the endpoint said this version and it are out of step). Offline, or with
    /// no service worker, nothing happens.
    pub fn check_now(&self) {
        let Some(registration) = self.registration.get_value() else {
            return;
        };
        if let Ok(promise) = registration.update() {
            spawn_local(async move {
                let _ = JsFuture::from(promise).await;
            });
        }
    }

    /// Asks the waiting version to take over; the page reloads when it has. Callers check
    /// [`super::UnsavedChanges`] first.
    pub fn accept(&self) {
        self.accepted.set(true);
        let waiting = self
            .registration
            .with_value(|r| r.as_ref().and_then(|r| r.waiting()));
        match waiting {
            Some(waiting) => {
                let _ = waiting.post_message(&SKIP_WAITING.into());
            }
            // Nothing waits any more: another tab switched already, and the new version
            // controls this page too. Reloading is what is left to do.
            None => reload(),
        }
    }
}

/// The update state. Panics only if called outside `App`, a programming error.
pub fn use_update() -> Update {
    expect_context::<Update>()
}

pub(super) fn provide() {
    let update = Update {
        ready: RwSignal::new(false),
        accepted: RwSignal::new(false),
        registration: StoredValue::new_local(None),
    };
    provide_context(update);
    if let Some(container) = container() {
        register(container, update);
    }
}

/// The page's service worker container, if this browser has one (it has none on plain
/// http other than localhost, or in some private modes).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

fn register(container: ServiceWorkerContainer, update: Update) {
    let on_controller_change = Closure::<dyn FnMut()>::new(move || {
        if update.accepted.get_untracked() {
            reload();
        }
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    // Listeners live as long as the page: leaking them is what keeps them.
    on_controller_change.forget();

    spawn_local(async move {
        let registration = match JsFuture::from(container.register(WORKER_URL)).await {
            Ok(r) => r.unchecked_into::<ServiceWorkerRegistration>(),
            Err(e) => {
                // The app works online without it; say why offline will not.
                leptos::logging::warn!("service worker not registered: {e:?}");
                return;
            }
        };
        update.registration.set_value(Some(registration.clone()));
        // A version installed while the app was open earlier waits already. With no
        // controller this is the first install, which activates by itself.
        if registration.waiting().is_some() && container.controller().is_some() {
            update.ready.set(true);
        }
        // Opening the app is when an officer expects the news: ask at once rather than
        // wait for the browser's own check. (Not on the first install: nothing is newer.)
        let opened_before = container.controller().is_some();
        watch_installs(&registration, container, update);
        check_now_and_then(registration, opened_before);
    });
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Raises `ready` when a new version finishes installing beside the running one.
fn watch_installs(
    registration: &ServiceWorkerRegistration,
    container: ServiceWorkerContainer,
    update: Update,
) {
    let reg = registration.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = reg.installing() else {
            return;
        };
        let worker = installing.clone();
        let container = container.clone();
        let on_state_change = Closure::<dyn FnMut()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed && container.controller().is_some() {
                update.ready.set(true);
            }
        });
        installing.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
        on_state_change.forget();
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
}

/// Looks for a new version now (unless this is the first install), when the app comes
/// back into view, and every hour: an officer may keep one page open all day.
fn check_now_and_then(registration: ServiceWorkerRegistration, now: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let check = Closure::<dyn FnMut()>::new(move || {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.hidden());
        if hidden {
            return;
        }
        if let Ok(promise) = registration.update() {
            // Offline the check fails; that is expected and not worth a console error.
            spawn_local(async move {
                let _ = JsFuture::from(promise).await;
            });
        }
    });
    let check_fn: &js_sys::Function = check.as_ref().unchecked_ref();
    if now {
        let _ = check_fn.call0(&wasm_bindgen::JsValue::NULL);
    }
    if let Some(document) = window.document() {
        let _ = document.add_event_listener_with_callback("visibilitychange", check_fn);
    }
    let _ =
        window.set_interval_with_callback_and_timeout_and_arguments_0(check_fn, UPDATE_CHECK_MS);
    check.forget();
}
