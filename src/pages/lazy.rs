//! The screens that are not the first, each loaded apart from the first screen's code.
//!
//! A phone's first visit downloads only what home (`/`) needs before it can show it; each
//! screen below is a `#[lazy_route]`, so its view code (and whatever only it uses: the form's
//! steps, the KBLI list, the backup file…) is split into WebAssembly chunks of its own by the
//! build (`scripts/build-wasm.mjs`, see docs/architecture.md). Where no service worker serves
//! the page yet (the first visit; it precaches every chunk for the next ones), once home is on
//! the screen [`load_the_others`] downloads them in the background, so that once the app has
//! started a screen opens with no signal too, as it did when the app was one module.
//!
//! The screens themselves stay plain components in their own modules; these wrappers are the
//! only place that knows they are lazy. The `no-split` feature builds them into the main module
//! instead, the baseline `scripts/bench` measures the split against.

use leptos::prelude::*;
#[cfg(not(feature = "no-split"))]
use leptos_router::lazy_route;
use leptos_router::{
    Lazy, LazyRoute,
    components::{Route, Routes},
    hooks::use_location,
    location::{BrowserUrl, LocationProvider},
    path,
};

use super::{enroll, form, home, koperasi, list, new, not_found, record, settings, worklist};

/// The route table, with the screens whose code has no chunk of its own (home, `/baru`, an
/// address the app does not know). Nothing here is drawn before the PIN is typed, so it is a
/// function whose code is a chunk of its own too (`#[lazy]`: the router's matching, the table's
/// view types, home), fetched while the PIN is typed ([`preload_screens`]) and built by
/// [`Screens`] once the store is open.
#[cfg_attr(not(feature = "no-split"), leptos::lazy)]
async fn screens() -> AnyView {
    view! {
        <Routes fallback=not_found::NotFound>
            <Route path=path!("/") view=home::HomePage/>
            <Route path=path!("/baru") view=new::NewPage/>
            <Route path=path!("/daftar/:id") view={Lazy::<Form>::new()}/>
            <Route path=path!("/data") view={Lazy::<List>::new()}/>
            <Route path=path!("/data/:id") view={Lazy::<Record>::new()}/>
            <Route path=path!("/koperasi") view={Lazy::<Koperasi>::new()}/>
            <Route path=path!("/pengaturan") view={Lazy::<Settings>::new()}/>
            <Route path=path!("/perangkat") view={Lazy::<Enroll>::new()}/>
            <Route path=path!("/belum-terdaftar") view={Lazy::<Worklist>::new()}/>
        </Routes>
    }
    .into_any()
}

/// Fetches the route table's code ([`screens`]) in the background: called with the store's
/// opening, at the first digit of the PIN.
pub fn preload_screens() {
    #[cfg(not(feature = "no-split"))]
    wasm_bindgen_futures::spawn_local(__preload_screens());
}

/// Declares lazily loaded screens: unit route types whose views are the given pages, and
/// [`Screen`], which loads one screen's code.
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

        /// A screen whose code is a chunk of its own.
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        pub enum Screen {
            $($(#[$doc])* $name,)*
        }

        impl Screen {
            /// Loads this screen's code (at once if it is already here).
            pub async fn load(self) {
                match self {
                    $(Screen::$name => <$name as LazyRoute>::preload().await,)*
                }
            }
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
    /// `/belum-terdaftar`: the officer's worklist.
    Worklist => worklist::WorklistPage,
}

/// Downloads every chunk's bytes in the background, after the first screen is painted, so
/// that each screen opens with no signal too — unless a service worker serves this page: it
/// holds every chunk already, and a cheap phone's processor is left to the first screen at every
/// start.
///
/// Only the bytes: they land in the browser's HTTP cache (the endpoint serves every chunk as
/// `immutable` under a name that is its content hash, so the cache answers with no network,
/// signal or not), and a chunk is compiled and instantiated only when its screen is opened
/// (`LazyRoute::preload` would instantiate each at once, on the main thread). The list of
/// chunks is the build's (`globalThis.lindungiChunks`, set by the split loader that
/// `scripts/build-wasm.mjs` writes); a build without the split has none: nothing to download.
pub fn load_the_others() {
    if served_by_worker() {
        return;
    }
    request_animation_frame(|| {
        set_timeout(
            || {
                let queue = std::rc::Rc::new(std::cell::RefCell::new(chunk_urls().into_iter()));
                for _ in 0..DOWNLOAD_LANES {
                    let queue = queue.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        loop {
                            let next = queue.borrow_mut().next();
                            let Some(url) = next else { break };
                            download(url).await;
                        }
                    });
                }
            },
            std::time::Duration::ZERO,
        )
    });
}

/// How many chunks are downloaded at once. Each `fetch()` costs the page's main thread about
/// 2 ms on a phone 4× slower than this machine; starting all 83 in one task made a task of a
/// quarter of a second, the first visit's longest (a Chrome trace of the load, BENCHMARKS.md).
/// A few lanes, each starting its next download when the last one has arrived, keep every
/// task short while the network stays busy.
const DOWNLOAD_LANES: usize = 4;

/// The URL of every chunk of this build, as the split loader lists them.
fn chunk_urls() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    match js_sys::Reflect::get(&window, &"lindungiChunks".into()) {
        Ok(list) if js_sys::Array::is_array(&list) => js_sys::Array::from(&list)
            .iter()
            .filter_map(|url| url.as_string())
            .collect(),
        _ => Vec::new(),
    }
}

