//! Lindungi, the installable app with which officers and traders register Kota
//! Mojokerto's micro-business actors into BPJS Ketenagakerjaan, offline first.

pub mod api;
pub mod pages;
pub mod store;

use leptos::prelude::*;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! { <pages::skeleton::SkeletonPage/> }
}
