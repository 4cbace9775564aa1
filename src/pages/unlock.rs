//! The PIN in front of everything (`docs/security.md`): a phone with no keyring yet asks the
//! officer to choose a PIN before anything is typed (a registration must never be stored in
//! clear, and one can be typed before the phone is enrolled); a phone with one asks for it at
//! every opening. The data key the PIN unwraps lives in memory only, until the page closes.
//!
//! Once open, the screen locks again after [`keyring::lock_after_minutes`] without a touch, or
//! when the app comes back from the background after as long. Locking hides the screen but
//! keeps the key: sending goes on while locked, and a form half filled is there again after
//! the PIN. Wrong PINs wait longer each time (`keyring::lockout`); nothing is ever erased for a
//! wrong PIN.

use std::time::Duration;

use domain::pin::Pin;
use leptos::prelude::*;

use crate::{
    crypto::DataKey,
    i18n::{pin as t, use_i18n},
    keyring::{self, KEYRING, Keyring, PIN_ITERATIONS, UnlockError},
    store::{LocalBackend, WriteError, context::use_store},
    sync::device,
};

/// Locks the screen now or tells whether it is locked (settings' "Kunci sekarang").
#[derive(Clone, Copy)]
pub struct ScreenLock(RwSignal<bool>);

impl ScreenLock {
    /// Locks the screen (the data key stays in memory: sending goes on).
    pub fn lock(&self) {
        self.0.set(true);
    }
}

/// The screen lock, from context.
pub fn use_screen_lock() -> ScreenLock {
    expect_context::<ScreenLock>()
}

/// The code that opens the store is a chunk of its own: fetched once the officer starts typing
/// the PIN (a PIN takes seconds to type; fetching it as the screen appears held up the first
/// paint, BENCHMARKS.md).
fn preload_opening() {
    thread_local!(static ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if !ASKED.with(|a| a.replace(true)) {
        crate::store::context::preload_opening();
        crate::koperasi::preload_opening();
        if let Some(preload) = ALSO_PRELOAD.get() {
            preload();
        }
    }
}

thread_local! {
    /// What else [`PinGate`]'s caller fetches while the PIN is typed (the route table's code,
    /// `pages::lazy::preload_screens`: passed in, since the route table depends on this module).
    static ALSO_PRELOAD: std::cell::Cell<Option<fn()>> = const { std::cell::Cell::new(None) };
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Everything behind the PIN: `children` are built once the store is open, and hidden (not
/// dropped) while the screen is locked. `preload` is fetched, with the store's opening, at the
/// first digit of the PIN.
#[component]
pub fn PinGate(children: ChildrenFn, #[prop(optional)] preload: Option<fn()>) -> impl IntoView {
    ALSO_PRELOAD.set(preload);
    let store = use_store();
    let sync = crate::sync::use_sync();
    let koperasi = crate::koperasi::use_koperasi();
    let worklist = crate::worklist::use_worklist();
    let locked = RwSignal::new(false);
    provide_context(ScreenLock(locked));
    let has_keyring = RwSignal::new(KEYRING.get().is_some());
    let opening = RwSignal::new(None::<(usize, usize)>);

    // The first opening: the store reads (and, on a phone of an earlier release, encrypts in
    // place) every record with the key.
    let open_store = move |key: DataKey| {
        wasm_bindgen_futures::spawn_local(async move {
            let city = device::current().and_then(|d| d.city_key);
            // A backup needs the key wrapped for the city; failing here only delays that.
            let _ = keyring::keep_wrapped_for_city(&LocalBackend, &key, city.as_ref()).await;
            opening.set(Some((0, 0)));
            // The koperasi book first (one small box): a registration started the moment the
            // screens show must find the chosen koperasi.
            koperasi.unlock(&key).await;
            store
                .unlock(key.clone(), move |done, total| {
                    opening.set(Some((done, total)))
                })
                .await;
            opening.set(None);
            // The worklist after the screens: its list fills in a moment later.
            worklist.unlock(&key).await;
            sync.trigger();
        });
    };
    let chosen = Callback::new(move |key: DataKey| {
        has_keyring.set(true);
        open_store(key);
    });
    let unlocked = Callback::new(move |key: DataKey| {
        if store.is_open() {
            locked.set(false); // a screen lock: the key is already open
        } else {
            open_store(key);
        }
    });

    // Another tab chose the PIN: this one asks for it instead of making a second key (which
    // would leave the first tab's registrations under a key no PIN opens). Another tab erased
    // the phone: the key this tab holds belongs to nothing any more, so start again.
    KEYRING.follow(move |keyring| {
        if keyring.is_none() && store.is_open() {
            let _ = window().location().reload();
        }
        has_keyring.set(keyring.is_some());
    });
    watch_idle(locked, move || store.is_open());

    let i18n = use_i18n();
    view! {
        <Show
            when=move || store.is_open()
            fallback=move || match opening.get() {
                Some((done, total)) => view! {
                    <main class="page unlock">
                        <p role="status">
                            {move || i18n.t(&t::OPENING)} " "
                            {move || (total > 0).then(|| format!("{done} {} {total}", i18n.t(&t::OF)))}
                        </p>
                    </main>
                }.into_any(),
                None if has_keyring.get() => view! { <EnterPin unlocked/> }.into_any(),
                None => view! { <ChoosePin chosen/> }.into_any(),
            }
        >
            <Show when=move || locked.get()>
                <EnterPin unlocked/>
            </Show>
            <div class="unlocked" hidden=move || locked.get()>{children()}</div>
        </Show>
    }
}

/// Locks the screen after the chosen minutes without a touch, and at once when the app comes
/// back from the background after as long.
fn watch_idle(locked: RwSignal<bool>, is_open: impl Fn() -> bool + Clone + 'static) {
    let last_touch = StoredValue::new(now_ms());
    let touched = move |_| last_touch.set_value(now_ms());
    let handles = [
        window_event_listener(leptos::ev::pointerdown, touched),
        window_event_listener(leptos::ev::keydown, move |_| last_touch.set_value(now_ms())),
    ];
    let check = move || {
        let limit = u64::from(keyring::lock_after_minutes()) * 60_000;
        if is_open()
            && !locked.get_untracked()
            && now_ms().saturating_sub(last_touch.get_value()) >= limit
        {
            locked.set(true);
        }
    };
    let on_return = check.clone();
    let visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            on_return();
        }
    });
    let interval = set_interval_with_handle(check, Duration::from_secs(5)).ok();
    on_cleanup(move || {
        for handle in handles {
            handle.remove();
        }
        visibility.remove();
        if let Some(interval) = interval {
            interval.clear();
        }
    });
}

