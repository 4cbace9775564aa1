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
use leptos_router::{
    Lazy,
    components::{Route, Router, Routes},
    path,
};

/// The whole app: providers, the frame every screen shares, and the screens.
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
            <pages::unlock::PinGate>
            <pages::lazy::OnceScreenLoaded>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::HomePage/>
                    <Route path=path!("/baru") view=pages::new::NewPage/>
                    // Every screen but home is loaded when first opened (pages/lazy.rs).
                    <Route path=path!("/daftar/:id") view={Lazy::<pages::lazy::Form>::new()}/>
                    <Route path=path!("/data") view={Lazy::<pages::lazy::List>::new()}/>
                    <Route path=path!("/data/:id") view={Lazy::<pages::lazy::Record>::new()}/>
                    <Route path=path!("/koperasi") view={Lazy::<pages::lazy::Koperasi>::new()}/>
                    <Route path=path!("/pengaturan") view={Lazy::<pages::lazy::Settings>::new()}/>
                    <Route path=path!("/perangkat") view={Lazy::<pages::lazy::Enroll>::new()}/>
                    <Route path=path!("/belum-terdaftar") view={Lazy::<pages::lazy::Worklist>::new()}/>
                </Routes>
            </pages::lazy::OnceScreenLoaded>
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
