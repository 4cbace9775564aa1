//! Lindungi, the installable app with which officers and traders register Kota
//! Mojokerto's micro-business actors into BPJS Ketenagakerjaan, offline first.

pub mod api;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod store;

use leptos::prelude::*;

/// The whole app: providers, the frame every screen shares, and the screens.
#[component]
pub fn App() -> impl IntoView {
    i18n::provide_i18n();
    view! {
        <components::common::Header/>
        <pages::skeleton::SkeletonPage/>
    }
}
