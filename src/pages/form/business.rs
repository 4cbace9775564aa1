//! Step 3: the business, its workers, and the koperasi the participant registers through.

use domain::{BusinessType, Kbli, errors::path, registration::KoperasiForm};
use leptos::prelude::*;

use crate::{
    components::form::{
        draft::Draft,
        fields::{SelectField, TextField},
    },
    i18n::{Lang, form as t, use_i18n},
    koperasi::use_koperasi,
    lens,
    pages::form::workers::Workers,
    routes,
};

/// Paths of this step, for "Next".
pub const PATHS: &[&str] = &[
    path::BUSINESS_NAME,
    path::BUSINESS_KIND,
    path::BUSINESS_OTHER_KIND,
    path::BUSINESS_LOCATION,
    path::NIB,
    path::EMPLOYEES,
    path::KOPERASI_ID,
    path::KOPERASI_NAME,
    path::KOPERASI_CHAIR_NIK,
    path::KOPERASI_KELURAHAN,
    path::KOPERASI_LEGAL_NUMBER,
    path::KOPERASI_MEMBER_NUMBER,
    path::WORKERS,
    "workers.",
];

/// The business step.
#[component]
pub fn BusinessStep(draft: Draft) -> impl IntoView {
    let i18n = use_i18n();
    let kind_options = Callback::new(move |current: String| {
        let lang = i18n.lang();
        view! {
            <option value="" selected=current.is_empty()>{t::CHOOSE_KIND.get(lang)}</option>
            {Kbli::all().map(|k| {
                let label = match lang { Lang::Id => k.label_id(), Lang::En => k.label_en() };
                view! { <option value=k.code() selected=current == k.code()>{format!("{label} ({})", k.code())}</option> }
            }).collect_view()}
            <option value=BusinessType::OTHER_KIND selected=current == BusinessType::OTHER_KIND>{t::OTHER_KIND_OPTION.get(lang)}</option>
        }
        .into_any()
    });
    let other = move || {
        draft
            .sub
            .with(|s| s.form.business.kind == BusinessType::OTHER_KIND)
    };
    view! {
        <TextField draft lens=lens!(path::BUSINESS_NAME => business.name) label=t::BUSINESS_NAME/>
        <SelectField draft lens=lens!(path::BUSINESS_KIND => business.kind) label=t::BUSINESS_KIND options=kind_options/>
        <Show when=other>
            <TextField draft lens=lens!(path::BUSINESS_OTHER_KIND => business.other_kind) label=t::OTHER_KIND/>
        </Show>
        <TextField draft lens=lens!(path::BUSINESS_LOCATION => business.location) label=t::LOCATION/>
        <TextField draft lens=lens!(path::NIB => business.nib) label=t::NIB inputmode="numeric" optional=true/>
        <TextField draft lens=lens!(path::EMPLOYEES => business.employees) label=t::EMPLOYEES inputmode="numeric" optional=true/>
        <Workers draft/>
        <KoperasiChoice draft/>
    }
}

/// Which koperasi this participant registers through: one of those on the phone, or none.
/// Choosing here also chooses it for the next registrations (it stays until changed).
#[component]
fn KoperasiChoice(draft: Draft) -> impl IntoView {
    let i18n = use_i18n();
    let book = use_koperasi();
    let current = move || draft.sub.with(|s| s.form.koperasi.clone());
    let choose = move |ev| {
        let id = event_target_value(&ev);
        let chosen = book.find(&id);
        draft.change(path::KOPERASI_ID, |s| {
            let member_number = std::mem::take(&mut s.form.koperasi.member_number);
            s.form.koperasi = match &chosen {
                Some(k) => KoperasiForm {
                    member_number,
                    ..k.clone()
                },
                None => KoperasiForm::default(),
            };
        });
        let _ = book.choose(chosen.as_ref().map(|k| k.id.as_str()));
    };
    let options = move || {
        let current = current();
        let selected = if current.via_koperasi {
            current.id.clone()
        } else {
            String::new()
        };
        let mut list = book.list.get();
        // A draft opened on a phone that no longer lists its koperasi still shows it.
        if current.via_koperasi && !list.iter().any(|k| k.id == current.id) {
            list.push(current);
        }
        view! {
            <option value="" selected=selected.is_empty()>{i18n.t(&t::NO_KOPERASI)}</option>
            {list.into_iter().map(|k| view! {
                <option value=k.id.clone() selected=k.id == selected>{k.name}</option>
            }).collect_view()}
        }
    };
    let via = move || draft.sub.with(|s| s.form.koperasi.via_koperasi);
    let wadah_errors = move || {
        [
            path::KOPERASI_ID,
            path::KOPERASI_NAME,
            path::KOPERASI_CHAIR_NIK,
            path::KOPERASI_KELURAHAN,
            path::KOPERASI_LEGAL_NUMBER,
        ]
        .iter()
        .any(|p| draft.error_at(p).is_some())
    };
    view! {
        <fieldset class="koperasi-choice">
            <legend>{move || i18n.t(&t::KOPERASI)}</legend>
            <div class="field" class:invalid=wadah_errors>
                <label for="f-koperasi-id">{move || i18n.t(&t::KOPERASI)}</label>
                <select id="f-koperasi-id" aria-describedby="f-koperasi-id-error" on:change=choose>{options}</select>
                <p class="field-error" id="f-koperasi-id-error">
                    {move || wadah_errors().then(|| i18n.t(&crate::i18n::errors::UNKNOWN))}
                </p>
            </div>
            <Show when=via>
                <TextField draft lens=lens!(path::KOPERASI_MEMBER_NUMBER => koperasi.member_number) label=t::MEMBER_NUMBER optional=true/>
            </Show>
            <a href=routes::KOPERASI>{move || i18n.t(&t::MANAGE_KOPERASI)}</a>
        </fieldset>
    }
}