/// What the last PIN typed came to.
#[derive(Clone, Debug, PartialEq)]
enum Said {
    Checking,
    /// Wrong, or typed too soon: the next may be tried at this time (phone clock, ms).
    WaitUntil {
        wrong: bool,
        until_ms: u64,
    },
    Refused,
}

/// "Buka Lindungi": the PIN, checked against the keyring.
#[component]
fn EnterPin(unlocked: Callback<DataKey>) -> impl IntoView {
    let i18n = use_i18n();
    let pin = RwSignal::new(String::new());
    let said = RwSignal::new({
        let left = keyring::lockout_in(&LocalBackend).remaining_ms(now_ms());
        (left > 0).then(|| Said::WaitUntil {
            wrong: true,
            until_ms: now_ms() + left,
        })
    });
    // Counts the wait down on screen.
    let now = RwSignal::new(now_ms());
    if let Ok(tick) = set_interval_with_handle(move || now.set(now_ms()), Duration::from_secs(1)) {
        on_cleanup(move || tick.clear());
    }
    let waiting_s = move || match said.get() {
        Some(Said::WaitUntil { until_ms, .. }) => {
            let left = until_ms.saturating_sub(now.get());
            (left > 0).then(|| left.div_ceil(1000))
        }
        _ => None,
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if matches!(said.get_untracked(), Some(Said::Checking)) || waiting_s().is_some() {
            return;
        }
        let typed = Pin::typed(&pin.get_untracked());
        said.set(Some(Said::Checking));
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = keyring::unlock(&LocalBackend, &typed, now_ms()).await;
            let now = now_ms();
            match outcome {
                Ok(key) => {
                    pin.try_set(String::new());
                    said.try_set(None);
                    unlocked.run(key);
                }
                Err(UnlockError::WrongPin(ms)) => {
                    pin.try_set(String::new());
                    said.try_set(Some(Said::WaitUntil {
                        wrong: true,
                        until_ms: now + ms,
                    }));
                }
                Err(UnlockError::Wait(ms)) => {
                    said.try_set(Some(Said::WaitUntil {
                        wrong: false,
                        until_ms: now + ms,
                    }));
                }
                Err(UnlockError::NoKeyring | UnlockError::Browser(_)) => {
                    said.try_set(Some(Said::Refused));
                }
            }
        });
    };
    let message = move || match said.get() {
        None => String::new(),
        Some(Said::Checking) => i18n.t(&t::CHECKING).to_owned(),
        Some(Said::Refused) => i18n.t(&t::REFUSED).to_owned(),
        Some(Said::WaitUntil { wrong, .. }) => {
            let mut text = String::new();
            if wrong {
                text.push_str(i18n.t(&t::WRONG));
            }
            if let Some(s) = waiting_s() {
                text.push_str(&format!(
                    " {} {s} {}",
                    i18n.t(&t::WAIT),
                    i18n.t(&t::SECONDS)
                ));
            }
            if wrong {
                text.push(' ');
                text.push_str(i18n.t(&t::NOTHING_WIPED));
            }
            text.trim().to_owned()
        }
    };
    view! {
        <main class="page unlock">
            <h1>{move || i18n.t(&t::UNLOCK_TITLE)}</h1>
            <p>{move || i18n.t(&t::UNLOCK_WHY)}</p>
            <form on:submit=submit>
                <div class="field">
                    <label for="unlock-pin">{move || i18n.t(&t::PIN)}</label>
                    <input id="unlock-pin" type="password" inputmode="numeric" autocomplete="off"
                        bind:value=pin autofocus=true on:input=|_| preload_opening()/>
                </div>
                <button type="submit" class="primary"
                    disabled=move || matches!(said.get(), Some(Said::Checking)) || waiting_s().is_some()>
                    {move || i18n.t(&t::OPEN)}
                </button>
            </form>
            <p role="alert">{message}</p>
        </main>
    }
}

