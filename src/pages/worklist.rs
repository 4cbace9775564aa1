//! `/belum-terdaftar`: the officer's worklist — who in their area the city has not covered
//! yet, searchable by name or the last digits of the NIK, grouped by kelurahan and by market or
//! street. Tapping someone starts a registration filled in with what the roster knows; a draft
//! already started for them opens instead. An entry registered on this phone leaves the list at
//! once, before any sync. NIKs show only their last four digits.

use std::collections::HashMap;

use domain::wire::worklist::Area;
use leptos::prelude::*;

use crate::{
    i18n::{use_i18n, worklist as t},
    routes,
    store::{RecordState, context::use_store},
    worklist::{Group, Kept, OnPhone, Refresh, arrange, use_worklist},
};

/// A list older than this is said to be out of date.
const STALE_AFTER_MS: u64 = 24 * 60 * 60 * 1000;

/// The worklist screen.
#[component]
pub fn WorklistPage() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let worklist = use_worklist();
    let sync = crate::sync::use_sync();
    let query = RwSignal::new(String::new());
    // Registrations on this phone, by NIK key: a queued or sent one takes its entry off the
    // list; a draft keeps it there and is what a tap opens.
    let on_phone = Memo::new(move |_| {
        store.summaries_signal().with(|all| {
            let mut by_key = HashMap::new();
            for s in all {
                if let Some(key) = s.nik_key {
                    let draft = s.state == RecordState::Draft;
                    let entry = by_key.entry(key).or_insert(OnPhone {
                        id: s.id.clone(),
                        draft,
                    });
                    if !draft {
                        entry.draft = false;
                    }
                }
            }
            by_key
        })
    });
    let arranged = Memo::new(move |_| {
        let q = query.get();
        worklist.list.with(|list| {
            list.as_ref()
                .map(|l| on_phone.with(|p| arrange(&l.state, p, &q)))
        })
    });
    let area = move || {
        worklist
            .list
            .with(|l| l.as_ref().and_then(|l| l.state.area.clone()))
    };
    let fetched_at = move || worklist.list.with(|l| l.as_ref().map(|l| l.fetched_at));
    let searching = move || !query.with(|q| q.trim().is_empty());

    let notice = move || {
        let stale = fetched_at()
            .is_some_and(|at| (js_sys::Date::now() as u64).saturating_sub(at) > STALE_AFTER_MS);
        match (worklist.kept.get(), worklist.refresh.get()) {
            (Kept::Dropped(_), _) => Some(t::DROPPED),
            (Kept::MemoryOnly, _) => Some(t::MEMORY_ONLY),
            (_, Refresh::Failed) => Some(t::REFRESH_FAILED),
            _ if stale => Some(t::STALE),
            _ => None,
        }
    };

    // What stands instead of the list, if anything.
    let instead = move || {
        let text = match arranged.with(|a| a.as_ref().map(|a| a.left)) {
            None if sync.officer.get().is_none() => t::NOT_ENROLLED,
            None => t::NOT_FETCHED,
            Some(_) if area() == Some(Area::Unassigned) => t::UNASSIGNED,
            Some(0) => t::ALL_DONE,
            Some(_) => return None,
        };
        Some(view! { <p class="notice">{move || i18n.t(&text)}</p> })
    };
    // Whether there is a list to search: changes with the list, not with each letter typed (the
    // search field is not drawn again under the officer's fingers).
    let has_list = Memo::new(move |_| {
        arranged.with(|a| a.as_ref().is_some_and(|a| a.left > 0))
            && area() != Some(Area::Unassigned)
    });
    let found = move || arranged.with(|a| a.as_ref().map_or(0, |a| a.found));
    let groups = move || {
        let open = searching();
        arranged.get().map(|a| {
            a.groups
                .into_iter()
                .map(|group| view! { <GroupView group open/> })
                .collect_view()
        })
    };

    view! {
        <main class="page worklist">
            <h1>{move || i18n.t(&t::TITLE)}</h1>
            {move || arranged.with(|a| a.as_ref().map(|a| a.left)).filter(|_| area() != Some(Area::Unassigned)).map(|left| view! {
                <p class="lead"><strong>{left}</strong> " " {move || i18n.t(&t::LEFT)}</p>
            })}
            <dl class="facts">
                {move || area().and_then(|area| area_name(&area)).map(|name| view! {
                    <dt>{move || i18n.t(&t::AREA)}</dt>
                    <dd>{move || if name.is_empty() { i18n.t(&t::WHOLE_CITY).to_owned() } else { name.clone() }}</dd>
                })}
                {move || fetched_at().map(|at| view! {
                    <dt>{move || i18n.t(&t::UPDATED)}</dt>
                    <dd>{crate::format::local_millis(at)}</dd>
                })}
            </dl>
            {move || notice().map(|text| view! { <p class="notice warn" role="alert">{move || i18n.t(&text)}</p> })}
            <Show when=move || sync.officer.get().is_some()>
                <button
                    type="button"
                    class="secondary"
                    disabled=move || worklist.refresh.get() == Refresh::Going
                    on:click=move |_| sync.trigger()
                >
                    {move || if worklist.refresh.get() == Refresh::Going { i18n.t(&t::REFRESHING) } else { i18n.t(&t::REFRESH) }}
                </button>
            </Show>
            {instead}
            <Show when=move || has_list.get()>
                <p class="hint">{move || i18n.t(&t::CHECK_KTP)}</p>
                <div class="field">
                    <label for="worklist-search">{move || i18n.t(&t::SEARCH)}</label>
                    <input id="worklist-search" type="search" autocomplete="off" bind:value=query/>
                </div>
                <Show when=searching>
                    <p role="status">{move || match found() {
                        0 => i18n.t(&t::NO_MATCH).to_owned(),
                        n => format!("{n} {}", i18n.t(&t::FOUND)),
                    }}</p>
                </Show>
                {groups}
            </Show>
            <a href=routes::HOME>{move || i18n.t(&t::BACK)}</a>
        </main>
    }
}

