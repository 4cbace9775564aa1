//! Step 2: where the participant lives. The 18 kelurahan are listed under their kecamatan.

use domain::{Kecamatan, errors::path};
use leptos::prelude::*;

use crate::{
    components::form::{
        draft::Draft,
        fields::{CheckField, SelectField, TextField},
    },
    i18n::{I18n, form as t, use_i18n},
    lens, toggle,
};

/// Paths of this step, for "Next".
pub const PATHS: &[&str] = &[
    path::STREET,
    path::RT,
    path::RW,
    path::KELURAHAN,
    path::CITY,
];

/// The 18 kelurahan grouped under their kecamatan, with `current` (a code) selected: for
/// every kelurahan drop-down (the participant's, a koperasi's).
pub fn kelurahan_options(i18n: I18n, current: &str) -> AnyView {
    view! {
        <option value="" selected=current.is_empty()>{i18n.t(&t::CHOOSE_KELURAHAN)}</option>
        {Kecamatan::ALL.iter().map(|k| view! {
            <optgroup label=format!("{} {}", i18n.t(&t::KECAMATAN), k.name())>
                {k.kelurahan().map(|kel| view! {
                    <option value=kel.code() selected=current == kel.code()>{kel.name()}</option>
                }).collect_view()}
            </optgroup>
        }).collect_view()}
    }
    .into_any()
}

/// The address step.
#[component]
pub fn AddressStep(draft: Draft) -> impl IntoView {
    let i18n = use_i18n();
    let outside = move || draft.sub.with(|s| s.form.address.outside_city);
    let kelurahan_options = Callback::new(move |current: String| kelurahan_options(i18n, &current));
    view! {
        <CheckField draft toggle=toggle!("address.outside_city" => address.outside_city) label=t::OUTSIDE_CITY/>
        <Show
            when=outside
            fallback=move || view! {
                <TextField draft lens=lens!(path::STREET => address.street) label=t::STREET autocomplete="street-address"/>
                <div class="row">
                    <TextField draft lens=lens!(path::RT => address.rt) label=t::RT inputmode="numeric"/>
                    <TextField draft lens=lens!(path::RW => address.rw) label=t::RW inputmode="numeric"/>
                </div>
                <SelectField draft lens=lens!(path::KELURAHAN => address.kelurahan) label=t::KELURAHAN options=kelurahan_options/>
            }
        >
            <TextField draft lens=lens!(path::STREET => address.street) label=t::FULL_ADDRESS autocomplete="street-address"/>
            <TextField draft lens=lens!(path::CITY => address.city) label=t::CITY/>
        </Show>
    }
}
