//! Home: how many registrations are where, a big "Daftar baru", the last sync and the
//! storage used.

use leptos::prelude::*;

use crate::{
    components::common::SyncBar,
    i18n::{home as t, states, use_i18n},
    routes,
    store::{RecordState, context::use_store},
};

/// The home screen.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let koperasi = crate::koperasi::use_koperasi();
    let count = move |pred: fn(RecordState) -> bool| {
        store
            .summaries_signal()
            .with(|all| all.iter().filter(|s| pred(s.state)).count())
    };
    let sync = crate::sync::use_sync();
    let last_sync = move || sync.last_sync.get();
    let drafts = move || {
        store.summaries_signal().with(|all| {
            all.iter()
                .filter(|s| s.state == RecordState::Draft)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <main class="page home">
            <h1 class="visually-hidden">{move || i18n.t(&t::TITLE)}</h1>
            <a class="button primary big" href=routes::NEW>{move || i18n.t(&t::NEW_REGISTRATION)}</a>
            {move || koperasi.chosen_koperasi().map(|k| view! {
                <p class="notice chosen-koperasi">
                    {move || i18n.t(&t::THROUGH_KOPERASI)} " " <strong>{k.name.clone()}</strong> " · "
                    <a href=routes::KOPERASI>{move || i18n.t(&t::CHANGE_KOPERASI)}</a>
                </p>
            })}
            <section aria-labelledby="counts-title">
                <h2 id="counts-title">{move || i18n.t(&t::COUNTS)}</h2>
                <dl class="counts">
                    <div><dt>{move || i18n.t(&t::DRAFTS)}</dt>
                        <dd>{move || count(|s| s == RecordState::Draft)}</dd></div>
                    <div><dt>{move || i18n.t(&t::WAITING)}</dt>
                        <dd>{move || count(|s| matches!(s, RecordState::Queued | RecordState::Sending))}</dd></div>
                    <div><dt>{move || i18n.t(&t::SENT)}</dt>
                        <dd>{move || count(|s| s == RecordState::Synced)}</dd></div>
                    <div><dt>{move || i18n.t(&t::NEEDS_FIX)}</dt>
                        <dd>{move || count(|s| matches!(s, RecordState::NeedsFix | RecordState::IdConflict | RecordState::DuplicateElsewhere))}</dd></div>
                </dl>
            </section>
            <SyncBar/>
            <Show when=move || { store.quarantined() > 0 }>
                <p class="notice warn" role="alert">{move || format!("{} {}", store.quarantined(), i18n.t(&t::QUARANTINED))}</p>
            </Show>
            <dl class="facts">
                <dt>{move || i18n.t(&t::LAST_SYNC)}</dt>
                <dd>{move || last_sync().map(|at| crate::format::local_time(&at)).unwrap_or_else(|| i18n.t(&t::NEVER).to_owned())}</dd>
                <dt>{move || i18n.t(&t::STORAGE_USED)}</dt>
                <dd>{move || format!("{} {} {}", crate::format::size(store.used_chars()), i18n.t(&t::OF_ABOUT), crate::format::size(crate::store::STORAGE_LIMIT_CHARS))}</dd>
            </dl>
            <Show when=move || !drafts().is_empty()>
                <section aria-labelledby="drafts-title">
                    <h2 id="drafts-title">{move || i18n.t(&t::CONTINUE_DRAFTS)}</h2>
                    <ul class="records">
                        <For each=drafts key=|s| (s.id.clone(), s.name.clone()) let:s>
                            <li><a href=routes::form(&s.id)>
                                {if s.name.trim().is_empty() { i18n.t(&t::UNNAMED).to_owned() } else { s.name.clone() }}
                                <span class="badge">{move || i18n.t(&states::label(RecordState::Draft))}</span>
                            </a></li>
                        </For>
                    </ul>
                </section>
            </Show>
            <nav class="links">
                <a href=routes::WORKLIST>{move || i18n.t(&t::WORKLIST)}</a>
                <a href=routes::LIST>{move || i18n.t(&t::ALL_REGISTRATIONS)}</a>
                <a href=routes::KOPERASI>{move || i18n.t(&t::KOPERASI)}</a>
                <a href=routes::SETTINGS>{move || i18n.t(&t::SETTINGS)}</a>
            </nav>
        </main>
    }
}
