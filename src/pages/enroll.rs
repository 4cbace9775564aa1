//! `/perangkat`: the officer types the enrollment code the city gave them, once; the
//! phone keeps the device token it gets for it.

use leptos::prelude::*;

use crate::{
    i18n::{sync as t, use_i18n},
    routes,
    sync::{
        device::{self, EnrollError},
        use_sync,
    },
};

/// The enrollment screen.
#[component]
pub fn EnrollPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let enroll = Action::new_local(move |(code, name): &(String, String)| {
        let (code, name) = (code.clone(), name.clone());
        async move {
            let result = device::enroll(&code, &name).await;
            if let Ok(enrolled) = &result {
                sync.enrolled(&enrolled.device);
            }
            result
        }
    });
    let message = move || {
        enroll.value().get().map(|r| match r {
            Ok(e) if e.kept => format!("{} {}", i18n.t(&t::ENROLLED), e.device.officer_name),
            Ok(e) => format!(
                "{} {}. {}",
                i18n.t(&t::ENROLLED),
                e.device.officer_name,
                i18n.t(&t::ENROLLED_NOT_KEPT)
            ),
            Err(EnrollError::StorageFull) => i18n.t(&t::ENROLL_STORAGE_FULL).to_owned(),
            Err(EnrollError::StorageRefused) => i18n.t(&t::ENROLL_STORAGE_REFUSED).to_owned(),
            Err(EnrollError::Offline) => i18n.t(&t::ENROLL_OFFLINE).to_owned(),
            Err(EnrollError::BadCode) => i18n.t(&t::ENROLL_BAD_CODE).to_owned(),
            Err(EnrollError::BadName) => i18n.t(&t::ENROLL_BAD_NAME).to_owned(),
            Err(EnrollError::Failed) => i18n.t(&t::ENROLL_FAILED).to_owned(),
        })
    };
    view! {
        <main class="page enroll">
            <h1>{move || i18n.t(&t::ENROLL_TITLE)}</h1>
            {move || sync.officer.get().map(|n| view! { <p>{i18n.t(&t::ENROLLED)} " " <strong>{n}</strong></p> })}
            <form on:submit=move |ev| {
                ev.prevent_default();
                enroll.dispatch((code.get_untracked(), name.get_untracked()));
            }>
                <div class="field">
                    <label for="enroll-code">{move || i18n.t(&t::ENROLL_CODE)}</label>
                    <p class="hint" id="enroll-code-hint">{move || i18n.t(&t::ENROLL_CODE_HINT)}</p>
                    <input id="enroll-code" type="text" autocomplete="off" autocapitalize="characters"
                        aria-describedby="enroll-code-hint" bind:value=code/>
                </div>
                <div class="field">
                    <label for="device-name">{move || i18n.t(&t::DEVICE_NAME)}</label>
                    <p class="hint" id="device-name-hint">{move || i18n.t(&t::DEVICE_NAME_HINT)}</p>
                    <input id="device-name" type="text" autocomplete="off" aria-describedby="device-name-hint" bind:value=name/>
                </div>
                <button type="submit" class="primary" disabled=move || enroll.pending().get()>{move || i18n.t(&t::ENROLL)}</button>
            </form>
            <p role="status">{message}</p>
            <a href=routes::HOME>{move || i18n.t(&crate::i18n::list::BACK)}</a>
        </main>
    }
}