/// "Pilih PIN": the phone's first PIN, twice; a new data key wrapped under it (and for the city
/// when its key is known).
#[component]
fn ChoosePin(chosen: Callback<DataKey>) -> impl IntoView {
    let i18n = use_i18n();
    let first = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let said = RwSignal::new(None::<crate::i18n::Text>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let pin = match Pin::choose_confirmed(&first.get_untracked(), &again.get_untracked()) {
            Ok(pin) => pin,
            Err(e) => {
                said.set(Some(t::refused(e)));
                return;
            }
        };
        busy.set(true);
        said.set(None);
        wasm_bindgen_futures::spawn_local(async move {
            let city = device::current().and_then(|d| d.city_key);
            let made = Keyring::create(&pin, PIN_ITERATIONS, city.as_ref()).await;
            let outcome = match made {
                // Chosen in another tab while this one derived its key: that PIN stands.
                Ok(_) if KEYRING.get().is_some() => Err(t::CHOSEN_ELSEWHERE),
                Ok((keyring, key)) => match KEYRING.set(&keyring) {
                    Ok(()) => Ok(key),
                    Err(WriteError::QuotaExceeded) => Err(t::FULL),
                    Err(WriteError::Other(_)) => Err(t::REFUSED),
                },
                Err(_) => Err(t::REFUSED),
            };
            busy.try_set(false);
            match outcome {
                Ok(key) => chosen.run(key),
                Err(text) => {
                    said.try_set(Some(text));
                }
            }
        });
    };
    view! {
        <main class="page unlock">
            <h1>{move || i18n.t(&t::CHOOSE_TITLE)}</h1>
            <p>{move || i18n.t(&t::CHOOSE_WHY)}</p>
            <form on:submit=submit>
                <div class="field">
                    <label for="new-pin">{move || i18n.t(&t::NEW_PIN)}</label>
                    <p class="hint" id="new-pin-hint">{move || i18n.t(&t::NEW_PIN_HINT)}</p>
                    <input id="new-pin" type="password" inputmode="numeric" autocomplete="new-password"
                        aria-describedby="new-pin-hint" bind:value=first on:input=|_| preload_opening()/>
                </div>
                <div class="field">
                    <label for="new-pin-again">{move || i18n.t(&t::AGAIN)}</label>
                    <input id="new-pin-again" type="password" inputmode="numeric" autocomplete="new-password"
                        bind:value=again/>
                </div>
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || i18n.t(&t::SAVE_PIN)}
                </button>
            </form>
            <p role="alert">{move || said.get().map(|t| i18n.t(&t).to_owned())}</p>
        </main>
    }
}
