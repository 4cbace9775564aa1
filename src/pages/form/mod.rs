//! The registration form, in four short steps. Every change is stored as it is typed
//! (a draft survives a reload, a crash and a closed tab); "Simpan" validates the whole
//! registration with the domain crate and queues it for sending.
//!
//! The form is open only while the registration is the officer's to change. Once it is being
//! sent, sent, a duplicate or a conflict — by this tab's sync or another tab's, noticed when the
//! store's summary of it changes or when the store refuses a write — the form turns into the
//! registration's page; its address opens that page too, never the form.

pub mod address;
mod business;
mod coverage;
mod identity;
mod workers;

use domain::{Registration, Submission};
use leptos::prelude::*;
use leptos_router::{
    NavigateOptions,
    hooks::{use_navigate, use_params_map},
};

use crate::{
    clock,
    components::{
        common::NewerRecord,
        form::draft::{Draft, Persisted, belongs},
    },
    i18n::{Text, common, form as t, states, use_i18n},
    routes,
    store::{RecordState, SaveError, StoredRecord, Summary, context::use_store, record::nik_key},
};

const STEPS: [(Text, &[&str]); 4] = [
    (t::STEP_IDENTITY, identity::PATHS),
    (t::STEP_ADDRESS, address::PATHS),
    (t::STEP_BUSINESS, business::PATHS),
    (t::STEP_COVERAGE, coverage::PATHS),
];

/// What happened at the last "Simpan".
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Invalid,
    Duplicate(Summary),
    Failed(SaveError),
    Saved,
}

/// `/daftar/:id`: a new registration (an unknown id) or an editable one. A registration that
/// has left the officer's hands opens its page instead; one a newer release wrote is left alone.
#[component]
pub fn FormPage() -> impl IntoView {
    let params = use_params_map();
    let store = use_store();
    move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        // Read once as the form opens: a form is not rebuilt under the officer's fingers. What
        // happens to the record later, the form follows itself.
        let (newer, existing, stored) =
            untrack(|| (store.is_newer(&id), store.get(&id), store.holds(&id)));
        match existing {
            _ if newer => view! { <main class="page form-page"><NewerRecord/></main> }.into_any(),
            // Listed from its sealed page but not opened yet: opened first (a few milliseconds).
            None if stored => {
                let opened = RwSignal::new(None);
                let id = id.clone();
                leptos::task::spawn_local(async move {
                    let record = store.record(&id).await;
                    opened.try_set(Some((id, record)));
                });
                (move || opened.get().map(|(id, existing)| opening(id, existing))).into_any()
            }
            existing => opening(id, existing),
        }
    }
}

/// The form for `id` as stored (`existing`), or its page once it is no longer editable.
fn opening(id: String, existing: Option<StoredRecord>) -> AnyView {
    match existing {
        Some(record) if !record.state().is_editable() => view! { <ToRecordPage id/> }.into_any(),
        existing => view! { <RegistrationForm id existing/> }.into_any(),
    }
}

/// Replaces the address with the registration's page (a reload of a form's address, once the
/// registration is no longer the officer's to change).
#[component]
fn ToRecordPage(id: String) -> impl IntoView {
    let navigate = use_navigate();
    Effect::new(move || navigate(&routes::record(&id), replace()));
}

fn replace() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        ..Default::default()
    }
}