/// Downloads one chunk whole (a body never read may not be kept). A failure is left alone: the
/// chunk is fetched again, with its retries, when its screen is opened.
async fn download(url: String) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(response) = JsFuture::from(window.fetch_with_str(&url)).await else {
        return;
    };
    if let Ok(response) = response.dyn_into::<web_sys::Response>()
        && let Ok(body) = response.array_buffer()
    {
        let _ = JsFuture::from(body).await;
    }
}

/// Whether a service worker controls this page (the app's own, with every chunk precached).
fn served_by_worker() -> bool {
    web_sys::window().is_some_and(|w| w.navigator().service_worker().controller().is_some())
}

impl Screen {
    /// The screen shown at `path`, as the routes in [`screens`] place them; `None` for home,
    /// `/baru` and addresses the app does not know, whose code comes with the route table.
    pub fn at(path: &str) -> Option<Screen> {
        let mut parts = path.trim_end_matches('/').split('/').skip(1);
        match (parts.next(), parts.next(), parts.next()) {
            (Some("daftar"), Some(id), None) if !id.is_empty() => Some(Screen::Form),
            (Some("data"), None, None) => Some(Screen::List),
            (Some("data"), Some(id), None) if !id.is_empty() => Some(Screen::Record),
            (Some("koperasi"), None, None) => Some(Screen::Koperasi),
            (Some("pengaturan"), None, None) => Some(Screen::Settings),
            (Some("perangkat"), None, None) => Some(Screen::Enroll),
            (Some("belum-terdaftar"), None, None) => Some(Screen::Worklist),
            _ => None,
        }
    }
}

/// Shows the screens (the route table, [`screens`]) once its code and the code of the screen at
/// the current address are here; until then, a line saying the screen is opening.
///
/// Leptos's router (0.8.17, `Routes` and `FlatRoutes` alike) mounts the first screen only when
/// its code has arrived, and then mounts it whatever the address has become meanwhile. An
/// officer who opened the app on the list with a weak signal and tapped "Lindungi" saw nothing
/// until the list's code came, and then the list under the address of home, with no way back
/// to home but a reload. Later navigations are not affected: the router drops a screen that is
/// left before its code arrives. So the routes are first built only once the screen they open
/// on can be shown at once, for whichever address the officer is at by then, and that address
/// is then put in the address bar (`tests/e2e/screen-left-while-loading.spec.ts`).
#[component]
pub fn Screens() -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let pathname = use_location().pathname;
    let wanted = Memo::new(move |_| Screen::at(&pathname.get()));
    let loaded = RwSignal::new(Vec::<Screen>::new());
    // The route table, once its code is here: built once, and taken out by the view below. It is
    // built under this component's owner (its `<Routes>` finds the router's context there),
    // tracking nothing.
    let table = RwSignal::new_local(None::<AnyView>);
    let built = leptos::reactive::computed::ScopedFuture::new_untracked(screens());
    wasm_bindgen_futures::spawn_local(async move {
        let view = built.await;
        table.try_set(Some(view));
    });
    let open = Memo::new(move |was: Option<&bool>| {
        was == Some(&true)
            || (table.with(Option::is_some)
                && wanted
                    .get()
                    .is_none_or(|screen| loaded.with(|l| l.contains(&screen))))
    });
    Effect::new(move |_| {
        if let Some(screen) = wanted.get()
            && !open.get_untracked()
        {
            wasm_bindgen_futures::spawn_local(async move {
                screen.load().await;
                loaded.try_update(|l| l.push(screen));
            });
        }
    });
    // A tap on a link while the routes were not built yet changed the address the app shows,
    // but the router puts it in the address bar (and the history) only once the routes say the
    // new screen is ready, which a first build never says: say it here.
    let browser = use_context::<BrowserUrl>();
    Effect::new(move |_| {
        if open.get()
            && let Some(browser) = &browser
        {
            browser.ready_to_complete();
        }
    });
    view! {
        <Show
            when=move || open.get()
            fallback=move || {
                view! {
                    <main class="page">
                        <p class="opening" role="status">{move || i18n.t(&crate::i18n::common::OPENING)}</p>
                    </main>
                }
            }
        >
            // Once: `open` stays true, so this runs when the table has come, and takes it.
            {move || table.try_update_untracked(Option::take).flatten()}
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::Screen;
    use crate::routes;

    #[test]
    fn each_address_is_the_screen_the_routes_show_there() {
        assert_eq!(Screen::at(&routes::form("0b6c")), Some(Screen::Form));
        assert_eq!(Screen::at(routes::LIST), Some(Screen::List));
        assert_eq!(Screen::at("/data/"), Some(Screen::List));
        assert_eq!(Screen::at(&routes::record("0b6c")), Some(Screen::Record));
        assert_eq!(Screen::at(routes::KOPERASI), Some(Screen::Koperasi));
        assert_eq!(Screen::at(routes::SETTINGS), Some(Screen::Settings));
        assert_eq!(Screen::at(routes::ENROLL), Some(Screen::Enroll));
        assert_eq!(Screen::at(routes::WORKLIST), Some(Screen::Worklist));
    }

    #[test]
    fn home_new_and_unknown_addresses_come_with_the_route_table() {
        for path in [
            routes::HOME,
            routes::NEW,
            "",
            "/daftar",
            "/daftar/",
            "/data/a/b",
            "/lain",
            "/koperasi/x",
        ] {
            assert_eq!(Screen::at(path), None, "{path}");
        }
    }
}
