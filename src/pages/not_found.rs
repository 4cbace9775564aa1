//! Any other address.

use leptos::prelude::*;

use crate::{i18n::use_i18n, routes, text};

/// "Not found", with the way home.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    let title = text!("Halaman tidak ada", "Page not found");
    let home = text!("Ke beranda", "To home");
    view! {
        <main class="page">
            <h1>{move || i18n.t(&title)}</h1>
            <a href=routes::HOME>{move || i18n.t(&home)}</a>
        </main>
    }
}