#[component]
fn RegistrationForm(id: String, existing: Option<StoredRecord>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let sync = crate::sync::use_sync();

    let opened = existing.map(|record| {
        let (state, city_errors) = (record.state(), record.city_errors().to_vec());
        (record.into_submission(), state, city_errors)
    });
    let (sub, opened_as, city_errors) = match opened {
        Some((Some(sub), state, city_errors)) => (sub, state, city_errors),
        _ => {
            let rid = domain::RegistrationId::parse(&id)
                .unwrap_or_else(|_| crate::ids::new_registration_id());
            let mut sub = Submission::new_draft(&rid, clock::now());
            // Members of the chosen koperasi are registered one after another: each new
            // registration starts inside it (the officer can still change it in step 3).
            if let Some(koperasi) = crate::koperasi::use_koperasi().chosen_koperasi_untracked() {
                sub.form.koperasi = koperasi;
            }
            // Started from the worklist ("Belum terdaftar"): what the roster knows is filled in
            // (the officer still checks it against the ID card).
            if let Some(entry) = from_roster() {
                entry.prefill(&mut sub.form, clock::today());
            }
            (sub, RecordState::Draft, Vec::new())
        }
    };
    let prefilled = opened_as == RecordState::Draft && !sub.form.participant.nik.is_empty();
    let draft = Draft::new(store, sub, opened_as, city_errors);
    if prefilled && draft.persisted.get_untracked() == Persisted::Nothing {
        // Stored at once: the entry leaves the worklist now, and a reload finds the draft.
        draft.change(domain::errors::path::NIK, |_| {});
    }
    let step = RwSignal::new(0usize);
    let outcome = RwSignal::new(None::<Outcome>);
    let confirm_discard = RwSignal::new(false);

    // The registration as this tab's store knows it, following every write here or in another
    // tab. Once it has left the officer's hands while the form is open (not after this form's
    // own "Simpan", whose confirmation stays on screen), the form becomes its page.
    let stored_state = {
        let id = id.clone();
        Memo::new(move |_| {
            store
                .summaries_signal()
                .with(|all| all.iter().find(|s| s.id == id).map(|s| s.state))
        })
    };
    let navigate = use_navigate();
    Effect::new(move || {
        let left_hands = stored_state.get().is_some_and(|s| !s.is_editable());
        if left_hands && outcome.get_untracked() != Some(Outcome::Saved) {
            navigate(&routes::record(&id), replace());
        }
    });

    let go_to = move |n: usize| {
        step.set(n);
        outcome.set(None);
        scroll_to_top();
    };
    let next = move |_| {
        let paths = STEPS[step.get_untracked()].1;
        draft.touch_step(paths);
        if draft.has_errors_in(paths) {
            outcome.set(Some(Outcome::Invalid));
        } else {
            go_to(step.get_untracked() + 1);
        }
    };

    let save = move |_| {
        let today = clock::today();
        let mut submission = draft.sub.get_untracked();
        if let Some(d) = crate::sync::device::current() {
            submission.officer = d.officer_id.to_string();
        }
        if let Err(errors) = Registration::from_submission(&submission, today) {
            draft.show_all.set(true);
            let first = STEPS
                .iter()
                .position(|(_, paths)| errors.iter().any(|e| belongs(paths, &e.path)));
            if let Some(n) = first {
                step.set(n);
            }
            outcome.set(Some(Outcome::Invalid));
            return;
        }
        if let Some(other) = duplicate_of(&store.summaries_signal().get_untracked(), &submission) {
            outcome.set(Some(Outcome::Duplicate(other)));
            return;
        }
        let record = StoredRecord::queued(submission);
        wasm_bindgen_futures::spawn_local(async move {
            match store.save(&record).await {
                Ok(_) => {
                    draft.persisted.set(Persisted::Saved);
                    outcome.set(Some(Outcome::Saved));
                    crate::persist::request_once();
                    sync.trigger();
                }
                Err(e) => outcome.set(Some(Outcome::Failed(e))),
            }
        });
    };

    let discard = move |_| {
        let id = draft.sub.with_untracked(|s| s.id.clone());
        if store.remove(&id).is_ok() {
            use_navigate()(routes::HOME, Default::default());
        }
    };

    // A warning as soon as the NIK is complete, not only at "Simpan": in a queue at the
    // market, finding out after twenty fields is too late.
    let duplicate_now = Memo::new(move |_| {
        let summaries = store.summaries_signal().get();
        draft.sub.with(|s| duplicate_of(&summaries, s))
    });
    // The same from the worklist, offline: the city already holds this NIK (registered by
    // another officer, or earlier). The endpoint's `duplicate_nik` stays the final word.
    let worklist = crate::worklist::use_worklist();
    let held_by_city = Memo::new(move |_| {
        let nik = draft
            .sub
            .with(|s| domain::Nik::parse(&s.form.participant.nik).ok())?;
        worklist.registered(&nik)
    });

    let step_view = move || {
        let n = step.get();
        match n {
            0 => view! { <identity::IdentityStep draft/> }.into_any(),
            1 => view! { <address::AddressStep draft/> }.into_any(),
            2 => view! { <business::BusinessStep draft/> }.into_any(),
            _ => view! { <coverage::CoverageStep draft/> }.into_any(),
        }
    };

    view! {
        <main class="page form-page">
            <Show
                when=move || outcome.get() != Some(Outcome::Saved)
                fallback=move || view! { <Saved/> }
            >
                <h1>{move || i18n.t(&t::TITLE_NEW)}</h1>
                <p class="step-indicator">
                    {move || format!("{} {} {} {}: ", i18n.t(&t::STEP), step.get() + 1, i18n.t(&t::OF), STEPS.len())}
                    <strong>{move || i18n.t(&STEPS[step.get()].0)}</strong>
                </p>
                <Show when=move || !draft.server_errors.with(Vec::is_empty)>
                    <p class="notice warn" role="alert">{move || i18n.t(&t::SERVER_SAYS)}</p>
                </Show>
                {move || match duplicate_now.get() {
                    Some(other) => Some(view! { <DuplicateWarning other/> }.into_any()),
                    None => held_by_city.get().map(|held| view! { <HeldByCity held/> }.into_any()),
                }}
                <form on:submit=|ev| ev.prevent_default() novalidate>
                    <h2>{move || i18n.t(&STEPS[step.get()].0)}</h2>
                    {step_view}
                    <div class="actions">
                        <Show when=move || { step.get() > 0 }>
                            <button type="button" class="secondary" on:click=move |_| go_to(step.get_untracked() - 1)>
                                {move || i18n.t(&t::BACK)}
                            </button>
                        </Show>
                        <Show
                            when=move || { step.get() + 1 < STEPS.len() }
                            fallback=move || view! {
                                <button type="button" class="primary" on:click=save>{move || i18n.t(&t::SAVE)}</button>
                            }
                        >
                            <button type="button" class="primary" on:click=next>{move || i18n.t(&t::NEXT)}</button>
                        </Show>
                    </div>
                </form>
                <p class="status" role="status">
                    {move || match outcome.get() {
                        Some(Outcome::Invalid) => i18n.t(&t::CHECK_MARKED).to_owned(),
                        Some(Outcome::Failed(e)) => i18n.t(&refusal(&e)).to_owned(),
                        Some(Outcome::Duplicate(_)) => i18n.t(&t::DUPLICATE).to_owned(),
                        _ => match draft.persisted.get() {
                            Persisted::Saved => i18n.t(&t::DRAFT_SAVED).to_owned(),
                            Persisted::Failed(e) => i18n.t(&refusal(&e)).to_owned(),
                            Persisted::Nothing => String::new(),
                        },
                    }}
                </p>
                <Show when=move || draft.opened_as == RecordState::Draft || draft.persisted.get() == Persisted::Saved>
                    <Show
                        when=move || confirm_discard.get()
                        fallback=move || view! {
                            <button type="button" class="link danger" on:click=move |_| confirm_discard.set(true)>
                                {move || i18n.t(&t::DISCARD)}
                            </button>
                        }
                    >
                        <div class="confirm" role="group" aria-labelledby="discard-q">
                            <p id="discard-q">{move || i18n.t(&t::DISCARD_CONFIRM)}</p>
                            <button type="button" class="danger" on:click=discard>{move || i18n.t(&t::DISCARD_YES)}</button>
                            <button type="button" class="secondary" on:click=move |_| confirm_discard.set(false)>
                                {move || i18n.t(&t::CANCEL)}
                            </button>
                        </div>
                    </Show>
                </Show>
            </Show>
        </main>
    }
}

