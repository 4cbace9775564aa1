//! The sync engine: every registration reaches the city exactly once, whatever the
//! network does. `engine` is the outbox loop (the record's transitions are
//! `store::transition`), `transport` what it sends through (`crate::api` in the app),
//! `outbox` the store as the engine sees it, `lock` keeps one syncer across tabs, `device`
//! the enrollment, and this module decides when to run:
//! at start-up, when the signal comes back (`online`), when the app comes back into view,
//! right after each save, on a timer with exponential backoff and jitter after a failure,
//! and from the "Kirim sekarang" button. Never the Background Sync API (Chromium only).

pub mod device;
pub mod engine;
pub mod health;
pub mod lock;
pub mod outbox;
pub mod transport;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use std::{cell::RefCell, rc::Rc};

use leptos::prelude::*;

use engine::{DEFAULT_BATCH_SIZE, Progress, RunEnd};

use crate::settings::{Plain, Setting};
use crate::store::keys;
use crate::{api::Error, clock, store::context::StoreContext};

/// When the city last confirmed a sync from this phone (RFC 3339, as plain text).
pub const LAST_SYNC: Setting<String, Plain> = Setting::new(keys::LAST_SYNC);

/// First retry after a failure; doubled each time, with jitter.
pub const BACKOFF_BASE_MS: u32 = 5_000;
/// Longest wait between retries.
pub const BACKOFF_CAP_MS: u32 = 5 * 60_000;

/// What the screens show about syncing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Status {
    /// Nothing happening.
    #[default]
    Idle,
    /// Sending: how far.
    Sending(Progress),
    /// Another tab is sending.
    OtherTab,
    /// The last run failed; retrying automatically.
    Failed(Error),
    /// This phone needs an enrollment code before it can send.
    NeedsEnrollment,
}

/// Shared sync state and the way to ask for a run.
#[derive(Clone, Copy)]
pub struct SyncContext {
    /// What is happening.
    pub status: RwSignal<Status>,
    /// When the city last confirmed (RFC 3339).
    pub last_sync: RwSignal<Option<String>>,
    /// This phone's officer, when enrolled.
    pub officer: RwSignal<Option<String>>,
    state: StoredValue<Rc<RefCell<Scheduler>>, LocalStorage>,
    store: StoreContext,
    worklist: crate::worklist::WorklistContext,
    update: crate::pwa::Update,
}

#[derive(Default)]
struct Scheduler {
    running: bool,
    again: bool,
    failures: u32,
    batch_size: usize,
    timer: Option<gloo_timers::callback::Timeout>,
}

impl SyncContext {
    /// Asks for a run now. If one is going, another follows it (a save made during a run
    /// is sent too).
    pub fn trigger(&self) {
        // A phone not enrolled has nothing a run could do (the run would say just this): its
        // code, a chunk of its own with the dozens it shares, is not fetched for it. On a
        // first visit that fetch was the longest task of the load (BENCHMARKS.md, "First load").
        if device::current().is_none() {
            self.status.set(Status::NeedsEnrollment);
            return;
        }
        let state = self.state.get_value();
        {
            let mut s = state.borrow_mut();
            if s.running {
                s.again = true;
                return;
            }
            s.running = true;
            s.timer = None;
        }
        let ctx = *self;
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                let acquired = lock::with_sync_lock(send_now(ctx)).await;
                if !acquired {
                    ctx.status.set(Status::OtherTab);
                    // The other tab's writes reach this one through `storage` events; look
                    // again later in case that tab goes away.
                    ctx.schedule(BACKOFF_BASE_MS * 2);
                }
                let mut s = state.borrow_mut();
                if s.again {
                    s.again = false;
                    continue;
                }
                s.running = false;
                break;
            }
        });
    }

    async fn run_once(self) {
        let Some(device) = device::current() else {
            self.status.set(Status::NeedsEnrollment);
            return;
        };
        let state = self.state.get_value();
        let mut batch_size = state.borrow().batch_size.max(1);
        let status = self.status;
        let version = health::version();
        let store = self.store;
        let report = move || {
            version.as_deref().map(|version| {
                health::report(
                    version,
                    &store.summaries(),
                    clock::now().unix_millis(),
                    store.used_chars(),
                    crate::store::STORAGE_LIMIT_CHARS,
                )
            })
        };
        let mut end = engine::run(
            &self.store,
            &device.api(),
            &mut batch_size,
            &|| clock::now().to_string(),
            &report,
            &|p| {
                // A batch was answered: the fallback lease (if this tab holds one) is renewed.
                lock::renew_held();
                status.set(Status::Sending(p));
            },
        )
        .await;
        state.borrow_mut().batch_size = batch_size;
        if matches!(end, RunEnd::Nothing | RunEnd::Done { .. }) {
            // The city's key for backups, if this phone does not have it yet: asked apart from
            // the run, so that a slow answer holds up no sending.
            wasm_bindgen_futures::spawn_local(device::learn_city_key());
            // What changed in the officer's area, now that the city took what this phone held
            // (its own registrations come back as covered). Inside the sync lock: one tab
            // fetches, the others open what it stores. A failure leaves the list as it was
            // (its screen says as of when); sending is not held up by it.
            // A revoked phone with nothing to send learns it here (401), as a batch would tell it.
            if let Err(Error::Unauthorized) = self.worklist.refresh(&device.api()).await {
                end = RunEnd::Failed(Error::Unauthorized);
            }
        }
        // Nothing (more) to send, or the endpoint answered but took nothing (busy, or of another
        // release): the city hears how the phone is now, if that is news. Not when no answer
        // came at all: the heartbeat would not get through either.
        let answered = match &end {
            RunEnd::Nothing | RunEnd::Done { .. } => true,
            RunEnd::Failed(e) => matches!(
                e,
                Error::UpdateRequired | Error::Server(_) | Error::TooLarge | Error::BadRequest
            ),
        };
        if answered && let Some(now) = report() {
            let at = js_sys::Date::now();
            if health::due(now.waiting, at) {
                let api = device.api();
                wasm_bindgen_futures::spawn_local(async move {
                    if api.heartbeat(&now).await.is_ok() {
                        health::beat_sent(now.waiting, at);
                    }
                });
            }
        }
        match end {
            RunEnd::Nothing => self.status.set(Status::Idle),
            RunEnd::Done { .. } => {
                state.borrow_mut().failures = 0;
                let now = clock::now().to_string();
                // Remembering is a nicety: if storage is full the time still shows for now.
                let _ = LAST_SYNC.set(&now);
                self.last_sync.set(Some(now));
                self.status.set(Status::Idle);
            }
            RunEnd::Failed(Error::Unauthorized) => {
                // Revoked or unknown: a new code is needed. Unsent registrations stay queued.
                device::forget();
                self.officer.set(None);
                self.status.set(Status::NeedsEnrollment);
            }
            RunEnd::Failed(e) => {
                if e == Error::UpdateRequired {
                    // The endpoint reads a schema this version does not write, or the other way
                    // round: the registrations stay queued (never "needs fixing"), the status
                    // says to update, and a new version is looked for now. They are sent again
                    // after the update (the app starts a sync when it opens) or, should the
                    // endpoint be the one updated, by the retries below.
                    self.update.check_now();
                }
                let failures = {
                    let mut s = state.borrow_mut();
                    s.failures += 1;
                    s.failures
                };
                let delay = match e {
                    Error::RateLimited(secs) => secs.saturating_mul(1000).min(BACKOFF_CAP_MS),
                    _ => backoff_ms(failures, js_sys::Math::random()),
                };
                self.status.set(Status::Failed(e));
                self.schedule(delay);
            }
        }
    }

    fn schedule(&self, delay_ms: u32) {
        let ctx = *self;
        let timer = gloo_timers::callback::Timeout::new(delay_ms, move || ctx.trigger());
        self.state.get_value().borrow_mut().timer = Some(timer);
    }

    /// Records a fresh enrollment and sends what is waiting.
    pub fn enrolled(&self, device: &device::Device) {
        // The list was the last officer's area (or none): the new one's comes with this sync.
        if self.officer.get_untracked().as_deref() != Some(device.officer_name.as_str()) {
            self.worklist.forget();
        }
        self.officer.set(Some(device.officer_name.clone()));
        self.status.set(Status::Idle);
        self.trigger();
    }
}

