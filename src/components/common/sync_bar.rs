//! What the sync engine is doing, and the "Kirim sekarang" button.

use leptos::prelude::*;

use crate::{
    i18n::{sync as t, use_i18n},
    routes,
    store::context::use_store,
    sync::{Status, use_sync},
};

/// Sync status and the send-now button.
#[component]
pub fn SyncBar() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let store = use_store();
    let waiting = move || {
        store
            .summaries_signal()
            .with(|all| all.iter().filter(|s| s.state.is_sendable()).count())
    };
    view! {
        <section class="sync" aria-label=move || i18n.t(&t::SEND_NOW)>
            {move || sync.officer.get().map(|name| view! { <p class="officer">{i18n.t(&t::OFFICER)} ": " {name}</p> })}
            <p role="status" class="sync-status">
                {move || match sync.status.get() {
                    Status::Idle => String::new(),
                    Status::Sending(p) => format!("{} {} {} {}", i18n.t(&t::SENDING), p.done, i18n.t(&t::OF), p.total),
                    Status::OtherTab => i18n.t(&t::OTHER_TAB).to_owned(),
                    Status::Failed(e) => format!(
                        "{} {}",
                        t::failure(e.code()).map(|m| i18n.t(&m)).unwrap_or_default(),
                        i18n.t(&t::RETRYING)
                    ),
                    Status::NeedsEnrollment => i18n.t(&t::NEEDS_ENROLLMENT).to_owned(),
                }}
            </p>
            <Show when=move || sync.status.get() == Status::NeedsEnrollment>
                <a class="button secondary" href=routes::ENROLL>{move || i18n.t(&t::ENROLL_LINK)}</a>
            </Show>
            <button
                type="button"
                class="secondary"
                disabled=move || waiting() == 0 || matches!(sync.status.get(), Status::Sending(_))
                on:click=move |_| sync.trigger()
            >
                {move || i18n.t(&t::SEND_NOW)}
            </button>
        </section>
    }
}
