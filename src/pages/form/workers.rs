//! The owner's workers, in the business step: a row per worker (name, NIK, phone, monthly
//! wage), added and removed by the officer. They are not registered as BPU participants; the
//! city hands them to the BPJS branch as a wage-earner (PU) list.

use domain::{errors::path, registration::WorkerForm};
use leptos::prelude::*;

use crate::{
    components::form::draft::Draft,
    i18n::{Text, errors, form as t, use_i18n},
};

/// Reads or writes one field of a worker row.
type Get = fn(&WorkerForm) -> &String;
type Set = fn(&mut WorkerForm, String);

/// The worker rows and the "add" button.
#[component]
pub fn Workers(draft: Draft) -> impl IntoView {
    let i18n = use_i18n();
    let count = move || draft.sub.with(|s| s.form.workers.len());
    // A listed worker is an employee: the count follows the list (a domain rule).
    let add = move |_| draft.change(path::WORKERS, |s| s.form.add_worker());
    view! {
        <fieldset class="workers">
            <legend>{move || i18n.t(&t::WORKERS)}</legend>
            <p class="hint">{move || i18n.t(&t::WORKERS_HINT)}</p>
            <For each=move || 0..count() key=|i| *i let:index>
                <WorkerRow draft index/>
            </For>
            <p class="field-error" id="f-workers-error">
                {move || draft.error_at(path::WORKERS).map(|code| errors::message(&code).unwrap_or(errors::UNKNOWN).get(i18n.lang()))}
            </p>
            <button type="button" class="secondary" on:click=add>{move || i18n.t(&t::ADD_WORKER)}</button>
        </fieldset>
    }
}

#[component]
fn WorkerRow(draft: Draft, index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let number = index + 1;
    let heading = format!("worker-{index}");
    let labelled_by = heading.clone();
    let remove = move |_| {
        draft.clear_server_errors_under(&format!("{}.", path::WORKERS));
        draft.change(path::WORKERS, |s| s.form.remove_worker(index));
    };
    view! {
        <div class="worker" role="group" aria-labelledby=labelled_by>
            <h3 id=heading>{move || format!("{} {number}", i18n.t(&t::WORKER))}</h3>
            <WorkerField draft index field=path::WORKER_FULL_NAME label=t::WORKER_NAME get=|w| &w.full_name set=|w, v| w.full_name = v/>
            <WorkerField draft index field=path::WORKER_NIK label=t::WORKER_NIK get=|w| &w.nik set=|w, v| w.nik = v inputmode="numeric"/>
            <WorkerField draft index field=path::WORKER_PHONE label=t::WORKER_PHONE get=|w| &w.phone set=|w, v| w.phone = v inputmode="tel" optional=true/>
            <WorkerField draft index field=path::WORKER_WAGE label=t::WORKER_WAGE get=|w| &w.wage set=|w, v| w.wage = v inputmode="numeric"/>
            <button type="button" class="link danger" on:click=remove>
                {move || format!("{} {number}", i18n.t(&t::REMOVE_WORKER))}
            </button>
        </div>
    }
}

/// One input of a worker row. Its label names the worker's number too, so "NIK pekerja" of
/// the second worker is not confused with the first's (by a screen reader or a test).
#[component]
fn WorkerField(
    draft: Draft,
    index: usize,
    field: &'static str,
    label: Text,
    get: Get,
    set: Set,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] optional: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let at = path::worker(index, field);
    let id = format!("f-{}", at.replace('.', "-"));
    let error_id = format!("{id}-error");
    let error = {
        let at = at.clone();
        move || draft.error_at(&at)
    };
    let value = move || {
        draft.sub.with(|s| {
            s.form
                .workers
                .get(index)
                .map(|w| get(w).clone())
                .unwrap_or_default()
        })
    };
    let on_input = {
        let at = at.clone();
        move |ev| {
            let v = event_target_value(&ev);
            draft.change(&at, |s| {
                if let Some(w) = s.form.workers.get_mut(index) {
                    set(w, v);
                }
            });
        }
    };
    let on_blur = move |_| draft.touch(&[at.as_str()]);
    let (e1, e2, e3) = (error.clone(), error.clone(), error);
    view! {
        <div class="field" class:invalid=move || e1().is_some()>
            <label for=id.clone()>
                {move || format!("{} {}", i18n.t(&label), index + 1)}
                {optional.then(|| view! { " " <span class="optional">{move || i18n.t(&t::OPTIONAL)}</span> })}
            </label>
            <input id=id type="text" inputmode=inputmode autocomplete="off"
                aria-describedby=error_id.clone()
                aria-invalid=move || e2().is_some().to_string()
                prop:value=value
                on:input=on_input
                on:blur=on_blur
            />
            <p class="field-error" id=error_id>
                {move || e3().map(|code| errors::message(&code).unwrap_or(errors::UNKNOWN).get(i18n.lang()))}
            </p>
        </div>
    }
}
