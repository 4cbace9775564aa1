//! Settings: whether the browser keeps this app's storage for good, the backup of everything not
//! yet sent (a file only the city can open), and erasing the phone's data once it is safe.

use leptos::prelude::*;

use crate::{
    backup::{self, MakeError, SealError, WipeError},
    i18n::{Text, pin as pin_t, settings as t, use_i18n},
    keyring,
    persist::{self, PersistState},
    routes,
};

/// What the last action on this screen came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Said {
    /// A backup file with this many registrations was offered.
    BackedUp(usize),
    /// Anything else, in one text.
    Text(&'static Text),
    /// This many unsent registrations are in no backup: nothing erased.
    NotBackedUp(usize),
}

/// The settings screen.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let store = crate::store::context::use_store();
    let screen_lock = crate::pages::unlock::use_screen_lock();
    let lock_after = RwSignal::new(keyring::lock_after_minutes());
    let said = RwSignal::new(None::<Said>);
    let busy = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let last_backup = RwSignal::new(backup::LAST_BACKUP.get().map(|c| c.made_at));
    let persist_text = move || match persist::state() {
        Some(PersistState::Granted) => i18n.t(&t::PERSIST_GRANTED),
        Some(PersistState::Refused) => i18n.t(&t::PERSIST_NOT_GRANTED),
        None => i18n.t(&t::PERSIST_UNKNOWN),
    };
    // Runs one action at a time: a second tap while one is under way does nothing.
    let run = move |action: std::pin::Pin<Box<dyn std::future::Future<Output = Said>>>| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = action.await;
            said.try_set(Some(outcome));
            busy.try_set(false);
        });
    };
    let make_backup = move |_| {
        confirming.set(false);
        run(Box::pin(async move {
            match backup::make(&store).await {
                Ok(n) => {
                    last_backup.try_set(backup::LAST_BACKUP.get().map(|c| c.made_at));
                    Said::BackedUp(n)
                }
                Err(MakeError::Nothing) => Said::Text(&t::BACKUP_EMPTY),
                Err(MakeError::Seal(SealError::NoCityKey)) => Said::Text(&t::BACKUP_NO_CITY_KEY),
                Err(MakeError::Seal(SealError::NotWrappedForCity)) => {
                    Said::Text(&t::BACKUP_NOT_WRAPPED)
                }
                Err(MakeError::Seal(SealError::Crypto(_)) | MakeError::Download) => {
                    Said::Text(&t::BACKUP_FAILED)
                }
            }
        }));
    };
    // First tap: checks that everything unsent is in the last backup, then asks to confirm.
    let ask_wipe = move |_| {
        run(Box::pin(async move {
            match backup::count_not_backed_up(&store).await {
                Ok(0) => {
                    confirming.try_set(true);
                    Said::Text(&t::WIPE_CONFIRM)
                }
                Ok(n) => Said::NotBackedUp(n),
                Err(_) => Said::Text(&t::WIPE_FAILED),
            }
        }));
    };
    let wipe = move |_| {
        confirming.set(false);
        run(Box::pin(async move {
            match backup::wipe(&store).await {
                Ok(()) => {
                    // Everything held in memory goes with a fresh start of the app.
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().replace(routes::HOME);
                    }
                    Said::Text(&t::WIPE_CONFIRM)
                }
                Err(WipeError::NotBackedUp(n)) => Said::NotBackedUp(n),
                Err(WipeError::Crypto(_)) => Said::Text(&t::WIPE_FAILED),
            }
        }));
    };
    let said_text = move || {
        said.get().map(|s| match s {
            Said::BackedUp(n) => format!("{n} {}", i18n.t(&t::BACKUP_DONE)),
            Said::Text(text) => i18n.t(text).to_owned(),
            Said::NotBackedUp(n) => format!("{n} {}", i18n.t(&t::WIPE_REFUSED)),
        })
    };
    view! {
        <main class="page settings">
            <h1>{move || i18n.t(&t::TITLE)}</h1>
            <h2>{move || i18n.t(&pin_t::PIN)}</h2>
            <div class="field">
                <label for="lock-after">{move || i18n.t(&pin_t::LOCK_AFTER)}</label>
                <select id="lock-after" on:change=move |ev| {
                    if let Ok(minutes) = event_target_value(&ev).parse::<u32>() {
                        // Not kept when storage is full: the default stays.
                        let _ = keyring::LOCK_AFTER.set(&minutes);
                        lock_after.set(minutes);
                    }
                }>
                    {keyring::LOCK_AFTER_CHOICES.map(|m| view! {
                        <option value=m.to_string() selected=move || lock_after.get() == m>
                            {m} " " {move || i18n.t(&pin_t::MINUTES)}
                        </option>
                    })}
                </select>
            </div>
            <button type="button" class="secondary" on:click=move |_| screen_lock.lock()>
                {move || i18n.t(&pin_t::LOCK_NOW)}
            </button>
            <h2>{move || i18n.t(&t::PERSISTENT)}</h2>
            <p data-testid="persist-state">{persist_text}</p>
            <h2>{move || i18n.t(&t::BACKUP)}</h2>
            <p class="notice" id="backup-warning">{move || i18n.t(&t::BACKUP_WARNING)}</p>
            {move || {
                last_backup
                    .get()
                    .map(|at| view! { <p>{i18n.t(&t::BACKUP_LAST)} " " {crate::format::local_time(&at)}</p> })
            }}
            <button
                type="button"
                class="secondary"
                aria-describedby="backup-warning"
                disabled=move || busy.get()
                on:click=make_backup
            >
                {move || i18n.t(&t::BACKUP)}
            </button>
            <h2>{move || i18n.t(&t::WIPE)}</h2>
            <p id="wipe-explain">{move || i18n.t(&t::WIPE_EXPLAIN)}</p>
            <Show
                when=move || confirming.get()
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="secondary"
                            aria-describedby="wipe-explain"
                            disabled=move || busy.get()
                            on:click=ask_wipe
                        >
                            {move || i18n.t(&t::WIPE)}
                        </button>
                    }
                }
            >
                <div class="confirm">
                    <button type="button" class="danger" disabled=move || busy.get() on:click=wipe>
                        {move || i18n.t(&t::WIPE_YES)}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| {
                        confirming.set(false);
                        said.set(None);
                    }>{move || i18n.t(&t::WIPE_NO)}</button>
                </div>
            </Show>
            <p role="status">{said_text}</p>
            <a href=routes::HOME>{move || i18n.t(&crate::i18n::list::BACK)}</a>
        </main>
    }
}