/// One run. Sending (the engine, the endpoint's client, the wire format) is not needed for the
/// first screen, so its code is a chunk of its own (`#[lazy]`, see docs/architecture.md), loaded
/// on the first run; the service worker keeps it for runs with no signal.
#[cfg_attr(not(feature = "no-split"), leptos::lazy)]
async fn send_now(ctx: SyncContext) {
    ctx.run_once().await
}

/// Exponential backoff with jitter: about `BASE · 2^(failures-1)`, between half and the
/// whole of it, capped. Jitter keeps a market full of phones from retrying in step.
pub fn backoff_ms(failures: u32, random: f64) -> u32 {
    let exp = BACKOFF_BASE_MS.saturating_mul(1u32 << failures.saturating_sub(1).min(16));
    let capped = exp.min(BACKOFF_CAP_MS);
    (f64::from(capped) * (0.5 + 0.5 * random.clamp(0.0, 1.0))) as u32
}

/// Starts the engine and its triggers; shares the context.
pub fn provide_sync(
    store: StoreContext,
    worklist: crate::worklist::WorklistContext,
) -> SyncContext {
    // A phone without a device token shows so from the first paint: switching to it a moment
    // later would push the rest of the screen down (a layout shift the officer sees as a jump).
    let status = if device::current().is_some() {
        Status::Idle
    } else {
        Status::NeedsEnrollment
    };
    let ctx = SyncContext {
        status: RwSignal::new(status),
        last_sync: RwSignal::new(LAST_SYNC.get()),
        officer: RwSignal::new(device::current().map(|d| d.officer_name)),
        state: StoredValue::new_local(Rc::new(RefCell::new(Scheduler {
            batch_size: DEFAULT_BATCH_SIZE,
            ..Default::default()
        }))),
        store,
        worklist,
        update: crate::pwa::use_update(),
    };
    provide_context(ctx);
    // The listeners are removed when the owner (the `App`, which lives as long as the page) is
    // cleaned up: dropping a handle would not remove its listener.
    // The signal came back.
    let online = window_event_listener(leptos::ev::online, move |_| ctx.trigger());
    on_cleanup(move || online.remove());
    // The app came back into view (the officer switched back from WhatsApp).
    let visible = window_event_listener_untyped("visibilitychange", move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            ctx.trigger();
        }
    });
    on_cleanup(move || visible.remove());
    // Another tab synced: follow its last-sync time.
    LAST_SYNC.follow(move |at| ctx.last_sync.set(at));
    // Another tab enrolled this phone, or learnt that its token was revoked.
    device::DEVICE.follow(move |device| match device {
        Some(device) => ctx.enrolled(&device),
        None => {
            ctx.officer.set(None);
            ctx.status.set(Status::NeedsEnrollment);
        }
    });
    // Start-up.
    ctx.trigger();
    ctx
}

/// The shared sync context.
pub fn use_sync() -> SyncContext {
    expect_context::<SyncContext>()
}
