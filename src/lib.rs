//! Lindungi, the installable app with which officers and traders register Kota
//! Mojokerto's micro-business actors into BPJS Ketenagakerjaan, offline first.

pub mod api;
pub mod backup;
pub mod clock;
pub mod components;
pub mod crypto;
pub mod format;
pub mod i18n;
pub mod ids;
pub mod keyring;
pub mod koperasi;
pub mod pages;
pub mod persist;
pub mod pwa;
pub mod routes;
pub mod settings;
pub mod store;
pub mod sync;
pub mod worklist;

use leptos::prelude::*;
use leptos_router::components::Router;

#[component]
pub fn App() -> impl IntoView {
    i18n::provide_i18n();
    clock::provide_clock();
    pwa::provide();
    let store = store::context::provide_store();
    koperasi::provide_koperasi(store);
    let worklist = worklist::provide_worklist(store);
    sync::provide_sync(store, worklist);
    view! {
        <Router>
            <components::common::Header/>
            <pages::unlock::PinGate preload=pages::lazy::preload_screens>
            // The route table and every screen: a chunk of their own (`pages::lazy::screens`).
            <pages::lazy::Screens/>
            </pages::unlock::PinGate>
            // After the screen, kept in view at the bottom: a notice that appears late (the
            // install prompt fires after load) must not push the screen down under a thumb.
            <div class="pwa-notices">
                <components::common::Notices/>
                <components::pwa::PwaNotices/>
            </div>
        </Router>
    }
}
