//! Notices every screen shows at its foot while they hold: the phone's date is off, and
//! registrations of a newer release are on the phone. Alerts, kept at the foot so that one
//! appearing late never pushes the screen down under a thumb.

use leptos::prelude::*;

use crate::{
    clock,
    i18n::{common as t, use_i18n},
    pwa::use_update,
    store::context::use_store,
};

/// The phone's date, and the registrations of a newer release.
#[component]
pub fn Notices() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let clock_off = move || {
        clock::offset()
            .filter(|&offset| domain::clock::clocks_disagree(offset))
            .and(clock::endpoint_today())
    };
    view! {
        {move || clock_off().map(|today| view! {
            <div class="page">
                <p class="notice warn" role="alert">{i18n.t(&t::CLOCK_OFF)} " " <strong>{today.to_string()}</strong></p>
            </div>
        })}
        {move || (store.newer() > 0).then(|| view! {
            <div class="page">
                <div class="notice warn" role="alert">
                    <p>{store.newer()} " " {i18n.t(&t::NEWER_RECORDS)}</p>
                    <ReloadButton/>
                </div>
            </div>
        })}
    }
}

/// One registration a newer release wrote, in place of its form or page.
#[component]
pub fn NewerRecord() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice warn" role="alert">
            <p>{move || i18n.t(&t::NEWER_RECORD)}</p>
            <ReloadButton/>
        </div>
    }
}

/// Reloads into the newer release: switches to it if it waits installed beside this one (a
/// plain reload would open this one again), else reloads the page.
#[component]
fn ReloadButton() -> impl IntoView {
    let i18n = use_i18n();
    let update = use_update();
    let reload = move |_| {
        if update.ready() {
            update.accept();
        } else if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    view! {
        <button type="button" class="secondary" on:click=reload>{move || i18n.t(&t::RELOAD)}</button>
    }
}
