//! `/data/:id`: one registration that can no longer be edited — a receipt once the city
//! has it. Editable ones open in the form instead. A form whose registration left the
//! officer's hands while it was open turns into this page, which then says that the last
//! change was not saved; a registration the city holds says whom to ask for a correction.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    components::common::NewerRecord,
    format,
    i18n::{list as t, states, sync as sync_text, use_i18n},
    routes,
    store::{RecordState, context::use_store},
};

/// The read-only view of one registration.
#[component]
pub fn RecordPage() -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let params = use_params_map();
    // Listed from its sealed page, a record is opened when its page is (a few milliseconds):
    // `None` until then. Each id is asked for once per visit: the summaries change while it
    // opens (a sync, another tab), and each change must not open it again. If storage moved on
    // meanwhile, the other tab's write brings the record here (`StoreContext::follow`).
    let opened_now = RwSignal::new(0_u32);
    let asked = StoredValue::new(String::new());
    let record = move || {
        store.summaries_signal().track();
        opened_now.track();
        let id = params.with(|p| p.get("id").unwrap_or_default());
        match store.get(&id) {
            Some(r) => Some(Some((id, r))),
            None if store.holds(&id) && !store.is_newer(&id) => {
                if asked.with_value(|a| *a != id) {
                    asked.set_value(id.clone());
                    leptos::task::spawn_local(async move {
                        store.record(&id).await;
                        opened_now.try_update(|n| *n += 1);
                    });
                }
                None
            }
            None => Some(None),
        }
    };
    let newer = move || params.with(|p| store.is_newer(&p.get("id").unwrap_or_default()));
    view! {
        <main class="page record">
            <h1>{move || i18n.t(&t::RECEIPT_TITLE)}</h1>
            {move || match record() {
                None => ().into_any(),
                Some(None) if newer() => view! { <NewerRecord/> }.into_any(),
                Some(None) => view! { <p>{i18n.t(&t::NOT_FOUND)}</p> }.into_any(),
                Some(Some((id, r))) => {
                    let (name, last_four, kelurahan) = match (r.receipt(), r.submission()) {
                        (Some(rc), _) => (rc.name.clone(), domain::nik::last_four(&rc.masked_nik), rc.kelurahan.clone()),
                        (None, Some(s)) => (s.form.participant.full_name.clone(), domain::nik::last_four(&s.form.participant.nik), Some(s.form.address.kelurahan.clone())),
                        (None, None) => Default::default(),
                    };
                    let kelurahan = kelurahan.and_then(|k| domain::Kelurahan::from_code(&k)).map(|k| k.name().to_owned());
                    let refused = store.edit_was_refused(&id);
                    // What the city answered, where the officer has to act on it.
                    let answer = r.last_error_code().filter(|_| r.state().needs_attention()).and_then(sync_text::failure);
                    let correction = (r.state() == RecordState::Synced).then(|| r.receipt().map(|rc| rc.number.to_string())).flatten();
                    view! {
                        {refused.then(|| view! { <p class="notice warn" role="alert">{i18n.t(&t::EDIT_REFUSED)}</p> })}
                        {answer.map(|m| view! { <p class="notice warn">{i18n.t(&m)}</p> })}
                        <dl class="receipt">
                            <dt>{i18n.t(&t::NAME)}</dt><dd>{name}</dd>
                            <dt>"NIK"</dt><dd>{domain::nik::display_masked(&last_four)}</dd>
                            {kelurahan.map(|k| view! { <dt>{i18n.t(&t::KELURAHAN)}</dt><dd>{k}</dd> })}
                            <dt>{i18n.t(&t::STATE)}</dt><dd>{i18n.t(&states::label(r.state()))}</dd>
                            {r.receipt().map(|rc| view! {
                                <dt>{i18n.t(&t::RECEIPT)}</dt><dd class="receipt-number">{rc.number.to_string()}</dd>
                                <dt>{i18n.t(&t::STARTED)}</dt><dd>{format::local_time(&rc.created_at)}</dd>
                                <dt>{i18n.t(&t::CONFIRMED)}</dt><dd>{format::local_time(&rc.confirmed_at)}</dd>
                            })}
                        </dl>
                        {r.submission().is_none().then(|| view! { <p class="hint">{i18n.t(&t::READ_ONLY)}</p> })}
                        {correction.map(|number| view! {
                            <p class="notice correction">{i18n.t(&t::CORRECTION)} " " <strong>{number}</strong> ". " {i18n.t(&t::CORRECTION_END)}</p>
                        })}
                        {r.state().is_editable().then(|| view! { <a class="button primary" href=routes::form(&id)>{i18n.t(&crate::i18n::form::TITLE_NEW)}</a> })}
                    }
                    .into_any()
                }
            }}
            <a href=routes::LIST>{move || i18n.t(&t::BACK)}</a>
        </main>
    }
}
