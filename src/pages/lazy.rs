//! The screens that are not the first, each loaded apart from the first screen's code.
//!
//! A phone's first visit downloads only what home (`/`) needs before it can show it; each
//! screen below is a `#[lazy_route]`, so its view code (and whatever only it uses: the form's
//! steps, the KBLI list, the backup file…) is split into WebAssembly chunks of its own by the
//! build (`scripts/build-wasm.mjs`, see docs/architecture.md). Once home is on the screen,
//! [`load_the_others`] fetches them in the background, so that a screen opens at once and,
//! once the app has started, with no signal too — also where there is no service worker yet (it
//! precaches every chunk after the first visit) — as it did when the app was one module.
//!
//! The screens themselves stay plain components in their own modules; these wrappers are the
//! only place that knows they are lazy. The `no-split` feature builds them into the main module
//! instead, the baseline `scripts/bench` measures the split against.

use leptos::prelude::*;
use leptos_router::LazyRoute;
#[cfg(not(feature = "no-split"))]
use leptos_router::lazy_route;

use super::{enroll, form, koperasi, list, record, settings};

/// Declares lazily loaded screens: unit route types whose views are the given pages, and a
/// function that loads them all.
macro_rules! lazy_screens {
    ($($(#[$doc:meta])* $name:ident => $page:path,)*) => {
        $(
            $(#[$doc])*
            pub struct $name;

            #[cfg(not(feature = "no-split"))]
            #[lazy_route]
            impl LazyRoute for $name {
                fn data() -> Self {
                    $name
                }

                fn view(_this: Self) -> AnyView {
                    $page().into_any()
                }
            }

            #[cfg(feature = "no-split")]
            impl LazyRoute for $name {
                fn data() -> Self {
                    $name
                }

                async fn view(_this: Self) -> AnyView {
                    $page().into_any()
                }
            }
        )*

        /// Loads every screen's code in the background, after the first screen is painted.
        pub fn load_the_others() {
            request_animation_frame(|| {
                set_timeout(
                    || {
                        $(wasm_bindgen_futures::spawn_local(<$name as LazyRoute>::preload());)*
                    },
                    std::time::Duration::ZERO,
                )
            });
        }
    };
}

lazy_screens! {
    /// `/daftar/:id`: the registration form.
    Form => form::FormPage,
    /// `/data`: every registration on this phone.
    List => list::ListPage,
    /// `/data/:id`: one registration, read-only.
    Record => record::RecordPage,
    /// `/koperasi`: the koperasi on this phone.
    Koperasi => koperasi::KoperasiPage,
    /// `/pengaturan`: storage and backup.
    Settings => settings::SettingsPage,
    /// `/perangkat`: enrolling this phone.
    Enroll => enroll::EnrollPage,
}
