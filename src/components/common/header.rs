//! The top bar: the app's name and the language switch.

use leptos::prelude::*;

use crate::i18n::{Lang, common, use_i18n};

/// The top bar of every screen.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let other = move || match i18n.lang() {
        Lang::Id => Lang::En,
        Lang::En => Lang::Id,
    };
    view! {
        <header class="topbar">
            <a class="brand" href=crate::routes::HOME>{move || i18n.t(&common::APP_NAME)}</a>
            <button
                type="button"
                class="lang-switch"
                lang=move || other().tag()
                title=move || i18n.t(&common::LANGUAGE)
                on:click=move |_| i18n.set(other())
            >
                {move || i18n.t(&common::SWITCH_TO_OTHER)}
            </button>
        </header>
    }
}
