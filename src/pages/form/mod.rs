//! The registration form, in four short steps. Every change is stored as it is typed
//! (a draft survives a reload, a crash and a closed tab); "Simpan" validates the whole
//! registration with the domain crate and queues it for sending.

pub mod address;
mod business;
mod coverage;
mod identity;
mod workers;

use domain::{Registration, Submission};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::{
    clock,
    components::form::draft::{Draft, Persisted, belongs},
    i18n::{Text, form as t, states, use_i18n},
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

/// `/daftar/:id`: a new registration (an unknown id) or an editable one.
#[component]
pub fn FormPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        view! { <RegistrationForm id/> }
    }
}

#[component]
fn RegistrationForm(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let navigate = use_navigate();
    let sync = crate::sync::use_sync();

    let existing = store.get(&id);
    if let Some(record) = &existing
        && !record.state().is_editable()
    {
        // Sent or being sent: the receipt, not the form.
        navigate(&routes::record(&id), Default::default());
    }
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
            (sub, RecordState::Draft, Vec::new())
        }
    };
    let draft = Draft::new(store, sub, opened_as, city_errors);
    let step = RwSignal::new(0usize);
    let outcome = RwSignal::new(None::<Outcome>);
    let confirm_discard = RwSignal::new(false);

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
        match store.save(&record) {
            Ok(_) => {
                draft.persisted.set(Persisted::Saved);
                outcome.set(Some(Outcome::Saved));
                crate::persist::request_once();
                sync.trigger();
            }
            Err(e) => outcome.set(Some(Outcome::Failed(e))),
        }
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
                {move || duplicate_now.get().map(|other| view! { <DuplicateWarning other/> })}
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
                        Some(Outcome::Failed(SaveError::Full)) => i18n.t(&t::SAVE_FULL).to_owned(),
                        Some(Outcome::Failed(SaveError::Refused(_))) => i18n.t(&t::SAVE_REFUSED).to_owned(),
                        Some(Outcome::Duplicate(_)) => i18n.t(&t::DUPLICATE).to_owned(),
                        _ => match draft.persisted.get() {
                            Persisted::Saved => i18n.t(&t::DRAFT_SAVED).to_owned(),
                            Persisted::Failed(SaveError::Full) => i18n.t(&t::SAVE_FULL).to_owned(),
                            Persisted::Failed(SaveError::Refused(_)) => i18n.t(&t::SAVE_REFUSED).to_owned(),
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
