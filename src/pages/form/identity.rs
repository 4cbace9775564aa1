//! Step 1: who the participant is. Typing a NIK fills the birth date and sex it encodes.

use domain::errors::path;
use leptos::prelude::*;

use crate::{
    components::form::{draft::Draft, fields::TextField},
    i18n::{form as t, use_i18n},
    lens,
};

/// Paths of this step, for "Next".
pub const PATHS: &[&str] = &[
    path::NIK,
    path::FULL_NAME,
    path::PLACE_OF_BIRTH,
    path::BIRTH_DATE,
    path::SEX,
    path::MOTHER_MAIDEN_NAME,
    path::PHONE,
    path::EMAIL,
];

/// The identity step.
#[component]
pub fn IdentityStep(draft: Draft) -> impl IntoView {
    let i18n = use_i18n();
    // Typing a NIK fills an empty birth date and sex from it (a domain rule); a disagreement
    // with what was already entered is left for the cross-field rule to flag.
    let nik_lens = crate::components::form::draft::Lens {
        path: path::NIK,
        get: |s| s.form.participant.nik.clone(),
        set: |s, v| {
            s.form.participant.nik = v;
            s.form.participant.fill_from_nik(crate::clock::today());
        },
    };
    // A NIK has no check digit: the one offline hint of a typo is a region that does not exist.
    let region_warning = Memo::new(move |_| {
        draft.sub.with(|s| {
            domain::Nik::parse(&s.form.participant.nik)
                .ok()
                .and_then(|nik| nik.likely_typo())
        })
    });
    let sex = move || draft.sub.with(|s| s.form.participant.sex.clone());
    let set_sex =
        move |v: &'static str| draft.change(path::SEX, |s| s.form.participant.sex = v.into());
    view! {
        <TextField draft lens=nik_lens label=t::NIK hint=t::NIK_HINT inputmode="numeric"/>
        <p class="field-warning" aria-live="polite">
            {move || region_warning.get().map(|w| i18n.t(&crate::i18n::errors::nik_warning(w)))}
        </p>
        <TextField draft lens=lens!(path::FULL_NAME => participant.full_name) label=t::FULL_NAME autocomplete="name"/>
        <TextField draft lens=lens!(path::PLACE_OF_BIRTH => participant.place_of_birth) label=t::PLACE_OF_BIRTH/>
        <TextField draft lens=lens!(path::BIRTH_DATE => participant.birth_date) label=t::BIRTH_DATE kind="date"/>
        <fieldset class="field" aria-describedby="f-participant-sex-error">
            <legend>{move || i18n.t(&t::SEX)}</legend>
            <label class="radio">
                <input type="radio" name="sex" value="L" prop:checked=move || sex() == "L" on:change=move |_| set_sex("L")/>
                {move || i18n.t(&t::MALE)}
            </label>
            <label class="radio">
                <input type="radio" name="sex" value="P" prop:checked=move || sex() == "P" on:change=move |_| set_sex("P")/>
                {move || i18n.t(&t::FEMALE)}
            </label>
            <crate::components::form::fields::FieldError draft path=path::SEX/>
        </fieldset>
        <TextField draft lens=lens!(path::MOTHER_MAIDEN_NAME => participant.mother_maiden_name) label=t::MOTHER optional=true/>
        <TextField draft lens=lens!(path::PHONE => participant.phone) label=t::PHONE kind="tel" inputmode="tel" autocomplete="tel"/>
        <TextField draft lens=lens!(path::EMAIL => participant.email) label=t::EMAIL kind="email" inputmode="email" autocomplete="email" optional=true/>
    }
}
