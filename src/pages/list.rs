//! Every registration on this phone, searchable by name or NIK. NIKs show only their last
//! four digits.

use leptos::prelude::*;

use crate::{
    i18n::{errors as messages, list as t, states, use_i18n},
    routes,
    store::{RecordState, context::use_store},
};

/// The list screen.
#[component]
pub fn ListPage() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let query = RwSignal::new(String::new());
    let matching = Memo::new(move |_| {
        let q = query.get();
        store.summaries_signal().with(|all| {
            all.iter()
                .rev()
                .filter(|s| s.matches(&q))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <main class="page list">
            <h1>{move || i18n.t(&t::TITLE)}</h1>
            <div class="field">
                <label for="search">{move || i18n.t(&t::SEARCH)}</label>
                <input id="search" type="search" autocomplete="off" bind:value=query/>
            </div>
            <Show
                when=move || !matching.with(Vec::is_empty)
                fallback=move || view! {
                    <p>{move || if store.summaries_signal().with(Vec::is_empty) { i18n.t(&t::EMPTY) } else { i18n.t(&t::NO_MATCH) }}</p>
                }
            >
                <ul class="records" aria-label=move || i18n.t(&t::RESULTS)>
                    <For each=move || matching.get() key=|s| (s.id.clone(), s.state, s.updated_at.clone(), s.name.clone()) let:s>
                        {
                            let href = if s.state.is_editable() { routes::form(&s.id) } else { routes::record(&s.id) };
                            let state = s.state;
                            let error = s.last_error.clone();
                            view! {
                                <li class=format!("state-{state:?}").to_lowercase()>
                                    <a href=href>
                                        <span class="name">{s.name.clone()}</span>
                                        <span class="nik">{domain::nik::display_masked(&s.nik_last_four)}</span>
                                        <span class="badge">{move || i18n.t(&states::label(state))}</span>
                                        {error.filter(|_| state != RecordState::Synced).map(|code| view! {
                                            <span class="last-error">{move || crate::i18n::sync::failure(&code).or_else(|| messages::message(&code)).unwrap_or(messages::UNKNOWN).get(i18n.lang())}</span>
                                        })}
                                    </a>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
            <a href=routes::HOME>{move || i18n.t(&t::BACK)}</a>
        </main>
    }
}