/// Why a change or a save did not reach storage, for the officer.
fn refusal(e: &SaveError) -> Text {
    match e {
        SaveError::Full => t::SAVE_FULL,
        SaveError::Refused(_) => t::SAVE_REFUSED,
        SaveError::Locked => t::SAVE_LOCKED,
        // The form is about to turn into the registration's page, which says more.
        SaveError::NotEditable(_) | SaveError::Changed => t::NOT_EDITABLE,
        SaveError::Newer => common::NEWER_RECORD,
    }
}

/// Another registration on this phone with the same NIK, if any.
fn duplicate_of(summaries: &[Summary], submission: &Submission) -> Option<Summary> {
    let key = nik_key(&submission.form.participant.nik)?;
    summaries
        .iter()
        .find(|s| s.id != submission.id && s.nik_key == Some(key))
        .cloned()
}

#[component]
fn DuplicateWarning(other: Summary) -> impl IntoView {
    let i18n = use_i18n();
    let href = if other.state.is_editable() {
        routes::form(&other.id)
    } else {
        routes::record(&other.id)
    };
    let state = other.state;
    view! {
        <div class="notice warn" role="alert">
            <p>
                {move || i18n.t(&t::DUPLICATE)} " "
                <strong>{other.name.clone()}</strong>
                {format!(" ({}) — ", domain::nik::display_masked(&other.nik_last_four))}
                {move || i18n.t(&states::label(state))}
            </p>
            <a href=href>{move || i18n.t(&t::OPEN_EXISTING)}</a>
        </div>
    }
}

/// The worklist entry a registration was started from (`?dari=<roster id>`), if the phone's
/// worklist still has it.
fn from_roster() -> Option<domain::wire::worklist::WorklistEntry> {
    let id = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get(routes::FROM_ROSTER))?
        .parse()
        .ok()?;
    crate::worklist::use_worklist().entry_untracked(id)
}

/// The city already holds this NIK: its receipt and the day it was received.
#[component]
fn HeldByCity(held: domain::wire::worklist::RegisteredNik) -> impl IntoView {
    let i18n = use_i18n();
    let receipt = held.receipt.to_string();
    let on = crate::format::day(&held.registered_on);
    view! {
        <div class="notice warn" role="alert">
            <p>
                {move || i18n.t(&t::HELD_BY_CITY)} " "
                <strong>{receipt.clone()}</strong>
                {move || format!(", {} {}. ", i18n.t(&t::RECEIVED_ON), on)}
                {move || i18n.t(&t::HELD_BY_CITY_END)}
            </p>
        </div>
    }
}

#[component]
fn Saved() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="saved" aria-live="polite">
            <h1>{move || i18n.t(&t::SAVE)}</h1>
            <p role="status">{move || i18n.t(&t::SAVED)}</p>
            <a class="button primary" href=routes::NEW>{move || i18n.t(&t::ANOTHER)}</a>
            <a class="button secondary" href=routes::HOME>{move || i18n.t(&t::HOME)}</a>
        </section>
    }
}

fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}
