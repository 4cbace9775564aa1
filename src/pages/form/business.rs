//! Step 3: the business, and the koperasi the participant registers through, if any.

use domain::{BusinessType, Kbli, errors::path};
use leptos::prelude::*;

use crate::{
    components::form::{
        draft::Draft,
        fields::{CheckField, SelectField, TextField},
    },
    i18n::{Lang, form as t, use_i18n},
    lens, toggle,
};

/// Paths of this step, for "Next".
pub const PATHS: &[&str] = &[
    path::BUSINESS_NAME,
    path::BUSINESS_KIND,
    path::BUSINESS_OTHER_KIND,
    path::BUSINESS_LOCATION,
    path::NIB,
    path::EMPLOYEES,
    path::KOPERASI_NAME,
    path::KOPERASI_MEMBER_NUMBER,
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
    let via_koperasi = move || draft.sub.with(|s| s.form.koperasi.via_koperasi);
    view! {
        <TextField draft lens=lens!(path::BUSINESS_NAME => business.name) label=t::BUSINESS_NAME/>
        <SelectField draft lens=lens!(path::BUSINESS_KIND => business.kind) label=t::BUSINESS_KIND options=kind_options/>
        <Show when=other>
            <TextField draft lens=lens!(path::BUSINESS_OTHER_KIND => business.other_kind) label=t::OTHER_KIND/>
        </Show>
        <TextField draft lens=lens!(path::BUSINESS_LOCATION => business.location) label=t::LOCATION/>
        <TextField draft lens=lens!(path::NIB => business.nib) label=t::NIB inputmode="numeric" optional=true/>
        <TextField draft lens=lens!(path::EMPLOYEES => business.employees) label=t::EMPLOYEES inputmode="numeric" optional=true/>
        <CheckField draft toggle=toggle!("koperasi.via_koperasi" => koperasi.via_koperasi) label=t::VIA_KOPERASI/>
        <Show when=via_koperasi>
            <TextField draft lens=lens!(path::KOPERASI_NAME => koperasi.name) label=t::KOPERASI_NAME/>
            <TextField draft lens=lens!(path::KOPERASI_MEMBER_NUMBER => koperasi.member_number) label=t::MEMBER_NUMBER optional=true/>
        </Show>
    }
}
