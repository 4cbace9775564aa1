//! Settings: whether the browser keeps this app's storage for good, and the backup of
//! everything not yet sent.

use leptos::prelude::*;

use crate::{
    backup,
    i18n::{settings as t, use_i18n},
    persist::{self, PersistState},
    routes,
};

/// The settings screen.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let store = crate::store::context::use_store();
    let message = RwSignal::new(None::<&'static crate::i18n::Text>);
    let persist_text = move || match persist::state() {
        Some(PersistState::Granted) => i18n.t(&t::PERSIST_GRANTED),
        Some(PersistState::Refused) => i18n.t(&t::PERSIST_NOT_GRANTED),
        None => i18n.t(&t::PERSIST_UNKNOWN),
    };
    let download = move |_| {
        message.set(Some(if backup::download(&store) {
            &t::BACKUP_DONE
        } else {
            &t::BACKUP_EMPTY
        }));
    };
    view! {
        <main class="page settings">
            <h1>{move || i18n.t(&t::TITLE)}</h1>
            <h2>{move || i18n.t(&t::PERSISTENT)}</h2>
            <p data-testid="persist-state">{persist_text}</p>
            <h2>{move || i18n.t(&t::BACKUP)}</h2>
            <p class="notice warn" id="backup-warning">{move || i18n.t(&t::BACKUP_WARNING)}</p>
            <button type="button" class="secondary" aria-describedby="backup-warning" on:click=download>
                {move || i18n.t(&t::BACKUP)}
            </button>
            <p role="status">{move || message.get().map(|m| i18n.t(m))}</p>
            <a href=routes::HOME>{move || i18n.t(&crate::i18n::list::BACK)}</a>
        </main>
    }
}