/// The kelurahan of an area, by name ("" for the whole city; `None` for no area).
fn area_name(area: &Area) -> Option<String> {
    match area {
        Area::Kelurahan { kelurahan } => Some(
            kelurahan
                .iter()
                .map(|k| k.name())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Area::WholeCity => Some(String::new()),
        Area::Unassigned => None,
    }
}

/// One kelurahan: a heading with its count, then its places, each folded until opened (a list
/// of two thousand is not drawn at once on a cheap phone); all open while searching.
#[component]
fn GroupView(group: Group, open: bool) -> impl IntoView {
    let i18n = use_i18n();
    let heading = format!("{} ({})", group.kelurahan.name(), group.len());
    let id = format!("wl-{}", group.kelurahan.code().replace('.', "-"));
    let places = group
        .places
        .into_iter()
        .map(|place| {
            let count = place.items.len();
            let shown = RwSignal::new(open);
            let items = place.items;
            let name = place.name;
            view! {
                <details prop:open=open on:toggle=move |ev| {
                    let el: web_sys::HtmlDetailsElement = event_target(&ev);
                    shown.set(el.open());
                }>
                    <summary>
                        {match name.clone() {
                            Some(n) => n.into_any(),
                            None => (move || i18n.t(&t::NO_PLACE)).into_any(),
                        }}
                        {format!(" ({count})")}
                    </summary>
                    <Show when=move || shown.get()>
                        <ul class="records" aria-label=move || i18n.t(&t::ENTRIES)>
                            {items.iter().cloned().map(|item| {
                                let href = match &item.draft {
                                    Some(id) => routes::form(id),
                                    None => routes::new_from_roster(item.roster_id),
                                };
                                let draft = item.draft.is_some();
                                view! {
                                    <li>
                                        <a href=href>
                                            <span class="name">{item.name}</span>
                                            <span class="nik">{domain::nik::display_masked(&item.nik_last_four)}</span>
                                            <span class="kind">{item.business_type}</span>
                                            <Show when=move || draft>
                                                <span class="badge">{move || i18n.t(&t::DRAFT)}</span>
                                            </Show>
                                        </a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </Show>
                </details>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby=id.clone()>
            <h2 id=id.clone()>{heading}</h2>
            {places}
        </section>
    }
}
